package gen

import (
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// shape is a schema with its nullability taken out. Specs spell "may be
// null" many ways, and all of them mean the same thing here:
//
//	nullable: true                      (OpenAPI 3.0)
//	x-nullable: true                    (Swagger 2.0)
//	type: [T, "null"]                   (OpenAPI 3.1)
//	anyOf/oneOf: [X, {type: "null"}]
//	allOf: [{$ref: X}, {nullable: true}]
//	$ref: X with a sibling nullable: true
//	enum: [..., null]
type shape struct {
	s        *openapi3.Schema
	types    []string            // s.Type without "null"
	variants openapi3.SchemaRefs // oneOf or anyOf without null branches
	allOf    openapi3.SchemaRefs // allOf without parts that only add nullable
	enum     []any               // enum without null
	nullable bool
	// typeUnion says variants were made from the schema's several types
	// (type: [string, integer] is oneOf: [{type: string}, {type: integer}]).
	typeUnion bool
}

func shapeOf(s *openapi3.Schema) shape {
	// x-nullable is how Swagger 2.0 specs (go-swagger's, AutoRest's) say it.
	xNullable, _ := s.Extensions["x-nullable"].(bool)
	sh := shape{s: s, nullable: s.Nullable || xNullable}
	if s.Type != nil {
		for _, t := range *s.Type {
			if t == openapi3.TypeNull {
				sh.nullable = true
				continue
			}
			sh.types = append(sh.types, t)
		}
	}
	variants := s.OneOf
	if len(variants) == 0 {
		variants = s.AnyOf
	}
	constraints := onlyConstraints(variants)
	for _, v := range variants {
		if isNullSchema(v) {
			sh.nullable = true
			continue
		}
		if !constraints {
			sh.variants = append(sh.variants, v)
		}
	}
	if len(sh.types) > 1 && len(variants) == 0 {
		sh.variants, sh.types = typeVariants(s, sh.types), nil
		sh.typeUnion = len(sh.variants) > 1
		if !sh.typeUnion { // integer and number: any number
			sh.types, sh.variants = []string{openapi3.TypeNumber}, nil
		}
	}
	for _, part := range s.AllOf {
		if part != nil && part.Ref == "" && part.Value != nil && onlyAnnotations(part.Value) {
			sh.nullable = sh.nullable || part.Value.Nullable || isNullSchema(part)
			continue
		}
		sh.allOf = append(sh.allOf, part)
	}
	for _, e := range s.Enum {
		if e == nil {
			sh.nullable = true
			continue
		}
		sh.enum = append(sh.enum, e)
	}
	return sh
}

// typeVariants splits a schema of several types into one schema per type,
// each with the enum values of its type: what type: [string, integer]
// means, and what a union of a string and an integer variant decodes by
// the JSON token. Integer goes when number is there too, since a number
// covers it and the two could not be told apart by token.
func typeVariants(s *openapi3.Schema, types []string) openapi3.SchemaRefs {
	var out openapi3.SchemaRefs
	labels := enumLabels(s)
	for _, t := range types {
		if t == openapi3.TypeInteger && slices.Contains(types, openapi3.TypeNumber) {
			continue
		}
		v := *s
		v.Type = &openapi3.Types{t}
		v.Enum = nil
		var names, docs []any
		for _, e := range s.Enum {
			if e != nil && enumMatchesType(e, t) {
				v.Enum = append(v.Enum, e)
				names, docs = append(names, labels[enumKey(e)].name), append(docs, labels[enumKey(e)].doc)
			}
		}
		if len(labels) > 0 { // the labels of this type's values, lined up with them
			v.Extensions = maps.Clone(s.Extensions)
			v.Extensions["x-enum-varnames"], v.Extensions["x-enum-descriptions"] = names, docs
			delete(v.Extensions, "x-enumNames")
			delete(v.Extensions, "x-enumDescriptions")
		}
		if len(s.Enum) > 0 && len(v.Enum) == 0 {
			continue // no value of this type is allowed
		}
		v.Nullable = false
		v.Title, v.Description = "", "" // the union's, not the variant's
		out = append(out, &openapi3.SchemaRef{Value: &v})
	}
	return out
}

// enumMatchesType reports whether enum value e (as kin-openapi decodes
// JSON) is of JSON Schema type t.
func enumMatchesType(e any, t string) bool {
	switch e := e.(type) {
	case string:
		return t == openapi3.TypeString
	case bool:
		return t == openapi3.TypeBoolean
	case float64:
		return t == openapi3.TypeNumber || t == openapi3.TypeInteger && e == float64(int64(e))
	case []any:
		return t == openapi3.TypeArray
	case map[string]any:
		return t == openapi3.TypeObject
	}
	return false
}

// isNullSchema reports whether sr only admits null.
func isNullSchema(sr *openapi3.SchemaRef) bool {
	if sr == nil || sr.Value == nil || sr.Ref != "" {
		return false
	}
	s := sr.Value
	if s.Type != nil && len(*s.Type) == 1 && (*s.Type)[0] == openapi3.TypeNull {
		return true
	}
	return len(s.Enum) == 1 && s.Enum[0] == nil
}

// onlyConstraints reports whether variants (a oneOf or anyOf) only say
// which members must be present, as in anyOf: [{required: [a]}, {required:
// [b]}] ("a or b, or both"), or carry other annotations: no variant has a
// type, properties, items or an enum of its own. Such a list does not
// make the schema a union: the schema's own type and properties are its
// shape, and the members stay fields whose presence the server checks.
func onlyConstraints(variants openapi3.SchemaRefs) bool {
	nonNull := 0
	for _, v := range variants {
		if isNullSchema(v) {
			continue
		}
		if v == nil || v.Ref != "" || v.Value == nil || !onlyAnnotations(v.Value) {
			return false
		}
		nonNull++
	}
	return nonNull > 0
}

// onlyAnnotations reports whether s constrains nothing about the shape of a
// value: no type, properties, items, composition or enum. Such allOf parts
// carry nullable, a description or a default.
func onlyAnnotations(s *openapi3.Schema) bool {
	if s.Type != nil && !slices.Equal(*s.Type, []string{openapi3.TypeNull}) && len(*s.Type) > 0 {
		return false
	}
	return len(s.Properties) == 0 && s.Items == nil && len(s.OneOf) == 0 &&
		len(s.AnyOf) == 0 && len(s.AllOf) == 0 && len(s.Enum) == 0 && s.Const == nil &&
		s.AdditionalProperties.Schema == nil
}

// is reports whether the shape's only type is t.
func (sh shape) is(t string) bool {
	return len(sh.types) == 1 && sh.types[0] == t
}

// hasProperties reports whether the schema declares object members itself.
func (sh shape) hasProperties() bool {
	return len(sh.s.Properties) > 0
}

// throughSingle follows compositions with a single branch (oneOf: [X],
// allOf: [X] with nothing beside it) to the schema that gives the shape, as
// schemaExpr does; a part the loader left empty (references that lead only
// to each other) ends the walk.
func throughSingle(s *openapi3.Schema) *openapi3.Schema {
	for i := 0; s != nil && i < 16; i++ {
		sh := shapeOf(s)
		switch {
		case len(sh.variants) == 1 && !sh.hasProperties() && sh.variants[0] != nil && sh.variants[0].Value != nil:
			s = sh.variants[0].Value
		case len(sh.variants) == 0 && len(sh.allOf) == 1 && !sh.hasProperties() && sh.allOf[0] != nil && sh.allOf[0].Value != nil:
			s = sh.allOf[0].Value
		default:
			return s
		}
	}
	return s
}
