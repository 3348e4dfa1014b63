package gofmt

import (
	"go/ast"
	"go/token"
)

// The statement half of funcPrinter: go/printer's choices (nodes.go,
// Go 1.26) for statements whose own tokens sit on one source line. Blocks
// may span lines; between statements, as there, at most one blank line of
// the source is kept and at least one line break is made.

// block prints {, the statements indented by nindent, and }.
func (p *funcPrinter) block(b *ast.BlockStmt, nindent int) {
	p.token(token.LBRACE)
	p.end = p.offset(b.Lbrace) + 1
	p.stmtList(b.List, nindent)
	p.linebreak(b.Rbrace, 1)
	p.token(token.RBRACE)
	p.end = p.offset(b.Rbrace) + 1
}

func (p *funcPrinter) stmtList(list []ast.Stmt, nindent int) {
	p.indent += nindent
	for _, s := range list {
		if p.failed {
			return
		}
		p.linebreak(s.Pos(), 1)
		p.stmt(s)
	}
	p.indent -= nindent
}

func (p *funcPrinter) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		p.block(s, 1)
	case *ast.IfStmt:
		p.ifStmt(s)
	case *ast.ForStmt:
		p.header(s.Pos(), s.Body.Lbrace)
		p.token(token.FOR)
		p.controlClause(true, s.Init, s.Cond, s.Post)
		p.block(s.Body, 1)
	case *ast.RangeStmt:
		p.rangeStmt(s)
	case *ast.SwitchStmt:
		p.header(s.Pos(), s.Body.Lbrace)
		p.token(token.SWITCH)
		p.controlClause(false, s.Init, s.Tag, nil)
		p.block(s.Body, 0)
	case *ast.CaseClause:
		p.header(s.Pos(), s.Colon)
		if s.List != nil {
			p.token(token.CASE)
			p.blank()
			p.list(s.List, 1)
		} else {
			p.token(token.DEFAULT)
		}
		p.token(token.COLON)
		p.end = p.offset(s.Colon) + 1
		p.stmtList(s.Body, 1)
	default:
		if lit := endingLiteral(s); lit != nil && !p.oneLine(lit.Lbrace, lit.Rbrace) {
			p.header(s.Pos(), lit.Lbrace)
			p.multiLine = lit
		} else {
			p.header(s.Pos(), s.End())
		}
		p.simple(s)
		p.multiLine = nil
		p.end = p.offset(s.End())
	}
}

// endingLiteral is the composite literal (or its address) that is all s
// assigns, returns or declares, if any: the one place a statement printed
// here may spread over lines, as the generator's constructors do with
// their keyed literals. Elsewhere a literal over lines goes with the
// lines of what holds it, which is go/printer's business.
func endingLiteral(s ast.Stmt) *ast.CompositeLit {
	var x ast.Expr
	switch s := s.(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			x = s.Results[0]
		}
	case *ast.DeclStmt:
		if d, ok := s.Decl.(*ast.GenDecl); ok && len(d.Specs) == 1 {
			if v, ok := d.Specs[0].(*ast.ValueSpec); ok && len(v.Values) == 1 {
				x = v.Values[0]
			}
		}
	}
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = u.X
	}
	if lit, ok := x.(*ast.CompositeLit); ok && lit.End() == s.End() {
		return lit
	}
	return nil
}

// simple prints a statement that holds no block.
func (p *funcPrinter) simple(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.ExprStmt:
		p.expr1(s.X, token.LowestPrec, 1)
	case *ast.AssignStmt:
		depth := 1
		if len(s.Lhs) > 1 && len(s.Rhs) > 1 {
			depth++
		}
		p.list(s.Lhs, depth)
		p.blank()
		p.token(s.Tok)
		p.blank()
		p.list(s.Rhs, depth)
	case *ast.IncDecStmt:
		p.expr1(s.X, token.LowestPrec, 2)
		p.token(s.Tok)
	case *ast.ReturnStmt:
		p.token(token.RETURN)
		if s.Results != nil {
			p.blank()
			p.list(s.Results, 1)
		}
	case *ast.BranchStmt:
		p.token(s.Tok)
		if s.Label != nil {
			p.blank()
			p.word(s.Label.Name, token.IDENT)
		}
	case *ast.DeclStmt:
		p.declStmt(s)
	case *ast.GoStmt:
		p.keywordCall(token.GO, s.Call)
	case *ast.DeferStmt:
		p.keywordCall(token.DEFER, s.Call)
	default:
		// Labels, select, type switches, sends, empty statements.
		p.fail()
	}
}

