package gen

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// A spec spread over files (DigitalOcean's: 846 files) is slow for
// kin-openapi, which resolves every reference anew: each use of a schema in
// another file parses that file again and resolves everything it refers
// to, so DigitalOcean's spec took 25,955 file reads and 4 s to load.
// bundle reads each file once and writes one document in which every
// reference to another file is a local one, to a component made for its
// target. A schema is one component, which the loader resolves once; the
// reference keeps what the spec wrote and the target's location beside it
// (x-oagen-ref, x-oagen-key), so the builder names and identifies its type
// as it does after the loader's own resolution (see refText and
// externalKey). What the loader copies per use and the builder makes types
// of per copy (a response or body holding a schema inline, an allOf part)
// gets a component per use, so the package comes out as before, byte for
// byte (TestBundleMatchesFileByFile). Anything the bundler does not know
// how to place (a reference in a spot it does not model, a remote or
// escaped location, anchors, a reference back into the spec's own file, a
// cycle of copies) makes it give up, and the spec is loaded file by file.

// Extensions the bundler writes next to a reference it made local.
const (
	extBundledRef = "x-oagen-ref" // the $ref as the spec wrote it
	extBundledKey = "x-oagen-key" // the absolute location it leads to
	// extBundled, on #/components, says the schemas named bundledPrefix
	// and a number are bundle's, not the spec's.
	extBundled    = "x-oagen-bundled"
	bundledPrefix = "oagen/"
)

// objKind is what an OpenAPI object at some place in a document is.
type objKind int

const (
	kindSchema objKind = iota
	kindResponse
	kindParameter
	kindExample
	kindRequestBody
	kindHeader
	kindSecurityScheme
	kindLink
	kindCallback
	kindPathItem
	// kindAllOfPart is a schema that is a part of an allOf: the builder
	// reads such a part's members into the struct it makes, so each
	// reference to one gets its own copy, as the loader gives it.
	kindAllOfPart
)

// section is where components of kind k live under #/components.
func (k objKind) section() string {
	switch k {
	case kindSchema, kindAllOfPart:
		return "schemas"
	case kindResponse:
		return "responses"
	case kindParameter:
		return "parameters"
	case kindExample:
		return "examples"
	case kindRequestBody:
		return "requestBodies"
	case kindHeader:
		return "headers"
	case kindSecurityScheme:
		return "securitySchemes"
	case kindLink:
		return "links"
	case kindCallback:
		return "callbacks"
	}
	return "pathItems"
}

// errNoBundle says why a spec is not bundled; it is never shown, since the
// spec is then loaded file by file, and that load reports what is wrong.
type errNoBundle struct{ why string }

func (e errNoBundle) Error() string { return "not bundled: " + e.why }

// bundler builds the one document.
type bundler struct {
	root  string    // the spec's absolute path
	files yamlFiles // each file, read once, forbidden references inlined
	// targets holds the component made for each location, by its key;
	// order is the order they were made in, which is the output's.
	targets map[string]*bundledTarget
	order   []*bundledTarget
	// expanding holds the locations whose copy for one use is being
	// made, since the last schema made one component: one reached again
	// within its own copy is a cycle the copies would never end, left to
	// the loader. copied counts the nodes copied, which copies of copies
	// could multiply past any size.
	expanding map[string]bool
	copied    int
	// examples says to keep the spec's examples, which building a package
	// never reads: dropped, they take neither copies nor the loader's time.
	examples bool
	err      error
}

// maxCopied bounds the nodes bundle copies: DigitalOcean's spec, the
// largest split one known, copies about 100,000 of the 150,000 its files
// parse into.
const maxCopied = 5_000_000

// bundledTarget is the component made for an object in another file.
type bundledTarget struct {
	name string
	kind objKind
	node *yaml.Node
}

// bundle returns the spec at path (data, read from it) as one document, or
// an error saying why it cannot; without its examples unless examples is
// set.
func bundle(data []byte, path string, examples bool) ([]byte, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	b := &bundler{root: abs, files: yamlFiles{}, targets: map[string]*bundledTarget{}, expanding: map[string]bool{}, examples: examples}
	root, err := b.parse(data, abs)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode || child(root, "openapi") == nil {
		return nil, errNoBundle{"no openapi member"} // Prepare says what it is not
	}
	b.files[abs] = root
	b.walkRoot(root)
	if b.err != nil {
		return nil, b.err
	}
	if len(b.files) == 1 {
		// No reference led to another file (the other files' names were
		// in examples or text): the spec loads as it is, faster than
		// written out again.
		return nil, errNoBundle{"no reference to another file"}
	}
	if err := b.place(root); err != nil {
		return nil, err
	}
	// Written out directly: jsonOf's guard against aliases that expand
	// past all size is not needed for files with none (see load).
	var out bytes.Buffer
	writeJSON(&out, root)
	return out.Bytes(), nil
}

