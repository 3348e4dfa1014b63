package gen

import (
	"encoding/json"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitEncode writes the encoding half of the reflection-free codecs:
// appendJSON for every struct, union, enum and defined type (appending to a
// byte slice), MarshalJSON over it, and the form-field lists of multipart
// bodies. Each field is one call into the template's helpers, so the code
// stays small and the work happens in one tested place.
func emitEncode(f *jen.File, api *ir.API) {
	for _, t := range api.Types {
		switch t.Kind {
		case ir.KindStruct:
			f.Line()
			emitStructEncode(f, t)
			if t.Struct.FormFields {
				f.Line()
				emitFormFields(f, t)
			}
			if t.ZeroMethod {
				f.Line()
				emitIsZero(f, t)
			}
		case ir.KindUnion:
			f.Line()
			emitUnionEncode(f, t)
			if t.ZeroMethod {
				f.Line()
				emitIsZero(f, t)
			}
		case ir.KindEnum, ir.KindDefined:
			f.Line()
			emitScalarEncode(f, t)
		}
	}
}

// scalarUnder is the Go type an enum or defined type is made of.
func scalarUnder(t *ir.Type) *ir.Expr {
	if t.Kind == ir.KindEnum {
		return &ir.Expr{Kind: ir.ExprBuiltin, Builtin: t.Enum.Base}
	}
	return t.Target
}

// emitScalarEncode gives an enum or a defined type its own appendJSON.
func emitScalarEncode(f *jen.File, t *ir.Type) {
	under := scalarUnder(t)
	stmts, usesErr := appendStmts(jen.Parens(goType(under)).Call(jen.Id("v")), under, 0)
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if usesErr {
			g.Var().Err().Error()
		}
		for _, s := range stmts {
			g.Add(s)
		}
		g.Return(jen.Id("b"), jen.Nil())
	})
}

// resolveAlias follows aliases, which are the same Go type as their target.
func resolveAlias(e *ir.Expr) *ir.Expr {
	for i := 0; e.Kind == ir.ExprNamed && e.Named.Kind == ir.KindAlias && e.Named.Target != nil && i < 32; i++ {
		e = e.Named.Target
	}
	return e
}

// hasCodec reports whether values of e have decodeJSON and appendJSON
// methods of their own.
func hasCodec(e *ir.Expr) bool {
	return e.Kind == ir.ExprNamed && e.Named.Kind != ir.KindAlias
}

// builtinHelper names (less "append") the template's encoder for a
// container (Opt, Slice, Map) of a plain value, or "" when there is none.
func builtinHelper(container string, elem *ir.Expr) string {
	if elem.Kind != ir.ExprBuiltin {
		return ""
	}
	switch name := container + builtinName(elem.Builtin); name {
	case "OptString", "OptInt64", "OptFloat64", "OptBool", "SliceString", "MapString", "MapRaw":
		return name
	}
	return ""
}

// jsonKey is the member name as it appears on the wire, with its colon.
func jsonKey(name string) string {
	b, _ := json.Marshal(name) // a string always encodes
	return string(b) + ":"
}

// containers spells each container expression in the names of the
// template's encoders (appendSlice, appendOptString, ...) and of the
// generated readers (readSliceString, ...).
var containers = map[ir.ExprKind]string{
	ir.ExprOpt: "Opt", ir.ExprSlice: "Slice", ir.ExprMap: "Map", ir.ExprPointer: "Ptr",
}