// keywordCall prints go f() or defer f().
func (p *funcPrinter) keywordCall(keyword token.Token, call *ast.CallExpr) {
	p.token(keyword)
	p.blank()
	p.expr(call)
}

func (p *funcPrinter) ifStmt(s *ast.IfStmt) {
	p.header(s.Pos(), s.Body.Lbrace)
	p.token(token.IF)
	p.controlClause(false, s.Init, s.Cond, nil)
	p.block(s.Body, 1)
	if s.Else == nil {
		return
	}
	// go/printer keeps "} else {" on one line whatever the source does.
	p.blank()
	p.token(token.ELSE)
	p.blank()
	switch e := s.Else.(type) {
	case *ast.IfStmt:
		p.ifStmt(e)
	case *ast.BlockStmt:
		p.block(e, 1)
	default:
		p.fail()
	}
}

func (p *funcPrinter) rangeStmt(s *ast.RangeStmt) {
	p.header(s.Pos(), s.Body.Lbrace)
	p.token(token.FOR)
	p.blank()
	if s.Key != nil {
		p.expr(s.Key)
		if s.Value != nil {
			p.token(token.COMMA)
			p.blank()
			p.expr(s.Value)
		}
		p.blank()
		p.token(s.Tok)
		p.blank()
	}
	p.token(token.RANGE)
	p.blank()
	p.expr(p.unparenthesized(s.X))
	p.blank()
	p.block(s.Body, 1)
}

// controlClause prints what stands between if, for or switch and the
// block: semicolons only when there is an init or post statement.
func (p *funcPrinter) controlClause(isFor bool, init ast.Stmt, x ast.Expr, post ast.Stmt) {
	p.blank()
	needsBlank := false
	if init == nil && post == nil {
		if x != nil {
			p.expr(p.unparenthesized(x))
			needsBlank = true
		}
	} else {
		if init != nil {
			p.simple(init)
		}
		p.token(token.SEMICOLON)
		p.blank()
		if x != nil {
			p.expr(p.unparenthesized(x))
			needsBlank = true
		}
		if isFor {
			p.token(token.SEMICOLON)
			p.blank()
			needsBlank = false
			if post != nil {
				p.simple(post)
				needsBlank = true
			}
		}
	}
	if needsBlank {
		p.blank()
	}
}

// unparenthesized is x, failing the body when x is parenthesized. gofmt
// drops parentheses around conditions, range expressions and parameter
// types (unless a composite literal inside needs them); the generator
// writes none, so the rule is not copied here.
func (p *funcPrinter) unparenthesized(x ast.Expr) ast.Expr {
	if _, ok := x.(*ast.ParenExpr); ok {
		p.fail()
	}
	return x
}

// declStmt prints var or const with one unparenthesized spec.
func (p *funcPrinter) declStmt(s *ast.DeclStmt) {
	d, ok := s.Decl.(*ast.GenDecl)
	if !ok || d.Lparen.IsValid() || len(d.Specs) != 1 || d.Doc != nil || d.Tok != token.VAR && d.Tok != token.CONST {
		p.fail()
		return
	}
	v := d.Specs[0].(*ast.ValueSpec)
	if v.Doc != nil || v.Comment != nil {
		p.fail()
		return
	}
	p.token(d.Tok)
	p.blank()
	p.names(v.Names)
	if v.Type != nil {
		p.blank()
		p.expr(v.Type)
	}
	if v.Values != nil {
		p.blank()
		p.token(token.ASSIGN)
		p.blank()
		p.list(v.Values, 1)
	}
}
