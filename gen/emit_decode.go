package gen

import (
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitDecode writes the decoding half of the reflection-free codecs:
// decodeJSON for every struct, union, enum and defined type, and
// UnmarshalJSON over it (the read functions of the container types they use
// are emitReaders'). The code is straight loops and calls of concrete
// functions, which lets the compiler keep decoders and the values they fill
// on the stack.
func emitDecode(f *jen.File, api *ir.API, r readers) {
	for _, t := range api.Types {
		switch t.Kind {
		case ir.KindStruct:
			f.Line()
			emitStructDecode(f, t, r)
		case ir.KindUnion:
			f.Line()
			emitUnionDecode(f, t, r)
		case ir.KindEnum, ir.KindDefined:
			f.Line()
			emitScalarDecode(f, t, r)
		}
	}
}

// emitScalarDecode gives an enum or a defined type (type Metadata
// map[string]string) its own decodeJSON.
func emitScalarDecode(f *jen.File, t *ir.Type, r readers) {
	under := scalarUnder(t)
	var read jen.Code
	if t.Kind == ir.KindEnum && t.Enum.Base == ir.String && len(t.Enum.Values) > 0 && len(t.Enum.Values) <= 16 {
		args := []jen.Code{jen.Parens(jen.Op("*").String()).Call(jen.Id("v"))}
		for _, v := range t.Enum.Values {
			args = append(args, jen.Lit(v.Value.String))
		}
		read = jen.Id("d").Dot("readKnown").Call(args...) // known values without allocating
	} else {
		read = r.call(jen.Parens(jen.Op("*").Add(goType(under))).Call(jen.Id("v")), under)
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(jen.Return(read))
}

// readMethod is the decoder's read method for a builtin (readString, ...).
func readMethod(b ir.Builtin) string { return "read" + builtinName(b) }

// unmarshalMethod writes UnmarshalJSON over decodeJSON, with the decoder a
// local so that decoding a value allocates nothing for the machinery.
// A struct ignores a JSON null, as encoding/json does; a union reads it
// like any other value (as its unknown variant).
func unmarshalMethod(f *jen.File, recv string, t *ir.Type) {
	if t.Kind == ir.KindStruct {
		f.Comment("UnmarshalJSON decodes data; a JSON null leaves " + recv + " unchanged, as in encoding/json.")
	} else {
		f.Comment("UnmarshalJSON decodes data.")
	}
	f.Func().Params(jen.Id(recv).Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		finish := jen.Return(jen.Id("d").Dot("finish").Call(jen.Id(recv).Dot("decodeJSON").Call(jen.Op("&").Id("d"))))
		if t.Kind != ir.KindStruct {
			g.Id("d").Op(":=").Id("newDecoder").Call(jen.Id("data"))
			g.Add(finish)
			return
		}
		g.If(jen.Id("d").Op(":=").Id("newDecoder").Call(jen.Id("data")), jen.Op("!").Id("d").Dot("nullDocument").Call()).Block(finish)
		g.Return(jen.Nil())
	})
}

func emitStructDecode(f *jen.File, t *ir.Type, r readers) {
	st := t.Struct
	words := (st.Required + 63) / 64
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().BlockFunc(func(g *jen.Group) {
		g.Op("*").Id("v").Op("=").Id(t.Name).Values()
		if words > 0 {
			g.Var().Id("seen").Index(jen.Lit(words)).Uint64()
		}
		// The object's end (or a syntax error between members) leaves
		// through !more; fieldError passes a nil error through.
		var end []jen.Code
		if st.Required > 0 {
			end = append(end, jen.Id("v").Dot("rec").Op("=").Id("v").Dot("rec").Dot("markMissing").Call(jen.Id("seen").Index(jen.Empty(), jen.Empty()), jen.Lit(st.Required)))
		}
		end = append(end, jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(""), jen.Err())))
		g.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(append(memberStep(end...),
			jen.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(sw *jen.Group) {
				for _, fl := range st.Fields {
					sw.Case(jen.Lit(fl.JSONName)).BlockFunc(func(c *jen.Group) { decodeField(c, fl, r) })
				}
				sw.Default().BlockFunc(func(c *jen.Group) { decodeExtra(c, t, r) })
			}),
			jen.If(jen.Err().Op("!=").Nil()).BlockFunc(func(g *jen.Group) {
				fail := jen.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.String().Parens(jen.Id("key")), jen.Err()))
				if st.Closed {
					// Only its declared members are ever written, so a
					// value of another shape could not be sent back.
					g.Add(fail)
					return
				}
				g.If(
					jen.List(jen.Id("v").Dot("rec"), jen.Err()).Op("=").Id("v").Dot("rec").Dot("mismatch").Call(jen.Id("key"), jen.Id("d"), jen.Err()),
					jen.Err().Op("!=").Nil(),
				).Block(fail)
			}),
		)...)
	})
	f.Line()
	unmarshalMethod(f, "v", t)
}

