package gen

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// Swagger 2.0, springdoc and NSwag write polymorphism as inheritance: a
// base schema with a discriminator, and subtypes that extend it with allOf,
// with no oneOf naming them. A reference to the base stands for any of
// them, so it is made the union that says so, before build: the base's
// component becomes a oneOf of its subtypes and of the base itself, told
// apart by the discriminator, and the base's own schema moves to a
// component named <Base>Base, which the subtypes' allOf then name.

// polymorphicBases rewrites each such base in doc (see above).
func polymorphicBases(doc *openapi3.T) {
	if doc.Components == nil {
		return
	}
	schemas := doc.Components.Schemas
	unionOf := map[string]string{} // a base made here -> the union it was
	// The values every discriminator's mapping gives a schema, by the
	// discriminator's property and the schema's reference: a subtype that
	// is a base of its own (Dog, which Pet maps as "dog") is known by them
	// where its own mapping says nothing.
	valuesOf := map[[2]string][]string{}
	for _, name := range sortedKeys(schemas) {
		if sr := schemas[name]; sr != nil && sr.Value != nil && sr.Value.Discriminator != nil && !bundledSchema(doc, name) {
			d := sr.Value.Discriminator
			for _, value := range sortedKeys(d.Mapping) {
				key := [2]string{d.PropertyName, d.Mapping[value].Ref}
				valuesOf[key] = append(valuesOf[key], value)
			}
		}
	}
	for _, name := range sortedKeys(schemas) {
		sr := schemas[name]
		if sr == nil || sr.Ref != "" || sr.Value == nil || bundledSchema(doc, name) {
			continue // a reference, or a schema of another file (see bundle)
		}
		s := sr.Value
		d := s.Discriminator
		if d == nil || d.PropertyName == "" || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || s.Extensions[extGoType] != nil {
			continue // not inheritance, or a type of the user's
		}
		subtypes := subtypesOf(doc, s)
		if len(subtypes) == 0 {
			continue
		}
		for i, sub := range subtypes {
			// A subtype that is itself a base (Dog, extended by Puppy)
			// is its union, whose variants the build flattens in.
			if u, ok := unionOf[sub]; ok {
				subtypes[i] = u
			}
		}
		baseName := name + "Base"
		for n := 2; schemas[baseName] != nil; n++ {
			baseName = name + "Base" + strconv.Itoa(n)
		}
		base := *s
		base.Discriminator = nil
		// The name x-go-name gives is the union's, what references see.
		base.Extensions = maps.Clone(s.Extensions)
		delete(base.Extensions, extGoName)
		base.Description = joinParagraphs(fmt.Sprintf("The members every %s has; also a %s that is none of its subtypes.", name, name), s.Description)
		baseRef := componentPrefix + escapeToken(baseName)
		schemas[baseName] = &openapi3.SchemaRef{Value: &base}
		unionOf[baseName] = name
		extendsBase(doc, s, &base, baseRef)
		union := &openapi3.Schema{
			Extensions:    s.Extensions,
			Description:   s.Description,
			Nullable:      s.Nullable,
			Deprecated:    s.Deprecated,
			Discriminator: &openapi3.Discriminator{PropertyName: d.PropertyName, Mapping: map[string]openapi3.MappingRef{}},
		}
		union.Origin = s.Origin
		ownRef := componentPrefix + escapeToken(name)
		for value, m := range d.Mapping {
			if m.Ref == ownRef {
				m = openapi3.MappingRef{Ref: baseRef, Value: &base}
			}
			union.Discriminator.Mapping[value] = m
		}
		mapsBase := false
		for _, m := range union.Discriminator.Mapping {
			mapsBase = mapsBase || m.Ref == baseRef
		}
		if !mapsBase {
			// The base's own discriminator value is what another mapping
			// calls it, else its name.
			for _, value := range knownAs(valuesOf[[2]string{d.PropertyName, ownRef}], name) {
				union.Discriminator.Mapping[value] = openapi3.MappingRef{Ref: baseRef, Value: &base}
			}
		}
		mapped := map[string]bool{}
		for _, m := range union.Discriminator.Mapping {
			mapped[m.Ref] = true
		}
		for _, sub := range subtypes {
			ref := componentPrefix + escapeToken(sub)
			union.OneOf = append(union.OneOf, &openapi3.SchemaRef{Ref: ref, Value: schemas[sub].Value})
			if !mapped[ref] {
				// Unmapped here, a subtype's discriminator value is what
				// another mapping calls it, else its name.
				for _, value := range knownAs(valuesOf[[2]string{d.PropertyName, ref}], sub) {
					union.Discriminator.Mapping[value] = openapi3.MappingRef{Ref: ref, Value: schemas[sub].Value}
				}
			}
		}
		union.OneOf = append(union.OneOf, &openapi3.SchemaRef{Ref: baseRef, Value: &base})
		*s = *union
	}
}

