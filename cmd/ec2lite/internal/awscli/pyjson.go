package awscli

// A JSON parser that fails the way Python's json.loads does.
//
// The AWS CLI parses --filters '[...]' and --cli-input-json with json.loads
// and prints its exception ("Expecting ',' delimiter: line 1 column 21 (char
// 20)"), so ec2lite parses JSON arguments itself to print the same text. It
// accepts what json.loads accepts (NaN, Infinity and -Infinity included) and
// builds the value tree of tree.go: objects keep their key order (a repeated
// key keeps its first place and takes the last value, as a Python dict does),
// integers are int64 (bigger ones float64), other numbers float64. Positions
// in messages count characters (code points), not bytes, as Python does.

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pyJSONError is a json.JSONDecodeError: msg, and the position it happened at.
type pyJSONError struct {
	msg  string
	doc  []rune
	pos  int
	text string
}

func (e *pyJSONError) Error() string { return e.text }

func newPyJSONError(msg string, doc []rune, pos int) *pyJSONError {
	line := 1
	col := pos + 1
	for i := 0; i < pos && i < len(doc); i++ {
		if doc[i] == '\n' {
			line++
			col = pos - i
		}
	}
	return &pyJSONError{msg: msg, doc: doc, pos: pos,
		text: msg + ": line " + strconv.Itoa(line) + " column " + strconv.Itoa(col) + " (char " + strconv.Itoa(pos) + ")"}
}

// ParsePyJSON parses s as Python's json.loads does.
func ParsePyJSON(s string) (any, error) {
	p := &pyJSONParser{doc: []rune(s)}
	p.skipWS()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipWS()
	if p.i != len(p.doc) {
		return nil, newPyJSONError("Extra data", p.doc, p.i)
	}
	return v, nil
}

type pyJSONParser struct {
	doc   []rune
	i     int
	depth int // arrays and objects open at i
}

// maxJSONDepth is how deeply arrays and objects may nest: beyond it the AWS
// CLI's json.loads runs out of Python's stack (RecursionError). AWS CLI v2
// decodes --filters file://f.json of 978 nested arrays and objects and fails
// at 979; the other places the AWS CLI decodes JSON start a few Python frames
// higher or lower, so there the limit is approximate.
const maxJSONDepth = 978

