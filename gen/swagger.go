package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/diag"
)

// Many vendors still publish Swagger 2.0. Such a document is converted to
// OpenAPI 3 by kin-openapi's openapi2conv, which keeps no source
// positions: positions, made from a parse of the original, stand in for
// them, through pointers translated back to where the original writes
// each thing (#/components/schemas/Pet is #/definitions/Pet).

var (
	swaggerYAML = regexp.MustCompile(`^["']?swagger["']?[ \t]*:[ \t]*["']?2`)
	swaggerJSON = regexp.MustCompile(`"swagger"\s*:\s*"2`)
	openapiJSON = regexp.MustCompile(`"openapi"\s*:\s*"3`)
)

// isSwagger2 reports whether data is a Swagger 2.0 document, by its
// top-level swagger member (in JSON, any "swagger": "2..." member when no
// "openapi": "3..." is there).
func isSwagger2(data []byte) bool {
	if !bytes.Contains(data, []byte("swagger")) {
		return false
	}
	if isJSON(data) {
		return swaggerJSON.Match(data) && !openapiJSON.Match(data)
	}
	// A top-level key is at the indentation of the document's first key,
	// which need not be none (go-swagger's fixtures indent their whole
	// document).
	indent, first := "", true
	for i, line := range bytes.Split(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\n")) {
		key := bytes.TrimLeft(line, " ")
		if i == 0 && bytes.HasPrefix(key, []byte("%")) || len(bytes.TrimSpace(key)) == 0 || key[0] == '#' || bytes.HasPrefix(key, []byte("---")) {
			continue // a directive, a blank line, a comment or the document's start
		}
		if first {
			indent, first = string(line[:len(line)-len(key)]), false
		}
		if bytes.HasPrefix(line, []byte(indent)) && swaggerYAML.Match(line[len(indent):]) {
			return true
		}
	}
	return false
}

// loadSwagger2 converts a Swagger 2.0 document (read from path) to OpenAPI
// 3, with positions that answer for the original.
func loadSwagger2(data []byte, path string) (*openapi3.T, *positions, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, err
	}
	var n yaml.Node
	js := data
	if err := yaml.Unmarshal(data, &n); err == nil && len(n.Content) > 0 {
		root := withoutMapExtensions(refSiblings(deepCopy(n.Content[0]), false))
		tuplesAsLists(root)
		definitionNames(root)
		if js, err = jsonOf(root); err != nil {
			return nil, nil, locateLoadError(path, err)
		}
	} else if !isJSON(data) {
		if err == nil {
			err = fmt.Errorf("the document is empty")
		}
		return nil, nil, locateLoadError(path, err)
	}
	// else JSON that YAML cannot read (a surrogate pair escape): read
	// without positions.
	var doc2 openapi2.T
	if err := json.Unmarshal(js, &doc2); err != nil {
		if wrong := wrongKinds(&n, path, err); wrong.Len() > 0 {
			return nil, nil, wrong.Err()
		}
		return nil, nil, locateLoadError(path, fmt.Errorf("the Swagger 2.0 document does not read as one: %w", err))
	}
	// Origins, for the files the document refers to (the document itself
	// is not parsed by the loader: positions answer for it).
	loader := newLoader(true)
	loader.IsExternalRefsAllowed = true
	doc, err := convertRecovering(&doc2, loader, abs)
	if err != nil {
		if broken := brokenRefs(data, abs); broken.Len() > 0 && isRefError(err) {
			return nil, nil, broken.Err()
		}
		if problems := swaggerProblems(&n, path); problems.Len() > 0 {
			return nil, nil, problems.Err()
		}
		var l diag.List
		l.Add(diag.Loc{File: displayPath(path), Pointer: "#"}, "cannot convert this Swagger 2.0 document to OpenAPI 3: %v", err)
		return nil, nil, l.Err()
	}
	// A path written as null converts to a nil path item, which the
	// OpenAPI 3 loader never gives the builder: it holds no operation.
	if doc.Paths != nil {
		for path, item := range doc.Paths.Map() {
			if item == nil {
				doc.Paths.Delete(path)
			}
		}
	}
	if len(n.Content) == 0 {
		return doc, nil, nil
	}
	pos := newPositions(&n)
	pos.swagger = true
	return doc, pos, nil
}

