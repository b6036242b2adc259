package output

import (
	"bytes"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

func TestWriteTextGolden(t *testing.T) {
	runGolden(t, ".txt", func(w io.Writer, c goldenCase, v any) error {
		return WriteText(w, v)
	})
}

func TestWriteText(t *testing.T) {
	tests := []struct {
		name    string
		v       any
		want    string
		wantErr string
		reason  string
	}{
		{name: "null", v: nil, want: "None\n", reason: "str(None)"},
		{name: "empty object", v: &awscli.Object{}, want: "", reason: "no scalars, no members"},
		{name: "empty list", v: []any{}, want: ""},
		{name: "scalars", v: []any{true, false, nil, int64(3), 2.5, "a b"}, want: "True\tFalse\tNone\t3\t2.5\ta b\n"},
		{name: "sorted keys", v: obj("b", "2", "a", "1", "c", []any{"x", "y"}), want: "1\t2\nC\tx\nC\ty\n"},
		{name: "union of columns", v: obj("Items", []any{obj("a", "1"), obj("b", "2", "z", []any{"q"})}),
			want: "ITEMS\t1\t\nITEMS\t\t2\nZ\tq\n", reason: "a missing key prints an empty field"},
		{name: "scalar in one, list in another", v: []any{obj("a", "1"), obj("a", []any{"x", int64(1), nil, obj("k", "it's")})},
			want: "1\n['x', 1, None, {'k': \"it's\"}]\n", reason: "str() of a list, as Python prints it"},
		{name: "lists in lists", v: []any{"a", []any{"b", "c"}, "d", []any{}}, want: "a\td\nb\tc\n", reason: "scalars first, then each list"},
		{name: "identifier on scalar list", v: obj("Names", []any{"a", []any{"b"}}), want: "NAMES\ta\nNAMES\tb\n"},
		{name: "empty key", v: obj("", obj("a", "1")), want: "\t1\n", reason: "'' is an identifier, upper-cased to ''"},
		{name: "mixed list", v: obj("L", []any{obj("a", "1"), int64(1)}), wantErr: "'int' object has no attribute 'items'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := WriteText(&b, tt.v)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Errorf("err = %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}
