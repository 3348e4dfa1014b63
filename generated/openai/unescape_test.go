package openai

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// stringPieces are what strings with escapes are made of: plain runs,
// every escape, UTF-8 of each length, invalid UTF-8 (a stray continuation
// byte, a truncated sequence, a surrogate encoded in UTF-8, an overlong
// form), and surrogate pairs and lone surrogates as \u escapes.
var stringPieces = []string{
	"a", "plain", "0123456789abcdef", " ", "'",
	`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u0041`, `\u00e9`, `\u20AC`, `\u0000`,
	`\ud83d\ude00`, `\ud83d`, `\ude00`, `\ud83dx`, `\ud83d\u0041`,
	"é", "日本", "😀", "\x80", "\xe6\x97", "\xed\xa0\x80", "\xc0\xaf", "\xff",
}

// badPieces are what a string may not hold: invalid escapes and control
// characters. One list in four gets one of them.
var badPieces = []string{`\x`, `\u12`, `\u12G4`, `\U0041`, "\x01", "\x1f", "\t", "\n"}

// TestStringsMatchEncodingJSON decodes strings built from stringPieces, of
// every length from a few bytes to a few hundred, and requires for each
// what encoding/json makes of it: the same string, or an error from both.
// Each list of strings is decoded by one decoder, so that they are written
// into its chunks back to back; every string is compared after the whole
// list is decoded and the input overwritten, so a string written over by
// the next one, or one that aliases the input, fails. The chunk's spare
// room is varied (a first string of 0 to 40 bytes), so each string meets
// a word loop with and without room, and an end of room within it.
func TestStringsMatchEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 4000 {
		var list []string
		for range 1 + rng.IntN(8) {
			var b strings.Builder
			for n := rng.IntN(1 + round%60); n > 0; n-- {
				b.WriteString(stringPieces[rng.IntN(len(stringPieces))])
			}
			list = append(list, b.String())
		}
		if rng.IntN(4) == 0 {
			i := rng.IntN(len(list))
			at := rng.IntN(len(list[i]) + 1)
			list[i] = list[i][:at] + badPieces[rng.IntN(len(badPieces))] + list[i][at:]
		}
		var in bytes.Buffer
		in.WriteString(`["` + strings.Repeat("p", rng.IntN(41)) + `"`)
		for _, s := range list {
			in.WriteString(`, "` + s + `"`)
		}
		in.WriteString("]")
		var want []string
		wantErr := json.Unmarshal(in.Bytes(), &want)

		data := bytes.Clone(in.Bytes())
		var got []string
		d := newDecoder(data)
		err := d.finish(func() error {
			for i := 0; ; i++ {
				more, err := d.element(i)
				if !more || err != nil {
					return err
				}
				s, err := d.str()
				if err != nil {
					return err
				}
				got = append(got, s)
			}
		}())
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, encoding/json's %v", in.Bytes(), err, wantErr)
		}
		if err != nil {
			continue
		}
		clear(data)
		if len(got) != len(want) {
			t.Fatalf("%q: %d strings, want %d", in.Bytes(), len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%q: string %d is %q, want %q", in.Bytes(), i, got[i], want[i])
			}
		}
	}
}
