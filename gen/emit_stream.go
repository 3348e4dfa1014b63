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
		// The event name comes as bytes (see sseReader.next): a known
		// event keeps its case's constant, and only an error or an event
		// this version does not know makes a string of it.
		f.Func().Id(d.Func).Params(jen.Id("d").Op("*").Id("decoder"), jen.List(jen.Id("event"), jen.Id("data")).Index().Byte()).Params(t, jen.Error()).BlockFunc(func(g *jen.Group) {
			g.Var().Id("zero").Add(goType(d.Type))
			g.If(jen.String().Parens(jen.Id("event")).Op("==").Lit("error")).Block(jen.Return(jen.Id("zero"), jen.Id("streamError").Call(jen.Lit("error"), jen.Id("data"))))
			if d.Text {
				g.Return(jen.String().Parens(jen.Id("data")), jen.Nil())
				return
			}
			if len(d.Events) == 0 {
				g.Var().Id("v").Add(goType(d.Type))
				decodeData(g, jen.Op("&").Id("v"), d.Type, jen.String().Parens(jen.Id("event")), r)
				g.Return(jen.Id("v"), jen.Nil())
				return
			}
			g.Switch(jen.String().Parens(jen.Id("event"))).BlockFunc(func(sw *jen.Group) {
				for _, ev := range d.Events {
					sw.Case(jen.Lit(ev.Name)).BlockFunc(func(c *jen.Group) {
						c.Var().Id("v").Id(ev.Struct.Name)
						c.Id("v").Dot(ev.EventField.Name).Op("=").Lit(ev.Name)
						decodeData(c, jen.Op("&").Id("v").Dot(ev.DataField.Name), ev.DataField.Type, jen.Lit(ev.Name), r)
						c.Return(jen.Id(ev.Variant.Constructor).Call(jen.Id("v")), jen.Nil())
					})
				}
			})
			g.Comment("An event this version does not know: kept whole, as an unknown variant.")
			g.Return(jen.Id("decodeEnvelope").Types(goType(d.Type)).Call(jen.String().Parens(jen.Id("event")), jen.Id("data")))
		})
	}
}

// decodeData decodes the event's data into ptr with the fast codec, and
// returns eventError (with the event's name) when that fails. The decoder
// is the stream's, handed to the read call directly: through a closure the
// value would move to the heap once per event.
func decodeData(g *jen.Group, ptr jen.Code, e *ir.Expr, name jen.Code, r readers) {
	g.Id("d").Dot("next").Call(jen.Id("data"))
	g.If(jen.Err().Op(":=").Id("d").Dot("finish").Call(r.call(ptr, e)), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Id("zero"), jen.Id("eventError").Call(name, jen.Err())),
	)
}
