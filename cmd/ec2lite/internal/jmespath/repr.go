package jmespath

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file writes values as Python writes them: str(), repr(), repr of a
// float, and json.dumps. Package awscli uses the exported functions for the
// same texts in the CLI's output and messages, so that each is written once.

// PyStr returns Python's str(v) for a value of a search tree: a string as
// it is, and anything else as [PyRepr] writes it.
func PyStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b strings.Builder
	PyRepr(&b, v)
	return b.String()
}

// PyRepr writes Python's repr(v) to b: None, True, False, integers,
// floats as [PyFloat] formats them, strings as [PyReprString] writes them,
// and lists and dicts as ['a', 1] and {'k': None}, keys in order. An
// [*Expref] prints as jmespath.py's _Expression object does; a value of
// any other type prints as "<object>".
func PyRepr(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("None")
	case string:
		PyReprString(b, v)
	case bool:
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case float64:
		b.WriteString(PyFloat(v, false))
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			PyRepr(b, e)
		}
		b.WriteByte(']')
	case *Object:
		b.WriteByte('{')
		for i, m := range v.members {
			if i > 0 {
				b.WriteString(", ")
			}
			PyReprString(b, m.key)
			b.WriteString(": ")
			PyRepr(b, m.value)
		}
		b.WriteByte('}')
	case *Expref:
		b.WriteString(exprefStr)
	default:
		if isInt(v) {
			b.WriteString(intString(v))
			return
		}
		fmt.Fprintf(b, "<object>")
	}
}

func intString(v any) string {
	if s, ok := smallInt(v); ok {
		return strconv.FormatInt(s, 10)
	}
	return toBig(v).String()
}

// PyReprString writes Python's repr(s) to b: single quotes unless s holds
// a single quote and no double quote; \\, \n, \r, \t and the quote
// escaped; other non-printable characters as \xNN, \uNNNN or \UNNNNNNNN.
func PyReprString(b *strings.Builder, s string) {
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

// PyFloat formats f as Python's repr(float): the shortest digits that read
// back as f, in positional notation when the decimal exponent is in
// [-4, 16), otherwise as d.ddde+XX. Positional whole numbers end in ".0".
// Non-finite values print as json.dumps does (NaN, Infinity, -Infinity)
// when json is true, else as repr and str do (nan, inf, -inf).
func PyFloat(f float64, json bool) string {
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

// appendJSON appends Python's json.dumps(v, separators=(',', ':'),
// default=str): ASCII only, keys in order.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return AppendPyJSONString(b, v)
	case bool:
		if v {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case float64:
		return append(b, PyFloat(v, true)...)
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	case *Object:
		b = append(b, '{')
		for i, m := range v.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendPyJSONString(b, m.key)
			b = append(b, ':')
			b = appendJSON(b, m.value)
		}
		return append(b, '}')
	case *Expref:
		return AppendPyJSONString(b, exprefStr)
	}
	if isInt(v) {
		return append(b, intString(v)...)
	}
	return AppendPyJSONString(b, PyStr(v))
}

const hexDigits = "0123456789abcdef"

// AppendPyJSONString appends s as Python's json.dumps(s) writes it with
// ensure_ascii=True (the default): ", \\, \n, \r, \t, \b and \f escaped
// with a backslash, other characters outside printable ASCII as \uXXXX,
// and those beyond U+FFFF as a UTF-16 surrogate pair. Invalid UTF-8 bytes
// are written as \ufffd, each.
func AppendPyJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				b = append(b, `\"`...)
			case '\\':
				b = append(b, `\\`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			default:
				b = appendU(b, rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r > 0xffff {
			r -= 0x10000
			b = appendU(b, 0xd800+(r>>10)&0x3ff)
			b = appendU(b, 0xdc00+r&0x3ff)
			continue
		}
		b = appendU(b, r)
	}
	return append(b, '"')
}

func appendU(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
