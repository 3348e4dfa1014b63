package openai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// TestMapsEncodeSorted checks that maps encode with their keys in order
// (so output is deterministic) on both sides of the small-map path, and
// that nothing is lost or repeated.
func TestMapsEncodeSorted(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 8, 9, 17} {
		m := Metadata{}
		for i := range n {
			k := fmt.Sprintf("k%02d", (i*7)%n) // not in order
			m[k] = "v" + k
		}
		b, err := m.appendJSON(nil) // encoding/json would sort a plain map itself
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%d keys: %s: %v", n, b, err)
		}
		if len(back) != len(m) {
			t.Errorf("%d keys: decoded %d from %s", n, len(back), b)
		}
		for k, v := range m {
			if back[k] != v {
				t.Errorf("%d keys: %q = %q, want %q", n, k, back[k], v)
			}
		}
		var keys []string
		d := json.NewDecoder(bytes.NewReader(b))
		d.Token() // {
		for d.More() {
			k, _ := d.Token()
			keys = append(keys, k.(string))
			d.Token() // the value
		}
		if !slices.IsSorted(keys) {
			t.Errorf("%d keys: not sorted: %s", n, b)
		}
	}
}
