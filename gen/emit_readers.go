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

// emitReaders writes the read functions.
func emitReaders(f *jen.File, api *ir.API, r readers) {
	for _, rd := range api.Readers {
		name, e := rd.Name, rd.Type
		elem := goType(e.Elem)
		d := jen.Id("d")
		f.Line()
		switch e.Kind {
		case ir.ExprOpt:
			f.Comment(name + " decodes null as Null and anything else as a value.")
			f.Func().Id(name).Params(d.Clone().Op("*").Id("decoder"), jen.Id("o").Op("*").Add(goType(e))).Error().Block(
				jen.If(d.Clone().Dot("null").Call()).Block(
					jen.Op("*").Id("o").Op("=").Add(goType(e)).Values(jen.Dict{jen.Id("state"): jen.Id("optNull")}),
					jen.Return(jen.Nil()),
				),
				jen.If(jen.Err().Op(":=").Add(r.call(jen.Op("&").Id("o").Dot("value"), e.Elem)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				jen.Id("o").Dot("state").Op("=").Id("optValue"),
				jen.Return(jen.Nil()),
			)
		case ir.ExprSlice:
			f.Comment(name + " decodes an array; null is a nil slice, [] an empty one.")
			f.Func().Id(name).Params(d.Clone().Op("*").Id("decoder"), jen.Id("s").Op("*").Add(goType(e))).Error().Block(
				jen.If(d.Clone().Dot("null").Call()).Block(jen.Op("*").Id("s").Op("=").Nil(), jen.Return(jen.Nil())),
				jen.Var().Id("buf").Id("sliceBuf").Types(elem),
				jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(
					jen.List(jen.Id("more"), jen.Err()).Op(":=").Add(d.Clone().Dot("element").Call(jen.Id("i"))),
					jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
					jen.If(jen.Op("!").Id("more")).Block(jen.Break()),
					jen.If(jen.Err().Op(":=").Add(r.call(jen.Id("buf").Dot("next").Call(), e.Elem)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				),
				jen.Op("*").Id("s").Op("=").Id("buf").Dot("done").Call(),
				jen.Return(jen.Nil()),
			)
		case ir.ExprMap:
			f.Comment(name + " decodes an object into a map; null is a nil map.")
			f.Func().Id(name).Params(d.Clone().Op("*").Id("decoder"), jen.Id("m").Op("*").Add(goType(e))).Error().Block(
				jen.If(d.Clone().Dot("null").Call()).Block(jen.Op("*").Id("m").Op("=").Nil(), jen.Return(jen.Nil())),
				jen.Id("out").Op(":=").Add(goType(e)).Values(),
				jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(
					jen.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Add(d.Clone().Dot("member").Call(jen.Id("i"))),
					jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
					jen.If(jen.Op("!").Id("more")).Block(jen.Break()),
					jen.Var().Id("x").Add(elem),
					jen.If(jen.Err().Op(":=").Add(r.call(jen.Op("&").Id("x"), e.Elem)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
					jen.Id("out").Index(d.Clone().Dot("intern").Call(jen.Id("key"))).Op("=").Id("x"),
				),
				jen.Op("*").Id("m").Op("=").Id("out"),
				jen.Return(jen.Nil()),
			)
		case ir.ExprPointer:
			f.Comment(name + " decodes into a new value; null is a nil pointer.")
			f.Func().Id(name).Params(d.Clone().Op("*").Id("decoder"), jen.Id("p").Op("*").Add(goType(e))).Error().Block(
				jen.If(d.Clone().Dot("null").Call()).Block(jen.Op("*").Id("p").Op("=").Nil(), jen.Return(jen.Nil())),
				jen.Id("v").Op(":=").New(elem),
				jen.Op("*").Id("p").Op("=").Id("v"),
				jen.Return(r.call(jen.Id("v"), e.Elem)),
			)
		}
	}
}
