package awscli

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestDeepInput checks the parsers' depth limits against AWS CLI v2's
// (measured: shorthand parses 485 nested hashes, JSON 978 nested
// containers) and that refusing a deep input is fast.
func TestDeepInput(t *testing.T) {
	hashes := func(n int) string { return "Name=" + strings.Repeat("{a=", n) + "b" + strings.Repeat("}", n) }
	lists := func(n int) string { return "Name=" + strings.Repeat("[", n) + "b" + strings.Repeat("]", n) }
	arrays := func(n int) string {
		return `[{"Name": "a", "Values": ` + strings.Repeat("[", n-2) + strings.Repeat("]", n-2) + "}]"
	}
	objects := func(n int) string { return strings.Repeat(`{"a": `, n) + "1" + strings.Repeat("}", n) }
	shorthand := func(s string) error { _, err := ParseShorthand(s, nil); return err }
	jsonParse := func(s string) error { _, err := ParsePyJSON(s); return err }
	tests := []struct {
		reason string
		parse  func(string) error
		input  string
		deep   string // the RecursionError's message; "" when the input parses
	}{
		{"485 nested hashes parse, as in the AWS CLI", shorthand, hashes(485), ""},
		{"486 nested hashes are too deep", shorthand, hashes(486), "maximum recursion depth exceeded"},
		{"485 nested lists parse", shorthand, lists(485), ""},
		{"486 nested lists are too deep", shorthand, lists(486), "maximum recursion depth exceeded"},
		{"120 KB of nested hashes (an argument's size) are refused", shorthand, hashes(30000), "maximum recursion depth exceeded"},
		{"a deep file is refused", shorthand, hashes(300000), "maximum recursion depth exceeded"},
		{"978 nested JSON containers parse, as in the AWS CLI", jsonParse, arrays(978), ""},
		{"979 nested JSON arrays are too deep", jsonParse, arrays(979), "maximum recursion depth exceeded while decoding a JSON array from a unicode string"},
		{"979 nested JSON objects are too deep", jsonParse, objects(979), "maximum recursion depth exceeded while decoding a JSON object from a unicode string"},
		{"300000 nested JSON arrays are too deep", jsonParse, arrays(300000), "maximum recursion depth exceeded while decoding a JSON array from a unicode string"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			start := time.Now()
			err := tt.parse(tt.input)
			elapsed := time.Since(start)
			var re *RecursionError
			switch {
			case tt.deep == "" && errors.As(err, &re):
				t.Errorf("refused as too deep: %v", err)
			case tt.deep != "" && !errors.As(err, &re):
				t.Errorf("got %T %v, want a RecursionError", err, err)
			case tt.deep != "" && err.Error() != tt.deep:
				t.Errorf("got %q, want %q", err.Error(), tt.deep)
			}
			if elapsed > time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

// TestShorthandSyntaxErrorText checks that the lazily rendered syntax error
// still reads as the AWS CLI's.
func TestShorthandSyntaxErrorText(t *testing.T) {
	_, err := ParseShorthand("Name={a", nil)
	want := "Expected: '=', received: 'EOF' for input:\nName={a\n       ^"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestParseFiltersDeep checks that ParseFilters hands a RecursionError on
// unwrapped (the AWS CLI prints it alone and exits 255).
func TestParseFiltersDeep(t *testing.T) {
	for _, v := range []string{
		"Name=" + strings.Repeat("{a=", 1000) + "b" + strings.Repeat("}", 1000),
		`[{"Name": "a", "Values": ` + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + "}]",
		`{"Name": "a", "Values": ` + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + "}",
	} {
		_, err := ParseFilters([]string{v}, ParamFiles{})
		var re *RecursionError
		if !errors.As(err, &re) {
			t.Errorf("%.40s…: got %T %v, want a RecursionError", v, err, err)
		}
	}
}
