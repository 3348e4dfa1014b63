package gen

import (
	"encoding/json"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitJSON writes MarshalJSON and UnmarshalJSON for every struct and union.
// Structs walk their members once with objectIter and dispatch on the key;
// leaf values go through encoding/json for now. Every type has its own
// codec, so each can later be replaced by a reflection-free one without
// changing the types.
func emitJSON(f *jen.File, api *ir.API) {
	for _, t := range api.Types {
		switch t.Kind {
		case ir.KindStruct:
			f.Line()
			emitStructMarshal(f, t)
			f.Line()
			emitStructUnmarshal(f, t)
			if t.Struct.FormFields {
				f.Line()
				emitFormFields(f, t)
			}
		case ir.KindUnion:
			f.Line()
			emitUnionMarshal(f, t)
			f.Line()
			emitUnionUnmarshal(f, t)
		}
	}
}

// jsonKey is the member name as it appears on the wire, with its colon.
func jsonKey(name string) string {
	b, _ := json.Marshal(name) // a string always encodes
	return string(b) + ":"
}

func emitStructMarshal(f *jen.File, t *ir.Type) {
	st := t.Struct
	f.Comment("MarshalJSON encodes v with members in schema order. Optional fields are")
	f.Comment("written only when set; a value decoded from JSON also writes back what")
	f.Comment("the schema did not promise: undeclared members, and required fields that")
	f.Comment("arrived absent or null (while they still hold the zero value).")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Id("b").Op(":=").Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(64+32*len(st.Fields)))
		g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
		g.Id("start").Op(":=").Len(jen.Id("b"))
		if len(st.Fields) > 0 || st.ExtraField != "" {
			g.Var().Id("err").Error()
		}
		for _, fl := range st.Fields {
			g.Add(marshalField(fl))
		}
		if st.ExtraField != "" {
			g.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(jen.Id("v").Dot(st.ExtraField))).Block(
				jen.Id("b").Op("=").Id("comma").Call(jen.Id("b"), jen.Id("start")),
				jen.Id("b").Op("=").Id("appendString").Call(jen.Id("b"), jen.Id("k")),
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(':')),
				appendValueStmt(jen.Id("v").Dot(st.ExtraField).Index(jen.Id("k"))),
			)
		}
		if !st.Closed {
			g.Id("b").Op("=").Id("v").Dot("rec").Dot("appendUnknown").Call(jen.Id("b"), jen.Id("start"))
		}
		g.Return(jen.Append(jen.Id("b"), jen.LitRune('}')), jen.Nil())
	})
}

// appendValueStmt appends the JSON of value to b, returning on error.
func appendValueStmt(value jen.Code) jen.Code {
	return jen.If(
		jen.List(jen.Id("b"), jen.Id("err")).Op("=").Id("appendValue").Call(jen.Id("b"), value),
		jen.Err().Op("!=").Nil(),
	).Block(jen.Return(jen.Nil(), jen.Err()))
}

