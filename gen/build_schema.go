package gen

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/diag"
	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// defineNamed fills the component type t from its schema. A schema that is a
// struct, enum or union becomes that type; anything else (a scalar, array,
// map or reference) becomes an alias or defined type over it.
func (b *builder) defineNamed(t *ir.Type, sr *openapi3.SchemaRef, ptr string) {
	e, _ := b.schemaExpr(sr, t.Name, ptr, t)
	if e.Kind == ir.ExprNamed && e.Named == t {
		return
	}
	t.Doc, t.Notes = docText(sr.Value), notes(sr.Value)
	t.Target = e
	switch e.Kind {
	case ir.ExprSlice, ir.ExprMap:
		t.Kind = ir.KindDefined
	default:
		t.Kind = ir.KindAlias
	}
}

// externalExpr is schemaExpr of a reference to a schema in another file.
// Every reference to one location is one type, named for the location
// (models/droplet.yml is Droplet, errors.yml#/error_with_root is
// ErrorWithRoot) rather than for where it was first used, unless a
// component is that schema, which it then is.
func (b *builder) externalExpr(sr *openapi3.SchemaRef, key, hint, ptr string, self *ir.Type) (*ir.Expr, bool) {
	if self == nil {
		if name, ok := b.externalComps[key]; ok {
			c := b.component(name)
			return namedExpr(c.t), sr.Value.Nullable || c.nullable
		}
		if t, ok := b.external[key]; ok {
			return namedExpr(t), shapeOf(sr.Value).nullable
		}
		if name := externalName(refText(sr)); name != "" && extString(extGoName, sr.Value.Extensions) == "" {
			hint = name
		}
	}
	// Pointers restart in that file, whose name the location carries.
	if _, frag, ok := strings.Cut(refText(sr), "#"); ok {
		ptr = "#" + frag
	}
	// The type is the location's as soon as namedType makes it, so a
	// reference back to the file from within (a tree's children, which
	// the loader gives a copy of its own) is this type, not a second one.
	if self == nil {
		b.locations[sr.Value] = key
	}
	e, nullable := b.schemaExpr(&openapi3.SchemaRef{Extensions: sr.Extensions, Value: sr.Value}, hint, ptr, self)
	if _, made := b.external[key]; !made && self == nil && e.Kind == ir.ExprNamed {
		b.external[key] = e.Named
	}
	return e, nullable
}

// externalKey is the absolute location of a reference that leads out of
// the spec's own file, or ends in another one (a "#/..." written there):
// "" for a reference within the spec's file, or one the loader did not
// resolve to a location.
func (b *builder) externalKey(sr *openapi3.SchemaRef) string {
	if sr == nil || sr.Ref == "" {
		return ""
	}
	if key := extString(extBundledKey, sr.Extensions); key != "" {
		return key // a reference bundle made local
	}
	u := sr.RefPath()
	if u == nil || strings.HasPrefix(sr.Ref, "#") && u.Path == b.root {
		return ""
	}
	return u.String()
}

// refText is sr's $ref as the spec wrote it, also where bundle made it a
// local one.
func refText(sr *openapi3.SchemaRef) string {
	return writtenRef(sr.Ref, sr.Extensions)
}

// writtenRef is the $ref ref of any reference object, with its extensions,
// as the spec wrote it (see refText).
func writtenRef(ref string, extensions map[string]any) string {
	if written := extString(extBundledRef, extensions); written != "" {
		return written
	}
	return ref
}

// externalName is the Go name a schema in another file is given: its
// fragment's last token, or else the file's name without its extension.
func externalName(ref string) string {
	file, frag, _ := strings.Cut(ref, "#")
	if i := strings.LastIndex(frag, "/"); i >= 0 && i+1 < len(frag) {
		return naming.Exported(unescapeToken(frag[i+1:]))
	}
	base := path.Base(file)
	return naming.Exported(strings.TrimSuffix(base, path.Ext(base)))
}

