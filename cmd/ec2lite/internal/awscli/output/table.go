package output

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// WriteTable writes v as the AWS CLI's --output table does (awscli/table.py
// MultiTable and formatter.py TableFormatter) with --color off: a box titled
// title (the operation name), then one section per object or list of objects:
//
//   - An object's scalar members form one row under a header row of their
//     sorted keys (a single scalar member prints as "key | value"); each
//     list or object member follows as a section titled by its key, indented
//     one level ("||" borders).
//   - A list of objects forms one header row (the sorted union of their
//     scalar keys) and a row per object; when the objects have nested
//     members, each object gets its own section with its nested sections
//     below it.
//   - A list of scalars prints one value per row; a list of lists of scalars
//     one list per row.
//
// Column widths fit the content, counting a character as two columns when
// its East Asian Width is W, F or A, and are scaled to fill the widest
// section. When the table is wider than width (the terminal's columns; 80
// when stdout is not a terminal), every section that has a header row and a
// single row is turned into key/value rows, as the AWS CLI does; the table
// may still be wider than width. A scalar value prints a box with only the
// title; a value Python considers false (None, "", 0, false, [], {}) prints
// nothing. Shapes on which the AWS CLI raises an exception (rows of
// different lengths, a list mixing objects and other values) return a
// *formatError with Python's message and write nothing.
func WriteTable(w io.Writer, title string, v any, width int) error {
	return WriteTableColor(w, title, v, width, ColorOff)
}

// Color selects the AWS CLI's table colours.
type Color uint8

const (
	// colorOff is --color off, or --color auto when stdout is not a terminal.
	ColorOff Color = iota
	// colorOn is --color on with stdout not a terminal.
	ColorOn
	// colorTerminal is --color on or auto with stdout a terminal.
	ColorTerminal
)

// WriteTableColor is writeTable with the AWS CLI's ANSI colours when color
// is not colorOff: each value bright blue, each indentation bar dim yellow.
// The AWS CLI colours through colorama with autoreset, which writes a reset
// (ESC[0m) after every write to stdout, and, when stdout is a terminal, one
// more at exit, even when the table is empty or formatting failed; these
// resets are reproduced too.
func WriteTableColor(w io.Writer, title string, v any, width int, color Color) error {
	t := &multiTable{width: width, color: color != ColorOff}
	ok, err := t.build(&title, v, 0)
	var out []byte
	if err == nil && ok {
		out = t.render()
	}
	if color == ColorTerminal {
		out = append(out, ansiReset...)
	}
	if len(out) > 0 {
		if werr := writeOnce(w, out); err == nil {
			err = werr
		}
	}
	return err
}

// tableSection is table.py's Section. A nil title is Python's None: it is not
// printed but counts as the four characters of "None" in the width.
type tableSection struct {
	title     *string
	headers   []string
	rows      [][]string
	indent    int
	numCols   int
	hasCols   bool
	maxWidths []int
}

type multiTable struct {
	sections []*tableSection
	cur      *tableSection
	width    int
	color    bool
}

func (t *multiTable) newSection(title *string, indent int) {
	t.cur = &tableSection{title: title, indent: indent}
	t.sections = append(t.sections, t.cur)
}

func (t *multiTable) addRowHeader(headers []string) error {
	if t.cur == nil {
		return &formatError{"'NoneType' object has no attribute 'add_header'"}
	}
	return t.cur.addHeader(headers)
}

func (t *multiTable) addRow(row []any) error {
	if t.cur == nil {
		return &formatError{"'NoneType' object has no attribute 'add_row'"}
	}
	return t.cur.addRow(row)
}

// pyTruthy reports whether Python considers v true.
func pyTruthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case string:
		return v != ""
	case bool:
		return v
	case int:
		return v != 0
	case int64:
		return v != 0
	case float64:
		return v != 0
	case []any:
		return len(v) > 0
	case *awscli.Object:
		return v.Len() > 0
	}
	return true
}

// build is TableFormatter._build_table.
func (t *multiTable) build(title *string, v any, indent int) (bool, error) {
	if err := checkValue(v); err != nil {
		return false, err
	}
	if !pyTruthy(v) {
		return false, nil
	}
	if title != nil {
		t.newSection(title, indent)
	}
	switch v := v.(type) {
	case []any:
		if _, ok := v[0].(*awscli.Object); ok {
			if err := t.buildFromList(v, indent, title); err != nil {
				return false, err
			}
			break
		}
		for _, item := range v {
			switch item := item.(type) {
			case *awscli.Object:
				// Iterating a dict yields its keys, all scalars: the row is the keys.
				row := make([]any, 0, item.Len())
				for _, k := range item.Keys() {
					row = append(row, k)
				}
				if err := t.addRow(row); err != nil {
					return false, err
				}
			case []any:
				if !slices.ContainsFunc(item, func(e any) bool { return !isScalar(e) }) {
					if err := t.addRow(item); err != nil {
						return false, err
					}
				} else if _, err := t.build(nil, item, 0); err != nil {
					return false, err
				}
			default:
				if err := t.addRow([]any{item}); err != nil {
					return false, err
				}
			}
		}
	case *awscli.Object:
		if err := t.buildFromDict(v, indent); err != nil {
			return false, err
		}
	}
	return true, nil
}

