package main

// Output formatting: the value tree and the three writers.
//
// The writers print what the AWS CLI v1 prints for --output json, text and
// table (awscli/formatter.py, text.py, table.py), byte for byte. They take a
// generic value tree, so that the same code prints a decoded response and the
// result of a --query expression:
//
//	nil                 JSON null, text/table "None"
//	string              any bytes; JSON replaces invalid UTF-8 with U+FFFD
//	bool                JSON true/false, text/table "True"/"False"
//	int64 (or int)      printed in decimal
//	float64             printed as Python's repr(float): 1.5, 1e+20, 1e-05, -0.0
//	[]any               a list, in order
//	*Object             a JSON object that keeps its keys in insertion order
//
// Build a tree with [Object.Set]; the zero Object is an empty object:
//
//	conn := &Object{}
//	conn.Set("ConnectionId", "cvpn-connection-1")
//	conn.Set("PostureComplianceStatuses", []any{"compliant"})
//	root := &Object{}
//	root.Set("Connections", []any{conn})
//
// The writers:
//
//	writeJSON(w, v)                         json.dumps(v, indent=4, ensure_ascii=False) + "\n";
//	                                        an empty *Object prints nothing, as the AWS CLI does.
//	writeText(w, v)                         the text format, for ONE response or page: the AWS CLI
//	                                        formats (and applies --query to) each page separately.
//	writeTable(w, title, v, width)          the boxed table; title is the operation name
//	                                        ("DescribeClientVpnConnections"), width the terminal's
//	                                        columns (80 when stdout is not a terminal; the AWS CLI
//	                                        asks the terminal with TIOCGWINSZ and ignores COLUMNS).
//	writeTableColor(w, title, v, width, c)  the same with the AWS CLI's ANSI colours: c is colorOff
//	                                        (--color off, or auto when stdout is not a terminal),
//	                                        colorOn (--color on, not a terminal) or colorTerminal
//	                                        (--color on or auto, stdout a terminal).
//
// Each writer formats into memory and writes to w once. Where the AWS CLI
// raises a Python exception on a shape it cannot print (text: a list mixing
// objects and other values; table: rows of different lengths, a list mixing
// objects and other values), the writer returns a *formatError whose message
// is the exception's text ("Row should have 2 elements, instead it has 1");
// the AWS CLI prints it as "\n"+message+"\n" on stderr and exits 255. As in
// the AWS CLI, writeText has by then written the lines before the failure
// and writeTable nothing (but colorTerminal's final reset). A value of a
// type outside the tree is a *formatError too.
//
// --query results: go-jmespath returns map[string]interface{}, []interface{},
// float64, string, bool and nil. Use [toJMESPath] to turn the tree into the
// search input and [fromJMESPath] to turn the result back into a tree. A Go map
// has no key order, while the AWS CLI (Python dicts) keeps the order in which
// keys were inserted: model order for objects taken from the response, and
// the expression's order for multi-select hashes ({Id: ConnectionId, User:
// Username}). fromJMESPath therefore takes a key-order hint: the keys of the
// expression's multi-select hashes in source order ([jmespathKeyOrder]), then
// the model's member names in model order. Keys found in the hint come first,
// in hint order; other keys follow sorted. Numbers that are whole and smaller
// than 2^53 become int64 (Python's jmespath returns int from length(), and the
// response has no numbers of its own); others stay float64.

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Object is a JSON object that keeps its keys in the order they were first
// set. The zero value is an empty object ready to use. An Object is not safe
// for concurrent mutation.
type Object struct {
	members []member
}

type member struct {
	key   string
	value any
}

// Set sets key to v. A new key goes last; an existing key keeps its place.
func (o *Object) Set(key string, v any) {
	for i := range o.members {
		if o.members[i].key == key {
			o.members[i].value = v
			return
		}
	}
	o.members = append(o.members, member{key, v})
}

// Get returns the value of key and whether it is set.
func (o *Object) Get(key string) (any, bool) {
	for i := range o.members {
		if o.members[i].key == key {
			return o.members[i].value, true
		}
	}
	return nil, false
}

