package gofmt

import (
	"bytes"
	"go/ast"
	"go/token"
	"unicode/utf8"
)

// typeSpecs prints the struct types of file that typeSpec can print, and
// returns where each is in p.out, in file order, and how many comment
// groups (their fields' doc comments) they hold. Each printed type's spec
// becomes a placeholder, a struct type named by the placeholder with no
// fields and its braces where they were (so go/printer writes "type",
// then the placeholder and " struct {" and "}" on lines apart, spaced as
// it would the type), and its fields' comments leave file.Comments.
func (p *funcPrinter) typeSpecs(file *ast.File, c texts) ([][2]int, int) {
	var spans [][2]int
	var taken []*ast.CommentGroup
	comments := file.Comments
	for _, d := range file.Decls {
		ts, st, ok := typeDecl(d)
		if !ok {
			continue
		}
		for len(comments) > 0 && comments[0].Pos() < d.Pos() {
			comments = comments[1:] // up to "type" (past the doc comment)
		}
		n := 0
		for n < len(comments) && comments[n].Pos() < st.Fields.Closing {
			n++
		}
		start := len(p.out)
		if !p.typeSpec(ts, st, comments[:n], c) {
			continue
		}
		spans = append(spans, [2]int{start, len(p.out)})
		taken = append(taken, comments[:n]...)
		*ts = ast.TypeSpec{
			Name: &ast.Ident{NamePos: ts.Name.NamePos, Name: placeholder},
			Type: &ast.StructType{Struct: st.Struct, Fields: &ast.FieldList{Opening: st.Fields.Opening, Closing: st.Fields.Closing}},
		}
	}
	dropComments(file, taken)
	return spans, len(taken)
}

// typeDecl reports whether d is a declaration typeSpec can print: one
// struct type, not in parentheses, no type parameters, not an alias, with
// no comment on the spec itself (a doc comment on the declaration stays
// go/printer's).
func typeDecl(d ast.Decl) (*ast.TypeSpec, *ast.StructType, bool) {
	gd, ok := d.(*ast.GenDecl)
	if !ok || gd.Tok != token.TYPE || gd.Lparen.IsValid() || len(gd.Specs) != 1 {
		return nil, nil, false
	}
	ts := gd.Specs[0].(*ast.TypeSpec)
	st, ok := ts.Type.(*ast.StructType)
	if !ok || ts.TypeParams != nil || ts.Assign.IsValid() || ts.Doc != nil || ts.Comment != nil ||
		st.Incomplete || len(st.Fields.List) == 0 {
		return nil, nil, false
	}
	return ts, st, true
}

// field is a struct field as typeSpec lays it out: its doc comment's lines,
// whether a blank line comes before it (and its comment), and its cells.
type field struct {
	doc          []byte
	blankBefore  bool
	name         string
	typ          []byte
	tag          []byte // nil: none
	nameW, typeW int    // widths in runes, as the tab writer counts them
}

