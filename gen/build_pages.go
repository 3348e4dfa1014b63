package gen

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// A list operation gets an iterator over all its items when its
// parameters and page say how to reach the next page; the finders below
// are tried in turn (see findPages), each strict enough that a response
// which merely holds an array gets none.

// findPages is how the list operation o reaches its pages, or nil when it
// is not a list or does not say: by cursor, page number, token, offset or
// the link each page holds, the first that fits.
func findPages(o *ir.Operation) *ir.Pagination {
	return cmp.Or(cursors(o), pageNumbers(o), nextTokens(o), offsets(o), nextLinks(o))
}

// cursors is the pagination of a list led on by a cursor: an "after"
// query parameter (OpenAI's; Stripe's is starting_after), and a response
// with data and has_more members, and last_id or items with an id.
func cursors(o *ir.Operation) *ir.Pagination {
	var after *ir.Param
	for _, p := range o.QueryParams {
		if (p.Name == "after" || p.Name == "starting_after") && !p.Required && isBuiltin(ir.String)(p.Type) {
			after = p
		}
	}
	page := pageStruct(o)
	if after == nil || page == nil {
		return nil
	}
	p := &ir.Pagination{Style: ir.PagesByCursor, After: after,
		Items:   structField(page, "data", isSlice),
		HasMore: structField(page, "has_more", isBuiltin(ir.Bool)),
		Cursor:  structField(page, "last_id", isBuiltin(ir.String)),
	}
	if p.Items == nil || p.HasMore == nil {
		return nil
	}
	if item := unwrapOpt(p.Items.Type).Elem; item.Kind == ir.ExprNamed && item.Named.Struct != nil {
		p.ItemID = structField(item.Named.Struct, "id", isBuiltin(ir.String))
	}
	if p.Cursor == nil && p.ItemID == nil {
		return nil
	}
	return p
}

// pageNumbers is the pagination of a list by page number: an optional
// integer query parameter page, no parameter that takes a cursor or token
// (Twilio's PageToken: there the page number alone does not lead on), and
// a response that is the array of items or holds exactly one array.
func pageNumbers(o *ir.Operation) *ir.Pagination {
	p := &ir.Pagination{Style: ir.PagesByNumber}
	for _, q := range o.QueryParams {
		name := strings.ToLower(q.Name)
		switch {
		case strings.Contains(name, "token") || strings.Contains(name, "cursor") || strings.Contains(name, "marker") ||
			name == "after" || name == "before" || name == "starting_after" || name == "offset":
			return nil
		case q.Required || !isInteger(q.Type):
		case name == "page":
			p.Page = q
		case name == "per_page" || name == "page_size" || name == "pagesize":
			p.PerPage = q
		}
	}
	if p.Page == nil || o.Result == nil || o.Result.Type == nil {
		return nil
	}
	p.First = firstPage(p.Page)
	if o.Result.Type.Kind == ir.ExprSlice {
		return p
	}
	if st := pageStruct(o); st != nil {
		if p.Items = listItems(st); p.Items != nil {
			return p
		}
	}
	return nil
}

// firstPage is the page parameter's default, which is the first page's
// number (GitHub's pages start at 1, as most do; Twilio's at 0), or 1.
func firstPage(page *ir.Param) int64 {
	if d, ok := page.Default.(float64); ok && d == math.Trunc(d) && d >= 0 && d < 1<<31 {
		return int64(d)
	}
	return 1
}

// nextTokens is the pagination of a list that takes a token (marker,
// page_token, pageToken, cursor) and whose pages hold the next one under
// the name next_<token> or next<Token> (Box's next_marker, Google's
// nextPageToken, Slack's response_metadata.next_cursor).
func nextTokens(o *ir.Operation) *ir.Pagination {
	st := pageStruct(o)
	if st == nil {
		return nil
	}
	for _, q := range o.QueryParams {
		switch q.Name {
		case "marker", "page_token", "pageToken", "cursor":
		default:
			continue
		}
		if q.Required || !isBuiltin(ir.String)(q.Type) {
			continue
		}
		names := []string{"next_" + q.Name, "next" + naming.Exported(q.Name)}
		next := memberPath(st, func(n string) bool { return slices.Contains(names, n) }, isBuiltin(ir.String), "meta", "pagination", "response_metadata")
		if items := listItems(st); items != nil && next != nil {
			p := &ir.Pagination{Style: ir.PagesByToken, Items: items, Token: q, NextToken: next}
			// Box's lists take both and answer by the one asked for
			// (usemarker): a page without a token leads on by offset.
			if byOffset := offsets(o); byOffset != nil {
				p.Offset, p.Total, p.IsLast = byOffset.Offset, byOffset.Total, byOffset.IsLast
			}
			return p
		}
	}
	return nil
}

