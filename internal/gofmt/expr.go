package gofmt

import (
	"go/ast"
	"go/token"
)

// The expression half of funcPrinter. Each function makes the choices its
// counterpart in go/printer makes (nodes.go, Go 1.26) for an expression on
// one source line: where blanks go around binary operators (by precedence
// and nesting depth), where parentheses stay, which tokens need a blank so
// they do not run together. Whatever it does not know (function literals,
// type parameters, non-empty struct or interface types, a number gofmt
// would rewrite) fails the declaration, which go/printer then prints.

// expr1 prints x inside an operator of precedence prec1 at nesting depth.
func (p *funcPrinter) expr1(x ast.Expr, prec1, depth int) {
	if p.failed {
		return
	}
	switch x := x.(type) {
	case *ast.Ident:
		p.word(x.Name, token.IDENT)
	case *ast.BasicLit:
		p.literal(x)
	case *ast.BinaryExpr:
		p.binary(x, prec1, cutoff(x, depth), depth)
	case *ast.KeyValueExpr:
		p.expr(x.Key)
		p.token(token.COLON)
		p.blank()
		p.expr(x.Value)
	case *ast.StarExpr:
		if token.UnaryPrec < prec1 {
			p.token(token.LPAREN)
			p.token(token.MUL)
			p.expr(x.X)
			p.token(token.RPAREN)
			return
		}
		p.token(token.MUL)
		p.expr(x.X)
	case *ast.UnaryExpr:
		if x.Op == token.RANGE {
			p.fail()
			return
		}
		if token.UnaryPrec < prec1 {
			p.token(token.LPAREN)
			p.expr(x)
			p.token(token.RPAREN)
			return
		}
		p.token(x.Op)
		p.expr1(x.X, token.UnaryPrec, depth)
	case *ast.ParenExpr:
		if _, double := x.X.(*ast.ParenExpr); double {
			p.expr1(x.X, token.LowestPrec, depth)
			return
		}
		p.token(token.LPAREN)
		p.expr1(x.X, token.LowestPrec, reduceDepth(depth))
		p.token(token.RPAREN)
	case *ast.SelectorExpr:
		p.expr1(x.X, token.HighestPrec, depth)
		p.token(token.PERIOD)
		p.word(x.Sel.Name, token.IDENT)
	case *ast.TypeAssertExpr:
		p.expr1(x.X, token.HighestPrec, depth)
		p.token(token.PERIOD)
		p.token(token.LPAREN)
		if x.Type == nil {
			p.token(token.TYPE)
		} else {
			p.expr(x.Type)
		}
		p.token(token.RPAREN)
	case *ast.IndexExpr:
		p.expr1(x.X, token.HighestPrec, 1)
		p.token(token.LBRACK)
		p.expr1(x.Index, token.LowestPrec, depth+1)
		p.token(token.RBRACK)
	case *ast.IndexListExpr:
		p.expr1(x.X, token.HighestPrec, 1)
		p.token(token.LBRACK)
		p.list(x.Indices, depth+1)
		p.token(token.RBRACK)
	case *ast.SliceExpr:
		p.slice(x, depth)
	case *ast.CallExpr:
		p.call(x, depth)
	case *ast.CompositeLit:
		if x.Incomplete {
			p.fail()
			return
		}
		if x.Type != nil {
			p.expr1(x.Type, token.HighestPrec, depth)
		}
		p.token(token.LBRACE)
		switch {
		case p.oneLine(x.Lbrace, x.Rbrace):
			p.list(x.Elts, 1)
		case x == p.multiLine:
			p.elements(x)
		default:
			p.fail()
		}
		p.token(token.RBRACE)
	case *ast.Ellipsis:
		p.token(token.ELLIPSIS)
		if x.Elt != nil {
			p.expr(x.Elt)
		}
	case *ast.ArrayType:
		p.token(token.LBRACK)
		if x.Len != nil {
			p.expr(x.Len)
		}
		p.token(token.RBRACK)
		p.expr(x.Elt)
	case *ast.MapType:
		p.token(token.MAP)
		p.token(token.LBRACK)
		p.expr(x.Key)
		p.token(token.RBRACK)
		p.expr(x.Value)
	case *ast.StructType:
		p.emptyFields(token.STRUCT, x.Fields, x.Incomplete)
	case *ast.InterfaceType:
		p.emptyFields(token.INTERFACE, x.Methods, x.Incomplete)
	case *ast.FuncType:
		p.token(token.FUNC)
		p.signature(x)
	case *ast.ChanType:
		switch x.Dir {
		case ast.SEND | ast.RECV:
			p.token(token.CHAN)
		case ast.RECV:
			p.token(token.ARROW)
			p.token(token.CHAN)
		case ast.SEND:
			p.token(token.CHAN)
			p.token(token.ARROW)
		}
		p.blank()
		p.expr(x.Value)
	default:
		// Function literals, BadExpr.
		p.fail()
	}
}

