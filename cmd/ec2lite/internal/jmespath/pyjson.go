package jmespath

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// This file ports the parts of Python's json.loads that literals and quoted
// identifiers go through: the grammar of the C scanner, NaN and Infinity,
// integers of any size, duplicate keys (the first place, the last value).

// maxJSONDepth is the number of nested arrays and objects Python's json
// decodes inside jmespath.compile before it raises RecursionError.
const maxJSONDepth = 987

// maxIntDigits is Python's default limit on the digits of an integer read
// from a string (sys.get_int_max_str_digits); beyond it json.loads raises
// ValueError.
const maxIntDigits = 4300

type jsonError struct {
	msg       string // the JSONDecodeError's text: "Invalid \escape: line 1 column 4 (char 3)"
	recursion string // set instead when Python would raise RecursionError
}

type jsonDecoder struct {
	s     string
	depth int
	err   *jsonError
}

// pyJSONLoads decodes s as Python's json.loads does.
func pyJSONLoads(s string) (any, *jsonError) {
	d := &jsonDecoder{s: s}
	if strings.HasPrefix(s, "\ufeff") {
		return nil, &jsonError{msg: "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"}
	}
	i := d.ws(0)
	v, end := d.value(i)
	if d.err != nil {
		return nil, d.err
	}
	end = d.ws(end)
	if end != len(s) {
		return nil, d.fail("Extra data", end)
	}
	return v, nil
}

func (d *jsonDecoder) fail(msg string, pos int) *jsonError {
	if d.err == nil {
		// Python reports columns in code points; the text only matters up
		// to its first colon.
		n := utf8.RuneCountInString(d.s[:min(pos, len(d.s))])
		d.err = &jsonError{msg: msg + ": line 1 column " + strconv.Itoa(n+1) + " (char " + strconv.Itoa(n) + ")"}
	}
	return d.err
}

func (d *jsonDecoder) ws(i int) int {
	for i < len(d.s) && (d.s[i] == ' ' || d.s[i] == '\t' || d.s[i] == '\n' || d.s[i] == '\r') {
		i++
	}
	return i
}

func (d *jsonDecoder) value(i int) (any, int) {
	if i >= len(d.s) {
		d.fail("Expecting value", i)
		return nil, i
	}
	switch c := d.s[i]; {
	case c == '"':
		return d.str(i + 1)
	case c == '{':
		if d.depth++; d.depth > maxJSONDepth {
			d.err = &jsonError{recursion: recursionMsg + " while decoding a JSON object from a unicode string"}
			return nil, i
		}
		v, end := d.object(i + 1)
		d.depth--
		return v, end
	case c == '[':
		if d.depth++; d.depth > maxJSONDepth {
			d.err = &jsonError{recursion: recursionMsg + " while decoding a JSON array from a unicode string"}
			return nil, i
		}
		v, end := d.array(i + 1)
		d.depth--
		return v, end
	case strings.HasPrefix(d.s[i:], "null"):
		return nil, i + 4
	case strings.HasPrefix(d.s[i:], "true"):
		return true, i + 4
	case strings.HasPrefix(d.s[i:], "false"):
		return false, i + 5
	case strings.HasPrefix(d.s[i:], "NaN"):
		return nan(), i + 3
	case strings.HasPrefix(d.s[i:], "Infinity"):
		return inf(1), i + 8
	case strings.HasPrefix(d.s[i:], "-Infinity"):
		return inf(-1), i + 9
	}
	return d.number(i)
}

func (d *jsonDecoder) number(i int) (any, int) {
	s := d.s
	start := i
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		d.fail("Expecting value", start)
		return nil, start
	}
	isFloat := false
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		isFloat = true
		i += 2
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			isFloat = true
			i = j
		}
	}
	text := s[start:i]
	if isFloat {
		f, _ := strconv.ParseFloat(text, 64) // ±Inf on overflow, as Python's float()
		return f, i
	}
	if len(strings.TrimLeft(text, "-")) > maxIntDigits {
		d.fail("Exceeds the limit (4300 digits) for integer string conversion", start)
		return nil, start
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, i
	}
	b, _ := new(big.Int).SetString(text, 10)
	return normInt(b), i
}

func (d *jsonDecoder) object(i int) (any, int) {
	o := &Object{}
	i = d.ws(i)
	if i < len(d.s) && d.s[i] == '}' {
		return o, i + 1
	}
	for {
		if i >= len(d.s) || d.s[i] != '"' {
			d.fail("Expecting property name enclosed in double quotes", i)
			return nil, i
		}
		k, end := d.str(i + 1)
		if d.err != nil {
			return nil, i
		}
		i = d.ws(end)
		if i >= len(d.s) || d.s[i] != ':' {
			d.fail("Expecting ':' delimiter", i)
			return nil, i
		}
		i = d.ws(i + 1)
		v, end := d.value(i)
		if d.err != nil {
			return nil, i
		}
		o.Set(k.(string), v)
		i = d.ws(end)
		if i < len(d.s) && d.s[i] == '}' {
			return o, i + 1
		}
		if i >= len(d.s) || d.s[i] != ',' {
			d.fail("Expecting ',' delimiter", i)
			return nil, i
		}
		i = d.ws(i + 1)
	}
}

func (d *jsonDecoder) array(i int) (any, int) {
	l := []any{}
	i = d.ws(i)
	if i < len(d.s) && d.s[i] == ']' {
		return l, i + 1
	}
	for {
		v, end := d.value(i)
		if d.err != nil {
			return nil, i
		}
		l = append(l, v)
		i = d.ws(end)
		if i < len(d.s) && d.s[i] == ']' {
			return l, i + 1
		}
		if i >= len(d.s) || d.s[i] != ',' {
			d.fail("Expecting ',' delimiter", i)
			return nil, i
		}
		i = d.ws(i + 1)
	}
}

// str decodes a string whose opening quote ends before i.
func (d *jsonDecoder) str(i int) (any, int) {
	s := d.s
	begin := i - 1
	var b strings.Builder
	for {
		j := i
		for j < len(s) && s[j] != '"' && s[j] != '\\' && s[j] >= 0x20 {
			j++
		}
		b.WriteString(s[i:j])
		if j >= len(s) {
			d.fail("Unterminated string starting at", begin)
			return nil, j
		}
		switch s[j] {
		case '"':
			return b.String(), j + 1
		case '\\':
		default:
			d.fail("Invalid control character at", j)
			return nil, j
		}
		j++
		if j >= len(s) {
			d.fail("Unterminated string starting at", begin)
			return nil, j
		}
		switch c := s[j]; c {
		case '"', '\\', '/':
			b.WriteByte(c)
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
			r, ok := hex4(s, j+1)
			if !ok {
				d.fail(`Invalid \uXXXX escape`, j-1)
				return nil, j
			}
			j += 4
			if utf16.IsSurrogate(r) && r < 0xdc00 && j+6 < len(s) && s[j+1] == '\\' && s[j+2] == 'u' {
				r2, ok := hex4(s, j+3)
				if !ok {
					d.fail(`Invalid \uXXXX escape`, j+1)
					return nil, j
				}
				if r2 >= 0xdc00 && r2 <= 0xdfff {
					r = utf16.DecodeRune(r, r2)
					j += 6
				}
			}
			b.WriteRune(r) // a lone surrogate becomes U+FFFD
		default:
			d.fail(`Invalid \escape`, j-1)
			return nil, j
		}
		i = j + 1
	}
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// PyIsSpace reports whether Python's str.isspace is true of r, which is
// also what the \s of Python's re matches in a str pattern: Unicode's
// White_Space characters and the separators U+001C to U+001F.
func PyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}
