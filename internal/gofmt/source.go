// Package gofmt formats a Go source file as go/format.Source does, in less
// time for the kind of code a generator writes.
//
// go/format parses the file and prints it with go/printer, whose cost is
// mostly in function bodies: it looks up line numbers for nearly every
// token, measures lists by printing them aside, and pushes every byte
// through a tab writer. A generated function is plainer than that
// machinery allows for: no comments, one statement a line. Such function
// declarations (receiver to closing brace) are printed here by a printer
// that makes go/printer's choices for the constructs it knows and gives up
// on the rest; so are struct types of one-line fields with their doc
// comments, whose alignment in columns is simple enough to do without a
// tab writer (go/printer measured every field's name by printing it aside).
// go/printer prints everything else (the package clause, imports, other
// types, constants, doc comments and the declarations given up on) with
// each declaration printed here reduced to a placeholder, or each run of
// functions printed here one after another (see joinRuns), whose place
// the printed declarations then take. Comments that go/printer writes as
// they are, which is nearly all a generator writes, are taken from it too
// (see markDocs), and whether a text is one of those is told without
// go/doc/comment where it can be (see plain).
//
// One deliberate difference: a doc comment go/format would change again if
// run on its own output (go/doc/comment is not idempotent on some lists)
// comes out as further runs leave it, so the output is always what gofmt
// leaves alone (see settledDocs).
package gofmt

import (
	"bytes"
	"errors"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
)

// Source formats src as go/format.Source would, and fails as it would,
// except that doc comments come out settled (see the package comment).
func Source(src []byte) ([]byte, error) {
	out, _, err := source(src)
	return out, err
}

// placeholder names the declarations printed here (functions, struct types) in what
// go/printer prints: a lone NUL byte, which no Go source can hold (the
// scanner rejects it), so it cannot be confused with anything else.
const placeholder = "\x00"

// written says what source wrote itself rather than go/printer.
type written struct {
	decls    int // function declarations
	types    int // struct type declarations
	joined   int // function declarations joined to the one before (see joinRuns)
	comments int // comment groups (markDocs' markers, and the doc comments of struct fields and joined functions)
}

// source is Source, also saying what it wrote itself.
func source(src []byte) ([]byte, written, error) {
	fset := token.NewFileSet()
	// What go/format.Source does for a whole file: parse, sort imports,
	// print with its configuration (below).
	file, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		// Not a whole file: go/format also takes declaration and statement
		// lists, and says what is wrong in the same words.
		out, err := format.Source(src)
		return out, written{}, err
	}
	texts := texts{}
	if settled, ok := settledDocs(src, file, fset.File(file.Pos()).Base(), texts); ok {
		src = settled
		fset = token.NewFileSet()
		if file, err = parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution); err != nil {
			return nil, written{}, err
		}
	}
	ast.SortImports(fset, file)
	base := fset.File(file.Pos()).Base()
	// What is printed here is most of the file, usually (all but the
	// package clause, imports and constants of a codec file): room for
	// all of it spares the copies of growing. For a file that is mostly
	// other declarations the room goes unused, which costs little: fresh
	// memory is only faulted in where written, and reused memory is
	// cleared, not copied (measured over a whole OpenAI generation: 0.4%
	// fewer instructions and 6% fewer page faults with splice's room).
	p := &funcPrinter{src: src, base: base, out: make([]byte, 0, len(src))}
	// Struct types first, since the comments of their fields go with them
	// (out of file.Comments, before markDocs takes what is left).
	types, fieldDocs := p.typeSpecs(file, texts)
	spans := p.funcDecls(file)
	runs, runDocs := p.joinRuns(file, spans, texts)
	docs := markDocs(src, file, base, texts)
	if rewritesNumbers(file) {
		// go/format also rewrites 0X1 as 0x1 and 1E3 as 1e3, through a
		// printer mode it alone can set. Generated code has no such
		// literals (declarations printed here have none: literal fails them);
		// should a file have one, go/format formats it all.
		out, err := format.Source(src)
		return out, written{}, err
	}
	var buf bytes.Buffer
	buf.Grow(len(src))
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&buf, fset, file); err != nil {
		return nil, written{}, err
	}
	out, err := splice(buf.Bytes(), p.out, runs, types, docs)
	if err != nil {
		// A bug here, not in src: go/format gives the right answer.
		out, err := format.Source(src)
		return out, written{}, err
	}
	return out, written{len(spans), len(types), len(spans) - len(runs), len(docs) + fieldDocs + runDocs}, nil
}

// funcDecls prints the function declarations of file that funcDecl can
// print, and returns where each is in p.out, in file order. Each printed
// declaration becomes a placeholder.
func (p *funcPrinter) funcDecls(file *ast.File) (spans [][2]int) {
	comments := file.Comments
	for _, d := range file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		b := fd.Body
		for len(comments) > 0 && comments[0].End() <= fd.Pos() {
			comments = comments[1:] // up to its doc comment
		}
		// A declaration with comments past its doc comment, or a body
		// go/printer might keep on one line (its braces on one line in the
		// source), is left to go/printer.
		if len(comments) > 0 && comments[0].Pos() < b.Rbrace || len(b.List) == 0 || p.oneLine(b.Lbrace, b.Rbrace) {
			continue
		}
		start := len(p.out)
		if !p.funcDecl(fd) {
			continue
		}
		spans = append(spans, [2]int{start, len(p.out)})
		// What go/printer still prints of fd: its doc comment, "func ",
		// the placeholder for a name, () and braces still lines apart, so
		// it spreads them over lines as it would have the body (funcBody,
		// bodySize) and the line breaks around fd stay the same.
		*fd = ast.FuncDecl{
			Doc:  fd.Doc,
			Name: &ast.Ident{NamePos: fd.Name.NamePos, Name: placeholder},
			Type: &ast.FuncType{Func: fd.Type.Func, Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{Lbrace: b.Lbrace, Rbrace: b.Rbrace},
		}
	}
	return spans
}

