package gen

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/diag"
	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// clientMethods are the Client's own methods; operations named like them
// get a suffix.
var clientMethods = []string{"String"}

// argNames are the method arguments every operation method has.
var argNames = []string{"ctx", "body", "params", "opts", "c"}

// operations builds every operation (or those named in cfg.IncludeOps), in
// path and method order, and reports included ids that do not exist.
func (b *builder) operations() []*ir.Operation {
	include := map[string]bool{}
	for _, id := range b.cfg.IncludeOps {
		include[id] = true
	}
	found := map[string]bool{}
	methods := naming.NewNamespace(clientMethods...)
	var ops []*ir.Operation
	var pending []pendingBodies
	if b.doc.Paths == nil {
		return nil
	}
	paths := b.doc.Paths.Map()
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		if item == nil {
			continue
		}
		itemOps := item.Operations()
		for _, method := range sortedKeys(itemOps) {
			op := itemOps[method]
			if !b.keepOperation(op) {
				continue
			}
			found[op.OperationID] = true
			ops = append(ops, b.operation(path, method, item, op, methods, &pending))
		}
	}
	for _, p := range pending {
		ops = append(ops, b.alternateOps(p, methods)...)
	}
	for _, id := range sortedKeys(include) {
		if !found[id] {
			b.errs.Add(b.specLoc("#/paths", b.doc.Paths.Origin), "-include-ops names operation %q, which the spec does not have", id)
		}
	}
	slices.SortFunc(ops, func(a, c *ir.Operation) int { return cmp.Compare(a.Name, c.Name) })
	return ops
}

// operation builds op, and adds to pending the other ways it takes its
// body, if any (see alternateOps).
func (b *builder) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation, methods *naming.Namespace, pending *[]pendingBodies) *ir.Operation {
	ptr := diag.Pointer("#/paths", path, strings.ToLower(method))
	name := b.cfg.OperationNames[op.OperationID]
	if name == "" {
		name = extString(extGoName, op.Extensions)
	}
	if name == "" {
		name = naming.Exported(op.OperationID)
	}
	if name == "" {
		name = naming.Exported(strings.ToLower(method) + " " + path)
	}
	o := &ir.Operation{
		Name:   methods.Claim(name),
		ID:     op.OperationID,
		Method: strings.ToUpper(method),
		Path:   path,
		Doc:    operationDoc(op),
		// A method asks for JSON unless its result says otherwise (see
		// responses).
		Result: &ir.Response{ContentType: "application/json"},
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		o.Path, o.RawQuery = path[:i], path[i+1:]
		values, err := url.ParseQuery(o.RawQuery)
		if err != nil {
			b.errs.Add(b.specLoc(ptr, op.Origin), "the query in path key %q does not parse: %v", path, err)
		}
		for _, name := range sortedKeys(values) {
			o.FixedQuery = append(o.FixedQuery, ir.QueryValue{Name: name, Values: values[name]})
		}
	}
	if b.misplacedRefs(op, ptr) {
		return o
	}
	o.BaseURL = operationServer(b.doc, item, op)
	// security: [] says the operation takes no credentials (a presigned
	// upload, whose signature an Authorization header breaks, or a login):
	// the key is not sent, nor leaked to another host.
	o.NoAuth = op.Security != nil && len(*op.Security) == 0
	b.operationKey(o, op)
	b.parameters(o, ptr, item, op)
	alternates := b.requestBody(o, ptr, op)
	events := b.responses(o, ptr, op)
	if sc, ok := b.cfg.Streaming[op.OperationID]; ok {
		events = &eventStream{typ: b.configuredEvents(o, ptr, sc), accept: sseMedia}
	}
	if events != nil && events.typ != nil {
		flag := "stream"
		if sc, ok := b.cfg.Streaming[op.OperationID]; ok && sc.Flag != "" {
			flag = sc.Flag
		}
		o.Stream = &ir.Stream{
			Method:  methods.Claim(o.Name + "Stream"),
			Decoder: b.streamDecoder(events.typ, events.text),
			Accept:  events.accept,
			Lines:   events.accept != sseMedia,
			Flag:    bodyFlag(o, flag),
		}
	}
	o.Errors = b.errorSet(o, ptr, op)
	if pages := findPages(o); pages != nil {
		pages.Method = methods.Claim(o.Name + "All")
		o.Pages = pages
	}
	if len(alternates) > 0 {
		*pending = append(*pending, pendingBodies{o, ptr, alternates})
	}
	return o
}

