package awscli

// From parsed arguments to a DescribeClientVpnConnectionsInput, with the AWS
// CLI's processing and messages: file:// parameter files, --filters as
// shorthand or JSON, --cli-input-json merged under the command-line options,
// Python's int() for --max-results, and botocore's parameter validation
// ("Parameter validation failed:\n...").

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ParamError is an "Error parsing parameter 'NAME': MSG" (exit 252).
type ParamError struct{ Name, Msg string }

func (e *ParamError) Error() string {
	return "Error parsing parameter '" + e.Name + "': " + e.Msg
}

// ValidationError is botocore's ParamValidationError (exit 252).
type ValidationError struct{ Reports []string }

func (e *ValidationError) Error() string {
	return "Parameter validation failed:\n" + strings.Join(e.Reports, "\n")
}

// valueError is a Python ValueError the AWS CLI lets through, such as int()'s
// "invalid literal for int() with base 10: 'abc'" (exit 255).
type valueError struct{ msg string }

func (e *valueError) Error() string { return e.msg }

func IntLiteralError(s string) error {
	return &valueError{"invalid literal for int() with base 10: " + PyReprStr(s)}
}

// MaxParamFileSize bounds what a file:// or fileb:// parameter value may
// hold. The AWS CLI reads any size; ec2lite refuses a bigger file instead of
// growing until the kernel stops it (a value such as file:///dev/zero never
// ends). 16 MiB is far above any input of these operations (an EC2 Query
// request is a few kilobytes of filters and ids) and keeps what parsing may
// take (the parsers work on code points, four bytes each, and build a tree)
// well under a gigabyte.
const MaxParamFileSize = 16 << 20

// ParamFiles reads file:// and fileb:// parameter values relative to dir
// (empty: the working directory), with home for ~ expansion. When Ctx is
// set, a read that has not ended when Ctx is done (a FIFO without a
// writer, a slow device) is abandoned and the value's error is Ctx's.
type ParamFiles struct {
	Dir, Home string
	Ctx       context.Context
}

// fileTooLargeError is the error of a parameter file over MaxParamFileSize.
type fileTooLargeError struct{}

func (fileTooLargeError) Error() string {
	return "the file is larger than " + strconv.Itoa(MaxParamFileSize>>20) + " MiB, the limit of a parameter file"
}

// readBounded reads at most MaxParamFileSize bytes of the file at path.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxParamFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxParamFileSize {
		return nil, fileTooLargeError{}
	}
	return b, nil
}

// read is readBounded, abandoned when pf.Ctx is done first: opening a FIFO
// blocks until a writer comes, and neither an open nor a read can be
// cancelled, so the read runs in its own goroutine.
func (pf ParamFiles) read(path string) ([]byte, error) {
	if pf.Ctx == nil {
		return readBounded(path)
	}
	if err := pf.Ctx.Err(); err != nil {
		return nil, err
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := readBounded(path)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-pf.Ctx.Done():
		return nil, pf.Ctx.Err()
	}
}

// interrupted returns pf.Ctx's error once it is done.
func (pf ParamFiles) interrupted() error {
	if pf.Ctx == nil {
		return nil
	}
	return pf.Ctx.Err()
}

func (pf ParamFiles) path(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if pf.Home != "" {
			p = pf.Home + p[1:]
		}
	}
	if pf.Dir != "" && !filepath.IsAbs(p) {
		return filepath.Join(pf.Dir, p)
	}
	return p
}

// load returns the content of a file:// or fileb:// value, ok false when v
// has neither prefix.
func (pf ParamFiles) load(v string) (content string, ok bool, err error) {
	var rel string
	switch {
	case strings.HasPrefix(v, "file://"):
		rel = v[len("file://"):]
	case strings.HasPrefix(v, "fileb://"):
		rel = v[len("fileb://"):]
	default:
		return "", false, nil
	}
	shown := rel
	if rel == "~" || strings.HasPrefix(rel, "~/") {
		shown = pf.path(rel)
		if pf.Dir != "" {
			shown = pf.Home + rel[1:]
		}
	}
	b, err := pf.read(pf.path(rel))
	if cerr := pf.interrupted(); cerr != nil {
		return "", true, cerr
	}
	if errors.Is(err, fileTooLargeError{}) {
		return "", true, errors.New("Unable to load paramfile " + v + ": " + err.Error())
	}
	if err != nil {
		return "", true, errors.New("Unable to load paramfile " + v + ": " + PyOSError(err, shown))
	}
	return string(b), true, nil
}

// Resolve applies parameter files to a command-line value of option name.
func (pf ParamFiles) Resolve(name, v string) (string, error) {
	content, ok, err := pf.load(v)
	if cerr := pf.interrupted(); cerr != nil {
		return "", cerr
	}
	if err != nil {
		return "", &ParamError{name, err.Error()}
	}
	if ok {
		return content, nil
	}
	return v, nil
}

