package gen

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/ir"
)

// emitPagesMethod writes the iterator over every item of a paginated list:
// it calls the list's method for a page, yields the page's items, and
// moves its own copy of the params on as the pagination's style says
// (see ir.Pagination), or follows the link a page holds.
func emitPagesMethod(f *jen.File, op *ir.Operation) {
	p := op.Pages
	list := op.Result.Type
	if p.Items != nil {
		list = unwrapOpt(p.Items.Type)
	}
	item := goType(list.Elem)
	f.Comment(p.Method + " iterates over every item " + op.Name + " lists, fetching the next")
	for _, line := range pagesDoc(p) {
		f.Comment(line)
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(p.Method).Params(methodParams(op)...).Qual("iter", "Seq2").Types(item, jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item, jen.Error()).Bool()).BlockFunc(func(g *jen.Group) {
			if p.Style == ir.PagesByLink {
				emitNextLinks(g, op, item)
				return
			}
			// Each run of the iterator starts from the params it was made
			// with: the loop below moves its own copy on.
			g.Id("params").Op(":=").Id("params")
			if p.Style == ir.PagesByNumber {
				g.If(jen.Op("!").Id("params").Dot(p.Page.GoName).Dot("IsSet").Call()).Block(
					jen.Id("params").Dot(p.Page.GoName).Op("=").Id("Some").Call(jen.Add(goType(p.Page.Type)).Parens(jen.Lit(int(p.First)))),
				)
			}
			g.For().BlockFunc(func(loop *jen.Group) {
				loop.List(jen.Id("page"), jen.Err()).Op(":=").Id("c").Dot(op.Name).Call(callArgs(op)...)
				yieldItems(loop, p, item)
				switch p.Style {
				case ir.PagesByToken:
					advanceByToken(loop, p)
				case ir.PagesByOffset:
					advanceByOffset(loop, p)
				case ir.PagesByNumber:
					advanceByPage(loop, p)
				default:
					advanceByCursor(loop, p)
				}
			})
		})),
	)
}

// pagesDoc is the rest of an iterator's doc comment: how it finds the next
// page and when it stops.
func pagesDoc(p *ir.Pagination) []string {
	switch p.Style {
	case ir.PagesByLink:
		return []string{
			"page (the link the last one holds) only when the loop reaches it; a page",
			"without a link, or empty, is the last. An error ends the iteration after",
			"it is yielded.",
		}
	case ir.PagesByToken:
		return []string{
			"page (params." + p.Token.GoName + " set to the token the last one holds) only when the",
			"loop reaches it; a page without a token is the last. An error ends the",
			"iteration after it is yielded.",
		}
	case ir.PagesByOffset:
		return []string{
			"page (params." + p.Offset.GoName + " moved past the items of the last) only when the loop",
			"reaches it; a page that is empty, or says it is the last, ends it. An",
			"error ends the iteration after it is yielded.",
		}
	case ir.PagesByNumber:
		return []string{
			"page (numbered from " + strconv.FormatInt(p.First, 10) + ", or from params." + p.Page.GoName + " when set) only when",
			"the loop reaches it; a page that comes back empty, or shorter than",
			"asked for, is the last. An error ends the iteration after it is yielded.",
		}
	}
	return []string{
		"page (after the last id) only when the loop reaches it. An error ends the",
		"iteration after it is yielded.",
	}
}

// yieldItems ends the iteration on the error of the call that fetched the
// page, and yields the page's items (the page itself when it is the
// array).
func yieldItems(g *jen.Group, p *ir.Pagination, item jen.Code) {
	g.If(jen.Err().Op("!=").Nil()).Block(
		jen.Var().Id("zero").Add(item),
		jen.Id("yield").Call(jen.Id("zero"), jen.Err()),
		jen.Return(),
	)
	if p.Items != nil {
		g.Id("items").Op(":=").Add(fieldValue(jen.Id("page"), p.Items))
	} else {
		g.Id("items").Op(":=").Id("page")
	}
	g.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("items")).Block(
		jen.If(jen.Op("!").Id("yield").Call(jen.Id("item"), jen.Nil())).Block(jen.Return()),
	)
}

// fieldPath reads, through Opt layers, the member fields lead to in a page.
func fieldPath(fields []*ir.Field) *jen.Statement {
	v := jen.Id("page")
	for _, f := range fields {
		v = fieldValue(v, f)
	}
	return v
}

