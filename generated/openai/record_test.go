package openai

import "testing"

// The record keeps the first 64 required fields' bits inline and the rest
// behind a pointer; both halves must answer for exactly the bits set, and
// unmark must clear exactly its own.
func TestRecordBitsPastTheInlineWord(t *testing.T) {
	marked := []int{0, 5, 63, 64, 65, 127, 128, 200}
	var r *record
	for _, i := range marked {
		r = r.markAbsent(i).markNull(i + 1).markZero(i + 2)
	}
	is := map[int]bool{}
	for _, i := range marked {
		is[i] = true
	}
	for i := range 210 {
		if got := r.wasAbsent(i); got != is[i] {
			t.Errorf("wasAbsent(%d) = %v", i, got)
		}
		if got := r.wasNull(i); got != is[i-1] {
			t.Errorf("wasNull(%d) = %v", i, got)
		}
		if got := r.wasZero(i); got != is[i-2] {
			t.Errorf("wasZero(%d) = %v", i, got)
		}
	}
	// unmark forgets null and empty, never absent, on both halves.
	for _, i := range marked {
		r.unmark(i + 1)
		r.unmark(i + 2)
	}
	for i := range 210 {
		if r.wasNull(i) || r.wasZero(i) || r.wasAbsent(i) != is[i] {
			t.Errorf("after unmark, field %d: null %v, empty %v, absent %v", i, r.wasNull(i), r.wasZero(i), r.wasAbsent(i))
		}
	}
	var none *record
	if none.wasAbsent(3) || none.wasNull(70) || none.wasZero(0) {
		t.Error("a nil record has no bits")
	}
}

// markMissing marks exactly the required fields that decoding did not see,
// across words, and allocates nothing when all were seen.
func TestMarkMissing(t *testing.T) {
	const n = 130
	seen := make([]uint64, (n+63)/64)
	for i := range n {
		if i%3 != 0 {
			seen[i/64] |= 1 << (i % 64)
		}
	}
	r := (*record)(nil).markMissing(seen, n)
	for i := range n + 10 {
		want := i < n && i%3 == 0
		if got := r.wasAbsent(i); got != want {
			t.Errorf("wasAbsent(%d) = %v, want %v", i, got, want)
		}
	}
	all := []uint64{^uint64(0), ^uint64(0), 0b11}
	if r := (*record)(nil).markMissing(all, n); r != nil {
		t.Error("nothing was missing, but a record was made")
	}
	// One word, the case that inlines: each field missing alone, at the
	// edges of the word too.
	for _, n := range []int{1, 2, 5, 63, 64} {
		full := uint64(1)<<n - 1
		if r := (*record)(nil).markMissing([]uint64{full}, n); r != nil {
			t.Errorf("n=%d: nothing was missing, but a record was made", n)
		}
		for gone := range n {
			r := (*record)(nil).markMissing([]uint64{full &^ (1 << gone)}, n)
			for i := range n {
				if got := r.wasAbsent(i); got != (i == gone) {
					t.Errorf("n=%d, %d missing: wasAbsent(%d) = %v", n, gone, i, got)
				}
			}
		}
	}
}