// place adds the components made to root's, marked as bundle's.
func (b *bundler) place(root *yaml.Node) error {
	if len(b.order) == 0 {
		return nil
	}
	components := section(root, "components")
	if components == nil {
		return errNoBundle{"components is not a mapping"}
	}
	sections := map[string]*yaml.Node{}
	for _, t := range b.order {
		name := t.kind.section()
		if sections[name] == nil {
			m := section(components, name)
			if m == nil {
				return errNoBundle{"components/" + name + " is not a mapping"}
			}
			for i := 0; i < len(m.Content); i += 2 {
				if strings.HasPrefix(m.Content[i].Value, bundledPrefix) {
					return errNoBundle{"a component named like bundle's own"}
				}
			}
			sections[name] = m
		}
		sections[name].Content = append(sections[name].Content, scalarNode(t.name), t.node)
	}
	components.Content = append(components.Content, scalarNode(extBundled), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	return nil
}

// section is the mapping at key in mapping n, added when there is none;
// nil when there is something else.
func section(n *yaml.Node, key string) *yaml.Node {
	m := child(n, key)
	if m == nil {
		m = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		n.Content = append(n.Content, scalarNode(key), m)
	}
	if m.Kind != yaml.MappingNode {
		return nil
	}
	return m
}

// drop removes the members named keys from mapping n, which is the
// spec's own parse or a copy, never a file's tree as read.
func drop(n *yaml.Node, keys ...string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	kept := n.Content[:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !slices.Contains(keys, n.Content[i].Value) {
			kept = append(kept, n.Content[i], n.Content[i+1])
		}
	}
	n.Content = kept
}

func scalarNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// fail records the first reason not to bundle.
func (b *bundler) fail(format string, args ...any) {
	if b.err == nil {
		b.err = errNoBundle{fmt.Sprintf(format, args...)}
	}
}

// members calls f with each member of mapping n, skipping extensions.
func members(n *yaml.Node, f func(key string, value *yaml.Node)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if key := n.Content[i].Value; !strings.HasPrefix(key, "x-") {
			f(key, n.Content[i+1])
		}
	}
}

// each calls f with each named value of mapping n (properties, responses,
// media types...), or each element of sequence n.
func each(n *yaml.Node, f func(*yaml.Node)) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			f(n.Content[i])
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			f(c)
		}
	}
}

func (b *bundler) walkRoot(root *yaml.Node) {
	members(root, func(key string, v *yaml.Node) {
		switch key {
		case "paths", "webhooks":
			members(v, func(_ string, item *yaml.Node) { b.walk(item, b.root, kindPathItem) })
		case "components":
			if !b.examples {
				drop(v, "examples")
			}
			members(v, func(section string, m *yaml.Node) {
				k, ok := sectionKind(section)
				if !ok {
					b.plain(m, b.root)
					return
				}
				each(m, func(c *yaml.Node) { b.walk(c, b.root, k) })
			})
		default:
			b.plain(v, b.root)
		}
	})
}

func sectionKind(section string) (objKind, bool) {
	for k := kindSchema; k <= kindPathItem; k++ {
		if k.section() == section {
			return k, true
		}
	}
	return 0, false
}

