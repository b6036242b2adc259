package jmespath

import (
	"math/big"
	"strings"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tUnquotedIdentifier
	tQuotedIdentifier
	tLiteral
	tRbracket
	tRparen
	tComma
	tRbrace
	tNumber
	tCurrent
	tExpref
	tColon
	tPipe
	tOr
	tAnd
	tEq
	tGt
	tLt
	tGte
	tLte
	tNe
	tFlatten
	tStar
	tFilter
	tDot
	tNot
	tLbrace
	tLbracket
	tLparen
)

var tokNames = [...]string{"eof", "unquoted_identifier", "quoted_identifier", "literal", "rbracket",
	"rparen", "comma", "rbrace", "number", "current", "expref", "colon", "pipe", "or", "and", "eq",
	"gt", "lt", "gte", "lte", "ne", "flatten", "star", "filter", "dot", "not", "lbrace", "lbracket", "lparen"}

func (k tokKind) String() string { return tokNames[k] }

// bindingPower is jmespath.py's Parser.BINDING_POWER.
var bindingPower = [...]int{
	tEOF: 0, tUnquotedIdentifier: 0, tQuotedIdentifier: 0, tLiteral: 0, tRbracket: 0, tRparen: 0,
	tComma: 0, tRbrace: 0, tNumber: 0, tCurrent: 0, tExpref: 0, tColon: 0, tPipe: 1, tOr: 2,
	tAnd: 3, tEq: 5, tGt: 5, tLt: 5, tGte: 5, tLte: 5, tNe: 5, tFlatten: 9, tStar: 20,
	tFilter: 21, tDot: 40, tNot: 45, tLbrace: 50, tLbracket: 55, tLparen: 60,
}

type token struct {
	kind  tokKind
	str   string // identifiers and operators: the value; numbers: the digits
	value any    // literals: the value; numbers: int64 or *big.Int
	start int    // in code points
}

// display returns Python's str() of the token's value, as ParseError shows it.
func (t token) display() string {
	switch t.kind {
	case tLiteral:
		return PyStr(t.value)
	case tNumber:
		return intString(t.value)
	}
	return t.str
}

type lexer struct {
	expr  string
	chars []rune
	pos   int
	cur   rune
	eof   bool
}

// tokenize is jmespath.py's Lexer.tokenize, run to the end.
func tokenize(expr string) ([]token, *ParseError) {
	if expr == "" {
		return nil, &ParseError{Expression: expr, msg: "Invalid JMESPath expression: cannot be empty."}
	}
	lx := &lexer{expr: expr, chars: []rune(expr)}
	lx.cur = lx.chars[0]
	toks := make([]token, 0, len(lx.chars)/2+2)
	for !lx.eof {
		c := lx.cur
		switch {
		case simpleToken(c) != tEOF:
			toks = append(toks, token{kind: simpleToken(c), str: string(c), start: lx.pos})
			lx.next()
		case c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			start := lx.pos
			for lx.next() && isIdentChar(lx.cur) {
			}
			end := lx.pos
			if lx.eof {
				end = len(lx.chars)
			}
			toks = append(toks, token{kind: tUnquotedIdentifier, str: string(lx.chars[start:end]), start: start})
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			lx.next()
		case c == '[':
			start := lx.pos
			lx.next()
			switch {
			case !lx.eof && lx.cur == ']':
				lx.next()
				toks = append(toks, token{kind: tFlatten, str: "[]", start: start})
			case !lx.eof && lx.cur == '?':
				lx.next()
				toks = append(toks, token{kind: tFilter, str: "[?", start: start})
			default:
				toks = append(toks, token{kind: tLbracket, str: "[", start: start})
			}
		case c == '\'':
			start := lx.pos
			s, err := lx.consumeUntil('\'')
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tLiteral, value: strings.ReplaceAll(s, `\'`, `'`), start: start})
		case c == '|':
			toks = append(toks, lx.matchOrElse('|', tOr, tPipe))
		case c == '&':
			toks = append(toks, lx.matchOrElse('&', tAnd, tExpref))
		case c == '`':
			t, err := lx.consumeLiteral()
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
		case c >= '0' && c <= '9':
			start := lx.pos
			toks = append(toks, numberToken(lx.consumeNumber(), start))
		case c == '-':
			start := lx.pos
			buf := lx.consumeNumber()
			if len(buf) == 1 {
				return nil, lexerError(expr, start, "Unknown token '-'")
			}
			toks = append(toks, numberToken(buf, start))
		case c == '"':
			t, err := lx.consumeQuotedIdentifier()
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
		case c == '<':
			toks = append(toks, lx.matchOrElse('=', tLte, tLt))
		case c == '>':
			toks = append(toks, lx.matchOrElse('=', tGte, tGt))
		case c == '!':
			toks = append(toks, lx.matchOrElse('=', tNe, tNot))
		case c == '=':
			pos := lx.pos
			if lx.next() && lx.cur == '=' {
				toks = append(toks, token{kind: tEq, str: "==", start: pos})
				lx.next()
			} else {
				return nil, lexerError(expr, pos, "Unknown token '='")
			}
		default:
			return nil, lexerError(expr, lx.pos, "Unknown token "+string(c))
		}
	}
	toks = append(toks, token{kind: tEOF, start: len(lx.chars)})
	return toks, nil
}

