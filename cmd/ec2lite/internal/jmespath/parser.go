package jmespath

import (
	"fmt"
	"math/big"
	"strings"
)

// The parser is a port of jmespath.py's Parser (a Pratt parser): the same
// binding powers, the same nud and led functions, the same errors at the
// same columns, and the same leniencies (a function's arguments and a
// multi-select hash's pairs need no commas between them).

type nodeKind uint8

const (
	nField nodeKind = iota
	nSubexpression
	nIndexExpression
	nPipe
	nComparator
	nCurrent
	nIdentity
	nExpref
	nFunction
	nFilterProjection
	nFlatten
	nIndex
	nSlice
	nLiteral
	nMultiSelectDict
	nMultiSelectList
	nOr
	nAnd
	nNot
	nProjection
	nValueProjection
)

type node struct {
	kind     nodeKind
	name     string // field name, function name, comparator token kind, key of a pair
	value    any    // literal value
	index    int64  // index; slice parts
	slice    [3]*int64
	op       tokKind // comparator
	children []*node
	keys     []string // multi-select hash keys, parallel to children
	fn       *function
}

// maxParseDepth is the nesting at which jmespath.py's recursive descent
// exceeds Python's recursion limit: it counts the parser's Python frames, so
// that 495 nested parentheses compile and 496 do not, as with the AWS CLI.
const maxParseDepth = 991

type parser struct {
	expr   string
	toks   []token
	i      int
	depth  int
	nRunes int
}

// parse compiles expr into an AST, returning a *ParseError on failure.
func parse(expr string) (n *node, err error) {
	toks, lerr := tokenize(expr)
	if lerr != nil {
		return nil, lerr
	}
	p := &parser{expr: expr, toks: toks, nRunes: toks[len(toks)-1].start}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*ParseError)
			if !ok {
				panic(r)
			}
			n, err = nil, pe
		}
	}()
	n = p.expression(0)
	if p.current() != tEOF {
		t := p.lookahead(0)
		p.fail(t, "Unexpected token: "+t.display())
	}
	return n, nil
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxParseDepth {
		panic(&ParseError{Expression: p.expr, Offset: p.lookahead(0).start, msg: recursionMsg})
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) current() tokKind { return p.lookahead(0).kind }

func (p *parser) lookahead(n int) token {
	i := p.i + n
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	if i < 0 {
		i += len(p.toks)
	}
	return p.toks[i]
}

func (p *parser) advance() { p.i++ }

func (p *parser) fail(t token, msg string) {
	panic(parseError(p.expr, t.start, t.display(), t.kind.String(), msg))
}

func (p *parser) incomplete() {
	panic(incompleteError(p.expr, p.nRunes))
}

func (p *parser) match(k tokKind) {
	if p.current() == k {
		p.advance()
		return
	}
	p.failMaybeEOF(k.String(), p.lookahead(0))
}

func (p *parser) failMaybeEOF(expected string, t token) {
	if t.kind == tEOF {
		p.incomplete()
	}
	p.fail(t, fmt.Sprintf("Expecting: %s, got: %s", expected, t.kind))
}

func (p *parser) expression(bp int) *node {
	p.enter()
	defer p.leave()
	left := p.lookahead(0)
	p.advance()
	n := p.nud(left)
	cur := p.current()
	for bp < bindingPower[cur] {
		p.advance()
		n = p.led(cur, n)
		cur = p.current()
	}
	return n
}

