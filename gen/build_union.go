package gen

import (
	"cmp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// candidate is one union variant while the union is being built.
type candidate struct {
	src    *openapi3.SchemaRef // nil for a variant taken from a nested union
	ptr    string
	pinned map[string]string // object properties pinned to one string value
	label  string
	tags   []string
	// mapped says the tags come from the discriminator's mapping, so they
	// are the values the API sends, not a guess from a component's name.
	mapped bool
	nested *ir.Variant
	// nestedTag is the tag property of the union a flattened variant came
	// from.
	nestedTag string
}

// buildUnion fills t from a oneOf/anyOf. Variants that are themselves
// unions of objects are flattened in, so a stream event union of event
// unions is one type with one variant per event. Decoding picks the variant
// by, in order: the discriminator, a property every object variant pins to
// one value, the JSON token kind, then required property sets. All of that
// is settled here; nothing is guessed at run time.
func (b *builder) buildUnion(t *ir.Type, sh shape, ptr string) {
	u := &ir.Union{KindType: b.names.Claim(t.Name + "Kind"), ByToken: map[ir.JSONKind]*ir.Variant{}}
	u.Unknown = b.names.Claim(u.KindType + "Unknown")
	t.Union = u
	cands := b.candidates(sh, ptr)
	u.TagProperty = b.tagProperty(sh.s, cands)
	b.assignTags(sh.s, u.TagProperty, cands)
	labels := naming.NewNamespace()
	tagCount := map[string]int{}
	for _, c := range cands {
		for _, tag := range c.tags {
			tagCount[tag]++
		}
	}
	base := make([]string, len(cands))
	arrays := 0
	var objects []*openapi3.Schema
	for i, c := range cands {
		if base[i] = b.variantLabel(t, c, tagCount); base[i] == "Array" && c.src != nil {
			arrays++
		} else if base[i] == "Object" && c.src != nil {
			objects = append(objects, c.src.Value)
		}
	}
	for i, c := range cands {
		label := base[i]
		if label == "Array" && arrays > 1 && c.src != nil {
			// Array, Array2 and Array3 would say nothing of which is which.
			label = "ArrayOf" + b.elementLabel(c.src.Value.Items)
		}
		if label == "Object" && len(objects) > 1 && c.src != nil {
			// Nor would Object and Object2: say what only this one has
			// (NoteObject, ContentIDObject).
			if m := ownMember(c.src.Value, objects); m != "" {
				label = naming.Exported(m) + "Object"
			}
		}
		label = labels.Claim(label)
		v := &ir.Variant{Label: label, Tags: c.tags, Mapped: c.mapped}
		if c.nested != nil {
			v.Type, v.Doc, v.Required = c.nested.Type, c.nested.Doc, c.nested.Required
		} else {
			e, nullable := b.schemaExpr(c.src, t.Name+label, c.ptr, nil)
			if nullable {
				e = optExpr(e)
			}
			v.Type = e
			v.Doc = docOf(c.src.Value)
			v.Required = requiredNames(e)
		}
		v.Inline = isStringLike(v.Type)
		v.KindConst = b.names.Claim(u.KindType + label)
		v.Constructor = b.names.Claim(t.Name + "Of" + label)
		v.Accessor = "As" + label
		v.ValueConstructors = b.valueConstructors(t, v.Type, c.src)
		u.Variants = append(u.Variants, v)
		u.Files = u.Files || isFiles(v.Type)
	}
	b.dispatch(u, cands)
}

// isFiles reports whether e is a File or a []File.
func isFiles(e *ir.Expr) bool {
	if e.Kind == ir.ExprSlice {
		e = e.Elem
	}
	return e.Kind == ir.ExprBuiltin && e.Builtin == ir.File
}

// presentMembers gives each object variant whose required members are
// another's too the first member only it declares to look for, so that
// dispatch can tell them apart; without one, such a variant only took
// what an earlier one did not.
func presentMembers(variants []*ir.Variant, cands []*candidate) {
	var objects []*openapi3.Schema
	for _, c := range cands {
		if c.src != nil && isObjectSchema(c.src.Value) {
			objects = append(objects, c.src.Value)
		}
	}
	for i, v := range variants {
		if cands[i].src == nil || !isObjectSchema(cands[i].src.Value) {
			continue
		}
		for j, w := range variants {
			if j != i && cands[j].src != nil && sameMembers(v.Required, w.Required) {
				if m := ownMember(cands[i].src.Value, objects); m != "" {
					v.Present = []string{m}
				}
				break
			}
		}
	}
}

// sameMembers reports whether a and b name the same members.
func sameMembers(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(m string) bool { return !slices.Contains(b, m) })
}