// memberStep starts a loop's step i over the members of the object ahead:
// key and err declared, the decoder at key's value, or end run (with err
// set, or nil at the object's end). plainKey takes the usual member
// without a call of member's (see its comment); member takes the rest.
func memberStep(end ...jen.Code) []jen.Code {
	return []jen.Code{
		jen.List(jen.Id("key"), jen.Id("more")).Op(":=").Id("d").Dot("plainKey").Call(jen.Id("i")),
		jen.Var().Err().Error(),
		jen.If(jen.Op("!").Id("more")).Block(
			jen.If(
				jen.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op("=").Id("d").Dot("member").Call(jen.Id("i")),
				jen.Op("!").Id("more"),
			).Block(end...),
		),
	}
}

// decodeField decodes one declared member into its field, leaving any
// error in err.
func decodeField(c *jen.Group, fl *ir.Field, r readers) {
	field := jen.Id("v").Dot(fl.Name)
	read := r.call(jen.Op("&").Add(field.Clone()), fl.Type)
	if !fl.Required {
		c.Err().Op("=").Add(read)
		return
	}
	// Its bit in the seen set.
	w, bit := fl.RequiredIndex/64, uint64(1)<<(fl.RequiredIndex%64)
	if fl.Type.Kind == ir.ExprOpt {
		// Required and nullable: present is all there is to note.
		c.Id("seen").Index(jen.Lit(w)).Op("|=").Lit(bit)
		c.Err().Op("=").Add(read)
		return
	}
	// A null where the schema promised a value is remembered, not fatal,
	// and leaves the field at its zero value: when the member is repeated,
	// the last one counts, as in encoding/json. The usual types take one
	// call shared by every decoder (see requiredString).
	args := []jen.Code{jen.Op("&").Id("v").Dot("rec"), jen.Op("&").Id("seen").Index(jen.Lit(w)), jen.Lit(bit), jen.Lit(fl.RequiredIndex)}
	if zero := readOnlyZero(fl); zero != nil {
		// A read-only field that arrived holding its zero value is
		// recorded, so that encoding writes it back (see readOnlyMember).
		idx := jen.Lit(fl.RequiredIndex)
		defer func() {
			c.If(jen.Err().Op("==").Nil().Op("&&").Add(zero).Op("&&").Op("!").Id("v").Dot("rec").Dot("wasNull").Call(idx)).Block(
				jen.Id("v").Dot("rec").Op("=").Id("v").Dot("rec").Dot("markZero").Call(idx),
			)
		}()
	}
	ptr := jen.Op("&").Add(field.Clone())
	if fl.Const != nil {
		// A one-value field (build pins only strings and string enums),
		// read as its string.
		if fl.Type.Kind == ir.ExprNamed {
			ptr = jen.Parens(jen.Op("*").String()).Call(ptr)
		}
		c.Err().Op("=").Id("d").Dot("requiredKnown").Call(append(args, ptr, literal(*fl.Const))...)
		return
	}
	if fl.Type.Kind == ir.ExprBuiltin {
		switch b := fl.Type.Builtin; b {
		case ir.String, ir.Int64, ir.Float64, ir.Bool:
			c.Err().Op("=").Id("d").Dot("required" + builtinName(b)).Call(append(args, ptr)...)
			return
		}
	}
	c.If(jen.Id("d").Dot("required").Call(args...)).Block(
		jen.Err().Op("=").Add(read),
	).Else().Block(
		jen.Add(field.Clone()).Op("=").Add(zeroValue(fl.Type)),
	)
}

// decodeExtra handles a member the schema does not declare: into the
// additionalProperties map when there is one, else into the record.
func decodeExtra(c *jen.Group, t *ir.Type, r readers) {
	st := t.Struct
	if st.ExtraField == "" {
		c.List(jen.Id("v").Dot("rec"), jen.Err()).Op("=").Id("v").Dot("rec").Dot("keep").Call(jen.Id("key"), jen.Id("d"))
		return
	}
	c.Var().Id("x").Add(goType(st.Extra))
	c.If(jen.Err().Op("=").Add(r.call(jen.Op("&").Id("x"), st.Extra)), jen.Err().Op("==").Nil()).BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("v").Dot(st.ExtraField).Op("==").Nil()).Block(
			jen.Id("v").Dot(st.ExtraField).Op("=").Map(jen.String()).Add(goType(st.Extra)).Values(),
		)
		g.Id("v").Dot(st.ExtraField).Index(jen.Id("d").Dot("intern").Call(jen.Id("key"))).Op("=").Id("x")
	})
}

func emitUnionDecode(f *jen.File, t *ir.Type, r readers) {
	unmarshalMethod(f, "u", t)
	f.Line()
	u := t.Union
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("d").Dot("peek").Call()).BlockFunc(func(sw *jen.Group) {
			tokenCase(sw, t, r, u.ByToken[ir.JSONString], jen.LitRune('"'))
			arrayCase(sw, t, r)
			tokenCase(sw, t, r, u.ByToken[ir.JSONBool], jen.LitRune('t'), jen.LitRune('f'))
			if len(u.Objects) > 0 {
				sw.Case(jen.LitRune('{')).BlockFunc(func(c *jen.Group) { objectDispatch(c, t, r) })
			}
			numberCase(sw, t, r)
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

func tokenCase(sw *jen.Group, t *ir.Type, r readers, v *ir.Variant, first ...jen.Code) {
	if v == nil {
		return
	}
	sw.Case(first...).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, r, v) })
}

