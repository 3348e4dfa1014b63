package gofmt

import (
	"bytes"
	"go/ast"
)

// joinRuns makes each run of consecutive function declarations printed
// here (placeholders, whose texts are at spans in file order) one: the
// first's placeholder stays, its body's closing brace moved to the last's,
// and the others leave file.Decls, their doc comments file.Comments. It
// returns the runs, each as the spans of its declarations with what
// go/printer would write before each but the first (the line breaks and
// doc comment between it and the one before, then "func "), and how many
// doc comments the runs took.
//
// go/printer spent a tenth of formatting a file of codecs printing the
// placeholders: looking up the lines of each one's braces, and placing
// its doc comment. Between two function declarations it writes one blank
// line before a doc comment (at the top level it counts a line more than
// the source has before one, at most one blank), otherwise the source's
// line breaks, at least one and at most two. A run ends at any other
// comment between declarations, at a doc comment not right above its
// function or that go/printer would not write as it is (see writtenLines).
func (p *funcPrinter) joinRuns(file *ast.File, spans [][2]int, c texts) ([]run, int) {
	var runs []run
	var taken []*ast.CommentGroup
	decls := file.Decls[:0:0]
	comments := file.Comments
	k := 0 // spans[k] is the next placeholder's
	for i := 0; i < len(file.Decls); {
		d := file.Decls[i]
		decls, i = append(decls, d), i+1
		first, ok := placeholderFunc(d)
		if !ok {
			continue
		}
		from, last := k, first
		before := [][]byte{nil}
		for k++; i < len(file.Decls); i, k = i+1, k+1 {
			next, ok := placeholderFunc(file.Decls[i])
			if !ok {
				break
			}
			for len(comments) > 0 && comments[0].Pos() < last.Body.Rbrace {
				comments = comments[1:]
			}
			sep, ok := p.between(last, next, comments, c)
			if !ok {
				break
			}
			before = append(before, sep)
			if next.Doc != nil {
				taken = append(taken, next.Doc)
			}
			last = next
		}
		first.Body.Rbrace = last.Body.Rbrace
		runs = append(runs, run{spans: spans[from:k], before: before})
	}
	file.Decls = decls
	dropComments(file, taken)
	return runs, len(taken)
}

// placeholderFunc reports whether d is a function declaration printed
// here (see funcDecls), and returns it.
func placeholderFunc(d ast.Decl) (*ast.FuncDecl, bool) {
	fd, ok := d.(*ast.FuncDecl)
	return fd, ok && fd.Name.Name == placeholder
}

// run is function declarations printed here one after another, which
// go/printer sees as one placeholder: where each is in the printed
// declarations, and what comes before each but the first.
type run struct {
	spans  [][2]int
	before [][]byte
}

// append appends r's declarations, taken from decls, to out.
func (r run) append(out, decls []byte) []byte {
	for k, span := range r.spans {
		out = append(append(out, r.before[k]...), decls[span[0]:span[1]]...)
	}
	return out
}

// between is what go/printer writes between the function declarations
// prev and next, printed here, from after prev's closing brace to next's
// name or receiver; comments are those of the file from prev's closing brace
// on. It reports false where the two are not to be joined (see joinRuns).
func (p *funcPrinter) between(prev, next *ast.FuncDecl, comments []*ast.CommentGroup, c texts) ([]byte, bool) {
	if len(comments) > 0 && comments[0].Pos() < next.Pos() && comments[0] != next.Doc ||
		len(comments) > 1 && comments[1].Pos() < next.Pos() {
		return nil, false
	}
	if next.Doc == nil {
		n := bytes.Count(p.src[p.offset(prev.Body.Rbrace):p.offset(next.Pos())], []byte{'\n'})
		return []byte("\n\nfunc ")[2-max(1, min(n, 2)):], true
	}
	g := next.Doc
	doc, ok := writtenLines(p.src, g, p.offset(g.Pos()), p.offset(g.End()), c)
	if !ok || p.offset(next.Pos()) != p.offset(g.End())+1 {
		return nil, false
	}
	return append(append([]byte("\n\n"), doc...), "\nfunc "...), true
}
