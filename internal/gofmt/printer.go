package gofmt

import (
	"bytes"
	"go/ast"
	"go/token"
	"strings"
)

// funcPrinter writes function declarations, from receiver to closing brace,
// as go/printer would, for declarations without comments whose signature
// and statements each sit on one source line (a statement's final keyed
// literal aside, see elements). It needs no tab writer (nothing else in
// such a declaration aligns in columns) and asks the file for no line
// numbers: line breaks between statements are counted in the source bytes
// between them.
type funcPrinter struct {
	src  []byte // the parsed source
	base int    // the token.File's base: a Pos minus base is an offset in src

	out       []byte
	indent    int
	lineStart bool        // indentation is due before the next token
	last      token.Token // the last token written; ILLEGAL after white space
	end       int         // offset in src just past the last statement, brace or colon printed
	failed    bool

	// multiLine is the composite literal the statement being printed
	// ends with, when it spreads its elements over lines.
	multiLine *ast.CompositeLit
}

// funcDecl prints fd from its receiver or name to its closing brace (the
// doc comment and "func " are go/printer's) and reports whether it could:
// on false, out is as it was.
func (p *funcPrinter) funcDecl(fd *ast.FuncDecl) bool {
	start := len(p.out)
	p.indent, p.lineStart, p.last, p.failed = 0, false, token.ILLEGAL, false
	p.header(fd.Pos(), fd.Body.Lbrace)
	if fd.Recv != nil {
		p.parameters(fd.Recv)
		p.blank()
	}
	p.word(fd.Name.Name, token.IDENT)
	p.signature(fd.Type)
	p.blank()
	p.block(fd.Body, 1)
	if p.failed {
		p.out = p.out[:start]
		return false
	}
	return true
}

func (p *funcPrinter) fail() { p.failed = true }

func (p *funcPrinter) offset(pos token.Pos) int { return int(pos) - p.base }

// header fails the body unless from and to are on one line of the source.
func (p *funcPrinter) header(from, to token.Pos) {
	if !p.oneLine(from, to) {
		p.fail()
	}
}

func (p *funcPrinter) oneLine(from, to token.Pos) bool {
	return bytes.IndexByte(p.src[p.offset(from):p.offset(to)], '\n') < 0
}

// linebreak starts the line of the node at pos: as many line breaks as the
// source has since the last thing printed, at least least and at most two
// (one blank line).
func (p *funcPrinter) linebreak(pos token.Pos, least int) {
	n := max(least, min(bytes.Count(p.src[p.end:p.offset(pos)], []byte{'\n'}), 2))
	for range n {
		p.newline()
	}
}

// newline ends the line; indentation is written before the next token.
func (p *funcPrinter) newline() {
	p.out = append(p.out, '\n')
	p.lineStart = true
	p.last = token.ILLEGAL
}

func (p *funcPrinter) blank() {
	p.out = append(p.out, ' ')
	p.last = token.ILLEGAL
}

// token writes an operator, delimiter or keyword, with a blank before it
// when it would otherwise run into the token before (- -x, a / *b).
func (p *funcPrinter) token(t token.Token) {
	s := t.String()
	if mayCombine(p.last, s[0]) {
		p.out = append(p.out, ' ')
	}
	p.write(s)
	p.last = t
}

// word writes an identifier or literal as kind.
func (p *funcPrinter) word(s string, kind token.Token) {
	if strings.IndexByte(s, '\n') >= 0 {
		p.fail()
		return
	}
	p.write(s)
	p.last = kind
}

func (p *funcPrinter) write(s string) {
	if p.lineStart {
		for range p.indent {
			p.out = append(p.out, '\t')
		}
		p.lineStart = false
	}
	p.out = append(p.out, s...)
}

// mayCombine reports whether next, written right after prev, would read as
// another token (1. or ++ or /* ...).
func mayCombine(prev token.Token, next byte) bool {
	switch prev {
	case token.INT:
		return next == '.'
	case token.ADD:
		return next == '+'
	case token.SUB:
		return next == '-'
	case token.QUO:
		return next == '*'
	case token.LSS:
		return next == '-' || next == '<'
	case token.AND:
		return next == '&' || next == '^'
	}
	return false
}
