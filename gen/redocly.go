package gen

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/diag"
)

// Redocly, and specs written for it (DigitalOcean's), accept a $ref where
// OpenAPI does not: in place of an operation, a media type, a description
// or a schema's properties. kin-openapi rejects those, so before it parses a
// file (YAML or JSON) each such $ref is replaced by what it points to,
// written as JSON (which YAML reads too) where the $ref began, followed by
// as many newlines as the $ref took. Every other line keeps its number, so
// diagnostics stay located; one inside an inlined value points at the line
// that referred to it.

// inlineForbiddenRefs returns data, read from file, with the references
// OpenAPI forbids inlined; data itself when it has none, or is not YAML
// this can read (the loader then says what is wrong). A file is parsed for
// this only when its lines show such a reference (mayHaveForbiddenRefs):
// most have none, the OpenAI spec among them; JSON is parsed only when
// jsonMayHaveForbiddenRefs finds one.
func inlineForbiddenRefs(data []byte, file string) ([]byte, error) {
	if !mayNeedInlining(data) {
		return data, nil
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return data, nil
	}
	found, resolved, err := forbiddenRefs(doc.Content[0], file)
	if err != nil || len(found) == 0 {
		return data, err
	}
	values := make([][]byte, len(found))
	for i, p := range found {
		if values[i], err = jsonOf(resolved[i]); err != nil {
			return nil, p.errorIn(file, err)
		}
	}
	// Each value replaces its reference, followed by as many newlines as
	// the reference spanned, so what follows keeps its line.
	lineStarts := []int{0}
	for i, c := range data {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	out := make([]byte, 0, len(data)+len(values)*256)
	done := 0
	for i, p := range found {
		start, end, ok := span(data, lineStarts, p.n)
		if !ok || start < done {
			return nil, p.errorIn(file, errors.New("a $ref where OpenAPI allows none must be written on one line, or in braces"))
		}
		out = append(append(out, data[done:start]...), values[i]...)
		out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(data[start:end], []byte("\n")))...)
		done = end
	}
	return append(out, data[done:]...), nil
}

// forbiddenRefs finds the references OpenAPI forbids in doc, the parsed
// file, in the order they are written, and what each resolves to (see
// refInliner.resolve).
func forbiddenRefs(doc *yaml.Node, file string) ([]refAt, []*yaml.Node, error) {
	// The file itself is parsed already: a reference within it ("#/...")
	// resolves in that tree, even when data was never on disk.
	r := &refInliner{files: yamlFiles{file: doc}}
	var found []refAt
	add := func(n *yaml.Node, ptr string) { found = append(found, refAt{n, ptr}) }
	walkForbidden(doc, "", true, "#", add)
	if isPathItem(doc) { // a file that a spec's paths refer to
		operationRefs(doc, "#", add)
	}
	slices.SortFunc(found, func(a, b refAt) int { return cmp.Or(a.n.Line-b.n.Line, a.n.Column-b.n.Column) })
	resolved := make([]*yaml.Node, len(found))
	for i, p := range found {
		value, err := r.resolve(p.n, file, 0)
		if err != nil {
			return nil, nil, p.errorIn(file, err)
		}
		resolved[i] = value
	}
	return found, resolved, nil
}

// inlineForbiddenNodes is inlineForbiddenRefs on doc, the parsed file,
// in place: for a document whose lines need not be kept (see bundle).
func inlineForbiddenNodes(data []byte, doc *yaml.Node, file string) error {
	if !mayNeedInlining(data) {
		return nil
	}
	found, resolved, err := forbiddenRefs(doc, file)
	for i, p := range found {
		*p.n = *resolved[i]
	}
	return err
}

// mayNeedInlining reports whether data, a file's text, may hold a
// reference OpenAPI forbids, by its lines: only then is it searched.
func mayNeedInlining(data []byte) bool {
	if isJSON(data) {
		return jsonMayHaveForbiddenRefs(data)
	}
	return mayHaveForbiddenRefs(data)
}

// refAt is a forbidden reference, and its JSON pointer.
type refAt struct {
	n   *yaml.Node
	ptr string
}

