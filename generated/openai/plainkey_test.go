package openai

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlainKeyMatchesMember holds plainKey, member's usual case without a
// call, to member: wherever plainKey reports a key, member must report the
// same key (the document's own bytes, which valueAfter finds) and leave
// the decoder at the same position and depth; wherever it declines, it
// must leave the decoder as it was. Random members around the shapes it
// takes (a comma or brace, white space, a key, its colon, what follows),
// of every length, some near the end of the document and some at the
// nesting limit. It must also take the shapes it is for, or the decoders
// would only pay for trying.
func TestPlainKeyMatchesMember(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pick := func(options ...string) string { return options[rng.IntN(len(options))] }
	keyByte := func() byte {
		if rng.IntN(60) == 0 {
			return pick("\"", "\\", "\x1f", "\x7f", "\xc3", " ", ":", "!", "#")[0]
		}
		return "abcdefghijklmnopqrstuvwxyz_0123456789"[rng.IntN(37)]
	}
	taken, tried := 0, 0
	for range 200000 {
		i := rng.IntN(2)
		var b strings.Builder
		if rng.IntN(4) > 0 {
			b.WriteString(",{"[1-i:][:1]) // the one member(i) takes
		} else {
			b.WriteString(pick(",", "{", "}", "[", " ,", "x"))
		}
		b.WriteString(pick("", "\n", "\n", "\n", "\r\n", " ", "\t", "\n\t"))
		b.WriteString(strings.Repeat(" ", rng.IntN(20)))
		b.WriteString(pick(`"`, `"`, `"`, `"`, "'", ""))
		for n := rng.IntN(28); n > 0; n-- {
			b.WriteByte(keyByte())
		}
		b.WriteString(pick(`":`, `":`, `":`, `":`, `" :`, `"`, `":"`))
		b.WriteString(pick("", "", " ", " ", "  ", "\n", "\t"))
		b.WriteString(pick("1", `"x"`, "{}", "", "null"))
		b.WriteString(strings.Repeat(pick(" ", "x", "}"), rng.IntN(100)))
		doc := []byte(b.String())
		start := decoder{data: doc, depth: 3}
		switch rng.IntN(8) {
		case 0:
			start.depth = maxDepth - 1
		case 1:
			start.depth = maxDepth
		}
		fast, slow := start, start
		key, ok := fast.plainKey(i)
		tried++
		if !ok {
			if fast.pos != start.pos || fast.depth != start.depth {
				t.Fatalf("plainKey(%d) of %q declined but moved the decoder to %d, depth %d", i, doc, fast.pos, fast.depth)
			}
			continue
		}
		taken++
		want, more, err := slow.member(i)
		if err != nil || !more {
			t.Fatalf("plainKey(%d) of %q took key %q where member says more=%v, err=%v", i, doc, key, more, err)
		}
		if string(key) != string(want) || fast.pos != slow.pos || fast.depth != slow.depth {
			t.Fatalf("plainKey(%d) of %q: key %q at %d, depth %d; member: key %q at %d, depth %d",
				i, doc, key, fast.pos, fast.depth, want, slow.pos, slow.depth)
		}
		// The key is the document's own bytes, by which valueAfter finds
		// a mismatched member's value again.
		if at, ok := fast.valueAfter(key); !ok || at != fast.pos {
			t.Fatalf("plainKey(%d) of %q: valueAfter(%q) = %d, %v; want %d", i, doc, key, at, ok, fast.pos)
		}
	}
	if taken < tried/50 { // about 4% reach it, each shape being drawn at random
		t.Fatalf("plainKey took %d of %d random members: the test no longer reaches its usual path", taken, tried)
	}

	// The shapes it is for: an indented member, a compact one, an object's
	// first member, the longest key it takes, the deepest indentation, keys
	// of the lowest bytes keyEnd lets through.
	pad := strings.Repeat(" ", 80)
	for _, c := range []struct {
		doc  string
		i    int
		want string
	}{
		{",\n    \"created_at\": 1" + pad, 1, "created_at"},
		{`,"model":"gpt-4o"` + pad, 1, "model"},
		{"{\n  \"id\": \"run_1\"" + pad, 0, "id"},
		{`{"additional_instructions":"x"` + pad, 0, "additional_instructions"},
		{",\n" + strings.Repeat(" ", 15) + `"k":1` + pad, 3, "k"},
		{`,"$ref":"#/a"` + pad, 1, "$ref"}, // '$' and '#', the lowest bytes it takes
		{`,"#":1` + pad, 1, "#"},
	} {
		d := decoder{data: []byte(c.doc)}
		key, ok := d.plainKey(c.i)
		if !ok || string(key) != c.want {
			t.Errorf("plainKey(%d) of %q = %q, %v; want %q", c.i, c.doc, key, ok, c.want)
		}
	}
}
