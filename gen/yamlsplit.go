package gen

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v4"
)

// splitFrom is the size from which parseYAML parses a document in two
// halves: below it one parse is quick, and a half costs a copy.
const splitFrom = 256 << 10

// parseYAML parses a YAML document. A large one written in block style is
// cut in two at a mapping key near its middle, the halves are parsed on two
// cores and their trees joined: parsing is most of loading a large spec
// (0.12-0.2 s of the OpenAI spec's 0.3 s here), and the loader's other core
// had nothing else to do. Where no cut is found, or the halves do not join
// as one parse would have read them, the document is parsed whole.
func parseYAML(data []byte) (*yaml.Node, error) {
	if len(data) >= splitFrom {
		if at, headers, ok := splitPoint(data); ok {
			if n, ok := parseHalves(data, at, headers); ok {
				return n, nil
			}
		}
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// header is a line "name:" that opens a block mapping.
type header struct {
	line []byte
	name string
}

// splitPoint finds, from the middle of data on, a line that starts a
// member of a block mapping, and the lines that open the mappings it is
// in, outermost first: the second half is those lines and data from at,
// a document of its own whose lines keep their text and columns. A line
// inside a block scalar cannot pass for one (the scalar's key, less
// indented, would be the nearest line above it, and is no header); one
// inside a quoted scalar or a flow collection leaves the first half
// unterminated, which does not parse.
func splitPoint(data []byte) (int, []header, bool) {
	if data[0] == '%' || bytes.Contains(data, []byte("\n---")) || bytes.Contains(data, []byte("\n...")) {
		return 0, nil, false // directives or more documents than one
	}
	at := bytes.IndexByte(data[len(data)/2:], '\n')
	if at < 0 {
		return 0, nil, false
	}
	at += len(data)/2 + 1
	for tries := 0; tries < 1000 && at < len(data); tries++ {
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			break
		}
		if indent, _, ok := mappingKey(data[at : at+end]); ok {
			if headers, ok := headersAbove(data, at, indent); ok {
				return at, headers, true
			}
		}
		at += end + 1
	}
	return 0, nil, false
}

// mappingKey reads line as a block mapping's member with a plain key:
// its indentation (spaces), its key, and whether it is one. A header has
// nothing after the colon.
func mappingKey(line []byte) (int, string, bool) {
	indent := 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	rest := line[indent:]
	if len(rest) == 0 || bytes.ContainsAny(rest[:1], "\t#-?:,[]{}&*!|>'\"%@`") {
		return 0, "", false
	}
	colon := bytes.Index(rest, []byte(": "))
	if colon < 0 {
		if rest[len(rest)-1] != ':' {
			return 0, "", false
		}
		colon = len(rest) - 1
	}
	key := rest[:colon]
	if bytes.ContainsAny(key, "#'\"{}[],&*!|>%@`\t") || bytes.Contains(key, []byte(": ")) {
		return 0, "", false
	}
	return indent, string(key), true
}

// headersAbove returns the headers of the mappings that the line at at,
// indented by indent, is in, outermost first, or false when a line less
// indented above it is anything else.
func headersAbove(data []byte, at, indent int) ([]header, bool) {
	var headers []header
	for end := at - 1; indent > 0 && end > 0; {
		start := bytes.LastIndexByte(data[:end], '\n') + 1
		line := data[start:end]
		end = start - 1
		trimmed := bytes.TrimLeft(line, " ")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue // blank, or a comment
		}
		n, key, ok := mappingKey(line)
		if !ok && trimmed[0] != '\t' {
			n = len(line) - len(trimmed)
		}
		if n >= indent {
			continue
		}
		if !ok || line[len(line)-1] != ':' {
			return nil, false
		}
		headers = append(headers, header{line, key})
		indent = n
	}
	if indent > 0 {
		return nil, false
	}
	slices.Reverse(headers)
	return headers, true
}

// parseHalves parses data before at and, on another core, the headers and
// data from at, and joins the trees, or reports false.
func parseHalves(data []byte, at int, headers []header) (*yaml.Node, bool) {
	var second yaml.Node
	var secondErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				secondErr = fmt.Errorf("the YAML parser failed: %v", r)
			}
		}()
		var b []byte
		for _, h := range headers {
			b = append(append(b, h.line...), '\n')
		}
		secondErr = yaml.Unmarshal(append(b, data[at:]...), &second)
	}()
	var first yaml.Node
	firstErr := yaml.Unmarshal(data[:at], &first)
	<-done
	if firstErr != nil || secondErr != nil {
		return nil, false
	}
	line := bytes.Count(data[:at], []byte("\n")) + 1 // the line at at
	if !join(&first, &second, headers, line-1-len(headers)) {
		return nil, false
	}
	return &first, true
}

// join appends the members second has under its headers to the mappings
// first ends in under the same headers, at each level, moving the lines of
// second's nodes by shift, or reports false where the two do not meet as
// one parse would have read them, or a key would be there twice.
func join(first, second *yaml.Node, headers []header, shift int) bool {
	if len(first.Content) != 1 || len(second.Content) != 1 {
		return false
	}
	m1, m2 := first.Content[0], second.Content[0]
	type level struct{ m1, m2 *yaml.Node }
	var levels []level
	for i, h := range headers {
		if m1.Kind != yaml.MappingNode || m2.Kind != yaml.MappingNode || len(m1.Content) < 2 || len(m2.Content) < 2 {
			return false
		}
		k1, k2 := m1.Content[len(m1.Content)-2], m2.Content[0]
		if k1.Value != h.name || k2.Value != h.name || k2.Line != i+1 {
			return false
		}
		levels = append(levels, level{m1, m2})
		m1, m2 = m1.Content[len(m1.Content)-1], m2.Content[1]
	}
	if m1.Kind != yaml.MappingNode || m2.Kind != yaml.MappingNode || len(m2.Content) < 2 || m2.Content[0].Line != len(headers)+1 {
		return false
	}
	levels = append(levels, level{m1, m2})
	for i := len(levels) - 1; i >= 0; i-- {
		rest := levels[i].m2.Content
		if i < len(levels)-1 {
			rest = rest[2:] // the header, joined already
		}
		if !distinctKeys(levels[i].m1.Content, rest) {
			return false
		}
		for _, n := range rest {
			moveLines(n, shift)
		}
		levels[i].m1.Content = append(levels[i].m1.Content, rest...)
	}
	return true
}

// distinctKeys reports whether the members b add to a mapping of members a
// have keys of their own (the parser refuses a key given twice, and the
// halves were parsed apart).
func distinctKeys(a, b []*yaml.Node) bool {
	keys := make(map[string]bool, len(a)/2)
	for i := 0; i < len(a); i += 2 {
		keys[a[i].Value] = true
	}
	for i := 0; i < len(b); i += 2 {
		if keys[b[i].Value] {
			return false
		}
	}
	return true
}

// moveLines adds shift to the line of n and every node under it.
func moveLines(n *yaml.Node, shift int) {
	n.Line += shift
	for _, c := range n.Content {
		moveLines(c, shift)
	}
}