// errorIn is err, met inlining the reference written in file, located
// there: the loader passes it through unchanged, so locateLoadError finds
// it as it is.
func (r refAt) errorIn(file string, err error) error {
	return &diag.Error{Loc: diag.Loc{File: displayPath(file), Line: r.n.Line, Col: r.n.Column, Pointer: r.ptr}, Msg: err.Error()}
}

// mayHaveForbiddenRefs reports whether YAML data may hold a reference
// where OpenAPI forbids one, reading lines rather than YAML, so that a spec
// in one file without any is not parsed a second time to find out: a line
// "$ref: ..." under a line "get:", "description:", "properties:" or a media
// type ("application/json:"), or such a key followed by "{$ref" on its
// line. A false alarm (a property named description) costs that parse.
func mayHaveForbiddenRefs(data []byte) bool {
	prevIndent, prevKey := -1, []byte(nil)
	for line := range bytes.Lines(data) {
		text := bytes.TrimLeft(line, " ")
		indent := len(line) - len(text)
		text = bytes.TrimRight(text, " \t\r\n")
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		key, rest, isKey := cutKey(text)
		switch {
		case isKey && string(key) == "$ref" && indent > prevIndent && forbiddenKey(prevKey):
			return true
		case isKey && len(rest) > 0 && rest[0] == '{' && bytes.Contains(rest, []byte("$ref")) && forbiddenKey(key):
			return true
		}
		prevIndent, prevKey = indent, nil
		if isKey && (len(rest) == 0 || rest[0] == '#') { // "key:", perhaps with a comment
			prevKey = key
		}
	}
	return false
}

// jsonMayHaveForbiddenRefs is mayHaveForbiddenRefs for JSON, which need
// not be split into lines: a member "get", "description", "properties" or
// a media type whose value is an object that starts with "$ref". JSON
// specs are often large (GitHub's is 10 MB) and hold "$ref" everywhere, so
// this looks back from each "$ref" rather than parsing.
func jsonMayHaveForbiddenRefs(data []byte) bool {
	ref := []byte(`"$ref"`)
	for i := 0; ; {
		j := bytes.Index(data[i:], ref)
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(ref)
		k := lastToken(data, at)
		if k < 0 || data[k] != '{' {
			continue
		}
		if k = lastToken(data, k); k < 0 || data[k] != ':' {
			continue
		}
		if k = lastToken(data, k); k < 0 || data[k] != '"' {
			continue
		}
		if open := bytes.LastIndexByte(data[:k], '"'); open >= 0 && forbiddenKey(data[open+1:k]) {
			return true
		}
	}
}

// lastToken is the index of the last byte before end that is not JSON
// whitespace, or -1.
func lastToken(data []byte, end int) int {
	for i := end - 1; i >= 0; i-- {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
		default:
			return i
		}
	}
	return -1
}

// cutKey splits a line "key: rest" (the key perhaps quoted) into the key
// and what follows the colon.
func cutKey(text []byte) (key, rest []byte, ok bool) {
	if q := text[0]; q == '"' || q == '\'' {
		end := bytes.IndexByte(text[1:], q)
		if end < 0 || !bytes.HasPrefix(text[end+2:], []byte(":")) {
			return nil, nil, false
		}
		return text[1 : end+1], bytes.TrimLeft(text[end+3:], " "), true
	}
	k, r, ok := bytes.Cut(text, []byte(":"))
	if !ok || len(r) > 0 && r[0] != ' ' {
		return nil, nil, false
	}
	return k, bytes.TrimLeft(r, " "), true
}

// forbiddenKey reports a key whose value cannot be a reference: an
// operation, a description, properties or a media type (a path, which
// starts with /, can).
func forbiddenKey(key []byte) bool {
	k := string(key)
	return k == "description" || k == "properties" || isMethod(k) || bytes.IndexByte(key, '/') > 0
}

// refInliner resolves forbidden references, reading each file once.
type refInliner struct {
	files yamlFiles
}