// knownAs is the discriminator values a schema goes by: those mappings
// give it, else its component's name.
func knownAs(mapped []string, name string) []string {
	if len(mapped) > 0 {
		return mapped
	}
	return []string{name}
}

// subtypesOf names the components whose allOf refers to base, sorted; not
// base itself, should its allOf name it.
func subtypesOf(doc *openapi3.T, base *openapi3.Schema) []string {
	var out []string
	for name, sr := range doc.Components.Schemas {
		if sr == nil || sr.Ref != "" || sr.Value == nil || sr.Value == base || bundledSchema(doc, name) {
			continue
		}
		if slices.ContainsFunc(sr.Value.AllOf, func(p *openapi3.SchemaRef) bool { return p != nil && p.Value == base }) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// extendsBase points every allOf part in doc that refers to old at base
// instead (at ref): the subtypes extend the base's own schema, not the
// union old becomes.
func extendsBase(doc *openapi3.T, old, base *openapi3.Schema, ref string) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(sr *openapi3.SchemaRef)
	walk = func(sr *openapi3.SchemaRef) {
		if sr == nil || sr.Value == nil || seen[sr.Value] {
			return
		}
		s := sr.Value
		seen[s] = true
		for _, p := range s.AllOf {
			if p != nil && p.Value == old {
				p.Ref, p.Value = ref, base
			}
		}
		for _, list := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, p := range list {
				walk(p)
			}
		}
		for _, name := range sortedKeys(s.Properties) {
			walk(s.Properties[name])
		}
		walk(s.Items)
		walk(s.Not)
		if s.AdditionalProperties.Schema != nil {
			walk(s.AdditionalProperties.Schema)
		}
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		walk(doc.Components.Schemas[name])
	}
	eachOperationSchema(doc, walk)
}

// eachOperationSchema calls f with the schemas of every operation's
// parameters, request body and responses, headers included, webhooks' and
// callbacks' too.
func eachOperationSchema(doc *openapi3.T, f func(*openapi3.SchemaRef)) {
	var item func(*openapi3.PathItem)
	content := func(c openapi3.Content) {
		for _, ct := range sortedKeys(c) {
			if mt := c[ct]; mt != nil {
				f(mt.Schema)
			}
		}
	}
	operation := func(op *openapi3.Operation, shared openapi3.Parameters) {
		for _, p := range shared {
			if p != nil && p.Value != nil {
				f(p.Value.Schema)
				content(p.Value.Content)
			}
		}
		for _, p := range op.Parameters {
			if p != nil && p.Value != nil {
				f(p.Value.Schema)
			}
		}
		eachContent(op, "", func(c openapi3.Content, _ string) { content(c) })
		if op.Responses != nil {
			codes := op.Responses.Map()
			for _, code := range sortedKeys(codes) {
				if r := codes[code]; r != nil && r.Value != nil {
					for _, h := range sortedKeys(r.Value.Headers) {
						if hr := r.Value.Headers[h]; hr != nil && hr.Value != nil {
							f(hr.Value.Schema)
						}
					}
				}
			}
		}
		for _, name := range sortedKeys(op.Callbacks) {
			if cb := op.Callbacks[name]; cb != nil && cb.Value != nil {
				for _, path := range cb.Value.Keys() {
					item(cb.Value.Value(path))
				}
			}
		}
	}
	visited := map[*openapi3.PathItem]bool{} // a callback may refer back
	item = func(it *openapi3.PathItem) {
		if it == nil || visited[it] {
			return
		}
		visited[it] = true
		ops := it.Operations()
		for _, method := range sortedKeys(ops) {
			operation(ops[method], it.Parameters)
		}
	}
	if doc.Paths != nil {
		for _, path := range doc.Paths.InMatchingOrder() {
			item(doc.Paths.Value(path))
		}
	}
	for _, name := range sortedKeys(doc.Webhooks) {
		item(doc.Webhooks[name])
	}
}