// advanceByToken sets the token to the one the page holds; without one,
// the iteration ends, or moves on by offset when the list takes both.
func advanceByToken(g *jen.Group, p *ir.Pagination) {
	token := jen.Id("params").Dot(p.Token.GoName)
	g.Id("next").Op(":=").Add(fieldPath(p.NextToken))
	if p.Offset == nil {
		g.Comment("A token that does not move on would loop forever.")
		g.If(jen.Id("next").Op("==").Lit("").Op("||").Id("next").Op("==").Add(token.Clone().Dot("Value").Call())).Block(jen.Return())
		g.Add(token.Clone()).Op("=").Id("Some").Call(jen.Id("next"))
		return
	}
	g.Comment("A page with a token leads on by it; one without, by offset.")
	g.If(jen.Id("next").Op("!=").Lit("")).Block(
		jen.If(jen.Id("next").Op("==").Add(token.Clone().Dot("Value").Call())).Block(jen.Return()),
		jen.Add(token.Clone()).Op("=").Id("Some").Call(jen.Id("next")),
		jen.Continue(),
	)
	advanceByOffset(g, p)
}

// advanceByOffset moves the offset past the page's items, unless the page
// is empty, reaches the total or says it is the last.
func advanceByOffset(g *jen.Group, p *ir.Pagination) {
	offset := jen.Id("params").Dot(p.Offset.GoName)
	g.Id("offset").Op(":=").Add(offset.Clone().Dot("Value").Call()).Op("+").Add(goType(p.Offset.Type)).Parens(jen.Len(jen.Id("items")))
	last := jen.Len(jen.Id("items")).Op("==").Lit(0)
	if p.IsLast != nil {
		last = last.Op("||").Add(fieldValue(jen.Id("page"), p.IsLast))
	}
	if p.Total != nil {
		last = last.Op("||").Int64().Parens(jen.Id("offset")).Op(">=").Int64().Parens(fieldValue(jen.Id("page"), p.Total))
	}
	g.If(last).Block(jen.Return())
	g.Add(offset.Clone()).Op("=").Id("Some").Call(jen.Id("offset"))
}

// advanceByPage moves to the next page number, unless the page is empty or
// shorter than the page size asked for.
func advanceByPage(g *jen.Group, p *ir.Pagination) {
	last := jen.Len(jen.Id("items")).Op("==").Lit(0)
	if p.PerPage != nil {
		size := jen.Id("params").Dot(p.PerPage.GoName)
		last = last.Op("||").Add(size.Clone().Dot("IsSet").Call()).Op("&&").Int64().Parens(jen.Len(jen.Id("items"))).Op("<").Int64().Parens(size.Clone().Dot("Value").Call())
	}
	g.If(last).Block(jen.Return())
	g.Id("params").Dot(p.Page.GoName).Op("=").Id("Some").Call(jen.Id("params").Dot(p.Page.GoName).Dot("Value").Call().Op("+").Lit(1))
}

// advanceByCursor passes the page's last id (or its last item's) as the
// cursor, while the page says more follow.
func advanceByCursor(g *jen.Group, p *ir.Pagination) {
	if p.Cursor != nil {
		g.Id("cursor").Op(":=").Add(fieldValue(jen.Id("page"), p.Cursor))
	} else {
		g.Var().Id("cursor").String()
	}
	if p.ItemID != nil {
		g.If(jen.Id("cursor").Op("==").Lit("").Op("&&").Len(jen.Id("items")).Op(">").Lit(0)).Block(
			jen.Id("cursor").Op("=").Add(fieldValue(jen.Id("items").Index(jen.Len(jen.Id("items")).Op("-").Lit(1)), p.ItemID)),
		)
	}
	g.If(jen.Op("!").Add(fieldValue(jen.Id("page"), p.HasMore)).Op("||").Len(jen.Id("items")).Op("==").Lit(0).Op("||").Id("cursor").Op("==").Lit("")).Block(jen.Return())
	g.Id("params").Dot(p.After.GoName).Op("=").Id("Some").Call(jen.Id("cursor"))
}

// emitNextLinks writes the loop of an iterator that follows the link to
// the next page each page holds.
func emitNextLinks(g *jen.Group, op *ir.Operation, item jen.Code) {
	p := op.Pages
	g.List(jen.Id("page"), jen.Err()).Op(":=").Id("c").Dot(op.Name).Call(callArgs(op)...)
	g.Var().Id("link").String()
	g.For().BlockFunc(func(loop *jen.Group) {
		yieldItems(loop, p, item)
		loop.Id("next").Op(":=").Add(fieldPath(p.Next))
		loop.Comment("A link that does not move on would loop forever.")
		loop.If(jen.Id("next").Op("==").Lit("").Op("||").Id("next").Op("==").Id("link").Op("||").Len(jen.Id("items")).Op("==").Lit(0)).Block(jen.Return())
		loop.Id("link").Op(",").Id("page").Op("=").List(jen.Id("next"), jen.New(goType(op.Result.Type)))
		loop.Err().Op("=").Id("c").Dot("follow").Call(jen.Id("ctx"), jen.Id("request").Values(operationFields(jen.Dict{jen.Id("accept"): jen.Lit(op.Result.ContentType)}, op)), jen.Id("link"), jen.Id("page"), jen.Id("opts"))
	})
}
