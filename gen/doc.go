package gen

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// docOf is the doc comment text for a field or variant of a schema: its
// description (or title), then its notes.
func docOf(s *openapi3.Schema) string {
	return joinParagraphs(docText(s), notes(s))
}

// docText is a schema's description, or its title.
func docText(s *openapi3.Schema) string {
	if s == nil {
		return ""
	}
	if text := strings.TrimSpace(s.Description); text != "" {
		return text
	}
	return strings.TrimSpace(s.Title)
}

// notes are the paragraphs a doc comment ends with: what the schema says
// of its values that the Go type does not (see facts), and a Deprecated
// paragraph when the schema is deprecated.
func notes(s *openapi3.Schema) string {
	if s == nil {
		return ""
	}
	text := facts(s)
	if s.Deprecated {
		text = joinParagraphs(text, "Deprecated: this schema is deprecated in the spec.")
	}
	return text
}

// paramDoc is the doc comment text for a parameter: its description, then
// the notes of its schema and a Deprecated paragraph of its own.
func paramDoc(p *openapi3.Parameter) string {
	text := strings.TrimSpace(p.Description)
	if p.Schema != nil {
		text = joinParagraphs(text, notes(p.Schema.Value))
	}
	if p.Deprecated {
		text = joinParagraphs(text, "Deprecated: this parameter is deprecated in the spec.")
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
	if b == "" {
		return a
	}
	return a + "\n\n" + b
}

// maxDefault bounds the default values facts writes: a long object is
// better read in the spec than in a doc comment.
const maxDefault = 80

// facts is one line of what a schema says of its values beyond its Go
// type, for the reader of the doc comment: the default the server applies
// to an absent value, bounds, lengths and counts, a string's format and
// pattern. The client checks none of them (the server does, and specs are
// not always right about their own APIs).
func facts(s *openapi3.Schema) string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if s.Default != nil {
		if d, err := json.Marshal(s.Default); err == nil && len(d) <= maxDefault {
			add("Default: %s.", d)
		}
	}
	bound := func(name string, v *float64, ex openapi3.ExclusiveBound) {
		switch {
		case ex.Value != nil: // 3.1: the exclusive bound itself
			add("%s: %s (exclusive).", name, number(*ex.Value))
		case v != nil && ex.IsTrue():
			add("%s: %s (exclusive).", name, number(*v))
		case v != nil:
			add("%s: %s.", name, number(*v))
		}
	}
	bound("Minimum", s.Min, s.ExclusiveMin)
	bound("Maximum", s.Max, s.ExclusiveMax)
	count := func(what string, low uint64, high *uint64) {
		switch {
		case high != nil && low > 0:
			add("%s: %d to %d.", what, low, *high)
		case high != nil:
			add("%s: at most %d.", what, *high)
		case low > 0:
			add("%s: at least %d.", what, low)
		}
	}
	count("Length", s.MinLength, s.MaxLength)
	count("Items", s.MinItems, s.MaxItems)
	count("Members", s.MinProps, s.MaxProps)
	if s.Type.Is("string") && s.Format != "" && s.Format != "binary" {
		add("Format: %s.", s.Format)
	}
	if s.Pattern != "" {
		add("Pattern: `%s`.", s.Pattern)
	}
	return strings.Join(out, " ")
}

// number writes a bound as the spec would: 2, not 2e+00.
func number(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
