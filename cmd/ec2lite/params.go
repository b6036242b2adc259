package main

// From parsed arguments to a DescribeClientVpnConnectionsInput, with the AWS
// CLI's processing and messages: file:// parameter files, --filters as
// shorthand or JSON, --cli-input-json merged under the command-line options,
// Python's int() for --max-results, and botocore's parameter validation
// ("Parameter validation failed:\n...").

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// paramError is an "Error parsing parameter 'NAME': MSG" (exit 252).
type paramError struct{ name, msg string }

func (e *paramError) Error() string {
	return "Error parsing parameter '" + e.name + "': " + e.msg
}

// validationError is botocore's ParamValidationError (exit 252).
type validationError struct{ reports []string }

func (e *validationError) Error() string {
	return "Parameter validation failed:\n" + strings.Join(e.reports, "\n")
}

// valueError is a Python ValueError the AWS CLI lets through, such as int()'s
// "invalid literal for int() with base 10: 'abc'" (exit 255).
type valueError struct{ msg string }

func (e *valueError) Error() string { return e.msg }

func intLiteralError(s string) error {
	return &valueError{"invalid literal for int() with base 10: " + pyReprStr(s)}
}

// paramFiles reads file:// and fileb:// parameter values relative to dir
// (empty: the working directory), with home for ~ expansion.
type paramFiles struct {
	dir, home string
}

func (pf paramFiles) path(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if pf.home != "" {
			p = pf.home + p[1:]
		}
	}
	if pf.dir != "" && !filepath.IsAbs(p) {
		return filepath.Join(pf.dir, p)
	}
	return p
}

// load returns the content of a file:// or fileb:// value, ok false when v
// has neither prefix.
func (pf paramFiles) load(v string) (content string, ok bool, err error) {
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
		if pf.dir != "" {
			shown = pf.home + rel[1:]
		}
	}
	b, err := os.ReadFile(pf.path(rel))
	if err != nil {
		return "", true, errors.New("Unable to load paramfile " + v + ": " + pyOSError(err, shown))
	}
	return string(b), true, nil
}

// pyOSError renders err as Python's OSError str: "[Errno 2] No such file or directory: 'x'".
func pyOSError(err error, name string) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		msg := errno.Error()
		if msg != "" {
			msg = strings.ToUpper(msg[:1]) + msg[1:]
		}
		return "[Errno " + strconv.Itoa(int(errno)) + "] " + msg + ": " + pyReprStr(name)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "[Errno 2] No such file or directory: " + pyReprStr(name)
	}
	return err.Error()
}

// resolve applies parameter files to a command-line value of option name.
func (pf paramFiles) resolve(name, v string) (string, error) {
	content, ok, err := pf.load(v)
	if err != nil {
		return "", &paramError{name, err.Error()}
	}
	if ok {
		return content, nil
	}
	return v, nil
}

// buildParams is buildOpParams for describe-client-vpn-connections.
func buildParams(a *args, pf paramFiles) (*Object, error) {
	return buildOpParams(a, pf, cliOps[0])
}

