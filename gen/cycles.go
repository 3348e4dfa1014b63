package gen

import "github.com/oagen/oagen/internal/ir"

// breakCycles makes every struct finite. A struct that contains itself by
// value (directly, or through Opt or other structs) is not a valid Go type,
// so the field that closes the loop holds a pointer instead. Slices, maps
// and unions already break a loop. types is in a deterministic order, so
// the same field is chosen every time.
func breakCycles(types []*ir.Type) {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[*ir.Type]int{}
	var visit func(t *ir.Type)
	visit = func(t *ir.Type) {
		state[t] = onStack
		if t.Kind == ir.KindStruct && t.Struct != nil {
			for _, f := range t.Struct.Fields {
				slot := valueSlot(&f.Type)
				if slot == nil {
					continue
				}
				next := structOf((*slot).Named)
				if next == nil {
					continue
				}
				switch state[next] {
				case onStack:
					// A pointer to the struct itself, not to an alias of it:
					// Go's type checker crashes on a struct that holds
					// Opt[*A] where A is an alias of that struct.
					*slot = &ir.Expr{Kind: ir.ExprPointer, Elem: &ir.Expr{Kind: ir.ExprNamed, Named: next}}
				case unvisited:
					visit(next)
				}
			}
		}
		state[t] = done
	}
	for _, t := range types {
		if state[t] == unvisited {
			visit(t)
		}
	}
}

// valueSlot returns where a named type is held by value in e (through Opt),
// or nil when e holds no named type by value.
func valueSlot(slot **ir.Expr) **ir.Expr {
	for (*slot).Kind == ir.ExprOpt {
		slot = &(*slot).Elem
	}
	if (*slot).Kind != ir.ExprNamed {
		return nil
	}
	return slot
}

// structOf follows aliases to the struct a named type is, or nil.
func structOf(t *ir.Type) *ir.Type {
	for i := 0; t != nil && i < 32; i++ {
		switch t.Kind {
		case ir.KindStruct:
			return t
		case ir.KindAlias:
			if t.Target == nil || t.Target.Kind != ir.ExprNamed {
				return nil
			}
			t = t.Target.Named
		default:
			return nil
		}
	}
	return nil
}

// breakAliasCycles makes an alias whose targets lead back to it (B: allOf
// [C], C: allOf [B], nothing else said) any JSON: Go allows no such alias,
// and following it would not end.
func breakAliasCycles(types []*ir.Type) {
	for _, t := range types {
		if t.Kind != ir.KindAlias {
			continue
		}
		seen := map[*ir.Type]bool{t: true}
		for e := t.Target; e != nil && e.Kind == ir.ExprNamed && e.Named.Kind == ir.KindAlias; e = e.Named.Target {
			if seen[e.Named] {
				t.Target = &ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.Raw}
				break
			}
			seen[e.Named] = true
		}
	}
}
