package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// The zero value of a field's type, as decoders set it (a required field
// whose last occurrence is null) and encoders test for it (a null that
// arrived is written back while the field still holds its zero value).

// zeroLiteral is the zero value of a builtin scalar.
func zeroLiteral(b ir.Builtin) jen.Code {
	switch b {
	case ir.String:
		return jen.Lit("")
	case ir.Bool:
		return jen.False()
	}
	return jen.Lit(0)
}

// zeroValue is the zero value of e: nil, an untyped constant or a
// composite literal where one is assignable, *new(T) otherwise.
func zeroValue(e *ir.Expr) jen.Code {
	switch e.Kind {
	case ir.ExprSlice, ir.ExprMap, ir.ExprPointer:
		return jen.Nil()
	case ir.ExprBuiltin:
		switch e.Builtin {
		case ir.Raw, ir.Object:
			return jen.Nil()
		case ir.File:
			return jen.Id("File").Values()
		}
		return zeroLiteral(e.Builtin)
	case ir.ExprNamed:
		switch t := e.Named; t.Kind {
		case ir.KindStruct, ir.KindUnion:
			return jen.Id(t.Name).Values()
		case ir.KindEnum:
			return zeroLiteral(t.Enum.Base)
		default: // defined or alias
			if untypedZero(t.Target) {
				return zeroValue(t.Target)
			}
		}
	}
	return jen.Op("*").New(goType(e))
}

// untypedZero reports whether e's zero value is nil or an untyped
// constant, which a type defined over e can be assigned as well.
func untypedZero(e *ir.Expr) bool {
	switch e.Kind {
	case ir.ExprSlice, ir.ExprMap, ir.ExprPointer:
		return true
	case ir.ExprBuiltin:
		return e.Builtin != ir.File
	}
	return false
}

// zeroTest is the expression "access holds its zero value", or nil for
// types that have none (a File, a user's type, a struct holding one),
// whose decode record is honoured as it is.
func zeroTest(e *ir.Expr, access *jen.Statement) jen.Code {
	switch e.Kind {
	case ir.ExprSlice, ir.ExprMap:
		return jen.Len(access).Op("==").Lit(0)
	case ir.ExprPointer:
		return access.Op("==").Nil()
	case ir.ExprBuiltin:
		switch e.Builtin {
		case ir.File:
			return nil
		case ir.Raw, ir.Object:
			return jen.Len(access).Op("==").Lit(0)
		case ir.Bool:
			return jen.Op("!").Add(access)
		}
		return access.Op("==").Add(zeroLiteral(e.Builtin))
	case ir.ExprNamed:
		t := e.Named
		switch t.Kind {
		case ir.KindEnum:
			if t.Enum.Base == ir.Bool {
				// bool(...): negated, a defined bool stays of its type,
				// which a bool parameter does not take.
				return jen.Op("!").Bool().Parens(access)
			}
			return access.Op("==").Add(zeroLiteral(t.Enum.Base))
		case ir.KindStruct:
			// A struct built in Go and left alone equals its zero value
			// (a decoded one that differs keeps a record); only a struct
			// of comparable fields can be compared so.
			if comparable(e, map[*ir.Type]bool{}) {
				return access.Op("==").Parens(jen.Id(t.Name).Values())
			}
			if zeroMethodOf(e) != nil {
				return access.Dot("isZero").Call()
			}
		case ir.KindUnion:
			return access.Dot("isZero").Call()
		case ir.KindAlias:
			return zeroTest(t.Target, access)
		case ir.KindDefined:
			if t.Target.Kind == ir.ExprBuiltin && t.Target.Builtin == ir.Bool {
				return jen.Op("!").Bool().Parens(access)
			}
			return zeroTest(t.Target, access)
		}
	}
	return nil
}

// readOnlyZero is the zero test of read-only field fl (see ir.Field), nil
// for any other field, and for one whose type has no zero test.
func readOnlyZero(fl *ir.Field) jen.Code {
	if !fl.ReadOnly {
		return nil
	}
	return zeroTest(fl.Type, jen.Id("v").Dot(fl.Name))
}

