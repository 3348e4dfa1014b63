package gen

import (
	"cmp"
	"errors"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/diag"
	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// builder walks a loaded document and makes every decision the emitter
// needs. It is used once per Generate call.
type builder struct {
	doc *openapi3.T
	// pos, when the document was loaded without origins, gives the lines
	// that order struct fields; unplaced notes a property it had none for,
	// and then buildAt fails with errUnplaced, so Prepare builds again
	// from a document with origins.
	pos      *positions
	unplaced bool
	cfg      Config
	errs     diag.List
	names    *naming.Namespace
	// comps holds every component schema, declared up front in sorted order
	// so their Go names do not depend on which operations are included.
	comps map[string]*component
	// inline holds the named types made for inline schemas, by schema
	// identity, so a schema reached twice is one type.
	inline map[*openapi3.Schema]*ir.Type
	// external holds the named types made for schemas in other files, and
	// externalComps the components that are such a schema, both by the
	// schema's absolute location: the loader gives each reference to a
	// file its own copy of the schema, but a schema written once is one
	// type.
	external      map[string]*ir.Type
	externalComps map[string]string
	// root is the spec's own file, as the loader names locations.
	root string
	// locations holds the location of each copy of another file's schema
	// met so far, so namedType files the type it makes under it.
	locations map[*openapi3.Schema]string
	types     []*ir.Type
	// decoders and streams are the stream decoders, by event type and in
	// order of creation; errorTypes the operations' error schemas.
	decoders   map[*ir.Type]*ir.StreamDecoder
	streams    []*ir.StreamDecoder
	errorTypes map[*ir.Type]bool
	errorSets  map[string]*ir.ErrorSet // by what they hold
	// mainAuth is how the API key is sent (API.Auth).
	mainAuth *ir.Auth
}

// component is a schema under #/components/schemas.
type component struct {
	name     string
	ref      *openapi3.SchemaRef
	t        *ir.Type
	started  bool
	nullable bool
}

const componentPrefix = "#/components/schemas/"

// errUnplaced is buildAt's answer when positions could not place a
// property: the document must be built from origins instead.
var errUnplaced = errors.New("a property positions cannot place")

func build(doc *openapi3.T, cfg Config) (*ir.API, error) {
	return buildAt(doc, nil, cfg)
}

// buildAt is build for a document loaded without origins (see loadFast):
// pos says where its struct members are written.
func buildAt(doc *openapi3.T, pos *positions, cfg Config) (*ir.API, error) {
	b := &builder{
		doc:           doc,
		pos:           pos,
		cfg:           cfg,
		names:         naming.NewNamespace(templateNames()...),
		comps:         map[string]*component{},
		inline:        map[*openapi3.Schema]*ir.Type{},
		external:      map[string]*ir.Type{},
		externalComps: map[string]string{},
		locations:     map[*openapi3.Schema]string{},
		decoders:      map[*ir.Type]*ir.StreamDecoder{},
		errorTypes:    map[*ir.Type]bool{},
		errorSets:     map[string]*ir.ErrorSet{},
	}
	if abs, err := filepath.Abs(cfg.Spec); err == nil {
		b.root = filepath.ToSlash(abs)
	}
	polymorphicBases(doc)
	b.declareComponents()
	b.checkConfigNames()
	api := &ir.API{Package: cfg.Package, Doc: packageDoc(cfg.Package, doc.Info)}
	api.BaseURL = baseURL(doc)
	api.Auth = b.auth()
	b.mainAuth = api.Auth
	api.Operations = b.operations()
	api.Keys = b.keys(api.Operations)
	for _, name := range sortedKeys(cfg.Headers) {
		api.Headers = append(api.Headers, ir.Header{Name: name, Value: cfg.Headers[name]})
	}
	if len(cfg.IncludeOps) == 0 {
		for _, name := range sortedKeys(b.comps) {
			b.component(name)
		}
		b.webhooks()
	}
	breakAliasCycles(b.types)
	breakCycles(b.types)
	openResponseTypes(b.types, api.Operations)
	tagFields(b.types)
	if pos != nil && pos.swagger { // say where the original writes each type
		for _, t := range b.types {
			t.Pointer = swaggerPointer(pos.root, t.Pointer)
		}
	}
	api.Types = slices.Clone(b.types)
	slices.SortFunc(api.Types, func(a, c *ir.Type) int { return cmp.Compare(a.Name, c.Name) })
	markZeroMethods(api.Types)
	api.Streams = slices.Clone(b.streams)
	slices.SortFunc(api.Streams, func(a, c *ir.StreamDecoder) int { return cmp.Compare(a.Func, c.Func) })
	for t := range b.errorTypes {
		api.ErrorTypes = append(api.ErrorTypes, t)
	}
	slices.SortFunc(api.ErrorTypes, func(a, c *ir.Type) int { return cmp.Compare(a.Name, c.Name) })
	api.ErrorSets = b.nameErrorSets(api.Operations)
	api.Readers = b.readers(api)
	if b.unplaced {
		return nil, errUnplaced
	}
	if err := b.errs.Err(); err != nil {
		return nil, err
	}
	return api, nil
}

func (b *builder) declareComponents() {
	if b.doc.Components == nil {
		return
	}
	var names []string
	for _, name := range sortedKeys(b.doc.Components.Schemas) {
		if !bundledSchema(b.doc, name) {
			names = append(names, name)
		}
	}
	short := shortNames(names)
	for _, name := range names {
		sr := b.doc.Components.Schemas[name]
		goName := b.cfg.Names[name]
		if goName == "" && sr != nil && sr.Value != nil {
			goName = extString(extGoName, sr.Extensions, sr.Value.Extensions)
		}
		if goName == "" && !b.names.Taken(short[name]) {
			goName = short[name]
		}
		if goName == "" {
			goName = naming.Exported(name)
		}
		if goName == "" {
			goName = "Schema"
		}
		c := &component{
			name: name,
			ref:  sr,
			t:    &ir.Type{Name: b.names.Claim(goName), Pointer: componentPrefix + escapeToken(name)},
		}
		b.comps[name] = c
		if key := b.externalKey(sr); key != "" {
			if _, taken := b.externalComps[key]; !taken {
				b.externalComps[key] = name
			}
		}
	}
	for _, name := range sortedKeys(b.comps) {
		b.comps[name].nullable = b.refNullable(b.comps[name].ref, map[string]bool{})
	}
}

// shortNames gives the components named like a namespace path
// (io.k8s.api.apps.v1.Deployment, conversations.v1.conversation: three
// dotted parts or more) the Go name of their last part (Deployment,
// Conversation), when no other component's name, short or whole, is the
// same; the others keep their whole name, as the rest do.
func shortNames(names []string) map[string]string {
	count := map[string]int{}
	short := map[string]string{}
	for _, name := range names {
		count[naming.Exported(name)]++
		if parts := strings.Split(name, "."); len(parts) >= 3 {
			if s := naming.Exported(parts[len(parts)-1]); s != "" && s != naming.Exported(name) {
				short[name] = s
				count[s]++
			}
		}
	}
	for name, s := range short {
		if count[s] > 1 {
			delete(short, name)
		}
	}
	return short
}

// component returns the component's type, building it on first use.
func (b *builder) component(name string) *component {
	c := b.comps[name]
	if c == nil || c.started {
		return c
	}
	c.started = true
	override := goTypeOverride(c.ref)
	if ref := b.cfg.Types[name]; ref != "" {
		override = externalType(ref, "")
	}
	switch {
	case override != nil:
		c.t.Kind, c.t.Target = ir.KindAlias, override
		if c.ref != nil {
			c.t.Doc, c.t.Notes = docText(c.ref.Value), notes(c.ref.Value)
		}
	case c.ref == nil || c.ref.Value == nil:
		if c.ref != nil && c.ref.Ref != "" {
			// The loader leaves a reference empty when references lead
			// only to each other (C: $ref D, D: $ref C).
			b.errs.Add(b.specLoc(c.t.Pointer, c.ref.Origin), "$ref %q leads to no schema: the references it goes through lead back to it", c.ref.Ref)
		} else {
			b.errs.Add(b.specLoc(c.t.Pointer, nil), "schema has no value")
		}
		c.t.Kind, c.t.Target = ir.KindAlias, rawExpr()
	default:
		b.defineNamed(c.t, c.ref, c.t.Pointer)
	}
	b.types = append(b.types, c.t)
	return c
}

// refComponent returns NAME when sr's $ref, as the spec wrote it (see
// refText), is the local reference #/components/schemas/NAME.
func refComponent(sr *openapi3.SchemaRef) (string, bool) {
	ref, ok := strings.CutPrefix(refText(sr), componentPrefix)
	if !ok {
		return "", false
	}
	name := unescapeToken(ref)
	return name, !strings.Contains(name, "/")
}

// refNullable reports whether a schema reference admits null, following
// references to components.
func (b *builder) refNullable(sr *openapi3.SchemaRef, seen map[string]bool) bool {
	if sr == nil || sr.Value == nil {
		return false
	}
	if shapeOf(sr.Value).nullable {
		return true
	}
	if name, ok := refComponent(sr); ok && !seen[name] {
		seen[name] = true
		if c := b.comps[name]; c != nil && c.ref != sr {
			return b.refNullable(c.ref, seen)
		}
	}
	return false
}

// baseURL is the first server's URL with its variables at their defaults.
func baseURL(doc *openapi3.T) string {
	return serverURL(doc.Servers)
}

// serverURL is the first of servers' URL with its variables at their
// defaults, "" when there is none.
func serverURL(servers openapi3.Servers) string {
	if len(servers) == 0 || servers[0] == nil {
		return ""
	}
	s := servers[0]
	u := s.URL
	for _, name := range sortedKeys(s.Variables) {
		if v := s.Variables[name]; v != nil {
			u = strings.ReplaceAll(u, "{"+name+"}", v.Default)
		}
	}
	return strings.TrimRight(u, "/")
}

// operationServer is the server an operation's requests go to when its
// own servers (or its path item's) name one other than the document's:
// Box's uploads and downloads, DigitalOcean's inference API. A server the
// client could not reach as written (a variable without a usable default,
// as GitHub's {origin}, or no host, as a presigned upload's "https://") is
// left to the caller's WithRequestBaseURL; "" otherwise.
func operationServer(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation) string {
	servers := item.Servers
	if op.Servers != nil && len(*op.Servers) > 0 {
		servers = *op.Servers
	}
	own, docBase := serverURL(servers), baseURL(doc)
	if own == "" || own == docBase {
		return ""
	}
	u, err := url.Parse(own)
	if err != nil || strings.ContainsAny(own, "{}") {
		return ""
	}
	if !u.IsAbs() { // relative to the document's server
		base, err := url.Parse(docBase + "/")
		if err != nil || !base.IsAbs() {
			return ""
		}
		u = base.ResolveReference(u)
	}
	if u.Host == "" {
		return ""
	}
	return strings.TrimRight(u.String(), "/")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func escapeToken(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}

func unescapeToken(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
}

func rawExpr() *ir.Expr { return &ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.Raw} }

func builtinExpr(b ir.Builtin) *ir.Expr { return &ir.Expr{Kind: ir.ExprBuiltin, Builtin: b} }

func namedExpr(t *ir.Type) *ir.Expr { return &ir.Expr{Kind: ir.ExprNamed, Named: t} }

func optExpr(e *ir.Expr) *ir.Expr { return &ir.Expr{Kind: ir.ExprOpt, Elem: e} }
