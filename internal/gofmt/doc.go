package gofmt

import (
	"bytes"
	"go/ast"
	"go/build/constraint"
	"go/doc/comment"
	"go/token"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// docComment is a top-level doc comment (the package's, or a
// declaration's) and the position of the token after it.
type docComment struct {
	group *ast.CommentGroup
	next  token.Pos
}

// topDocs lists file's top-level doc comments in file order.
func topDocs(file *ast.File) []docComment {
	var docs []docComment
	if file.Doc != nil {
		docs = append(docs, docComment{file.Doc, file.Package})
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				docs = append(docs, docComment{d.Doc, d.Pos()})
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				docs = append(docs, docComment{d.Doc, d.Pos()})
			}
		}
	}
	return docs
}

// reformatted reports whether go/printer reformats the doc comment d (of
// src, whose first position is base): it does where the comment starts a
// line and the next token starts the next (intersperseComments).
func (d docComment) reformatted(src []byte, base int) bool {
	start, end := int(d.group.Pos())-base, int(d.group.End())-base
	return (start == 0 || src[start-1] == '\n') && end+1 == int(d.next)-base
}

// beforeImport reports whether d documents an import declaration, which
// go/printer never reformats (cgo's preambles).
func (d docComment) beforeImport(src []byte, base int) bool {
	return bytes.HasPrefix(src[int(d.next)-base:], []byte("import"))
}

// texts caches, for one file, what go/printer makes of a comment text
// (reformat): comments repeat.
type texts map[string]string

func (c texts) reformat(text string) string {
	if plain(text) {
		return text
	}
	out, ok := c[text]
	if !ok {
		out = reformat(text)
		c[text] = out
	}
	return out
}

// plain reports whether go/doc/comment gives text (a doc comment's, as
// docText gives it) back as it is, where that shows without parsing it:
// paragraphs of lines that start with neither a blank nor a tab (no code
// blocks or lists, nor the heuristics for misindented ones), one blank
// line between two and none before the first or after the last, no line
// starting with '#' (a heading) or '[' (maybe a link's definition), no
// paragraph of one line between two others (maybe an old-style heading),
// no blank of any kind starting or ending a line, no control characters,
// and no two backquotes or two single quotes in a row (which it writes as
// curly quotes). Reading a text through go/doc/comment was a fifth of
// formatting a file of documented types, for texts nearly all plain.
// TestPlainDocs holds it to go/doc/comment.
func plain(text string) bool {
	body, ok := strings.CutSuffix(text, "\n")
	if !ok || body == "" || strings.Contains(body, "``") || strings.Contains(body, "''") {
		return false // (go/doc/comment writes those as curly quotes)
	}
	lines, paragraphs := 0, 0 // lines of the paragraph, paragraphs before it
	for line := range strings.SplitSeq(body, "\n") {
		if line == "" {
			if lines == 0 || lines == 1 && paragraphs > 0 {
				return false // a blank line after another; a one-line paragraph between two
			}
			lines, paragraphs = 0, paragraphs+1
			continue
		}
		if c := line[0]; c == ' ' || c == '#' || c == '[' {
			return false
		}
		first, _ := utf8.DecodeRuneInString(line)
		last, _ := utf8.DecodeLastRuneInString(line)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			return false // go/doc/comment trims them
		}
		for i := 0; i < len(line); i++ {
			if c := line[i]; c < ' ' || c == 0x7f {
				return false // tabs among them
			}
		}
		lines++
	}
	return lines > 0
}

// writtenLines returns the lines go/printer writes for the comment group g,
// from start to end in src, where that is g itself, indented, whether or
// not it reformats g as a doc comment, and reports false for any other
// group: // lines to themselves, none a directive or a // +build line,
// each with one blank after the slashes (or a tab, or nothing else), with
// text that go/doc/comment leaves as it is. One thing it changes is taken
// too: a line of nothing but blanks after the slashes (a generator's empty
// comment line, "// ") is written "//", as both its reformatting and, for
// a group it does not reformat, its trimming of blanks at line ends write
// it.
func writtenLines(src []byte, g *ast.CommentGroup, start, end int, c texts) ([]byte, bool) {
	if !ownLines(src, g, start, end) {
		return nil, false
	}
	list, trimmed := g.List, false
	for i, cm := range g.List {
		if t := strings.TrimRight(cm.Text, " \t"); t == "//" && t != cm.Text {
			if !trimmed {
				list, trimmed = slices.Clone(g.List), true
			}
			list[i] = &ast.Comment{Slash: cm.Slash, Text: t}
		}
	}
	if !textsAsWritten(list, c) {
		return nil, false
	}
	if !trimmed {
		return src[start:end], true
	}
	var b []byte
	for i, cm := range list {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, cm.Text...)
	}
	return b, true
}

// ownLines reports whether the comment group g, from start to end in src,
// is lines to itself, one comment a line.
func ownLines(src []byte, g *ast.CommentGroup, start, end int) bool {
	if start > 0 && src[start-1] != '\n' || end < len(src) && src[end] != '\n' {
		return false
	}
	for i := 1; i < len(g.List); i++ {
		if g.List[i].Slash != g.List[i-1].End()+1 {
			return false // not the next line's start
		}
	}
	return true
}

