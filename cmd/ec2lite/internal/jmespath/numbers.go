package jmespath

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Python's numbers for the built-in functions: arithmetic on ints of any size
// and floats, and int() and float() of a string (to_number).

func nan() float64         { return math.NaN() }
func inf(sign int) float64 { return math.Inf(sign) }

func fnAbs(_ *interp, a []any) (any, error) {
	if f, ok := a[0].(float64); ok {
		return math.Abs(f), nil
	}
	if s, ok := smallInt(a[0]); ok && s != math.MinInt64 {
		return max(s, -s), nil
	}
	return normInt(new(big.Int).Abs(toBig(a[0]))), nil
}

// pyAdd is Python's a + b for two numbers.
func pyAdd(a, b any) (any, error) {
	fa, aFloat := a.(float64)
	fb, bFloat := b.(float64)
	switch {
	case aFloat && bFloat:
		return fa + fb, nil
	case !aFloat && !bFloat:
		x, ok1 := smallInt(a)
		y, ok2 := smallInt(b)
		if ok1 && ok2 {
			if s := x + y; (s > x) == (y > 0) {
				return s, nil
			}
		}
		return normInt(new(big.Int).Add(toBig(a), toBig(b))), nil
	case aFloat:
		fb, err := intToFloat(b)
		return fa + fb, err
	default:
		fa, err := intToFloat(a)
		return fa + fb, err
	}
}

// intToFloat is Python's float(int): correctly rounded, OverflowError when
// too large.
func intToFloat(v any) (float64, error) {
	if s, ok := smallInt(v); ok {
		return float64(s), nil
	}
	f, _ := new(big.Float).SetInt(toBig(v)).Float64()
	if math.IsInf(f, 0) {
		return 0, &Error{"int too large to convert to float"}
	}
	return f, nil
}

func pySum(l []any) (any, error) {
	var total any = int64(0)
	for _, e := range l {
		var err error
		if total, err = pyAdd(total, e); err != nil {
			return nil, err
		}
	}
	return total, nil
}

func fnSum(_ *interp, a []any) (any, error) { return pySum(a[0].([]any)) }

func fnAvg(_ *interp, a []any) (any, error) {
	l := a[0].([]any)
	if len(l) == 0 {
		return nil, nil
	}
	total, err := pySum(l)
	if err != nil {
		return nil, err
	}
	if f, ok := total.(float64); ok {
		return f / float64(len(l)), nil
	}
	// Python's int / int is correctly rounded.
	f, _ := new(big.Rat).SetFrac(toBig(total), big.NewInt(int64(len(l)))).Float64()
	if math.IsInf(f, 0) {
		return nil, &Error{"integer division result too large for a float"}
	}
	return f, nil
}

func fnNotNull(_ *interp, a []any) (any, error) {
	for _, v := range a {
		if v != nil {
			return v, nil
		}
	}
	return nil, nil
}

func fnToArray(_ *interp, a []any) (any, error) {
	if l, ok := a[0].([]any); ok {
		return l, nil
	}
	return []any{a[0]}, nil
}

func fnToString(_ *interp, a []any) (any, error) {
	if s, ok := a[0].(string); ok {
		return s, nil
	}
	return string(appendJSON(nil, a[0])), nil
}

func fnToNumber(_ *interp, a []any) (any, error) {
	switch v := a[0].(type) {
	case nil, bool, []any, *Object:
		return nil, nil
	case float64:
		return v, nil
	case string:
		if n, ok := pyInt(v); ok {
			return n, nil
		}
		if f, ok := pyFloatParse(v); ok {
			return f, nil
		}
		return nil, nil
	case *Expref:
		return nil, &Error{"int() argument must be a string, a bytes-like object or a real number, not '_Expression'"}
	}
	if isInt(a[0]) {
		return a[0], nil
	}
	return nil, nil
}

// pyNormalize strips Python whitespace and turns Unicode decimal digits into
// ASCII, as int() and float() do before parsing.
func pyNormalize(s string) string {
	s = strings.TrimFunc(s, PyIsSpace)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.Is(unicode.Nd, r) {
			start := r
			for unicode.Is(unicode.Nd, start-1) {
				start--
			}
			r = '0' + (r-start)%10
		} else if r >= utf8.RuneSelf && PyIsSpace(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// digitsUnderscores reports whether s is ASCII digits with single
// underscores between them.
func digitsUnderscores(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if s[i+1] == '_' {
				return false
			}
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// pyInt is Python's int(s) for a str, base 10.
func pyInt(s string) (any, bool) {
	s = pyNormalize(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || !digitsUnderscores(body) {
		return nil, false
	}
	body = strings.ReplaceAll(body, "_", "")
	if len(body) > maxIntDigits {
		return nil, false
	}
	b, _ := new(big.Int).SetString(body, 10)
	if s[0] == '-' {
		b.Neg(b)
	}
	return normInt(b), true
}

// pyFloatParse is Python's float(s) for a str.
func pyFloatParse(s string) (float64, bool) {
	s = pyNormalize(s)
	body := s
	neg := false
	if body != "" && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if neg {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case "nan":
		return math.NaN(), true
	}
	mant, exp := body, ""
	if i := strings.IndexAny(body, "eE"); i >= 0 {
		mant, exp = body[:i], body[i+1:]
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if !digitsUnderscores(exp) {
			return 0, false
		}
	}
	ip, fp, dot := strings.Cut(mant, ".")
	if (ip == "" && fp == "") || (ip != "" && !digitsUnderscores(ip)) || (dot && fp != "" && !digitsUnderscores(fp)) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return 0, false
	}
	return f, true
}