// appendStmts appends the JSON of value (of type e) to b. It reports
// whether the statements use err (some encodings can fail).
func appendStmts(value jen.Code, e *ir.Expr, depth int) ([]jen.Code, bool) {
	b := jen.Id("b")
	set := func(call jen.Code) ([]jen.Code, bool) { return []jen.Code{jen.Id("b").Op("=").Add(call)}, false }
	fallible := func(call jen.Code) ([]jen.Code, bool) {
		return []jen.Code{jen.If(jen.List(jen.Id("b"), jen.Err()).Op("=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))}, true
	}
	container := func(kind string) ([]jen.Code, bool) {
		helper := "append" + kind
		inner := resolveAlias(e.Elem)
		if kind != "Ptr" && hasCodec(inner) {
			return fallible(jen.Id(helper+"Of").Call(b, value))
		}
		if h := builtinHelper(kind, inner); h != "" {
			return fallible(jen.Id("append"+h).Call(b, value))
		}
		return fallible(jen.Id(helper).Call(b, value, elemFunc(e.Elem, depth)))
	}
	if name, ok := containers[e.Kind]; ok {
		return container(name)
	}
	switch e.Kind {
	case ir.ExprExternal:
		return fallible(jen.Id("appendExternal").Call(b, value))
	case ir.ExprBuiltin:
		return appendBuiltin(e.Builtin, value, set, fallible)
	}
	t := e.Named
	switch t.Kind {
	case ir.KindEnum:
		// Inline: the common case needs no call, and no error check.
		base := &ir.Expr{Kind: ir.ExprBuiltin, Builtin: t.Enum.Base}
		return appendBuiltin(t.Enum.Base, jen.Add(goType(base)).Call(value), set, fallible)
	case ir.KindAlias:
		return appendStmts(value, t.Target, depth)
	}
	return fallible(jen.Add(value).Dot("appendJSON").Call(b))
}

// elemFunc is a func([]byte, T) ([]byte, error) that appends a T: a
// template helper where there is one, else a closure.
func elemFunc(e *ir.Expr, depth int) jen.Code {
	inner := resolveAlias(e)
	if hasCodec(inner) {
		return jen.Id("appendElem").Types(goType(inner))
	}
	if inner.Kind == ir.ExprBuiltin && inner.Builtin != ir.Int32 && inner.Builtin != ir.File {
		return jen.Id("append" + builtinName(inner.Builtin) + "Elem")
	}
	x := "x" + strconv.Itoa(depth)
	body, usesErr := appendStmts(jen.Id(x), e, depth+1)
	var stmts []jen.Code
	if usesErr {
		stmts = append(stmts, jen.Var().Err().Error())
	}
	stmts = append(append(stmts, body...), jen.Return(jen.Id("b"), jen.Nil()))
	return jen.Func().Params(jen.Id("b").Index().Byte(), jen.Id(x).Add(goType(e))).Params(jen.Index().Byte(), jen.Error()).Block(stmts...)
}

func appendBuiltin(bt ir.Builtin, value jen.Code, set, fallible func(jen.Code) ([]jen.Code, bool)) ([]jen.Code, bool) {
	b := jen.Id("b")
	switch bt {
	case ir.Int64:
		return set(jen.Id("appendInt").Call(b, value))
	case ir.Int32:
		return set(jen.Id("appendInt").Call(b, jen.Int64().Call(value)))
	case ir.Float64:
		return fallible(jen.Id("appendFloat").Call(b, value))
	case ir.Bool:
		return set(jen.Id("appendBool").Call(b, value))
	case ir.Raw:
		return fallible(jen.Id("appendValue").Call(b, value, jen.False()))
	case ir.Object:
		return fallible(jen.Id("appendValue").Call(b, value, jen.True()))
	case ir.File:
		return fallible(jen.Id("appendExternal").Call(b, value))
	}
	return set(jen.Id("appendString").Call(b, value))
}

// marshalMethod writes MarshalJSON over appendJSON.
func marshalMethod(f *jen.File, t *ir.Type) {
	f.Comment("MarshalJSON encodes v as JSON.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("v").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(bufferSize(t))))),
	)
}

func emitStructEncode(f *jen.File, t *ir.Type) {
	st := t.Struct
	var body []jen.Code
	usesErr := false
	for _, fl := range st.Fields {
		stmts, e := marshalField(fl)
		body = append(body, stmts)
		usesErr = usesErr || e
	}
	if st.ExtraField != "" {
		stmts, e := appendStmts(jen.Id("v").Dot(st.ExtraField).Index(jen.Id("k")), st.Extra, 0)
		usesErr = usesErr || e
		loop := append([]jen.Code{
			jen.Id("b").Op("=").Id("comma").Call(jen.Id("b"), jen.Id("start")),
			jen.Id("b").Op("=").Id("appendString").Call(jen.Id("b"), jen.Id("k")),
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(':')),
		}, stmts...)
		body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(jen.Id("v").Dot(st.ExtraField))).Block(loop...))
	}
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if usesErr {
			g.Var().Err().Error()
		}
		if st.Required > 0 || hasOptional(st) {
			g.Var().Id("ok").Bool()
		}
		g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
		g.Id("start").Op(":=").Len(jen.Id("b"))
		for _, s := range body {
			g.Add(s)
		}
		write := "appendUnknown"
		if st.Closed {
			write = "appendSet" // what SetUndeclared set, and only that
		}
		g.Id("b").Op("=").Id("v").Dot("rec").Dot(write).Call(jen.Id("b"), jen.Id("start"))
		g.Return(jen.Append(jen.Id("b"), jen.LitRune('}')), jen.Nil())
	})
	f.Line()
	marshalMethod(f, t)
	f.Line()
	f.Comment("decoded is where v keeps what decoding saw that the schema did not promise, and")
	f.Comment("whether its schema closes it (see Undeclared, SetUndeclared).")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decoded").Params().Params(jen.Op("**").Id("record"), jen.Bool()).Block(
		jen.Return(jen.Op("&").Id("v").Dot("rec"), jen.Lit(st.Closed)),
	)
}

