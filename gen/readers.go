package gen

import (
	"sort"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// readers names the read function of every container type the decoders
// meet (readOptString, readSliceAssistantTool, ...), each emitted once as a
// plain function of concrete types. Closures, or generic helpers that call
// the element's decoder, would be less code, but the compiler cannot see
// through either, so every value decoded through one would move to the
// heap. (sliceBuf is generic but calls nothing of its element's.)
type readers struct {
	names map[string]string // exprKey -> function name
	exprs []*ir.Expr        // one per name, in name order
}

// collectReaders walks every place a decoder reads a value: struct fields
// and extras, union variants, defined types and stream data.
func collectReaders(api *ir.API) *readers {
	found := map[string]*ir.Expr{}
	var add func(e *ir.Expr)
	add = func(e *ir.Expr) {
		e = resolveAlias(e)
		if _, ok := containers[e.Kind]; !ok || isMapRaw(e) {
			return
		}
		key := exprKey(e)
		if _, ok := found[key]; ok {
			return
		}
		found[key] = e
		add(e.Elem)
	}
	for _, t := range api.Types {
		switch t.Kind {
		case ir.KindStruct:
			for _, fl := range t.Struct.Fields {
				add(fl.Type)
			}
			if t.Struct.Extra != nil {
				add(t.Struct.Extra)
			}
		case ir.KindUnion:
			for _, v := range t.Union.Variants {
				if !v.Inline {
					add(v.Type)
				}
			}
		case ir.KindDefined:
			add(t.Target)
		}
	}
	for _, s := range api.Streams {
		add(s.Type)
		for _, ev := range s.Events {
			add(ev.DataField.Type)
		}
	}
	// Names in a fixed order, so a clash (a schema named SliceString beside
	// a []string) is settled the same way every run.
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		pi, pj := prettyExpr(found[keys[i]]), prettyExpr(found[keys[j]])
		if pi != pj {
			return pi < pj
		}
		return keys[i] < keys[j]
	})
	r := &readers{names: map[string]string{}}
	taken := map[string]bool{}
	for _, n := range templateNames() {
		taken[n] = true // readMapRaw among them
	}
	for _, k := range keys {
		base := "read" + prettyExpr(found[k])
		name := base
		for n := 2; taken[name]; n++ {
			name = base + strconv.Itoa(n)
		}
		taken[name] = true
		r.names[k] = name
		r.exprs = append(r.exprs, found[k])
	}
	return r
}

// isMapRaw reports a free-form object, which the template's readMapRaw
// decodes with one copy for all its values.
func isMapRaw(e *ir.Expr) bool {
	if e.Kind != ir.ExprMap {
		return false
	}
	inner := resolveAlias(e.Elem)
	return inner.Kind == ir.ExprBuiltin && inner.Builtin == ir.Raw
}

// exprKey identifies a Go type exactly.
func exprKey(e *ir.Expr) string {
	e = resolveAlias(e)
	switch e.Kind {
	case ir.ExprBuiltin:
		return "b" + strconv.Itoa(int(e.Builtin))
	case ir.ExprNamed:
		return "n" + e.Named.Name
	case ir.ExprExternal:
		return "x" + e.Path + "." + e.Name
	}
	return "c" + strconv.Itoa(int(e.Kind)) + "(" + exprKey(e.Elem) + ")"
}

// prettyExpr spells a Go type as part of an identifier: OptSliceString.
func prettyExpr(e *ir.Expr) string {
	e = resolveAlias(e)
	switch e.Kind {
	case ir.ExprBuiltin:
		return [...]string{ir.String: "String", ir.Int64: "Int64", ir.Int32: "Int32", ir.Float64: "Float64", ir.Bool: "Bool", ir.Raw: "Raw", ir.File: "File"}[e.Builtin]
	case ir.ExprNamed:
		return e.Named.Name
	case ir.ExprExternal:
		return "External" + exportedIdent(e.Name)
	}
	return containers[e.Kind] + prettyExpr(e.Elem)
}

// exportedIdent turns a predeclared or package type name into an
// identifier fragment (int -> Int).
func exportedIdent(name string) string {
	if name == "" {
		return name
	}
	b := []byte(name)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

// call is an error-valued expression that decodes the value ahead in d
// into the *T that ptr evaluates to.
func (r *readers) call(ptr jen.Code, e *ir.Expr) jen.Code {
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
	return jen.Id(r.names[exprKey(e)]).Call(d, ptr)
}

// emit writes the read functions.
func (r *readers) emit(f *jen.File) {
	for _, e := range r.exprs {
		name := r.names[exprKey(e)]
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
