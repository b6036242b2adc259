package awscli

// The AWS CLI's shorthand syntax (awscli/shorthand.py), for --filters:
//
//	Name=username,Values=alice,bob       {"Name": "username", "Values": ["alice", "bob"]}
//	Name=username,Values=[alice,bob]     the same, with an explicit list
//	Name=username,Values='a,b',"c d"     quoted values keep commas and spaces
//	Name=x,Values=a\,b                   an escaped comma
//	Name@=file://name.txt                a value read from a file
//
// parseShorthand is a port of ShorthandParser: the same grammar, the same
// character classes, the same backtracking in comma-separated values and the
// same error messages, positions counted in characters.

import (
	"strings"
)

// shorthandError is a ShorthandParseError: its message is what the AWS CLI
// prints after "Error parsing parameter '--filters': ". A syntax error keeps
// the input and renders its location only when printed: the parser raises
// and catches one at every optional token (Key@=), and rendering each would
// make parsing quadratic in the input's length.
type shorthandError struct {
	msg string
	// A syntax error: the message is "Expected: 'expected', received:
	// 'actual' for input:" and the input with a caret under index.
	syntax           bool
	expected, actual string
	in               []rune
	index            int
}

func (e *shorthandError) Error() string {
	if e.syntax {
		return "Expected: '" + e.expected + "', received: '" + e.actual + "' for input:\n" + errorLocation(e.in, e.index)
	}
	return e.msg
}

// RecursionError is Python's RecursionError, raised where the AWS CLI's
// parsers (shorthand.py's recursive descent, the json module) run out of
// Python's stack on deeply nested input. The AWS CLI does not catch it: it
// prints the message alone and exits 255.
type RecursionError struct{ Msg string }

func (e *RecursionError) Error() string { return e.Msg }

// recursionMsg is the message of a RecursionError.
const recursionMsg = "maximum recursion depth exceeded"

// maxShorthandDepth is how deeply lists and hashes may nest in a shorthand
// value: AWS CLI v2 parses 485 levels and raises RecursionError at 486 (each
// level costs shorthand.py two Python frames of the 1000 Python allows).
const maxShorthandDepth = 485

// errorLocation renders the input with a caret under index, as
// ShorthandParseError._error_location does.
func errorLocation(value []rune, index int) string {
	consumed, remaining, spaces := string(value), "", index
	if index > len(value) {
		index = len(value)
	}
	before := value[:index]
	if k := lastIndexRune(before, '\n'); k >= 0 {
		spaces = index - k - 1
	}
	if k := indexRune(value[index:], '\n'); k >= 0 {
		consumed = string(value[:index+k])
		remaining = string(value[index+k:])
	}
	return consumed + "\n" + strings.Repeat(" ", spaces) + "^" + remaining
}

func indexRune(r []rune, c rune) int {
	for i, x := range r {
		if x == c {
			return i
		}
	}
	return -1
}

func lastIndexRune(r []rune, c rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == c {
			return i
		}
	}
	return -1
}

func shorthandSyntaxError(value []rune, expected, actual string, index int) *shorthandError {
	return &shorthandError{syntax: true, expected: expected, actual: actual, in: value, index: index}
}

// Character classes of shorthand.py (Python regular expressions over code
// points up to U+FFFF).
func startWord(c rune) bool {
	return c == '!' || c >= '#' && c <= '&' || c >= '(' && c <= '+' || c >= '-' && c <= '<' ||
		c >= '>' && c <= 'Z' || c >= '\\' && c <= 'z' || c >= '|' && c <= 0xffff
}

func firstFollow(c rune) bool {
	return PyIsSpace(c) || c == '!' || c >= '#' && c <= '&' || c >= '(' && c <= '+' ||
		c >= '-' && c <= '\\' || c >= '^' && c <= '|' || c >= '~' && c <= 0xffff
}

func secondFollow(c rune) bool {
	return PyIsSpace(c) || c == '!' || c >= '#' && c <= '&' || c >= '(' && c <= '+' ||
		c >= '-' && c <= '<' || c >= '>' && c <= 0xffff
}

// stringWhitespace is Python's string.whitespace.
func stringWhitespace(c rune) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