// candidates lists the variants, flattening references to unions of
// objects.
func (b *builder) candidates(sh shape, ptr string) []*candidate {
	var out []*candidate
	for i, v := range sh.variants {
		vptr := variantPtr(ptr, sh.s, i)
		if name, ok := refComponent(v); ok && b.comps[name] != nil {
			if c := b.component(name); c.t.Kind == ir.KindUnion && c.t.Union != nil && isObjectUnion(c.t.Union) {
				for _, nv := range c.t.Union.Variants {
					out = append(out, &candidate{nested: nv, nestedTag: c.t.Union.TagProperty, label: nv.Label, tags: nv.Tags, mapped: nv.Mapped, ptr: vptr})
				}
				continue
			}
		}
		out = append(out, &candidate{src: v, ptr: vptr, pinned: pinnedProperties(v.Value)})
	}
	return out
}

func isObjectUnion(u *ir.Union) bool {
	return len(u.ByToken) == 0 && len(u.Objects) == len(u.Variants) && u.TagProperty != ""
}

// pinnedProperties returns the properties of an object schema whose schema
// allows exactly one string (const, a one-value enum, x-stainless-const).
func pinnedProperties(s *openapi3.Schema) map[string]string {
	out := map[string]string{}
	seen := map[*openapi3.Schema]bool{} // an allOf may name itself
	var walk func(s *openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s = throughSingle(s); s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, part := range s.AllOf {
			if part != nil {
				walk(part.Value)
			}
		}
		for name, p := range s.Properties {
			if p == nil || p.Value == nil {
				continue
			}
			if v, ok := pinnedString(p.Value); ok {
				out[name] = v
			}
		}
	}
	walk(s)
	return out
}

// tagProperty picks the property whose value selects an object variant: the
// discriminator's, or else the first (by name) that every object variant
// pins to a distinct value. "" when there is none.
func (b *builder) tagProperty(s *openapi3.Schema, cands []*candidate) string {
	if s.Discriminator != nil && s.Discriminator.PropertyName != "" {
		return s.Discriminator.PropertyName
	}
	names := map[string]bool{}
	for _, c := range cands {
		if c.nested != nil {
			names[c.nestedTag] = true
		}
		for k := range c.pinned {
			names[k] = true
		}
	}
	for _, name := range sortedKeys(names) {
		if name != "" && tagsDistinct(name, cands) {
			return name
		}
	}
	return ""
}

// tagsDistinct reports whether every object candidate has a value for
// property name that no other candidate has.
func tagsDistinct(name string, cands []*candidate) bool {
	seen := map[string]bool{}
	for _, c := range cands {
		var tags []string
		switch {
		case c.nested != nil:
			if c.nestedTag != name {
				return false
			}
			tags = c.tags
		case isObjectSchema(c.src.Value):
			v, ok := c.pinned[name]
			if !ok {
				return false
			}
			tags = []string{v}
		}
		for _, t := range tags {
			if seen[t] {
				return false
			}
			seen[t] = true
		}
	}
	return true
}

