package gofmt

import (
	"bytes"
	"go/ast"
	"go/token"
	"math"
)

// elements prints the elements of a composite literal one to a line, as
// go/printer's exprList does when the source has them so: indented, each
// followed by a comma, and with key: value pairs aligned in a column. The
// column is go/printer's tab writer's, broken into sections where the
// printer breaks it: where a key is much longer or shorter than the keys
// before it (the ratio to their geometric mean, for keys over 40 bytes).
// The literal fails unless each element is on one line of its own, with
// no blank lines, and every key is ASCII (the tab writer counts runes,
// the printer bytes).
func (p *funcPrinter) elements(x *ast.CompositeLit) {
	if len(x.Elts) == 0 {
		p.fail()
		return
	}
	// Where each element sits, and the size go/printer gives it: the
	// key's for a pair, the element's otherwise.
	sizes := make([]int, len(x.Elts))
	prev := p.offset(x.Lbrace) + 1
	for i, e := range x.Elts {
		start, end := p.offset(e.Pos()), p.offset(e.End())
		if bytes.Count(p.src[prev:start], []byte{'\n'}) != 1 || !p.oneLine(e.Pos(), e.End()) {
			p.fail()
			return
		}
		prev = end
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			sizes[i] = p.measure(func() { p.expr(kv.Key) })
			if !ascii(p.src[start:p.offset(kv.Colon)]) {
				p.fail()
				return
			}
		} else {
			sizes[i] = p.measure(func() { p.expr(e) })
		}
	}
	if bytes.Count(p.src[prev:p.offset(x.Rbrace)], []byte{'\n'}) != 1 {
		p.fail()
		return
	}
	// The widest key of each run of pairs within a section, and so where
	// their values start: the tab writer aligns a column over consecutive
	// lines that have a cell in it, and only pairs have one.
	newSection := sections(sizes)
	width := make([]int, len(x.Elts))
	for i := 0; i < len(x.Elts); {
		j := i + 1
		if isPair(x.Elts[i]) {
			for j < len(x.Elts) && !newSection[j] && isPair(x.Elts[j]) {
				j++
			}
		}
		w := 0
		for k := i; k < j; k++ {
			w = max(w, sizes[k])
		}
		for k := i; k < j; k++ {
			width[k] = w
		}
		i = j
	}
	p.indent++
	for i, e := range x.Elts {
		p.newline()
		if kv, ok := e.(*ast.KeyValueExpr); ok && len(x.Elts) > 1 {
			p.expr(kv.Key)
			p.token(token.COLON)
			for range width[i] - sizes[i] + 1 {
				p.out = append(p.out, ' ')
			}
			p.last = token.ILLEGAL
			p.expr(kv.Value)
		} else {
			p.expr(e)
		}
		p.token(token.COMMA)
	}
	p.indent--
	p.newline()
}

// sections reports, for each element, whether go/printer starts a new
// section of alignment at it (exprList's useFF).
func sections(sizes []int) []bool {
	const (
		small = 40  // keys this short always align
		ratio = 2.5 // beyond which a key breaks the alignment
	)
	starts := make([]bool, len(sizes))
	lnsum, count := 0.0, 0
	for i, size := range sizes {
		if i > 0 {
			prev := sizes[i-1]
			newSection := true
			if count == 0 || prev <= small && size <= small {
				newSection = false
			} else {
				geomean := math.Exp(lnsum / float64(count))
				r := float64(size) / geomean
				newSection = ratio*r <= 1 || ratio <= r
			}
			if newSection {
				starts[i] = true
				lnsum, count = 0, 0
			}
		}
		lnsum += math.Log(float64(size))
		count++
	}
	return starts
}

// measure is the number of bytes print writes, which it then takes back.
func (p *funcPrinter) measure(print func()) int {
	start, last, lineStart := len(p.out), p.last, p.lineStart
	p.lineStart = false
	print()
	n := len(p.out) - start
	p.out, p.last, p.lineStart = p.out[:start], last, lineStart
	return n
}

func isPair(x ast.Expr) bool {
	_, ok := x.(*ast.KeyValueExpr)
	return ok
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
