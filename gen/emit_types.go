package gen

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitTypes declares every named type, and the constructors and accessors
// of unions.
func emitTypes(f *jen.File, api *ir.API) {
	for _, t := range api.Types {
		f.Line()
		switch t.Kind {
		case ir.KindStruct:
			emitStruct(f, t)
		case ir.KindEnum:
			emitEnum(f, t)
		case ir.KindUnion:
			emitUnion(f, t)
		case ir.KindDefined:
			typeDoc(f, t)
			f.Type().Id(t.Name).Add(goType(t.Target))
		case ir.KindAlias:
			typeDoc(f, t)
			f.Type().Id(t.Name).Op("=").Add(goType(t.Target))
		}
	}
}

// typeDoc writes a type's doc comment: the spec's text, or where the
// schema is when the spec says nothing, so readers can find it.
func typeDoc(f *jen.File, t *ir.Type, more ...string) {
	if t.Doc != "" {
		docComment(f, t.Name, t.Doc)
	} else {
		commentText(f, t.Name+" is the schema at "+t.Pointer+".")
	}
	if t.Notes != "" {
		f.Comment("")
		fieldComment(f, t.Notes)
	}
	if len(more) > 0 {
		f.Comment("")
		for _, line := range more {
			f.Comment(line)
		}
	}
}

func emitStruct(f *jen.File, t *ir.Type) {
	typeDoc(f, t)
	f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		for _, fl := range t.Struct.Fields {
			fieldComment(g, fl.Doc)
			field := g.Id(fl.Name).Add(goType(fl.Type))
			if tagSafe(fl.JSONName) {
				// The codecs do not read tags; they tell readers the wire name.
				field.Tag(map[string]string{"json": fl.JSONName})
			}
		}
		if t.Struct.ExtraField != "" {
			g.Comment("AdditionalProperties holds members the schema does not declare.")
			g.Id(t.Struct.ExtraField).Map(jen.String()).Add(goType(t.Struct.Extra)).Tag(map[string]string{"json": "-"})
		}
		g.Line()
		g.Comment("rec is what decoding saw that the schema did not promise; nil for")
		g.Comment("values built in Go.")
		g.Id("rec").Op("*").Id("record")
	})
}

func emitEnum(f *jen.File, t *ir.Type) {
	typeDoc(f, t, "It is an open enum: values other than the constants below decode and",
		"encode unchanged.")
	f.Type().Id(t.Name).Add(goType(&ir.Expr{Kind: ir.ExprBuiltin, Builtin: t.Enum.Base}))
	if len(t.Enum.Values) == 0 {
		return
	}
	f.Line()
	f.Comment("Values of " + t.Name + " listed in the spec.")
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range t.Enum.Values {
			fieldComment(g, v.Doc)
			g.Id(v.Name).Id(t.Name).Op("=").Add(literal(v.Value))
		}
	})
}

