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
		case ir.KindUnion:
			f.Line()
			emitUnionEncode(f, t)
		case ir.KindEnum, ir.KindDefined:
			f.Line()
			emitScalarEncode(f, t)
		}
	}
}

// emitDecode writes the decoding half: decodeJSON over the template's
// validating reader, and UnmarshalJSON over it.
func emitDecode(f *jen.File, api *ir.API) {
	for _, t := range api.Types {
		switch t.Kind {
		case ir.KindStruct:
			f.Line()
			emitStructDecode(f, t)
		case ir.KindUnion:
			f.Line()
			emitUnionDecode(f, t)
		case ir.KindEnum, ir.KindDefined:
			f.Line()
			emitScalarDecode(f, t)
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

// emitScalarDecode gives an enum or a defined type (type Metadata
// map[string]string) its own decodeJSON, so containers of it take the
// closure-free helpers.
func emitScalarDecode(f *jen.File, t *ir.Type) {
	under := scalarUnder(t)
	var read jen.Code
	if t.Kind == ir.KindEnum && t.Enum.Base == ir.String && len(t.Enum.Values) > 0 && len(t.Enum.Values) <= 16 {
		args := []jen.Code{jen.Parens(jen.Op("*").String()).Call(jen.Id("v"))}
		for _, v := range t.Enum.Values {
			args = append(args, jen.Lit(v.Value.String))
		}
		read = jen.Id("d").Dot("readKnown").Call(args...) // known values without allocating
	} else {
		read = readCall(jen.Parens(jen.Op("*").Add(goType(under))).Call(jen.Id("v")), under, 0)
	}
	f.Comment("decodeJSON reads a " + t.Name + ".")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(jen.Return(read))
}

// emitScalarEncode gives an enum or a defined type its own appendJSON.
func emitScalarEncode(f *jen.File, t *ir.Type) {
	under := scalarUnder(t)
	stmts, usesErr := appendStmts(jen.Parens(goType(under)).Call(jen.Id("v")), under, 0)
	f.Comment("appendJSON appends a " + t.Name + ".")
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

// builtinHelper names the template's closure-free helper for a container
// (Opt, Slice, Map) of a plain value, or "" when there is none.
func builtinHelper(container string, elem *ir.Expr) string {
	if elem.Kind != ir.ExprBuiltin {
		return ""
	}
	names := map[string]map[ir.Builtin]string{
		"Opt":   {ir.String: "OptString", ir.Int64: "OptInt64", ir.Float64: "OptFloat64", ir.Bool: "OptBool"},
		"Slice": {ir.String: "SliceString"},
		"Map":   {ir.String: "MapString", ir.Raw: "MapRaw"},
	}
	return names[container][elem.Builtin]
}

// jsonKey is the member name as it appears on the wire, with its colon.
func jsonKey(name string) string {
	b, _ := json.Marshal(name) // a string always encodes
	return string(b) + ":"
}

// containers names the template helpers (readOpt, appendSlice, ...) for
// each container expression.
var containers = map[ir.ExprKind]string{
	ir.ExprOpt: "Opt", ir.ExprSlice: "Slice", ir.ExprMap: "Map", ir.ExprPointer: "Ptr",
}

// readCall is an error-valued expression that decodes the value ahead in d
// into the *T that ptr evaluates to.
func readCall(ptr jen.Code, e *ir.Expr, depth int) jen.Code {
	d := jen.Id("d")
	elem := func(container string) jen.Code {
		inner := resolveAlias(e.Elem)
		if container != "Ptr" && hasCodec(inner) {
			return jen.Id("read"+container+"Of").Call(d, ptr)
		}
		if h := builtinHelper(container, inner); h != "" {
			return jen.Id("read"+h).Call(d, ptr)
		}
		p := "p" + strconv.Itoa(depth)
		return jen.Id("read"+container).Call(d, ptr, jen.Func().Params(jen.Id(p).Op("*").Add(goType(e.Elem))).Error().Block(
			jen.Return(readCall(jen.Id(p), e.Elem, depth+1)),
		))
	}
	if name, ok := containers[e.Kind]; ok {
		return elem(name)
	}
	switch e.Kind {
	case ir.ExprExternal:
		return jen.Id("decodeExternal").Call(d, ptr)
	case ir.ExprBuiltin:
		return jen.Id("d").Dot(readMethod(e.Builtin)).Call(ptr)
	}
	if t := e.Named; t.Kind == ir.KindAlias {
		return readCall(ptr, t.Target, depth) // an alias is its target
	}
	return jen.Parens(ptr).Dot("decodeJSON").Call(d)
}

func readMethod(b ir.Builtin) string {
	switch b {
	case ir.Int64:
		return "readInt64"
	case ir.Int32:
		return "readInt32"
	case ir.Float64:
		return "readFloat64"
	case ir.Bool:
		return "readBool"
	case ir.Raw:
		return "readRaw"
	case ir.File:
		return "readFile"
	}
	return "readString"
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

// optMemberHelper picks the template function that writes an optional
// member of type Opt[e]: a direct one for plain types and generated types,
// else appendOptMember with an element function.
func optMemberHelper(e *ir.Expr) string {
	inner := resolveAlias(e)
	if hasCodec(inner) {
		return "appendOptCodecMember"
	}
	if inner.Kind == ir.ExprBuiltin {
		if name, ok := map[ir.Builtin]string{ir.String: "appendOptStringMember", ir.Int64: "appendOptInt64Member", ir.Bool: "appendOptBoolMember", ir.Float64: "appendOptFloat64Member"}[inner.Builtin]; ok {
			return name
		}
	}
	return "appendOptMember"
}

// elemFunc is a func([]byte, T) ([]byte, error) that appends a T: a
// template helper where there is one, else a closure.
func elemFunc(e *ir.Expr, depth int) jen.Code {
	inner := resolveAlias(e)
	if hasCodec(inner) {
		return jen.Id("appendElem").Types(goType(inner))
	}
	if inner.Kind == ir.ExprBuiltin {
		if name, ok := map[ir.Builtin]string{ir.String: "appendStringElem", ir.Int64: "appendInt64Elem", ir.Bool: "appendBoolElem", ir.Float64: "appendFloatElem", ir.Raw: "appendRawElem"}[inner.Builtin]; ok {
			return jen.Id(name)
		}
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
		return set(jen.Id("appendRaw").Call(b, value))
	case ir.File:
		return fallible(jen.Id("appendExternal").Call(b, value))
	}
	return set(jen.Id("appendString").Call(b, value))
}

// marshalMethod writes MarshalJSON over appendJSON.
func marshalMethod(f *jen.File, t *ir.Type) {
	f.Comment("MarshalJSON encodes v; see appendJSON.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("v").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(bufferSize(t))))),
	)
}

// unmarshalMethod writes UnmarshalJSON over decodeJSON.
func unmarshalMethod(f *jen.File, t *ir.Type) {
	f.Comment("UnmarshalJSON decodes data; see decodeJSON. A JSON null leaves v unchanged,")
	f.Comment("as encoding/json does.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.If(jen.Id("isNullJSON").Call(jen.Id("data"))).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("unmarshal").Call(jen.Id("data"), jen.Id("v").Dot("decodeJSON"))),
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
	f.Comment("appendJSON appends v as a JSON object with members in schema order.")
	f.Comment("Optional fields are written only when set; a value decoded from JSON also")
	f.Comment("writes back what the schema did not promise: undeclared members, and")
	f.Comment("required fields that arrived absent or null (while they still hold the")
	f.Comment("zero value).")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if usesErr {
			g.Var().Err().Error()
		}
		g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
		g.Id("start").Op(":=").Len(jen.Id("b"))
		for _, s := range body {
			g.Add(s)
		}
		if !st.Closed {
			g.Id("b").Op("=").Id("v").Dot("rec").Dot("appendUnknown").Call(jen.Id("b"), jen.Id("start"))
		}
		g.Return(jen.Append(jen.Id("b"), jen.LitRune('}')), jen.Nil())
	})
	f.Line()
	marshalMethod(f, t)
}

func marshalField(fl *ir.Field) (jen.Code, bool) {
	access := jen.Id("v").Dot(fl.Name)
	key := []jen.Code{
		jen.Id("b").Op("=").Id("comma").Call(jen.Id("b"), jen.Id("start")),
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(jsonKey(fl.JSONName)).Op("...")),
	}
	idx := jen.Lit(fl.RequiredIndex)
	if !fl.Required {
		args := []jen.Code{jen.Id("b"), jen.Id("start"), jen.Lit(jsonKey(fl.JSONName)), access}
		helper := optMemberHelper(fl.Type.Elem)
		if helper == "appendOptMember" {
			args = append(args, elemFunc(fl.Type.Elem, 0))
		}
		return jen.If(
			jen.List(jen.Id("b"), jen.Err()).Op("=").Id(helper).Call(args...),
			jen.Err().Op("!=").Nil(),
		).Block(jen.Return(jen.Nil(), jen.Err())), true
	}
	value, usesErr := appendStmts(access, fl.Type, 0)
	switch {
	case fl.Type.Kind == ir.ExprOpt:
		// Required and nullable: a zero Opt is sent as null.
		return jen.If(jen.Op("!").Id("v").Dot("rec").Dot("wasAbsent").Call(idx)).Block(append(key, value...)...), usesErr
	}
	var pre []jen.Code
	if fl.Const != nil {
		// A discriminator left empty in Go is sent as its one value; one
		// that arrived empty goes back empty.
		pre = append(pre,
			jen.Id("value").Op(":=").Add(access),
			jen.If(jen.Id("value").Op("==").Lit("").Op("&&").Op("!").Id("v").Dot("rec").Dot("wasEmpty").Call(idx)).Block(jen.Id("value").Op("=").Add(literal(*fl.Const))),
		)
		value, usesErr = appendStmts(jen.Id("value"), fl.Type, 0)
	}
	nullCheck := jen.Id("v").Dot("rec").Dot("wasNull").Call(idx)
	if zero := zeroTest(fl.Type, jen.Id("v").Dot(fl.Name)); zero != nil {
		nullCheck = nullCheck.Op("&&").Add(zero)
	}
	body := append(key, pre...)
	body = append(body, jen.If(nullCheck).Block(
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
	).Else().Block(value...))
	return jen.If(jen.Op("!").Id("v").Dot("rec").Dot("wasAbsent").Call(idx)).Block(body...), usesErr
}

func zeroLiteral(b ir.Builtin) jen.Code {
	switch b {
	case ir.String:
		return jen.Lit("")
	case ir.Bool:
		return jen.False()
	}
	return jen.Lit(0)
}

// zeroTest is the expression "access holds its zero value", or nil for
// structs, unions and user types, whose decode record is honoured as it is.
func zeroTest(e *ir.Expr, access *jen.Statement) jen.Code {
	switch e.Kind {
	case ir.ExprSlice, ir.ExprMap:
		return jen.Len(access).Op("==").Lit(0)
	case ir.ExprPointer:
		return access.Op("==").Nil()
	case ir.ExprBuiltin:
		switch e.Builtin {
		case ir.File:
			return nil
		case ir.Raw:
			return jen.Len(access).Op("==").Lit(0)
		case ir.Bool:
			return jen.Op("!").Add(access)
		}
		return access.Op("==").Add(zeroLiteral(e.Builtin))
	case ir.ExprNamed:
		t := e.Named
		switch t.Kind {
		case ir.KindEnum:
			if t.Enum.Base == ir.Bool {
				return jen.Op("!").Add(access)
			}
			return access.Op("==").Add(zeroLiteral(t.Enum.Base))
		case ir.KindAlias, ir.KindDefined:
			return zeroTest(t.Target, access)
		}
	}
	return nil
}

func emitStructDecode(f *jen.File, t *ir.Type) {
	st := t.Struct
	words := (st.Required + 63) / 64
	f.Comment("decodeJSON reads an object. Undeclared members and required fields that")
	f.Comment("are absent or null are accepted and remembered, so appendJSON can write")
	f.Comment("the value back as it arrived.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().BlockFunc(func(g *jen.Group) {
		g.Op("*").Id("v").Op("=").Id(t.Name).Values()
		if words > 0 {
			g.Var().Id("seen").Index(jen.Lit(words)).Uint64()
		}
		g.Var().Id("last").Index().Byte()
		g.Err().Op(":=").Id("d").Dot("object").Call(jen.Func().Params(jen.Id("key").Index().Byte()).Error().Block(
			jen.Id("last").Op("=").Id("key"),
			jen.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(sw *jen.Group) {
				for _, fl := range st.Fields {
					sw.Case(jen.Lit(fl.JSONName)).BlockFunc(func(c *jen.Group) { decodeField(c, fl) })
				}
				sw.Default().BlockFunc(func(c *jen.Group) { decodeExtra(c, t) })
			}),
		))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.String().Parens(jen.Id("last")), jen.Err())))
		for _, fl := range st.Fields {
			if !fl.Required {
				continue
			}
			w, bit := fl.RequiredIndex/64, uint64(1)<<(fl.RequiredIndex%64)
			g.If(jen.Id("seen").Index(jen.Lit(w)).Op("&").Lit(bit).Op("==").Lit(0)).Block(
				jen.Id("v").Dot("rec").Op("=").Id("v").Dot("rec").Dot("markAbsent").Call(jen.Lit(fl.RequiredIndex)),
			)
		}
		g.Return(jen.Nil())
	})
	f.Line()
	unmarshalMethod(f, t)
}

