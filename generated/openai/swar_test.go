package openai

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// isSpecial is special's contract for one byte: what a string cannot take
// verbatim.
func isSpecial(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }

// isEscaped is needsEscape's contract for one byte.
func isEscaped(c byte) bool { return isSpecial(c) || c == '<' || c == '>' || c == '&' }

// TestSWARMatchesBytes checks the word-at-a-time tests against their
// per-byte contract: special's lowest flag must be the first special byte
// (flags above it are allowed), and needsEscape must report any byte that
// needs escaping. Every byte value at every position, over fills of plain
// bytes and of random bytes, then random words.
func TestSWARMatchesBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(word [8]byte) {
		w := binary.LittleEndian.Uint64(word[:])
		first := 8
		for i, c := range word {
			if isSpecial(c) {
				first = i
				break
			}
		}
		got := 8
		if m := special(w); m != 0 {
			got = bits.TrailingZeros64(m) / 8
		}
		if got != first {
			t.Fatalf("special(% x): first flagged byte %d, want %d", word, got, first)
		}
		escape := false
		for _, c := range word {
			escape = escape || isEscaped(c)
		}
		if needsEscape(w) != escape {
			t.Fatalf("needsEscape(% x) = %v, want %v", word, !escape, escape)
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
