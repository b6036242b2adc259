package jmespath

import (
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The built-in functions, ported from jmespath.py's functions.py with its
// signatures, its type checks and their messages, and Python's arithmetic.

type function struct {
	name     string
	sig      [][]string // the allowed types of each argument, as jmespath.py spells them
	variadic bool
	impl     func(in *interp, args []any) (any, error)
}

var functions map[string]*function

func init() {
	fs := []*function{
		{name: "abs", sig: [][]string{{"number"}}, impl: fnAbs},
		{name: "avg", sig: [][]string{{"array-number"}}, impl: fnAvg},
		{name: "not_null", sig: [][]string{{}}, variadic: true, impl: fnNotNull},
		{name: "to_array", sig: [][]string{{}}, impl: fnToArray},
		{name: "to_string", sig: [][]string{{}}, impl: fnToString},
		{name: "to_number", sig: [][]string{{}}, impl: fnToNumber},
		{name: "contains", sig: [][]string{{"array", "string"}, {}}, impl: fnContains},
		{name: "length", sig: [][]string{{"string", "array", "object"}}, impl: fnLength},
		{name: "ends_with", sig: [][]string{{"string"}, {"string"}}, impl: fnEndsWith},
		{name: "starts_with", sig: [][]string{{"string"}, {"string"}}, impl: fnStartsWith},
		{name: "reverse", sig: [][]string{{"array", "string"}}, impl: fnReverse},
		{name: "ceil", sig: [][]string{{"number"}}, impl: fnCeil},
		{name: "floor", sig: [][]string{{"number"}}, impl: fnFloor},
		{name: "join", sig: [][]string{{"string"}, {"array-string"}}, impl: fnJoin},
		{name: "map", sig: [][]string{{"expref"}, {"array"}}, impl: fnMap},
		{name: "max", sig: [][]string{{"array-number", "array-string"}}, impl: fnMax},
		{name: "merge", sig: [][]string{{"object"}}, variadic: true, impl: fnMerge},
		{name: "min", sig: [][]string{{"array-number", "array-string"}}, impl: fnMin},
		{name: "sort", sig: [][]string{{"array-string", "array-number"}}, impl: fnSort},
		{name: "sum", sig: [][]string{{"array-number"}}, impl: fnSum},
		{name: "keys", sig: [][]string{{"object"}}, impl: fnKeys},
		{name: "values", sig: [][]string{{"object"}}, impl: fnValues},
		{name: "type", sig: [][]string{{}}, impl: fnType},
		{name: "sort_by", sig: [][]string{{"array"}, {"expref"}}, impl: fnSortBy},
		{name: "min_by", sig: [][]string{{"array"}, {"expref"}}, impl: fnMinBy},
		{name: "max_by", sig: [][]string{{"array"}, {"expref"}}, impl: fnMaxBy},
	}
	functions = make(map[string]*function, len(fs))
	for _, f := range fs {
		functions[f.name] = f
	}
}

func (f *function) call(in *interp, args []any) (any, error) {
	if f.variadic {
		if len(args) < len(f.sig) {
			return nil, runtimeErr("Expected at least %d %s for function %s(), received %d",
				len(f.sig), plural(len(f.sig)), f.name, len(args))
		}
	} else if len(args) != len(f.sig) {
		return nil, runtimeErr("Expected %d %s for function %s(), received %d",
			len(f.sig), plural(len(f.sig)), f.name, len(args))
	}
	for i, types := range f.sig {
		if len(types) > 0 {
			if err := typeCheck(f.name, args[i], types); err != nil {
				return nil, err
			}
		}
	}
	return f.impl(in, args)
}

func plural(n int) string {
	if n == 1 {
		return "argument"
	}
	return "arguments"
}

// pyTypes maps a JMESPath type to the Python type names jmespath.py accepts
// for it (REVERSE_TYPES_MAP).
func pyTypes(t string) []string {
	switch t {
	case "boolean":
		return []string{"bool"}
	case "array":
		return []string{"list"}
	case "object":
		return []string{"dict"}
	case "null":
		return []string{"NoneType"}
	case "string":
		return []string{"str"}
	case "number":
		return []string{"float", "int"}
	case "expref":
		return []string{"_Expression"}
	}
	return nil
}

// typeCheck is jmespath.py's _type_check_single.
func typeCheck(fn string, v any, types []string) error {
	var allowed []string
	var subtypes [][]string
	for _, t := range types {
		typ, sub, ok := strings.Cut(t, "-")
		if ok {
			subtypes = append(subtypes, pyTypes(sub))
		}
		allowed = append(allowed, pyTypes(typ)...)
	}
	name := pyTypeName(v)
	if !slices.Contains(allowed, name) {
		return typeError(fn, v, jmesType(name), types)
	}
	if len(subtypes) == 0 {
		return nil
	}
	l := v.([]any)
	if len(subtypes) == 1 {
		for _, e := range l {
			if n := pyTypeName(e); !slices.Contains(subtypes[0], n) {
				return typeError(fn, e, n, types)
			}
		}
		return nil
	}
	if len(l) == 0 {
		return nil
	}
	first := pyTypeName(l[0])
	var ok []string
	for _, s := range subtypes {
		if slices.Contains(s, first) {
			ok = s
			break
		}
	}
	if ok == nil {
		return typeError(fn, l[0], first, types)
	}
	for _, e := range l {
		if n := pyTypeName(e); !slices.Contains(ok, n) {
			return typeError(fn, e, n, types)
		}
	}
	return nil
}

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
	s = strings.TrimFunc(s, isPySpace)
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
		} else if r >= utf8.RuneSelf && isPySpace(r) {
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

func fnContains(_ *interp, a []any) (any, error) {
	if s, ok := a[0].(string); ok {
		sub, ok := a[1].(string)
		if !ok {
			return nil, runtimeErr("'in <string>' requires string as left operand, not %s", pyTypeName(a[1]))
		}
		return strings.Contains(s, sub), nil
	}
	for _, e := range a[0].([]any) {
		if elemEqual(e, a[1]) {
			return true, nil
		}
	}
	return false, nil
}

func fnLength(_ *interp, a []any) (any, error) {
	switch v := a[0].(type) {
	case string:
		return int64(utf8.RuneCountInString(v)), nil
	case []any:
		return int64(len(v)), nil
	}
	return int64(a[0].(*Object).Len()), nil
}

func fnEndsWith(_ *interp, a []any) (any, error) {
	return strings.HasSuffix(a[0].(string), a[1].(string)), nil
}

func fnStartsWith(_ *interp, a []any) (any, error) {
	return strings.HasPrefix(a[0].(string), a[1].(string)), nil
}

func fnReverse(_ *interp, a []any) (any, error) {
	if s, ok := a[0].(string); ok {
		r := []rune(s)
		slices.Reverse(r)
		return string(r), nil
	}
	l := slices.Clone(a[0].([]any))
	slices.Reverse(l)
	if l == nil {
		l = []any{}
	}
	return l, nil
}

func fnCeil(_ *interp, a []any) (any, error) { return roundToInt(a[0], math.Ceil) }

func fnFloor(_ *interp, a []any) (any, error) { return roundToInt(a[0], math.Floor) }

// roundToInt is Python's math.ceil or math.floor: an int for any number.
func roundToInt(v any, round func(float64) float64) (any, error) {
	f, ok := v.(float64)
	if !ok {
		return v, nil
	}
	switch {
	case math.IsNaN(f):
		return nil, &Error{"cannot convert float NaN to integer"}
	case math.IsInf(f, 0):
		return nil, &Error{"cannot convert float infinity to integer"}
	}
	f = round(f)
	if f >= -(1<<63) && f < 1<<63 {
		return int64(f), nil
	}
	b, _ := big.NewFloat(f).Int(nil)
	return b, nil
}

func fnJoin(_ *interp, a []any) (any, error) {
	l := a[1].([]any)
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.(string)
	}
	return strings.Join(parts, a[0].(string)), nil
}