// ParseFilters parses the values of --filters: one JSON list, JSON objects,
// or shorthand filters, as awscli/argprocess.py decides.
func ParseFilters(values []string, pf ParamFiles) (any, error) {
	resolved := make([]string, len(values))
	for i, v := range values {
		r, err := pf.Resolve("--filters", v)
		if err != nil {
			return nil, err
		}
		resolved[i] = r
	}
	first := strings.TrimFunc(resolved[0], PyIsSpace)
	if strings.HasPrefix(first, "[") || strings.HasPrefix(first, "{") {
		// JSON: a single '[...]' value is the whole list; otherwise each
		// value must be one JSON object.
		if len(resolved) == 1 && strings.HasPrefix(first, "[") {
			v, err := ParsePyJSON(resolved[0])
			if re := (*RecursionError)(nil); errors.As(err, &re) {
				return nil, re
			}
			if err != nil {
				return nil, &ParamError{"--filters", "Invalid JSON: " + err.Error() + "\nJSON received: " + resolved[0]}
			}
			return v, nil
		}
		list := make([]any, 0, len(resolved))
		for _, r := range resolved {
			t := strings.TrimLeftFunc(r, PyIsSpace)
			if !strings.HasPrefix(t, "{") {
				return nil, &ParamError{"--filters", "Invalid JSON:\n" + r}
			}
			v, err := ParsePyJSON(r)
			if re := (*RecursionError)(nil); errors.As(err, &re) {
				return nil, re
			}
			if err != nil {
				return nil, &ParamError{"--filters", "Invalid JSON: " + err.Error() + "\nJSON received: " + r}
			}
			list = append(list, v)
		}
		return list, nil
	}
	list := make([]any, 0, len(resolved))
	for _, r := range resolved {
		o, err := ParseShorthand(r, func(p string) (string, error) {
			c, _, err := pf.load(p)
			return c, err
		})
		if re := (*RecursionError)(nil); errors.As(err, &re) {
			return nil, re
		}
		if cerr := pf.interrupted(); cerr != nil {
			return nil, cerr // a Key@=file:// value's read was abandoned
		}
		if err != nil {
			return nil, &ParamError{"--filters", err.Error()}
		}
		// BackCompatVisitor: a scalar where the model has a list becomes a
		// one-element list (Values=alice -> ["alice"]).
		if v, ok := o.Get("Values"); ok {
			if _, isList := v.([]any); !isList {
				o.Set("Values", []any{v})
			}
		}
		list = append(list, o)
	}
	return list, nil
}

// ParseCLIInputJSON reads --cli-input-json (inline JSON or a parameter file).
func ParseCLIInputJSON(v string, pf ParamFiles) (*Object, error) {
	content, _, err := pf.load(v)
	if cerr := pf.interrupted(); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, &ParamError{"--cli-input-json", err.Error()}
	}
	if content == "" && !strings.HasPrefix(v, "file://") && !strings.HasPrefix(v, "fileb://") {
		content = v
	}
	parsed, err := ParsePyJSON(content)
	if re := (*RecursionError)(nil); errors.As(err, &re) {
		return nil, re
	}
	if err != nil {
		// AWS CLI v1 names the parameter without dashes here.
		return nil, &ParamError{"cli-input-json", "Invalid JSON: " + err.Error() + "\nJSON received: " + content}
	}
	o, ok := parsed.(*Object)
	if !ok {
		return nil, &ParamError{"--cli-input-json", "Invalid type: expecting map, received " + PyType(parsed)}
	}
	return o, nil
}

// Validator collects botocore's validation reports.
type Validator struct{ Reports []string }

func (v *Validator) InvalidType(name string, value any, valid string) {
	v.Reports = append(v.Reports, "Invalid type for parameter "+name+", value: "+PyStr(value)+
		", type: "+PyType(value)+", valid types: "+valid)
}

func (v *Validator) Structure(name string, value any, members []string, required []string) (*Object, bool) {
	o, ok := value.(*Object)
	if !ok {
		v.InvalidType(name, value, "<class 'dict'>")
		return nil, false
	}
	where := name
	if where == "" {
		where = "input"
	}
	for _, r := range required {
		if _, set := o.Get(r); !set {
			v.Reports = append(v.Reports, "Missing required parameter in "+where+": \""+r+"\"")
		}
	}
	return o, true
}

func (v *Validator) Unknown(name, key string, members []string) {
	if name == "" {
		name = "input"
	}
	v.Reports = append(v.Reports, "Unknown parameter in "+name+": \""+key+"\", must be one of: "+strings.Join(members, ", "))
}

func (v *Validator) Str(name string, value any) (string, bool) {
	s, ok := value.(string)
	if !ok {
		v.InvalidType(name, value, "<class 'str'>")
	}
	return s, ok
}

func (v *Validator) List(name string, value any) ([]any, bool) {
	l, ok := value.([]any)
	if !ok {
		v.InvalidType(name, value, "<class 'list'>, <class 'tuple'>")
	}
	return l, ok
}

func Join(parent, Member string) string {
	if parent == "" {
		return Member
	}
	return parent + "." + Member
}
