package gen

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitClient writes the package settings the transport reads, the error
// decoders, a params struct per operation with query or header parameters,
// and the methods of each operation.
func emitClient(f *jen.File, api *ir.API) {
	f.Comment("defaultBaseURL is the first server in the spec; WithBaseURL overrides it.")
	f.Const().Id("defaultBaseURL").Op("=").Lit(api.BaseURL)
	f.Comment("packageName prefixes errors, so they say where they come from.")
	f.Const().Id("packageName").Op("=").Lit(api.Package)
	f.Comment("apiKeyEnv names the environment variable NewClient reads the API key from.")
	f.Const().Id("apiKeyEnv").Op("=").Lit(api.Auth.EnvVar)
	emitKeys(f, api)
	f.Comment("authIn, authName, authPrefix and authBasic say how the API key is sent (see WithAPIKey).")
	f.Const().Defs(
		jen.Id("authIn").Op("=").Lit(api.Auth.In),
		jen.Id("authName").Op("=").Lit(api.Auth.Name),
		jen.Id("authPrefix").Op("=").Lit(api.Auth.Prefix),
		jen.Id("authBasic").Op("=").Lit(api.Auth.Basic),
	)
	if api.Auth.Basic {
		f.Comment("WithBasicAuth sets the user name and password sent with every request.")
		f.Func().Id("WithBasicAuth").Params(jen.List(jen.Id("username"), jen.Id("password")).String()).Id("Option").Block(
			jen.Return(jen.Id("WithAPIKey").Call(jen.Id("username").Op("+").Lit(":").Op("+").Id("password"))),
		)
	}
	f.Comment("defaultHeaders are sent with every request; WithHeader replaces them.")
	f.Func().Id("defaultHeaders").Params().Qual("net/http", "Header").Block(
		jen.Return(jen.Qual("net/http", "Header").Values(jen.DictFunc(func(d jen.Dict) {
			for _, h := range api.Headers {
				d[jen.Lit(h.Name)] = jen.Values(jen.Lit(h.Value))
			}
		}))),
	)
	for _, t := range api.ErrorTypes {
		f.Line()
		emitErrorDecoder(f, t)
	}
	for _, set := range api.ErrorSets {
		f.Line()
		emitErrorSet(f, set)
	}
	for _, op := range api.Operations {
		if op.ParamsName != "" && !op.Alternate {
			f.Line()
			emitParams(f, op)
		}
		f.Line()
		emitMethod(f, op)
		if op.Stream != nil {
			f.Line()
			emitStreamMethod(f, op)
		}
		if op.Pages != nil {
			f.Line()
			emitPagesMethod(f, op)
		}
	}
}

func errorDecoderName(t *ir.Type) string { return "decode" + t.Name + "Error" }

// emitErrorDecoder writes the function that decodes an error body into t
// for APIError.Detail, and the accessor that returns it typed.
func emitErrorDecoder(f *jen.File, t *ir.Type) {
	f.Comment(errorDecoderName(t) + " decodes an error body as " + t.Name + ", or returns nil.")
	f.Func().Id(errorDecoderName(t)).Params(jen.Id("_").Int(), jen.Id("body").Index().Byte()).Any().Block(
		jen.Var().Id("v").Id(t.Name),
		jen.If(jen.Qual(jsonPkg, "Unmarshal").Call(jen.Id("body"), jen.Op("&").Id("v")).Op("!=").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Op("&").Id("v")),
	)
	f.Line()
	f.Comment("As" + t.Name + " returns the error body decoded as " + t.Name + ", when it was one.")
	f.Func().Params(jen.Id("e").Op("*").Id("APIError")).Id("As"+t.Name).Params().Params(jen.Op("*").Id(t.Name), jen.Bool()).Block(
		jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("e").Dot("Detail").Assert(jen.Op("*").Id(t.Name)),
		jen.Return(jen.Id("v"), jen.Id("ok")),
	)
}