// configuredEvents is the event type config names for an operation whose
// spec does not declare its stream.
func (b *builder) configuredEvents(o *ir.Operation, ptr string, sc StreamConfig) *ir.Expr {
	c := b.comps[sc.Schema]
	if c == nil {
		b.errs.Add(b.specLoc(ptr, nil), "streaming config for %s names schema %q, which the spec does not have", o.ID, sc.Schema)
		return nil
	}
	return namedExpr(b.component(sc.Schema).t)
}

// bodyFlag is the body's boolean field named flag, which the streaming
// method sets to true.
func bodyFlag(o *ir.Operation, flag string) *ir.Field {
	if o.Body == nil || o.Body.Type == nil || o.Body.Type.Kind != ir.ExprNamed || o.Body.Type.Named.Struct == nil {
		return nil
	}
	for _, f := range o.Body.Type.Named.Struct.Fields {
		inner := f.Type
		if inner.Kind == ir.ExprOpt {
			inner = inner.Elem
		}
		if f.JSONName == flag && inner.Kind == ir.ExprBuiltin && inner.Builtin == ir.Bool {
			return f
		}
	}
	return nil
}

func unwrapOpt(e *ir.Expr) *ir.Expr {
	if e.Kind == ir.ExprOpt {
		return e.Elem
	}
	return e
}

func isSlice(e *ir.Expr) bool { return e.Kind == ir.ExprSlice }

func isBuiltin(bt ir.Builtin) func(*ir.Expr) bool {
	return func(e *ir.Expr) bool { return e.Kind == ir.ExprBuiltin && e.Builtin == bt }
}

// structField finds the field with JSON name name whose type (inside Opt)
// passes ok.
func structField(st *ir.Struct, name string, ok func(*ir.Expr) bool) *ir.Field {
	for _, f := range st.Fields {
		if f.JSONName == name && ok(unwrapOpt(f.Type)) {
			return f
		}
	}
	return nil
}

