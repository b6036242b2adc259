package awscli

import (
	"encoding/base64"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
	"unicode"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// PyStr returns Python's str(v) for a tree value, which the text and table
// formats print for every scalar. It is [jmespath.PyStr].
func PyStr(v any) string { return jmespath.PyStr(v) }

// PyRepr writes Python's repr of v: lists and dicts print like ['a', 1] and
// {'k': None}. The text format falls back to it when a key holds a scalar in
// one list element and a list or dict in another. It is [jmespath.PyRepr].
func PyRepr(b *strings.Builder, v any) { jmespath.PyRepr(b, v) }

// PyReprString writes Python's repr of a str: single quotes unless the text
// holds a single quote and no double quote; \\, \n, \r, \t and the quote
// escaped; other non-printable characters as \xNN, \uNNNN or \UNNNNNNNN. It
// is [jmespath.PyReprString].
func PyReprString(b *strings.Builder, s string) { jmespath.PyReprString(b, s) }

// PyFloat formats f as Python's repr(float): the shortest digits that read
// back as f, in positional notation when the decimal exponent is in
// [-4, 16), otherwise as d.ddde+XX. Non-finite values print as json.dumps
// does (NaN, Infinity, -Infinity) when json is true, else as str() does
// (nan, inf, -inf). It is [jmespath.PyFloat].
func PyFloat(f float64, json bool) string { return jmespath.PyFloat(f, json) }

// PyInt parses s as Python's int(s) does (base 10): ASCII whitespace
// (space, \t, \n, \v, \f, \r) and Unicode white space around it, an
// optional sign, and decimal digits of any script (Unicode category Nd:
// "５" is 5, "١٢" is 12) with single underscores between digits. It reports
// false for what int() refuses, and for a value beyond int64.
func PyInt(s string) (int64, bool) {
	// Python's _PyUnicode_TransformDecimalAndSpaceToASCII keeps ASCII as it
	// is, turns other white space into ' ' and other decimal digits into
	// ASCII digits; PyLong_FromString then strips ASCII white space only
	// (so "\x1c5" is refused although "\x1c".isspace()).
	t := strings.TrimFunc(s, pyIntSpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	var n uint64
	digits := 0
	prevUnderscore := false
	for _, c := range t {
		if c == '_' {
			if digits == 0 || prevUnderscore {
				return 0, false
			}
			prevUnderscore = true
			continue
		}
		d, ok := pyDecimal(c)
		if !ok {
			return 0, false
		}
		prevUnderscore = false
		digits++
		if n > (1<<64-1-uint64(d))/10 {
			return 0, false // beyond int64: not a value ec2lite can send
		}
		n = n*10 + uint64(d)
	}
	if digits == 0 || prevUnderscore {
		return 0, false
	}
	switch {
	case neg && n <= 1<<63:
		return int64(-n), true // -1<<63 included
	case !neg && n < 1<<63:
		return int64(n), true
	}
	return 0, false
}

// pyIntSpace is the white space int() strips: ASCII's six, and any other
// non-ASCII character of Python's str.isspace().
func pyIntSpace(c rune) bool {
	if c < 127 {
		return c == ' ' || c >= '\t' && c <= '\r'
	}
	return PyIsSpace(c)
}

// pyDecimal is Python's unicodedata.decimal(c): the value of a decimal
// digit of any script (Unicode category Nd, whose digits come in runs of
// ten from zero to nine).
func pyDecimal(c rune) (int, bool) {
	if c >= '0' && c <= '9' {
		return int(c - '0'), true
	}
	if c < 0x80 || !unicode.Is(unicode.Nd, c) {
		return 0, false
	}
	// Nd runs are whole sets of ten from zero to nine, and touching sets
	// (𝟎-𝟗𝟘-𝟡…) stay aligned from the first character of the block.
	start := c
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(c-start) % 10, true
}

// PyReprStr is Python's repr() of a str.
func PyReprStr(s string) string {
	var b strings.Builder
	PyReprString(&b, s)
	return b.String()
}

// PyTypeName returns the name of the Python type a tree value maps to. It
// is [jmespath.PyTypeName].
func PyTypeName(v any) string { return jmespath.PyTypeName(v) }

// PyBytesRepr is Python's repr() of a bytes value.
func PyBytesRepr(b []byte) string {
	q := byte('\'')
	if strings.IndexByte(string(b), '\'') >= 0 && strings.IndexByte(string(b), '"') < 0 {
		q = '"'
	}
	const hex = "0123456789abcdef"
	var sb strings.Builder
	sb.WriteByte('b')
	sb.WriteByte(q)
	for _, c := range b {
		switch {
		case c == q || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			sb.WriteString(`\x`)
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&0xf])
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(q)
	return sb.String()
}

// PyOSError renders err as Python's OSError str: "[Errno 2] No such file or directory: 'x'".
func PyOSError(err error, name string) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		msg := errno.Error()
		if msg != "" {
			msg = strings.ToUpper(msg[:1]) + msg[1:]
		}
		return "[Errno " + strconv.Itoa(int(errno)) + "] " + msg + ": " + PyReprStr(name)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "[Errno 2] No such file or directory: " + PyReprStr(name)
	}
	return err.Error()
}

// PyType is str(type(v)) for a tree value: "<class 'str'>" and so on, as
// [PyTypeName] names the type, with the module for an expression reference.
func PyType(v any) string {
	if _, ok := v.(*jmespath.Expref); ok {
		return "<class 'jmespath.visitor._Expression'>"
	}
	return "<class '" + PyTypeName(v) + "'>"
}

// PyIsSpace is Python's \s for str patterns, and str.isspace. It is
// [jmespath.PyIsSpace].
func PyIsSpace(c rune) bool { return jmespath.PyIsSpace(c) }

// pyB64Decode is Python's base64.b64decode without validation: characters
// outside the alphabet are dropped, decoding stops at complete padding, and
// an incomplete final quantum is an error.
func pyB64Decode(s string) ([]byte, bool) {
	var clean []byte
	quad, pads := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			if quad >= 2 {
				pads++
				if quad+pads >= 4 {
					goto done
				}
			}
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/':
			if pads > 0 {
				// Data after a partial padding: Python resets and goes on.
				pads = 0
			}
			clean = append(clean, c)
			quad = (quad + 1) % 4
		}
	}
	if quad != 0 {
		return nil, false
	}
done:
	for len(clean)%4 != 0 {
		clean = append(clean, '=')
	}
	out, err := base64.StdEncoding.DecodeString(string(clean))
	if err != nil {
		return nil, false
	}
	return out, true
}

// pySliceFrom is Python's l[i:].
func pySliceFrom[T any](l []T, i int64) []T { return l[pySliceBound(len(l), i):] }

// pySliceTo is Python's l[:i].
func pySliceTo[T any](l []T, i int64) []T { return l[:pySliceBound(len(l), i)] }

// pySliceBound is where the bound i of a slice of a list of n items falls,
// as Python takes it: counted from the end when negative, and clamped to
// [0, n].
func pySliceBound(n int, i int64) int64 {
	if i < 0 {
		i += int64(n)
	}
	return min(max(i, 0), int64(n))
}
