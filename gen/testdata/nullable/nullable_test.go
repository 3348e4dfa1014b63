package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestFreeFormAndMixedMaps: a free-form object is kept as the bytes that
// arrived; a map of values of several types holds each typed; neither may
// alias the caller's input.
func TestFreeFormAndMixedMaps(t *testing.T) {
	const settings = `{"b": [2,3],"a":{"z":1}}`
	in := []byte(`{"id":1,"name":"n","tag":null,"owner":null,"nickname":null,"settings":` + settings + `,"mixed":{"a":1,"b":"x","c":2.5}}`)
	var p Pet
	if err := p.UnmarshalJSON(in); err != nil {
		t.Fatal(err)
	}
	if got := string(p.Settings.Value()); got != settings {
		t.Fatalf("settings %s, want %s", got, settings)
	}
	out, err := p.MarshalJSON()
	if err != nil || string(out) != string(in) {
		t.Fatalf("re-encoded %s, %v; want %s", out, err, in)
	}
	mixed := p.Mixed.Value()
	a, aok := mixed["a"].AsNumber()
	b, bok := mixed["b"].AsString()
	c, cok := mixed["c"].AsNumber()
	if a != 1 || b != "x" || c != 2.5 || !aok || !bok || !cok {
		t.Fatalf("a=%v b=%v c=%v", mixed["a"], mixed["b"], mixed["c"])
	}
	copy(in, bytes.Repeat([]byte("x"), len(in)))
	if b, _ := mixed["b"].AsString(); b != "x" || string(p.Settings.Value()) != settings {
		t.Fatal("decoded values must not alias the input")
	}
	// Values of another shape are kept as they came, the fields unset.
	for _, other := range []string{`{"id":1,"settings":[1]}`, `{"id":1,"settings":"s"}`, `{"id":1,"mixed":[]}`, `{"id":1,"history":[{},1]}`} {
		var q Pet
		if err := q.UnmarshalJSON([]byte(other)); err != nil {
			t.Errorf("%s: %v", other, err)
		} else if out, err := q.MarshalJSON(); err != nil || string(out) != other || q.Settings.IsSet() || q.Mixed.IsSet() || q.History.IsSet() {
			t.Errorf("%s: decoded %+v, re-encoded %s, %v", other, q, out, err)
		}
	}
	for _, bad := range []string{`{"id":1,"settings":[1}`, `{"id":1,"settings":"s}`, `{"id":1,"mixed":[}`, `{"id":1,"history":[{},1}`} {
		var q Pet
		if err := q.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("%s: decoded, want an error", bad)
		} else if !strings.Contains(err.Error(), "Pet.") {
			t.Errorf("%s: error %v does not name the member", bad, err)
		}
	}
	list := []byte(`{"id":1,"name":"n","tag":null,"owner":null,"nickname":null,"history":[{"a": 1},null,{}]}`)
	var h Pet
	if err := h.UnmarshalJSON(list); err != nil {
		t.Fatal(err)
	}
	if out, err := h.MarshalJSON(); err != nil || string(out) != string(list) {
		t.Fatalf("re-encoded %s, %v; want %s", out, err, list)
	}
	h.History = Some([]json.RawMessage{json.RawMessage(`{}`), json.RawMessage(`"s"`)})
	if out, err := h.MarshalJSON(); err == nil {
		t.Fatalf("a string in a list of objects encoded as %s", out)
	}
}

// TestRequiredNilListsSentEmpty: a required list or map left nil in Go is
// sent empty, as its schema asks, not as null; one that arrived null,
// empty or absent goes back as it came.
func TestRequiredNilListsSentEmpty(t *testing.T) {
	if out, err := (Crate{}).MarshalJSON(); err != nil || string(out) != `{"items":[],"labels":{}}` {
		t.Errorf("Crate{} encoded %s, %v", out, err)
	}
	for _, in := range []string{`{"items":null,"labels":null}`, `{"items":[],"labels":{}}`, `{}`, `{"items":["a"],"labels":{"k":"v"}}`} {
		var c Crate
		if err := c.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if out, err := c.MarshalJSON(); err != nil || string(out) != in {
			t.Errorf("%s re-encoded as %s, %v", in, out, err)
		}
	}
}