// parameters sorts the operation's parameters into path arguments (in
// template order) and a params struct for query and header parameters.
func (b *builder) parameters(o *ir.Operation, ptr string, item *openapi3.PathItem, op *openapi3.Operation) {
	type located struct {
		p   *openapi3.Parameter
		ptr string
	}
	var all []located
	index := map[string]int{}
	add := func(params openapi3.Parameters, base string) {
		for i, pr := range params {
			if pr == nil || pr.Value == nil {
				continue
			}
			key := pr.Value.In + "\x00" + pr.Value.Name
			l := located{pr.Value, base + "/parameters/" + strconv.Itoa(i)}
			if j, ok := index[key]; ok {
				all[j] = l // the operation's own parameter overrides the path item's
				continue
			}
			index[key] = len(all)
			all = append(all, l)
		}
	}
	add(item.Parameters, ptr[:strings.LastIndexByte(ptr, '/')])
	add(op.Parameters, ptr)
	// The locals a method declares beside its arguments are theirs too: a
	// path parameter named out, err or p1 made code that did not compile
	// (go-swagger's guard-formats fixture has {p0}/{p1}).
	reserved := append(slices.Clone(argNames), "req", "out", "err", "resp")
	for i := range strings.Count(o.Path, "{") + 1 {
		reserved = append(reserved, pathVar(i))
	}
	args := naming.NewNamespace(reserved...)
	fields := naming.NewNamespace()
	for _, l := range all {
		p := l.p
		param := &ir.Param{Name: p.Name, Required: p.Required || p.In == openapi3.ParameterInPath, Doc: paramDoc(p), Style: p.Style}
		if param.Style == "" {
			param.Style = map[string]string{openapi3.ParameterInQuery: "form", openapi3.ParameterInCookie: "form"}[p.In]
		}
		if param.Style == "" {
			param.Style = "simple"
		}
		// OpenAPI: explode defaults to true for form style only.
		param.Explode = param.Style == "form"
		if p.Explode != nil {
			param.Explode = *p.Explode
		}
		schema, sptr := p.Schema, l.ptr+"/schema"
		text := false
		if schema == nil && len(p.Content) == 1 {
			// content: {media type: {schema}}: the value travels as JSON
			// text, or for text/plain as its own text, which is what the
			// default style makes of a scalar.
			if ct, mt := jsonMediaType(p.Content); mt != nil && mt.Schema != nil {
				schema, sptr, param.JSON = mt.Schema, l.ptr+"/content/"+escapeToken(ct)+"/schema", true
			} else if mt := p.Content["text/plain"]; mt != nil && mt.Schema != nil {
				schema, sptr, text = mt.Schema, l.ptr+"/content/text~1plain/schema", true
			}
		}
		if schema == nil && len(p.Content) == 0 {
			schema = swaggerParamSchema(p, param)
		}
		if schema == nil {
			b.errs.Add(b.loc(l.ptr, p.Origin), "parameter %q has neither a schema nor one JSON or text/plain media type", p.Name)
			continue
		}
		if schema.Value != nil {
			param.Default = schema.Value.Default
		}
		e, _ := b.schemaExpr(schema, o.Name+naming.Exported(p.Name), sptr, nil)
		if text && !isScalar(e) {
			b.errs.Add(b.loc(l.ptr, p.Origin), "text/plain parameter %q must be a string, number, integer or boolean", p.Name)
			continue
		}
		if !param.JSON && isBuiltin(ir.Object)(resolveAlias(e)) {
			// Styled (form, deepObject, ...) a free-form object is its
			// members, which the runtime reads from a map.
			e = &ir.Expr{Kind: ir.ExprMap, Elem: rawExpr()}
		}
		param.Type = e
		switch p.In {
		case openapi3.ParameterInPath:
			param.GoName = args.Claim(orDefault(naming.Unexported(p.Name), "param"))
			o.PathParams = append(o.PathParams, param)
		case openapi3.ParameterInQuery:
			param.GoName = fields.Claim(orDefault(naming.Exported(p.Name), "Param"))
			o.QueryParams = append(o.QueryParams, param)
		case openapi3.ParameterInHeader:
			param.GoName = fields.Claim(orDefault(naming.Exported(p.Name), "Header"))
			o.HeaderParams = append(o.HeaderParams, param)
		case openapi3.ParameterInCookie:
			param.GoName = fields.Claim(orDefault(naming.Exported(p.Name), "Cookie"))
			o.CookieParams = append(o.CookieParams, param)
		default:
			b.errs.Add(b.loc(l.ptr, p.Origin), "%s parameters are not supported yet", p.In)
		}
	}
	o.Path = normalizePlaceholders(o.Path)
	// A template variable the spec does not declare (a common slip) would
	// be sent as its literal "{postId}": it becomes a string argument.
	for _, m := range placeholder.FindAllStringSubmatch(o.Path, -1) {
		if !slices.ContainsFunc(o.PathParams, func(p *ir.Param) bool { return p.Name == m[1] }) {
			o.PathParams = append(o.PathParams, &ir.Param{
				Name: m[1], GoName: args.Claim(orDefault(naming.Unexported(m[1]), "param")),
				Type: builtinExpr(ir.String), Required: true, Style: "simple",
			})
			o.Doc = joinParagraphs(o.Doc, fmt.Sprintf("Sends path parameter %s, which the spec does not declare, as a string.", m[1]))
		}
	}
	slices.SortStableFunc(o.PathParams, func(a, c *ir.Param) int {
		return cmp.Compare(strings.Index(o.Path, "{"+a.Name+"}"), strings.Index(o.Path, "{"+c.Name+"}"))
	})
	for _, p := range o.PathParams {
		if !strings.Contains(o.Path, "{"+p.Name+"}") {
			b.errs.Add(b.specLoc(ptr, op.Origin), "path parameter %q does not appear in the path", p.Name)
		}
	}
	if len(o.QueryParams)+len(o.HeaderParams)+len(o.CookieParams) > 0 {
		o.ParamsName = b.names.Claim(o.Name + "Params")
	}
}

