package openai

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
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

// randomString joins up to pieces of stringPieces: a string's content as
// JSON writes it.
func randomString(rng *rand.Rand, pieces int) string {
	var b strings.Builder
	for n := rng.IntN(1 + pieces); n > 0; n-- {
		b.WriteString(stringPieces[rng.IntN(len(stringPieces))])
	}
	return b.String()
}

// TestClosingQuote requires closingQuote to find the quote that ends a
// string wherever in its content it starts, and to find none, as the end
// of input, for a string that does not end.
func TestClosingQuote(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 3000 {
		s := `"` + randomString(rng, round%50) + `"`
		data := []byte(s + strings.Repeat(`x"`, rng.IntN(3)))
		d := newDecoder(data)
		end := len(s) - 1
		// Every place the content can go on from: not the byte after a
		// backslash.
		for i := 1; i <= end; i++ {
			if got, err := d.closingQuote(i); got != end || err != nil {
				t.Fatalf("%q from %d: %d, %v; want %d", data, i, got, err, end)
			}
			if data[i] == '\\' {
				i++
			}
		}
		for _, unended := range [][]byte{data[:end], data[:1]} {
			d.data = unended
			if _, err := d.closingQuote(1); err != errUnexpectedEnd {
				t.Fatalf("%q, unended: %v", unended, err)
			}
		}
	}
}

// TestStringsMatchEncodingJSON decodes strings built from stringPieces, of
// every length from a few bytes to a few thousand, and requires for each
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
			pieces := round % 60
			if round%50 == 0 {
				pieces = 600 // past 512 bytes, where grow goes by closingQuote
			}
			list = append(list, randomString(rng, pieces))
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

// TestLongStringAllocations decodes strings with escapes far longer than
// a chunk's room: each costs at most three allocations (the chunk it
// starts in, a step or two while it is short, then the size closingQuote
// finds), where letting append grow it took one per doubling (7 for 21 KB).
func TestLongStringAllocations(t *testing.T) {
	if raceBuild {
		t.Skip("counts a plain build's allocations; the race detector's build makes more (see raceBuild)")
	}
	for _, n := range []int{100, 1000, 5000, 20000, 100000} {
		s := strings.Repeat("line \"quoted\" é\n", n/16)
		in, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(20, func() {
			d := newDecoder(in)
			if got, err := d.str(); err != nil || got != s {
				t.Fatalf("%d bytes: %v, or a string that differs", len(s), err)
			}
		})
		if allocs > 3 {
			t.Errorf("%d bytes: %.0f allocations, want at most 3", len(s), allocs)
		}
	}
}

// TestRuneLenMatchesUTF8 runs runeLen over every three bytes that start
// with a non-ASCII byte: where it finds a rune, package utf8 must decode
// one of that length, and where it does not, utf8 must find no rune of two
// or three bytes there either. Shorter input finds nothing: runeLen looks
// at three bytes, and leaves a rune in the last two to utf8 (see its
// comment).
func TestRuneLenMatchesUTF8(t *testing.T) {
	b := make([]byte, 3)
	for c0 := 0x80; c0 < 0x100; c0++ {
		for c1 := range 0x100 {
			for c2 := range 0x100 {
				b[0], b[1], b[2] = byte(c0), byte(c1), byte(c2)
				n := runeLen(string(b), 0)
				r, wantN := utf8.DecodeRune(b)
				valid := r != utf8.RuneError || wantN > 1
				switch {
				case n > 0 && (n != wantN || !valid):
					t.Fatalf("% x: runeLen %d, utf8 %U/%d", b, n, r, wantN)
				case n == 0 && valid && wantN < 4:
					t.Fatalf("% x: runeLen found nothing, utf8 %U/%d", b, r, wantN)
				}
			}
		}
		if n := runeLen(string(b[:2]), 0); n != 0 {
			t.Fatalf("% x: runeLen %d past the end", b[:2], n)
		}
	}
}

// TestKeepCopies holds keep to its contract for values of every length
// around its 32-byte path, at every distance from the document's end and
// with every spare room in the chunk: the copy equals the value, its
// capacity ends with it (so a caller appending to a kept raw value copies
// it rather than write over the next one), it takes exactly its length of
// the chunk, and nothing kept before it changes. Clearing the document
// afterwards catches a copy that aliases it. The document's array holds
// sentinel bytes past its length, which keep must never read (they may be
// the caller's to write meanwhile): none may reach the chunk. Values from
// outside the document (unescaped keys) take the general path.
func TestKeepCopies(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const sentinel = '#'
	for n := range 40 {
		for after := range 40 {
			for room := range 40 {
				array := make([]byte, 5+n+after+40)
				for i := range array {
					array[i] = byte('a' + rng.IntN(26))
				}
				for i := 5 + n + after; i < len(array); i++ {
					array[i] = sentinel
				}
				doc := array[:5+n+after]
				src := doc[5 : 5+n]
				if rng.IntN(8) == 0 { // not the document's
					src = bytes.Clone(src)
				}
				want := string(src)
				chunk := make([]byte, 0, 8+room)
				d := decoder{data: doc, chunk: chunk}
				before := string(d.keep([]byte("previous")))
				got := d.keep(src)
				if bytes.IndexByte(chunk[:cap(chunk)], sentinel) >= 0 {
					t.Fatalf("keep of %d bytes, %d before the document's end: read past the end", n, after)
				}
				// With room for it, the value takes n bytes of the chunk;
				// without, room starts a new chunk or gives it memory of
				// its own, and the chunk stays as it was.
				wantLen := 8 + n
				if room < n {
					wantLen = 8
				}
				if &d.chunk[:1][0] == &chunk[:1][0] && len(d.chunk) != wantLen {
					t.Fatalf("keep of %d bytes (room %d) left the chunk at %d bytes, want %d", n, room, len(d.chunk), wantLen)
				}
				clear(doc)
				clear(src)
				if string(got) != want || cap(got) != len(got) {
					t.Fatalf("keep of %d bytes (%d before the end, room %d) = %q with capacity %d, want %q", n, after, room, got, cap(got), want)
				}
				_ = append(got, "more"...)
				next := d.keep([]byte("next"))
				if string(chunk[:8]) != before || string(got) != want || string(next) != "next" {
					t.Fatalf("keep of %d bytes (%d before the end, room %d): earlier %q, value %q, next %q", n, after, room, chunk[:8], got, next)
				}
			}
		}
	}
}
