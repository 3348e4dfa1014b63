package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestReadOnlyLeftOutOfRequests: a required read-only member holding its
// zero value is not written (a request built in Go must leave it out:
// kin-openapi's request validation refuses "readOnly property in
// request"), while one that arrived, zero or null, goes back as it came.
func TestReadOnlyLeftOutOfRequests(t *testing.T) {
	built := []struct {
		v    Thing
		want string
	}{
		{Thing{Name: "n"}, `{"name":"n"}`},
		{Thing{ID: "t1", Name: "n", Revision: 3, Tags: []string{"a"}, Created: "c"},
			`{"id":"t1","name":"n","revision":3,"tags":["a"],"created":"c"}`},
		{Thing{Name: "n", Note: Some("")}, `{"name":"n","note":""}`},
		{Thing{Name: "n", Owner: Owner{Login: Some("ann")}}, `{"name":"n","owner":{"login":"ann"}}`},
		// Objects Go cannot compare (a list inside) and unions are left
		// out while zero too, by their isZero methods.
		{Thing{Name: "n", Audit: Audit{Events: Some([]string{"made"})}}, `{"name":"n","audit":{"events":["made"]}}`},
		{Thing{Name: "n", Audit: Audit{By: Some("ann")}}, `{"name":"n","audit":{"by":"ann"}}`},
		{Thing{Name: "n", Shape: ThingShapeOfInteger(4)}, `{"name":"n","shape":4}`},
	}
	for _, c := range built {
		if out, err := c.v.MarshalJSON(); err != nil || string(out) != c.want {
			t.Errorf("%+v encoded %s, %v; want %s", c.v, out, err, c.want)
		}
	}
	for _, in := range []string{
		`{"id":"","name":"n","revision":0,"tags":[],"created":"","owner":{}}`,
		`{"id":null,"name":"n","revision":null,"tags":null,"created":null,"owner":{}}`,
		`{"name":"n","owner":{}}`,
		`{"id":"x","name":"n","revision":1,"tags":["a"],"created":"c","owner":{}}`,
		`{"name":"n"}`,
		`{"name":"n","owner":null}`,
		`{"name":"n","owner":{"login":"ann"}}`,
		`{"name":"n","audit":{},"shape":"round"}`,
		`{"name":"n","audit":{"events":[]},"shape":null}`,
		`{"name":"n","audit":null,"shape":0}`,
	} {
		var v Thing
		if err := v.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if out, err := v.MarshalJSON(); err != nil || string(out) != in {
			t.Errorf("%s re-encoded as %s, %v", in, out, err)
		}
	}
	// The last of a repeated member counts, as for every member.
	for in, want := range map[string]string{
		`{"id":"","id":"x","name":"n","owner":{}}`:  `{"id":"x","name":"n","owner":{}}`,
		`{"id":"x","id":"","name":"n","owner":{}}`:  `{"id":"","name":"n","owner":{}}`,
		`{"id":null,"id":"","name":"n","owner":{}}`: `{"id":"","name":"n","owner":{}}`,
	} {
		var v Thing
		if err := v.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if out, err := v.MarshalJSON(); err != nil || string(out) != want {
			t.Errorf("%s re-encoded as %s, %v; want %s", in, out, err, want)
		}
	}
}

// TestReadOnlyRequestBody: the client sends what the value encodes to.
func TestReadOnlyRequestBody(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"t1","name":"n","revision":1,"tags":[],"created":"2026-11-26","owner":{"login":"o"}}`)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
	stored, err := c.PutThing(context.Background(), "t1", Thing{Name: "n"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"name":"n"}`; got != want {
		t.Errorf("sent %s, want %s", got, want)
	}
	if stored.ID != "t1" || stored.Revision != 1 || stored.Created != "2026-11-26" {
		t.Errorf("decoded %+v", stored)
	}
}

// TestReadOnlyLeftOutOfForms: a form body leaves a read-only field out
// while it is unset, as JSON does.
func TestReadOnlyLeftOutOfForms(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, string(b))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
	for _, body := range []PostThingFormRequest{{Name: "n"}, {ID: "t1", Name: "n"}} {
		if err := c.PostThingForm(context.Background(), body); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"name=n", "id=t1&name=n"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sent %q, want %q", got, want)
	}
}

// TestNullUnionWrittenBackWhileUnset: a required union that arrived null
// is written back null while it holds no variant, and once set in Go, as
// what it holds (it was written back null whatever it held).
func TestNullUnionWrittenBackWhileUnset(t *testing.T) {
	var v Labelled
	if err := v.UnmarshalJSON([]byte(`{"label":null}`)); err != nil {
		t.Fatal(err)
	}
	if out, err := v.MarshalJSON(); err != nil || string(out) != `{"label":null}` {
		t.Errorf("re-encoded as %s, %v", out, err)
	}
	v.Label = LabelledLabelOfString("set")
	if out, err := v.MarshalJSON(); err != nil || string(out) != `{"label":"set"}` {
		t.Errorf("set, encoded as %s, %v; want {\"label\":\"set\"}", out, err)
	}
}