// schemaExpr returns the Go type of sr at a use site, and whether the use
// admits null. hint names the type made for an inline schema that needs
// one. self, when not nil, is the component being defined: a schema that
// needs a named type fills self instead of making a new one.
func (b *builder) schemaExpr(sr *openapi3.SchemaRef, hint, ptr string, self *ir.Type) (*ir.Expr, bool) {
	if sr == nil || sr.Value == nil {
		return rawExpr(), false
	}
	if key := b.externalKey(sr); key != "" {
		return b.externalExpr(sr, key, hint, ptr, self)
	}
	if name, ok := refComponent(sr); ok && b.comps[name] != nil && (self == nil || b.comps[name].t != self) {
		c := b.component(name)
		return namedExpr(c.t), sr.Value.Nullable || c.nullable
	}
	if e := goTypeOverride(sr); e != nil && self == nil {
		return e, shapeOf(sr.Value).nullable
	}
	s := sr.Value
	if name := extString(extGoName, s.Extensions); name != "" && self == nil {
		hint = name
	}
	if t, ok := b.inline[s]; ok && self == nil {
		return namedExpr(t), shapeOf(s).nullable
	}
	sh := shapeOf(s)
	switch {
	case len(sh.variants) == 1 && !sh.hasProperties():
		if b.refersTo(sh.variants[0], self) {
			return rawExpr(), sh.nullable // a schema that is only itself: any JSON
		}
		e, n := b.schemaExpr(sh.variants[0], hint, variantPtr(ptr, s, 0), self)
		return e, n || sh.nullable
	case len(sh.variants) > 1:
		if e, ok := b.stringUnion(sh, hint, ptr, self); ok {
			return e, sh.nullable
		}
		return b.namedType(s, hint, ptr, self, ir.KindUnion, func(t *ir.Type) { b.buildUnion(t, sh, ptr) }), sh.nullable
	case len(sh.allOf) == 1 && !sh.hasProperties():
		if b.refersTo(sh.allOf[0], self) {
			return rawExpr(), sh.nullable
		}
		e, n := b.schemaExpr(sh.allOf[0], hint, ptr+"/allOf/0", self)
		return e, n || sh.nullable
	case len(sh.allOf) > 0:
		if part, ok := unionPart(sh); ok {
			// allOf [oneOf [...], {extra properties}]: each value is one of
			// the union's variants; the extra members travel as the
			// variant's undeclared members, so nothing is lost.
			e, n := b.schemaExpr(part, hint, ptr+"/allOf", self)
			return e, n || sh.nullable
		}
		return b.namedType(s, hint, ptr, self, ir.KindStruct, func(t *ir.Type) { b.buildStruct(t, sh, ptr) }), sh.nullable
	case (len(sh.enum) > 0 || s.Const != nil) && scalarEnum(sh, s):
		if _, single := pinnedString(s); single && self == nil {
			// An inline one-value enum (type: "function") is a string the
			// encoder fills in when it is left empty: no type of its own.
			return builtinExpr(ir.String), sh.nullable
		}
		return b.namedType(s, hint, ptr, self, ir.KindEnum, func(t *ir.Type) { b.buildEnum(t, sh, ptr) }), sh.nullable
	}
	if ref := b.cfg.Formats[s.Format]; ref != "" && s.Format != "" && (sh.is(openapi3.TypeString) || sh.is(openapi3.TypeInteger) || sh.is(openapi3.TypeNumber)) {
		return externalType(ref, ""), sh.nullable // the user's type for the format (config formats)
	}
	switch {
	case sh.is(openapi3.TypeString) && s.Format == "binary":
		return builtinExpr(ir.File), sh.nullable
	case sh.is(openapi3.TypeString):
		return builtinExpr(ir.String), sh.nullable
	case sh.is(openapi3.TypeInteger):
		if s.Format == "int32" {
			return builtinExpr(ir.Int32), sh.nullable
		}
		return builtinExpr(ir.Int64), sh.nullable
	case sh.is(openapi3.TypeNumber):
		return builtinExpr(ir.Float64), sh.nullable
	case sh.is(openapi3.TypeBoolean):
		return builtinExpr(ir.Bool), sh.nullable
	case sh.is(openapi3.TypeArray) || len(sh.types) == 0 && s.Items != nil:
		return b.sliceExpr(s, hint, ptr), sh.nullable
	case sh.is(openapi3.TypeObject) || len(sh.types) == 0 && (sh.hasProperties() || s.AdditionalProperties.Schema != nil):
		if sh.hasProperties() {
			return b.namedType(s, hint, ptr, self, ir.KindStruct, func(t *ir.Type) { b.buildStruct(t, sh, ptr) }), sh.nullable
		}
		return b.mapExpr(s, hint, ptr), sh.nullable
	}
	// No type, or several: keep the exact JSON. Nothing is lost on the wire.
	return rawExpr(), sh.nullable
}

// refersTo reports whether sr is a reference to the component whose type
// self is being defined: a schema whose only part is itself (Self: allOf:
// [$ref Self]) would otherwise be unwrapped for ever.
func (b *builder) refersTo(sr *openapi3.SchemaRef, self *ir.Type) bool {
	name, ok := refComponent(sr)
	return ok && self != nil && b.comps[name] != nil && b.comps[name].t == self
}

// variantsKey is the member of s that lists its variants, and variantPtr
// the pointer to variant i: the schema itself for variants made from
// several types.
func variantsKey(s *openapi3.Schema) string {
	if len(s.OneOf) > 0 {
		return "oneOf"
	}
	return "anyOf"
}