// walk makes the references in n, an object of kind k written in file,
// local ones.
func (b *bundler) walk(n *yaml.Node, file string, k objKind) {
	// Each node is walked once: the spec's own, or a copy made for this
	// walk (see ref).
	if b.err != nil || n == nil || n.Kind != yaml.MappingNode {
		return
	}
	if ref := child(n, "$ref"); ref != nil {
		// Fields beside it must refer to nothing the bundle would have to
		// place (OpenAPI 3.1 reads a schema's as a schema of their own).
		members(n, func(key string, v *yaml.Node) {
			if key != "$ref" {
				b.plain(v, file)
			}
		})
		b.ref(n, ref, file, k)
		return
	}
	if !b.examples && (k == kindSchema || k == kindAllOfPart || k == kindParameter || k == kindHeader) {
		drop(n, "example", "examples")
	}
	switch k {
	case kindSchema, kindAllOfPart:
		b.walkSchema(n, file)
	case kindParameter, kindHeader:
		b.walkMembers(n, file, map[string]objKind{"schema": kindSchema}, "content", "examples")
	case kindRequestBody:
		b.walkMembers(n, file, nil, "content")
	case kindResponse:
		b.walkMembers(n, file, nil, "content", "headers", "links")
	case kindPathItem:
		members(n, func(key string, v *yaml.Node) {
			switch {
			case key == "parameters":
				each(v, func(p *yaml.Node) { b.walk(p, file, kindParameter) })
			case isMethod(key):
				b.walkOperation(v, file)
			default:
				b.plain(v, file)
			}
		})
	case kindCallback:
		members(n, func(_ string, item *yaml.Node) { b.walk(item, file, kindPathItem) })
	case kindExample, kindSecurityScheme, kindLink:
		// Data and names only: an example's value may hold "$ref" as data.
	}
}

// walkMembers walks the members of n named in one (each an object of that
// kind) and the maps of objects named in many (content, examples, headers,
// links); every other member must hold no reference.
func (b *bundler) walkMembers(n *yaml.Node, file string, one map[string]objKind, many ...string) {
	members(n, func(key string, v *yaml.Node) {
		if k, ok := one[key]; ok {
			b.walk(v, file, k)
			return
		}
		switch {
		case !slices.Contains(many, key):
			if key != "example" {
				b.plain(v, file)
			}
		case key == "content":
			each(v, func(mt *yaml.Node) { b.walkMediaType(mt, file) })
		case key == "examples":
			each(v, func(e *yaml.Node) { b.walk(e, file, kindExample) })
		case key == "headers":
			each(v, func(h *yaml.Node) { b.walk(h, file, kindHeader) })
		case key == "links":
			each(v, func(l *yaml.Node) { b.walk(l, file, kindLink) })
		}
	})
}

func (b *bundler) walkMediaType(n *yaml.Node, file string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	if !b.examples {
		drop(n, "example", "examples")
	}
	b.walkMembers(n, file, map[string]objKind{"schema": kindSchema}, "examples", "encoding")
	members(child(n, "encoding"), func(_ string, enc *yaml.Node) {
		b.walkMembers(enc, file, nil, "headers")
	})
}

func (b *bundler) walkOperation(n *yaml.Node, file string) {
	members(n, func(key string, v *yaml.Node) {
		switch key {
		case "parameters":
			each(v, func(p *yaml.Node) { b.walk(p, file, kindParameter) })
		case "requestBody":
			b.walk(v, file, kindRequestBody)
		case "responses":
			members(v, func(_ string, r *yaml.Node) { b.walk(r, file, kindResponse) })
		case "callbacks":
			each(v, func(c *yaml.Node) { b.walk(c, file, kindCallback) })
		default:
			b.plain(v, file)
		}
	})
}

func (b *bundler) walkSchema(n *yaml.Node, file string) {
	schema := func(v *yaml.Node) { b.walk(v, file, kindSchema) }
	members(n, func(key string, v *yaml.Node) {
		switch key {
		case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
			each(v, schema)
		case "allOf":
			each(v, func(part *yaml.Node) { b.walk(part, file, kindAllOfPart) })
		case "anyOf", "oneOf", "prefixItems":
			each(v, schema)
		case "items":
			if v.Kind == yaml.SequenceNode {
				b.fail("a tuple (items: [...])")
			}
			schema(v)
		case "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
			"unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems":
			schema(v)
		case "discriminator":
			b.discriminator(v, file)
		case "example", "examples", "default", "enum", "const":
		default:
			b.plain(v, file)
		}
	})
}

// discriminator makes the mapping's locations (those a loader reads as
// references: with a "/") local, as their schemas' references are, so the
// builder still matches them with the union's variants.
func (b *bundler) discriminator(n *yaml.Node, file string) {
	members(child(n, "mapping"), func(_ string, v *yaml.Node) {
		if v.Kind != yaml.ScalarNode || !strings.Contains(v.Value, "/") {
			return
		}
		if strings.HasPrefix(v.Value, "#") && file == b.root {
			return
		}
		if local, ok := b.schemaRef(v.Value, file); ok {
			v.Value = local
		}
	})
}