// refSiblings rewrites, in n, each schema written as a $ref with members
// beside it (x-nullable: true, go-swagger's x-go-name, a description) as
// an allOf of the reference with those members, since the conversion drops
// whatever is beside a $ref. Only where a schema stands (a definition, a
// property, items, additionalProperties, a parameter's or response's
// schema): a response or parameter given as a $ref stays one. It returns n.
func refSiblings(n *yaml.Node, schema bool) *yaml.Node {
	if schema && n.Kind == yaml.MappingNode && len(n.Content) > 2 && child(n, "$ref") != nil {
		var ref, rest []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" {
				ref = n.Content[i : i+2]
			} else {
				rest = append(rest, n.Content[i], n.Content[i+1])
			}
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "allOf"}
		list := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Content: ref}}}
		n.Content = append([]*yaml.Node{key, list}, rest...)
		return n
	}
	if n.Kind != yaml.MappingNode {
		for _, c := range n.Content {
			refSiblings(c, false)
		}
		return n
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch v := n.Content[i+1]; n.Content[i].Value {
		case "items", "additionalProperties", "schema":
			refSiblings(v, true)
		case "properties", "definitions":
			for j := 1; j < len(v.Content); j += 2 {
				refSiblings(v.Content[j], true)
			}
		default:
			refSiblings(v, false)
		}
	}
	return n
}

// withoutMapExtensions removes, from the Swagger 2.0 document root, the
// vendor extensions (x-...) of its paths object and of each operation's
// responses: Swagger allows them there, but the converter reads both as
// maps of path items and responses and fails on them ("cannot unmarshal
// string into value of type openapi2.PathItem"). Nothing is generated
// from them. It returns root.
func withoutMapExtensions(root *yaml.Node) *yaml.Node {
	paths := child(root, "paths")
	if paths == nil || paths.Kind != yaml.MappingNode {
		return root
	}
	dropExtensions(paths)
	for i := 1; i < len(paths.Content); i += 2 {
		item := paths.Content[i]
		if item.Kind != yaml.MappingNode {
			continue
		}
		for j := 1; j < len(item.Content); j += 2 {
			if op := item.Content[j]; op.Kind == yaml.MappingNode {
				if responses := child(op, "responses"); responses != nil && responses.Kind == yaml.MappingNode {
					dropExtensions(responses)
				}
			}
		}
	}
	return root
}

// definitionNames rewrites, in the Swagger 2.0 document root, each $ref
// that is the bare name of a definition ("$ref": "pet", as documents
// carried over from Swagger 1.2 write it: go-swagger's petstores) as the
// reference to it, #/definitions/pet; as written it names a file "pet"
// beside the document, which is not there.
func definitionNames(root *yaml.Node) {
	defs := child(root, "definitions")
	if defs == nil || defs.Kind != yaml.MappingNode {
		return
	}
	eachMember(root, "#", func(_, key, value *yaml.Node, _ string) {
		if key.Value == "$ref" && value.Kind == yaml.ScalarNode && !strings.ContainsAny(value.Value, "#/.") && child(defs, value.Value) != nil {
			value.Value = "#/definitions/" + escapeToken(value.Value)
		}
	})
}

// dropExtensions removes the x- members of mapping n.
func dropExtensions(n *yaml.Node) {
	kept := n.Content[:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !strings.HasPrefix(n.Content[i].Value, "x-") {
			kept = append(kept, n.Content[i], n.Content[i+1])
		}
	}
	n.Content = kept
}

