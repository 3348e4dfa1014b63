package gen

import "github.com/oagen/oagen/internal/ir"

// openResponseTypes keeps additionalProperties: false where it protects a
// server and nowhere else. A closed struct a request can send writes only
// its declared fields, so a value decoded from a response and sent back
// carries nothing the server forbids; one that only ever arrives encodes
// back everything decoding kept, like every other response type (servers
// add members their schema forbids: Jira's board responses do).
func openResponseTypes(types []*ir.Type, ops []*ir.Operation) {
	sent := requestTypes(ops)
	for _, t := range types {
		if t.Kind == ir.KindStruct && t.Struct.Closed && !sent[t] {
			t.Struct.Closed = false
		}
	}
}

// requestTypes returns the named types a request can send: those an
// operation's body or JSON parameters refer to, at any depth.
func requestTypes(ops []*ir.Operation) map[*ir.Type]bool {
	sent := map[*ir.Type]bool{}
	var expr func(e *ir.Expr)
	expr = func(e *ir.Expr) {
		for ; e != nil; e = e.Elem {
			t := e.Named
			if t == nil || sent[t] {
				continue
			}
			sent[t] = true
			switch t.Kind {
			case ir.KindStruct:
				for _, f := range t.Struct.Fields {
					expr(f.Type)
				}
				expr(t.Struct.Extra)
			case ir.KindUnion:
				for _, v := range t.Union.Variants {
					expr(v.Type)
				}
			case ir.KindDefined, ir.KindAlias:
				expr(t.Target)
			}
		}
	}
	for _, op := range ops {
		if op.Body != nil {
			expr(op.Body.Type)
		}
		for _, params := range [][]*ir.Param{op.PathParams, op.QueryParams, op.HeaderParams, op.CookieParams} {
			for _, p := range params {
				if p.JSON {
					expr(p.Type)
				}
			}
		}
	}
	return sent
}
