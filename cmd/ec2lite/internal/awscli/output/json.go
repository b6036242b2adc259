package output

import (
	"io"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// WriteJSON writes v as the AWS CLI's --output json does: Python's
// json.dumps(v, indent=4, ensure_ascii=False) followed by a newline. Lists
// and objects open on one line and put each member on its own line, indented
// four more spaces, with "," at the end of every line but the last; empty
// ones print as [] and {}. Keys keep the tree's order. Strings escape only ",
// \ and the C0 controls (\b \f \n \r \t, others as \u00XX, lower-case hex);
// everything else, including non-ASCII, <, > and &, is written raw. Invalid
// UTF-8 bytes become U+FFFD. Integers of any size (*big.Int) print in
// decimal; NaN and the infinities as NaN, Infinity and -Infinity. An empty
// *Object as the whole value prints nothing at all, as the AWS CLI does for
// an empty response.
//
// A *jmespath.Expref, which a --query such as "&Username" returns, is an
// error, as the AWS CLI's encoder raises "Circular reference detected" on
// it; like the AWS CLI, WriteJSON has by then written the text before it.
func WriteJSON(w io.Writer, v any) error {
	if o, ok := v.(*awscli.Object); ok && o.Len() == 0 {
		return nil
	}
	b, err := appendJSON(nil, v, 0)
	if err == errCircular {
		if werr := writeOnce(w, b); werr != nil {
			return werr
		}
	}
	if err != nil {
		return err
	}
	b = append(b, '\n')
	return writeOnce(w, b)
}

func appendJSON(b []byte, v any, depth int) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case *big.Int:
		return v.Append(b, 10), nil
	case *jmespath.Expref:
		return b, errCircular
	case float64:
		return append(b, awscli.PyFloat(v, true)...), nil
	case []any:
		if len(v) == 0 {
			return append(b, "[]"...), nil
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendIndent(b, depth+1)
			var err error
			if b, err = appendJSON(b, e, depth+1); err != nil {
				return b, err
			}
		}
		b = appendIndent(b, depth)
		return append(b, ']'), nil
	case *awscli.Object:
		if v.Len() == 0 {
			return append(b, "{}"...), nil
		}
		b = append(b, '{')
		first := true
		for key, val := range v.All() {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendIndent(b, depth+1)
			b = appendJSONString(b, key)
			b = append(b, ": "...)
			var err error
			if b, err = appendJSON(b, val, depth+1); err != nil {
				return b, err
			}
		}
		b = appendIndent(b, depth)
		return append(b, '}'), nil
	}
	return b, checkValue(v)
}

// errCircular is the error of Python's json encoder on a value it cannot
// encode when the AWS CLI's default= hook returns the value itself.
var errCircular = &formatError{"Circular reference detected"}

func appendIndent(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, "    "...)
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as Python's json module quotes it with
// ensure_ascii=False.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
			i++
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			b = append(b, `\u00`...)
			b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