// swaggerProblems lists, in the Swagger 2.0 document n (read from path),
// the mistakes the converter reports without saying where, each located:
// a schema given as a $ref to something of this document that is not a
// definition (Gitea's spec once had responses' schemas refer to
// #/responses/empty; the converter says "bad data in ... (expecting ref to
// schema object)"), a schema or a response that is not an object (an empty
// allOf entry: "value MUST be an object"), and an operation with both a
// body and form parameters.
func swaggerProblems(n *yaml.Node, path string) *diag.List {
	list := &diag.List{}
	at := func(key *yaml.Node, ptr, format string, args ...any) {
		list.Add(diag.Loc{File: displayPath(path), Line: key.Line, Col: key.Column, Pointer: ptr}, format, args...)
	}
	var walk func(key, n *yaml.Node, ptr string, schema bool)
	walk = func(key, n *yaml.Node, ptr string, schema bool) {
		if schema && n.Kind != yaml.MappingNode {
			at(key, ptr, "a schema must be an object, not %s", yamlKind(n))
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(key, c, ptr, false)
			}
		case yaml.MappingNode:
			ins := map[string]bool{} // where its parameters go
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, value := n.Content[i], n.Content[i+1]
				sub := ptr + "/" + escapeToken(k.Value)
				switch k.Value {
				case "$ref":
					if ref := value.Value; schema && strings.HasPrefix(ref, "#/") && !strings.HasPrefix(ref, "#/definitions/") {
						at(k, ptr, "$ref %q leads to %s, where a schema goes (in #/definitions)", ref, refKind(ref))
					}
				case "items":
					if value.Kind != yaml.SequenceNode { // a list is a tuple (see tuplesAsLists)
						walk(k, value, sub, true)
					}
				case "additionalProperties":
					if value.Kind != yaml.ScalarNode || value.Tag != "!!bool" {
						walk(k, value, sub, true)
					}
				case "schema", "not":
					walk(k, value, sub, true)
				case "allOf", "anyOf", "oneOf":
					for j, c := range value.Content {
						walk(k, c, sub+"/"+strconv.Itoa(j), true)
					}
				case "properties", "definitions":
					for j := 0; j+1 < len(value.Content); j += 2 {
						walk(value.Content[j], value.Content[j+1], sub+"/"+escapeToken(value.Content[j].Value), true)
					}
				case "responses":
					for j := 0; j+1 < len(value.Content); j += 2 {
						code, r := value.Content[j], value.Content[j+1]
						if strings.HasPrefix(code.Value, "x-") {
							continue
						}
						if r.Kind != yaml.MappingNode {
							at(code, sub+"/"+escapeToken(code.Value), "a response must be an object, not %s", yamlKind(r))
							continue
						}
						misplacedRef(r, sub+"/"+escapeToken(code.Value), "#/responses/", "a response", at)
						walk(code, r, sub+"/"+escapeToken(code.Value), false)
					}
				case "parameters":
					for j, p := range value.Content {
						if in := child(p, "in"); in != nil {
							ins[in.Value] = true
						}
						if value.Kind == yaml.SequenceNode {
							misplacedRef(p, sub+"/"+strconv.Itoa(j), "#/parameters/", "a parameter", at)
						}
					}
					walk(k, value, sub, false)
				default:
					if !isDataKey(k.Value) {
						walk(k, value, sub, false)
					}
				}
			}
			if ins["body"] && ins["formData"] {
				at(key, ptr, "an operation cannot take both a body parameter and form parameters: its body is one or the other")
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(key, c, ptr+"/"+strconv.Itoa(i), false)
			}
		}
	}
	walk(n, n, "#", false)
	return list
}

