package gen

import (
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
// (its types' UnmarshalYAML, as its loader calls them) and resolves the
// references. It reports false for anything else, and for any failure,
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
	doc = &openapi3.T{}
	if err := n.Decode(doc); err != nil {
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
