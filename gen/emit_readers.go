package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// readers finds the read function build named for each container type.
type readers map[string]string // exprKey -> name

func newReaders(api *ir.API) readers {
	r := readers{}
	for _, rd := range api.Readers {
		r[rd.Key] = rd.Name
	}
	return r
}

// call is an error-valued expression that decodes the value ahead in d
// into the *T that ptr evaluates to.
func (r readers) call(ptr jen.Code, e *ir.Expr) jen.Code {
	d := jen.Id("d")
	e = resolveAlias(e)
	switch {
	case isMapRaw(e):
		return jen.Id("readMapRaw").Call(d, ptr)
	case e.Kind == ir.ExprExternal:
		return jen.Id("decodeExternal").Call(d, ptr)
	case e.Kind == ir.ExprBuiltin:
		return d.Dot(readMethod(e.Builtin)).Call(ptr)
	case e.Kind == ir.ExprNamed:
		return jen.Parens(ptr).Dot("decodeJSON").Call(d)
	}
	return jen.Id(r[exprKey(e)]).Call(d, ptr)
}

// emitReaders writes the read functions: each reads null its own way and
// anything else through the element's decoder.
func emitReaders(f *jen.File, api *ir.API, r readers) {
	for _, rd := range api.Readers {
		doc, param, null, body := readerBody(rd.Type, r)
		f.Line()
		f.Comment(rd.Name + " " + doc)
		f.Func().Id(rd.Name).Params(jen.Id("d").Op("*").Id("decoder"), jen.Id(param).Op("*").Add(goType(rd.Type))).Error().BlockFunc(func(g *jen.Group) {
			g.If(jen.Id("d").Dot("null").Call()).Block(jen.Op("*").Id(param).Op("=").Add(null), jen.Return(jen.Nil()))
			for _, s := range body {
				g.Add(s)
			}
		})
	}
}

// readerBody is what a container's read function says of itself, its
// parameter, the value null gives it, and how it reads anything else.
func readerBody(e *ir.Expr, r readers) (doc, param string, null jen.Code, body []jen.Code) {
	elem := goType(e.Elem)
	switch e.Kind {
	case ir.ExprOpt:
		return "decodes null as Null and anything else as a value.", "o",
			jen.Add(goType(e)).Values(jen.Dict{jen.Id("state"): jen.Id("optNull")}),
			[]jen.Code{
				orReturn(r.call(jen.Op("&").Id("o").Dot("value"), e.Elem)),
				jen.Id("o").Dot("state").Op("=").Id("optValue"),
				jen.Return(jen.Nil()),
			}
	case ir.ExprSlice:
		return "decodes an array; null is a nil slice, [] an empty one.", "s", jen.Nil(),
			[]jen.Code{
				jen.Var().Id("buf").Id("sliceBuf").Types(elem),
				steps(jen.List(jen.Id("more"), jen.Err()), jen.Id("d").Dot("element").Call(jen.Id("i")),
					orReturn(r.call(jen.Id("buf").Dot("next").Call(), e.Elem)),
				),
				jen.Op("*").Id("s").Op("=").Id("buf").Dot("done").Call(),
				jen.Return(jen.Nil()),
			}
	case ir.ExprMap:
		return "decodes an object into a map; null is a nil map.", "m", jen.Nil(),
			[]jen.Code{
				jen.Id("out").Op(":=").Add(goType(e)).Values(),
				steps(jen.List(jen.Id("key"), jen.Id("more"), jen.Err()), jen.Id("d").Dot("member").Call(jen.Id("i")),
					jen.Var().Id("x").Add(elem),
					orReturn(r.call(jen.Op("&").Id("x"), e.Elem)),
					jen.Id("out").Index(jen.Id("d").Dot("intern").Call(jen.Id("key"))).Op("=").Id("x"),
				),
				jen.Op("*").Id("m").Op("=").Id("out"),
				jen.Return(jen.Nil()),
			}
	}
	// ir.ExprPointer
	return "decodes into a new value; null is a nil pointer.", "p", jen.Nil(),
		[]jen.Code{
			jen.Id("v").Op(":=").New(elem),
			jen.Op("*").Id("p").Op("=").Id("v"),
			jen.Return(r.call(jen.Id("v"), e.Elem)),
		}
}

// steps loops over the members or elements of the value ahead: step (the
// decoder's member or element call) assigns results, ending in more and
// err, and body reads each one.
func steps(results, step jen.Code, body ...jen.Code) jen.Code {
	return jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(append([]jen.Code{
		jen.Add(results).Op(":=").Add(step),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Op("!").Id("more")).Block(jen.Break()),
	}, body...)...)
}

// orReturn is "if err := call; err != nil { return err }".
func orReturn(call jen.Code) jen.Code {
	return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
}