// splice replaces, in printed, the k-th placeholder function declaration
// (from its name to its closing brace) with the k-th run of declarations
// (see joinRuns), the k-th placeholder struct type (likewise) with
// decls[types[k]], and the k-th comment marker (see markDocs) with
// docs[k]'s lines, indented as the marker is.
func splice(printed, decls []byte, runs []run, types [][2]int, docs []marked) ([]byte, error) {
	// Room for all that is added: the joined runs' doc comments and the
	// comments of the markers come on top of printed and decls (and the
	// markers' indentation, mostly none at the top level).
	size := len(printed) + len(decls)
	for _, r := range runs {
		for _, b := range r.before {
			size += len(b)
		}
	}
	for _, d := range docs {
		size += len(d.lines)
	}
	out := make([]byte, 0, size)
	at := 0
	for {
		i := bytes.IndexByte(printed[at:], 0)
		if i < 0 {
			break
		}
		i += at
		if start := i - len("//"); start >= 0 && string(printed[start:i]) == "//" {
			if len(docs) == 0 {
				return nil, errors.New("gofmt: more comment markers than comments")
			}
			indent, end, err := markerAt(printed, start, docs[0].two)
			if err != nil {
				return nil, err
			}
			out = appendIndented(append(out, printed[at:start]...), docs[0].lines, indent)
			docs, at = docs[1:], end
			continue
		}
		rest, isFunc := bytes.CutPrefix(printed[i+1:], []byte("() {"))
		if !isFunc {
			var ok bool
			if rest, ok = bytes.CutPrefix(printed[i+1:], []byte(" struct {")); !ok {
				return nil, errors.New("gofmt: a placeholder is neither a function nor a struct type")
			}
		}
		close := bytes.IndexByte(rest, '}')
		if close < 0 || !blank(rest[:close]) {
			return nil, errors.New("gofmt: a placeholder's body is not empty")
		}
		out = append(out, printed[at:i]...)
		switch {
		case isFunc && len(runs) > 0:
			out, runs = runs[0].append(out, decls), runs[1:]
		case !isFunc && len(types) > 0:
			out, types = append(out, decls[types[0][0]:types[0][1]]...), types[1:]
		default:
			return nil, errors.New("gofmt: more placeholders than declarations printed")
		}
		at = len(printed) - len(rest) + close + 1
	}
	if len(runs) > 0 || len(types) > 0 || len(docs) > 0 {
		return nil, errors.New("gofmt: a placeholder or comment marker is missing")
	}
	return append(out, printed[at:]...), nil
}

// markerAt reads the comment marker (see markDocs) that starts at start in
// printed, as go/printer writes it: a line "//" and a NUL byte after its
// indentation, and for a group of more lines another after it, or after a
// blank line. It returns the indentation and where the marker ends (the
// line break after it stays).
func markerAt(printed []byte, start int, two bool) ([]byte, int, error) {
	line := bytes.LastIndexByte(printed[:start], '\n') + 1
	indent := printed[line:start]
	end := start + len(marker)
	if two {
		rest, ok := bytes.CutPrefix(printed[end:], []byte("\n"))
		if ok {
			rest = bytes.TrimPrefix(rest, []byte("\n"))
			rest, ok = bytes.CutPrefix(rest, indent)
		}
		if !ok || !bytes.HasPrefix(rest, []byte(marker)) {
			return nil, 0, errors.New("gofmt: a comment's second marker is missing")
		}
		end = len(printed) - len(rest) + len(marker)
	}
	if end < len(printed) && printed[end] != '\n' || len(bytes.Trim(indent, "\t")) > 0 {
		return nil, 0, errors.New("gofmt: a comment's marker is out of place")
	}
	return indent, end, nil
}

// appendIndented appends lines to out, each after the first indented by
// indent.
func appendIndented(out, lines, indent []byte) []byte {
	if len(indent) == 0 {
		return append(out, lines...)
	}
	for k, l := range bytes.Split(lines, []byte("\n")) {
		if k > 0 {
			out = append(append(out, '\n'), indent...)
		}
		out = append(out, l...)
	}
	return out
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != '\n' && c != '\t' && c != ' ' {
			return false
		}
	}
	return true
}

// rewritesNumbers reports whether go/format would write a number literal
// of file differently: upper-case base prefixes and exponents, and integer
// imaginary literals (normalizedNumber in go/printer).
func rewritesNumbers(file *ast.File) bool {
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && numberRewritten(lit) {
			found = true
		}
		return !found
	})
	return found
}

// numberRewritten reports whether go/format writes lit otherwise, or might:
// any imaginary literal, a base prefix in upper case, an exponent in upper
// case (hexadecimal digits stay as they are).
func numberRewritten(lit *ast.BasicLit) bool {
	v := lit.Value
	switch {
	case lit.Kind == token.IMAG:
		return true
	case lit.Kind != token.INT && lit.Kind != token.FLOAT:
		return false
	case len(v) >= 2 && v[0] == '0' && (v[1] == 'X' || v[1] == 'O' || v[1] == 'B'):
		return true
	case len(v) >= 2 && v[0] == '0' && v[1] == 'x':
		return strings.IndexByte(v, 'P') >= 0
	}
	return strings.IndexByte(v, 'E') >= 0
}
