package gen

import (
	"go.yaml.in/yaml/v4"
)

// tuplesAsLists rewrites, in n, each schema whose items is a list of
// schemas (JSON Schema's tuple form, which Swagger 2.0 and OpenAPI 3.0
// documents borrow: go-swagger's fixtures, ogen's sample.json) as an array
// of any values: the loader cannot read that form at all ("cannot unmarshal
// array into value of type openapi3.Schema"). Elements then decode as
// their exact JSON, so nothing is lost on the wire. additionalItems, which
// only a tuple gives meaning, goes with it. Values that are data, not
// schemas (examples, defaults, enums, extensions), are left alone. It
// reports whether it changed anything.
func tuplesAsLists(n *yaml.Node) bool {
	changed := false
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			changed = tuplesAsLists(c) || changed
		}
	case yaml.MappingNode:
		kept := n.Content[:0]
		tuple := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			if key.Value == "items" && value.Kind == yaml.SequenceNode {
				tuple, changed = true, true
				value = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: value.Line, Column: value.Column}
			}
			kept = append(kept, key, value)
		}
		n.Content = kept
		if tuple {
			n.Content = withoutKey(n.Content, "additionalItems")
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch key := n.Content[i].Value; {
			case isDataKey(key):
			default:
				changed = tuplesAsLists(n.Content[i+1]) || changed
			}
		}
	}
	return changed
}

// withoutKey is the members of a mapping without those named key.
func withoutKey(members []*yaml.Node, key string) []*yaml.Node {
	kept := members[:0]
	for i := 0; i+1 < len(members); i += 2 {
		if members[i].Value != key {
			kept = append(kept, members[i], members[i+1])
		}
	}
	return kept
}
