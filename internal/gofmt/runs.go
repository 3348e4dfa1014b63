package gofmt

import (
	"bytes"
	"go/ast"
	"slices"
)

// joinRuns makes each run of consecutive function declarations printed
// here (spans, at their indices at in file.Decls) one: the first's
// placeholder stays, its body's closing brace moved to the last's, and
// the others leave file.Decls, their doc comments file.Comments; the
// run's text is theirs with the line breaks and doc comments go/printer
// would write between them. It returns the spans left, and how many doc
// comments the runs took.
//
// go/printer spent a tenth of formatting a file of codecs printing the
// placeholders: looking up the lines of each one's braces, and placing
// its doc comment. Between two function declarations it writes one blank
// line before a doc comment (at the top level it counts a line more than
// the source has before one, at most one blank), otherwise the source's
// line breaks, at least one and at most two. A run ends at any other
// comment between declarations, at a doc comment not right above its
// function or that go/printer would not write as it is (see docLines).
func (p *funcPrinter) joinRuns(file *ast.File, spans [][2]int, at []int, c texts) ([][2]int, int) {
	var joined [][2]int
	var taken []*ast.CommentGroup
	decls := file.Decls[:0:0]
	comments := file.Comments
	for i := 0; i < len(file.Decls); i++ {
		d := file.Decls[i]
		decls = append(decls, d)
		if len(at) == 0 || at[0] != i {
			continue
		}
		first, last := d.(*ast.FuncDecl), d.(*ast.FuncDecl)
		span := spans[0]
		spans, at = spans[1:], at[1:]
		for len(at) > 0 && at[0] == i+1 {
			next := file.Decls[i+1].(*ast.FuncDecl)
			for len(comments) > 0 && comments[0].Pos() < last.Body.Rbrace {
				comments = comments[1:]
			}
			sep, ok := p.between(last, next, comments, c)
			if !ok {
				break
			}
			if span[1] != len(p.out) { // the first joined: a copy to append to
				start := len(p.out)
				p.out = append(p.out, p.out[span[0]:span[1]]...)
				span[0] = start
			}
			p.out = append(append(append(p.out, sep...), "func "...), p.out[spans[0][0]:spans[0][1]]...)
			span[1] = len(p.out)
			if next.Doc != nil {
				taken = append(taken, next.Doc)
			}
			last = next
			spans, at, i = spans[1:], at[1:], i+1
		}
		first.Body.Rbrace = last.Body.Rbrace
		joined = append(joined, span)
	}
	file.Decls = decls
	n := len(taken)
	if n > 0 {
		file.Comments = slices.DeleteFunc(file.Comments, func(g *ast.CommentGroup) bool {
			for len(taken) > 0 && taken[0].Pos() < g.Pos() {
				taken = taken[1:]
			}
			return len(taken) > 0 && taken[0] == g
		})
	}
	return joined, n
}

// between is what go/printer writes between the function declarations
// prev and next, printed here, from after prev's closing brace to before
// next's "func"; comments are those of the file from prev's closing brace
// on. It reports false where the two are not to be joined (see joinRuns).
func (p *funcPrinter) between(prev, next *ast.FuncDecl, comments []*ast.CommentGroup, c texts) ([]byte, bool) {
	if len(comments) > 0 && comments[0].Pos() < next.Pos() && comments[0] != next.Doc ||
		len(comments) > 1 && comments[1].Pos() < next.Pos() {
		return nil, false
	}
	if next.Doc == nil {
		n := bytes.Count(p.src[p.offset(prev.Body.Rbrace):p.offset(next.Pos())], []byte{'\n'})
		return bytes.Repeat([]byte{'\n'}, max(1, min(n, 2))), true
	}
	g := next.Doc
	doc, ok := docLines(p.src, g, p.offset(g.Pos()), p.offset(g.End()), c)
	if !ok || p.offset(next.Pos()) != p.offset(g.End())+1 {
		return nil, false
	}
	return append(append([]byte("\n\n"), doc...), '\n'), true
}