func marshalField(fl *ir.Field) jen.Code {
	access := jen.Id("v").Dot(fl.Name)
	writeKey := []jen.Code{
		jen.Id("b").Op("=").Id("comma").Call(jen.Id("b"), jen.Id("start")),
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(jsonKey(fl.JSONName)).Op("...")),
	}
	idx := jen.Lit(fl.RequiredIndex)
	switch {
	case !fl.Required:
		return jen.If(access.Clone().Dot("IsSet").Call()).Block(append(writeKey, appendValueStmt(access))...)
	case fl.Type.Kind == ir.ExprOpt:
		// Required and nullable: a zero Opt is sent as null.
		return jen.If(jen.Op("!").Id("v").Dot("rec").Dot("wasAbsent").Call(idx)).Block(append(writeKey, appendValueStmt(access))...)
	}
	value := access
	var pre []jen.Code
	if fl.Const != nil {
		pre = append(pre,
			jen.Id("value").Op(":=").Add(access),
			jen.If(jen.Id("value").Op("==").Add(zeroLiteral(fl.Const.Base))).Block(jen.Id("value").Op("=").Add(literal(*fl.Const))),
		)
		value = jen.Id("value")
	}
	nullCheck := jen.Id("v").Dot("rec").Dot("wasNull").Call(idx)
	if zero := zeroTest(fl.Type, jen.Id("v").Dot(fl.Name)); zero != nil {
		nullCheck = nullCheck.Op("&&").Add(zero)
	}
	body := append(writeKey, pre...)
	body = append(body, jen.If(nullCheck).Block(
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
	).Else().Block(appendValueStmt(value)))
	return jen.If(jen.Op("!").Id("v").Dot("rec").Dot("wasAbsent").Call(idx)).Block(body...)
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
// structs and unions, whose decode record is honoured as it is.
func zeroTest(e *ir.Expr, access *jen.Statement) jen.Code {
	switch e.Kind {
	case ir.ExprSlice, ir.ExprMap:
		return jen.Len(access).Op("==").Lit(0)
	case ir.ExprPointer:
		return access.Op("==").Nil()
	case ir.ExprBuiltin:
		if e.Builtin == ir.File {
			return nil
		}
		if e.Builtin == ir.Raw {
			return jen.Len(access).Op("==").Lit(0)
		}
		if e.Builtin == ir.Bool {
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

func emitStructUnmarshal(f *jen.File, t *ir.Type) {
	st := t.Struct
	words := (st.Required + 63) / 64
	f.Comment("UnmarshalJSON decodes an object. Undeclared members and required fields")
	f.Comment("that are absent or null are accepted and remembered, so MarshalJSON can")
	f.Comment("write the value back as it arrived. A JSON null leaves v unchanged.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("isNull").Call(jen.Id("data"))).Block(jen.Return(jen.Nil()))
		g.Var().Id("out").Id(t.Name)
		if words > 0 {
			g.Var().Id("seen").Index(jen.Lit(words)).Uint64()
		}
		g.Id("it").Op(":=").Id("newObjectIter").Call(jen.Id("data"))
		g.For(jen.Id("it").Dot("next").Call()).Block(
			jen.Switch(jen.String().Parens(jen.Id("it").Dot("key"))).BlockFunc(func(sw *jen.Group) {
				for _, fl := range st.Fields {
					sw.Case(jen.Lit(fl.JSONName)).BlockFunc(func(c *jen.Group) { unmarshalField(c, t, fl) })
				}
				sw.Default().BlockFunc(func(d *jen.Group) { unmarshalExtra(d, t) })
			}),
		)
		g.If(jen.Id("it").Dot("err").Op("!=").Nil()).Block(
			jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(""), jen.Id("it").Dot("err"))),
		)
		for _, fl := range st.Fields {
			if !fl.Required {
				continue
			}
			w, bit := fl.RequiredIndex/64, uint64(1)<<(fl.RequiredIndex%64)
			g.If(jen.Id("seen").Index(jen.Lit(w)).Op("&").Lit(bit).Op("==").Lit(0)).Block(
				jen.Id("out").Dot("rec").Op("=").Id("out").Dot("rec").Dot("markAbsent").Call(jen.Lit(fl.RequiredIndex)),
			)
		}
		g.Op("*").Id("v").Op("=").Id("out")
		g.Return(jen.Nil())
	})
}

func unmarshalField(c *jen.Group, t *ir.Type, fl *ir.Field) {
	if fl.Required {
		w, bit := fl.RequiredIndex/64, uint64(1)<<(fl.RequiredIndex%64)
		c.Id("seen").Index(jen.Lit(w)).Op("|=").Lit(bit)
		if fl.Type.Kind != ir.ExprOpt {
			c.If(jen.Id("isNull").Call(jen.Id("it").Dot("value"))).Block(
				jen.Id("out").Dot("rec").Op("=").Id("out").Dot("rec").Dot("markNull").Call(jen.Lit(fl.RequiredIndex)),
				jen.Continue(),
			)
		}
	}
	c.If(
		jen.Err().Op(":=").Qual(jsonPkg, "Unmarshal").Call(jen.Id("it").Dot("value"), jen.Op("&").Id("out").Dot(fl.Name)),
		jen.Err().Op("!=").Nil(),
	).Block(jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(fl.JSONName), jen.Err())))
}

// unmarshalExtra handles a member the schema does not declare: into the
// additionalProperties map when there is one, else into the record.
func unmarshalExtra(d *jen.Group, t *ir.Type) {
	st := t.Struct
	if st.ExtraField == "" {
		d.Var().Id("err").Error()
		d.If(
			jen.List(jen.Id("out").Dot("rec"), jen.Err()).Op("=").Id("out").Dot("rec").Dot("keep").Call(jen.Id("it").Dot("key"), jen.Id("it").Dot("value")),
			jen.Err().Op("!=").Nil(),
		).Block(jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.String().Parens(jen.Id("it").Dot("key")), jen.Err())))
		return
	}
	d.Var().Id("x").Add(goType(st.Extra))
	d.If(
		jen.Err().Op(":=").Qual(jsonPkg, "Unmarshal").Call(jen.Id("it").Dot("value"), jen.Op("&").Id("x")),
		jen.Err().Op("!=").Nil(),
	).Block(jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.String().Parens(jen.Id("it").Dot("key")), jen.Err())))
	d.If(jen.Id("out").Dot(st.ExtraField).Op("==").Nil()).Block(
		jen.Id("out").Dot(st.ExtraField).Op("=").Map(jen.String()).Add(goType(st.Extra)).Values(),
	)
	d.Id("out").Dot(st.ExtraField).Index(jen.String().Parens(jen.Id("it").Dot("key"))).Op("=").Id("x")
}

