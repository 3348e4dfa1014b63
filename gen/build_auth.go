package gen

import (
	"cmp"
	"net/textproto"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// auth says how the API key is sent: HTTP bearer first; else the first
// API key sent in a header, else in the query, else in a cookie; else HTTP
// basic; else, with no scheme the client can send, a bearer token all the
// same. Its Scheme is the scheme of the spec that key stands for, of those
// sent that way: the one the document's own security names, else the one
// most operations ask for (the first by name, when none does).
func (b *builder) auth() *ir.Auth {
	bearer := &ir.Auth{EnvVar: b.cfg.APIKeyEnv, In: "header", Name: "Authorization", Prefix: "Bearer "}
	if b.doc.Components == nil {
		return bearer
	}
	var basic *ir.Auth
	keys := map[string]*ir.Auth{}
	var main *ir.Auth
	for _, name := range sortedKeys(b.doc.Components.SecuritySchemes) {
		a := b.sendsAs(name)
		switch {
		case a == nil:
		case a.Prefix == "Bearer ":
			main = cmp.Or(main, a)
		case a.Basic:
			basic = cmp.Or(basic, a)
		case keys[a.In] == nil:
			keys[a.In] = a
		}
	}
	main = cmp.Or(main, keys["header"], keys["query"], keys["cookie"], basic)
	if main == nil {
		return bearer
	}
	for _, req := range b.doc.Security {
		for _, name := range sortedKeys(req) {
			if a := b.sendsAs(name); a != nil && a.SentAs(main) {
				main.Scheme = name
				return main
			}
		}
	}
	// The document names none: the one most operations ask for.
	count := map[string]int{}
	var paths []string
	if b.doc.Paths != nil {
		paths = b.doc.Paths.InMatchingOrder()
	}
	for _, path := range paths {
		for _, op := range b.doc.Paths.Value(path).Operations() {
			if op.Security == nil {
				continue
			}
			for _, req := range *op.Security {
				for _, name := range sortedKeys(req) {
					if a := b.sendsAs(name); a != nil && a.SentAs(main) {
						count[name]++
					}
				}
			}
		}
	}
	for _, name := range sortedKeys(count) {
		if count[name] > count[main.Scheme] {
			main.Scheme = name
		}
	}
	return main
}

// sendsAs is how the client sends a key for security scheme name, nil for
// a scheme it does not send (OAuth, OpenID Connect, mutual TLS). An API
// key that is the Authorization header is, nearly always, a bearer token
// described in prose ("Bearer Token authentication"): sent as one.
func (b *builder) sendsAs(name string) *ir.Auth {
	s := b.doc.Components.SecuritySchemes[name]
	if s == nil || s.Value == nil {
		return nil
	}
	v := s.Value
	switch {
	case v.Type == "http" && strings.EqualFold(v.Scheme, "bearer"),
		v.Type == "apiKey" && v.In == "header" && strings.EqualFold(v.Name, "Authorization"):
		return &ir.Auth{Scheme: name, EnvVar: b.cfg.APIKeyEnv, In: "header", Name: "Authorization", Prefix: "Bearer "}
	case v.Type == "apiKey" && v.Name != "" && (v.In == "header" || v.In == "query" || v.In == "cookie"):
		a := &ir.Auth{Scheme: name, EnvVar: b.cfg.APIKeyEnv, In: v.In, Name: v.Name}
		if a.In == "header" {
			a.Name = textproto.CanonicalMIMEHeaderKey(a.Name)
		}
		return a
	case v.Type == "http" && strings.EqualFold(v.Scheme, "basic"):
		return &ir.Auth{Scheme: name, EnvVar: b.cfg.APIKeyEnv, In: "header", Name: "Authorization", Prefix: "Basic ", Basic: true}
	}
	return nil
}

// operationKey sets KeyScheme for an operation whose security (or the
// document's) asks for a scheme sent as the main key is but other than it:
// the operation then sends that scheme's key. It is the operation's own,
// so another way of sending its body (see alternateOps) keeps it. The first
// requirement the client can meet decides; one that names the main
// scheme keeps the main key.
func (b *builder) operationKey(o *ir.Operation, op *openapi3.Operation) {
	reqs := b.doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	if b.mainAuth.Scheme == "" || b.doc.Components == nil {
		return
	}
	for _, req := range reqs {
		names := sortedKeys(req)
		if slices.Contains(names, b.mainAuth.Scheme) {
			return
		}
		for _, name := range names {
			if a := b.sendsAs(name); a != nil && a.SentAs(b.mainAuth) {
				o.KeyScheme = name
				return
			}
		}
	}
}

// keys lists the schemes operations send in place of the main one, and
// numbers each operation's (Operation.Key).
func (b *builder) keys(ops []*ir.Operation) []*ir.Key {
	byScheme := map[string]*ir.Key{}
	for _, o := range ops {
		if name := o.KeyScheme; name != "" {
			k := byScheme[name]
			if k == nil {
				k = &ir.Key{Scheme: name, EnvVar: b.cfg.KeyEnv[name]}
				byScheme[name] = k
			}
			k.Ops = append(k.Ops, o.Name)
		}
	}
	var out []*ir.Key
	index := map[string]int{}
	for _, name := range sortedKeys(byScheme) {
		k := byScheme[name]
		// WithAdminAPIKeyAuth; a scheme named like an Option every client
		// has (WithAPIKey) gets Key added.
		want := "With" + naming.Exported(name)
		if b.names.Taken(want) {
			want += "Key"
		}
		k.Option = b.names.Claim(want)
		slices.Sort(k.Ops)
		out = append(out, k)
		index[name] = len(out)
	}
	for _, o := range ops {
		o.Key = index[o.KeyScheme] // 0 for ""
	}
	return out
}