func (p *pyJSONParser) skipWS() {
	for p.i < len(p.doc) {
		switch p.doc[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *pyJSONParser) has(lit string) bool {
	r := []rune(lit)
	if p.i+len(r) > len(p.doc) {
		return false
	}
	for k, c := range r {
		if p.doc[p.i+k] != c {
			return false
		}
	}
	return true
}

// value parses a value at p.i (whitespace already skipped).
func (p *pyJSONParser) value() (any, error) {
	if p.i >= len(p.doc) {
		return nil, newPyJSONError("Expecting value", p.doc, p.i)
	}
	switch c := p.doc[p.i]; {
	case c == '"':
		return p.str()
	case c == '{', c == '[':
		what := "array"
		if c == '{' {
			what = "object"
		}
		if p.depth++; p.depth > maxJSONDepth {
			return nil, &RecursionError{recursionMsg + " while decoding a JSON " + what + " from a unicode string"}
		}
		defer func() { p.depth-- }()
		if c == '{' {
			return p.object()
		}
		return p.array()
	case c == 'n' && p.has("null"):
		p.i += 4
		return nil, nil
	case c == 't' && p.has("true"):
		p.i += 4
		return true, nil
	case c == 'f' && p.has("false"):
		p.i += 5
		return false, nil
	case c == 'N' && p.has("NaN"):
		p.i += 3
		return math.NaN(), nil
	case c == 'I' && p.has("Infinity"):
		p.i += 8
		return math.Inf(1), nil
	case c == '-' && p.has("-Infinity"):
		p.i += 9
		return math.Inf(-1), nil
	case c == '-' || c >= '0' && c <= '9':
		if v, ok := p.number(); ok {
			return v, nil
		}
	}
	return nil, newPyJSONError("Expecting value", p.doc, p.i)
}

// number matches Python's NUMBER_RE: (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?
func (p *pyJSONParser) number() (any, bool) {
	start := p.i
	j := p.i
	if j < len(p.doc) && p.doc[j] == '-' {
		j++
	}
	digits := func() int {
		n := 0
		for j < len(p.doc) && p.doc[j] >= '0' && p.doc[j] <= '9' {
			j++
			n++
		}
		return n
	}
	if j < len(p.doc) && p.doc[j] == '0' {
		j++
	} else if digits() == 0 {
		return nil, false
	}
	isFloat := false
	if j+1 < len(p.doc) && p.doc[j] == '.' && p.doc[j+1] >= '0' && p.doc[j+1] <= '9' {
		j++
		digits()
		isFloat = true
	}
	if j < len(p.doc) && (p.doc[j] == 'e' || p.doc[j] == 'E') {
		k := j + 1
		if k < len(p.doc) && (p.doc[k] == '+' || p.doc[k] == '-') {
			k++
		}
		if k < len(p.doc) && p.doc[k] >= '0' && p.doc[k] <= '9' {
			j = k
			digits()
			isFloat = true
		}
	}
	text := string(p.doc[start:j])
	p.i = j
	if !isFloat {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n, true
		}
	}
	f, _ := strconv.ParseFloat(text, 64)
	return f, true
}

func (p *pyJSONParser) str() (any, error) {
	begin := p.i
	p.i++ // opening quote
	var b strings.Builder
	for {
		if p.i >= len(p.doc) {
			return nil, newPyJSONError("Unterminated string starting at", p.doc, begin)
		}
		c := p.doc[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c < 0x20:
			return nil, newPyJSONError("Invalid control character at", p.doc, p.i)
		case c == '\\':
			if p.i+1 >= len(p.doc) {
				return nil, newPyJSONError("Unterminated string starting at", p.doc, begin)
			}
			e := p.doc[p.i+1]
			switch e {
			case '"', '\\', '/':
				b.WriteRune(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				u, ok := p.hex4(p.i + 2)
				if !ok {
					return nil, newPyJSONError("Invalid \\uXXXX escape", p.doc, p.i+1)
				}
				p.i += 6
				if u >= 0xd800 && u <= 0xdbff && p.i+1 < len(p.doc) && p.doc[p.i] == '\\' && p.doc[p.i+1] == 'u' {
					if lo, ok := p.hex4(p.i + 2); ok && lo >= 0xdc00 && lo <= 0xdfff {
						u = 0x10000 + (u-0xd800)<<10 + (lo - 0xdc00)
						p.i += 6
					}
				}
				if u >= 0xd800 && u <= 0xdfff {
					// A lone surrogate: Python keeps it; Go strings cannot.
					b.WriteRune(utf8.RuneError)
				} else {
					b.WriteRune(rune(u))
				}
				continue
			default:
				return nil, newPyJSONError("Invalid \\escape", p.doc, p.i)
			}
			p.i += 2
		default:
			b.WriteRune(c)
			p.i++
		}
	}
}

func (p *pyJSONParser) hex4(at int) (int, bool) {
	if at+4 > len(p.doc) {
		return 0, false
	}
	n := 0
	for _, c := range p.doc[at : at+4] {
		var d int
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'f':
			d = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = int(c-'A') + 10
		default:
			return 0, false
		}
		n = n*16 + d
	}
	return n, true
}

func (p *pyJSONParser) object() (any, error) {
	p.i++ // {
	o := &Object{}
	p.skipWS()
	if p.i < len(p.doc) && p.doc[p.i] == '}' {
		p.i++
		return o, nil
	}
	for {
		if p.i >= len(p.doc) || p.doc[p.i] != '"' {
			return nil, newPyJSONError("Expecting property name enclosed in double quotes", p.doc, p.i)
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipWS()
		if p.i >= len(p.doc) || p.doc[p.i] != ':' {
			return nil, newPyJSONError("Expecting ':' delimiter", p.doc, p.i)
		}
		p.i++
		p.skipWS()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		o.Set(k.(string), v)
		p.skipWS()
		if p.i < len(p.doc) && p.doc[p.i] == '}' {
			p.i++
			return o, nil
		}
		if p.i >= len(p.doc) || p.doc[p.i] != ',' {
			return nil, newPyJSONError("Expecting ',' delimiter", p.doc, p.i)
		}
		p.i++
		p.skipWS()
	}
}

func (p *pyJSONParser) array() (any, error) {
	p.i++ // [
	l := []any{}
	p.skipWS()
	if p.i < len(p.doc) && p.doc[p.i] == ']' {
		p.i++
		return l, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		l = append(l, v)
		p.skipWS()
		if p.i < len(p.doc) && p.doc[p.i] == ']' {
			p.i++
			return l, nil
		}
		if p.i >= len(p.doc) || p.doc[p.i] != ',' {
			return nil, newPyJSONError("Expecting ',' delimiter", p.doc, p.i)
		}
		p.i++
		p.skipWS()
	}
}