func (p *parser) nud(t token) *node {
	switch t.kind {
	case tLiteral:
		return &node{kind: nLiteral, value: t.value}
	case tUnquotedIdentifier:
		return &node{kind: nField, name: t.str}
	case tQuotedIdentifier:
		if p.current() == tLparen {
			t := p.lookahead(0)
			panic(parseError(p.expr, 0, t.display(), t.kind.String(), "Quoted identifier not allowed for function names."))
		}
		return &node{kind: nField, name: t.str}
	case tStar:
		p.enter()
		defer p.leave()
		left := &node{kind: nIdentity}
		var right *node
		if p.current() == tRbracket {
			right = &node{kind: nIdentity}
		} else {
			right = p.projectionRHS(bindingPower[tStar])
		}
		return &node{kind: nValueProjection, children: []*node{left, right}}
	case tFilter:
		// _token_nud_filter calls _token_led_filter: two Python frames.
		p.enter()
		p.enter()
		defer func() { p.depth -= 2 }()
		return p.ledFilter(&node{kind: nIdentity})
	case tLbrace:
		p.enter()
		defer p.leave()
		return p.multiSelectHash()
	case tLparen:
		p.enter()
		defer p.leave()
		n := p.expression(0)
		p.match(tRparen)
		return n
	case tFlatten:
		p.enter()
		defer p.leave()
		left := &node{kind: nFlatten, children: []*node{{kind: nIdentity}}}
		right := p.projectionRHS(bindingPower[tFlatten])
		return &node{kind: nProjection, children: []*node{left, right}}
	case tNot:
		p.enter()
		defer p.leave()
		return &node{kind: nNot, children: []*node{p.expression(bindingPower[tNot])}}
	case tLbracket:
		p.enter()
		defer p.leave()
		switch {
		case p.current() == tNumber || p.current() == tColon:
			right := p.indexExpression()
			return p.projectIfSlice(&node{kind: nIdentity}, right)
		case p.current() == tStar && p.lookahead(1).kind == tRbracket:
			p.advance()
			p.advance()
			right := p.projectionRHS(bindingPower[tStar])
			return &node{kind: nProjection, children: []*node{{kind: nIdentity}, right}}
		}
		return p.multiSelectList()
	case tCurrent:
		return &node{kind: nCurrent}
	case tExpref:
		p.enter()
		defer p.leave()
		return &node{kind: nExpref, children: []*node{p.expression(bindingPower[tExpref])}}
	case tEOF:
		p.incomplete()
	}
	p.fail(t, "invalid token")
	return nil
}

func (p *parser) led(k tokKind, left *node) *node {
	p.enter()
	defer p.leave()
	switch k {
	case tDot:
		if p.current() != tStar {
			right := p.dotRHS(bindingPower[tDot])
			if left.kind == nSubexpression {
				left.children = append(left.children, right)
				return left
			}
			return &node{kind: nSubexpression, children: []*node{left, right}}
		}
		p.advance()
		right := p.projectionRHS(bindingPower[tDot])
		return &node{kind: nValueProjection, children: []*node{left, right}}
	case tPipe:
		return &node{kind: nPipe, children: []*node{left, p.expression(bindingPower[tPipe])}}
	case tOr:
		return &node{kind: nOr, children: []*node{left, p.expression(bindingPower[tOr])}}
	case tAnd:
		return &node{kind: nAnd, children: []*node{left, p.expression(bindingPower[tAnd])}}
	case tLparen:
		if left.kind != nField {
			prev := p.lookahead(-2)
			p.fail(prev, fmt.Sprintf("Invalid function name '%s'", prev.display()))
		}
		var args []*node
		for p.current() != tRparen {
			e := p.expression(0)
			if p.current() == tComma {
				p.match(tComma)
			}
			args = append(args, e)
		}
		p.match(tRparen)
		return &node{kind: nFunction, name: left.name, children: args, fn: lookupFunction(left.name)}
	case tFilter:
		return p.ledFilter(left)
	case tEq, tNe, tGt, tGte, tLt, tLte:
		p.enter()
		defer p.leave()
		right := p.expression(bindingPower[k])
		return &node{kind: nComparator, op: k, children: []*node{left, right}}
	case tFlatten:
		l := &node{kind: nFlatten, children: []*node{left}}
		right := p.projectionRHS(bindingPower[tFlatten])
		return &node{kind: nProjection, children: []*node{l, right}}
	case tLbracket:
		t := p.lookahead(0)
		if t.kind == tNumber || t.kind == tColon {
			right := p.indexExpression()
			if left.kind == nIndexExpression {
				left.children = append(left.children, right)
				return left
			}
			return p.projectIfSlice(left, right)
		}
		p.match(tStar)
		p.match(tRbracket)
		right := p.projectionRHS(bindingPower[tStar])
		return &node{kind: nProjection, children: []*node{left, right}}
	}
	// A token with a binding power but no led function.
	p.i--
	p.fail(p.lookahead(0), "invalid token")
	return nil
}

