package openai

import "testing"

// TestFirstElement: the look-ahead that tells a union's array variants
// apart sees the first byte of the first element past any white space,
// 0 for an empty or cut-off array, and does not move the decoder.
func TestFirstElement(t *testing.T) {
	for in, want := range map[string]byte{
		`[]`:              0,
		"[ \t\r\n]":       0,
		`[`:               0,
		"[ \n ":           0,
		`["a"]`:           '"',
		"[\n  {\"a\":1}]": '{',
		`[[1]]`:           '[',
		`[-1]`:            '-',
		`[ true]`:         't',
		`[null]`:          'n',
	} {
		d := newDecoder([]byte(in))
		if got := d.firstElement(); got != want || d.pos != 0 {
			t.Errorf("%q: %q at %d, want %q at 0", in, got, d.pos, want)
		}
	}
}
