// Package promtext writes the Prometheus text exposition format, version
// 0.0.4: the format a Prometheus server scrapes from a /metrics page.
//
// It is a writer only, with no registry and no client library behind it: the
// caller builds the [Family] values of one scrape and [Write] renders them.
// The output is canonical, so that two scrapes of the same values are byte
// for byte the same: families sorted by name, the labels of a sample sorted
// by name, samples sorted by their labels, each family introduced by its
// HELP and TYPE lines. Label values and help text are escaped as the format
// requires (backslash, double quote in label values, newline); text that is
// not valid UTF-8 has its invalid bytes replaced by U+FFFD.
//
// See https://prometheus.io/docs/instrumenting/exposition_formats/.
package promtext

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ContentType is the Content-Type of a page in this format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Type is the type of a metric family, as written on its TYPE line.
type Type string

// The types of metric families this package writes. Summaries and histograms,
// whose samples carry suffixes (_sum, _count, _bucket), are not supported.
const (
	Counter Type = "counter"
	Gauge   Type = "gauge"
	Untyped Type = "untyped"
)

// Label is one label of a sample.
type Label struct {
	Name, Value string
}

// Sample is one value of a family, identified by its labels.
type Sample struct {
	Labels []Label
	Value  float64
}

// Family is a metric family: a name (a counter's ends in "_total" by
// convention), a help text, a type and its samples.
type Family struct {
	Name    string
	Help    string
	Type    Type
	Samples []Sample
}

// Write writes the families to w in the text format (see the package
// documentation for the order). It checks everything the format requires
// before writing anything, and fails without writing when a name is not a
// valid metric or label name (label names beginning with "__" are reserved),
// a family name repeats, a type is unknown, a sample repeats a label name, or
// two samples of a family have the same labels. The families are not modified.
func Write(w io.Writer, families []Family) error {
	b, err := Append(nil, families)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Append is [Write] appending to dst; on error it returns dst unchanged.
func Append(dst []byte, families []Family) ([]byte, error) {
	order := make([]int, len(families))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(families[a].Name, families[b].Name) })
	for k, i := range order {
		f := &families[i]
		if !validMetricName(f.Name) {
			return dst, fmt.Errorf("promtext: invalid metric name %q", f.Name)
		}
		if k > 0 && families[order[k-1]].Name == f.Name {
			return dst, fmt.Errorf("promtext: metric family %s given twice", f.Name)
		}
		switch f.Type {
		case Counter, Gauge, Untyped:
		default:
			return dst, fmt.Errorf("promtext: metric family %s: unknown type %q", f.Name, f.Type)
		}
	}
	b := dst
	for _, i := range order {
		f := &families[i]
		samples, err := sortedSamples(f)
		if err != nil {
			return dst, err
		}
		b = append(b, "# HELP "...)
		b = append(b, f.Name...)
		b = append(b, ' ')
		b = appendEscaped(b, f.Help, false)
		b = append(b, "\n# TYPE "...)
		b = append(b, f.Name...)
		b = append(b, ' ')
		b = append(b, f.Type...)
		b = append(b, '\n')
		for _, s := range samples {
			b = append(b, f.Name...)
			if len(s.Labels) > 0 {
				b = append(b, '{')
				b = appendLabels(b, s.Labels)
				b = append(b, '}')
			}
			b = append(b, ' ')
			b = AppendValue(b, s.Value)
			b = append(b, '\n')
		}
	}
	return b, nil
}

// sortedSamples returns f's samples with their labels sorted by name, sorted
// by label set, after checking the names and that no two are the same.
func sortedSamples(f *Family) ([]Sample, error) {
	out := make([]Sample, len(f.Samples))
	for i, s := range f.Samples {
		labels := slices.Clone(s.Labels)
		slices.SortFunc(labels, func(a, b Label) int { return strings.Compare(a.Name, b.Name) })
		for j, l := range labels {
			if !validLabelName(l.Name) {
				return nil, fmt.Errorf("promtext: metric family %s: invalid label name %q", f.Name, l.Name)
			}
			if j > 0 && labels[j-1].Name == l.Name {
				return nil, fmt.Errorf("promtext: metric family %s: label %s given twice in one sample", f.Name, l.Name)
			}
		}
		out[i] = Sample{Labels: labels, Value: s.Value}
	}
	slices.SortStableFunc(out, func(a, b Sample) int { return compareLabels(a.Labels, b.Labels) })
	for i := 1; i < len(out); i++ {
		if compareLabels(out[i-1].Labels, out[i].Labels) == 0 {
			return nil, fmt.Errorf("promtext: metric family %s: two samples with the labels {%s}", f.Name, appendLabels(nil, out[i].Labels))
		}
	}
	return out, nil
}

// compareLabels orders label sets (each sorted by name) pair by pair: name,
// then value; a prefix comes first.
func compareLabels(a, b []Label) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := strings.Compare(a[i].Name, b[i].Name); c != 0 {
			return c
		}
		if c := strings.Compare(a[i].Value, b[i].Value); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// appendLabels appends a sample's labels as name="value" pairs, comma
// separated.
func appendLabels(b []byte, ls []Label) []byte {
	for i, l := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, l.Name...)
		b = append(b, `="`...)
		b = appendEscaped(b, l.Value, true)
		b = append(b, '"')
	}
	return b
}

// appendEscaped appends s with backslash and newline escaped, and the double
// quote too in a label value; invalid UTF-8 becomes U+FFFD.
func appendEscaped(b []byte, s string, quote bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\':
				b = append(b, `\\`...)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '"' && quote:
				b = append(b, `\"`...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// AppendValue appends v as the format writes a sample value: "NaN", "+Inf",
// "-Inf", an integer in decimal when it is one that a float64 holds exactly
// (|v| < 2^53), otherwise the shortest representation that parses back to v
// (strconv's 'g' format, e.g. 1.8446744073709552e+19).
func AppendValue(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, "NaN"...)
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case v == math.Trunc(v) && math.Abs(v) < 1<<53:
		if v == 0 && math.Signbit(v) {
			return append(b, "-0"...)
		}
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// validMetricName reports whether s matches [a-zA-Z_:][a-zA-Z0-9_:]*.
func validMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// validLabelName reports whether s matches [a-zA-Z_][a-zA-Z0-9_]* and does not
// begin with the reserved "__".
func validLabelName(s string) bool {
	if s == "" || strings.HasPrefix(s, "__") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
