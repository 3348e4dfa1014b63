package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitStreams writes one decoder per streamed event type: it turns an SSE
// event (name and data) into a typed value, or an "error" event into a
// *StreamError.
func emitStreams(f *jen.File, api *ir.API, r readers) {
	for _, d := range api.Streams {
		f.Line()
		t := goType(d.Type)
		f.Comment(d.Func + " decodes one server-sent event of a stream.")
		f.Func().Id(d.Func).Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("event").String(), jen.Id("data").Index().Byte()).Params(t, jen.Error()).BlockFunc(func(g *jen.Group) {
			g.Var().Id("zero").Add(goType(d.Type))
			g.If(jen.Id("event").Op("==").Lit("error")).Block(jen.Return(jen.Id("zero"), jen.Id("streamError").Call(jen.Id("event"), jen.Id("data"))))
			if len(d.Events) == 0 {
				g.Var().Id("v").Add(goType(d.Type))
				decodeData(g, jen.Op("&").Id("v"), d.Type, r)
				g.Return(jen.Id("v"), jen.Nil())
				return
			}
			g.Switch(jen.Id("event")).BlockFunc(func(sw *jen.Group) {
				for _, ev := range d.Events {
					sw.Case(jen.Lit(ev.Name)).BlockFunc(func(c *jen.Group) {
						c.Var().Id("v").Id(ev.Struct.Name)
						name := jen.Id("event")
						if ev.EventField.Type.Kind == ir.ExprNamed {
							name = jen.Add(goType(ev.EventField.Type)).Call(name)
						}
						c.Id("v").Dot(ev.EventField.Name).Op("=").Add(name)
						decodeData(c, jen.Op("&").Id("v").Dot(ev.DataField.Name), ev.DataField.Type, r)
						c.Return(jen.Id(ev.Variant.Constructor).Call(jen.Id("v")), jen.Nil())
					})
				}
			})
			g.Comment("An event this version does not know: kept whole, as an unknown variant.")
			g.Return(jen.Id("decodeEnvelope").Types(goType(d.Type)).Call(jen.Id("event"), jen.Id("data")))
		})
	}
}

// decodeData decodes the event's data into ptr with the fast codec, and
// returns eventError when that fails. The decoder is the stream's, handed
// to the read call directly: through a closure the value would move to the
// heap once per event.
func decodeData(g *jen.Group, ptr jen.Code, e *ir.Expr, r readers) {
	g.Id("d").Dot("next").Call(jen.Id("data"))
	g.If(jen.Err().Op(":=").Id("d").Dot("finish").Call(r.call(ptr, e)), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Id("zero"), jen.Id("eventError").Call(jen.Id("event"), jen.Err())),
	)
}
