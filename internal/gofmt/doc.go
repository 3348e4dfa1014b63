package gofmt

import (
	"bytes"
	"go/ast"
	"go/doc/comment"
	"go/token"
	"strings"
)

// settledDocs rewrites, in src, the top-level doc comments that would come
// out of go/format as text it would change again on a second run, to the
// text repeated runs settle on, and reports whether it rewrote any.
// go/printer reformats a doc comment through go/doc/comment, and that is
// not idempotent: an unindented list right after a paragraph, its items
// apart, gains its blank line before only on the second pass (another case
// is golang/go#73958). A generator's output must be what gofmt leaves
// alone, so such comments are settled first, in the source, where
// go/printer's positions stay true.
func settledDocs(src []byte, file *ast.File, base int) ([]byte, bool) {
	type doc struct {
		group *ast.CommentGroup
		next  token.Pos // the token after it
	}
	var docs []doc
	if file.Doc != nil {
		docs = append(docs, doc{file.Doc, file.Package})
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				docs = append(docs, doc{d.Doc, d.Pos()})
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				docs = append(docs, doc{d.Doc, d.Pos()})
			}
		}
	}
	var out []byte
	at := 0
	type key struct {
		text        string
		reformatted bool
	}
	settled := map[key]string{} // "" when the text comes out settled already
	for _, d := range docs {
		start, end := int(d.group.Pos())-base, int(d.group.End())-base
		text, ok := docText(d.group.List)
		if !ok {
			continue
		}
		// go/printer reformats a comment only where it starts a line and
		// the next token starts the next (intersperseComments); in its
		// output, every top-level doc comment does, so a second run
		// reformats them all.
		k := key{text, (start == 0 || src[start-1] == '\n') && end+1 == int(d.next)-base}
		lines, seen := settled[k]
		if !seen {
			lines = settle(k.text, k.reformatted)
			settled[k] = lines
		}
		if lines == "" {
			continue
		}
		out = append(append(out, src[at:start]...), lines...)
		at = end
	}
	if out == nil {
		return src, false
	}
	return append(out, src[at:]...), true
}

// docText is the text go/printer's formatDocComment reads from a comment
// group: each // line without the // and one blank. Groups it would leave
// as they are, or treat specially (block comments, directives), are not
// read.
func docText(list []*ast.Comment) (string, bool) {
	var b strings.Builder
	for _, c := range list {
		after, ok := strings.CutPrefix(c.Text, "//")
		if !ok || isDirective(after) {
			return "", false
		}
		b.WriteString(strings.TrimPrefix(after, " "))
		b.WriteByte('\n')
	}
	return b.String(), true
}

// settle returns the comment lines of text as repeated reformatting
// leaves it, or "" when what go/printer writes (text reformatted once, or
// as it is) is that already.
func settle(text string, reformatted bool) string {
	settled := reformat(text)
	if settled == text {
		return "" // the common case: the text is as gofmt writes it
	}
	if reformatted {
		out := settled // what go/printer writes
		if settled = reformat(out); settled == out {
			return ""
		}
	}
	for range 8 {
		next := reformat(settled)
		if next == settled {
			break
		}
		settled = next
	}
	var b bytes.Buffer
	for i, line := range strings.Split(strings.TrimSuffix(settled, "\n"), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch {
		case line == "":
			b.WriteString("//")
		case line[0] == '\t':
			b.WriteString("//" + line)
		default:
			b.WriteString("// " + line)
		}
	}
	return b.String()
}

// reformat is what go/printer does to a doc comment's text.
func reformat(text string) string {
	var p comment.Parser
	var pr comment.Printer
	return string(pr.Comment(p.Parse(text)))
}

// isDirective reports whether the text after // is a directive, which
// go/printer keeps apart: what go/ast.ParseDirective takes (//go:generate,
// //lint:ignore ...) and the three it leaves out, //line, //extern and
// //export (go/printer's own test, isDirective, has all four).
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	_, ok := ast.ParseDirective(token.NoPos, "//"+c)
	return ok
}