// schemaRef is the local reference for a discriminator mapping's location
// ref (written in file): the one its schema's references get.
func (b *bundler) schemaRef(ref, file string) (string, bool) {
	n := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalarNode("$ref"), scalarNode(ref)}}
	b.ref(n, n.Content[1], file, kindSchema)
	return n.Content[1].Value, b.err == nil
}

// plain checks that n, a value the bundler does not model, holds no
// reference it would have to place: there only references within the
// spec's own file can stay as they are.
func (b *bundler) plain(n *yaml.Node, file string) {
	if b.err != nil || n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" && (file != b.root || !strings.HasPrefix(n.Content[i+1].Value, "#")) {
				b.fail("a reference in a place the bundler does not model")
				return
			}
		}
	}
	for _, c := range n.Content {
		b.plain(c, file)
	}
}

// ref makes reference n (its $ref member ref), to an object of kind k and
// written in file, a local one, to a component made for its target (below:
// one for all uses, or one per use). Fields beside the $ref stay beside
// it, where the loader reads them per use as before. A path item or
// security scheme is put in the reference's place instead: OpenAPI 3.0 has
// no components for path items, and the builder reads every security
// scheme among the components as one of the spec's.
func (b *bundler) ref(n, ref *yaml.Node, file string, k objKind) {
	if ref.Kind != yaml.ScalarNode {
		b.fail("a $ref that is not a string")
		return
	}
	written := ref.Value
	if strings.HasPrefix(written, "#") && file == b.root {
		return // within the spec's file, where it stays
	}
	target, tfile, key, ok := b.resolve(written, file)
	if !ok {
		return
	}
	if k == kindPathItem || k == kindSecurityScheme {
		if len(n.Content) != 2 {
			b.fail("fields beside a $ref to a path item or security scheme")
			return
		}
		if target.Kind != yaml.MappingNode {
			b.fail("a $ref to something that is no object")
			return
		}
		if target = b.copy(target); target == nil {
			return
		}
		b.walk(target, tfile, k)
		n.Content = target.Content
		return
	}
	// A schema is one component, wherever it is used: the builder makes
	// one type of it (by x-oagen-key), whichever copy the loader gives. So
	// is any other object that holds no schema inline (those the builder
	// makes no types of: headers, examples, links; error responses that
	// refer to their schema). A response, parameter, request body or
	// callback holding one, and an allOf part, is a component per use:
	// the loader gives each reference its own copy, and the builder its
	// own types for what the copy holds inline, which the package keeps.
	shared := k == kindSchema || k == kindHeader || k == kindExample || k == kindLink ||
		k != kindAllOfPart && !holdsInlineSchema(target)
	t, ok := b.targets[key]
	if !ok || !shared {
		// A copy, whose references are made local while the file's tree
		// stays as written: a copy made for one use refers to copies of
		// its own in turn, as the loader's do.
		if target = b.copy(target); target == nil {
			return
		}
		t = &bundledTarget{name: bundledPrefix + strconv.Itoa(len(b.order)+1), kind: k, node: target}
		if shared {
			b.targets[key] = t
		} else if b.expanding[key] {
			b.fail("a cycle of allOf parts or objects copied per use")
			return
		}
		b.order = append(b.order, t)
		if shared {
			// Walked once, so what is copied within it ends there.
			outer := b.expanding
			b.expanding = map[string]bool{}
			b.walk(target, tfile, k)
			b.expanding = outer
		} else {
			b.expanding[key] = true
			b.walk(target, tfile, k)
			delete(b.expanding, key)
		}
	}
	if t.kind != k {
		b.fail("a location used as two kinds of object")
		return
	}
	ref.Value = t.local()
	n.Content = append(n.Content, scalarNode(extBundledRef), scalarNode(written), scalarNode(extBundledKey), scalarNode(key))
}

// copy is a deep copy of n, or nil when the copies made would pass
// maxCopied.
func (b *bundler) copy(n *yaml.Node) *yaml.Node {
	c := deepCopy(n)
	b.copied += countNodes(c)
	if b.copied > maxCopied {
		b.fail("copies past %d nodes", maxCopied)
		return nil
	}
	return c
}

