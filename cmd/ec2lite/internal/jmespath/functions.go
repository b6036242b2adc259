package jmespath

import (
	"math"
	"math/big"
	"slices"
	"strings"
	"sync"
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

// functions is the table of built-in functions, made on first use by
// lookupFunction so that a program that runs no query pays nothing at
// start-up.
var (
	functionsOnce sync.Once
	functions     map[string]*function
)

// lookupFunction returns the built-in function name, or nil.
func lookupFunction(name string) *function {
	functionsOnce.Do(makeFunctions)
	return functions[name]
}

func makeFunctions() {
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
	name := PyTypeName(v)
	if !slices.Contains(allowed, name) {
		return typeError(fn, v, jmesType(name), types)
	}
	if len(subtypes) == 0 {
		return nil
	}
	l := v.([]any)
	if len(subtypes) == 1 {
		for _, e := range l {
			if n := PyTypeName(e); !slices.Contains(subtypes[0], n) {
				return typeError(fn, e, n, types)
			}
		}
		return nil
	}
	if len(l) == 0 {
		return nil
	}
	first := PyTypeName(l[0])
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
		if n := PyTypeName(e); !slices.Contains(ok, n) {
			return typeError(fn, e, n, types)
		}
	}
	return nil
}

func fnContains(_ *interp, a []any) (any, error) {
	if s, ok := a[0].(string); ok {
		sub, ok := a[1].(string)
		if !ok {
			return nil, runtimeErr("'in <string>' requires string as left operand, not %s", PyTypeName(a[1]))
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
	switch t := jmesType(PyTypeName(a[0])); t {
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
				return runtimeErr("unhashable type: '%s'", PyTypeName(k))
			default:
				return runtimeErr("merge(): a key that is not a string (%s) cannot be represented", PyStr(k))
			}
		}
		return nil
	}
	return runtimeErr("'%s' object is not iterable", PyTypeName(v))
}

// keyFunc is jmespath.py's _create_key_func.
func keyFunc(in *interp, e *Expref, allowed []string, fn string) func(any) (any, error) {
	return func(x any) (any, error) {
		r, err := in.visit(e.node, x)
		if err != nil {
			return nil, err
		}
		if t := jmesType(PyTypeName(r)); !slices.Contains(allowed, t) {
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
	required := jmesType(PyTypeName(first))
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