// yamlFiles holds parsed YAML (or JSON) documents by path, each read once.
type yamlFiles map[string]*yaml.Node

var errEmptyFile = errors.New("the file is empty")

// load returns the document at path, reading and parsing it the first
// time.
func (f yamlFiles) load(path string) (*yaml.Node, error) {
	return f.loadWith(path, func(data []byte, _ string) (*yaml.Node, error) { return parseDocument(data) })
}

// loadWith is load with parse for reading a file's text, the first time.
func (f yamlFiles) loadWith(path string, parse func(data []byte, path string) (*yaml.Node, error)) (*yaml.Node, error) {
	if doc, ok := f[path]; ok {
		return doc, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := parse(data, path)
	if err == nil {
		f[path] = doc
	}
	return doc, err
}

// parseDocument is the YAML (or JSON) document data holds.
func parseDocument(data []byte) (*yaml.Node, error) {
	var d yaml.Node
	if err := yaml.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	if len(d.Content) == 0 {
		return nil, errEmptyFile
	}
	return d.Content[0], nil
}

// isNameMap reports whether the value of key maps names (of properties,
// schemas, paths, media types...) to objects: a "description" there is a
// name.
func isNameMap(key string) bool {
	switch key {
	case "properties", "patternProperties", "schemas", "responses", "parameters", "examples",
		"requestBodies", "headers", "securitySchemes", "links", "callbacks", "paths", "content",
		"encoding", "variables", "definitions", "$defs", "webhooks", "dependentSchemas", "mapping":
		return true
	}
	return false
}

// isMethod reports whether key names an operation of a path item.
func isMethod(key string) bool {
	switch key {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}

// walkForbidden calls found for each reference under n (at JSON pointer
// ptr) at a place OpenAPI forbids one. names is the key whose value n is
// when n maps names to objects ("content" for media types), "" otherwise;
// root says n is a document.
func walkForbidden(n *yaml.Node, names string, root bool, ptr string, found func(*yaml.Node, string)) {
	switch n.Kind {
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkForbidden(c, "", false, ptr+"/"+strconv.Itoa(i), found)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i].Value, n.Content[i+1]
			at := ptr + "/" + escapeToken(key)
			if strings.HasPrefix(key, "x-") {
				continue // an extension's content is its own
			}
			forbidden := names == "" && (key == "description" || key == "properties") || names == "content"
			if forbidden && refOf(value) != "" {
				found(value, at)
				continue
			}
			if root && key == "paths" && value.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(value.Content); j += 2 {
					operationRefs(value.Content[j+1], at+"/"+escapeToken(value.Content[j].Value), found)
				}
			}
			next := ""
			if names == "" && isNameMap(key) {
				next = key
			}
			walkForbidden(value, next, false, at, found)
		}
	}
}

// operationRefs calls found for each operation of path item n (at ptr)
// that is a reference.
func operationRefs(n *yaml.Node, ptr string, found func(*yaml.Node, string)) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if method := n.Content[k].Value; isMethod(method) && refOf(n.Content[k+1]) != "" {
			found(n.Content[k+1], ptr+"/"+method)
		}
	}
}

// isPathItem reports whether n, a file's root, is a path item (which a
// spec's paths refer to): every key one of a path item's, an operation
// among them. Nothing else OpenAPI keeps in a file of its own (a schema, a
// response, a set of components) has an operation's key at its root.
func isPathItem(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	operations := 0
	for k := 0; k+1 < len(n.Content); k += 2 {
		switch key := n.Content[k].Value; {
		case isMethod(key):
			operations++
		case key == "summary" || key == "description" || key == "servers" || key == "parameters" ||
			key == "$ref" || strings.HasPrefix(key, "x-"):
		default:
			return false
		}
	}
	return operations > 0
}

// refOf is the target of a mapping that is only a $ref, or "".
func refOf(n *yaml.Node) string {
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "$ref" && n.Content[1].Kind == yaml.ScalarNode {
		return n.Content[1].Value
	}
	return ""
}