// buildFromDict is TableFormatter._build_sub_table_from_dict.
func (t *multiTable) buildFromDict(o *awscli.Object, indent int) error {
	headers, more := groupScalarKeys(o)
	switch {
	case len(headers) == 1:
		v, _ := o.Get(headers[0])
		if err := t.addRow([]any{headers[0], v}); err != nil {
			return err
		}
	case len(headers) > 1:
		if err := t.addRowHeader(headers); err != nil {
			return err
		}
		row := make([]any, len(headers))
		for i, h := range headers {
			row[i], _ = o.Get(h)
		}
		if err := t.addRow(row); err != nil {
			return err
		}
	}
	for _, k := range more {
		v, _ := o.Get(k)
		if _, err := t.build(&k, v, indent+1); err != nil {
			return err
		}
	}
	return nil
}

// buildFromList is TableFormatter._build_sub_table_from_list, for a list
// whose first element is an object.
func (t *multiTable) buildFromList(l []any, indent int, title *string) error {
	var headers, more []string
	var numeric error
	for _, e := range l {
		h, m, err := groupScalarKeysOf(e)
		if err == errNumericKeys {
			numeric = err // Python goes on to the next element
			continue
		}
		if err != nil {
			return err
		}
		for _, k := range h {
			if !slices.Contains(headers, k) {
				headers = append(headers, k)
			}
		}
		for _, k := range m {
			if !slices.Contains(more, k) {
				more = append(more, k)
			}
		}
	}
	if numeric != nil {
		return numeric
	}
	slices.Sort(headers)
	slices.Sort(more)
	if err := t.addRowHeader(headers); err != nil {
		return err
	}
	for i, e := range l {
		if i > 0 && len(more) > 0 {
			t.newSection(title, indent)
			if err := t.addRowHeader(headers); err != nil {
				return err
			}
		}
		o, ok := e.(*awscli.Object)
		if !ok {
			// Only "" and [] get here (see groupScalarKeysOf). Python
			// calls e.get(h) for each header h, then tests `k in e` for
			// each nested key k, a substring test on a str.
			if len(headers) > 0 {
				return &formatError{fmt.Sprintf("'%s' object has no attribute 'get'", awscli.PyTypeName(e))}
			}
			if err := t.addRow([]any{}); err != nil {
				return err
			}
			if _, isStr := e.(string); isStr && slices.Contains(more, "") {
				return &formatError{"string indices must be integers, not 'str'"}
			}
			continue
		}
		row := make([]any, len(headers))
		for j, h := range headers {
			v, ok := o.Get(h)
			if !ok {
				v = ""
			}
			row[j] = v
		}
		if err := t.addRow(row); err != nil {
			return err
		}
		for _, k := range more {
			if v, ok := o.Get(k); ok {
				if _, err := t.build(&k, v, indent+1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// groupScalarKeys splits an object's keys into those with scalar values and
// the others, each sorted.
func groupScalarKeys(o *awscli.Object) (headers, more []string) {
	for key, val := range o.All() {
		if isScalar(val) {
			headers = append(headers, key)
		} else {
			more = append(more, key)
		}
	}
	slices.Sort(headers)
	slices.Sort(more)
	return headers, more
}

// errNumericKeys reports a list of in-range numbers where the AWS CLI
// expects an object: Python indexes the list with them and goes on with
// numbers as column headers, which is not worth mimicking.
var errNumericKeys = &formatError{"ec2lite: cannot print this value as a table"}

// groupScalarKeysOf is _group_scalar_keys applied to any element of a list
// whose first element is an object: Python iterates the element and indexes
// it with what it yields, which fails for anything but an object or an empty
// string or list.
func groupScalarKeysOf(v any) (headers, more []string, err error) {
	switch v := v.(type) {
	case *awscli.Object:
		h, m := groupScalarKeys(v)
		return h, m, nil
	case string:
		if v == "" {
			return nil, nil, nil
		}
		return nil, nil, &formatError{"string indices must be integers, not 'str'"}
	case []any:
		if len(v) == 0 {
			return nil, nil, nil
		}
		// Python indexes the list with each of its own elements: numbers
		// work while in range, anything else fails.
		for _, e := range v {
			var i int64
			switch e := e.(type) {
			case int:
				i = int64(e)
			case int64:
				i = e
			case bool:
				if e {
					i = 1
				}
			case *big.Int:
				return nil, nil, &formatError{"cannot fit 'int' into an index-sized integer"}
			default:
				return nil, nil, &formatError{"list indices must be integers or slices, not " + awscli.PyTypeName(e)}
			}
			if i < -int64(len(v)) || i >= int64(len(v)) {
				return nil, nil, &formatError{"list index out of range"}
			}
		}
		return nil, nil, errNumericKeys
	}
	return nil, nil, &formatError{fmt.Sprintf("'%s' object is not iterable", awscli.PyTypeName(v))}
}

// textLength is table.py's get_text_length: the number of columns s takes,
// two for each character whose East Asian Width is W, F or A. Python's
// unicodedata also answers F for every unassigned code point, so those count
// two as well. Python 3.11 (the AWS CLI v1 here) has Unicode 14.0 and x/text
// 15.0: the 274 code points assigned in 15.0 that are not wide count one
// here and two there. An invalid UTF-8 byte counts one.
func textLength(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		p, size := width.LookupString(s[i:])
		if size == 0 {
			size = 1
		}
		switch p.Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			n += 2
		case width.Neutral:
			if r, _ := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError && !unicode.In(r, assignedCategories...) {
				n += 2
			} else {
				n++
			}
		default:
			n++
		}
		i += size
	}
	return n
}

// assignedCategories are the general categories of assigned code points
// (all but Cn).
var assignedCategories = []*unicode.RangeTable{
	unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z,
	unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs,
}

func (s *tableSection) addHeader(headers []string) error {
	if err := s.updateMaxWidths(headers); err != nil {
		return err
	}
	if !s.hasCols {
		s.numCols, s.hasCols = len(headers), true
	}
	s.headers = headers
	return nil
}

func (s *tableSection) addRow(row []any) error {
	if !s.hasCols {
		s.numCols, s.hasCols = len(row), true
	}
	if len(row) != s.numCols {
		return &formatError{fmt.Sprintf("Row should have %d elements, instead it has %d", s.numCols, len(row))}
	}
	r := make([]string, len(row))
	for i, e := range row {
		r[i] = awscli.PyStr(e)
	}
	s.rows = append(s.rows, r)
	return s.updateMaxWidths(r)
}

func (s *tableSection) updateMaxWidths(row []string) error {
	if len(s.maxWidths) == 0 {
		s.maxWidths = make([]int, len(row))
		for i, e := range row {
			s.maxWidths[i] = textLength(e)
		}
		return nil
	}
	if len(row) > len(s.maxWidths) {
		return &formatError{"list index out of range"}
	}
	for i, e := range row {
		s.maxWidths[i] = max(s.maxWidths[i], textLength(e))
	}
	return nil
}

// columnWidths is Section.calculate_column_widths(padding, max_width): the
// content widths plus padding, scaled to add up to maxWidth.
func (s *tableSection) columnWidths(padding, maxWidth int) []int {
	if len(s.maxWidths) == 0 {
		return nil
	}
	sum := 0
	for _, w := range s.maxWidths {
		sum += w + padding
	}
	scale := float64(maxWidth) / float64(sum)
	scaled := make([]int, len(s.maxWidths))
	off := -maxWidth
	for i, w := range s.maxWidths {
		scaled[i] = int(math.RoundToEven(scale * float64(w+padding)))
		off += scaled[i]
	}
	for off != 0 {
		for k := range scaled {
			i := k
			if off < 0 {
				i = len(scaled) - 1 - k
			}
			if off > 0 {
				scaled[i]--
				off--
			} else {
				scaled[i]++
				off++
			}
			if off == 0 {
				break
			}
		}
	}
	return scaled
}

func (s *tableSection) titleText() string {
	if s.title == nil {
		return "None"
	}
	return *s.title
}

// totalWidth is Section.total_width(padding=4, with_border=True,
// outer_padding=indent).
func (s *tableSection) totalWidth() int {
	total := 0
	for _, w := range s.maxWidths {
		total += w + 4
	}
	total += 2 + 2*s.indent
	return max(textLength(s.titleText())+2+2*s.indent, total)
}

func (t *multiTable) maxWidth() int {
	m := 0
	for i, s := range t.sections {
		if w := s.totalWidth(); i == 0 || w > m {
			m = w
		}
	}
	return m
}

// convertToVertical turns each section with a header and one row into
// header/value rows (table.py's convert_to_vertical_table).
func (t *multiTable) convertToVertical() {
	for i, s := range t.sections {
		if len(s.rows) != 1 || len(s.headers) == 0 {
			continue
		}
		n := &tableSection{title: s.title, indent: s.indent}
		for j := 0; j < len(s.headers) && j < len(s.rows[0]); j++ {
			n.addRow([]any{s.headers[j], s.rows[0][j]}) // two strings: cannot fail
		}
		t.sections[i] = n
	}
}
