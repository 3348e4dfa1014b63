package gen

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// structMethods are the method names every struct has; a property with one
// of these names gets a suffixed field name.
var structMethods = []string{"MarshalJSON", "UnmarshalJSON"}

// property is one declared member, gathered from a schema and its allOf
// parts.
type property struct {
	name string
	ref  *openapi3.SchemaRef
	ptr  string
	part int   // which allOf part, for ordering
	at   place // where it is written, for ordering
}

// buildStruct fills t from an object schema, merging allOf parts: every
// part's properties and required lists become one struct.
func (b *builder) buildStruct(t *ir.Type, sh shape, ptr string) {
	st := &ir.Struct{}
	t.Struct = st
	var props []property
	required := map[string]bool{}
	closed := false
	var extra *openapi3.SchemaRef
	seen := map[*openapi3.Schema]bool{}
	parts := 0
	// collectOptional adds a union variant's properties, none required.
	collectOptional := func(s *openapi3.Schema, ptr string) {
		s = throughSingle(s)
		places := b.propertyPlaces(ptr)
		for _, name := range sortedKeys(s.Properties) {
			props = append(props, property{name: name, ref: s.Properties[name], ptr: ptr + "/properties/" + escapeToken(name), part: parts, at: b.propertyPlace(places, name, s.Properties[name])})
		}
		parts++
	}
	// collect visits allOf parts before a schema's own properties, so a
	// struct that extends a base lists the base's fields first.
	var collect func(s *openapi3.Schema, ptr string, top bool)
	collect = func(s *openapi3.Schema, ptr string, top bool) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for i, p := range s.AllOf {
			if p == nil || p.Value == nil {
				continue
			}
			pp := ptr + "/allOf/" + strconv.Itoa(i)
			if p.Ref != "" {
				pp = refText(p)
			}
			if sh := shapeOf(throughSingle(p.Value)); len(sh.variants) > 0 && !sh.typeUnion {
				// A union part: each variant's properties become optional
				// fields, so whichever variant arrives decodes typed. (A
				// part of several types adds no fields, as before.)
				for j, v := range sh.variants {
					if v == nil || v.Value == nil || !isObjectSchema(v.Value) {
						b.errs.Add(b.loc(pp, p.Value.Origin), "allOf with a oneOf/anyOf part whose variants are not all objects is not supported yet")
						break
					}
					collectOptional(v.Value, variantPtr(pp, p.Value, j))
				}
				continue
			}
			collect(p.Value, pp, false)
		}
		part := parts
		parts++
		places := b.propertyPlaces(ptr)
		for _, name := range sortedKeys(s.Properties) {
			sr := s.Properties[name]
			props = append(props, property{name: name, ref: sr, ptr: ptr + "/properties/" + escapeToken(name), part: part, at: b.propertyPlace(places, name, sr)})
		}
		for _, r := range s.Required {
			required[r] = true
		}
		ap := s.AdditionalProperties
		if top && ap.Has != nil && !*ap.Has {
			closed = true
		}
		if ap.Schema != nil && ap.Schema.Value != nil && !isEmptySchema(ap.Schema.Value) {
			extra = ap.Schema
		}
	}
	collect(sh.s, ptr, true)
	slices.SortStableFunc(props, func(a, c property) int {
		return cmp.Or(cmp.Compare(a.part, c.part), a.at.compare(c.at), cmp.Compare(a.name, c.name))
	})
	fields := naming.NewNamespace(structMethods...)
	if extra != nil {
		st.ExtraField = fields.Claim("AdditionalProperties")
	}
	declared := map[string]bool{}
	for _, p := range props {
		if declared[p.name] {
			continue // a later allOf part repeating a property adds no field
		}
		declared[p.name] = true
		st.Fields = append(st.Fields, b.field(t, p, required[p.name], fields, st))
	}
	st.Closed = closed
	if extra != nil {
		elem, nullable := b.schemaExpr(extra, t.Name+"Value", ptr+"/additionalProperties", nil)
		if nullable {
			elem = optExpr(elem)
		}
		st.Extra = elem
	}
}

func (b *builder) field(t *ir.Type, p property, required bool, fields *naming.Namespace, st *ir.Struct) *ir.Field {
	goName := extString(extGoName, p.ref.Extensions)
	if goName == "" && p.ref.Ref == "" && p.ref.Value != nil {
		goName = extString(extGoName, p.ref.Value.Extensions)
	}
	if goName == "" {
		goName = naming.Exported(p.name)
	}
	if goName == "" {
		goName = "Property"
	}
	e, nullable := b.schemaExpr(p.ref, t.Name+goName, p.ptr, nil)
	f := &ir.Field{
		Name:          fields.Claim(goName),
		JSONName:      p.name,
		Doc:           docOf(p.ref.Value),
		Required:      required,
		Nullable:      nullable,
		RequiredIndex: -1,
		Type:          e,
	}
	if required {
		f.RequiredIndex = st.Required
		st.Required++
	}
	if !required || nullable {
		f.Type = optExpr(e)
	}
	if v, ok := pinnedString(p.ref.Value); ok && required && !nullable && isStringLike(e) {
		f.Const = &ir.Value{Base: ir.String, String: v}
	}
	// Required applies to responses only for a read-only property, so a
	// request need not send it (and one that does fails validation that
	// follows the spec, kin-openapi's among them).
	f.ReadOnly = required && !nullable && f.Const == nil && p.ref.Value != nil && p.ref.Value.ReadOnly
	return f
}

// propertyPlaces is where the members of the properties of the schema at
// ptr are written, when the document was loaded without origins.
func (b *builder) propertyPlaces(ptr string) map[string]place {
	if b.pos == nil || len(ptr) == 0 {
		return nil
	}
	return b.pos.keyPlaces(ptr + "/properties")
}

// propertyPlace is where property name is written, so fields follow the
// spec's order: from places (see propertyPlaces), or from the document's
// origins.
func (b *builder) propertyPlace(places map[string]place, name string, sr *openapi3.SchemaRef) place {
	if b.pos == nil {
		return originPlace(sr)
	}
	at, ok := places[name]
	switch {
	case !ok && b.pos.swagger:
		// Converted from Swagger 2.0: what the original does not hold
		// came from another file, which the loader read with origins.
		return originPlace(sr)
	case !ok:
		// Not where ptr says: the fields could come out in another
		// order than with origins, so Prepare builds with them.
		b.unplaced = true
	}
	return at
}

// originPlace is where a property is written by the document's origins; a
// reference's own position is preferred over its target's.
func originPlace(sr *openapi3.SchemaRef) place {
	if sr.Origin != nil && sr.Origin.Key != nil {
		return place{sr.Origin.Key.Line, sr.Origin.Key.Column}
	}
	if sr.Value != nil && sr.Value.Origin != nil && sr.Value.Origin.Key != nil && sr.Ref == "" {
		return place{sr.Value.Origin.Key.Line, sr.Value.Origin.Key.Column}
	}
	return place{}
}

// isEmptySchema reports whether s is {} (or only annotations): any value.
func isEmptySchema(s *openapi3.Schema) bool {
	return onlyAnnotations(s) && s.Type == nil
}

// isStringLike reports whether e is a string or a string enum.
func isStringLike(e *ir.Expr) bool {
	switch e.Kind {
	case ir.ExprBuiltin:
		return e.Builtin == ir.String
	case ir.ExprNamed:
		return e.Named.Kind == ir.KindEnum && e.Named.Enum.Base == ir.String
	}
	return false
}
