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
// arrived; a map of mixed values shares one copy of their bytes, and no
// value may overwrite its neighbour or alias the caller's input.
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
	mixed["a"] = append(mixed["a"], '0')
	if string(mixed["a"]) != "10" || string(mixed["b"]) != `"x"` || string(mixed["c"]) != "2.5" {
		t.Fatalf("a=%s b=%s c=%s", mixed["a"], mixed["b"], mixed["c"])
	}
	copy(in, bytes.Repeat([]byte("x"), len(in)))
	if string(mixed["b"]) != `"x"` || string(p.Settings.Value()) != settings {
		t.Fatal("decoded values must not alias the input")
	}
	for _, bad := range []string{`{"id":1,"settings":[1]}`, `{"id":1,"settings":"s"}`, `{"id":1,"mixed":[]}`, `{"id":1,"history":[{},1]}`} {
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