// Keys returns the keys in insertion order, in a new slice.
func (o *Object) Keys() []string {
	keys := make([]string, len(o.members))
	for i, m := range o.members {
		keys[i] = m.key
	}
	return keys
}

// Len returns the number of keys.
func (o *Object) Len() int { return len(o.members) }

// formatError is a failure to format a value: either a value outside the
// tree's types, or a shape on which the AWS CLI's formatter raises a Python
// exception. Error returns the text the AWS CLI prints for it.
type formatError struct {
	msg string
}

func (e *formatError) Error() string { return e.msg }

// isScalar reports whether v is neither a list nor an object, like the AWS
// CLI's `not isinstance(v, (list, dict))`.
func isScalar(v any) bool {
	switch v.(type) {
	case []any, *Object:
		return false
	}
	return true
}

// checkValue returns an error for a value outside the tree's types.
func checkValue(v any) error {
	switch v.(type) {
	case nil, string, bool, int, int64, float64, []any, *Object:
		return nil
	}
	return &formatError{fmt.Sprintf("ec2lite: cannot format a value of type %T", v)}
}

// pyStr returns Python's str(v) for a tree value, which the text and table
// formats print for every scalar.
func pyStr(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return pyFloat(v, false)
	}
	var b strings.Builder
	pyRepr(&b, v)
	return b.String()
}

// pyRepr writes Python's repr of v: lists and dicts print like ['a', 1] and
// {'k': None}. The text format falls back to it when a key holds a scalar in
// one list element and a list or dict in another.
func pyRepr(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		pyReprString(b, v)
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			pyRepr(b, e)
		}
		b.WriteByte(']')
	case *Object:
		b.WriteByte('{')
		for i, m := range v.members {
			if i > 0 {
				b.WriteString(", ")
			}
			pyReprString(b, m.key)
			b.WriteString(": ")
			pyRepr(b, m.value)
		}
		b.WriteByte('}')
	default:
		b.WriteString(pyStr(v))
	}
}

// pyReprString writes Python's repr of a str: single quotes unless the text
// holds a single quote and no double quote; \\, \n, \r, \t and the quote
// escaped; other non-printable characters as \xNN, \uNNNN or \UNNNNNNNN.
func pyReprString(b *strings.Builder, s string) {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case !strconv.IsPrint(r) && r <= 0xff:
			fmt.Fprintf(b, `\x%02x`, r)
		case !strconv.IsPrint(r) && r <= 0xffff:
			fmt.Fprintf(b, `\u%04x`, r)
		case !strconv.IsPrint(r):
			fmt.Fprintf(b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
}

// pyFloat formats f as Python's repr(float): the shortest digits that read
// back as f, in positional notation when the decimal exponent is in
// [-4, 16), otherwise as d.ddde+XX. Positional whole numbers end in ".0".
// Non-finite values print as json.dumps does (NaN, Infinity, -Infinity) when
// json is true, else as str() does (nan, inf, -inf).
func pyFloat(f float64, json bool) string {
	switch {
	case math.IsNaN(f):
		if json {
			return "NaN"
		}
		return "nan"
	case math.IsInf(f, 1):
		if json {
			return "Infinity"
		}
		return "inf"
	case math.IsInf(f, -1):
		if json {
			return "-Infinity"
		}
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	var out []byte
	if e[0] == '-' {
		out = append(out, '-')
		e = e[1:]
	}
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	decpt := x + 1 // digits are 0.DIGITS × 10^decpt
	if decpt > -4 && decpt <= 16 {
		switch {
		case decpt <= 0:
			out = append(out, "0."...)
			out = append(out, strings.Repeat("0", -decpt)...)
			out = append(out, digits...)
		case decpt >= len(digits):
			out = append(out, digits...)
			out = append(out, strings.Repeat("0", decpt-len(digits))...)
			out = append(out, ".0"...)
		default:
			out = append(out, digits[:decpt]...)
			out = append(out, '.')
			out = append(out, digits[decpt:]...)
		}
		return string(out)
	}
	out = append(out, digits[0])
	if len(digits) > 1 {
		out = append(out, '.')
		out = append(out, digits[1:]...)
	}
	out = append(out, 'e')
	if x < 0 {
		out = append(out, '-')
		x = -x
	} else {
		out = append(out, '+')
	}
	if x < 10 {
		out = append(out, '0')
	}
	out = strconv.AppendInt(out, int64(x), 10)
	return string(out)
}

// toJMESPath converts a tree into the plain values go-jmespath searches:
// *Object becomes map[string]interface{}, int64 and int become float64.
func toJMESPath(v any) any {
	switch v := v.(type) {
	case *Object:
		m := make(map[string]any, len(v.members))
		for _, e := range v.members {
			m[e.key] = toJMESPath(e.value)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = toJMESPath(e)
		}
		return l
	case int64:
		return float64(v)
	case int:
		return float64(v)
	}
	return v
}

// fromJMESPath converts a go-jmespath result into a tree. Object keys listed
// in order come first, in the order of their first appearance there; the
// others follow in sorted order. Whole float64 values below 2^53 in magnitude
// become int64. Values of other types are returned unchanged (the writers
// reject them).
func fromJMESPath(v any, order []string) any {
	rank := make(map[string]int, len(order))
	for i, k := range order {
		if _, ok := rank[k]; !ok {
			rank[k] = i
		}
	}
	return fromJMESPathRank(v, rank)
}

func fromJMESPathRank(v any, rank map[string]int) any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			ra, oka := rank[a]
			rb, okb := rank[b]
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
			return strings.Compare(a, b)
		})
		o := &Object{members: make([]member, 0, len(keys))}
		for _, k := range keys {
			o.members = append(o.members, member{k, fromJMESPathRank(v[k], rank)})
		}
		return o
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = fromJMESPathRank(e, rank)
		}
		return l
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 && !(v == 0 && math.Signbit(v)) {
			return int64(v)
		}
	}
	return v
}