func fnMap(in *interp, a []any) (any, error) {
	e := a[0].(*Expref)
	l := a[1].([]any)
	out := make([]any, len(l))
	for i, v := range l {
		r, err := in.visit(e.node, v)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// pyLess is Python's a < b for two numbers or two strings; mixed kinds are
// a TypeError.
func pyLess(a, b any) bool {
	r, _ := pyOp("<", a, b)
	return r
}

// pyOp is Python's a < b or a > b (op "<" or ">") for two numbers or two
// strings; mixed kinds are the TypeError Python raises.
func pyOp(op string, a, b any) (bool, error) {
	as, aStr := a.(string)
	bs, bStr := b.(string)
	var c int
	switch {
	case aStr && bStr:
		c = strings.Compare(as, bs)
	case aStr || bStr:
		return false, notSupported(op, a, b)
	default:
		var ok bool
		if c, ok = cmpNum(a, b); !ok {
			return false, nil
		}
	}
	if op == "<" {
		return c < 0, nil
	}
	return c > 0, nil
}

func fnMax(_ *interp, a []any) (any, error) { return minMax(a[0].([]any), true) }

func fnMin(_ *interp, a []any) (any, error) { return minMax(a[0].([]any), false) }

// minMax is Python's max() or min() of a list: the first of the extreme
// items.
func minMax(l []any, isMax bool) (any, error) {
	if len(l) == 0 {
		return nil, nil
	}
	best := l[0]
	for _, e := range l[1:] {
		var better bool
		var err error
		if isMax {
			better, err = pyOp(">", e, best)
		} else {
			better, err = pyOp("<", e, best)
		}
		if err != nil {
			return nil, err
		}
		if better {
			best = e
		}
	}
	return best, nil
}

func fnSort(_ *interp, a []any) (any, error) {
	l := a[0].([]any)
	if len(l) == 0 {
		return []any{}, nil
	}
	_, strs := l[0].(string)
	out := make([]any, len(l))
	for i, j := range sortOrder(l, strs) {
		out[i] = l[j]
	}
	return out, nil
}

// pySort sorts l as Python's list.sort does with the given less: stably,
// and for fewer than 64 items with Python's exact algorithm (a run, then a
// binary insertion sort), so that even a comparison that is not a total
// order (NaN) gives Python's result.
func pySort[T any](l []T, less func(a, b T) bool) {
	n := len(l)
	if n < 2 {
		return
	}
	if n >= 64 {
		slices.SortStableFunc(l, func(a, b T) int {
			if less(a, b) {
				return -1
			}
			if less(b, a) {
				return 1
			}
			return 0
		})
		return
	}
	run := 2
	if less(l[1], l[0]) {
		for run < n && less(l[run], l[run-1]) {
			run++
		}
		slices.Reverse(l[:run])
	} else {
		for run < n && !less(l[run], l[run-1]) {
			run++
		}
	}
	for start := run; start < n; start++ {
		pivot := l[start]
		lo, hi := 0, start
		for lo < hi {
			p := lo + (hi-lo)>>1
			if less(pivot, l[p]) {
				hi = p
			} else {
				lo = p + 1
			}
		}
		copy(l[lo+1:start+1], l[lo:start])
		l[lo] = pivot
	}
}

// sortOrder returns the positions of keys in the order Python's sorted
// puts them. Keys are all strings (strs) or all numbers. Strings, and
// numbers without NaN, are totally ordered, so a sort that breaks ties by
// position gives Python's (stable) result; with a NaN the order depends on
// Python's algorithm, which pySort follows. Sorting positions rather than
// values moves no pointers.
func sortOrder(keys []any, strs bool) []int32 {
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	if strs {
		s := make([]string, len(keys))
		for i, k := range keys {
			s[i] = k.(string)
		}
		slices.SortFunc(order, func(a, b int32) int {
			if c := strings.Compare(s[a], s[b]); c != 0 {
				return c
			}
			return int(a - b)
		})
		return order
	}
	for _, k := range keys {
		if f, ok := k.(float64); ok && math.IsNaN(f) {
			pySort(order, func(a, b int32) bool { return pyLess(keys[a], keys[b]) })
			return order
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c, _ := cmpNum(keys[a], keys[b]); c != 0 {
			return c
		}
		return int(a - b)
	})
	return order
}

func fnKeys(_ *interp, a []any) (any, error) {
	o := a[0].(*Object)
	out := make([]any, o.Len())
	for i, m := range o.members {
		out[i] = m.key
	}
	return out, nil
}

func fnValues(_ *interp, a []any) (any, error) {
	o := a[0].(*Object)
	out := make([]any, o.Len())
	for i, m := range o.members {
		out[i] = m.value
	}
	return out, nil
}

func fnType(_ *interp, a []any) (any, error) {
	switch t := jmesType(pyTypeName(a[0])); t {
	case "expref", "unknown":
		return nil, nil
	default:
		return t, nil
	}
}

func fnMerge(_ *interp, a []any) (any, error) {
	out := &Object{}
	for _, v := range a {
		if err := dictUpdate(out, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// dictUpdate is Python's dict.update(v): merge type-checks only its first
// argument, so the others may be anything update accepts or rejects.
func dictUpdate(o *Object, v any) error {
	switch v := v.(type) {
	case *Object:
		for _, m := range v.members {
			o.Set(m.key, m.value)
		}
		return nil
	case string:
		if v == "" {
			return nil
		}
		return runtimeErr("dictionary update sequence element #0 has length 1; 2 is required")
	case []any:
		for i, e := range v {
			var pair []any
			switch e := e.(type) {
			case string:
				for _, r := range e {
					pair = append(pair, string(r))
				}
			case []any:
				pair = e
			case *Object:
				for _, m := range e.members {
					pair = append(pair, m.key)
				}
			default:
				return runtimeErr("cannot convert dictionary update sequence element #%d to a sequence", i)
			}
			if len(pair) != 2 {
				return runtimeErr("dictionary update sequence element #%d has length %d; 2 is required", i, len(pair))
			}
			switch k := pair[0].(type) {
			case string:
				o.Set(k, pair[1])
			case []any, *Object:
				return runtimeErr("unhashable type: '%s'", pyTypeName(k))
			default:
				return runtimeErr("merge(): a key that is not a string (%s) cannot be represented", pyStr(k))
			}
		}
		return nil
	}
	return runtimeErr("'%s' object is not iterable", pyTypeName(v))
}

// keyFunc is jmespath.py's _create_key_func.
func keyFunc(in *interp, e *Expref, allowed []string, fn string) func(any) (any, error) {
	return func(x any) (any, error) {
		r, err := in.visit(e.node, x)
		if err != nil {
			return nil, err
		}
		if t := jmesType(pyTypeName(r)); !slices.Contains(allowed, t) {
			return nil, typeError(fn, r, t, allowed)
		}
		return r, nil
	}
}

func fnSortBy(in *interp, a []any) (any, error) {
	l := a[0].([]any)
	if len(l) == 0 {
		return l, nil
	}
	e := a[1].(*Expref)
	first, err := in.visit(e.node, l[0])
	if err != nil {
		return nil, err
	}
	required := jmesType(pyTypeName(first))
	if required != "number" && required != "string" {
		return nil, typeError("sort_by", l[0], required, []string{"string", "number"})
	}
	key := keyFunc(in, e, []string{required}, "sort_by")
	keys := make([]any, len(l))
	for i, v := range l {
		if keys[i], err = key(v); err != nil {
			return nil, err
		}
	}
	out := make([]any, len(l))
	for i, j := range sortOrder(keys, required == "string") {
		out[i] = l[j]
	}
	return out, nil
}

func fnMinBy(in *interp, a []any) (any, error) { return minMaxBy(in, a, false) }

func fnMaxBy(in *interp, a []any) (any, error) { return minMaxBy(in, a, true) }

func minMaxBy(in *interp, a []any, isMax bool) (any, error) {
	fn := "min_by"
	if isMax {
		fn = "max_by"
	}
	key := keyFunc(in, a[1].(*Expref), []string{"number", "string"}, fn)
	l := a[0].([]any)
	if len(l) == 0 {
		return nil, nil
	}
	best := l[0]
	bestKey, err := key(best)
	if err != nil {
		return nil, err
	}
	for _, e := range l[1:] {
		k, err := key(e)
		if err != nil {
			return nil, err
		}
		var better bool
		if isMax {
			better, err = pyOp(">", k, bestKey)
		} else {
			better, err = pyOp("<", k, bestKey)
		}
		if err != nil {
			return nil, err
		}
		if better {
			best, bestKey = e, k
		}
	}
	return best, nil
}