func emitUnion(f *jen.File, t *ir.Type) {
	u := t.Union
	recv := jen.Id("u").Id(t.Name)
	typeDoc(f, t, "It holds one variant; Kind says which, and the As methods return it.",
		"A variant this version does not know decodes as "+u.Unknown+" and",
		"encodes back unchanged (see Raw).")
	f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		g.Id("kind").Id(u.KindType)
		g.Id("value").Any()
		if hasInline(u) {
			g.Id("str").String() // string variants, unboxed
		}
		g.Id("raw").Qual(jsonPkg, "RawMessage")
	})
	f.Line()
	f.Comment(u.KindType + " says which variant " + article(t.Name) + " " + t.Name + " holds.")
	f.Type().Id(u.KindType).Int()
	f.Line()
	f.Comment("Variants of " + t.Name + ".")
	f.Const().DefsFunc(func(g *jen.Group) {
		g.Id(u.Unknown).Id(u.KindType).Op("=").Iota()
		for _, v := range u.Variants {
			g.Id(v.KindConst)
		}
	})
	f.Line()
	f.Comment("String returns the variant's name.")
	f.Func().Params(jen.Id("k").Id(u.KindType)).Id("String").Params().String().Block(
		jen.Switch(jen.Id("k")).BlockFunc(func(g *jen.Group) {
			for _, v := range u.Variants {
				g.Case(jen.Id(v.KindConst)).Return(jen.Lit(v.Label))
			}
		}),
		jen.Return(jen.Lit("Unknown")),
	)
	for _, v := range u.Variants {
		f.Line()
		if v.TagField != "" {
			f.Comment(v.Constructor + " returns " + article(t.Name) + " " + t.Name + " holding v, its " + t.Union.TagProperty + " set to " + strconv.Quote(v.Tags[0]) + " when empty.")
		} else {
			f.Comment(v.Constructor + " returns " + article(t.Name) + " " + t.Name + " holding v.")
		}
		if v.Doc != "" {
			f.Comment("")
			fieldComment(f, v.Doc)
		}
		held := jen.Dict{jen.Id("kind"): jen.Id(v.KindConst), jen.Id("value"): jen.Id("v")}
		if v.Inline {
			held = jen.Dict{jen.Id("kind"): jen.Id(v.KindConst), jen.Id("str"): jen.String().Call(jen.Id("v"))}
		}
		var fill []jen.Code
		switch field := jen.Id("v").Dot(v.TagField); {
		case v.TagField != "" && v.TagOpt:
			some := jen.Id("Some")
			if v.TagType.Kind == ir.ExprNamed {
				some = some.Types(goType(v.TagType)) // "rename" is a string to infer from
			}
			fill = append(fill, jen.If(jen.Op("!").Add(field.Clone()).Dot("IsSet").Call()).Block(
				field.Clone().Op("=").Add(some).Call(jen.Lit(v.Tags[0])),
			))
		case v.TagField != "":
			fill = append(fill, jen.If(field.Clone().Op("==").Lit("")).Block(field.Clone().Op("=").Lit(v.Tags[0])))
		}
		f.Func().Id(v.Constructor).Params(jen.Id("v").Add(goType(v.Type))).Id(t.Name).Block(
			append(fill, jen.Return(jen.Id(t.Name).Values(held)))...,
		)
		for _, vc := range v.ValueConstructors {
			f.Line()
			f.Comment(vc.Name + " returns " + article(t.Name) + " " + t.Name + " holding " + strconv.Quote(vc.Value.String) + ".")
			f.Func().Id(vc.Name).Params().Id(t.Name).Block(
				jen.Return(jen.Id(v.Constructor).Call(literal(vc.Value))),
			)
		}
		f.Line()
		f.Comment(v.Accessor + " returns the " + v.Label + " variant, and false when the value holds another.")
		if v.Inline {
			f.Func().Params(recv.Clone()).Id(v.Accessor).Params().Params(goType(v.Type), jen.Bool()).Block(
				jen.Return(jen.Add(goType(v.Type)).Call(jen.Id("u").Dot("str")), jen.Id("u").Dot("kind").Op("==").Id(v.KindConst)),
			)
			continue
		}
		f.Func().Params(recv.Clone()).Id(v.Accessor).Params().Params(goType(v.Type), jen.Bool()).Block(
			jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(goType(v.Type)),
			jen.Return(jen.Id("v"), jen.Id("ok").Op("&&").Id("u").Dot("kind").Op("==").Id(v.KindConst)),
		)
	}
	f.Line()
	f.Comment("Kind says which variant u holds.")
	f.Func().Params(recv.Clone()).Id("Kind").Params().Id(u.KindType).Block(jen.Return(jen.Id("u").Dot("kind")))
	f.Line()
	f.Comment("Raw returns the JSON of a variant this version does not know, as it")
	f.Comment("was received, and nil for known variants.")
	f.Func().Params(recv.Clone()).Id("Raw").Params().Qual(jsonPkg, "RawMessage").Block(jen.Return(jen.Id("u").Dot("raw")))
	if u.Files {
		f.Line()
		f.Comment("formValue is the variant u holds, so that a multipart body sends a file as")
		f.Comment("a file part (see writePart); u itself when the variant is unboxed or unknown.")
		f.Func().Params(recv.Clone()).Id("formValue").Params().Any().Block(
			jen.If(jen.Id("u").Dot("value").Op("!=").Nil()).Block(jen.Return(jen.Id("u").Dot("value"))),
			jen.Return(jen.Id("u")),
		)
	}
}

// tagSafe reports whether a member name can stand in a struct tag that go
// vet accepts.
func tagSafe(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r <= ' ' || r == '"' || r == '`' || r == ',' || r == ':' || r == '\\' || r > '~' {
			return false
		}
	}
	return true
}

// hasInline reports whether a union has string variants held unboxed.
func hasInline(u *ir.Union) bool {
	for _, v := range u.Variants {
		if v.Inline {
			return true
		}
	}
	return false
}

// article is "a" or "an" for a type name in a doc sentence, by how the
// name usually begins to sound: "an Item", "an Update", "a User".
func article(name string) string {
	switch {
	case name == "":
		return "a"
	case strings.ContainsRune("AEIO", rune(name[0])):
		return "an"
	case name[0] == 'U' && len(name) > 1 && (name[1] == 'n' || name[1] == 'p'):
		return "an"
	}
	return "a"
}
