// Package jsontest holds what round-trip tests share: comparing JSON as
// values (and finding a key an object repeats), finding the shared corpus
// of recorded payloads, and splitting a recorded server-sent event stream.
// It uses only the standard library, so tests of packages generated into
// temporary modules can carry a copy.
package jsontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// RepeatedKey returns a key that comes twice in one object of the JSON
// document data, "" when none does (or data is not JSON). Equal cannot
// tell: decoding keeps the last of two members, so {"a":1,"a":2} equals
// {"a":2}.
func RepeatedKey(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	var value func() string // reads one value; a key repeated within it
	value = func() string {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				key, ok := k.(string)
				if err != nil || !ok {
					return ""
				}
				if seen[key] {
					return key
				}
				seen[key] = true
				if r := value(); r != "" {
					return r
				}
			}
		case json.Delim('['):
			for dec.More() {
				if r := value(); r != "" {
					return r
				}
			}
		default:
			return ""
		}
		dec.Token() // the closing brace or bracket
		return ""
	}
	return value()
}

// Equal reports whether a and b hold the same JSON value: same members
// (in any order), same array elements, numbers equal as numbers (1.0 is 1,
// and no precision is lost), strings equal after unescaping. When they
// differ, the string says where.
func Equal(a, b []byte) (bool, string) {
	va, err := decode(a)
	if err != nil {
		return false, "left: " + err.Error()
	}
	vb, err := decode(b)
	if err != nil {
		return false, "right: " + err.Error()
	}
	if path := diff(va, vb, "$"); path != "" {
		return false, path
	}
	return true, ""
}

func decode(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return normalize(v), nil
}

// normalize turns numbers into exact rationals so 1, 1.0 and 1e0 compare
// equal and 2^53+1 stays itself.
func normalize(v any) any {
	switch v := v.(type) {
	case json.Number:
		r, ok := new(big.Rat).SetString(v.String())
		if !ok {
			return v.String()
		}
		return r.RatString()
	case []any:
		for i := range v {
			v[i] = normalize(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = normalize(v[k])
		}
	}
	return v
}

func diff(a, b any, path string) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: object vs %T", path, b)
		}
		keys := map[string]bool{}
		for k := range a {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			av, aok := a[k]
			bv, bok := bm[k]
			if aok != bok {
				return fmt.Sprintf("%s.%s: present %v vs %v", path, k, aok, bok)
			}
			if d := diff(av, bv, path+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return fmt.Sprintf("%s: array of %d vs %v", path, len(a), b)
		}
		for i := range a {
			if d := diff(a[i], bs[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s: %v vs %v", path, a, b)
	}
	return ""
}

// CorpusDir finds ../shared/corpus (or $OAGEN_CORPUS) from the current
// directory or any parent, and reports whether it exists.
func CorpusDir() (string, bool) {
	if dir := os.Getenv("OAGEN_CORPUS"); dir != "" {
		_, err := os.Stat(dir)
		return dir, err == nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "..", "shared", "corpus")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return filepath.Clean(cand), true
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

// Payload is one recorded JSON body from the corpus.
type Payload struct {
	Path      string // relative to the corpus
	Operation string // operationId, or "" for a schema example
	Request   bool   // a request body, not a response
	Schema    string // component schema of a schema example
	SSE       bool   // a text/event-stream body
}

// Payloads lists the corpus payloads for the given operations and schema
// examples, sorted by path.
func Payloads(corpus string) ([]Payload, error) {
	var out []Payload
	err := filepath.WalkDir(filepath.Join(corpus, "payloads"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(corpus, path)
		name := d.Name()
		p := Payload{Path: rel, SSE: strings.HasSuffix(name, ".sse")}
		if !p.SSE && !strings.HasSuffix(name, ".json") {
			return nil
		}
		parts := strings.Split(name, ".")
		switch {
		case parts[0] == "schema" && len(parts) >= 3:
			p.Schema = parts[1]
		case len(parts) >= 4 && isDigits(parts[0]): // NN.op.status.kind.ext
			p.Operation = parts[1]
			p.Request = parts[3] == "request"
		case len(parts) >= 3: // op.variant.kind.ext
			p.Operation = parts[0]
			p.Request = parts[len(parts)-2] == "request"
		default:
			return nil
		}
		out = append(out, p)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Event is one server-sent event: its name and its data lines joined.
type Event struct {
	Name string
	Data string
}

// SplitSSE splits a recorded event stream into events. It is a test helper
// for well-formed recordings, not the client's reader.
func SplitSSE(data []byte) []Event {
	var out []Event
	var cur Event
	var lines []string
	flush := func() {
		if cur.Name != "" || len(lines) > 0 {
			cur.Data = strings.Join(lines, "\n")
			out = append(out, cur)
		}
		cur, lines = Event{}, nil
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	for _, line := range strings.Split(text, "\n") {
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "event:"):
			cur.Name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
	flush()
	return out
}