// offsets is the pagination of a list that takes the index of its first
// item (an optional integer offset or startAt) and whose pages say how
// many items there are in all (total, total_count, totalCount) or whether
// they are the last (isLast, is_last): without either, a single array in
// a response is too weak a sign of a list (Box's folder, whose offset is
// that of its items, holds one).
func offsets(o *ir.Operation) *ir.Pagination {
	st := pageStruct(o)
	if st == nil {
		return nil
	}
	p := &ir.Pagination{Style: ir.PagesByOffset, Items: listItems(st)}
	for _, q := range o.QueryParams {
		if (q.Name == "offset" || q.Name == "startAt") && !q.Required && isInteger(q.Type) {
			p.Offset = q
		}
	}
	if total := memberPath(st, func(n string) bool { return n == "total" || n == "total_count" || n == "totalCount" }, isInteger); total != nil {
		p.Total = total[0]
	}
	if last := memberPath(st, func(n string) bool { return n == "isLast" || n == "is_last" }, isBuiltin(ir.Bool)); last != nil {
		p.IsLast = last[0]
	}
	if p.Offset == nil || p.Items == nil || p.Total == nil && p.IsLast == nil {
		return nil
	}
	return p
}

// nextLinks is the pagination of a GET list whose pages say where the next
// one is: a page holds exactly one array at its top, and a string member
// named as a next-page link (see isNextLink) at its top or one level
// down. An operation with header or cookie parameters gets none: the link
// is fetched without them.
func nextLinks(o *ir.Operation) *ir.Pagination {
	st := pageStruct(o)
	if o.Method != "GET" || len(o.HeaderParams)+len(o.CookieParams) > 0 || st == nil {
		return nil
	}
	items, next := listItems(st), memberPath(st, isNextLink, isBuiltin(ir.String), "meta", "links", "pagination")
	if items == nil || next == nil {
		return nil
	}
	return &ir.Pagination{Style: ir.PagesByLink, Items: items, Next: next}
}

// isNextLink reports whether a member's name is one that holds the next
// page's link, at the top of a page or in its meta, links or pagination
// object.
func isNextLink(name string) bool {
	switch name {
	case "next_page_url", "next_page_uri", "nextPageUrl", "nextLink", "next_link", "next_url":
		return true
	}
	return false
}

// listItems is the one array at the top of a page, nil when there is none
// or more than one (which would be the page is not clear).
func listItems(st *ir.Struct) *ir.Field {
	var items *ir.Field
	for _, f := range st.Fields {
		if isSlice(unwrapOpt(f.Type)) {
			if items != nil {
				return nil
			}
			items = f
		}
	}
	return items
}

// pageStruct is the struct a list operation's page decodes into, or nil.
func pageStruct(o *ir.Operation) *ir.Struct {
	if o.Result == nil || o.Result.Type == nil || o.Result.Type.Kind != ir.ExprNamed || !o.Result.Pointer {
		return nil
	}
	return o.Result.Type.Named.Struct
}

// memberPath finds a member of a page whose JSON name passes ok and whose
// type passes is, at the page's top or in one of its objects named in
// within, and returns the fields that lead to it.
func memberPath(st *ir.Struct, ok func(string) bool, is func(*ir.Expr) bool, within ...string) []*ir.Field {
	for _, f := range st.Fields {
		if ok(f.JSONName) && is(unwrapOpt(f.Type)) {
			return []*ir.Field{f}
		}
	}
	for _, f := range st.Fields {
		inner := unwrapOpt(f.Type)
		if !slices.Contains(within, f.JSONName) || inner.Kind != ir.ExprNamed || inner.Named.Struct == nil {
			continue
		}
		for _, g := range inner.Named.Struct.Fields {
			if ok(g.JSONName) && is(unwrapOpt(g.Type)) {
				return []*ir.Field{f, g}
			}
		}
	}
	return nil
}

func isInteger(e *ir.Expr) bool {
	return e.Kind == ir.ExprBuiltin && (e.Builtin == ir.Int64 || e.Builtin == ir.Int32)
}