// hasOptional reports whether a struct has an optional member, which
// marshalField writes through optKey and ok.
func hasOptional(st *ir.Struct) bool {
	for _, fl := range st.Fields {
		if !fl.Required {
			return true
		}
	}
	return false
}

func marshalField(fl *ir.Field) (jen.Code, bool) {
	access := jen.Id("v").Dot(fl.Name)
	idx := jen.Lit(fl.RequiredIndex)
	if !fl.Required {
		// The key (or key and null) through optKey, then the value in
		// place: a direct call, with no closure or generic helper between.
		value, usesErr := appendStmts(jen.Add(access).Dot("value"), fl.Type.Elem, 0)
		return jen.If(
			jen.List(jen.Id("b"), jen.Id("ok")).Op("=").Id("optKey").Call(jen.Id("b"), jen.Id("start"), jen.Lit(jsonKey(fl.JSONName)), jen.Add(access).Dot("state")),
			jen.Id("ok"),
		).Block(value...), usesErr
	}
	// The record decides whether the member is written and whether as
	// null; the value's own statements run only when it says so.
	value, usesErr := appendStmts(access, fl.Type, 0)
	if k := resolveAlias(fl.Type).Kind; k == ir.ExprSlice || k == ir.ExprMap {
		// A required list or map left nil in Go is sent empty, as its
		// schema asks: null would be refused. (One that arrived null is
		// the record's to write back, above.)
		empty := map[ir.ExprKind]string{ir.ExprSlice: "[]", ir.ExprMap: "{}"}[k]
		value = []jen.Code{jen.If(jen.Add(access).Op("==").Nil()).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(empty).Op("...")),
		).Else().Block(value...)}
	}
	var pre []jen.Code
	if fl.Const != nil {
		// A discriminator left empty in Go is sent as its one value; one
		// that arrived empty goes back empty.
		pre = append(pre,
			jen.Id("value").Op(":=").Add(access),
			jen.If(jen.Id("value").Op("==").Lit("").Op("&&").Op("!").Id("v").Dot("rec").Dot("wasZero").Call(idx)).Block(jen.Id("value").Op("=").Add(literal(*fl.Const))),
		)
		value, usesErr = appendStmts(jen.Id("value"), fl.Type, 0)
	}
	// zero: a null that arrived is written back while the field still
	// holds its zero value (always, for types without a zero test; never
	// for a nullable field, whose Opt writes its own null).
	var zero jen.Code = jen.True()
	if fl.Type.Kind == ir.ExprOpt {
		zero = jen.False()
	} else if z := zeroTest(fl.Type, jen.Id("v").Dot(fl.Name)); z != nil {
		zero = z
	}
	write := "member"
	if readOnlyZero(fl) != nil {
		write = "readOnlyMember"
	}
	member := jen.If(
		jen.List(jen.Id("b"), jen.Id("ok")).Op("=").Id("v").Dot("rec").Dot(write).Call(jen.Id("b"), jen.Id("start"), idx, jen.Lit(jsonKey(fl.JSONName)), zero),
		jen.Id("ok"),
	).Block(value...)
	if len(pre) == 0 {
		return member, usesErr
	}
	return jen.Block(append(pre, member)...), usesErr
}