type shorthandParser struct {
	in        []rune
	i         int
	paramfile bool
	readFile  func(path string) (string, error) // resolves Key@=file://path
	depth     int                               // lists and hashes open at p.i
}

// ParseShorthand parses one shorthand value into an *Object.
func ParseShorthand(value string, readFile func(string) (string, error)) (*Object, error) {
	p := &shorthandParser{in: []rune(value), readFile: readFile}
	var params *Object
	var deep *RecursionError
	se := p.catch(func() {
		defer func() {
			if r := recover(); r != nil {
				re, ok := r.(*RecursionError)
				if !ok {
					panic(r)
				}
				deep = re
			}
		}()
		params = p.parameter()
	})
	switch {
	case deep != nil:
		return nil, deep
	case se != nil:
		return nil, se
	}
	return params, nil
}

// nest enters a list or a hash, raising a RecursionError beyond
// maxShorthandDepth; the caller defers p.unnest.
func (p *shorthandParser) nest() {
	if p.depth++; p.depth > maxShorthandDepth {
		panic(&RecursionError{recursionMsg})
	}
}

func (p *shorthandParser) unnest() { p.depth-- }

func (p *shorthandParser) fail(expected, actual string) {
	panic(shorthandSyntaxError(p.in, expected, actual, p.i))
}

func (p *shorthandParser) parameter() *Object {
	params := &Object{}
	k, v := p.keyval()
	params.Set(k, v)
	last := p.i
	for p.i < len(p.in) {
		p.expect(',', true)
		k, v := p.keyval()
		if _, dup := params.Get(k); dup {
			panic(&shorthandError{msg: "Second instance of key \"" + k + "\" encountered for input:\n" +
				errorLocation(p.in, last+1) + "\nThis is often because there is a preceding \",\" instead of a space."})
		}
		params.Set(k, v)
		last = p.i
	}
	return params
}

func (p *shorthandParser) keyval() (string, any) {
	k := p.key()
	p.paramfile = p.try(func() { p.expect('@', true) })
	p.expect('=', true)
	return k, p.values()
}

// try runs f, reporting whether it succeeded. As in Python, a failed expect
// leaves the index where the failure happened (after skipped whitespace).
func (p *shorthandParser) try(f func()) bool { return p.catch(f) == nil }

// catch runs f and returns the syntax error it raised, if any.
func (p *shorthandParser) catch(f func()) (err *shorthandError) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*shorthandError)
			if !ok {
				panic(r)
			}
			err = se
		}
	}()
	f()
	return nil
}

func (p *shorthandParser) key() string {
	start := p.i
	for p.i < len(p.in) {
		c := p.in[p.i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.#/:", c)) {
			break
		}
		p.i++
	}
	return string(p.in[start:p.i])
}

func (p *shorthandParser) values() any {
	switch {
	case p.eof():
		return ""
	case p.in[p.i] == '[':
		return p.explicitList()
	case p.in[p.i] == '{':
		return p.hashLiteral()
	}
	return p.csvValue()
}

func (p *shorthandParser) csvValue() any {
	first := p.firstValue()
	p.consumeWhitespace()
	if p.eof() || p.in[p.i] != ',' {
		return first
	}
	p.expect(',', true)
	list := []any{first}
	for {
		var cur string
		done := false
		err := p.catch(func() {
			cur = p.secondValue()
			p.consumeWhitespace()
			if p.eof() {
				done = true
				return
			}
			p.expect(',', true)
		})
		if err != nil {
			if p.eof() {
				panic(err) // Python re-raises
			}
			p.backtrackTo(',')
			break
		}
		list = append(list, cur)
		if done {
			break
		}
	}
	if len(list) == 1 {
		return first
	}
	return list
}

// matchValue matches (\\,|[start])(\\,|[follow])* at p.i, returning the
// matched text, or false.
func (p *shorthandParser) matchValue(follow func(rune) bool) (string, bool) {
	j := p.i
	step := func(class func(rune) bool) bool {
		if j+1 < len(p.in) && p.in[j] == '\\' && p.in[j+1] == ',' {
			j += 2
			return true
		}
		if j < len(p.in) && class(p.in[j]) {
			j++
			return true
		}
		return false
	}
	if !step(startWord) {
		return "", false
	}
	for step(follow) {
	}
	s := string(p.in[p.i:j])
	p.i = j
	return s, true
}