// signature prints a function's parameters and results, without type
// parameters (go/printer's rules for those are not worth copying here).
func (p *funcPrinter) signature(t *ast.FuncType) {
	if t.TypeParams != nil {
		p.fail()
		return
	}
	if t.Params == nil {
		p.token(token.LPAREN)
		p.token(token.RPAREN)
	} else {
		p.parameters(t.Params)
	}
	if t.Results.NumFields() == 0 {
		return
	}
	p.blank()
	if r := t.Results.List; len(r) == 1 && r[0].Names == nil {
		p.expr(p.unparenthesized(r[0].Type))
		return
	}
	p.parameters(t.Results)
}

// parameters prints (a, b T, c U) from a list on one line.
func (p *funcPrinter) parameters(fields *ast.FieldList) {
	p.token(token.LPAREN)
	for i, f := range fields.List {
		if i > 0 {
			p.token(token.COMMA)
			p.blank()
		}
		p.names(f.Names)
		if len(f.Names) > 0 {
			p.blank()
		}
		p.expr(p.unparenthesized(f.Type))
	}
	p.token(token.RPAREN)
}

func (p *funcPrinter) expr(x ast.Expr) { p.expr1(x, token.LowestPrec, 1) }

// list prints expressions separated by commas, all on one line.
func (p *funcPrinter) list(xs []ast.Expr, depth int) {
	for i, x := range xs {
		if i > 0 {
			p.token(token.COMMA)
			p.blank()
		}
		p.expr1(x, token.LowestPrec, depth)
	}
}

// names prints identifiers separated by commas.
func (p *funcPrinter) names(ids []*ast.Ident) {
	for i, id := range ids {
		if i > 0 {
			p.token(token.COMMA)
			p.blank()
		}
		p.word(id.Name, token.IDENT)
	}
}

// binary puts blanks around the operator when its precedence is below
// cutoff, which cutoff decides once for the whole expression.
func (p *funcPrinter) binary(x *ast.BinaryExpr, prec1, cutoff, depth int) {
	prec := x.Op.Precedence()
	if prec < prec1 {
		// The parser keeps parentheses as ParenExpr, so this is an AST
		// built by hand; go/printer would add parentheses. Let it.
		p.fail()
		return
	}
	blank := prec < cutoff
	p.expr1(x.X, prec, depth+diffPrec(x.X, prec))
	if blank {
		p.blank()
	}
	p.token(x.Op)
	if blank {
		p.blank()
	}
	p.expr1(x.Y, prec+1, depth+1)
}

// cutoff is the precedence below which operators of x get blanks: always
// below 6 at the top level unless levels 4 and 5 mix (then 5, so the
// tighter operator shows), never above 3 when nested, and above that
// whenever a unary operand would run into its operator (a / *b).
func cutoff(x *ast.BinaryExpr, depth int) int {
	has4, has5, problem := walkBinary(x)
	switch {
	case problem > 0:
		return problem + 1
	case has4 && has5 && depth == 1:
		return 5
	case has4 && has5:
		return 4
	case depth == 1:
		return 6
	}
	return 4
}