// misplacedRef reports n's $ref when it leads to something of this
// document not under prefix, where what goes (a response given as a $ref to
// a definition: the converter says "expecting ref to response object").
func misplacedRef(n *yaml.Node, ptr, prefix, what string, at func(key *yaml.Node, ptr, format string, args ...any)) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "$ref" && strings.HasPrefix(v.Value, "#/") && !strings.HasPrefix(v.Value, prefix) {
			at(k, ptr, "$ref %q leads to %s, where %s goes (in %s)", v.Value, refKind(v.Value), what, strings.TrimSuffix(prefix, "/"))
		}
	}
}

// unmarshalMismatch is encoding/json's message for a value of the wrong
// kind, which kin-openapi passes on as text: the JSON kind found, and the
// Go struct and field it was for.
var unmarshalMismatch = regexp.MustCompile(`cannot unmarshal (string|number|bool|object|array) into field (\w+)\.(\w+) of type (\S+)`)

// wrongKinds locates what made decoding a Swagger 2.0 document fail with a
// value of the wrong kind: the message names only the Go field ("cannot
// unmarshal string into field Operation.tags of type []string"), so each
// member of that name whose value is of the kind found is reported, in
// operations only for an Operation's field (gnostic's
// petstore-badproperties).
func wrongKinds(n *yaml.Node, path string, err error) *diag.List {
	list := &diag.List{}
	m := unmarshalMismatch.FindStringSubmatch(err.Error())
	if m == nil {
		return list
	}
	found, owner, field, goType := m[1], m[2], m[3], m[4]
	kind := map[string]yaml.Kind{"object": yaml.MappingNode, "array": yaml.SequenceNode}[found]
	if kind == 0 {
		kind = yaml.ScalarNode
	}
	eachMember(n, "#", func(_, key, value *yaml.Node, ptr string) {
		if key.Value == field && value.Kind == kind && (owner != "Operation" || isOperation(ptr)) {
			list.Add(diag.Loc{File: displayPath(path), Line: key.Line, Col: key.Column, Pointer: ptr + "/" + escapeToken(key.Value)},
				"%s cannot be %s %s here (it is read as %s)", field, article(strings.ToUpper(found[:1])+found[1:]), found, goType)
		}
	})
	return list
}

// isOperation reports whether ptr is that of an operation,
// #/paths/{path}/{method}.
func isOperation(ptr string) bool {
	tokens := strings.Split(ptr, "/")
	return len(tokens) == 4 && tokens[1] == "paths" &&
		slices.Contains([]string{"get", "put", "post", "delete", "options", "head", "patch"}, tokens[3])
}

// refKind says what a reference into this document leads to, by the
// section it names: "#/responses/empty" is "a response".
func refKind(ref string) string {
	section, _, _ := strings.Cut(strings.TrimPrefix(ref, "#/"), "/")
	return "a " + strings.TrimSuffix(section, "s")
}

// yamlKind says what a node that should be an object is instead.
func yamlKind(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Tag == "!!null":
		return "empty"
	case n.Kind == yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}

// convertRecovering is openapi2conv.ToV3WithLoader, with a panic (a
// converter bug met on malformed input) turned into an error.
func convertRecovering(doc2 *openapi2.T, loader *openapi3.Loader, path string) (doc *openapi3.T, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("the converter failed on this document: %v", r)
		}
	}()
	return openapi2conv.ToV3WithLoader(doc2, loader, &url.URL{Path: filepath.ToSlash(path)})
}

