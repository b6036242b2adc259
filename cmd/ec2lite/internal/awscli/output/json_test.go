package output

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

func TestWriteJSONGolden(t *testing.T) {
	runGolden(t, ".json", func(w io.Writer, c goldenCase, v any) error {
		return WriteJSON(w, v)
	})
}

func obj(kv ...any) *awscli.Object {
	o := &awscli.Object{}
	for i := 0; i < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

func TestWriteJSON(t *testing.T) {
	tests := []struct {
		name   string
		v      any
		want   string
		reason string
	}{
		{"null", nil, "null\n", "a --query that matches nothing prints null"},
		{"empty object", &awscli.Object{}, "", "the AWS CLI prints nothing for {}"},
		{"nested empty", obj("a", &awscli.Object{}, "b", []any{}), "{\n    \"a\": {},\n    \"b\": []\n}\n", "empty containers inline"},
		{"empty list", []any{}, "[]\n", ""},
		{"string", "x", "\"x\"\n", ""},
		{"escapes", "\"\\\n\r\t\b\f\x00\x1f\x7f/<>&", `"\"\\\n\r\t\b\f\u0000\u001f` + "\x7f/<>&\"\n", "only quote, backslash and C0 escaped; lower-case hex"},
		{"non-ASCII raw", "é李🚀\u2028", "\"é李🚀\u2028\"\n", "ensure_ascii=False"},
		{"invalid UTF-8", "a\xffb\xe2\x82", "\"a\uFFFDb\uFFFD\uFFFD\"\n", "each invalid byte becomes U+FFFD"},
		{"bools", []any{true, false}, "[\n    true,\n    false\n]\n", ""},
		{"ints", []any{int64(-3), 0, int64(math.MaxInt64)}, "[\n    -3,\n    0,\n    9223372036854775807\n]\n", ""},
		{"floats", []any{1.5, 1e16, 1e15, 1e-5, 1e-4, math.Copysign(0, -1), 0.1, 123456789.125, 1.7976931348623157e308, 5e-324},
			"[\n    1.5,\n    1e+16,\n    1000000000000000.0,\n    1e-05,\n    0.0001,\n    -0.0,\n    0.1,\n    123456789.125,\n    1.7976931348623157e+308,\n    5e-324\n]\n", "Python repr(float)"},
		{"non-finite", []any{math.NaN(), math.Inf(1), math.Inf(-1)}, "[\n    NaN,\n    Infinity,\n    -Infinity\n]\n", "json.dumps allow_nan"},
		{"key escapes", obj("a\"b", 1), "{\n    \"a\\\"b\": 1\n}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteJSON(&b, tt.v); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestWriteJSONBadValue(t *testing.T) {
	var b bytes.Buffer
	err := WriteJSON(&b, obj("a", []any{struct{}{}}))
	if err == nil || !strings.Contains(err.Error(), "struct {}") {
		t.Errorf("err = %v, want one naming the type", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q on error, want nothing", b.String())
	}
}

// FuzzWriteJSON checks that writeJSON's output is JSON that encoding/json
// reads back as the value written.
func FuzzWriteJSON(f *testing.F) {
	f.Add(`{"a": ["x", 1, 1.5, null, true, {"b": []}]}`)
	f.Add(`"\u0000\u001f\"\\<>&\u2028é"`)
	f.Add(`[1e300, -0.0, 5e-324, 123456789012345678]`)
	f.Fuzz(func(t *testing.T, in string) {
		v, err := decodeTree([]byte(in))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, v); err != nil {
			t.Fatal(err)
		}
		if o, ok := v.(*awscli.Object); ok && o.Len() == 0 {
			if b.Len() != 0 {
				t.Fatalf("empty object printed %q", b.String())
			}
			return
		}
		if !utf8.Valid(b.Bytes()) {
			t.Fatalf("output is not UTF-8: %q", b.String())
		}
		var got, want any
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, b.String())
		}
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("round trip (-in +out):\n%s", diff)
		}
	})
}
