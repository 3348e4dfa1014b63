package gen

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestFacts: what a schema says of its values, in the line its doc comment
// ends with.
func TestFacts(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	u := func(v uint64) *uint64 { return &v }
	yes := true
	for _, c := range []struct {
		s    openapi3.Schema
		want string
	}{
		{openapi3.Schema{}, ""},
		{openapi3.Schema{Default: 1.0, Min: f(0), Max: f(2)}, "Default: 1. Minimum: 0. Maximum: 2."},
		{openapi3.Schema{Default: "auto"}, `Default: "auto".`},
		{openapi3.Schema{Default: strings.Repeat("x", 80)}, ""},
		{openapi3.Schema{Min: f(0), ExclusiveMin: openapi3.ExclusiveBound{Bool: &yes}}, "Minimum: 0 (exclusive)."},
		{openapi3.Schema{ExclusiveMax: openapi3.ExclusiveBound{Value: f(1.5)}}, "Maximum: 1.5 (exclusive)."},
		{openapi3.Schema{MinLength: 1, MaxLength: u(64)}, "Length: 1 to 64."},
		{openapi3.Schema{MaxItems: u(20)}, "Items: at most 20."},
		{openapi3.Schema{MinProps: 1}, "Members: at least 1."},
		{openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "date-time", Pattern: "^a+$"}, "Format: date-time. Pattern: `^a+$`."},
		{openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "binary"}, ""},
		{openapi3.Schema{Type: &openapi3.Types{"integer"}, Format: "int32"}, ""},
	} {
		if got := facts(&c.s); got != c.want {
			t.Errorf("facts(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

// TestNotesFollowTheDoc: a schema's facts and deprecation are paragraphs
// after its description, and a type without one still opens with where it
// is defined.
func TestNotesFollowTheDoc(t *testing.T) {
	api := mustBuild(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Old:
      type: string
      deprecated: true
      maxLength: 8
    Limits:
      type: object
      properties:
        n: {type: integer, description: How many., default: 20, minimum: 1}
`)
	old := typeNamed(t, api, "Old")
	if old.Doc != "" || old.Notes != "Length: at most 8.\n\nDeprecated: this schema is deprecated in the spec." {
		t.Errorf("Old: doc %q, notes %q", old.Doc, old.Notes)
	}
	if doc := fieldNamed(t, typeNamed(t, api, "Limits"), "n").Doc; doc != "How many.\n\nDefault: 20. Minimum: 1." {
		t.Errorf("Limits.n doc %q", doc)
	}
}
