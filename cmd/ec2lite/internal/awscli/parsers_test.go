package awscli

// The parsers against the real thing: testdata/cli/parsers holds what the
// AWS CLI's shorthand parser, botocore's starting-token decoder and encoder
// and Python's json.loads return for a set of inputs (recorded with
// testdata/cli/record/parsers.py).

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var parsersDir = filepath.Join("..", "..", "..", "..", "testdata", "cli", "parsers")

func loadParserCases(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(parsersDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestShorthandMatchesAWSCLI(t *testing.T) {
	var cases []struct {
		Input string `json:"input"`
		Value any    `json:"value"`
		Error string `json:"error"`
		V2    struct {
			Value any    `json:"value"`
			Error string `json:"error"`
		} `json:"v2"`
	}
	loadParserCases(t, "shorthand.json", &cases)
	for _, c := range cases {
		t.Run(c.Input, func(t *testing.T) {
			got, err := ParseShorthand(c.Input, nil)
			if strings.Contains(c.Error, "{self._error_location()}") {
				// AWS CLI v1 forgets the f in an f-string; v2 prints the caret line.
				c.Error = c.V2.Error
			}
			if c.Error != "" {
				if err == nil {
					t.Fatalf("parseShorthand(%q) = %v, want error %q", c.Input, plain(got), c.Error)
				}
				if diff := cmp.Diff(c.Error, err.Error()); diff != "" {
					t.Errorf("error mismatch (-awscli +ec2lite):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseShorthand(%q): %v, want %v", c.Input, err, c.Value)
			}
			if diff := cmp.Diff(c.Value, plain(got)); diff != "" {
				t.Errorf("value mismatch (-awscli +ec2lite):\n%s", diff)
			}
		})
	}
}

func TestStartingTokenMatchesBotocore(t *testing.T) {
	var cases struct {
		Decode []struct {
			Input string         `json:"input"`
			Token map[string]any `json:"token"`
			Index int64          `json:"index"`
			Error string         `json:"error"`
			Type  string         `json:"type"`
		} `json:"decode"`
		Encode []struct {
			Token   json.RawMessage `json:"token"`
			Encoded string          `json:"encoded"`
		} `json:"encode"`
	}
	loadParserCases(t, "tokens.json", &cases)
	for _, c := range cases.Decode {
		t.Run("decode/"+c.Input, func(t *testing.T) {
			got, err := DecodeStartingToken(c.Input)
			if c.Error != "" {
				if err == nil {
					t.Fatalf("decodeStartingToken(%q) = %v, want %s %q", c.Input, plain(got.Keys), c.Type, c.Error)
				}
				if err.Error() != c.Error {
					t.Errorf("error = %q, want %q (%s)", err, c.Error, c.Type)
				}
				return
			}
			if err != nil {
				t.Fatalf("decodeStartingToken(%q): %v", c.Input, err)
			}
			if diff := cmp.Diff(c.Token, plain(got.Keys)); diff != "" {
				t.Errorf("token mismatch (-botocore +ec2lite):\n%s", diff)
			}
			if got.Index != c.Index {
				t.Errorf("index = %d, want %d", got.Index, c.Index)
			}
		})
	}
	for _, c := range cases.Encode {
		t.Run("encode/"+string(c.Token), func(t *testing.T) {
			v, err := ParsePyJSON(string(c.Token))
			if err != nil {
				t.Fatal(err)
			}
			keys := &Object{}
			var trunc int64
			has := false
			for key, val := range v.(*Object).All() {
				if key == "boto_truncate_amount" {
					trunc, has = val.(int64), true
					continue
				}
				keys.Set(key, val)
			}
			if got := EncodeResumeToken(keys, trunc, has); got != c.Encoded {
				t.Errorf("encodeResumeToken = %s, want %s", got, c.Encoded)
			}
		})
	}
}

func TestPyJSONMatchesPython(t *testing.T) {
	var cases []struct {
		Input string `json:"input"`
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	loadParserCases(t, "json.json", &cases)
	for _, c := range cases {
		t.Run(c.Input, func(t *testing.T) {
			_, err := ParsePyJSON(c.Input)
			switch {
			case c.OK && err != nil:
				t.Errorf("parsePyJSON(%q): %v, want success", c.Input, err)
			case !c.OK && err == nil:
				t.Errorf("parsePyJSON(%q) succeeded, want %q", c.Input, c.Error)
			case !c.OK && err.Error() != c.Error:
				t.Errorf("parsePyJSON(%q) error = %q, want %q", c.Input, err, c.Error)
			}
		})
	}
}

func TestCloseMatchesMatchesDifflib(t *testing.T) {
	var cases []struct {
		Word    string   `json:"word"`
		Choices []string `json:"choices"`
		Matches []string `json:"matches"`
	}
	loadParserCases(t, "close.json", &cases)
	for _, c := range cases {
		if diff := cmp.Diff(c.Matches, CloseMatches(c.Word, c.Choices), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("closeMatches(%q) (-difflib +ec2lite):\n%s", c.Word, diff)
		}
	}
}

// plain converts a tree into plain Go values, as encoding/json decodes them
// (objects become maps, integers float64), for comparisons with recorded JSON.
func plain(v any) any {
	switch v := v.(type) {
	case *Object:
		m := make(map[string]any, v.Len())
		for key, val := range v.All() {
			m[key] = plain(val)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = plain(e)
		}
		return l
	case int64:
		return float64(v)
	}
	return v
}
