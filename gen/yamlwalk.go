package gen

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// isDataKey reports whether the member key of an OpenAPI object holds
// data rather than OpenAPI (examples, defaults, enums, constants,
// extensions): a walk of the document for schemas or references must not
// go into it.
func isDataKey(key string) bool {
	switch key {
	case "example", "examples", "default", "enum", "const":
		return true
	}
	return strings.HasPrefix(key, "x-")
}

// eachMember calls visit with every member of every mapping in n, depth
// first, and ptr the JSON pointer of the mapping it is in; members that
// hold data (see isDataKey) are visited but not entered.
func eachMember(n *yaml.Node, ptr string, visit func(mapping, key, value *yaml.Node, ptr string)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			eachMember(c, ptr, visit)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			eachMember(c, ptr+"/"+strconv.Itoa(i), visit)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			visit(n, key, value, ptr)
			if !isDataKey(key.Value) {
				eachMember(value, ptr+"/"+escapeToken(key.Value), visit)
			}
		}
	}
}