// swaggerPointer is where a Swagger 2.0 document writes what pointer
// names in its OpenAPI 3 conversion; root is the original. A body
// parameter became the operation's request body, a response's schema
// moved under its media types, definitions became component schemas.
// Other pointers are the same in both.
func swaggerPointer(root *yaml.Node, pointer string) string {
	if !strings.HasPrefix(pointer, "#/") {
		return pointer // the root, or another file
	}
	tokens := strings.Split(strings.TrimPrefix(pointer, "#/"), "/")
	// dropMedia drops a media type's two tokens (content, the type) when
	// tokens start with them.
	dropMedia := func(tokens []string) []string {
		if len(tokens) >= 2 && tokens[0] == "content" {
			return tokens[2:]
		}
		return tokens
	}
	// out is built in a slice of its own: appending to a slice of tokens
	// would write over the tokens still to come.
	var out []string
	switch {
	case len(tokens) >= 3 && tokens[0] == "components" && tokens[1] == "schemas":
		out, tokens = []string{"definitions"}, tokens[2:]
	case len(tokens) >= 3 && tokens[0] == "components" && tokens[1] == "parameters":
		out, tokens = []string{"parameters", tokens[2]}, tokens[3:]
	case len(tokens) >= 3 && tokens[0] == "components" && tokens[1] == "responses":
		out, tokens = []string{"responses", tokens[2]}, dropMedia(tokens[3:])
	case len(tokens) >= 3 && tokens[0] == "components" && tokens[1] == "requestBodies":
		// A body parameter among the document's parameters.
		out, tokens = []string{"parameters", tokens[2]}, dropMedia(tokens[3:])
	case len(tokens) >= 3 && tokens[0] == "paths":
		out, tokens = slices.Clone(tokens[:3]), tokens[3:]
		switch {
		case len(tokens) >= 2 && tokens[0] == "responses":
			out, tokens = append(out, tokens[:2]...), dropMedia(tokens[2:])
		case len(tokens) >= 1 && tokens[0] == "requestBody":
			if i := bodyParameter(swaggerOperation(root, out)); i >= 0 {
				out, tokens = append(out, "parameters", strconv.Itoa(i)), dropMedia(tokens[1:])
			} else if rest := dropMedia(tokens[1:]); len(rest) == 1 && rest[0] == "schema" {
				// A form body made of formData parameters: they are where
				// the original writes it.
				out, tokens = append(out, "parameters"), nil
			}
		}
	}
	return "#/" + strings.Join(append(out, tokens...), "/")
}

// swaggerOperation is the operation at path tokens ["paths", path, method]
// of the original, or nil.
func swaggerOperation(root *yaml.Node, path []string) *yaml.Node {
	op := root
	for _, key := range []string{"paths", unescapeToken(path[1]), unescapeToken(path[2])} {
		if op = child(op, key); op == nil {
			return nil
		}
	}
	return op
}

// formDataPlaces answers keyPlaces for the properties of a request body
// that the conversion made from an operation's formData parameters: where
// each such parameter is written, by name. ok is false for any other
// pointer.
func formDataPlaces(root *yaml.Node, pointer string) (places map[string]place, ok bool) {
	tokens := strings.Split(strings.TrimPrefix(pointer, "#/"), "/")
	if len(tokens) != 8 || tokens[0] != "paths" || tokens[3] != "requestBody" || tokens[4] != "content" || tokens[6] != "schema" || tokens[7] != "properties" {
		return nil, false
	}
	op := swaggerOperation(root, tokens)
	if op == nil {
		return nil, false
	}
	for _, params := range []*yaml.Node{child(op, "parameters"), child(child(child(root, "paths"), unescapeToken(tokens[1])), "parameters")} {
		if params == nil || params.Kind != yaml.SequenceNode {
			continue
		}
		for _, p := range params.Content {
			in, name := child(p, "in"), child(p, "name")
			if in == nil || in.Value != "formData" || name == nil {
				continue
			}
			if places == nil {
				places = map[string]place{}
			}
			if _, seen := places[name.Value]; !seen { // the operation's own first
				places[name.Value] = place{p.Line, p.Column}
			}
		}
	}
	return places, places != nil
}

// bodyParameter is the index of operation op's body parameter, or -1.
func bodyParameter(op *yaml.Node) int {
	if op == nil {
		return -1
	}
	params := child(op, "parameters")
	if params == nil || params.Kind != yaml.SequenceNode {
		return -1
	}
	for i, p := range params.Content {
		if in := child(p, "in"); in != nil && in.Value == "body" {
			return i
		}
	}
	return -1
}