func emitUnionEncode(f *jen.File, t *ir.Type) {
	u := t.Union
	var cases []jen.Code
	usesErr := false
	for _, v := range u.Variants {
		if v.Inline {
			cases = append(cases, jen.Case(jen.Id(v.KindConst)).Block(jen.Return(jen.Id("appendString").Call(jen.Id("b"), jen.Id("u").Dot("str")), jen.Nil())))
			continue
		}
		stmts, e := appendStmts(jen.Id("u").Dot("value").Assert(goType(v.Type)), v.Type, 0)
		usesErr = usesErr || e
		cases = append(cases, jen.Case(jen.Id(v.KindConst)).Block(append(stmts, jen.Return(jen.Id("b"), jen.Nil()))...))
	}
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if usesErr {
			g.Var().Err().Error()
		}
		g.Switch(jen.Id("u").Dot("kind")).Block(cases...)
		g.Return(jen.Id("appendRaw").Call(jen.Id("b"), jen.Id("u").Dot("raw")), jen.Nil())
	})
	f.Line()
	f.Comment("MarshalJSON encodes u as JSON.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("u").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(64)))),
	)
}

// emitFormFields writes the method that lists a struct's set fields for a
// multipart or URL-encoded body.
func emitFormFields(f *jen.File, t *ir.Type) {
	f.Comment("formFields passes each field of v that is set to add, for multipart and")
	f.Comment("URL-encoded bodies.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("formFields").Params(
		jen.Id("add").Func().Params(jen.Id("name").String(), jen.Id("value").Any()).Error(),
	).Error().BlockFunc(func(g *jen.Group) {
		for _, fl := range t.Struct.Fields {
			add := func(value jen.Code) jen.Code {
				return jen.If(jen.Err().Op(":=").Id("add").Call(jen.Lit(fl.JSONName), value), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
			}
			if fl.Type.Kind == ir.ExprOpt {
				g.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Id("v").Dot(fl.Name).Dot("Get").Call(), jen.Id("ok")).Block(add(jen.Id("x")))
				continue
			}
			if zero := readOnlyZero(fl); zero != nil {
				// A read-only field a request leaves out while unset, as
				// readOnlyMember does for JSON.
				g.If(jen.Op("!").Parens(zero)).Block(add(jen.Id("v").Dot(fl.Name)))
				continue
			}
			g.Add(add(jen.Id("v").Dot(fl.Name)))
		}
		g.Return(jen.Nil())
	})
}

// bufferSize is a first guess at a struct's encoded size, so encoding
// rarely has to grow the buffer: a key, a short value and punctuation per
// field (requests with most fields set, like a create-run body of 1 KB
// over 20 fields, fit in one allocation).
func bufferSize(t *ir.Type) int {
	return 64 + 64*len(t.Struct.Fields)
}