func variantPtr(ptr string, s *openapi3.Schema, i int) string {
	if len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		return ptr
	}
	return ptr + "/" + variantsKey(s) + "/" + strconv.Itoa(i)
}

func (b *builder) sliceExpr(s *openapi3.Schema, hint, ptr string) *ir.Expr {
	if s.Items == nil {
		return &ir.Expr{Kind: ir.ExprSlice, Elem: rawExpr()}
	}
	elem, nullable := b.schemaExpr(s.Items, hint+"Item", ptr+"/items", nil)
	if nullable {
		elem = optExpr(elem)
	}
	return &ir.Expr{Kind: ir.ExprSlice, Elem: elem}
}

// mapExpr is an object with no declared properties: map[string]T for
// additionalProperties: {schema}, and the object's exact JSON for a
// free-form one (additionalProperties absent, true or {}). Free-form
// objects are mostly JSON Schemas (a function's parameters, a response
// format's schema), which callers have as JSON: as bytes they are passed
// and read whole, keep their key order, and cost one copy to decode
// where a map costs a map and a hash per key.
func (b *builder) mapExpr(s *openapi3.Schema, hint, ptr string) *ir.Expr {
	ap := s.AdditionalProperties.Schema
	if ap == nil || ap.Value == nil || isEmptySchema(ap.Value) {
		return builtinExpr(ir.Object)
	}
	elem, nullable := b.schemaExpr(ap, hint+"Value", ptr+"/additionalProperties", nil)
	if nullable {
		elem = optExpr(elem)
	}
	return &ir.Expr{Kind: ir.ExprMap, Elem: elem}
}

// namedType returns the named type for an inline schema (made and
// remembered on first use) or fills self, then runs fill on it.
func (b *builder) namedType(s *openapi3.Schema, hint, ptr string, self *ir.Type, kind ir.Kind, fill func(*ir.Type)) *ir.Expr {
	t := self
	if t == nil {
		if hint == "" {
			hint = "Inline"
		}
		t = &ir.Type{Name: b.names.Claim(hint), Pointer: ptr}
		b.types = append(b.types, t)
	}
	b.inline[s] = t
	if key, ok := b.locations[s]; ok {
		b.external[key] = t
	}
	t.Kind = kind
	t.Doc, t.Notes = docText(s), notes(s)
	fill(t)
	return namedExpr(t)
}

// buildEnum makes an open enum: a defined scalar type with a constant per
// listed value, which still accepts and returns values it does not list.
func (b *builder) buildEnum(t *ir.Type, sh shape, ptr string) {
	values := sh.enum
	if len(values) == 0 && sh.s.Const != nil {
		values = []any{sh.s.Const}
	}
	labels := enumLabels(sh.s)
	base := enumBase(sh, values)
	t.Enum = &ir.Enum{Base: base}
	seen := map[ir.Value]bool{}
	for i, raw := range values {
		v, ok := enumValue(base, raw)
		if !ok {
			continue // a value of another type than the schema's can never arrive
		}
		if seen[v] {
			continue
		}
		seen[v] = true
		label := labels[enumKey(raw)]
		suffix := naming.Exported(label.name)
		if suffix == "" {
			suffix = constSuffix(v, i)
		}
		t.Enum.Values = append(t.Enum.Values, &ir.EnumValue{Name: b.names.Claim(t.Name + suffix), Value: v, Doc: label.doc})
	}
}

// enumLabel is the name and description the spec gives an enum value.
type enumLabel struct{ name, doc string }

// enumKey is the key of an enum value in enumLabels' map: its type and
// value, since 10 and "10" differ and lists and objects cannot be keys.
func enumKey(v any) string { return fmt.Sprintf("%T:%v", v, v) }

// enumLabels returns the names and descriptions of a schema's enum values,
// by enumKey, from the extensions generators agree on: x-enum-varnames
// (NSwag's x-enumNames) and x-enum-descriptions (x-enumDescriptions),
// lists lined up with the enum, null included (a list of another length
// cannot be lined up and is ignored); else AutoRest's x-ms-enum values,
// [{value, name, description}].
func enumLabels(s *openapi3.Schema) map[string]enumLabel {
	list := func(keys ...string) []any {
		for _, k := range keys {
			if raw, ok := s.Extensions[k].([]any); ok && len(raw) == len(s.Enum) {
				return raw
			}
		}
		return nil
	}
	labels := map[string]enumLabel{}
	if names, docs := list("x-enum-varnames", "x-enumNames"), list("x-enum-descriptions", "x-enumDescriptions"); names != nil || docs != nil {
		for i, e := range s.Enum {
			var l enumLabel
			if names != nil {
				l.name, _ = names[i].(string)
			}
			if docs != nil {
				l.doc, _ = docs[i].(string)
			}
			labels[enumKey(e)] = l
		}
		return labels
	}
	ms, _ := s.Extensions["x-ms-enum"].(map[string]any)
	values, _ := ms["values"].([]any)
	for _, v := range values {
		if m, ok := v.(map[string]any); ok {
			name, _ := m["name"].(string)
			doc, _ := m["description"].(string)
			for _, e := range s.Enum { // matched as text: a value may be written "1" for 1
				if fmt.Sprint(e) == fmt.Sprint(m["value"]) {
					labels[enumKey(e)] = enumLabel{name, doc}
				}
			}
		}
	}
	return labels
}