func simpleToken(c rune) tokKind {
	switch c {
	case '.':
		return tDot
	case '*':
		return tStar
	case ']':
		return tRbracket
	case ',':
		return tComma
	case ':':
		return tColon
	case '@':
		return tCurrent
	case '(':
		return tLparen
	case ')':
		return tRparen
	case '{':
		return tLbrace
	case '}':
		return tRbrace
	}
	return tEOF
}

func isIdentChar(c rune) bool {
	return c == '_' || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// next advances as jmespath.py's _next does: at the last character the
// position stays and the lexer reaches the end. It reports whether there is
// a current character.
func (lx *lexer) next() bool {
	if lx.pos >= len(lx.chars)-1 {
		lx.eof = true
		return false
	}
	lx.pos++
	lx.cur = lx.chars[lx.pos]
	return true
}

func (lx *lexer) consumeNumber() string {
	start := lx.pos
	for lx.next() && lx.cur >= '0' && lx.cur <= '9' {
	}
	end := lx.pos
	if lx.eof {
		end = len(lx.chars)
	}
	return string(lx.chars[start:end])
}

func numberToken(digits string, start int) token {
	b, _ := new(big.Int).SetString(digits, 10)
	return token{kind: tNumber, str: digits, value: normInt(b), start: start}
}

func (lx *lexer) matchOrElse(expected rune, match, otherwise tokKind) token {
	start := lx.pos
	cur := lx.cur
	if lx.next() && lx.cur == expected {
		lx.next()
		return token{kind: match, str: string(cur) + string(expected), start: start}
	}
	return token{kind: otherwise, str: string(cur), start: start}
}

// consumeUntil is jmespath.py's _consume_until: the text up to delimiter,
// backslashes kept.
func (lx *lexer) consumeUntil(delim rune) (string, *ParseError) {
	start := lx.pos
	var b strings.Builder
	lx.next()
	for lx.eof || lx.cur != delim {
		if !lx.eof && lx.cur == '\\' {
			b.WriteByte('\\')
			lx.next()
		}
		if lx.eof {
			return "", lexerError(lx.expr, start, "Unclosed "+string(delim)+" delimiter")
		}
		b.WriteRune(lx.cur)
		lx.next()
	}
	lx.next()
	return b.String(), nil
}

func (lx *lexer) consumeLiteral() (token, *ParseError) {
	start := lx.pos
	s, err := lx.consumeUntil('`')
	if err != nil {
		return token{}, err
	}
	lexeme := strings.ReplaceAll(s, "\\`", "`")
	v, jerr := pyJSONLoads(lexeme)
	if jerr != nil {
		if jerr.recursion != "" {
			return token{}, &ParseError{Expression: lx.expr, Offset: start, msg: jerr.recursion}
		}
		v, jerr = pyJSONLoads(`"` + strings.TrimLeftFunc(lexeme, PyIsSpace) + `"`)
		if jerr != nil {
			return token{}, lexerError(lx.expr, start, "Bad token "+lexeme)
		}
	}
	return token{kind: tLiteral, value: v, start: start}, nil
}

func (lx *lexer) consumeQuotedIdentifier() (token, *ParseError) {
	start := lx.pos
	s, err := lx.consumeUntil('"')
	if err != nil {
		return token{}, err
	}
	v, jerr := pyJSONLoads(`"` + s + `"`)
	if jerr != nil {
		msg, _, _ := strings.Cut(jerr.msg, ":")
		return token{}, lexerError(lx.expr, start, msg)
	}
	return token{kind: tQuotedIdentifier, str: v.(string), start: start}, nil
}