func decodeField(c *jen.Group, fl *ir.Field) {
	if fl.Required {
		w, bit := fl.RequiredIndex/64, uint64(1)<<(fl.RequiredIndex%64)
		c.Id("seen").Index(jen.Lit(w)).Op("|=").Lit(bit)
		if fl.Type.Kind != ir.ExprOpt {
			// null where the schema promised a value: remembered, not fatal.
			c.If(jen.List(jen.Id("null"), jen.Err()).Op(":=").Id("d").Dot("null").Call(), jen.Err().Op("!=").Nil().Op("||").Id("null")).Block(
				jen.Id("v").Dot("rec").Op("=").Id("v").Dot("rec").Dot("markNull").Call(jen.Lit(fl.RequiredIndex)),
				jen.Return(jen.Err()),
			)
		}
	}
	if fl.Const != nil {
		read := readCall(jen.Op("&").Id("v").Dot(fl.Name), fl.Type, 0)
		if fl.Type.Kind == ir.ExprBuiltin {
			read = jen.Id("d").Dot("readKnown").Call(jen.Op("&").Id("v").Dot(fl.Name), literal(*fl.Const))
		}
		c.If(jen.Err().Op(":=").Add(read), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		c.If(jen.Id("v").Dot(fl.Name).Op("==").Lit("")).Block(
			jen.Id("v").Dot("rec").Op("=").Id("v").Dot("rec").Dot("markEmpty").Call(jen.Lit(fl.RequiredIndex)),
		)
		c.Return(jen.Nil())
		return
	}
	c.Return(readCall(jen.Op("&").Id("v").Dot(fl.Name), fl.Type, 0))
}

// decodeExtra handles a member the schema does not declare: into the
// additionalProperties map when there is one, else into the record.
func decodeExtra(c *jen.Group, t *ir.Type) {
	st := t.Struct
	if st.ExtraField == "" {
		c.Var().Err().Error()
		c.List(jen.Id("v").Dot("rec"), jen.Err()).Op("=").Id("v").Dot("rec").Dot("keep").Call(jen.Id("key"), jen.Id("d"))
		c.Return(jen.Err())
		return
	}
	c.Var().Id("x").Add(goType(st.Extra))
	c.If(jen.Err().Op(":=").Add(readCall(jen.Op("&").Id("x"), st.Extra, 0)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	c.If(jen.Id("v").Dot(st.ExtraField).Op("==").Nil()).Block(
		jen.Id("v").Dot(st.ExtraField).Op("=").Map(jen.String()).Add(goType(st.Extra)).Values(),
	)
	c.Id("v").Dot(st.ExtraField).Index(jen.String().Parens(jen.Id("key"))).Op("=").Id("x")
	c.Return(jen.Nil())
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
	f.Comment("appendJSON appends the variant u holds; an unknown variant is written back")
	f.Comment("as it was received, and a zero " + t.Name + " as null.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if usesErr {
			g.Var().Err().Error()
		}
		g.Switch(jen.Id("u").Dot("kind")).Block(cases...)
		g.Return(jen.Id("appendRaw").Call(jen.Id("b"), jen.Id("u").Dot("raw")), jen.Nil())
	})
	f.Line()
	f.Comment("MarshalJSON encodes u; see appendJSON.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("u").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(64)))),
	)
}

func emitUnionDecode(f *jen.File, t *ir.Type) {
	f.Comment("UnmarshalJSON decodes data; see decodeJSON.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshal").Call(jen.Id("data"), jen.Id("u").Dot("decodeJSON"))),
	)
	f.Line()
	u := t.Union
	f.Comment("decodeJSON picks the variant from the JSON ahead (see the type's doc);")
	f.Comment("JSON that fits no known variant is kept as an unknown variant.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("d").Dot("peek").Call()).BlockFunc(func(sw *jen.Group) {
			tokenCase(sw, t, u.ByToken[ir.JSONString], jen.LitRune('"'))
			tokenCase(sw, t, u.ByToken[ir.JSONArray], jen.LitRune('['))
			tokenCase(sw, t, u.ByToken[ir.JSONBool], jen.LitRune('t'), jen.LitRune('f'))
			if len(u.Objects) > 0 {
				sw.Case(jen.LitRune('{')).BlockFunc(func(c *jen.Group) { objectDispatch(c, t) })
			}
			numberCase(sw, t)
		})
		g.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("raw").Call()
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(""), jen.Err())))
		g.Op("*").Id("u").Op("=").Id(t.Name).Values(jen.Dict{
			jen.Id("kind"): jen.Id(u.Unknown),
			jen.Id("raw"):  jen.Qual("bytes", "Clone").Call(jen.Id("raw")),
		})
		g.Return(jen.Nil())
	})
}