// misplacedRefs reports every part of op that is a $ref where OpenAPI
// allows none: the operation itself and the media types of its parameters,
// request body and responses. kin-openapi keeps such a $ref among the
// object's extensions and loads the object empty, so building from it
// would lose its parameters, body or schema without a word; an operation
// with one is not built. It reports whether there was any.
func (b *builder) misplacedRefs(op *openapi3.Operation, ptr string) bool {
	found := false
	check := func(what string, ext map[string]any, ptr string, origin *openapi3.Origin) {
		if ref, ok := ext["$ref"]; ok {
			b.errs.Add(b.specLoc(ptr, origin), "the %s is a $ref (to %v), which OpenAPI does not allow here: inline it, or bundle the spec first (redocly bundle does)", what, ref)
			found = true
		}
	}
	check("operation", op.Extensions, ptr, op.Origin)
	eachContent(op, ptr, func(c openapi3.Content, ptr string) {
		for _, name := range sortedKeys(c) {
			if mt := c[name]; mt != nil {
				check("media type", mt.Extensions, ptr+"/"+escapeToken(name), mt.Origin)
			}
		}
	})
	return found
}

// eachContent calls f with each content map of op, its parameters', its
// request body's and its responses', at its JSON pointer under ptr (the
// operation's).
func eachContent(op *openapi3.Operation, ptr string, f func(c openapi3.Content, ptr string)) {
	for i, p := range op.Parameters {
		if p != nil && p.Value != nil {
			f(p.Value.Content, ptr+"/parameters/"+strconv.Itoa(i)+"/content")
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		f(op.RequestBody.Value.Content, ptr+"/requestBody/content")
	}
	if op.Responses != nil {
		codes := op.Responses.Map()
		for _, code := range sortedKeys(codes) {
			if r := codes[code]; r != nil && r.Value != nil {
				f(r.Value.Content, ptr+"/responses/"+code+"/content")
			}
		}
	}
}

// isScalar reports a string, number, integer or boolean, or an enum of
// one: a value with a text of its own.
func isScalar(e *ir.Expr) bool {
	e = resolveAlias(e)
	switch e.Kind {
	case ir.ExprBuiltin:
		switch e.Builtin {
		case ir.String, ir.Int64, ir.Int32, ir.Float64, ir.Bool:
			return true
		}
	case ir.ExprNamed:
		return e.Named.Kind == ir.KindEnum
	}
	return false
}

// jsonMediaType picks the JSON entry of a content map: application/json, or
// else the first (by name) media type ending in +json. A JSON Patch (RFC
// 6902) is a list of operations: for an object it comes last, so that
// Kubernetes' patch calls send their object as a merge patch, which the
// server takes, rather than as a JSON Patch, which it rejects.
func jsonMediaType(content openapi3.Content) (string, *openapi3.MediaType) {
	if mt := content["application/json"]; mt != nil {
		return "application/json", mt
	}
	for _, listsLast := range []bool{true, false} {
		for _, name := range sortedKeys(content) {
			if isJSONMedia(name) && !(listsLast && isPatchList(name, content[name])) {
				return name, content[name]
			}
		}
	}
	// A wildcard whose schema is an object or an array is taken for JSON:
	// Kubernetes writes its request bodies so (*/* of a Deployment), and
	// springdoc its responses. It is sent and asked for as JSON (sentAs).
	// A string there is the bytes themselves (GitHub's release asset).
	for _, name := range sortedKeys(content) {
		if mt := content[name]; isWildcard(name) && mt != nil && mt.Schema != nil && mt.Schema.Value != nil && isStructured(mt.Schema.Value) {
			return name, mt
		}
	}
	return "", nil
}

// isPatchList reports whether a media type is a JSON Patch whose schema is
// not the list of operations one is.
func isPatchList(ct string, mt *openapi3.MediaType) bool {
	return mediaBase(ct) == "application/json-patch+json" && (mt == nil || mt.Schema == nil || mt.Schema.Value == nil || !mt.Schema.Value.Type.Is("array"))
}

// isWildcard reports whether a media type is */* or application/*.
func isWildcard(ct string) bool {
	base := mediaBase(ct)
	return base == "*/*" || base == "application/*"
}

// isStructured reports whether s describes an object or an array (of its
// own type, or through its properties, items or composition).
func isStructured(s *openapi3.Schema) bool {
	sh := shapeOf(s)
	if len(sh.types) > 0 {
		return slices.ContainsFunc(sh.types, func(t string) bool { return t == openapi3.TypeObject || t == openapi3.TypeArray })
	}
	return sh.hasProperties() || s.Items != nil || len(sh.allOf) > 0 || len(sh.variants) > 0
}

// sentAs is the media type a body of the content type ct (one
// jsonMediaType picked) is sent or asked for as: JSON for a wildcard.
func sentAs(ct string) string {
	if isWildcard(ct) {
		return "application/json"
	}
	return ct
}

// mediaBase is a media type without its parameters, in lower case.
func mediaBase(ct string) string {
	base, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(base))
}

