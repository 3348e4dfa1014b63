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
					*slot = &ir.Expr{Kind: ir.ExprPointer, Elem: *slot}
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