func tokenCase(sw *jen.Group, t *ir.Type, v *ir.Variant, first ...jen.Code) {
	if v == nil {
		return
	}
	sw.Case(first...).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, v) })
}

// numberCase sends integer literals to the integer variant and other numbers
// to the number variant, when the union has them.
func numberCase(sw *jen.Group, t *ir.Type) {
	u := t.Union
	num, integer := u.ByToken[ir.JSONNumber], u.ByToken[ir.JSONInteger]
	if num == nil && integer == nil {
		return
	}
	digits := []jen.Code{jen.LitRune('-')}
	for c := '0'; c <= '9'; c++ {
		digits = append(digits, jen.LitRune(c))
	}
	sw.Case(digits...).BlockFunc(func(c *jen.Group) {
		switch {
		case num == integer:
			decodeVariant(c, t, num)
		case num == nil:
			c.If(jen.Id("d").Dot("isInteger").Call()).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, integer) })
		default:
			if integer != nil {
				c.If(jen.Id("d").Dot("isInteger").Call()).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, integer) })
			}
			decodeVariant(c, t, num)
		}
	})
}

// objectDispatch chooses among object variants by tag value or by required
// members, in the order build settled.
func objectDispatch(c *jen.Group, t *ir.Type) {
	u := t.Union
	if len(u.Objects) == 1 {
		decodeVariant(c, t, u.Objects[0])
		return
	}
	if u.TagProperty != "" {
		// Variants that share a tag value are told apart by required members.
		var order []string
		byTag := map[string][]*ir.Variant{}
		for _, v := range u.Objects {
			for _, tag := range v.Tags {
				if byTag[tag] == nil {
					order = append(order, tag)
				}
				byTag[tag] = append(byTag[tag], v)
			}
		}
		c.Switch(jen.Id("d").Dot("tag").Call(jen.Lit(u.TagProperty))).BlockFunc(func(sw *jen.Group) {
			for _, tag := range order {
				sw.Case(jen.Lit(tag)).BlockFunc(func(g *jen.Group) { byRequired(g, t, byTag[tag], true) })
			}
		})
		return
	}
	byRequired(c, t, u.Objects, false)
}