// parseFilters parses the values of --filters: one JSON list, JSON objects,
// or shorthand filters, as awscli/argprocess.py decides.
func parseFilters(values []string, pf paramFiles) (any, error) {
	resolved := make([]string, len(values))
	for i, v := range values {
		r, err := pf.resolve("--filters", v)
		if err != nil {
			return nil, err
		}
		resolved[i] = r
	}
	first := strings.TrimFunc(resolved[0], pyIsSpace)
	if strings.HasPrefix(first, "[") || strings.HasPrefix(first, "{") {
		// JSON: a single '[...]' value is the whole list; otherwise each
		// value must be one JSON object.
		if len(resolved) == 1 && strings.HasPrefix(first, "[") {
			v, err := parsePyJSON(resolved[0])
			if err != nil {
				return nil, &paramError{"--filters", "Invalid JSON: " + err.Error() + "\nJSON received: " + resolved[0]}
			}
			return v, nil
		}
		list := make([]any, 0, len(resolved))
		for _, r := range resolved {
			t := strings.TrimLeftFunc(r, pyIsSpace)
			if !strings.HasPrefix(t, "{") {
				return nil, &paramError{"--filters", "Invalid JSON:\n" + r}
			}
			v, err := parsePyJSON(r)
			if err != nil {
				return nil, &paramError{"--filters", "Invalid JSON: " + err.Error() + "\nJSON received: " + r}
			}
			list = append(list, v)
		}
		return list, nil
	}
	list := make([]any, 0, len(resolved))
	for _, r := range resolved {
		o, err := parseShorthand(r, func(p string) (string, error) {
			c, _, err := pf.load(p)
			return c, err
		})
		if err != nil {
			return nil, &paramError{"--filters", err.Error()}
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

// parseCLIInputJSON reads --cli-input-json (inline JSON or a parameter file).
func parseCLIInputJSON(v string, pf paramFiles) (*Object, error) {
	content, _, err := pf.load(v)
	if err != nil {
		return nil, &paramError{"--cli-input-json", err.Error()}
	}
	if content == "" && !strings.HasPrefix(v, "file://") && !strings.HasPrefix(v, "fileb://") {
		content = v
	}
	parsed, err := parsePyJSON(content)
	if err != nil {
		// AWS CLI v1 names the parameter without dashes here.
		return nil, &paramError{"cli-input-json", "Invalid JSON: " + err.Error() + "\nJSON received: " + content}
	}
	o, ok := parsed.(*Object)
	if !ok {
		return nil, &paramError{"--cli-input-json", "Invalid type: expecting map, received " + pyType(parsed)}
	}
	return o, nil
}

// pyType is str(type(v)) for a tree value.
func pyType(v any) string {
	switch v.(type) {
	case nil:
		return "<class 'NoneType'>"
	case string:
		return "<class 'str'>"
	case bool:
		return "<class 'bool'>"
	case int, int64:
		return "<class 'int'>"
	case float64:
		return "<class 'float'>"
	case []any:
		return "<class 'list'>"
	case *Object:
		return "<class 'dict'>"
	}
	return "<class 'object'>"
}

// validator collects botocore's validation reports.
type validator struct{ reports []string }

func (v *validator) invalidType(name string, value any, valid string) {
	v.reports = append(v.reports, "Invalid type for parameter "+name+", value: "+pyStr(value)+
		", type: "+pyType(value)+", valid types: "+valid)
}

func (v *validator) structure(name string, value any, members []string, required []string) (*Object, bool) {
	o, ok := value.(*Object)
	if !ok {
		v.invalidType(name, value, "<class 'dict'>")
		return nil, false
	}
	where := name
	if where == "" {
		where = "input"
	}
	for _, r := range required {
		if _, set := o.Get(r); !set {
			v.reports = append(v.reports, "Missing required parameter in "+where+": \""+r+"\"")
		}
	}
	return o, true
}

func (v *validator) unknown(name, key string, members []string) {
	if name == "" {
		name = "input"
	}
	v.reports = append(v.reports, "Unknown parameter in "+name+": \""+key+"\", must be one of: "+strings.Join(members, ", "))
}

func (v *validator) str(name string, value any) (string, bool) {
	s, ok := value.(string)
	if !ok {
		v.invalidType(name, value, "<class 'str'>")
	}
	return s, ok
}

func (v *validator) list(name string, value any) ([]any, bool) {
	l, ok := value.([]any)
	if !ok {
		v.invalidType(name, value, "<class 'list'>, <class 'tuple'>")
	}
	return l, ok
}

func join(parent, member string) string {
	if parent == "" {
		return member
	}
	return parent + "." + member
}

// toInput is bindInput for describe-client-vpn-connections.
func toInput(params *Object) (*clientvpn.DescribeClientVpnConnectionsInput, error) {
	in, err := bindInput(params, cliOps[0])
	if err != nil {
		return nil, err
	}
	x := in.(clientvpn.DescribeClientVpnConnectionsInput)
	return &x, nil
}
