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