// emitErrorSet writes the function that decodes an error body as the type
// its status has.
func emitErrorSet(f *jen.File, set *ir.ErrorSet) {
	f.Comment(set.Name + " decodes an error body as the type its status has, or returns nil.")
	f.Func().Id(set.Name).Params(jen.Id("status").Int(), jen.Id("body").Index().Byte()).Any().BlockFunc(func(g *jen.Group) {
		decode := func(t *ir.Type) jen.Code {
			if t == nil {
				return jen.Return(jen.Nil())
			}
			return jen.Return(jen.Id(errorDecoderName(t)).Call(jen.Id("status"), jen.Id("body")))
		}
		var last jen.Code = jen.Return(jen.Nil())
		g.Switch().BlockFunc(func(g *jen.Group) {
			for _, s := range set.Statuses {
				switch {
				case s.Low == 0: // default
					last = decode(s.Type)
				case s.Low == s.High:
					g.Case(jen.Id("status").Op("==").Lit(s.Low)).Block(decode(s.Type))
				default:
					g.Case(jen.Id("status").Op(">=").Lit(s.Low).Op("&&").Id("status").Op("<=").Lit(s.High)).Block(decode(s.Type))
				}
			}
		})
		g.Add(last)
	})
}

func emitParams(f *jen.File, op *ir.Operation) {
	f.Comment(op.ParamsName + " holds the query, header and cookie parameters of " + op.Name + ".")
	f.Comment("Optional parameters are sent only when set.")
	f.Type().Id(op.ParamsName).StructFunc(func(g *jen.Group) {
		for _, p := range append(append(append([]*ir.Param{}, op.QueryParams...), op.HeaderParams...), op.CookieParams...) {
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

func hasResult(op *ir.Operation) bool { return op.Result != nil && op.Result.Type != nil }

// methodParams are the parameters every method of op takes.
func methodParams(op *ir.Operation) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, p := range op.PathParams {
		params = append(params, jen.Id(p.GoName).Add(goType(p.Type)))
	}
	if op.Body != nil {
		if op.Body.Encoding == ir.EncodingRaw {
			params = append(params, jen.Id("body").Qual("io", "Reader"))
		} else {
			params = append(params, jen.Id("body").Add(goType(op.Body.Type)))
		}
	}
	if op.ParamsName != "" {
		params = append(params, jen.Id("params").Id(op.ParamsName))
	}
	return append(params, jen.Id("opts").Op("...").Id("RequestOption"))
}

// callArgs passes a method's parameters on to another method of op.
func callArgs(op *ir.Operation) []jen.Code {
	args := []jen.Code{jen.Id("ctx")}
	for _, p := range op.PathParams {
		args = append(args, jen.Id(p.GoName))
	}
	if op.Body != nil {
		args = append(args, jen.Id("body"))
	}
	if op.ParamsName != "" {
		args = append(args, jen.Id("params"))
	}
	return append(args, jen.Id("opts").Op("..."))
}

func emitMethod(f *jen.File, op *ir.Operation) {
	var results, fail []jen.Code
	switch {
	case op.Result != nil && op.Result.Binary:
		results = []jen.Code{jen.Qual("io", "ReadCloser"), jen.Error()}
		fail = []jen.Code{jen.Nil(), jen.Err()}
	case !hasResult(op):
		results, fail = []jen.Code{jen.Error()}, []jen.Code{jen.Err()}
	case op.Result.Pointer:
		results = []jen.Code{jen.Op("*").Add(goType(op.Result.Type)), jen.Error()}
		fail = []jen.Code{jen.Nil(), jen.Err()}
	default:
		results = []jen.Code{goType(op.Result.Type), jen.Error()}
		fail = []jen.Code{jen.Id("out"), jen.Err()}
	}
	methodComment(f, op.Name, joinParagraphs(op.Doc, op.Method+" "+op.Path+withQuery(op.RawQuery)))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.Name).Params(methodParams(op)...).Params(results...).BlockFunc(func(g *jen.Group) {
		if hasResult(op) {
			g.Var().Id("out").Add(goType(op.Result.Type))
		}
		if op.Result != nil && op.Result.Binary {
			buildRequest(g, op, op.Result.ContentType, false, fail)
			g.Return(jen.Id("c").Dot("doRaw").Call(jen.Id("ctx"), jen.Id("req"), jen.Id("opts")))
			return
		}
		buildRequest(g, op, op.Result.ContentType, false, fail)
		if !hasResult(op) {
			g.Return(jen.Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("req"), jen.Nil(), jen.Id("opts")))
			return
		}
		g.If(jen.Err().Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("req"), jen.Op("&").Id("out"), jen.Id("opts")), jen.Err().Op("!=").Nil()).Block(jen.Return(fail...))
		if op.Result.Pointer {
			g.Return(jen.Op("&").Id("out"), jen.Nil())
		} else {
			g.Return(jen.Id("out"), jen.Nil())
		}
	})
}