// assignTags gives each object candidate the tag values that select it.
func (b *builder) assignTags(s *openapi3.Schema, tag string, cands []*candidate) {
	if tag == "" {
		for _, c := range cands {
			if c.nested == nil {
				c.tags = nil
			}
		}
		return
	}
	if d := s.Discriminator; d != nil && d.PropertyName == tag {
		for _, value := range sortedKeys(d.Mapping) {
			ref := d.Mapping[value].Ref
			for _, c := range cands {
				// The mapping names the variant by its reference: as written,
				// or as bundle made it local (a location with a "/").
				if c.src != nil && (c.src.Ref == ref || refText(c.src) == ref) {
					c.tags, c.mapped = append(c.tags, value), true
				}
			}
		}
		for _, c := range cands {
			if c.src == nil || len(c.tags) > 0 || !isObjectSchema(c.src.Value) {
				continue
			}
			if v, ok := c.pinned[tag]; ok {
				c.tags = []string{v}
			} else if name, ok := refComponent(c.src); ok {
				c.tags = []string{name}
			}
		}
		return
	}
	for _, c := range cands {
		if c.src != nil {
			if v, ok := c.pinned[tag]; ok && isObjectSchema(c.src.Value) {
				c.tags = []string{v}
			}
		}
	}
}

func isObjectSchema(s *openapi3.Schema) bool {
	if s == nil { // a reference that leads nowhere
		return false
	}
	sh := shapeOf(throughSingle(s))
	return sh.is(openapi3.TypeObject) || len(sh.types) == 0 && !sh.typeUnion && (sh.hasProperties() || len(sh.allOf) > 0)
}

// variantLabel names a variant: by its tag value (thread.run.created is
// ThreadRunCreated), by the component it references less the words it
// shares with the union's name, by its title when it is an object, or by
// its JSON type.
func (b *builder) variantLabel(t *ir.Type, c *candidate, tagCount map[string]int) string {
	if c.label != "" {
		return c.label
	}
	if len(c.tags) == 1 && tagCount[c.tags[0]] == 1 {
		if l := naming.Exported(c.tags[0]); l != "" {
			return l
		}
	}
	if name, ok := refComponent(c.src); ok {
		if comp := b.comps[name]; comp != nil {
			return trimCommonPrefix(t.Name, comp.t.Name)
		}
	}
	label := kindLabel(c.src.Value)
	// An object's title ("Single Droplet Response") says what it is
	// better than "Object" (and "Object2") do.
	if title := naming.Exported(c.src.Value.Title); label == "Object" && title != "" {
		return trimCommonPrefix(t.Name, title)
	}
	return label
}

// ownMember is the first member of object schema s, one of objects, that
// no other of them has: a required one (a card made of a note, or of a
// content_id) before one that is only declared (a protection rule with a
// wait_timer); "" when it has none of its own. Such a variant is labelled
// for it, ending in Object so that its type (ChecksCreateRequest-
// ConclusionObject) does not read as the member's.
func ownMember(s *openapi3.Schema, objects []*openapi3.Schema) string {
	required, declared := objectMembers(s)
	others := map[string]bool{}
	for _, o := range objects {
		if o != s {
			oreq, odecl := objectMembers(o)
			for _, m := range slices.Concat(oreq, odecl) {
				others[m] = true
			}
		}
	}
	for _, m := range slices.Concat(required, declared) {
		if !others[m] && naming.Exported(m) != "" {
			return m
		}
	}
	return ""
}

// objectMembers lists the members object schema s requires, in its order,
// and the ones it declares, sorted, its allOf parts' included.
func objectMembers(s *openapi3.Schema) (required, declared []string) {
	var walk func(s *openapi3.Schema, depth int)
	walk = func(s *openapi3.Schema, depth int) {
		if s = throughSingle(s); s == nil || depth > 8 {
			return
		}
		required = append(required, s.Required...)
		declared = append(declared, sortedKeys(s.Properties)...)
		for _, part := range shapeOf(s).allOf {
			if part != nil {
				walk(part.Value, depth+1)
			}
		}
	}
	walk(s, 0)
	return required, declared
}

// kindLabel names a schema by what it is: its one JSON type, String for
// an enum, Object, or Value.
func kindLabel(s *openapi3.Schema) string {
	sh := shapeOf(s)
	switch {
	case len(sh.types) == 1 && sh.types[0] == "string" && s.Format == "binary":
		return "File" // a file's bytes: OpenAI's image edit takes a File or several
	case len(sh.types) == 1:
		return naming.Exported(sh.types[0])
	case len(sh.enum) > 0:
		return "String"
	case isObjectSchema(s):
		return "Object"
	}
	return "Value"
}

