package output

// The JMESPath bridge: --query compiled and searched with go-jmespath,
// and its results turned back into a tree with the AWS CLI's key order.

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jmespath/go-jmespath"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// ToJMESPath converts a tree into the plain values go-jmespath searches:
// *Object becomes map[string]interface{}, int64 and int become float64.
func ToJMESPath(v any) any {
	switch v := v.(type) {
	case *awscli.Object:
		m := make(map[string]any, len(v.Members()))
		for _, e := range v.Members() {
			m[e.Key] = ToJMESPath(e.Value)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = ToJMESPath(e)
		}
		return l
	case int64:
		return float64(v)
	case int:
		return float64(v)
	}
	return v
}

// FromJMESPath converts a go-jmespath result into a tree. Object keys listed
// in order come first, in the order of their first appearance there; the
// others follow in sorted order. Whole float64 values below 2^53 in magnitude
// become int64. Values of other types are returned unchanged (the writers
// reject them).
func FromJMESPath(v any, order []string) any {
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
		o := &awscli.Object{}
		for _, k := range keys {
			o.Set(k, fromJMESPathRank(v[k], rank))
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

// KeyOrder returns the keys of the multi-select hashes in a JMESPath
// expression ({Id: ConnectionId, "User Name": Username}), in source order,
// for [fromJMESPath]. It scans the text: a key is an identifier (bare or
// "quoted") followed by ':' directly inside braces, outside string literals.
// It never fails; a malformed expression yields what it could find.
func KeyOrder(expr string) []string {
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

// Query is a compiled --query expression. A Query is safe for concurrent use
// once its key order is set.
type Query struct {
	expr  *jmespath.JMESPath
	order []string
}

// CompileQuery compiles the --query expression q. Its error is a
// *QueryError worded as the AWS CLI words it.
func CompileQuery(q string) (*Query, error) {
	expr, err := jmespath.Compile(q)
	if err != nil {
		return nil, queryError(q, err)
	}
	return &Query{expr: expr, order: KeyOrder(q)}, nil
}

// AddKeyOrder appends names to the key-order hint of the results (see
// [FromJMESPath]): after the keys of the expression's multi-select hashes,
// the model's member names in model order.
func (q *Query) AddKeyOrder(names []string) {
	q.order = append(q.order, names...)
}

// Search applies q to the tree v and returns the result as a tree.
func (q *Query) Search(v any) (any, error) {
	res, err := q.expr.Search(ToJMESPath(v))
	if err != nil {
		return nil, err
	}
	return FromJMESPath(res, q.order), nil
}

// QueryError is a --query expression that does not compile. Its text is the
// AWS CLI's (exit 252).
type QueryError struct{ msg string }

func (e *QueryError) Error() string { return e.msg }

// queryError words a JMESPath compile error as the AWS CLI does (exit 252):
// "Bad value for --query Q: " and the text of Python jmespath's exception,
// for the three kinds it raises (an unclosed delimiter, an expression that
// ends too early, an unexpected token); go-jmespath's own wording otherwise.
func queryError(q string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "SyntaxError: ")
	offset := len(q)
	var se jmespath.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	var text string
	switch {
	case strings.HasPrefix(msg, "Unclosed delimiter: "):
		delim := strings.TrimPrefix(msg, "Unclosed delimiter: ")
		pos := strings.LastIndex(q, delim)
		if pos < 0 {
			pos = offset
		}
		text = "Bad jmespath expression: Unclosed " + delim + " delimiter:\n" + q + "\n" + strings.Repeat(" ", pos) + "^"
	case strings.Contains(msg, "tEOF") || strings.Contains(msg, "Incomplete expression") || offset >= len(q):
		text = "Invalid jmespath expression: Incomplete expression:\n\"" + q + "\"\n" + strings.Repeat(" ", len(q)+1) + "^"
	case strings.HasPrefix(msg, "Unexpected token at the end of the expression: "):
		typ := strings.TrimPrefix(msg, "Unexpected token at the end of the expression: ")
		value := tokenText(q, offset)
		text = "Unexpected token: " + value + ": Parse error at column " + strconv.Itoa(offset) + ", token \"" + value + "\" (" +
			pyTokenType(typ) + "), for expression:\n\"" + q + "\"\n" + strings.Repeat(" ", offset+1) + "^"
	default:
		text = "Invalid jmespath expression: " + msg + ":\n\"" + q + "\"\n" + strings.Repeat(" ", offset+1) + "^"
	}
	return &QueryError{msg: "Bad value for --query " + q + ": " + text}
}

// tokenText returns the token of q starting at i: an identifier or number,
// else one character.
func tokenText(q string, i int) string {
	if i < 0 || i >= len(q) {
		return ""
	}
	j := i
	for j < len(q) && (q[j] == '_' || q[j] >= 'a' && q[j] <= 'z' || q[j] >= 'A' && q[j] <= 'Z' || q[j] >= '0' && q[j] <= '9') {
		j++
	}
	if j == i {
		j = i + 1
	}
	return q[i:j]
}

// pyTokenType turns go-jmespath's token type (tUnquotedIdentifier) into
// Python jmespath's (UNQUOTED_IDENTIFIER).
func pyTokenType(t string) string {
	t = strings.TrimPrefix(t, "t")
	var b strings.Builder
	for i, c := range t {
		if c >= 'A' && c <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(c)
	}
	return strings.ToUpper(b.String())
}
