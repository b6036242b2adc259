package output

import (
	"bytes"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// TestQueryGolden runs each recorded --query through CompileQuery and
// Query.Search over the tree of the unqueried response, and requires the
// AWS CLI's JSON, text and table bytes.
func TestQueryGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(goldenDir, "connections.json"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := decodeTree(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range loadCases(t) {
		i := slices.Index(c.Args, "--query")
		if i < 0 || c.ExitCode != 0 || c.Tty != 0 {
			continue
		}
		expr := c.Args[i+1]
		t.Run(c.Name, func(t *testing.T) {
			q, err := CompileQuery(expr)
			if err != nil {
				t.Fatal(err)
			}
			v, err := q.Search(tree)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(goldenDir, c.Name))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			switch {
			case strings.HasSuffix(c.Name, ".json"):
				err = WriteJSON(&got, v)
			case strings.HasSuffix(c.Name, ".txt"):
				err = WriteText(&got, v)
			default:
				err = WriteTable(&got, "DescribeClientVpnConnections", v, 80)
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("%s: (-aws +ec2lite):\n%s", expr, diff)
			}
		})
	}
}

// TestQueryErrors checks the two kinds of failure: a *QueryError from
// CompileQuery, worded as the AWS CLI prints it before its exit 252, and a
// *jmespath.Error from Search with jmespath.py's text (exit 255).
func TestQueryErrors(t *testing.T) {
	tests := []struct {
		query, compile, search string
	}{
		{query: "", compile: "Bad value for --query : Invalid JMESPath expression: cannot be empty."},
		{query: "[", compile: "Bad value for --query [: Invalid jmespath expression: Incomplete expression:\n\"[\"\n  ^"},
		{query: "nope(a)", search: "Unknown function: nope()"},
		{query: "sort_by(@, &a)", search: `In function sort_by(), invalid type for value: {}, expected one of: ['string', 'number'], received: "null"`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := CompileQuery(tt.query)
			var qe *QueryError
			if tt.compile != "" {
				if !errors.As(err, &qe) {
					t.Fatalf("CompileQuery: %v (%T), want a *QueryError", err, err)
				}
				if diff := cmp.Diff(tt.compile, qe.Error()); diff != "" {
					t.Errorf("(-aws +ec2lite):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, err = q.Search([]any{&jmespath.Object{}, &jmespath.Object{}})
			var je *jmespath.Error
			if !errors.As(err, &je) {
				t.Fatalf("Search: %v (%T), want a *jmespath.Error", err, err)
			}
			if diff := cmp.Diff(tt.search, je.Error()); diff != "" {
				t.Errorf("(-aws +ec2lite):\n%s", diff)
			}
		})
	}
}

// TestQueryValues checks the values a query can return that a response
// never holds, in each format, against what AWS CLI v2 prints: integers of
// any size, NaN and the infinities, and an expression reference, which the
// json format refuses after writing what came before it.
func TestQueryValues(t *testing.T) {
	huge, _ := new(big.Int).SetString("18446744073709551620", 10)
	const expref = "<jmespath.visitor._Expression object at 0x7f0000000000>"
	tests := []struct {
		query            string
		json, text       string
		jsonErr, textErr string
	}{
		{query: "sum(`[18446744073709551615, 5]`)", json: "18446744073709551620\n", text: "18446744073709551620\n"},
		{query: "[to_number(`\"Infinity\"`), to_number(`\"-inf\"`), to_number(`\"nan\"`)]",
			json: "[\n    Infinity,\n    -Infinity,\n    NaN\n]\n", text: "inf\t-inf\tnan\n"},
		{query: "`1.0`", json: "1.0\n", text: "1.0\n"},
		{query: "&a", jsonErr: "Circular reference detected", text: expref + "\n"},
		{query: "[&a, `1`]", json: "[\n    ", jsonErr: "Circular reference detected", text: expref + "\t1\n"},
		{query: "{x: `1`, y: &a}", json: "{\n    \"x\": 1,\n    \"y\": ", jsonErr: "Circular reference detected", text: "1\t" + expref + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := CompileQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			v, err := q.Search(&jmespath.Object{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.query == "sum(`[18446744073709551615, 5]`)" {
				if diff := cmp.Diff(huge.String(), v.(*big.Int).String()); diff != "" {
					t.Errorf("sum (-want +got):\n%s", diff)
				}
			}
			for _, f := range []struct {
				name        string
				write       func(*bytes.Buffer, any) error
				want, error string
			}{
				{"json", func(b *bytes.Buffer, v any) error { return WriteJSON(b, v) }, tt.json, tt.jsonErr},
				{"text", func(b *bytes.Buffer, v any) error { return WriteText(b, v) }, tt.text, tt.textErr},
			} {
				var b bytes.Buffer
				err := f.write(&b, v)
				var msg string
				if err != nil {
					msg = err.Error()
				}
				if diff := cmp.Diff(f.error, msg); diff != "" {
					t.Errorf("%s error (-aws +ec2lite):\n%s", f.name, diff)
				}
				if diff := cmp.Diff(f.want, b.String()); diff != "" {
					t.Errorf("%s output (-aws +ec2lite):\n%s", f.name, diff)
				}
			}
		})
	}
	if s := (&jmespath.Expref{}).String(); s != expref {
		t.Errorf("Expref.String() = %q, want %q", s, expref)
	}
}
