package gen

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// docOf is the doc comment text for a schema: its description (or title),
// and a Deprecated paragraph when the schema is deprecated.
func docOf(s *openapi3.Schema) string {
	if s == nil {
		return ""
	}
	text := strings.TrimSpace(s.Description)
	if text == "" {
		text = strings.TrimSpace(s.Title)
	}
	if s.Deprecated {
		text = joinParagraphs(text, "Deprecated: this schema is deprecated in the spec.")
	}
	return text
}

// operationDoc is the doc comment text for an operation's method.
func operationDoc(op *openapi3.Operation) string {
	text := strings.TrimSpace(op.Summary)
	if d := strings.TrimSpace(op.Description); d != "" && d != text {
		text = joinParagraphs(text, d)
	}
	if op.Deprecated {
		text = joinParagraphs(text, "Deprecated: this operation is deprecated in the spec.")
	}
	return text
}

func joinParagraphs(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}
