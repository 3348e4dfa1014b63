package openai

import (
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// isSpecial is special's contract for one byte: what a string cannot take
// verbatim.
func isSpecial(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }

// isKeyEnd is keyEnd's contract for one byte: special's, and also ' ' and
// '!'.
func isKeyEnd(c byte) bool { return isSpecial(c) || c < '#' }

// isEscaped is escapeMask's contract for one byte (needsLook's).
func isEscaped(c byte) bool { return isSpecial(c) || c == '<' || c == '>' || c == '&' }

// TestSWARMatchesBytes checks the word-at-a-time tests against their
// per-byte contract: special's lowest flag must be the first special byte,
// keyEnd's the first special byte, space or '!', and escapeMask's the
// first byte that needs escaping (flags above it are allowed). Every byte
// value at every position, over fills of plain bytes and of random bytes,
// then random words.
func TestSWARMatchesBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// firstFlag checks that mask's lowest flag in word is its first byte
	// of which want holds (8: none).
	firstFlag := func(word [8]byte, name string, mask func(uint64) uint64, want func(byte) bool) {
		first := 8
		for i, c := range word {
			if want(c) {
				first = i
				break
			}
		}
		got := 8
		if m := mask(binary.LittleEndian.Uint64(word[:])); m != 0 {
			got = bits.TrailingZeros64(m) / 8
		}
		if got != first {
			t.Fatalf("%s(% x): first flagged byte %d, want %d", name, word, got, first)
		}
	}
	check := func(word [8]byte) {
		firstFlag(word, "special", special, isSpecial)
		firstFlag(word, "keyEnd", keyEnd, isKeyEnd)
		firstFlag(word, "escapeMask", escapeMask, isEscaped)
		for _, c := range word {
			if isEscaped(c) != needsLook(c) {
				t.Fatalf("needsLook(%#x) = %v", c, needsLook(c))
			}
		}
	}
	for pos := range 8 {
		for v := range 256 {
			for fill := range 64 {
				var word [8]byte
				for i := range word {
					if fill%2 == 0 {
						word[i] = byte('a' + rng.IntN(26)) // plain
					} else {
						word[i] = byte(rng.IntN(256))
					}
				}
				word[pos] = byte(v)
				check(word)
			}
		}
	}
	for range 1 << 20 {
		var word [8]byte
		binary.LittleEndian.PutUint64(word[:], rng.Uint64())
		check(word)
	}
}

// TestAppendStringMatchesEncodingJSON writes strings of every length up to
// 24 with a byte or sequence that needs a look at every position, among
// plain ASCII and among other such bytes, and random strings, and requires
// encoding/json's bytes for each: the word loop, the overlapping last
// word and the byte loop meet at every offset.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	check := func(s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
	specials := []string{`"`, `\`, "<", ">", "&", "\n", "\x01", "\x1f", "\x7f", "\x80", "\xff", "é", "\u2028", "\u2029", "\xe2\x80", "😀"}
	for n := range 25 {
		for p := range n {
			for _, sp := range specials {
				s := []byte(strings.Repeat("a", n))
				check(string(s[:p]) + sp + string(s[p:]))
				check(strings.Repeat(sp, p) + string(s[p:]) + sp)
			}
		}
		check(strings.Repeat("a", n))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = byte(rng.IntN(256))
			} else {
				b[i] = byte(' ' + rng.IntN(95))
			}
		}
		check(string(b))
	}
}

// TestEightDigits checks eightDigits against its contract: a non-digit at
// any position, of any byte value, fails the word; eight digits give their
// value.
func TestEightDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	digits := func() []byte {
		b := make([]byte, 8)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		return b
	}
	for range 20000 {
		b := digits()
		want, _ := strconv.ParseUint(string(b), 10, 64)
		if got, ok := eightDigits(binary.LittleEndian.Uint64(b)); !ok || got != want {
			t.Fatalf("%s: got %d, %v", b, got, ok)
		}
	}
	for pos := range 8 {
		for c := range 256 {
			b := digits()
			b[pos] = byte(c)
			want := c >= '0' && c <= '9'
			if _, ok := eightDigits(binary.LittleEndian.Uint64(b)); ok != want {
				t.Fatalf("%q: ok = %v, want %v", b, ok, want)
			}
		}
	}
}
