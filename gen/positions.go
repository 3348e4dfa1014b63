package gen

import (
	"cmp"
	"strings"

	"go.yaml.in/yaml/v4"
)

// positions answers where keys are written in a single-file YAML document,
// from a parse of its own: the lines that give struct fields their spec
// order when the document was loaded without kin-openapi's origins (see
// loadFast).
type positions struct {
	root *yaml.Node
	// index maps the keys of large mappings, built when first asked, so a
	// lookup under #/components/schemas is not a scan of every schema.
	index map[*yaml.Node]map[string]*yaml.Node
	// swagger says the document was converted from this Swagger 2.0 one:
	// pointers are translated to it (swaggerPointer), and there is no
	// document with origins to build from instead.
	swagger bool
}

// indexFrom is the size from which a mapping's keys are indexed.
const indexFrom = 16

func newPositions(doc *yaml.Node) *positions {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	return &positions{root: root, index: map[*yaml.Node]map[string]*yaml.Node{}}
}

// place is where a key is written: comparing places (line, then column)
// orders keys as they are written, those of a one-line {b: 1, a: 2} too.
type place struct{ line, col int }

func (p place) compare(q place) int {
	return cmp.Or(cmp.Compare(p.line, q.line), cmp.Compare(p.col, q.col))
}

// keyPlaces returns where each key of the mapping at pointer (a "#/a/b"
// JSON pointer into the document) is written, or nil when there is none.
func (p *positions) keyPlaces(pointer string) map[string]place {
	if p.swagger {
		if places, ok := formDataPlaces(p.root, pointer); ok {
			return places
		}
	}
	n := p.node(pointer)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	places := make(map[string]place, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		places[n.Content[i].Value] = place{n.Content[i].Line, n.Content[i].Column}
	}
	return places
}

// node resolves a JSON pointer, following no references.
func (p *positions) node(pointer string) *yaml.Node {
	if p.swagger {
		pointer = swaggerPointer(p.root, pointer)
	}
	rest, ok := strings.CutPrefix(pointer, "#")
	if !ok {
		return nil // another file
	}
	n := p.root
	if rest == "" {
		return n
	}
	if rest, ok = strings.CutPrefix(rest, "/"); !ok {
		return nil
	}
	for token := range strings.SplitSeq(rest, "/") {
		if n = p.child(n, unescapeToken(token)); n == nil {
			return nil
		}
	}
	return n
}

// child is member key of a mapping or element key of a sequence; a large
// mapping is indexed on first use.
func (p *positions) child(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode || len(n.Content) < 2*indexFrom {
		return child(n, key)
	}
	idx, ok := p.index[n]
	if !ok {
		idx = make(map[string]*yaml.Node, len(n.Content)/2)
		for i := len(n.Content) - 2; i >= 0; i -= 2 { // the first of repeated keys wins
			idx[n.Content[i].Value] = n.Content[i+1]
		}
		p.index[n] = idx
	}
	return idx[key]
}

// selfContained reports whether the document can be read by key lines
// alone: no references into other files (their lines are in those files),
// and no anchors, aliases or merge keys (a merged key is written elsewhere).
// A "$ref" member inside an example is the example's data, not a
// reference: GitHub's spec has six ("$ref": "refs/heads/main"). (A schema
// property named example that refers to another file goes unseen here,
// and is still safe: building finds the other file's members unplaced, and
// Prepare loads again with origins; a schema there with no members needs
// no lines.)
func selfContained(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return false
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch {
			case !plainData(k) || k.Value == "$ref" && v.Kind == yaml.ScalarNode && !strings.HasPrefix(v.Value, "#"):
				// A merge key, an anchored or aliased one, a reference
				// (not a property named $ref: SCIM's, in GitHub's spec).
				return false
			case k.Value == "example" || k.Value == "examples":
				if !plainData(v) {
					return false
				}
			case !selfContained(v):
				return false
			}
		}
		return true
	}
	for _, c := range n.Content {
		if !selfContained(c) {
			return false
		}
	}
	return true
}

// plainData reports whether n (an example's value, a key) has no anchors,
// aliases or merge keys, whatever "$ref" members it holds.
func plainData(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Tag == "!!merge" {
		return false
	}
	for _, c := range n.Content {
		if !plainData(c) {
			return false
		}
	}
	return true
}