func enumBase(sh shape, values []any) ir.Builtin {
	switch {
	case sh.is(openapi3.TypeInteger):
		return ir.Int64
	case sh.is(openapi3.TypeNumber):
		return ir.Float64
	case sh.is(openapi3.TypeBoolean):
		return ir.Bool
	case sh.is(openapi3.TypeString):
		return ir.String
	}
	if len(values) > 0 {
		switch v := values[0].(type) {
		case bool:
			return ir.Bool
		case float64:
			if v == math.Trunc(v) {
				return ir.Int64
			}
			return ir.Float64
		}
	}
	return ir.String
}

func enumValue(base ir.Builtin, raw any) (ir.Value, bool) {
	v := ir.Value{Base: base}
	switch base {
	case ir.String:
		s, ok := raw.(string)
		v.String = s
		return v, ok
	case ir.Int64:
		f, ok := raw.(float64)
		if !ok || f != math.Trunc(f) {
			return v, false
		}
		v.Int = int64(f)
		return v, true
	case ir.Float64:
		f, ok := raw.(float64)
		v.Float = f
		return v, ok
	case ir.Bool:
		bv, ok := raw.(bool)
		v.Bool = bv
		return v, ok
	}
	return v, false
}

// constSuffix names an enum constant after its value: "in_progress" is
// InProgress, 2 is 2, -1 is Minus1, a value with no letters or digits is
// Value and its index.
func constSuffix(v ir.Value, index int) string {
	switch v.Base {
	case ir.String:
		if s := naming.Exported(v.String); s != "" {
			if s[0] == 'X' && len(v.String) > 0 && v.String[0] >= '0' && v.String[0] <= '9' {
				return s[1:]
			}
			return s
		}
		if v.String == "" {
			return "Empty"
		}
	case ir.Int64:
		if v.Int < 0 {
			return fmt.Sprintf("Minus%d", -v.Int)
		}
		return fmt.Sprintf("%d", v.Int)
	case ir.Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	}
	return fmt.Sprintf("Value%d", index)
}

func (b *builder) loc(ptr string, origin *openapi3.Origin) diag.Loc {
	return b.specLoc(ptr, origin)
}

// specLoc locates an element by its origin, or at least in the spec file
// when the loader recorded no position for it.
func (b *builder) specLoc(ptr string, origin *openapi3.Origin) diag.Loc {
	loc := locOf(ptr, origin)
	if loc.File == "" {
		loc.File = displayPath(b.cfg.Spec)
	}
	if loc.Line == 0 && b.pos != nil && b.pos.swagger {
		// A document converted from Swagger 2.0 has no origins: the place
		// is where the original writes it.
		loc.Pointer = swaggerPointer(b.pos.root, ptr)
		if n := b.pos.node(ptr); n != nil {
			loc.Line, loc.Col = n.Line, n.Column
		}
	}
	return loc
}

// unionPart finds the one oneOf/anyOf part of an allOf whose other parts
// are plain objects: such a schema is that union.
func unionPart(sh shape) (*openapi3.SchemaRef, bool) {
	var union *openapi3.SchemaRef
	for _, p := range sh.allOf {
		if p == nil || p.Value == nil {
			return nil, false
		}
		v := throughSingle(p.Value)
		if variants := shapeOf(v).variants; len(variants) > 1 {
			for _, variant := range variants {
				if variant == nil || variant.Value == nil || !isObjectSchema(variant.Value) && len(shapeOf(throughSingle(variant.Value)).variants) == 0 {
					return nil, false // a union of scalars cannot carry the other parts' members
				}
			}
			if union != nil {
				return nil, false
			}
			union = p
			continue
		}
		if !isObjectSchema(v) {
			return nil, false
		}
	}
	return union, union != nil
}

// scalarEnum reports whether the enum lists scalars (strings, numbers,
// booleans); an enum of objects or arrays is treated as its base type.
func scalarEnum(sh shape, s *openapi3.Schema) bool {
	values := sh.enum
	if s.Const != nil {
		values = append(values, s.Const)
	}
	for _, v := range values {
		switch v.(type) {
		case string, float64, bool:
		default:
			return false
		}
	}
	return true
}