// typeSpec prints ts (a struct type, see typeDecl) from its name to the
// closing brace, as go/printer would, and reports whether it could; on
// false, out is as it was. inside are the comment groups between "type"
// and the closing brace, which must all be fields' doc comments as
// writtenLines takes them.
//
// What it makes of go/printer's choices, for structs whose fields each
// have one name and sit on one line, with no line comments: a field's doc
// comment is written after a line break go/printer makes a formfeed, and
// a blank line ends a line of no cells, so either ends the tab writer's
// alignment; within a run of fields with neither between them, names are
// padded to the longest name and a blank, and the types of consecutive
// fields with tags to the longest such type and a blank (go/printer
// writes name, vtab, type, and before a tag two vtabs, the empty column
// discarded). Blank lines between fields are kept, at most one; a blank
// line after the opening brace or before the closing one is not written
// here (go/printer keeps some), and a struct with one fits on the same
// rules (go/printer writes blanks for vtabs there, which come to the same).
func (p *funcPrinter) typeSpec(ts *ast.TypeSpec, st *ast.StructType, inside []*ast.CommentGroup, c texts) bool {
	lbrace, rbrace := st.Fields.Opening, st.Fields.Closing
	if !p.oneLine(ts.Name.Pos(), lbrace) || p.oneLine(lbrace, rbrace) {
		return false
	}
	p.indent, p.lineStart, p.last, p.failed = 0, false, token.ILLEGAL, false
	fields := make([]field, len(st.Fields.List))
	prevEnd, docs := lbrace, 0
	for i, f := range st.Fields.List {
		if len(f.Names) != 1 || f.Comment != nil || !p.oneLine(f.Pos(), f.End()) {
			return false
		}
		first := f.Pos()
		if f.Doc != nil {
			// The comment right above its field, and starting a line.
			between := p.src[p.offset(f.Doc.End()):p.offset(f.Pos())]
			doc, ok := writtenLines(p.src, f.Doc, p.offset(f.Doc.Pos()), p.offset(f.Doc.End()), c)
			if !ok || bytes.Count(between, []byte{'\n'}) != 1 || !blank(between) {
				return false
			}
			first, fields[i].doc = f.Doc.Pos(), doc
			docs++
		}
		breaks := bytes.Count(p.src[p.offset(prevEnd):p.offset(first)], []byte{'\n'})
		if breaks == 0 || i == 0 && breaks > 1 {
			return false
		}
		fields[i].blankBefore = breaks > 1
		prevEnd = f.End()
		fields[i].name = f.Names[0].Name
		fields[i].typ = p.cell(func() { p.expr(f.Type) })
		if f.Tag != nil {
			fields[i].tag = p.cell(func() { p.literal(f.Tag) })
		}
		fields[i].nameW, fields[i].typeW = utf8.RuneCountInString(fields[i].name), utf8.RuneCount(fields[i].typ)
	}
	// Every comment inside is a field's doc comment (those are inside, and
	// distinct), and the closing brace is on the line after the last field.
	if p.failed || docs != len(inside) || bytes.Count(p.src[p.offset(prevEnd):p.offset(rbrace)], []byte{'\n'}) != 1 {
		return false
	}
	p.out = append(append(p.out, ts.Name.Name...), " struct {\n"...)
	for run := fields; len(run) > 0; {
		n := 1 // the fields aligned together: up to a comment or blank line
		for n < len(run) && run[n].doc == nil && !run[n].blankBefore {
			n++
		}
		p.fieldRun(run[:n])
		run = run[n:]
	}
	p.out = append(p.out, '}')
	return true
}

// fieldRun writes fields aligned as one run (see typeSpec).
func (p *funcPrinter) fieldRun(run []field) {
	nameW := 0
	for _, f := range run {
		nameW = max(nameW, f.nameW)
	}
	typeW := 0 // of the run of tagged fields the field is in
	for i, f := range run {
		if f.blankBefore {
			p.out = append(p.out, '\n')
		}
		if f.doc != nil {
			p.out = appendIndented(append(p.out, '\t'), f.doc, []byte{'\t'})
			p.out = append(p.out, '\n')
		}
		p.out = append(append(p.out, '\t'), f.name...)
		p.out = append(pad(p.out, nameW-f.nameW+1), f.typ...)
		if f.tag != nil {
			if i == 0 || run[i-1].tag == nil {
				typeW = 0
				for _, g := range run[i:] {
					if g.tag == nil {
						break
					}
					typeW = max(typeW, g.typeW)
				}
			}
			p.out = append(pad(p.out, typeW-f.typeW+1), f.tag...)
		}
		p.out = append(p.out, '\n')
	}
}

// cell is what print writes, taken back out of p.out.
func (p *funcPrinter) cell(print func()) []byte {
	start := len(p.out)
	p.last = token.ILLEGAL
	print()
	b := bytes.Clone(p.out[start:])
	p.out = p.out[:start]
	return b
}

func pad(out []byte, n int) []byte {
	for range n {
		out = append(out, ' ')
	}
	return out
}
