package jmespath

import (
	"strings"
)

// maxEvalDepth is the nesting of AST nodes at which evaluation stops with
// Python's RecursionError: jmespath.py spends two Python frames per node,
// and the AWS CLI calls it a few dozen frames deep.
const maxEvalDepth = 487

type interp struct {
	depth int
	// Small lists, objects and members are carved out of chunks, so that a
	// projection building one per element allocates a few chunks instead.
	anys    []any
	objs    []Object
	members []member
}

const chunk = 256

// list returns a new list of length n.
func (in *interp) list(n int) []any {
	if n > 16 {
		return make([]any, n)
	}
	if len(in.anys) < n {
		in.anys = make([]any, chunk)
	}
	l := in.anys[:n:n]
	in.anys = in.anys[n:]
	return l
}

// object returns a new empty object with room for n members.
func (in *interp) object(n int) *Object {
	if len(in.objs) == 0 {
		in.objs = make([]Object, chunk/4)
	}
	o := &in.objs[0]
	in.objs = in.objs[1:]
	if n <= 16 {
		if len(in.members) < n {
			in.members = make([]member, chunk)
		}
		o.members = in.members[:0:n]
		in.members = in.members[n:]
	}
	return o
}

func (in *interp) visit(n *node, v any) (any, error) {
	in.depth++
	if in.depth > maxEvalDepth {
		return nil, &Error{recursionMsg}
	}
	r, err := in.visitNode(n, v)
	in.depth--
	return r, err
}