func (p *parser) ledFilter(left *node) *node {
	cond := p.expression(0)
	p.match(tRbracket)
	var right *node
	if p.current() == tFlatten {
		right = &node{kind: nIdentity}
	} else {
		right = p.projectionRHS(bindingPower[tFilter])
	}
	return &node{kind: nFilterProjection, children: []*node{left, right, cond}}
}

func (p *parser) indexExpression() *node {
	if p.lookahead(0).kind == tColon || p.lookahead(1).kind == tColon {
		return p.sliceExpression()
	}
	n := &node{kind: nIndex, index: clampIndex(p.lookahead(0).value)}
	p.advance()
	p.match(tRbracket)
	return n
}

// clampIndex returns an index or slice part as an int64; values beyond
// ±2^62 behave as Python's arbitrarily large ones do (out of range).
func clampIndex(v any) int64 {
	const limit = 1 << 62
	switch v := v.(type) {
	case int64:
		return max(min(v, limit), -limit)
	case *big.Int:
		if v.Sign() < 0 {
			return -limit
		}
		return limit
	}
	return 0
}

func (p *parser) sliceExpression() *node {
	var parts [3]*int64
	index := 0
	cur := p.current()
	for cur != tRbracket && index < 3 {
		switch cur {
		case tColon:
			index++
			if index == 3 {
				p.fail(p.lookahead(0), "syntax error")
			}
			p.advance()
		case tNumber:
			v := clampIndex(p.lookahead(0).value)
			parts[index] = &v
			p.advance()
		default:
			p.fail(p.lookahead(0), "syntax error")
		}
		cur = p.current()
	}
	p.match(tRbracket)
	return &node{kind: nSlice, slice: parts}
}

func (p *parser) projectIfSlice(left, right *node) *node {
	ie := &node{kind: nIndexExpression, children: []*node{left, right}}
	if right.kind == nSlice {
		return &node{kind: nProjection, children: []*node{ie, p.projectionRHS(bindingPower[tStar])}}
	}
	return ie
}

func (p *parser) multiSelectList() *node {
	p.enter()
	defer p.leave()
	var exprs []*node
	for {
		exprs = append(exprs, p.expression(0))
		if p.current() == tRbracket {
			break
		}
		p.match(tComma)
	}
	p.match(tRbracket)
	return &node{kind: nMultiSelectList, children: exprs}
}

func (p *parser) multiSelectHash() *node {
	p.enter()
	defer p.leave()
	n := &node{kind: nMultiSelectDict}
	for {
		key := p.lookahead(0)
		if key.kind != tQuotedIdentifier && key.kind != tUnquotedIdentifier {
			p.failMaybeEOF("['quoted_identifier', 'unquoted_identifier']", key)
		}
		p.advance()
		p.match(tColon)
		v := p.expression(0)
		n.keys = append(n.keys, key.display())
		n.children = append(n.children, v)
		if p.current() == tComma {
			p.match(tComma)
		} else if p.current() == tRbrace {
			p.match(tRbrace)
			break
		}
	}
	return n
}

func (p *parser) projectionRHS(bp int) *node {
	p.enter()
	defer p.leave()
	switch cur := p.current(); {
	case bindingPower[cur] < 10:
		return &node{kind: nIdentity}
	case cur == tLbracket, cur == tFilter:
		return p.expression(bp)
	case cur == tDot:
		p.match(tDot)
		return p.dotRHS(bp)
	}
	p.fail(p.lookahead(0), "syntax error")
	return nil
}

func (p *parser) dotRHS(bp int) *node {
	p.enter()
	defer p.leave()
	switch p.current() {
	case tQuotedIdentifier, tUnquotedIdentifier, tStar:
		return p.expression(bp)
	case tLbracket:
		p.match(tLbracket)
		return p.multiSelectList()
	case tLbrace:
		p.match(tLbrace)
		return p.multiSelectHash()
	}
	t := p.lookahead(0)
	allowed := []string{"quoted_identifier", "unquoted_identifier", "lbracket", "lbrace"}
	p.fail(t, fmt.Sprintf("Expecting: ['%s'], got: %s", strings.Join(allowed, "', '"), t.kind))
	return nil
}