// arrayCase decodes an array as the union's array variant, or, when there
// are several, as the one its first element's kind says (see ByElement).
func arrayCase(sw *jen.Group, t *ir.Type, r readers) {
	u := t.Union
	fallback := u.ByToken[ir.JSONArray]
	if fallback == nil {
		return
	}
	sw.Case(jen.LitRune('[')).BlockFunc(func(c *jen.Group) {
		if len(u.ByElement) > 0 {
			c.Switch(jen.Id("d").Dot("firstElement").Call()).BlockFunc(func(es *jen.Group) {
				for _, kc := range []struct {
					v     *ir.Variant
					first []jen.Code
				}{
					{u.ByElement[ir.JSONString], []jen.Code{jen.LitRune('"')}},
					{u.ByElement[ir.JSONObject], []jen.Code{jen.LitRune('{')}},
					{u.ByElement[ir.JSONArray], []jen.Code{jen.LitRune('[')}},
					{u.ByElement[ir.JSONBool], []jen.Code{jen.LitRune('t'), jen.LitRune('f')}},
					{u.ByElement[ir.JSONNumber], numberStarts()},
				} {
					if kc.v != nil && kc.v != fallback {
						es.Case(kc.first...).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, r, kc.v) })
					}
				}
			})
		}
		decodeVariant(c, t, r, fallback)
	})
}

// numberStarts are the bytes a JSON number starts with, as case values.
func numberStarts() []jen.Code {
	out := []jen.Code{jen.LitRune('-')}
	for c := '0'; c <= '9'; c++ {
		out = append(out, jen.LitRune(c))
	}
	return out
}

// numberCase sends integer literals to the integer variant and other numbers
// to the number variant, when the union has them.
func numberCase(sw *jen.Group, t *ir.Type, r readers) {
	u := t.Union
	num, integer := u.ByToken[ir.JSONNumber], u.ByToken[ir.JSONInteger]
	if num == nil && integer == nil {
		return
	}
	sw.Case(numberStarts()...).BlockFunc(func(c *jen.Group) {
		switch {
		case num == integer:
			decodeVariant(c, t, r, num)
		case num == nil:
			c.If(jen.Id("d").Dot("isInteger").Call()).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, r, integer) })
		default:
			if integer != nil {
				c.If(jen.Id("d").Dot("isInteger").Call()).BlockFunc(func(g *jen.Group) { decodeVariant(g, t, r, integer) })
			}
			decodeVariant(c, t, r, num)
		}
	})
}

// objectDispatch chooses among object variants by tag value or by required
// members, in the order build settled.
func objectDispatch(c *jen.Group, t *ir.Type, r readers) {
	u := t.Union
	if len(u.Objects) == 1 {
		decodeVariant(c, t, r, u.Objects[0])
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
		c.Switch(jen.String().Parens(jen.Id("d").Dot("tag").Call(jen.Lit(u.TagProperty)))).BlockFunc(func(sw *jen.Group) {
			for _, tag := range order {
				sw.Case(jen.Lit(tag)).BlockFunc(func(g *jen.Group) { byRequired(g, t, r, byTag[tag], true) })
			}
		})
		return
	}
	byRequired(c, t, r, u.Objects, false)
}

// byRequired decodes as the first variant whose required members (and
// the members it alone declares, where that is what tells it apart) are
// all present (build orders larger sets first); with settle, the last
// variant takes the value when none matches.
func byRequired(g *jen.Group, t *ir.Type, r readers, variants []*ir.Variant, settle bool) {
	for i, v := range variants {
		if i == len(variants)-1 && (settle || len(v.Required)+len(v.Present) == 0) {
			decodeVariant(g, t, r, v)
			return
		}
		var args []jen.Code
		for _, name := range slices.Concat(v.Required, v.Present) {
			args = append(args, jen.Lit(name))
		}
		g.If(jen.Id("d").Dot("hasMembers").Call(args...)).BlockFunc(func(b *jen.Group) { decodeVariant(b, t, r, v) })
	}
}

// decodeVariant decodes the value ahead as variant v into *u, and returns
// (fieldError passes nil through).
func decodeVariant(g *jen.Group, t *ir.Type, r readers, v *ir.Variant) {
	g.Var().Id("x").Add(goType(v.Type))
	g.Err().Op(":=").Add(r.call(jen.Op("&").Id("x"), v.Type))
	g.Op("*").Id("u").Op("=").Id(v.Constructor).Call(jen.Id("x"))
	g.Return(jen.Id("fieldError").Call(jen.Lit(t.Name), jen.Lit(""), jen.Err()))
}