// byRequired decodes as the first variant whose required members are all
// present (build orders larger sets first); with settle, the last variant
// takes the value when none matches.
func byRequired(g *jen.Group, t *ir.Type, variants []*ir.Variant, settle bool) {
	for i, v := range variants {
		if i == len(variants)-1 && (settle || len(v.Required) == 0) {
			decodeVariant(g, t, v)
			return
		}
		var args []jen.Code
		for _, r := range v.Required {
			args = append(args, jen.Lit(r))
		}
		g.If(jen.Id("d").Dot("hasMembers").Call(args...)).BlockFunc(func(b *jen.Group) { decodeVariant(b, t, v) })
	}
}

// decodeVariant decodes the value ahead as variant v into *u, and returns.
func decodeVariant(g *jen.Group, t *ir.Type, v *ir.Variant) {
	g.Var().Id("x").Add(goType(v.Type))
	g.If(jen.Err().Op(":=").Add(readCall(jen.Op("&").Id("x"), v.Type, 0)), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(""), jen.Err())),
	)
	g.Op("*").Id("u").Op("=").Id(v.Constructor).Call(jen.Id("x"))
	g.Return(jen.Nil())
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
			g.Add(add(jen.Id("v").Dot(fl.Name)))
		}
		g.Return(jen.Nil())
	})
}

// bufferSize is a first guess at a struct's encoded size, so encoding
// rarely has to grow the buffer.
func bufferSize(t *ir.Type) int {
	return 64 + 48*len(t.Struct.Fields)
}
