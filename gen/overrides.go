package gen

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
)

// Extensions oagen reads, the same ones other Go generators read so a spec
// annotated for them works here.
const (
	extGoName       = "x-go-name"        // a schema's type name, a property's field name, an operation's method name
	extGoType       = "x-go-type"        // a schema's Go type: "time.Time", "github.com/x/y.Z", "string"
	extGoTypeImport = "x-go-type-import" // {path: ...} or a path, when x-go-type is only "pkg.Name"
)

// extString returns a string extension from the first map that has it.
func extString(key string, exts ...map[string]any) string {
	for _, m := range exts {
		if s, ok := m[key].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// externalType parses a Go type reference: "time.Time" is Name Time in
// package time, "github.com/x/y.Z" is Z in github.com/x/y, "string" is
// predeclared. importPath, when given, replaces the qualifier's path.
func externalType(ref, importPath string) *ir.Expr {
	e := &ir.Expr{Kind: ir.ExprExternal, Name: ref}
	if i := strings.LastIndexByte(ref, '.'); i > strings.LastIndexByte(ref, '/') {
		e.Path, e.Name = ref[:i], ref[i+1:]
	}
	if importPath != "" {
		e.Path = importPath
	}
	return e
}

// goTypeOverride is the user's Go type for a schema, from x-go-type on it
// (or beside its $ref), or nil.
func goTypeOverride(sr *openapi3.SchemaRef) *ir.Expr {
	if sr == nil || sr.Value == nil {
		return nil
	}
	ref := extString(extGoType, sr.Extensions, sr.Value.Extensions)
	if ref == "" {
		return nil
	}
	imp := extString(extGoTypeImport, sr.Extensions, sr.Value.Extensions)
	if imp == "" {
		for _, m := range []map[string]any{sr.Extensions, sr.Value.Extensions} {
			if obj, ok := m[extGoTypeImport].(map[string]any); ok {
				imp, _ = obj["path"].(string)
			}
		}
	}
	return externalType(ref, imp)
}

// keepOperation applies include/exclude by operationId and by tag.
func (b *builder) keepOperation(op *openapi3.Operation) bool {
	c := b.cfg
	if len(c.IncludeOps) > 0 && !slices.Contains(c.IncludeOps, op.OperationID) {
		return false
	}
	if slices.Contains(c.ExcludeOps, op.OperationID) {
		return false
	}
	hasTag := func(tags []string) bool {
		for _, t := range op.Tags {
			if slices.Contains(tags, t) {
				return true
			}
		}
		return false
	}
	if len(c.IncludeTags) > 0 && !hasTag(c.IncludeTags) {
		return false
	}
	return !hasTag(c.ExcludeTags)
}

// checkConfigNames reports config keys that name schemas or operations the
// spec does not have: a typo there would otherwise do nothing.
func (b *builder) checkConfigNames() {
	ids := map[string]bool{}
	if b.doc.Paths != nil {
		for _, item := range b.doc.Paths.Map() {
			for _, op := range item.Operations() {
				ids[op.OperationID] = true
			}
		}
	}
	loc := b.specLoc("#", nil)
	for _, m := range []struct {
		what string
		keys []string
		ok   func(string) bool
	}{
		{"names", sortedKeys(b.cfg.Names), func(k string) bool { return b.comps[k] != nil }},
		{"types", sortedKeys(b.cfg.Types), func(k string) bool { return b.comps[k] != nil }},
		{"operation_names", sortedKeys(b.cfg.OperationNames), func(k string) bool { return ids[k] }},
		{"streaming", sortedKeys(b.cfg.Streaming), func(k string) bool { return ids[k] }},
		{"exclude_ops", b.cfg.ExcludeOps, func(k string) bool { return ids[k] }},
	} {
		for _, k := range m.keys {
			if !m.ok(k) {
				b.errs.Add(loc, "config %s names %q, which the spec does not have", m.what, k)
			}
		}
	}
}