func emitUnionMarshal(f *jen.File, t *ir.Type) {
	u := t.Union
	f.Comment("MarshalJSON encodes the variant u holds; an unknown variant is written")
	f.Comment("back as it was received, and a zero " + t.Name + " as null.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Switch(jen.Id("u").Dot("kind")).BlockFunc(func(g *jen.Group) {
			for _, v := range u.Variants {
				g.Case(jen.Id(v.KindConst)).Return(jen.Qual(jsonPkg, "Marshal").Call(jen.Id("u").Dot("value")))
			}
		}),
		jen.If(jen.Id("u").Dot("raw").Op("!=").Nil()).Block(jen.Return(jen.Id("u").Dot("raw"), jen.Nil())),
		jen.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil()),
	)
}

func emitUnionUnmarshal(f *jen.File, t *ir.Type) {
	u := t.Union
	f.Comment("UnmarshalJSON picks the variant from the JSON itself (see the type's")
	f.Comment("doc); JSON that fits no known variant is kept as an unknown variant.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("firstByte").Call(jen.Id("data"))).BlockFunc(func(sw *jen.Group) {
			tokenCase(sw, t, u.ByToken[ir.JSONString], jen.LitRune('"'))
			tokenCase(sw, t, u.ByToken[ir.JSONArray], jen.LitRune('['))
			tokenCase(sw, t, u.ByToken[ir.JSONBool], jen.LitRune('t'), jen.LitRune('f'))
			if len(u.Objects) > 0 {
				sw.Case(jen.LitRune('{')).BlockFunc(func(c *jen.Group) { objectDispatch(c, t) })
			}
			numberCase(sw, t)
		})
		g.If(jen.Op("!").Qual(jsonPkg, "Valid").Call(jen.Id("data"))).Block(
			jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(""), jen.Id("errSyntax"))),
		)
		g.Op("*").Id("u").Op("=").Id(t.Name).Values(jen.Dict{
			jen.Id("kind"): jen.Id(u.Unknown),
			jen.Id("raw"):  jen.Qual("bytes", "Clone").Call(jen.Id("data")),
		})
		g.Return(jen.Nil())
	})
}

func tokenCase(sw *jen.Group, t *ir.Type, v *ir.Variant, first ...jen.Code) {
	if v == nil {
		return
	}
	sw.Case(first...).Return(decodeVariant(t, v))
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
			c.Return(decodeVariant(t, num))
		case num == nil:
			c.If(jen.Id("isIntegerLiteral").Call(jen.Id("data"))).Block(jen.Return(decodeVariant(t, integer)))
		default:
			if integer != nil {
				c.If(jen.Id("isIntegerLiteral").Call(jen.Id("data"))).Block(jen.Return(decodeVariant(t, integer)))
			}
			c.Return(decodeVariant(t, num))
		}
	})
}

// objectDispatch chooses among object variants by tag value or by required
// members, in the order build settled.
func objectDispatch(c *jen.Group, t *ir.Type) {
	u := t.Union
	if len(u.Objects) == 1 {
		c.Return(decodeVariant(t, u.Objects[0]))
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
		c.Switch(jen.Id("tagValue").Call(jen.Id("data"), jen.Lit(u.TagProperty))).BlockFunc(func(sw *jen.Group) {
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
		last := i == len(variants)-1
		if last && (settle || len(v.Required) == 0) {
			g.Return(decodeVariant(t, v))
			return
		}
		args := []jen.Code{jen.Id("data")}
		for _, r := range v.Required {
			args = append(args, jen.Lit(r))
		}
		g.If(jen.Id("hasMembers").Call(args...)).Block(jen.Return(decodeVariant(t, v)))
	}
}

// decodeVariant is a call that decodes data as variant v into *u.
func decodeVariant(t *ir.Type, v *ir.Variant) jen.Code {
	return jen.Id("decodeVariant").Call(
		jen.Id("data"), jen.Lit(t.Name), jen.Func().Params(jen.Id("x").Add(goType(v.Type))).Block(
			jen.Op("*").Id("u").Op("=").Id(v.Constructor).Call(jen.Id("x")),
		),
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
			g.Add(add(jen.Id("v").Dot(fl.Name)))
		}
		g.Return(jen.Nil())
	})
}
