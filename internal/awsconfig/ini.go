package awsconfig

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// File is a parsed INI file: the sections of one ~/.aws/config or ~/.aws/credentials file.
//
// The grammar is that of Python's configparser.RawConfigParser as botocore configures it
// (botocore/configloader.py), which is what the AWS CLI reads:
//
//   - A line whose first non-blank character is '#' or ';' is a comment. There are no inline
//     comments: in "region = us-east-1 # home" the value is "us-east-1 # home".
//   - "[name]" starts a section; the name is everything between the first '[' and the last ']'
//     of the line, kept verbatim (case and inner spaces included). A section name may appear
//     only once per file.
//   - "key = value" or "key: value" sets an option; the key is lower-cased, both are trimmed,
//     and the first '=' or ':' separates them. A key may appear only once per section.
//   - A line indented deeper than its option's line continues that option's value. A value
//     that starts with such a continuation ("s3 =" followed by indented "key = value" lines)
//     is a nested sub-section: [Value.Sub] holds its keys; otherwise the lines are joined with
//     "\n".
//   - Options in a [DEFAULT] section apply to every other section that does not set them.
//
// Any other line (an option outside a section, a line with neither '=' nor ':', invalid
// UTF-8) makes the whole file invalid, as it does for the AWS CLI. Errors give the line number
// but never the line's text, which may hold a secret key.
type File struct {
	// Sections holds the sections in the order they first appear, without [DEFAULT],
	// whose options have already been copied into every section.
	Sections []Section
}

// Section is one [name] section of a [File].
type Section struct {
	Name   string
	Values map[string]Value // keyed by lower-case option name
}

// Value is the value of one option. Sub is non-nil when the value is a nested sub-section
// such as "s3 =\n  max_concurrent_requests = 10"; Text then holds the raw lines.
type Value struct {
	Text string
	Sub  map[string]string
}

// Section returns the section called name, if the file has one.
func (f *File) Section(name string) (*Section, bool) {
	for i := range f.Sections {
		if f.Sections[i].Name == name {
			return &f.Sections[i], true
		}
	}
	return nil, false
}

// SyntaxError reports a line of an INI file that cannot be parsed. It does not quote
// the line, which may contain a secret.
type SyntaxError struct {
	Line int    // 1-based line number
	Msg  string // what is wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

const defaultSection = "DEFAULT"

// Parse parses the contents of an AWS config or credentials file. A leading UTF-8 byte
// order mark is ignored (configparser would reject it; Windows editors write one).
func Parse(data []byte) (*File, error) {
	if !utf8.Valid(data) {
		return nil, &SyntaxError{Line: firstInvalidLine(data), Msg: "file is not valid UTF-8"}
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")

	type option struct {
		name  string
		line  int
		lines []string
	}
	type section struct {
		name string
		opts []*option
		set  map[string]*option
	}
	var (
		sections   []*section
		byName     = map[string]*section{}
		defaults   = &section{name: defaultSection, set: map[string]*option{}}
		cur        *section
		curOpt     *option
		indent     = 0
		firstError error
	)
	fail := func(line int, msg string) {
		if firstError == nil {
			firstError = &SyntaxError{Line: line, Msg: msg}
		}
	}
	for i, line := range lines {
		lineno := i + 1
		stripped := strings.TrimFunc(line, unicode.IsSpace)
		if strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";") {
			continue
		}
		if stripped == "" {
			if curOpt != nil {
				curOpt.lines = append(curOpt.lines, "")
			}
			continue
		}
		lineIndent := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) })
		lineIndent = utf8.RuneCountInString(line[:lineIndent])
		if cur != nil && curOpt != nil && lineIndent > indent {
			curOpt.lines = append(curOpt.lines, stripped)
			continue
		}
		indent = lineIndent
		if name, ok := sectionHeader(stripped); ok {
			curOpt = nil
			switch {
			case name == defaultSection:
				cur = defaults
			case byName[name] != nil:
				return nil, &SyntaxError{Line: lineno, Msg: fmt.Sprintf("section [%s] appears twice", name)}
			default:
				cur = &section{name: name, set: map[string]*option{}}
				byName[name] = cur
				sections = append(sections, cur)
			}
			continue
		}
		if cur == nil {
			return nil, &SyntaxError{Line: lineno, Msg: "option before the first [section] header"}
		}
		d := strings.IndexAny(stripped, "=:")
		if d < 0 {
			// configparser keeps going and reports the first bad line at the end.
			fail(lineno, "expected \"key = value\", a [section] header or a comment")
			curOpt = nil
			continue
		}
		name := strings.ToLower(strings.TrimRightFunc(stripped[:d], unicode.IsSpace))
		if name == "" {
			fail(lineno, "option with an empty name")
		}
		if cur.set[name] != nil {
			return nil, &SyntaxError{Line: lineno, Msg: fmt.Sprintf("option %q appears twice in section [%s]", name, cur.name)}
		}
		opt := &option{name: name, line: lineno, lines: []string{strings.TrimFunc(stripped[d+1:], unicode.IsSpace)}}
		cur.set[name] = opt
		cur.opts = append(cur.opts, opt)
		curOpt = opt
		if name == "" {
			curOpt = nil // configparser never continues an option without a name
		}
	}
	if firstError != nil {
		return nil, firstError
	}

	toValue := func(o *option) (Value, error) {
		text := strings.TrimRightFunc(strings.Join(o.lines, "\n"), unicode.IsSpace)
		if !strings.HasPrefix(text, "\n") {
			return Value{Text: text}, nil
		}
		sub := map[string]string{}
		for _, l := range strings.Split(text, "\n") {
			l = strings.TrimFunc(l, unicode.IsSpace)
			if l == "" {
				continue
			}
			k, v, ok := strings.Cut(l, "=")
			if !ok {
				return Value{}, &SyntaxError{Line: o.line, Msg: fmt.Sprintf("nested value of %q has a line without '='", o.name)}
			}
			sub[strings.TrimFunc(k, unicode.IsSpace)] = strings.TrimFunc(v, unicode.IsSpace)
		}
		return Value{Text: text, Sub: sub}, nil
	}
	f := &File{Sections: make([]Section, 0, len(sections))}
	for _, s := range sections {
		out := Section{Name: s.name, Values: make(map[string]Value, len(s.opts)+len(defaults.opts))}
		for _, list := range [][]*option{defaults.opts, s.opts} {
			for _, o := range list {
				v, err := toValue(o)
				if err != nil {
					return nil, err
				}
				out.Values[o.name] = v
			}
		}
		f.Sections = append(f.Sections, out)
	}
	return f, nil
}

// sectionHeader reports whether a trimmed line is a section header and returns its name:
// everything between the leading '[' and the last ']', as configparser's `\[(?P<header>.+)\]`.
func sectionHeader(s string) (string, bool) {
	if !strings.HasPrefix(s, "[") {
		return "", false
	}
	end := strings.LastIndexByte(s, ']')
	if end < 2 {
		return "", false
	}
	return s[1:end], true
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