// operationFields sets in d the request fields an operation sets whatever
// the call: its own server, that it takes no API key or another scheme's,
// the 2xx statuses that are not its result, its error schemas. A followed
// next-page link is fetched with them too.
func operationFields(d jen.Dict, op *ir.Operation) jen.Dict {
	if op.BaseURL != "" {
		d[jen.Id("baseURL")] = jen.Lit(op.BaseURL)
	}
	if op.NoAuth {
		d[jen.Id("noAuth")] = jen.True()
	}
	if op.Key != 0 {
		d[jen.Id("key")] = jen.Lit(op.Key)
	}
	if r := op.Result; r != nil && len(r.Empty) > 0 {
		d[jen.Id("empty")] = jen.Lit(strings.Join(r.Empty, " "))
	}
	if r := op.Result; r != nil && len(r.Unlike) > 0 {
		d[jen.Id("unlike")] = jen.Lit(strings.Join(r.Unlike, " "))
	}
	if set := op.Errors; set != nil && set.Name != "" {
		d[jen.Id("decodeError")] = jen.Id(set.Name)
	} else if set != nil {
		d[jen.Id("decodeError")] = jen.Id(errorDecoderName(set.Statuses[0].Type))
	}
	return d
}

// buildRequest declares req for op: path parameters escaped, query and
// header parameters styled; fail is what to return on error.
func buildRequest(g *jen.Group, op *ir.Operation, accept string, stream bool, fail []jen.Code) {
	for i, p := range op.PathParams {
		g.List(jen.Id(pathVar(i)), jen.Err()).Op(":=").Id("pathParam").Call(jen.Lit(p.Name), jen.Id(p.GoName))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(fail...))
	}
	req := jen.Dict{
		jen.Id("method"): jen.Lit(op.Method),
		jen.Id("path"):   pathExpr(op),
		jen.Id("accept"): jen.Lit(accept),
	}
	operationFields(req, op)
	// The query and header maps are made by the first parameter set (see
	// addQuery): a call that sets none allocates none.
	if len(op.FixedQuery) > 0 {
		req[jen.Id("query")] = queryLiteral(op.FixedQuery)
	}
	if op.Body != nil {
		switch op.Body.Encoding {
		case ir.EncodingJSON:
			req[jen.Id("body")] = jen.Id("body")
			if op.Body.ContentType != "application/json" {
				req[jen.Id("contentType")] = jen.Lit(op.Body.ContentType)
			}
		case ir.EncodingMultipart:
			req[jen.Id("form")] = jen.Id("body").Dot("formFields")
			req[jen.Id("multipart")] = jen.True()
			if len(op.Body.PartTypes) > 0 {
				types := url.Values{}
				for _, p := range op.Body.PartTypes {
					types.Set(p.Name, p.ContentType)
				}
				req[jen.Id("partTypes")] = jen.Lit(types.Encode())
			}
			formStyles(req, op.Body)
		case ir.EncodingForm:
			req[jen.Id("form")] = jen.Id("body").Dot("formFields")
			formStyles(req, op.Body)
		case ir.EncodingRaw:
			req[jen.Id("raw")] = jen.Id("body")
			req[jen.Id("contentType")] = jen.Lit(op.Body.ContentType)
		}
	}
	if stream {
		req[jen.Id("stream")] = jen.True()
	}
	g.Id("req").Op(":=").Id("request").Values(req)
	for _, p := range op.QueryParams {
		g.Add(setParam(p, "addQuery", jen.Op("&").Id("req").Dot("query"), fail))
	}
	for _, p := range op.HeaderParams {
		g.Add(setParam(p, "addHeader", jen.Op("&").Id("req").Dot("header"), fail))
	}
	for _, p := range op.CookieParams {
		g.Add(setParam(p, "addCookie", jen.Op("&").Id("req").Dot("header"), fail))
	}
}