// jmespathKeyOrder returns the keys of the multi-select hashes in a JMESPath
// expression ({Id: ConnectionId, "User Name": Username}), in source order,
// for [fromJMESPath]. It scans the text: a key is an identifier (bare or
// "quoted") followed by ':' directly inside braces, outside string literals.
// It never fails; a malformed expression yields what it could find.
func jmespathKeyOrder(expr string) []string {
	var keys []string
	var stack []byte // open brackets: '{', '[', '('
	i := 0
	for i < len(expr) {
		c := expr[i]
		switch {
		case c == '{' || c == '[' || c == '(':
			stack = append(stack, c)
			i++
		case c == '}' || c == ']' || c == ')':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		case c == '`' || c == '\'':
			// A JSON literal or a raw string: skip to the closing quote.
			j := i + 1
			for j < len(expr) && expr[j] != c {
				if expr[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
		case c == '"' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			var key string
			j := i
			if c == '"' {
				j++
				for j < len(expr) && expr[j] != '"' {
					if expr[j] == '\\' {
						j++
					}
					j++
				}
				j++
				if j > len(expr) {
					j = len(expr)
				}
				key = unquoteJMESPath(expr[i:j])
			} else {
				for j < len(expr) && (expr[j] == '_' || expr[j] >= 'a' && expr[j] <= 'z' ||
					expr[j] >= 'A' && expr[j] <= 'Z' || expr[j] >= '0' && expr[j] <= '9') {
					j++
				}
				key = expr[i:j]
			}
			k := j
			for k < len(expr) && (expr[k] == ' ' || expr[k] == '\t' || expr[k] == '\n' || expr[k] == '\r') {
				k++
			}
			if k < len(expr) && expr[k] == ':' && len(stack) > 0 && stack[len(stack)-1] == '{' {
				keys = append(keys, key)
			}
			i = j
		default:
			i++
		}
	}
	return keys
}

// unquoteJMESPath decodes a quoted identifier ("a\"b", "\u00e9"), which
// JMESPath spells as a JSON string.
func unquoteJMESPath(q string) string {
	if s, err := strconv.Unquote(q); err == nil {
		return s
	}
	// JSON escapes Go does not share (\/) or a broken quote: keep the text.
	s := strings.Trim(q, `"`)
	return strings.ReplaceAll(s, `\/`, "/")
}

// writeOnce writes b to w, reporting short writes as errors.
func writeOnce(w io.Writer, b []byte) error {
	n, err := w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	return err
}
