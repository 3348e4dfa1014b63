package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"encoding/json"
	"testing"
)

// TestPinnedEnumMember: a required member pinned to the one value of a
// named enum keeps what arrived (the value, another one, "", null or
// nothing), and a value built in Go sends the pinned value.
func TestPinnedEnumMember(t *testing.T) {
	for _, body := range []string{`{"ttl":"30m"}`, `{"ttl":"1h"}`, `{"ttl":""}`, `{"ttl":null}`, `{}`} {
		var v CacheOptions
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if out, err := json.Marshal(v); err != nil || string(out) != body {
			t.Errorf("%s: encodes as %s, %v", body, out, err)
		}
	}
	if out, err := json.Marshal(CacheOptions{}); err != nil || string(out) != `{"ttl":"30m"}` {
		t.Errorf("zero value encodes as %s, %v", out, err)
	}
}

// TestFreeFormVariant: a union variant that is a free-form object takes
// objects by their first byte and keeps their bytes; other kinds it has
// no variant for stay raw; a variant built in Go is checked on the way out.
func TestFreeFormVariant(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind SettingKind
	}{
		{`"fast"`, SettingKindString},
		{`{"b": 1, "a": [true]}`, SettingKindObject},
		{`{}`, SettingKindObject},
		{`[1, 2]`, SettingKindUnknown},
		{`12`, SettingKindUnknown},
	} {
		var s Setting
		if err := s.UnmarshalJSON([]byte(c.in)); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if s.Kind() != c.kind {
			t.Errorf("%s: kind %v, want %v", c.in, s.Kind(), c.kind)
		}
		if out, err := s.MarshalJSON(); err != nil || string(out) != c.in {
			t.Errorf("%s: re-encoded %s, %v", c.in, out, err)
		}
	}
	if out, err := SettingOfObject(json.RawMessage(`[1]`)).MarshalJSON(); err == nil {
		t.Errorf("an array as the object variant encoded as %s, want an error", out)
	}
}