// resolve returns a copy of what reference n (written in file in) points
// to, with its own forbidden references resolved and its references made
// to work from in's directory.
func (r *refInliner) resolve(n *yaml.Node, in string, depth int) (*yaml.Node, error) {
	if depth > 32 {
		return nil, fmt.Errorf("references where OpenAPI allows none go more than 32 deep: a cycle?")
	}
	ref := refOf(n)
	file, frag, _ := strings.Cut(ref, "#")
	if strings.Contains(file, "://") || filepath.IsAbs(file) {
		return nil, fmt.Errorf("$ref %q: only a file beside the spec can stand where OpenAPI allows no $ref", ref)
	}
	target := in
	if file != "" {
		target = filepath.Join(filepath.Dir(in), filepath.FromSlash(file))
	}
	doc, err := r.files.load(target)
	if err != nil {
		return nil, fmt.Errorf("$ref %q: %w", ref, err)
	}
	value := doc
	for _, token := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if token == "" {
			continue
		}
		if value = child(value, unescapeToken(token)); value == nil {
			return nil, fmt.Errorf("$ref %q: no %s in %s", ref, frag, file)
		}
	}
	value = deepCopy(value)
	walkForbidden(value, "", false, "#"+frag, func(inner *yaml.Node, _ string) {
		if err != nil {
			return
		}
		var v *yaml.Node
		if v, err = r.resolve(inner, target, depth+1); err == nil {
			*inner = *v
		}
	})
	if err != nil {
		return nil, err
	}
	if target != in {
		rebase(value, target, in)
	}
	return value, nil
}

// child is the value of key in mapping n (the first, if repeated), or the
// element at index key of sequence n.
func child(n *yaml.Node, key string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

func deepCopy(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = deepCopy(x)
	}
	return &c
}

// rebase makes the references in n, written in file from, work in file
// to: $ref values, and discriminator mappings that name a location rather
// than a schema.
func rebase(n *yaml.Node, from, to string) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i].Value, n.Content[i+1]
			switch {
			case key == "$ref" && value.Kind == yaml.ScalarNode:
				value.Value = rebaseRef(value.Value, from, to)
			case key == "discriminator":
				if m := child(value, "mapping"); m != nil && m.Kind == yaml.MappingNode {
					for j := 1; j < len(m.Content); j += 2 {
						if v := m.Content[j].Value; strings.Contains(v, "/") || strings.Contains(v, "#") {
							m.Content[j].Value = rebaseRef(v, from, to)
						}
					}
				}
			}
		}
	}
	for _, c := range n.Content {
		rebase(c, from, to)
	}
}