// textsAsWritten reports whether go/printer writes the comments of list,
// each on a line of its own, as they are (see writtenLines).
func textsAsWritten(list []*ast.Comment, c texts) bool {
	for _, cm := range list {
		after, ok := strings.CutPrefix(cm.Text, "//")
		switch {
		case !ok || after != "" && after[0] != '\t' && (len(after) < 2 || after[0] != ' ' || after[1] == '\t'):
			return false // not // or one blank as go/printer writes it
		case constraint.IsPlusBuild(cm.Text):
			return false // go/printer moves it (and any //go:build, a directive)
		case strings.ContainsRune(cm.Text, '\r') || strings.TrimRightFunc(cm.Text, unicode.IsSpace) != cm.Text:
			return false // go/printer trims trailing blanks
		}
	}
	text, ok := docText(list)
	return ok && c.reformat(text) == text
}

// dropComments takes the comment groups taken (in file order) out of
// file.Comments: they are printed here, and go/printer must not print
// them too.
func dropComments(file *ast.File, taken []*ast.CommentGroup) {
	if len(taken) == 0 {
		return
	}
	file.Comments = slices.DeleteFunc(file.Comments, func(g *ast.CommentGroup) bool {
		for len(taken) > 0 && taken[0].Pos() < g.Pos() {
			taken = taken[1:]
		}
		return len(taken) > 0 && taken[0] == g
	})
}

// marked is a comment group markDocs took from go/printer: its lines, and
// whether its marker has two comments.
type marked struct {
	lines []byte
	two   bool
}

// markDocs takes the comment groups that go/printer writes as they are
// (writtenLines) out of its hands, and returns them in file order. go/printer
// reformats a group that starts a line and touches the next token as a
// doc comment, through go/doc/comment, even where it gives the text back
// as it was; that was a quarter of what formatting a file of documented
// types cost (every field's comment is one: generated source is not
// indented). Here a text is read that way once, however often it repeats.
//
// Each group becomes a marker in file that go/printer writes as it is and
// spaces and indents as it would the group: a comment "//" and a NUL byte
// where the group starts, and, for a group of more lines, another at the
// start of its last line. Neither touches the next token, so go/printer
// does not reformat the marker (reformatting even a short text costs what
// most field comments do); splice puts the lines in its place, indented as
// the marker is. A group whose last line is as short as a marker is left
// to go/printer.
func markDocs(src []byte, file *ast.File, base int, c texts) []marked {
	var out []marked
	for _, g := range file.Comments {
		start, end := int(g.Pos())-base, int(g.End())-base
		last := g.List[len(g.List)-1]
		if len(last.Text) <= len(marker) {
			continue
		}
		lines, ok := writtenLines(src, g, start, end, c)
		if !ok {
			continue
		}
		list := []*ast.Comment{{Slash: g.Pos(), Text: marker}}
		if len(g.List) > 1 {
			list = append(list, &ast.Comment{Slash: last.Slash, Text: marker})
		}
		out = append(out, marked{lines, len(list) == 2})
		g.List = list
	}
	return out
}

// marker is what holds a comment group's place (see markDocs): a comment
// of a NUL byte, which no Go source can hold, so go/printer's output has
// it only where markDocs and source put it.
const marker = "//" + placeholder

// settledDocs rewrites, in src, the top-level doc comments that would come
// out of go/format as text it would change again on a second run, to the
// text repeated runs settle on, and reports whether it rewrote any.
// go/printer reformats a doc comment through go/doc/comment, and that is
// not idempotent: an unindented list right after a paragraph, its items
// apart, gains its blank line before only on the second pass (another case
// is golang/go#73958). A generator's output must be what gofmt leaves
// alone, so such comments are settled first, in the source, where
// go/printer's positions stay true. Those as gofmt writes them already
// (writtenLines, nearly all) are read once, and left as they are.
func settledDocs(src []byte, file *ast.File, base int, c texts) ([]byte, bool) {
	var out []byte
	at := 0
	type key struct {
		text        string
		reformatted bool
	}
	settled := map[key]string{} // "" when the text comes out settled already
	for _, d := range topDocs(file) {
		start, end := int(d.group.Pos())-base, int(d.group.End())-base
		if _, ok := writtenLines(src, d.group, start, end, c); ok || d.beforeImport(src, base) {
			continue // the common case: as gofmt writes it
		}
		text, ok := docText(d.group.List)
		if !ok {
			continue
		}
		// In go/printer's output every top-level doc comment starts a line
		// and touches what it documents, so a second run reformats them all.
		k := key{text, d.reformatted(src, base)}
		lines, seen := settled[k]
		if !seen {
			lines = settle(c, k.text, k.reformatted)
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
func settle(c texts, text string, reformatted bool) string {
	settled := c.reformat(text) // writtenLines may have read it already
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
	var b strings.Builder
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
	// ParseDirective's own first test, made here before the "//"+c it
	// needs is built: a text that starts with a blank or a capital, as
	// nearly every comment does, is no directive.
	if c == "" || !('a' <= c[0] && c[0] <= 'z' || '0' <= c[0] && c[0] <= '9') {
		return false
	}
	_, ok := ast.ParseDirective(token.NoPos, "//"+c)
	return ok
}
