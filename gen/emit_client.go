package gen

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitClient writes the package constants the transport needs, a params
// struct per operation with query or header parameters, and one method per
// operation.
func emitClient(f *jen.File, api *ir.API) {
	f.Comment("defaultBaseURL is the first server in the spec; WithBaseURL overrides it.")
	f.Const().Id("defaultBaseURL").Op("=").Lit(api.BaseURL)
	f.Comment("packageName prefixes errors, so they say where they come from.")
	f.Const().Id("packageName").Op("=").Lit(api.Package)
	for _, op := range api.Operations {
		if op.ParamsName != "" {
			emitParams(f, op)
		}
		emitMethod(f, op)
	}
}

func emitParams(f *jen.File, op *ir.Operation) {
	f.Comment(op.ParamsName + " holds the query and header parameters of " + op.Name + ".")
	f.Comment("Optional parameters are sent only when set.")
	f.Type().Id(op.ParamsName).StructFunc(func(g *jen.Group) {
		for _, p := range append(append([]*ir.Param{}, op.QueryParams...), op.HeaderParams...) {
			fieldComment(g, p.Doc)
			g.Id(p.GoName).Add(paramType(p))
		}
	})
}

func paramType(p *ir.Param) jen.Code {
	if p.Required {
		return goType(p.Type)
	}
	return jen.Id("Opt").Types(goType(p.Type))
}

// resultType is what a method returns besides the error: a pointer for
// structs and unions, the value otherwise; nil for no body.
func resultType(op *ir.Operation) jen.Code {
	if op.Result == nil || op.Result.Type == nil {
		return nil
	}
	if returnsPointer(op) {
		return jen.Op("*").Add(goType(op.Result.Type))
	}
	return goType(op.Result.Type)
}

func returnsPointer(op *ir.Operation) bool {
	e := op.Result.Type
	return e.Kind == ir.ExprNamed && (e.Named.Kind == ir.KindStruct || e.Named.Kind == ir.KindUnion)
}

func emitMethod(f *jen.File, op *ir.Operation) {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, p := range op.PathParams {
		params = append(params, jen.Id(p.GoName).Add(goType(p.Type)))
	}
	if op.Body != nil {
		params = append(params, jen.Id("body").Add(goType(op.Body.Type)))
	}
	if op.ParamsName != "" {
		params = append(params, jen.Id("params").Id(op.ParamsName))
	}
	params = append(params, jen.Id("opts").Op("...").Id("RequestOption"))
	result := resultType(op)
	results := []jen.Code{jen.Error()}
	fail := []jen.Code{jen.Err()}
	if result != nil {
		results = []jen.Code{result, jen.Error()}
		fail = []jen.Code{jen.Nil(), jen.Err()}
		if !returnsPointer(op) {
			fail = []jen.Code{jen.Id("out"), jen.Err()}
		}
	}
	doc := op.Doc
	doc = joinParagraphs(doc, op.Method+" "+op.Path+withQuery(op.FixedQuery))
	docComment(f, op.Name, doc)
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.Name).Params(params...).Params(results...).BlockFunc(func(g *jen.Group) {
		if result != nil {
			g.Var().Id("out").Add(goType(op.Result.Type))
		}
		for i, p := range op.PathParams {
			g.List(jen.Id(pathVar(i)), jen.Err()).Op(":=").Id("pathParam").Call(jen.Lit(p.Name), jen.Id(p.GoName))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(fail...))
		}
		req := jen.Dict{
			jen.Id("method"): jen.Lit(op.Method),
			jen.Id("path"):   pathExpr(op),
			jen.Id("query"):  queryLiteral(op.FixedQuery),
			jen.Id("header"): jen.Qual("net/http", "Header").Values(),
		}
		if op.Body != nil {
			req[jen.Id("body")] = jen.Id("body")
		}
		g.Id("req").Op(":=").Id("request").Values(req)
		for _, p := range op.QueryParams {
			g.Add(setParam(p, "addQuery", jen.Id("req").Dot("query"), fail))
		}
		for _, p := range op.HeaderParams {
			g.Add(setParam(p, "addHeader", jen.Id("req").Dot("header"), fail))
		}
		target := jen.Nil()
		if result != nil {
			target = jen.Op("&").Id("out")
		}
		call := jen.Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("req"), target, jen.Id("opts"))
		if result == nil {
			g.Return(call)
			return
		}
		g.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(fail...))
		if returnsPointer(op) {
			g.Return(jen.Op("&").Id("out"), jen.Nil())
		} else {
			g.Return(jen.Id("out"), jen.Nil())
		}
	})
}

func pathVar(i int) string { return "p" + strconv.Itoa(i) }

func withQuery(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// pathExpr concatenates the path template's literal parts with the escaped
// path parameters.
func pathExpr(op *ir.Operation) jen.Code {
	var parts []jen.Code
	rest := op.Path
	for i, p := range op.PathParams {
		placeholder := "{" + p.Name + "}"
		before, after, ok := strings.Cut(rest, placeholder)
		if !ok {
			continue
		}
		if before != "" {
			parts = append(parts, jen.Lit(before))
		}
		parts = append(parts, jen.Id(pathVar(i)))
		rest = after
	}
	if rest != "" || len(parts) == 0 {
		parts = append(parts, jen.Lit(rest))
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

// queryLiteral is a url.Values literal holding the fixed query of a path key.
func queryLiteral(fixed string) jen.Code {
	values, _ := url.ParseQuery(fixed)
	dict := jen.Dict{}
	for _, k := range sortedKeys(values) {
		var vs []jen.Code
		for _, v := range values[k] {
			vs = append(vs, jen.Lit(v))
		}
		dict[jen.Lit(k)] = jen.Values(vs...)
	}
	return jen.Qual("net/url", "Values").Values(dict)
}

// setParam adds one query or header parameter, when set.
func setParam(p *ir.Param, helper string, dst jen.Code, fail []jen.Code) jen.Code {
	add := func(value jen.Code) jen.Code {
		return jen.If(
			jen.Err().Op(":=").Id(helper).Call(dst, jen.Lit(p.Style), jen.Lit(p.Explode), jen.Lit(p.Name), value),
			jen.Err().Op("!=").Nil(),
		).Block(jen.Return(fail...))
	}
	if p.Required {
		return add(jen.Id("params").Dot(p.GoName))
	}
	return jen.If(
		jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("params").Dot(p.GoName).Dot("Get").Call(),
		jen.Id("ok"),
	).Block(add(jen.Id("v")))
}