// rebaseRef is ref, written in file from, as written in file to. A
// reference within from ("#/...") comes out naming from; one into to
// comes out as a reference within it ("#/..."), so a component stays the
// component it is.
func rebaseRef(ref, from, to string) string {
	file, frag, hasFrag := strings.Cut(ref, "#")
	if strings.Contains(file, "://") || filepath.IsAbs(file) || file == "" && !hasFrag {
		return ref
	}
	if file == "" {
		file = filepath.Base(from)
	}
	target := filepath.Join(filepath.Dir(from), filepath.FromSlash(file))
	if hasFrag && target == filepath.Clean(to) {
		return "#" + frag
	}
	rel, err := filepath.Rel(filepath.Dir(to), target)
	if err != nil {
		return ref
	}
	out := path.Clean(filepath.ToSlash(rel))
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// span is the bytes of data that reference n takes: from its start to the
// end of its line when it is a block mapping (which must sit on one line),
// from its { to its } when it is a flow one (JSON's are), across lines.
func span(data []byte, lineStarts []int, n *yaml.Node) (start, end int, ok bool) {
	if n.Line < 1 || n.Line > len(lineStarts) || n.Column < 1 {
		return 0, 0, false
	}
	lineEnd := len(data)
	if n.Line < len(lineStarts) {
		lineEnd = lineStarts[n.Line]
	}
	line := data[lineStarts[n.Line-1]:lineEnd]
	// The column counts characters, not bytes.
	col := 0
	for range n.Column - 1 {
		if col >= len(line) {
			return 0, 0, false
		}
		_, size := utf8.DecodeRune(line[col:])
		col += size
	}
	start = lineStarts[n.Line-1] + col
	if n.Style&yaml.FlowStyle == 0 {
		if n.Content[1].Line != n.Line {
			return 0, 0, false
		}
		return start, lineStarts[n.Line-1] + len(bytes.TrimRight(line, "\r\n")), true
	}
	close := flowEnd(data, start)
	if close < 0 {
		return 0, 0, false
	}
	return start, close + 1, true
}

// flowEnd is the index of the } that closes the flow mapping opening at
// data[start], or -1 when it does not close.
func flowEnd(data []byte, start int) int {
	depth := 0
	var quote byte
	for i := start; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// jsonOf is n written as JSON (writeJSON), or an error when its aliases
// would expand it far beyond its size: a YAML "billion laughs" must not
// run the generator out of memory (the YAML decoder refuses it the same
// way when it decodes values).
func jsonOf(n *yaml.Node) ([]byte, error) {
	limit := 4*countNodes(n) + 100_000
	if expandedSize(n, map[*yaml.Node]int{}, limit) > limit {
		return nil, errors.New("the document contains excessive aliasing")
	}
	var b bytes.Buffer
	writeJSON(&b, n)
	return b.Bytes(), nil
}

// expandedSize is how many nodes n stands for with its aliases expanded,
// counted up to just past limit; memo holds what is counted already (-1
// while a node is being counted, so an alias of its own ancestor counts as
// too many).
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int, limit int) int {
	if size, ok := memo[n]; ok {
		if size < 0 {
			return limit + 1
		}
		return size
	}
	memo[n] = -1
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, memo, limit)
	}
	for _, c := range n.Content {
		if size += expandedSize(c, memo, limit); size > limit {
			size = limit + 1
			break
		}
	}
	memo[n] = size
	return size
}

// writeJSON writes n as JSON, keeping the order of mapping keys.
func writeJSON(b *bytes.Buffer, n *yaml.Node) {
	switch n.Kind {
	case yaml.AliasNode:
		writeJSON(b, n.Alias)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, n.Content[i].Value)
			b.WriteByte(':')
			writeJSON(b, n.Content[i+1])
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, c)
		}
		b.WriteByte(']')
	default:
		writeScalar(b, n)
	}
}

// writeScalar writes a YAML scalar as the JSON value YAML reads it as.
func writeScalar(b *bytes.Buffer, n *yaml.Node) {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
		return
	case "!!bool":
		if v, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			b.WriteString(strconv.FormatBool(v))
			return
		}
	case "!!int":
		digits := strings.ReplaceAll(n.Value, "_", "")
		if v, err := strconv.ParseInt(digits, 0, 64); err == nil {
			b.WriteString(strconv.FormatInt(v, 10))
			return
		}
		if v, err := strconv.ParseUint(strings.TrimPrefix(digits, "+"), 0, 64); err == nil {
			b.WriteString(strconv.FormatUint(v, 10)) // past int64, as a maximum of 2^64-1
			return
		}
	case "!!float":
		if v, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			return
		}
	}
	writeString(b, n.Value)
}

// writeString writes s as a JSON string that YAML reads back as s too:
// besides what JSON must escape, the characters YAML takes as line breaks
// inside quotes (U+0085, U+2028, U+2029) are escaped, and a byte that is no
// UTF-8 becomes U+FFFD, as encoding/json writes it.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			i++
			continue
		}
		size := 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r != '\u0085' && r != '\u2028' && r != '\u2029' && (r != utf8.RuneError || size > 1) {
				i += size
				continue
			}
			b.WriteString(s[start:i])
			if r == utf8.RuneError {
				r = '\ufffd'
			}
			b.WriteString(`\u`)
			b.WriteByte(hex[r>>12&0xf])
			b.WriteByte(hex[r>>8&0xf])
			b.WriteByte(hex[r>>4&0xf])
			b.WriteByte(hex[r&0xf])
		} else {
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
		}
		i += size
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
