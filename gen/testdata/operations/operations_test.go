package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func serve(t *testing.T, h http.HandlerFunc) *Client {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
}

// TestParametersReachTheServer: query and header parameters are sent when
// set and only then, beside a path key's fixed query and the options of
// one call.
func TestParametersReachTheServer(t *testing.T) {
	type seen struct {
		path, query, trace, team string
	}
	var got []seen
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, seen{r.URL.Path, r.URL.RawQuery, r.Header.Get("X-Trace"), r.Header.Get("X-Team")})
		switch r.Method {
		case "GET":
			io.WriteString(w, `{"id":"i1"}`)
		case "POST":
			w.WriteHeader(201)
			io.WriteString(w, `[{"id":"i2"}]`)
		default:
			w.WriteHeader(204)
		}
	})
	ctx := context.Background()
	if item, err := c.GetItem(ctx, "acme", 7, GetItemParams{Fields: Some([]string{"a", "b"}), XTrace: "t1"}); err != nil || item.ID != "i1" {
		t.Fatalf("GetItem: %+v, %v", item, err)
	}
	if _, err := c.GetItem(ctx, "acme", 8, GetItemParams{XTrace: "t2"}); err != nil {
		t.Fatal(err)
	}
	if items, err := c.CreateItem(ctx, CreateItemRequest{Name: Some("n")}, WithQuery("x", "1"), WithRequestHeader("X-Team", "blue")); err != nil || len(items) != 1 {
		t.Fatalf("CreateItem: %+v, %v", items, err)
	}
	if err := c.DeleteItem(ctx, "acme", 9); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{"/orgs/acme/items/7", "fields=a%2Cb", "t1", ""},
		{"/orgs/acme/items/8", "", "t2", ""},
		{"/items", "beta=true&x=1", "", "blue"},
		{"/orgs/acme/items/9", "", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d requests, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

// TestTextPlainParameters: a parameter given as text/plain content is sent
// as its text, escaped for where it goes.
func TestTextPlainParameters(t *testing.T) {
	var path, query string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		path, query = r.URL.EscapedPath(), r.URL.RawQuery
		w.WriteHeader(204)
	})
	if err := c.Echo(context.Background(), "a b/c", EchoParams{Count: Some[int64](3)}); err != nil {
		t.Fatal(err)
	}
	if path != "/echo/a%20b%2Fc" || query != "count=3" {
		t.Fatalf("path %q, query %q", path, query)
	}
}