// elementLabel names the elements of an array variant, for a union with
// several (CreateCompletionRequestPromptOfArrayOfString beside
// ...OfArrayOfInteger and ...OfArrayOfArrayOfInteger): the component they
// are, their type, their title, or what they are.
func (b *builder) elementLabel(items *openapi3.SchemaRef) string {
	if items == nil || items.Value == nil {
		return "Value"
	}
	if name, ok := refComponent(items); ok {
		if comp := b.comps[name]; comp != nil {
			return comp.t.Name
		}
	}
	label := kindLabel(items.Value)
	if label == "Array" {
		return "ArrayOf" + b.elementLabel(items.Value.Items)
	}
	if title := naming.Exported(items.Value.Title); title != "" && (label == "Object" || label == "Value") {
		return title
	}
	if label == "Value" && isObjectUnionSchema(items.Value) { // content parts
		return "Object"
	}
	return label
}

// isObjectUnionSchema reports whether s is a oneOf or anyOf of objects.
func isObjectUnionSchema(s *openapi3.Schema) bool {
	variants := shapeOf(s).variants
	for _, v := range variants {
		if v == nil || v.Value == nil || !isObjectSchema(v.Value) {
			return false
		}
	}
	return len(variants) > 0
}

// trimCommonPrefix drops the leading words variant shares with union:
// AssistantsNamedToolChoice in AssistantsAPIToolChoiceOption is
// NamedToolChoice.
func trimCommonPrefix(union, variant string) string {
	uw, vw := naming.Words(union), naming.Words(variant)
	n := 0
	for n < len(uw) && n < len(vw)-1 && strings.EqualFold(uw[n], vw[n]) {
		n++
	}
	out := naming.Exported(strings.Join(vw[n:], "_"))
	if out == "" || out[0] < 'A' || out[0] > 'Z' {
		return variant
	}
	return out
}

// valueConstructors gives a string enum variant one constructor per value
// (ToolChoiceAuto()), and a one-value string variant its constructor.
func (b *builder) valueConstructors(t *ir.Type, e *ir.Expr, src *openapi3.SchemaRef) []*ir.ValueConstructor {
	var values []ir.Value
	switch {
	case e.Kind == ir.ExprNamed && e.Named.Kind == ir.KindEnum && e.Named.Enum.Base == ir.String:
		for _, v := range e.Named.Enum.Values {
			values = append(values, v.Value)
		}
	case e.Kind == ir.ExprBuiltin && e.Builtin == ir.String && src != nil:
		if v, ok := pinnedString(src.Value); ok {
			values = append(values, ir.Value{Base: ir.String, String: v})
		}
	}
	var out []*ir.ValueConstructor
	for i, v := range values {
		out = append(out, &ir.ValueConstructor{Name: b.names.Claim(t.Name + constSuffix(v, i)), Value: v})
	}
	return out
}

// pinnedString returns the one string a schema allows (const, a one-value
// enum, x-stainless-const), if it allows exactly one.
func pinnedString(s *openapi3.Schema) (string, bool) {
	if s == nil {
		return "", false
	}
	if c, ok := s.Const.(string); ok {
		return c, true
	}
	if vals := shapeOf(s).enum; len(vals) == 1 {
		c, ok := vals[0].(string)
		return c, ok
	}
	return "", false
}

// requiredNames lists the required JSON members of a struct expression.
func requiredNames(e *ir.Expr) []string {
	if e.Kind != ir.ExprNamed || e.Named.Kind != ir.KindStruct || e.Named.Struct == nil {
		return nil
	}
	var out []string
	for _, f := range e.Named.Struct.Fields {
		if f.Required {
			out = append(out, f.JSONName)
		}
	}
	return out
}

