package openai

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestFloatMatchesStrconv checks the decoder's float fast path against
// strconv on the edges of the path (digit counts, leading zeros, signs,
// exponents) and on random decimals, with and without exponents;
// malformed literals must fail as the grammar says, whichever path reads
// them.
func TestFloatMatchesStrconv(t *testing.T) {
	lits := []string{
		"0", "-0", "1", "1.0", "0.5", "-0.5", "0.1", "0.7", "1e3", "1E-2", "2.5e+1",
		"123456789012345", "1234567890123456", "12345678901234567890",
		"0.000000000000001", "0.0000000000000001", "99999999999999.9", "9007199254740993",
		"3.141592653589793", "1.7976931348623157e308", "5e-324", "-12.000",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		digits := strconv.FormatUint(r.Uint64N(1<<53), 10)
		cut := r.IntN(len(digits) + 1)
		lit := digits[:cut] + "." + digits[cut:]
		if cut == 0 {
			lit = "0" + lit
		}
		if cut == len(digits) {
			lit += "0"
		}
		if r.IntN(2) == 0 {
			lit = "-" + lit
		}
		lits = append(lits, lit)
	}
	// Exponents, as logprobs and embeddings carry them, on both sides of
	// the fast path's 1e22 and 15 digits, with every spelling the grammar
	// allows (e or E, a sign or none, leading zeros).
	for range 4000 {
		lit := strconv.FormatUint(r.Uint64N(1<<60)>>r.IntN(64), 10)
		if r.IntN(3) > 0 {
			lit += "." + strings.Repeat("0", r.IntN(4)) + strconv.FormatUint(r.Uint64N(1<<50)>>r.IntN(50), 10)
		}
		exp := strconv.Itoa(r.IntN(61) - 30)
		if exp[0] != '-' && r.IntN(2) == 0 {
			exp = "+" + exp
		}
		if r.IntN(8) == 0 {
			exp = strings.Replace("0"+exp, "0-", "-0", 1)
			exp = strings.Replace(exp, "0+", "+0", 1)
		}
		lit += [...]string{"e", "E"}[r.IntN(2)] + exp
		if r.IntN(2) == 0 {
			lit = "-" + lit
		}
		lits = append(lits, lit)
	}
	for _, lit := range lits {
		want, err := strconv.ParseFloat(lit, 64)
		if err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		d := newDecoder([]byte(lit))
		got, err := d.float64()
		if err != nil || math.Float64bits(got) != math.Float64bits(want) || d.end() != nil {
			t.Errorf("float64(%s) = %v, %v; want %v", lit, got, err, want)
		}
	}
	for _, lit := range []string{"-", ".5", "1.", "01", "01.5", "-01", "1.e5", "1e", "+1", "1.5.3", "--1", "1e+", "1E-", "1e5.5", "1e--5", "01e5"} {
		d := newDecoder([]byte(lit))
		if _, err := d.float64(); err == nil && d.end() == nil {
			t.Errorf("float64(%q) accepted a malformed number", lit)
		}
	}
}

// TestAppendFloatMatchesEncodingJSON checks the encoder's whole-number fast
// path and the strconv path around it against encoding/json: whole numbers
// on both sides of the 1e15 limit, negative zero, fractions next to whole
// numbers, and random values of every magnitude.
func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 2048, 1e14, 999999999999999, 1e15, -1e15, 1e15 - 1,
		1e15 + 1, 9007199254740992, 9007199254740993, 1e21, 1e-6, 1e-7, 0.5, 123.25, -7.0,
		math.MaxInt64, math.MinInt64, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.Nextafter(1, 2), math.Nextafter(1, 0), math.Nextafter(1e15, 0), math.Nextafter(1e15, 2e15)}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		whole := float64(r.Int64N(2e15) - 1e15)
		fs = append(fs, whole, math.Nextafter(whole, math.Inf(1)), math.Float64frombits(r.Uint64()))
	}
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFloat(nil, f)
		if err != nil || string(got) != string(want) {
			t.Fatalf("appendFloat(%v) = %s, %v; want %s", f, got, err, want)
		}
	}
}

// TestInt64MatchesGrammar reads integers of every length to 20 digits,
// signed, with leading zeros, and with white space, a delimiter, a
// fraction or an exponent after them or nothing (the eight-digit fast path
// needs eight bytes). A JSON integer that fits must give strconv's value and
// stop at what follows it; anything else must fail, and a number with a
// fraction or exponent is no int64.
func TestInt64MatchesGrammar(t *testing.T) {
	integer := regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	r := rand.New(rand.NewPCG(3, 4))
	var lits []string
	for n := 1; n <= 20; n++ {
		digits := make([]byte, n)
		for range 20 {
			for i := range digits {
				digits[i] = byte('0' + r.IntN(10))
			}
			if r.IntN(2) == 0 {
				digits[0] = byte('1' + r.IntN(9))
			}
			lits = append(lits, string(digits), "-"+string(digits))
		}
		lits = append(lits, strings.Repeat("9", n), "-"+strings.Repeat("9", n), "1"+strings.Repeat("0", n-1))
	}
	lits = append(lits, "9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"-9223372036854775809", "-", "", "00", "-0", "01", "-01", "1x", "12345678x", "1234567x9")
	for _, lit := range lits {
		want, perr := strconv.ParseInt(lit, 10, 64)
		valid := integer.MatchString(lit) && perr == nil
		for _, after := range []string{"", "  ", ",", "}", ".0", "e2", "E+1"} {
			d := newDecoder([]byte(lit + after))
			got, err := d.int64()
			var ok, wantOK bool
			switch after {
			case "", "  ":
				ok, wantOK = d.finish(err) == nil, valid
			case ",", "}":
				ok, wantOK = err == nil && string(d.data[d.pos:]) == after, valid
			default: // a fraction or exponent after the digits
				ok, wantOK = err == nil, false
				if !valid {
					ok = d.finish(err) == nil
				}
			}
			if ok != wantOK || ok && got != want {
				t.Errorf("%q: got %d, %v (stopped at %d); want %d, ok %v", lit+after, got, err, d.pos, want, wantOK)
			}
		}
	}
}