// countNodes is how many nodes n is, aliases counted as one.
func countNodes(n *yaml.Node) int {
	count := 1
	for _, c := range n.Content {
		count += countNodes(c)
	}
	return count
}

// holdsInlineSchema reports whether n, an object that is no schema, holds
// a schema that is not only a $ref.
func holdsInlineSchema(n *yaml.Node) bool {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, v := n.Content[i].Value, n.Content[i+1]
			switch {
			case key == "example" || key == "examples" || strings.HasPrefix(key, "x-"):
				continue // data
			case key == "schema" && refOf(v) == "":
				return true
			}
			if holdsInlineSchema(v) {
				return true
			}
		}
		return false
	}
	for _, c := range n.Content {
		if holdsInlineSchema(c) {
			return true
		}
	}
	return false
}

// local is the reference to t within the bundled document.
func (t *bundledTarget) local() string {
	return "#/components/" + t.kind.section() + "/" + escapeToken(t.name)
}

// resolve follows ref, written in file, to the node at the end of any chain
// of references, as the loader does. key is what the loader knows the
// schema by (see externalKey): the location the first reference with a
// fragment leads to (a file's name alone leads on through a file that is a
// $ref), not the end of the chain.
func (b *bundler) resolve(ref, file string) (node *yaml.Node, tfile, key string, ok bool) {
	for range 32 {
		n, tf, frag, ok := b.target(ref, file)
		if !ok {
			return nil, "", "", false
		}
		next := refOf(n)
		if key == "" && (next == "" || frag != nil && *frag != "" && *frag != "/") {
			key = filepath.ToSlash(tf)
			if frag != nil && *frag != "" && *frag != "/" {
				key += "#" + *frag // "#" and "#/" are the whole file
			}
		}
		if next != "" {
			ref, file = next, tf
			continue
		}
		return n, tf, key, true
	}
	b.fail("a chain of references over 32 long")
	return nil, "", "", false
}

// target is the node ref (written in file) points to, the file it is in,
// and its fragment (nil when the reference names a whole file).
func (b *bundler) target(ref, file string) (*yaml.Node, string, *string, bool) {
	path, frag, hasFrag := strings.Cut(ref, "#")
	switch {
	case strings.Contains(path, ":") || strings.Contains(ref, "%") || strings.Contains(ref, "\\"):
		b.fail("a remote or escaped reference")
		return nil, "", nil, false
	case hasFrag && frag != "" && !strings.HasPrefix(frag, "/"):
		b.fail("a fragment that is no JSON pointer")
		return nil, "", nil, false
	}
	tfile := file
	if path != "" {
		tfile = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
	}
	if tfile == b.root {
		b.fail("a reference from another file back into the spec's")
		return nil, "", nil, false
	}
	n, err := b.files.loadWith(tfile, b.parse)
	if err != nil {
		b.fail("%s: %v", tfile, err)
		return nil, "", nil, false
	}
	if hasFrag && frag != "" {
		for token := range strings.SplitSeq(frag[1:], "/") {
			if n = child(n, unescapeToken(token)); n == nil {
				b.fail("%s has no %s", tfile, frag)
				return nil, "", nil, false
			}
		}
	}
	var fp *string
	if hasFrag {
		fp = &frag
	}
	return n, tfile, fp, true
}

// parse is the document data (read from path) holds, with the references
// OpenAPI forbids inlined as the loader's reads do.
func (b *bundler) parse(data []byte, path string) (*yaml.Node, error) {
	doc, err := parseDocument(data)
	if err != nil {
		return nil, err
	}
	if err := inlineForbiddenNodes(data, doc, path); err != nil {
		return nil, err
	}
	if hasAnchors(doc) {
		// Aliases would be written out as copies, but a merge key (<<)
		// would be written as a key.
		return nil, errNoBundle{"anchors and aliases"}
	}
	return doc, nil
}

// bundledSchema reports whether the component schema name of doc is one
// bundle placed there, a schema of another file: not a component of the
// spec's, which the builder declares and generates.
func bundledSchema(doc *openapi3.T, name string) bool {
	bundled, _ := doc.Components.Extensions[extBundled].(bool)
	return bundled && strings.HasPrefix(name, bundledPrefix)
}

// hasAnchors reports whether n or a node in it has an anchor or is an
// alias.
func hasAnchors(n *yaml.Node) bool {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAnchors(c) {
			return true
		}
	}
	return false
}