// emitStreamMethod writes the method that asks for server-sent events and
// returns them as a typed Stream.
func emitStreamMethod(f *jen.File, op *ir.Operation) {
	s := op.Stream
	event := goType(s.Decoder.Type)
	doc := s.Method + " is " + op.Name + " answered as a stream of server-sent events"
	if s.Lines {
		doc = s.Method + " is " + op.Name + " answered as a stream of JSON Lines, one value a line"
	}
	if s.Flag != nil {
		doc += " (it sets " + s.Flag.JSONName + ": true)"
	}
	commentText(f, doc+".")
	f.Comment("The request is sent before it returns; a failure to start the stream is")
	f.Comment("the stream's Err. A stream that has started is never retried.")
	newStream := "newStream"
	if s.Lines {
		newStream = "newLineStream"
	}
	failStream := []jen.Code{jen.Id(newStream).Types(event).Call(jen.Nil(), jen.Nil(), jen.Err())}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(s.Method).Params(methodParams(op)...).Op("*").Id("Stream").Types(event).BlockFunc(func(g *jen.Group) {
		if s.Flag != nil {
			value := jen.True()
			if s.Flag.Type.Kind == ir.ExprOpt {
				value = jen.Id("Some").Call(jen.True())
			}
			g.Id("body").Dot(s.Flag.Name).Op("=").Add(value)
		}
		buildRequest(g, op, s.Accept, true, failStream)
		g.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("send").Call(jen.Id("ctx"), jen.Id("req"), jen.Id("opts"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(failStream...))
		g.Return(jen.Id(newStream).Call(jen.Id("resp").Dot("Body"), jen.Id(s.Decoder.Func), jen.Nil()))
	})
}

// fieldValue reads a field, unwrapping Opt.
func fieldValue(v *jen.Statement, f *ir.Field) *jen.Statement {
	if f.Type.Kind == ir.ExprOpt {
		return v.Clone().Dot(f.Name).Dot("Value").Call()
	}
	return v.Clone().Dot(f.Name)
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
		before, after, ok := strings.Cut(rest, "{"+p.Name+"}")
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
func queryLiteral(fixed []ir.QueryValue) jen.Code {
	dict := jen.Dict{}
	for _, q := range fixed {
		var vs []jen.Code
		for _, v := range q.Values {
			vs = append(vs, jen.Lit(v))
		}
		dict[jen.Lit(q.Name)] = jen.Values(vs...)
	}
	return jen.Qual("net/url", "Values").Values(dict)
}

// setParam adds one query or header parameter, when set.
func setParam(p *ir.Param, helper string, dst jen.Code, fail []jen.Code) jen.Code {
	add := func(value jen.Code) jen.Code {
		if p.JSON {
			value = jen.Id("jsonParam").Values(jen.Dict{jen.Id("v"): value})
		}
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

// emitKeys writes how many API keys a client holds (the main one and one
// per scheme some operations ask for instead), the environment variables
// NewClient reads them from, and an Option per other scheme.
func emitKeys(f *jen.File, api *ir.API) {
	f.Comment("authKeys is how many API keys a Client holds: the main one, and one per")
	f.Comment("scheme some operations ask for instead of it.")
	f.Const().Id("authKeys").Op("=").Lit(1 + len(api.Keys))
	f.Comment("keyEnvs are the environment variables NewClient reads the keys from.")
	f.Func().Id("keyEnvs").Params().Index(jen.Id("authKeys")).String().Block(
		jen.Return(jen.Index(jen.Id("authKeys")).String().ValuesFunc(func(g *jen.Group) {
			g.Id("apiKeyEnv")
			for _, k := range api.Keys {
				g.Lit(k.EnvVar)
			}
		})),
	)
	for i, k := range api.Keys {
		ops := strings.Join(k.Ops, ", ")
		if len(k.Ops) > 3 {
			ops = fmt.Sprintf("%s and %d more", strings.Join(k.Ops[:3], ", "), len(k.Ops)-3)
		}
		doc := fmt.Sprintf("%s sets the key sent with the operations whose spec asks for the %s scheme "+
			"(%s), in place of WithAPIKey's, and sent the same way; while it is not set, they send WithAPIKey's.",
			k.Option, k.Scheme, ops)
		if k.EnvVar != "" {
			doc += fmt.Sprintf(" NewClient reads it from $%s.", k.EnvVar)
		}
		f.Line()
		docComment(f, k.Option, doc)
		f.Func().Id(k.Option).Params(jen.Id("key").String()).Id("Option").Block(
			jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Block(
				jen.Id("c").Dot("auth").Index(jen.Lit(i + 1)).Op("=").Id("authValue").Call(jen.Id("key")),
			)),
		)
	}
}

// formStyles sets the request's formStyles to body's field styles, if it
// has any.
func formStyles(req jen.Dict, body *ir.Body) {
	if len(body.FieldStyles) == 0 {
		return
	}
	styles := url.Values{}
	for _, f := range body.FieldStyles {
		styles.Set(f.Name, f.Style)
	}
	req[jen.Id("formStyles")] = jen.Lit(styles.Encode())
}
