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
// structs, unions and user types, whose decode record is honoured as it is.
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
