package gen

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// loadParsed loads a self-contained document, YAML or JSON (one file, no
// anchors), from one parse of it, which also gives the positions of its
// keys: where kin-openapi's loader would parse it again (loadFast parsed it
// twice, on two cores, kin-openapi's parse the one waited for). The parse
// is parseYAML's, in halves on two cores for a large document (JSON too:
// the loader reads JSON with its YAML parser); kin-openapi decodes the tree
// (its types' UnmarshalYAML, as its loader calls them; a large spec's
// component schemas in halves on two cores, see decodeDoc) and resolves
// the references. It reports false for anything else, and for any failure,
// which the loader then meets and reports as it would; and, apart, whether
// the parse found the document not self-contained, which leaves it to the
// loader with origins (positions cannot order its fields).
func loadParsed(data []byte, path string) (doc *openapi3.T, pos *positions, ok, elsewhere bool) {
	defer func() {
		if recover() != nil {
			doc, pos, ok = nil, nil, false // the loader's own run says what
		}
	}()
	n, err := parseYAML(data)
	if err != nil {
		return nil, nil, false, false
	}
	if !selfContained(n) {
		return nil, nil, false, true
	}
	if !asKinReads(n) {
		return nil, nil, false, false
	}
	doc, err = decodeDoc(n)
	if err != nil {
		return nil, nil, false, false
	}
	// At the spec's path, as the loader resolves it. (The loader also keeps
	// the path of the document it started from, which ResolveRefsIn alone
	// does not set, so local discriminator mappings get their schemas
	// resolved too; build reads a mapping's Ref only. With no path at all,
	// the references resolve otherwise: the generated package had types
	// twice.)
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, false, false
	}
	if err := newLoader(false).ResolveRefsIn(doc, &url.URL{Path: filepath.ToSlash(abs)}); err != nil {
		return nil, nil, false, false
	}
	return doc, newPositions(n), true, false
}

// asKinReads tags the scalars of n as kin-openapi's loader does before it
// decodes a tree (prepareScalars in its marsh.go): a key is a string (a
// null one names nothing), and so is a scalar under a local tag or one
// YAML would read as a timestamp. It reports false for what the loader
// refuses (an infinite or NaN number, a null key), whose error it gives.
// TestLoadParsedAsLoader holds the two to the same documents.
func asKinReads(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") || n.Tag == "!!timestamp" {
			n.Tag = "!!str"
		}
		if n.Tag == "!!float" {
			switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
			case ".inf", ".nan":
				return false
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch k := n.Content[i]; {
			case k.Kind != yaml.ScalarNode || k.Tag == "!!str":
			case k.Tag == "!!null":
				return false
			default:
				k.Tag = "!!str"
			}
		}
	}
	for _, c := range n.Content {
		if !asKinReads(c) {
			return false
		}
	}
	return true
}

// decodeSplitFrom is the fewest component schemas decodeDoc decodes on
// another core, and the fewest a spec must have for it to try: below it,
// starting a goroutine costs about what it saves.
const decodeSplitFrom = 64

// decodeDoc decodes the document n into kin-openapi's types, as n.Decode
// does. Decoding is most of a large spec's load that one core does alone
// (the parse runs on two), and most of it is components.schemas, a mapping
// of independent members whose type (openapi3.Schemas) has no decoder of
// its own: so the later members (see splitSchemas) are decoded into a map
// of their own on another core, while this one decodes the rest of the
// document, and the two maps are merged. A key that is in both
// halves is an error, as the decoder's check of a mapping's keys makes it
// in one piece; any other error is the decoder's.
func decodeDoc(n *yaml.Node) (*openapi3.T, error) {
	doc := &openapi3.T{}
	first, second := splitSchemas(n)
	if second == nil {
		return doc, n.Decode(doc)
	}
	var rest openapi3.Schemas
	wait := meanwhile("decoding schemas", func() error { return second.Decode(&rest) })
	err := first.Decode(doc)
	restErr := wait()
	if err != nil {
		return nil, err
	}
	if restErr != nil {
		return nil, restErr
	}
	schemas := doc.Components.Schemas
	for name, s := range rest {
		if _, dup := schemas[name]; dup {
			return nil, fmt.Errorf("components.schemas: mapping key %q already defined", name)
		}
		schemas[name] = s
	}
	return doc, nil
}

// splitSchemas returns the document n with only the first members of its
// components.schemas, and a mapping of the others, cut where the two hold
// about as many mappings (most of the decoder's work is per mapping, each a
// struct it fills through reflection; lines would weigh a description of
// many lines as many as a schema of as many); or n and nil when there
// are too few schemas, or too few past the cut, to be worth it. n itself is
// not changed: the nodes on the way to the schemas are copies.
func splitSchemas(n *yaml.Node) (*yaml.Node, *yaml.Node) {
	root := n
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	// (A key given twice is taken at its first; the copies below then
	// hold it twice, and the decoder refuses them as it refuses n.)
	components := child(root, "components")
	if components == nil {
		return n, nil
	}
	schemas := child(components, "schemas")
	if schemas == nil || schemas.Kind != yaml.MappingNode || len(schemas.Content) < 2*decodeSplitFrom {
		return n, nil
	}
	// Members from the end of the schemas back, until they hold half of
	// all mappings, or all members but the first (the first half's
	// decode makes the map the others join).
	half, c := mappings(n)/2, len(schemas.Content)
	for count := 0; c > 2 && count < half; c -= 2 {
		count += mappings(schemas.Content[c-1])
	}
	if len(schemas.Content)-c < 2*decodeSplitFrom {
		return n, nil
	}
	second := *schemas
	second.Content = schemas.Content[c:]
	first := *schemas
	first.Content = schemas.Content[:c]
	// The way down to the schemas again, each node a copy whose members
	// are copies, with first where schemas was.
	withMember := func(m *yaml.Node, key string, v *yaml.Node) *yaml.Node {
		cp := *m
		cp.Content = append([]*yaml.Node(nil), m.Content...)
		for i := 0; i+1 < len(cp.Content); i += 2 {
			if cp.Content[i].Value == key {
				cp.Content[i+1] = v
			}
		}
		return &cp
	}
	top := withMember(root, "components", withMember(components, "schemas", &first))
	if root != n {
		doc := *n
		doc.Content = []*yaml.Node{top}
		top = &doc
	}
	return top, &second
}

// mappings counts the mappings in the tree n.
func mappings(n *yaml.Node) int {
	count := 0
	if n.Kind == yaml.MappingNode {
		count = 1
	}
	for _, c := range n.Content {
		count += mappings(c)
	}
	return count
}