// isJSONMedia reports whether a media type is JSON: application/json, or
// one ending in +json.
func isJSONMedia(ct string) bool {
	base := mediaBase(ct)
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

// sseMedia is the media type of server-sent events.
const sseMedia = "text/event-stream"

// isLineMedia reports whether a media type is JSON Lines, one JSON text
// per line, which a response can also stream (Ollama's NDJSON). JSON text
// sequences (application/json-seq) are not: a text there may span lines.
func isLineMedia(ct string) bool {
	switch mediaBase(ct) {
	case "application/jsonl", "application/x-ndjson":
		return true
	}
	return false
}

// eventStream is what a response says of the stream it can be: the type of
// each event, whether events are text rather than JSON (see sseItems), and
// the media type to ask for.
type eventStream struct {
	typ    *ir.Expr
	text   bool
	accept string
}

// responses picks the success response: the lowest 2xx status (a 2XX range
// counts as 200). It returns the stream that response can also be, as
// server-sent events or JSON Lines; nil when it cannot.
func (b *builder) responses(o *ir.Operation, ptr string, op *openapi3.Operation) *eventStream {
	if op.Responses == nil {
		return nil
	}
	codes := op.Responses.Map()
	var success string
	for _, code := range sortedKeys(codes) {
		if strings.HasPrefix(code, "2") {
			success = code
			break
		}
	}
	if d := codes["default"]; len(codes) == 1 && d != nil && d.Value != nil && len(d.Value.Content) > 0 {
		// A default with a body, and no other response: the success
		// comes through it ("default: successful operation", as in the
		// Swagger petstore's createUser), so its body is the result
		// rather than thrown away. Beside other responses (errors but no
		// 2xx: DigitalOcean's retired endpoints) it stays an error.
		success = "default"
	}
	if success == "" {
		return nil
	}
	r := codes[success]
	if r == nil || r.Value == nil {
		return nil
	}
	rptr := ptr + "/responses/" + success + "/content/"
	if ct, mt := jsonMediaType(r.Value.Content); mt != nil {
		o.Result.ContentType = sentAs(ct)
		o.Result.Type = rawExpr()
		if mt.Schema != nil {
			o.Result.Type, _ = b.schemaExpr(mt.Schema, o.Name+"Response", rptr+escapeToken(ct)+"/schema", nil)
		}
		e := o.Result.Type
		o.Result.Pointer = e.Kind == ir.ExprNamed && (e.Named.Kind == ir.KindStruct || e.Named.Kind == ir.KindUnion)
	}
	otherSuccesses(o.Result, codes, success)
	events := b.streamOf(r.Value.Content, o.Name+"Event", rptr)
	if o.Result.Type == nil {
		for _, ct := range sortedKeys(r.Value.Content) {
			if ct != sseMedia {
				// Audio, files, SDP: handed to the caller as a stream.
				o.Result.Binary, o.Result.ContentType = true, ct
				break
			}
		}
	}
	return events
}

// otherSuccesses notes, for a result decoded from JSON, the other 2xx
// statuses the spec gives no body and those whose JSON is of another
// schema: decoding them as the result would fail, or make a value of
// nothing.
func otherSuccesses(res *ir.Response, codes map[string]*openapi3.ResponseRef, success string) {
	if res.Type == nil {
		return
	}
	_, result := jsonMediaType(codes[success].Value.Content)
	for _, code := range sortedKeys(codes) {
		r := codes[code]
		if code == success || len(code) != 3 || code[0] != '2' || strings.ContainsAny(code, "xX") || r == nil || r.Value == nil {
			continue
		}
		if len(r.Value.Content) == 0 {
			if code != "204" && code != "205" {
				res.Empty = append(res.Empty, code)
			}
			continue
		}
		if _, mt := jsonMediaType(r.Value.Content); mt != nil && mt.Schema != nil && !sameSchema(mt.Schema, result.Schema) {
			res.Unlike = append(res.Unlike, code)
		}
	}
}

// sameSchema reports whether two schemas are one, or written alike.
func sameSchema(a, c *openapi3.SchemaRef) bool {
	if a == nil || c == nil {
		return a == c
	}
	text := schemaText(a)
	return a.Value == c.Value || text != "" && text == schemaText(c)
}

// schemaText is a schema as JSON (a reference as its $ref), by which
// copies of one schema written out in several places are known as one;
// "" when it cannot be written.
func schemaText(sr *openapi3.SchemaRef) string {
	b, err := json.Marshal(sr)
	if err != nil {
		return ""
	}
	return string(b)
}

// streamOf is the stream a response's content can be: server-sent events
// first, else JSON Lines. Each line of JSON Lines is described by an
// OpenAPI 3.2 itemSchema, or, as specs before 3.2 write it, by the schema
// (an array schema's items, when it describes the whole body).
func (b *builder) streamOf(content openapi3.Content, hint, rptr string) *eventStream {
	if mt := content[sseMedia]; mt != nil {
		es := &eventStream{accept: sseMedia}
		switch {
		case mt.ItemSchema != nil:
			es.typ, es.text = b.sseItems(mt.ItemSchema, hint, rptr+"text~1event-stream/itemSchema")
		case mt.Schema != nil:
			es.typ, _ = b.schemaExpr(mt.Schema, hint, rptr+"text~1event-stream/schema", nil)
		default:
			es.typ = rawExpr()
		}
		return es
	}
	for _, ct := range sortedKeys(content) {
		if !isLineMedia(ct) || content[ct] == nil {
			continue
		}
		mt, mptr := content[ct], rptr+escapeToken(ct)
		es := &eventStream{typ: rawExpr(), accept: ct}
		switch {
		case mt.ItemSchema != nil:
			es.typ, _ = b.schemaExpr(mt.ItemSchema, hint, mptr+"/itemSchema", nil)
		case mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Type.Is("array") && mt.Schema.Value.Items != nil:
			es.typ, _ = b.schemaExpr(mt.Schema.Value.Items, hint, mptr+"/schema/items", nil)
		case mt.Schema != nil:
			es.typ, _ = b.schemaExpr(mt.Schema, hint, mptr+"/schema", nil)
		}
		return es
	}
	return nil
}

var placeholder = regexp.MustCompile(`\{[.;]?([^{}*]+)\*?\}`)

// normalizePlaceholders writes RFC 6570 style placeholders ({param*},
// {.param}) as plain {param}; the parameter's style says how to expand it.
func normalizePlaceholders(path string) string {
	return placeholder.ReplaceAllString(path, "{$1}")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
