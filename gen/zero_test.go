package gen

import (
	"fmt"
	"testing"

	"github.com/oagen/oagen/internal/ir"
)

// TestZeroValue: a type defined over a slice or scalar takes nil or an
// untyped constant; one over a struct, a File or a user's type needs its
// own name, since a value of the underlying named type is not assignable.
func TestZeroValue(t *testing.T) {
	str := &ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.String}
	named := func(typ *ir.Type) *ir.Expr { return &ir.Expr{Kind: ir.ExprNamed, Named: typ} }
	item := &ir.Type{Name: "Item", Kind: ir.KindStruct, Struct: &ir.Struct{}}
	for _, tc := range []struct {
		e    *ir.Expr
		want string
	}{
		{str, `""`},
		{&ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.Bool}, "false"},
		{&ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.Int64}, "0"},
		{&ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.Raw}, "nil"},
		{&ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.File}, "File{}"},
		{&ir.Expr{Kind: ir.ExprSlice, Elem: str}, "nil"},
		{named(item), "Item{}"},
		{named(&ir.Type{Name: "Status", Kind: ir.KindEnum, Enum: &ir.Enum{Base: ir.String}}), `""`},
		{named(&ir.Type{Name: "Metadata", Kind: ir.KindDefined, Target: &ir.Expr{Kind: ir.ExprMap, Elem: str}}), "nil"},
		{named(&ir.Type{Name: "Wrapped", Kind: ir.KindDefined, Target: named(item)}), "*new(Wrapped)"},
		{named(&ir.Type{Name: "Upload", Kind: ir.KindDefined, Target: &ir.Expr{Kind: ir.ExprBuiltin, Builtin: ir.File}}), "*new(Upload)"},
	} {
		if got := fmt.Sprintf("%#v", zeroValue(tc.e)); got != tc.want {
			t.Errorf("zeroValue(%v) = %s, want %s", tc.e.Kind, got, tc.want)
		}
	}
}
