package gen

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// readers gives every container type a decoder reads (readOptString,
// readSliceAssistantTool, ...) a read function of its own, named in the
// package's namespace. Closures, or generic helpers that call the
// element's decoder, would be less code, but the compiler cannot see
// through either, so every value decoded through one would move to the
// heap.
//
// It walks every place a decoder reads a value: struct fields and extras,
// union variants, defined types and stream data.
func (b *builder) readers(api *ir.API) []*ir.Reader {
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
		found[key] = unaliased(e)
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
	// Claimed in a fixed order, so a clash (a schema named SliceString
	// beside a []string) is settled the same way every run.
	var out []*ir.Reader
	for _, k := range sortedKeys(found) {
		out = append(out, &ir.Reader{Key: k, Type: found[k]})
	}
	slices.SortStableFunc(out, func(x, y *ir.Reader) int { return cmp.Compare(prettyExpr(x.Type), prettyExpr(y.Type)) })
	for _, r := range out {
		r.Name = b.names.Claim("read" + prettyExpr(r.Type))
	}
	slices.SortFunc(out, func(x, y *ir.Reader) int { return cmp.Compare(x.Name, y.Name) })
	return out
}

// unaliased is e with aliases resolved at every level: the type readers
// that share a key (Opt[FunctionParameters], Opt[json.RawMessage]) have in
// common, so the one read function's signature names it.
func unaliased(e *ir.Expr) *ir.Expr {
	e = resolveAlias(e)
	if e.Elem == nil {
		return e
	}
	c := *e
	c.Elem = unaliased(e.Elem)
	return &c
}

// isMapRaw reports a map of raw JSON values (additionalProperties whose
// schema admits several types), which the template's readMapRaw decodes
// with one copy for all its values.
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
		return builtinName(e.Builtin)
	case ir.ExprNamed:
		return e.Named.Name
	case ir.ExprExternal:
		return "External" + naming.Exported(e.Name)
	}
	return containers[e.Kind] + prettyExpr(e.Elem)
}

// builtinName spells a builtin type in identifiers, generated and the
// template's alike: readString, appendOptInt64, readSliceFloat64.
func builtinName(b ir.Builtin) string {
	return [...]string{ir.String: "String", ir.Int64: "Int64", ir.Int32: "Int32", ir.Float64: "Float64", ir.Bool: "Bool", ir.Raw: "Raw", ir.File: "File", ir.Object: "Object"}[b]
}
