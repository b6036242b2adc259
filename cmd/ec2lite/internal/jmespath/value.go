package jmespath

import (
	"math"
	"math/big"
)

// This file holds the Python semantics the evaluator relies on: type names,
// equality, ordering and truth. How values print is in repr.go.

// Expref is the value of an expression reference (&expr) when it ends up in a
// result instead of being passed to a function, as in the query "&Username".
// It has no JSON form; its String method returns what Python's str() returns
// for jmespath.py's _Expression object, with a fixed address.
type Expref struct {
	node *node
}

// String returns "<jmespath.visitor._Expression object at 0x7f0000000000>".
func (e *Expref) String() string { return exprefStr }

const exprefStr = "<jmespath.visitor._Expression object at 0x7f0000000000>"

// PyTypeName returns Python's type(v).__name__ for a value of a search
// tree: "NoneType", "str", "bool", "int", "float", "list", "dict", or
// "_Expression" for an [*Expref]. It returns "object" for any other type.
func PyTypeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case string:
		return "str"
	case bool:
		return "bool"
	case int, int64, uint64:
		return "int"
	case *big.Int:
		if v == nil {
			return "NoneType"
		}
		return "int"
	case float64:
		return "float"
	case []any:
		return "list"
	case *Object:
		return "dict"
	case *Expref:
		return "_Expression"
	}
	return "object"
}

// jmesType maps a Python type name to a JMESPath type name, as jmespath.py's
// TYPES_MAP does.
func jmesType(pyName string) string {
	switch pyName {
	case "bool":
		return "boolean"
	case "list":
		return "array"
	case "dict":
		return "object"
	case "NoneType":
		return "null"
	case "str":
		return "string"
	case "float", "int":
		return "number"
	case "_Expression":
		return "expref"
	}
	return "unknown"
}

// isInt reports whether v is an integer (not a bool).
func isInt(v any) bool {
	switch v := v.(type) {
	case int, int64, uint64:
		return true
	case *big.Int:
		return v != nil
	}
	return false
}

// isNumber reports whether v is an int or a float, not a bool: jmespath.py's
// _is_actual_number.
func isNumber(v any) bool {
	if _, ok := v.(float64); ok {
		return true
	}
	return isInt(v)
}

// toBig returns an integer value as a new *big.Int.
func toBig(v any) *big.Int {
	switch v := v.(type) {
	case int:
		return big.NewInt(int64(v))
	case int64:
		return big.NewInt(v)
	case uint64:
		return new(big.Int).SetUint64(v)
	case *big.Int:
		return new(big.Int).Set(v)
	case bool:
		if v {
			return big.NewInt(1)
		}
		return big.NewInt(0)
	}
	return nil
}

// smallInt returns an integer value as an int64 when it fits.
func smallInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int:
		return int64(v), true
	case int64:
		return v, true
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v), true
		}
	case *big.Int:
		if v.IsInt64() {
			return v.Int64(), true
		}
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// normInt returns b as an int64 when it fits, else b itself.
func normInt(b *big.Int) any {
	if b.IsInt64() {
		return b.Int64()
	}
	return b
}

const maxExact = 1 << 53

// cmpNum compares two numbers (ints, floats or bools) exactly, as Python
// does. ok is false when either is NaN.
func cmpNum(a, b any) (c int, ok bool) {
	fa, aFloat := a.(float64)
	fb, bFloat := b.(float64)
	switch {
	case aFloat && bFloat:
		if math.IsNaN(fa) || math.IsNaN(fb) {
			return 0, false
		}
		return cmpFloat(fa, fb), true
	case !aFloat && !bFloat:
		ia, oka := smallInt(a)
		ib, okb := smallInt(b)
		if oka && okb {
			return cmpInt(ia, ib), true
		}
		return toBig(a).Cmp(toBig(b)), true
	case aFloat:
		c, ok := cmpIntFloat(b, fa)
		return -c, ok
	default:
		return cmpIntFloat(a, fb)
	}
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpIntFloat compares integer i with float f exactly.
func cmpIntFloat(i any, f float64) (int, bool) {
	if math.IsNaN(f) {
		return 0, false
	}
	if math.IsInf(f, 1) {
		return -1, true
	}
	if math.IsInf(f, -1) {
		return 1, true
	}
	if s, ok := smallInt(i); ok && s > -maxExact && s < maxExact {
		return cmpFloat(float64(s), f), true
	}
	bi := new(big.Float).SetInt(toBig(i))
	return bi.Cmp(big.NewFloat(f)), true
}

// pyEqual is Python's == over values: numbers compare by value across int,
// float and bool, lists element-wise, dicts regardless of key order.
func pyEqual(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		s, ok := b.(string)
		return ok && a == s
	case []any:
		l, ok := b.([]any)
		if !ok || len(l) != len(a) {
			return false
		}
		for i := range a {
			if !elemEqual(a[i], l[i]) {
				return false
			}
		}
		return true
	case *Object:
		o, ok := b.(*Object)
		if !ok || o.Len() != a.Len() {
			return false
		}
		for _, m := range a.members {
			v, ok := o.Get(m.key)
			if !ok || !elemEqual(m.value, v) {
				return false
			}
		}
		return true
	case *Expref:
		e, ok := b.(*Expref)
		return ok && e == a
	}
	// a is a number or a bool.
	if !isNumber(b) {
		if _, ok := b.(bool); !ok {
			return false
		}
	}
	if !isNumber(a) {
		if _, ok := a.(bool); !ok {
			return false
		}
	}
	ab, aBool := a.(bool)
	bb, bBool := b.(bool)
	if aBool && bBool {
		return ab == bb
	}
	c, ok := cmpNum(boolToInt(a), boolToInt(b))
	return ok && c == 0
}

// elemEqual compares the elements of two lists or the values of two dicts
// as Python does: the same list or dict is equal to itself without looking
// inside. Without this, comparing a result built by aliasing (`[@, @] |
// [@, @] | ...`) with itself would take exponential time.
func elemEqual(a, b any) bool {
	switch a := a.(type) {
	case []any:
		if l, ok := b.([]any); ok && len(a) == len(l) && (len(a) == 0 || &a[0] == &l[0]) {
			return true
		}
	case *Object:
		if o, ok := b.(*Object); ok && o == a {
			return true
		}
	}
	return pyEqual(a, b)
}

func boolToInt(v any) any {
	if b, ok := v.(bool); ok {
		if b {
			return int64(1)
		}
		return int64(0)
	}
	return v
}

// jmesEqual is jmespath.py's _equals: Python's ==, except that 0 and 1 are
// never equal to false and true.
func jmesEqual(x, y any) bool {
	if isNumber(x) && (numEquals(x, 0) || numEquals(x, 1)) {
		if _, ok := y.(bool); ok {
			return false
		}
		return pyEqual(x, y)
	}
	if isNumber(y) && (numEquals(y, 0) || numEquals(y, 1)) {
		if _, ok := x.(bool); ok {
			return false
		}
	}
	return pyEqual(x, y)
}

func numEquals(x any, n int64) bool {
	c, ok := cmpNum(x, n)
	return ok && c == 0
}

// isFalse is jmespath.py's _is_false: the empty string, list and object,
// None and False.
func isFalse(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case bool:
		return !v
	case []any:
		return len(v) == 0
	case *Object:
		return v.Len() == 0
	}
	return false
}
