package output

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// WriteText writes v as the AWS CLI's --output text does (awscli/text.py),
// for one response or one page:
//
//   - A scalar prints as Python's str() (None, True, 1.5) and a newline.
//   - An object prints its scalar members on one line, tab-separated, in
//     sorted key order, prefixed by its identifier (the upper-cased key it was
//     found under) when it has one; then each list or object member, in
//     sorted key order, with that member's key as its identifier.
//   - A list of objects prints each object with the union of the scalar keys
//     of all of them as columns (a missing key prints as an empty field).
//   - A list of scalars prints as one tab-separated line, or, under an
//     identifier, one "IDENTIFIER\tvalue" line per element; a list holding
//     lists prints its scalars first and then each inner list.
//
// Strings are written as they are (a tab inside a value is not escaped).
// Like the AWS CLI, writeText writes what it formatted before it meets a list
// mixing objects with other values, then returns a *formatError with
// Python's message ("'str' object has no attribute 'items'").
func WriteText(w io.Writer, v any) error {
	var t textWriter
	err := t.format(v, "", false, nil, false)
	if werr := writeOnce(w, t.b); err == nil {
		err = werr
	}
	return err
}

type textWriter struct {
	b []byte
}

// format is text.py's _format_text. ident is used when hasIdent; keys when hasKeys.
func (t *textWriter) format(v any, ident string, hasIdent bool, keys []string, hasKeys bool) error {
	switch v := v.(type) {
	case *awscli.Object:
		return t.formatDict(v, ident, hasIdent, keys, hasKeys)
	case []any:
		return t.formatList(v, ident, hasIdent)
	}
	if err := checkValue(v); err != nil {
		return err
	}
	t.b = append(t.b, awscli.PyStr(v)...)
	t.b = append(t.b, '\n')
	return nil
}

func (t *textWriter) formatList(l []any, ident string, hasIdent bool) error {
	if len(l) == 0 {
		return nil
	}
	if slices.ContainsFunc(l, func(e any) bool { _, ok := e.(*awscli.Object); return ok }) {
		keys, err := allScalarKeys(l)
		if err != nil {
			return err
		}
		for _, e := range l {
			if err := t.format(e, ident, hasIdent, keys, true); err != nil {
				return err
			}
		}
		return nil
	}
	if slices.ContainsFunc(l, func(e any) bool { _, ok := e.([]any); return ok }) {
		var scalars, lists []any
		for _, e := range l {
			if isScalar(e) {
				scalars = append(scalars, e)
			} else {
				lists = append(lists, e)
			}
		}
		if len(scalars) > 0 {
			if err := t.formatScalarList(scalars, ident, hasIdent); err != nil {
				return err
			}
		}
		for _, e := range lists {
			if err := t.format(e, ident, hasIdent, nil, false); err != nil {
				return err
			}
		}
		return nil
	}
	return t.formatScalarList(l, ident, hasIdent)
}

func (t *textWriter) formatScalarList(l []any, ident string, hasIdent bool) error {
	for _, e := range l {
		if err := checkValue(e); err != nil {
			return err
		}
	}
	if hasIdent {
		up := strings.ToUpper(ident)
		for _, e := range l {
			t.b = append(t.b, up...)
			t.b = append(t.b, '\t')
			t.b = append(t.b, awscli.PyStr(e)...)
			t.b = append(t.b, '\n')
		}
		return nil
	}
	for i, e := range l {
		if i > 0 {
			t.b = append(t.b, '\t')
		}
		t.b = append(t.b, awscli.PyStr(e)...)
	}
	t.b = append(t.b, '\n')
	return nil
}

func (t *textWriter) formatDict(o *awscli.Object, ident string, hasIdent bool, keys []string, hasKeys bool) error {
	var scalars []string
	var rest []member
	if !hasKeys {
		for _, m := range sortedMembers(o) {
			if isScalar(m.Value) {
				if err := checkValue(m.Value); err != nil {
					return err
				}
				scalars = append(scalars, awscli.PyStr(m.Value))
			} else {
				rest = append(rest, m)
			}
		}
	} else {
		for _, k := range keys {
			v, ok := o.Get(k)
			if !ok {
				v = ""
			}
			if err := checkValue(v); err != nil {
				return err
			}
			scalars = append(scalars, awscli.PyStr(v))
		}
		for _, m := range sortedMembers(o) {
			if !slices.Contains(keys, m.Key) {
				rest = append(rest, m)
			}
		}
	}
	if len(scalars) > 0 {
		if hasIdent {
			t.b = append(t.b, strings.ToUpper(ident)...)
			t.b = append(t.b, '\t')
		}
		for i, s := range scalars {
			if i > 0 {
				t.b = append(t.b, '\t')
			}
			t.b = append(t.b, s...)
		}
		t.b = append(t.b, '\n')
	}
	for _, m := range rest {
		if err := t.format(m.Value, m.Key, true, nil, false); err != nil {
			return err
		}
	}
	return nil
}

// allScalarKeys is text.py's _all_scalar_keys: the sorted union of the keys
// whose values are scalars, over a list that must hold only objects.
func allScalarKeys(l []any) ([]string, error) {
	var keys []string
	for _, e := range l {
		o, ok := e.(*awscli.Object)
		if !ok {
			return nil, &formatError{fmt.Sprintf("'%s' object has no attribute 'items'", awscli.PyTypeName(e))}
		}
		for key, val := range o.All() {
			if isScalar(val) && !slices.Contains(keys, key) {
				keys = append(keys, key)
			}
		}
	}
	slices.Sort(keys)
	return keys, nil
}

// A member is one key of an object and its value.
type member struct {
	Key   string
	Value any
}

// sortedMembers returns o's members sorted by key.
func sortedMembers(o *awscli.Object) []member {
	ms := make([]member, 0, o.Len())
	for key, val := range o.All() {
		ms = append(ms, member{key, val})
	}
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.Key, b.Key) })
	return ms
}