// dispatch settles which variant takes each JSON token kind, and the order
// in which object variants are tried.
func (b *builder) dispatch(u *ir.Union, cands []*candidate) {
	var arrays []*ir.Variant
	for _, v := range u.Variants {
		kinds := jsonKinds(v.Type, map[*ir.Type]bool{})
		for _, k := range []ir.JSONKind{ir.JSONString, ir.JSONNumber, ir.JSONBool, ir.JSONArray} {
			if kinds[k] && u.ByToken[k] == nil {
				u.ByToken[k] = v
			}
		}
		if kinds[ir.JSONArray] {
			arrays = append(arrays, v)
		}
		if kinds[ir.JSONInteger] && !kinds[ir.JSONNumber] && u.ByToken[ir.JSONInteger] == nil {
			u.ByToken[ir.JSONInteger] = v
		}
		if kinds[ir.JSONObject] {
			u.Objects = append(u.Objects, v)
		}
	}
	if u.ByToken[ir.JSONInteger] == nil && u.ByToken[ir.JSONNumber] != nil {
		u.ByToken[ir.JSONInteger] = u.ByToken[ir.JSONNumber]
	}
	u.ByElement = byElement(arrays)
	if u.TagProperty != "" {
		for _, v := range u.Objects {
			if len(v.Tags) == 0 {
				u.TagProperty = "" // an untagged object variant: fall back to required sets
				break
			}
		}
	}
	if u.TagProperty == "" {
		presentMembers(u.Variants, cands)
	}
	// Larger required sets first: among variants with no tag, or sharing
	// one, the most specific match wins.
	slices.SortStableFunc(u.Objects, func(a, c *ir.Variant) int {
		return cmp.Compare(len(c.Required)+len(c.Present), len(a.Required)+len(a.Present))
	})
}

// byElement settles which of several array variants takes an array, by
// the kind of its first element: the first variant whose elements can be
// of that kind. A first element that is a number is not told integer or
// not (the look-ahead sees one byte), so JSONNumber stands for both. Nil
// for fewer than two array variants.
func byElement(arrays []*ir.Variant) map[ir.JSONKind]*ir.Variant {
	if len(arrays) < 2 {
		return nil
	}
	out := map[ir.JSONKind]*ir.Variant{}
	for _, v := range arrays {
		elem := arrayElem(v.Type)
		if elem == nil {
			continue // a type of the user's: it decodes whatever it decodes
		}
		for k := range jsonKinds(elem, map[*ir.Type]bool{}) {
			if k == ir.JSONInteger {
				k = ir.JSONNumber
			}
			if out[k] == nil {
				out[k] = v
			}
		}
	}
	return out
}

// arrayElem is the element type of an expression that is an array, through
// Opt, pointers and defined types; nil for anything else.
func arrayElem(e *ir.Expr) *ir.Expr {
	for {
		switch {
		case e.Kind == ir.ExprSlice:
			return e.Elem
		case e.Kind == ir.ExprOpt || e.Kind == ir.ExprPointer:
			e = e.Elem
		case e.Kind == ir.ExprNamed && e.Named.Target != nil && (e.Named.Kind == ir.KindDefined || e.Named.Kind == ir.KindAlias):
			e = e.Named.Target
		default:
			return nil
		}
	}
}

// jsonKinds lists the JSON token kinds a Go type decodes from (null aside).
func jsonKinds(e *ir.Expr, seen map[*ir.Type]bool) map[ir.JSONKind]bool {
	all := map[ir.JSONKind]bool{ir.JSONString: true, ir.JSONNumber: true, ir.JSONInteger: true, ir.JSONBool: true, ir.JSONArray: true, ir.JSONObject: true}
	switch e.Kind {
	case ir.ExprOpt:
		return jsonKinds(e.Elem, seen)
	case ir.ExprSlice:
		return map[ir.JSONKind]bool{ir.JSONArray: true}
	case ir.ExprMap:
		return map[ir.JSONKind]bool{ir.JSONObject: true}
	case ir.ExprBuiltin:
		return builtinKinds(e.Builtin, all)
	case ir.ExprPointer:
		return jsonKinds(e.Elem, seen)
	case ir.ExprExternal:
		return all // the user's type decodes whatever it decodes
	}
	t := e.Named
	if seen[t] {
		return map[ir.JSONKind]bool{}
	}
	seen[t] = true
	switch t.Kind {
	case ir.KindStruct:
		return map[ir.JSONKind]bool{ir.JSONObject: true}
	case ir.KindEnum:
		return builtinKinds(t.Enum.Base, all)
	case ir.KindUnion:
		out := map[ir.JSONKind]bool{}
		for _, v := range t.Union.Variants {
			for k := range jsonKinds(v.Type, seen) {
				out[k] = true
			}
		}
		return out
	}
	if t.Target != nil {
		return jsonKinds(t.Target, seen)
	}
	return all
}

