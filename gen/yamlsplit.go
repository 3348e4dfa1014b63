package gen

import (
	"bytes"
	"slices"

	"go.yaml.in/yaml/v4"
)

// splitFrom is the size from which parseYAML parses a document in two
// halves: below it one parse is quick, and a half costs a copy.
const splitFrom = 256 << 10

// parseYAML parses a YAML document. A large one written in block style, or
// JSON written a member a line, is cut in two at a mapping's member near
// its middle, the halves are parsed on two cores and their trees joined:
// parsing was most of loading a large spec (0.12-0.2 s of the OpenAI
// spec's 0.3 s here), with the other core idle. Where no cut is found, or
// the halves do not join as one parse would have read them, the document
// is parsed whole.
func parseYAML(data []byte) (*yaml.Node, error) {
	if len(data) >= splitFrom {
		cutAt := blockCut
		if isJSON(data) {
			cutAt = jsonCut
		}
		if c, ok := cutAt(data); ok {
			if n, ok := parseHalves(data, c); ok {
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

// header is a line that opens a mapping: "name:" in block style, "name": {
// in JSON; n is its number in the document.
type header struct {
	line []byte
	name string
	n    int
}

// cut is a document cut in two: the first half, and the second, which is
// lead, the headers of the mappings the cut is in (outermost first) and
// the document from at, so that its lines keep their text and columns.
type cut struct {
	first   []byte
	lead    []byte
	headers []header
	at      int
}

// blockCut finds, from the middle of a block-style document on, a line
// that starts a member of a block mapping, and the lines that open the
// mappings it is in: the second half is those lines and data from that
// line, a document of its own whose lines keep their text and columns. A
// line inside a block scalar cannot pass for one (the scalar's key, less
// indented, would be the nearest line above it, and is no header); one
// inside a quoted scalar or a flow collection leaves the first half
// unterminated, which does not parse.
func blockCut(data []byte) (cut, bool) {
	if data[0] == '%' || bytes.Contains(data, []byte("\n---")) || bytes.Contains(data, []byte("\n...")) {
		return cut{}, false // directives or more documents than one
	}
	at := bytes.IndexByte(data[len(data)/2:], '\n')
	if at < 0 {
		return cut{}, false
	}
	at += len(data)/2 + 1
	for tries := 0; tries < 1000 && at < len(data); tries++ {
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			break
		}
		if indent, _, ok := mappingKey(data[at : at+end]); ok {
			if headers, ok := headersAbove(data, at, indent); ok {
				return cut{first: data[:at], headers: headers, at: at}, true
			}
		}
		at += end + 1
	}
	return cut{}, false
}

// lineOf is the number of the line of data that offset at is on.
func lineOf(data []byte, at int) int {
	return bytes.Count(data[:at], []byte("\n")) + 1
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
		headers = append(headers, header{line, key, lineOf(data, start)})
		indent = n
	}
	if indent > 0 {
		return nil, false
	}
	slices.Reverse(headers)
	return headers, true
}

// parseHalves parses the halves of data that c cuts it into, the second
// on another core, and joins the trees, or reports false.
func parseHalves(data []byte, c cut) (*yaml.Node, bool) {
	var second yaml.Node
	wait := meanwhile("the YAML parser", func() error {
		b := append([]byte(nil), c.lead...)
		for _, h := range c.headers {
			b = append(append(b, h.line...), '\n')
		}
		return yaml.Unmarshal(append(b, data[c.at:]...), &second)
	})
	var first yaml.Node
	firstErr := yaml.Unmarshal(c.first, &first)
	if secondErr := wait(); firstErr != nil || secondErr != nil {
		return nil, false
	}
	lead := bytes.Count(c.lead, []byte("\n"))
	if !join(&first, &second, c.headers, lead, lineOf(data, c.at)-1-lead-len(c.headers)) {
		return nil, false
	}
	return &first, true
}

// join appends the members second has under its headers (after lead
// lines) to the mappings first ends in under the same headers, on the same
// lines, at each level, moving the lines of second's nodes by shift; or
// reports false where the two do not meet as one parse would have read
// them, or a key would be there twice.
func join(first, second *yaml.Node, headers []header, lead, shift int) bool {
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
		if k1.Value != h.name || k1.Line != h.n || k2.Value != h.name || k2.Line != lead+i+1 {
			return false
		}
		levels = append(levels, level{m1, m2})
		m1, m2 = m1.Content[len(m1.Content)-1], m2.Content[1]
	}
	if m1.Kind != yaml.MappingNode || m2.Kind != yaml.MappingNode || len(m1.Content) < 2 || len(m2.Content) < 2 ||
		m2.Content[0].Line != lead+len(headers)+1 {
		return false
	}
	// The member cut at goes on the mapping first ends in only where that
	// is written as its second half is (not {} on a line of its own) and
	// its members start in the same column.
	if m1.Style&yaml.FlowStyle != m2.Style&yaml.FlowStyle || m1.Content[len(m1.Content)-2].Column != m2.Content[0].Column {
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

// jsonCut finds, from the middle of JSON data on, a line that starts a
// member of an object, after the comma that ends the one before, where the
// objects it is in were each opened at the end of a line of their own
// ("name": {, the outermost {) and no array is open: the first half is data
// to that comma, closed, and the second, those lines (the outermost as
// lead) and data from there. Pretty-printed specs (GitHub's) are written
// so; others are parsed whole.
func jsonCut(data []byte) (cut, bool) {
	var stack []open
	inString, escaped := false, false
	lineStart, tries := 0, 0
	for i, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			stack = append(stack, open{lineStart, i, c == '{'})
		case '}', ']':
			if len(stack) == 0 {
				return cut{}, false
			}
			stack = stack[:len(stack)-1]
		case '\n':
			lineStart = i + 1
			if i+1 < len(data)/2 || len(stack) == 0 {
				continue
			}
			if tries++; tries > 1000 {
				return cut{}, false
			}
			rest := bytes.TrimLeft(data[i+1:], " ")
			comma := bytes.LastIndexFunc(data[:i], func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' })
			if len(rest) == 0 || rest[0] != '"' || comma < 0 || data[comma] != ',' {
				continue
			}
			headers, ok := jsonHeaders(data, stack)
			if !ok {
				continue
			}
			first := append(append([]byte(nil), data[:comma]...), '\n')
			first = append(first, bytes.Repeat([]byte("}"), len(stack))...)
			root := stack[0]
			return cut{first: first, lead: append(append([]byte(nil), data[root.line:root.at+1]...), '\n'), headers: headers, at: i + 1}, true
		}
	}
	return cut{}, false
}

// open is a container jsonCut is in.
type open struct {
	line int // where the line that opened it starts
	at   int // where it was opened
	obj  bool
}

// jsonHeaders returns the headers of the objects of stack but the
// outermost, or false unless each of them, the outermost too, is an object
// opened at the end of a line of its own.
func jsonHeaders(data []byte, stack []open) ([]header, bool) {
	var headers []header
	for k, o := range stack {
		line := data[o.line : o.at+1]
		after := data[o.at+1:]
		if end := bytes.IndexByte(after, '\n'); end >= 0 {
			after = after[:end]
		}
		name, ok := jsonHeader(line, k == 0)
		if !o.obj || !ok || len(bytes.TrimSpace(after)) > 0 {
			return nil, false
		}
		if k > 0 {
			headers = append(headers, header{line, name, lineOf(data, o.line)})
		}
	}
	return headers, true
}

// jsonHeader reads a line that opens an object, up to its brace: "{" for
// the outermost, else "name": { with a name without escapes.
func jsonHeader(line []byte, outermost bool) (string, bool) {
	line = bytes.TrimLeft(line, " ")
	if outermost {
		return "", string(line) == "{"
	}
	rest, ok := bytes.CutPrefix(line, []byte(`"`))
	if !ok {
		return "", false
	}
	end := bytes.IndexByte(rest, '"')
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 {
		return "", false
	}
	if after := string(rest[end+1:]); after != ": {" && after != ":{" {
		return "", false
	}
	return string(rest[:end]), true
}