// comparable reports whether Go's == compiles for e's type and cannot
// panic: no slices, maps or funcs anywhere in it, and no interfaces (a
// union holds its variant in one, a File its reader; a user's type is not
// known). seen breaks the walk of a struct that leads back to itself
// (through a pointer, which compares as an address, so it is no obstacle).
func comparable(e *ir.Expr, seen map[*ir.Type]bool) bool {
	switch e.Kind {
	case ir.ExprBuiltin:
		switch e.Builtin {
		case ir.String, ir.Int64, ir.Int32, ir.Float64, ir.Bool:
			return true
		}
		return false
	case ir.ExprPointer:
		return true
	case ir.ExprOpt:
		return comparable(e.Elem, seen)
	case ir.ExprNamed:
		t := e.Named
		switch t.Kind {
		case ir.KindEnum:
			return true
		case ir.KindAlias, ir.KindDefined:
			return comparable(t.Target, seen)
		case ir.KindStruct:
			if seen[t] {
				return true // its fields are being checked further up
			}
			seen[t] = true
			if t.Struct.ExtraField != "" {
				return false // a map of the additional properties
			}
			for _, fl := range t.Struct.Fields {
				if !comparable(fl.Type, seen) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// zeroMethodOf is the type whose isZero method zeroTest(e) calls, or nil:
// a union, or a struct Go cannot compare (it holds a list, a map or a
// union) whose every field has a zero test.
func zeroMethodOf(e *ir.Expr) *ir.Type {
	if e.Kind != ir.ExprNamed {
		return nil
	}
	switch t := e.Named; t.Kind {
	case ir.KindUnion:
		return t
	case ir.KindStruct:
		if comparable(e, map[*ir.Type]bool{}) {
			return nil
		}
		for _, fl := range t.Struct.Fields {
			if fl.Type.Kind != ir.ExprOpt && zeroTest(fl.Type, jen.Id("_")) == nil {
				return nil
			}
		}
		return t
	case ir.KindAlias, ir.KindDefined:
		return zeroMethodOf(t.Target) // a defined type is over a list, map or scalar
	}
	return nil
}

// markZeroMethods sets ZeroMethod on the types that get an isZero method:
// those the zero tests of the non-optional fields of types reach (see
// zeroTest), and theirs in turn, so that every method written is called.
func markZeroMethods(types []*ir.Type) {
	var fields func(t *ir.Type)
	fields = func(t *ir.Type) {
		if t.Kind != ir.KindStruct {
			return
		}
		for _, fl := range t.Struct.Fields {
			if u := zeroMethodOf(fl.Type); u != nil && !u.ZeroMethod { // nil for an Opt field, which has no zero test
				u.ZeroMethod = true
				fields(u)
			}
		}
	}
	for _, t := range types {
		fields(t)
	}
}

// emitIsZero writes t's isZero method: whether the value was built in Go
// and left alone, as == T{} says of a struct Go can compare (a decoded
// value that differs from its zero value keeps a record).
func emitIsZero(f *jen.File, t *ir.Type) {
	if t.Kind == ir.KindUnion {
		f.Comment("isZero reports whether u holds no variant.")
		f.Func().Params(jen.Id("u").Id(t.Name)).Id("isZero").Params().Bool().Block(
			jen.Return(jen.Id("u").Dot("kind").Op("==").Lit(0).Op("&&").Id("u").Dot("raw").Op("==").Nil()),
		)
		return
	}
	f.Comment("isZero reports whether v holds its zero value.")
	test := jen.Id("v").Dot("rec").Op("==").Nil()
	for _, fl := range t.Struct.Fields {
		field := jen.Id("v").Dot(fl.Name)
		if fl.Type.Kind == ir.ExprOpt {
			test = test.Op("&&").Op("!").Add(field).Dot("IsSet").Call()
		} else {
			test = test.Op("&&").Add(zeroTest(fl.Type, field))
		}
	}
	if t.Struct.ExtraField != "" {
		test = test.Op("&&").Len(jen.Id("v").Dot(t.Struct.ExtraField)).Op("==").Lit(0)
	}
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("isZero").Params().Bool().Block(jen.Return(test))
}