func (in *interp) visitNode(n *node, v any) (any, error) {
	switch n.kind {
	case nField:
		if o, ok := v.(*Object); ok {
			r, _ := o.Get(n.name)
			return r, nil
		}
		return nil, nil
	case nSubexpression, nIndexExpression, nPipe:
		var err error
		for _, c := range n.children {
			if v, err = in.visit(c, v); err != nil {
				return nil, err
			}
		}
		return v, nil
	case nComparator:
		left, err := in.visit(n.children[0], v)
		if err != nil {
			return nil, err
		}
		right, err := in.visit(n.children[1], v)
		if err != nil {
			return nil, err
		}
		return compare(n.op, left, right)
	case nCurrent, nIdentity:
		return v, nil
	case nExpref:
		return &Expref{node: n.children[0]}, nil
	case nFunction:
		args := make([]any, len(n.children))
		for i, c := range n.children {
			a, err := in.visit(c, v)
			if err != nil {
				return nil, err
			}
			args[i] = a
		}
		if n.fn == nil {
			return nil, runtimeErr("Unknown function: %s()", n.name)
		}
		return n.fn.call(in, args)
	case nFilterProjection:
		base, err := in.visit(n.children[0], v)
		if err != nil {
			return nil, err
		}
		l, ok := base.([]any)
		if !ok {
			return nil, nil
		}
		out := []any{}
		for _, e := range l {
			c, err := in.visit(n.children[2], e)
			if err != nil {
				return nil, err
			}
			if isFalse(c) {
				continue
			}
			r, err := in.visit(n.children[1], e)
			if err != nil {
				return nil, err
			}
			if r != nil {
				out = append(out, r)
			}
		}
		return out, nil
	case nFlatten:
		base, err := in.visit(n.children[0], v)
		if err != nil {
			return nil, err
		}
		l, ok := base.([]any)
		if !ok {
			return nil, nil
		}
		out := make([]any, 0, len(l))
		for _, e := range l {
			if sub, ok := e.([]any); ok {
				out = append(out, sub...)
			} else {
				out = append(out, e)
			}
		}
		return out, nil
	case nIndex:
		l, ok := v.([]any)
		if !ok {
			return nil, nil
		}
		i := n.index
		if i < 0 {
			i += int64(len(l))
		}
		if i < 0 || i >= int64(len(l)) {
			return nil, nil
		}
		return l[i], nil
	case nSlice:
		l, ok := v.([]any)
		if !ok {
			return nil, nil
		}
		return slice(l, n.slice)
	case nLiteral:
		return n.value, nil
	case nMultiSelectDict:
		if v == nil {
			return nil, nil
		}
		o := in.object(len(n.children))
		for i, c := range n.children {
			r, err := in.visit(c, v)
			if err != nil {
				return nil, err
			}
			o.Set(n.keys[i], r)
		}
		return o, nil
	case nMultiSelectList:
		if v == nil {
			return nil, nil
		}
		out := in.list(len(n.children))
		for i, c := range n.children {
			r, err := in.visit(c, v)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case nOr:
		r, err := in.visit(n.children[0], v)
		if err != nil || !isFalse(r) {
			return r, err
		}
		return in.visit(n.children[1], v)
	case nAnd:
		r, err := in.visit(n.children[0], v)
		if err != nil || isFalse(r) {
			return r, err
		}
		return in.visit(n.children[1], v)
	case nNot:
		r, err := in.visit(n.children[0], v)
		if err != nil {
			return nil, err
		}
		// Python's `not`, except that jmespath.py makes !0 false: so only
		// the false values of isFalse negate to true.
		return isFalse(r), nil
	case nProjection:
		base, err := in.visit(n.children[0], v)
		if err != nil {
			return nil, err
		}
		l, ok := base.([]any)
		if !ok {
			return nil, nil
		}
		return in.project(n.children[1], l)
	case nValueProjection:
		base, err := in.visit(n.children[0], v)
		if err != nil {
			return nil, err
		}
		o, ok := base.(*Object)
		if !ok {
			return nil, nil
		}
		vals := make([]any, o.Len())
		for i, m := range o.members {
			vals[i] = m.value
		}
		return in.project(n.children[1], vals)
	}
	panic("jmespath: unknown node")
}

func (in *interp) project(rhs *node, l []any) (any, error) {
	out := make([]any, 0, len(l))
	if rhs.kind == nIdentity {
		for _, e := range l {
			if e != nil {
				out = append(out, e)
			}
		}
		return out, nil
	}
	for _, e := range l {
		r, err := in.visit(rhs, e)
		if err != nil {
			return nil, err
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// slice is Python's list[start:stop:step].
func slice(l []any, parts [3]*int64) (any, error) {
	step := int64(1)
	if parts[2] != nil {
		step = *parts[2]
	}
	if step == 0 {
		return nil, &Error{"slice step cannot be zero"}
	}
	n := int64(len(l))
	lower, upper := int64(0), n
	if step < 0 {
		lower, upper = -1, n-1
	}
	bound := func(p *int64, def int64) int64 {
		if p == nil {
			return def
		}
		x := *p
		if x < 0 {
			x += n
			if x < lower {
				x = lower
			}
		} else if x > upper {
			x = upper
		}
		return x
	}
	var start, stop int64
	if step < 0 {
		start, stop = bound(parts[0], upper), bound(parts[1], lower)
	} else {
		start, stop = bound(parts[0], lower), bound(parts[1], upper)
	}
	out := []any{}
	if step > 0 {
		for i := start; i < stop; i += step {
			out = append(out, l[i])
		}
	} else {
		for i := start; i > stop; i += step {
			out = append(out, l[i])
		}
	}
	return out, nil
}

var opSymbols = map[tokKind]string{tLt: "<", tGt: ">", tLte: "<=", tGte: ">="}

// compare is jmespath.py's visit_comparator.
func compare(op tokKind, left, right any) (any, error) {
	switch op {
	case tEq:
		return jmesEqual(left, right), nil
	case tNe:
		return !jmesEqual(left, right), nil
	}
	ls, lStr := left.(string)
	rs, rStr := right.(string)
	if !(lStr || isNumber(left)) || !(rStr || isNumber(right)) {
		return nil, nil
	}
	var c int
	switch {
	case lStr && rStr:
		c = strings.Compare(ls, rs)
	case lStr || rStr:
		return nil, notSupported(opSymbols[op], left, right)
	default:
		var ok bool
		if c, ok = cmpNum(left, right); !ok {
			return false, nil
		}
	}
	switch op {
	case tLt:
		return c < 0, nil
	case tGt:
		return c > 0, nil
	case tLte:
		return c <= 0, nil
	}
	return c >= 0, nil
}

func notSupported(op string, a, b any) *Error {
	return runtimeErr("'%s' not supported between instances of '%s' and '%s'", op, PyTypeName(a), PyTypeName(b))
}