func builtinKinds(bt ir.Builtin, all map[ir.JSONKind]bool) map[ir.JSONKind]bool {
	switch bt {
	case ir.String, ir.File:
		return map[ir.JSONKind]bool{ir.JSONString: true}
	case ir.Int64, ir.Int32:
		return map[ir.JSONKind]bool{ir.JSONInteger: true}
	case ir.Float64:
		return map[ir.JSONKind]bool{ir.JSONNumber: true, ir.JSONInteger: true}
	case ir.Bool:
		return map[ir.JSONKind]bool{ir.JSONBool: true}
	case ir.Object:
		return map[ir.JSONKind]bool{ir.JSONObject: true}
	}
	return all
}

// stringUnion handles a oneOf/anyOf whose variants are all strings, such as
// the OpenAI model field, anyOf [string, enum]: an open enum. It reports
// false when some variant is not a string.
func (b *builder) stringUnion(sh shape, hint, ptr string, self *ir.Type) (*ir.Expr, bool) {
	var enumRefs []*ir.Type
	var values []any
	for _, v := range sh.variants {
		if v == nil || v.Value == nil {
			return nil, false
		}
		vs := shapeOf(v.Value)
		if vs.nullable || len(vs.variants) > 0 || len(vs.allOf) > 0 || v.Value.Format == "binary" {
			return nil, false
		}
		enum := vs.enum
		if c, ok := v.Value.Const.(string); ok {
			enum = []any{c}
		}
		if !vs.is(openapi3.TypeString) && !(len(vs.types) == 0 && len(enum) > 0) {
			return nil, false
		}
		for _, e := range enum {
			if _, ok := e.(string); !ok {
				return nil, false
			}
		}
		if len(enum) > 0 {
			if name, ok := refComponent(v); ok && b.comps[name] != nil {
				enumRefs = append(enumRefs, b.component(name).t)
			}
			values = append(values, enum...)
		}
	}
	switch {
	case len(values) == 0:
		return builtinExpr(ir.String), true
	case len(enumRefs) == 1 && len(enumRefs[0].Enum.Values) == len(values):
		return namedExpr(enumRefs[0]), true
	}
	merged := shape{s: sh.s, types: []string{openapi3.TypeString}, enum: values}
	return b.namedType(sh.s, hint, ptr, self, ir.KindEnum, func(t *ir.Type) { b.buildEnum(t, merged, ptr) }), true
}

// tagFields notes, for each variant of a tagged union that one value of
// the discriminator's mapping selects, the field of its struct holding the tag when it is a plain
// string (not pinned to the value, as a const is), so that its constructor
// fills it in (see ir.Variant.TagField). It runs once every type is built.
func tagFields(types []*ir.Type) {
	for _, t := range types {
		if t.Kind != ir.KindUnion || t.Union == nil || t.Union.TagProperty == "" {
			continue
		}
		for _, v := range t.Union.Variants {
			if !v.Mapped || len(v.Tags) != 1 || v.Type.Kind != ir.ExprNamed || v.Type.Named.Kind != ir.KindStruct {
				continue
			}
			for _, fl := range v.Type.Named.Struct.Fields {
				if fl.JSONName != t.Union.TagProperty || fl.Const != nil {
					continue
				}
				switch {
				case fl.Type.Kind == ir.ExprOpt && isStringLike(fl.Type.Elem):
					v.TagField, v.TagOpt, v.TagType = fl.Name, true, fl.Type.Elem
				case isStringLike(fl.Type):
					v.TagField, v.TagType = fl.Name, fl.Type
				}
			}
		}
	}
}
