package promtext

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Parse parses a page in the text format 0.0.4 as [Write] writes it, more
// strictly than Prometheus does: every family starts with its HELP
// line then its TYPE line; families are contiguous, never repeated and sorted
// by name; sample names equal their family's name; labels are sorted by name,
// unique and without a trailing comma; samples are sorted by labels and
// unique; values are Go floats or NaN/+Inf/-Inf, without timestamps; only the
// escapes \\, \n (and \" in label values) occur; every line ends with "\n";
// no blank lines, no other comments. It is the oracle the tests of Write and
// of the programs that use it check their pages with; Parse(Write(f)) gives
// f back in canonical order.
func Parse(page string) ([]Family, error) {
	fams, err := parse(page)
	if err != nil {
		return nil, fmt.Errorf("promtext: %w", err)
	}
	return fams, nil
}

func parse(page string) ([]Family, error) {
	if page == "" {
		return nil, nil
	}
	if !strings.HasSuffix(page, "\n") {
		return nil, fmt.Errorf("page does not end with a newline")
	}
	if !utf8.ValidString(page) {
		return nil, fmt.Errorf("page is not valid UTF-8")
	}
	lines := strings.Split(strings.TrimSuffix(page, "\n"), "\n")
	var fams []Family
	for n := 0; n < len(lines); {
		line := lines[n]
		where := func(format string, a ...any) error {
			return fmt.Errorf("line %d: %q: %s", n+1, line, fmt.Sprintf(format, a...))
		}
		rest, ok := strings.CutPrefix(line, "# HELP ")
		if !ok {
			return nil, where("want a HELP line")
		}
		name, help, ok := strings.Cut(rest, " ")
		if !ok || !validMetricName(name) {
			return nil, where("bad HELP line")
		}
		h, err := unescape(help, false)
		if err != nil {
			return nil, where("%v", err)
		}
		if len(fams) > 0 && fams[len(fams)-1].Name >= name {
			return nil, where("family %s not sorted after %s (or repeated)", name, fams[len(fams)-1].Name)
		}
		n++
		if n == len(lines) {
			return nil, fmt.Errorf("family %s: no TYPE line", name)
		}
		line = lines[n]
		typ, ok := strings.CutPrefix(line, "# TYPE "+name+" ")
		if !ok {
			return nil, where("want the TYPE line of %s", name)
		}
		switch Type(typ) {
		case Counter, Gauge, Untyped:
		default:
			return nil, where("unknown type")
		}
		f := Family{Name: name, Help: h, Type: Type(typ)}
		n++
		for ; n < len(lines) && !strings.HasPrefix(lines[n], "#"); n++ {
			line = lines[n]
			s, err := parseSample(line, name)
			if err != nil {
				return nil, where("%v", err)
			}
			if k := len(f.Samples); k > 0 && compareLabels(f.Samples[k-1].Labels, s.Labels) >= 0 {
				return nil, where("sample not sorted after the previous one (or repeated)")
			}
			f.Samples = append(f.Samples, s)
		}
		fams = append(fams, f)
	}
	return fams, nil
}

func parseSample(line, name string) (Sample, error) {
	rest, ok := strings.CutPrefix(line, name)
	if !ok {
		return Sample{}, fmt.Errorf("sample name is not %s", name)
	}
	var s Sample
	if strings.HasPrefix(rest, "{") {
		rest = rest[1:]
		for {
			eq := strings.Index(rest, `="`)
			if eq < 0 {
				return Sample{}, fmt.Errorf("bad label")
			}
			l := Label{Name: rest[:eq]}
			if !validLabelName(l.Name) {
				return Sample{}, fmt.Errorf("bad label name %q", l.Name)
			}
			if k := len(s.Labels); k > 0 && s.Labels[k-1].Name >= l.Name {
				return Sample{}, fmt.Errorf("label %s not sorted (or repeated)", l.Name)
			}
			rest = rest[eq+2:]
			end := -1
			for i := 0; i < len(rest); i++ {
				if rest[i] == '\\' {
					i++
					continue
				}
				if rest[i] == '"' {
					end = i
					break
				}
			}
			if end < 0 {
				return Sample{}, fmt.Errorf("unterminated label value")
			}
			v, err := unescape(rest[:end], true)
			if err != nil {
				return Sample{}, err
			}
			l.Value = v
			s.Labels = append(s.Labels, l)
			rest = rest[end+1:]
			if strings.HasPrefix(rest, ",") {
				rest = rest[1:]
				continue
			}
			if !strings.HasPrefix(rest, "}") {
				return Sample{}, fmt.Errorf("want , or } after a label")
			}
			rest = rest[1:]
			break
		}
	}
	val, ok := strings.CutPrefix(rest, " ")
	if !ok || val == "" || strings.Contains(val, " ") {
		return Sample{}, fmt.Errorf("want one space and a value (no timestamp)")
	}
	switch val {
	case "NaN":
		s.Value = math.NaN()
	case "+Inf":
		s.Value = math.Inf(1)
	case "-Inf":
		s.Value = math.Inf(-1)
	default:
		if strings.ContainsAny(val, "_xXpPiInN") {
			return Sample{}, fmt.Errorf("value %q is not a plain decimal float", val)
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return Sample{}, fmt.Errorf("bad value %q", val)
		}
		s.Value = f
	}
	return s, nil
}

// unescape undoes the format's escapes, refusing any other backslash
// sequence, a raw double quote in a label value, and a raw newline.
func unescape(s string, quote bool) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 == len(s) {
				return "", fmt.Errorf("trailing backslash")
			}
			i++
			switch s[i] {
			case '\\':
				b.WriteByte('\\')
			case 'n':
				b.WriteByte('\n')
			case '"':
				if !quote {
					return "", fmt.Errorf(`\" in help text`)
				}
				b.WriteByte('"')
			default:
				return "", fmt.Errorf("unknown escape \\%c", s[i])
			}
		case c == '"' && quote:
			return "", fmt.Errorf("raw double quote in a label value")
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
