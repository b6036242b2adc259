package awscli

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzShorthand: the --filters shorthand parser never panics, and either
// returns an object or a ShorthandParseError-style message with a caret line.
func FuzzShorthand(f *testing.F) {
	for _, s := range []string{
		"Name=username,Values=alice,bob", "Name=username,Values=[alice,bob]", "Name=x,Values='a,b',\"c d\"",
		"Name=x,Values=a\\,b", "Name={a=b,c=[d]}", "Name=a,Name=b", "username", "", "Name=[", "Values=a,,b",
		"Name@=file://x", "Name=x\n,Values=y", "Name=é,Values=山",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseShorthand(s, func(string) (string, error) { return "content", nil })
		if err != nil {
			if !strings.Contains(err.Error(), "for input:\n") {
				t.Fatalf("parseShorthand(%q) error without location: %v", s, err)
			}
			return
		}
		if o == nil || o.Len() == 0 {
			t.Fatalf("parseShorthand(%q) = %v, nil error", s, o)
		}
	})
}

// FuzzStartingToken: decoding a --starting-token never panics, and a token
// ec2lite encodes decodes back to the same NextToken and truncate amount.
func FuzzStartingToken(f *testing.F) {
	f.Add("eyJOZXh0VG9rZW4iOiAiQUFFQUFXSm1aVGcwK2NHRm5aVEkvZUE9PSIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9", "tok", int64(1), true)
	f.Add("AAEAAWJmZTg0+cGFnZTI/eA==", "AAEAAWJmZTg0+cGFnZTI/eA==", int64(0), false)
	f.Add("a___b___c", "", int64(-3), true)
	f.Add("None___2", "é山😀\"\\\n", int64(7), true)
	f.Add("MTIz", "x", int64(0), false)
	f.Fuzz(func(t *testing.T, raw, tok string, n int64, truncated bool) {
		DecodeStartingToken(raw) // must not panic

		if !utf8.ValidString(tok) {
			return
		}
		keys := &Object{}
		keys.Set("NextToken", tok)
		enc := EncodeResumeToken(keys, n, truncated)
		got, err := DecodeStartingToken(enc)
		if err != nil {
			t.Fatalf("decodeStartingToken(encode(%q, %d)): %v", tok, n, err)
		}
		if v, _ := got.NextToken(); v != tok {
			t.Errorf("NextToken = %q, want %q", v, tok)
		}
		want := n
		if !truncated {
			want = 0
		}
		if got.Index != want {
			t.Errorf("index = %d, want %d", got.Index, want)
		}
	})
}

// FuzzPyJSON: the Python-compatible JSON parser never panics and accepts
// every document encoding/json accepts (Python's json.loads is a superset).
func FuzzPyJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, "x", null, true]}`, `[{"Name": "username"`, `{bad`, ``, `"\ud83d\ude00"`, `NaN`, `[1,]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParsePyJSON(s)
		if err == nil || !utf8.ValidString(s) {
			return
		}
		var v any
		if json.Unmarshal([]byte(s), &v) == nil && strings.Count(s, "[")+strings.Count(s, "{") < 800 {
			t.Fatalf("parsePyJSON(%q) failed (%v) where encoding/json succeeds", s, err)
		}
	})
}