func (p *shorthandParser) value() string {
	s, ok := p.matchValue(firstFollow)
	if !ok {
		return ""
	}
	return p.resolve(strings.TrimRightFunc(strings.ReplaceAll(s, `\,`, ","), PyIsSpace))
}

func (p *shorthandParser) explicitList() []any {
	p.nest()
	defer p.unnest()
	p.expect('[', true)
	values := []any{}
	for p.current() != ']' {
		values = append(values, p.explicitValues())
		p.consumeWhitespace()
		if p.current() != ']' {
			p.expect(',', false)
			p.consumeWhitespace()
		}
	}
	p.expect(']', false)
	return values
}

func (p *shorthandParser) explicitValues() any {
	switch p.current() {
	case '[':
		return p.explicitList()
	case '{':
		return p.hashLiteral()
	}
	return p.firstValue()
}

func (p *shorthandParser) hashLiteral() *Object {
	p.nest()
	defer p.unnest()
	p.expect('{', true)
	o := &Object{}
	for p.current() != '}' {
		k := p.key()
		p.paramfile = p.try(func() { p.expect('@', true) })
		p.expect('=', true)
		v := p.explicitValues()
		p.consumeWhitespace()
		if p.current() != '}' {
			p.expect(',', false)
			p.consumeWhitespace()
		}
		o.Set(k, v)
	}
	p.expect('}', false)
	return o
}

func (p *shorthandParser) firstValue() string {
	switch p.current() {
	case '\'':
		return p.quoted('\'', "singled quoted")
	case '"':
		return p.quoted('"', "double quoted")
	}
	return p.value()
}

func (p *shorthandParser) secondValue() string {
	switch p.current() {
	case '\'':
		return p.quoted('\'', "singled quoted")
	case '"':
		return p.quoted('"', "double quoted")
	}
	s, ok := p.matchValue(secondFollow)
	if !ok {
		p.fail("<second>", "<none>")
	}
	return p.resolve(strings.TrimRightFunc(strings.ReplaceAll(s, `\,`, ","), PyIsSpace))
}

// quoted matches q(?:\\q|[^q])*q and unescapes \q and \\.
func (p *shorthandParser) quoted(q rune, name string) string {
	j := p.i + 1
	for {
		if j >= len(p.in) {
			p.fail("<"+name+">", "<none>")
		}
		if p.in[j] == '\\' && j+1 < len(p.in) && p.in[j+1] == q {
			j += 2
			continue
		}
		if p.in[j] == q {
			break
		}
		j++
	}
	s := string(p.in[p.i+1 : j])
	p.i = j + 1
	s = strings.ReplaceAll(s, `\`+string(q), string(q))
	s = strings.ReplaceAll(s, `\\`, `\`)
	return p.resolve(s)
}

// resolve reads Key@=file://path values.
func (p *shorthandParser) resolve(v string) string {
	if !p.paramfile || p.readFile == nil {
		return v
	}
	if !strings.HasPrefix(v, "file://") && !strings.HasPrefix(v, "fileb://") {
		return v
	}
	s, err := p.readFile(v)
	if err != nil {
		panic(&shorthandError{msg: err.Error()})
	}
	return s
}

func (p *shorthandParser) expect(c rune, ws bool) {
	if ws {
		p.consumeWhitespace()
	}
	if p.i >= len(p.in) {
		p.fail(string(c), "EOF")
	}
	if p.in[p.i] != c {
		p.fail(string(c), string(p.in[p.i]))
	}
	p.i++
	if ws {
		p.consumeWhitespace()
	}
}

// current returns the character at p.i, or -1 at the end (Python's _EOF).
func (p *shorthandParser) current() rune {
	if p.i < len(p.in) {
		return p.in[p.i]
	}
	return -1
}

func (p *shorthandParser) eof() bool { return p.i >= len(p.in) }

func (p *shorthandParser) backtrackTo(c rune) {
	for p.i >= 0 && (p.i >= len(p.in) || p.in[p.i] != c) {
		p.i--
	}
}

func (p *shorthandParser) consumeWhitespace() {
	for p.i < len(p.in) && stringWhitespace(p.in[p.i]) {
		p.i++
	}
}