// walkBinary reports whether x, not counting operands the parentheses of
// precedence would set apart, has operators of precedence 4 and 5, and the
// highest precedence at which an operand would clash with its operator.
func walkBinary(x *ast.BinaryExpr) (has4, has5 bool, problem int) {
	switch x.Op.Precedence() {
	case 4:
		has4 = true
	case 5:
		has5 = true
	}
	if l, ok := x.X.(*ast.BinaryExpr); ok && l.Op.Precedence() >= x.Op.Precedence() {
		h4, h5, pr := walkBinary(l)
		has4, has5, problem = has4 || h4, has5 || h5, max(problem, pr)
	}
	switch r := x.Y.(type) {
	case *ast.BinaryExpr:
		if r.Op.Precedence() > x.Op.Precedence() {
			h4, h5, pr := walkBinary(r)
			has4, has5, problem = has4 || h4, has5 || h5, max(problem, pr)
		}
	case *ast.StarExpr:
		if x.Op == token.QUO { // a / *b would open a comment
			problem = 5
		}
	case *ast.UnaryExpr:
		switch x.Op.String() + r.Op.String() {
		case "/*", "&&", "&^":
			problem = 5
		case "++", "--":
			problem = max(problem, 4)
		}
	}
	return has4, has5, problem
}

// diffPrec is 0 when x is a binary expression of precedence prec, so a chain
// of one operator keeps one depth, and 1 otherwise.
func diffPrec(x ast.Expr, prec int) int {
	if b, ok := x.(*ast.BinaryExpr); ok && b.Op.Precedence() == prec {
		return 0
	}
	return 1
}

func reduceDepth(depth int) int { return max(depth-1, 1) }

// slice prints x[lo:hi:max], with blanks around the colons at the top level
// when there are two or more indices and one is a binary expression.
func (p *funcPrinter) slice(x *ast.SliceExpr, depth int) {
	p.expr1(x.X, token.HighestPrec, 1)
	p.token(token.LBRACK)
	indices := []ast.Expr{x.Low, x.High}
	if x.Max != nil {
		indices = append(indices, x.Max)
	}
	blanks := false
	if depth <= 1 {
		n, binary := 0, false
		for _, i := range indices {
			if i != nil {
				n++
				_, b := i.(*ast.BinaryExpr)
				binary = binary || b
			}
		}
		blanks = n > 1 && binary
	}
	for i, index := range indices {
		if i > 0 {
			if indices[i-1] != nil && blanks {
				p.blank()
			}
			p.token(token.COLON)
			if index != nil && blanks {
				p.blank()
			}
		}
		if index != nil {
			p.expr1(index, token.LowestPrec, depth+1)
		}
	}
	p.token(token.RBRACK)
}

func (p *funcPrinter) call(x *ast.CallExpr, depth int) {
	if len(x.Args) > 1 {
		depth++
	}
	switch x.Fun.(type) {
	case *ast.FuncType, *ast.ChanType:
		// go/printer parenthesizes some of these conversions.
		p.fail()
		return
	}
	p.expr1(x.Fun, token.HighestPrec, depth)
	p.token(token.LPAREN)
	p.list(x.Args, depth)
	if x.Ellipsis.IsValid() {
		p.token(token.ELLIPSIS)
	}
	p.token(token.RPAREN)
}

// emptyFields prints struct{} or interface{}; with fields, the body fails.
func (p *funcPrinter) emptyFields(keyword token.Token, fields *ast.FieldList, incomplete bool) {
	if incomplete || fields == nil || len(fields.List) > 0 {
		p.fail()
		return
	}
	p.token(keyword)
	p.token(token.LBRACE)
	p.token(token.RBRACE)
}

// literal prints a basic literal as written. gofmt rewrites number
// literals with upper-case prefixes or exponents and integer imaginary
// literals; the generator writes neither, so those fail the body.
func (p *funcPrinter) literal(x *ast.BasicLit) {
	if numberRewritten(x) {
		p.fail()
		return
	}
	p.word(x.Value, x.Kind)
}
