package openai

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// The decoders read a key plainly written and followed at once by its
// colon in one scan, and anything else (escapes, white space before the
// colon) the long way. These tests hold both ways to the same answers, and
// keys that only resemble declared names to being what they are.

// respell writes data again with every object key as spell makes it (the
// key's JSON text through its colon), keeping the members' order.
func respell(t *testing.T, data []byte, spell func(key string) string) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out bytes.Buffer
	type frame struct {
		object bool
		n      int // tokens read in this container
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out.Bytes()
		}
		if err != nil {
			t.Fatal(err)
		}
		key := false
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if _, closing := tok.(json.Delim); !closing || (tok != json.Delim('}') && tok != json.Delim(']')) {
				if top.object {
					key = top.n%2 == 0
				}
				if top.n > 0 && (!top.object || key) {
					out.WriteByte(',')
				}
				top.n++
			}
		}
		switch tok := tok.(type) {
		case json.Delim:
			out.WriteRune(rune(tok))
			switch tok {
			case '{', '[':
				stack = append(stack, frame{object: tok == '{'})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if key {
				out.WriteString(spell(tok))
				continue
			}
			b, _ := json.Marshal(tok)
			out.Write(b)
		default:
			b, _ := json.Marshal(tok)
			out.Write(b)
		}
	}
}

// TestKeySpellings decodes the recorded run with its keys written in every
// way JSON allows, through both paths, and requires the same value back.
func TestKeySpellings(t *testing.T) {
	data := recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")
	var want RunObject
	if err := want.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	wantJSON := mustJSON(t, want)
	quote := func(k string) string { b, _ := json.Marshal(k); return string(b) }
	for name, spell := range map[string]func(string) string{
		"compact":            func(k string) string { return quote(k) + ":" },
		"space before colon": func(k string) string { return quote(k) + " :" },
		"spaces around":      func(k string) string { return quote(k) + "\t:\n " },
		"escaped first byte": func(k string) string { return fmt.Sprintf(`"\u%04x%s":`, k[0], k[1:]) },
		"escaped last byte":  func(k string) string { return fmt.Sprintf(`"%s\u%04x":`, k[:len(k)-1], k[len(k)-1]) },
		"solidus escape":     func(k string) string { return `"` + strings.ReplaceAll(k, "_", `\u005f`) + `" : ` },
	} {
		doc := respell(t, data, spell)
		var run RunObject
		if err := run.UnmarshalJSON(doc); err != nil {
			t.Errorf("%s: %v\n%s", name, err, doc)
			continue
		}
		// The same value, not the same text: free-form members keep their
		// keys as spelled.
		if got := mustJSON(t, run); !jsonEqual(got, wantJSON) || run.ID != want.ID || run.Tools[0].Kind() != want.Tools[0].Kind() {
			t.Errorf("%s: decoded differently\n got: %s\nwant: %s", name, got, wantJSON)
		}
	}
}

func jsonEqual(a, b string) bool {
	ok, _ := jsontest.Equal([]byte(a), []byte(b))
	return ok
}

// TestKeysNearDeclaredNames: a key that only starts like a declared one is
// an unknown member, kept; a key cut short or not a string is an error.
func TestKeysNearDeclaredNames(t *testing.T) {
	for _, body := range []string{
		`{"idx":"a","id":"b"}`, `{"i":"a"}`, `{"id_":1,"object_":2,"ids":[3]}`,
		`{"tools ":[],"created_at2":5}`, `{"":0,"instructionsX":null}`,
	} {
		var run RunObject
		if err := run.UnmarshalJSON([]byte(body)); err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if ok, where := jsontest.Equal([]byte(body), []byte(mustJSON(t, run))); !ok {
			t.Errorf("%s: changed at %s: %s", body, where, mustJSON(t, run))
		}
	}
	if run := (RunObject{}); run.UnmarshalJSON([]byte(`{"idx":"a","id":"b"}`)) != nil || run.ID != "b" {
		t.Errorf(`"idx" taken for "id": ID = %q`, run.ID)
	}
	for _, body := range []string{
		`{x"id":"a"}`, `{xid":"a"}`, `{"id":"a",x"object":"thread.run"}`, `{"id":"a",xobject":"thread.run"}`, `{"id"`, `{"id":`, `{"id`, `{"id"x:"a"}`,
		`{"id":"a","created_at"`, `{"id":"a",created_at":1}`, `{'id':"a"}`, `{"id""a"}`,
	} {
		var run RunObject
		if err := run.UnmarshalJSON([]byte(body)); err == nil {
			t.Errorf("%s: decoded without error", body)
		}
	}
}

// TestKeyLengths: the key reader reads a key's first two words itself and
// scans longer keys, and keys near the end of the input, the long way.
// Every length on both sides of those boundaries reads the same key.
func TestKeyLengths(t *testing.T) {
	for n := 0; n <= 40; n++ {
		key := strings.Repeat("k", n)
		for _, tail := range []string{"", "        ", strings.Repeat(" ", 20)} {
			body := `{"metadata":{"` + key + `":"v","` + key + `x":"w"}` + tail + `}`
			var run RunObject
			if err := run.UnmarshalJSON([]byte(body)); err != nil {
				t.Fatalf("%s: %v", body, err)
			}
			m := run.Metadata.Value()
			if len(m) != 2 || m[key] != "v" || m[key+"x"] != "w" {
				t.Errorf("%s: metadata %q", body, m)
			}
		}
	}
}

// TestUndeclaredKeysAsWritten: an undeclared member (or a declared one whose
// value has another shape) is kept with its key as the document wrote it
// when that key had no escapes, '<', '>' and '&' included, and with its key
// encoded again when it had some, which must then come out as valid JSON
// naming the same key.
func TestUndeclaredKeysAsWritten(t *testing.T) {
	for _, c := range []struct {
		body string
		kept string // the member as MarshalJSON must write it
	}{
		{`{"<a&b>":1}`, `"<a&b>":1`},
		{`{"tool_resources":{}}`, `"tool_resources":{}`},
		{`{"id":5}`, `"id":5`},
		{`{"a\"b":1}`, `"a\"b":1`},
		{`{"a\\b":1}`, `"a\\b":1`},
		{`{"tab\tkey":1}`, `"tab\tkey":1`},
		{`{"\u0078yz":[]}`, `"xyz":[]`},
		{`{"caf\u00e9":1}`, `"café":1`},
		{`{"café":1}`, `"café":1`},
		{`{"line\u2028sep":1}`, `"line\u2028sep":1`},
	} {
		var run RunObject
		if err := run.UnmarshalJSON([]byte(c.body)); err != nil {
			t.Errorf("%s: %v", c.body, err)
			continue
		}
		out, err := run.MarshalJSON()
		if err != nil {
			t.Errorf("%s: %v", c.body, err)
			continue
		}
		if !json.Valid(out) {
			t.Errorf("%s: encoded as invalid JSON: %s", c.body, out)
			continue
		}
		if !bytes.Contains(out, []byte(c.kept)) {
			t.Errorf("%s: encoded as %s, without %s", c.body, out, c.kept)
		}
		var got, want map[string]any
		if json.Unmarshal(out, &got) != nil || json.Unmarshal([]byte(c.body), &want) != nil {
			t.Fatalf("%s: not an object", c.body)
		}
		for k, v := range want {
			if fmt.Sprint(got[k]) != fmt.Sprint(v) {
				t.Errorf("%s: member %q is %v after encoding, want %v", c.body, k, got[k], v)
			}
		}
	}
}
