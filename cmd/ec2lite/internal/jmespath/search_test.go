package jmespath

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const searchDoc = `{"Connections":[{"IngressBytes":18446744073709551615,"Username":"b","Status":{"Code":"active"}},` +
	`{"IngressBytes":1000000146,"Username":"a"}]}`

// TestSearch checks answers recorded from jmespath.py 1.1.0 (python3 -c
// 'import jmespath; ...') for the behaviours the AWS CLI's users see most.
func TestSearch(t *testing.T) {
	doc, jerr := pyJSONLoads(searchDoc)
	if jerr != nil {
		t.Fatal(jerr.msg)
	}
	tests := []struct {
		expr, want, reason string
	}{
		{"sum(Connections[].IngressBytes)", "18446744074709551761", "integers of any size stay integers"},
		{"keys(Connections[0])", `["IngressBytes","Username","Status"]`, "keys in the document's order"},
		{`merge(Connections[0], {"A": ` + "`1`" + `})`, `{"IngressBytes":18446744073709551615,"Username":"b","Status":{"Code":"active"},"A":1}`, "merge keeps the first object's order"},
		{"to_string(Connections[0])", `"{\"IngressBytes\":18446744073709551615,\"Username\":\"b\",\"Status\":{\"Code\":\"active\"}}"`, "json.dumps with separators (',', ':')"},
		{"`1.0`", "1.0", "a float literal stays a float"},
		{"avg(Connections[].IngressBytes)", "9.223372037354777e+18", "avg is Python's true division"},
		{"sort_by(Connections, &Status.Code)", `runtime error: In function sort_by(), invalid type for value: None, expected one of: ['string'], received: "null"`, "a type error is an error, not null"},
		{"Connections[?Status.Code==`active`].Username", `["b"]`, "a legacy literal is a string"},
		{"length('日本')", "2", "length counts code points"},
		{"ceil(`2.5`)", "3", "ceil returns an int"},
		{"abs(`-1e400`)", "Infinity", "1e400 reads as infinity, as Python's json does"},
		{"nope(@)", "runtime error: Unknown function: nope()", "unknown functions fail when called"},
		{"length(@, @)", "runtime error: Expected 1 argument for function length(), received 2", "arity is checked when called"},
		{"not_null()", "runtime error: Expected at least 1 argument for function not_null(), received 0", "variadic arity"},
		{"", "parse error: Invalid JMESPath expression: cannot be empty.", "the empty expression"},
		{"a.", "parse error: Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: eof: Parse error at column 2, token \"\" (EOF), for expression:\n\"a.\"\n   ^", "the AWS CLI prints this for --query a."},
		{"a # b", "parse error: Bad jmespath expression: Unknown token #:\na # b\n  ^", "lexer errors have their own caret line"},
		{"Connections[", "parse error: Invalid jmespath expression: Incomplete expression:\n\"Connections[\"\n             ^", "incomplete expression"},
		{strings.Repeat("(", 495) + "@" + strings.Repeat(")", 495), "<ok>", "495 nested parentheses compile"},
		{strings.Repeat("(", 496) + "@" + strings.Repeat(")", 496), "parse error: maximum recursion depth exceeded", "496 do not: Python's recursion limit"},
		{strings.Repeat("[", 330) + "@" + strings.Repeat("]", 330), "<ok>", "330 nested lists compile"},
		{strings.Repeat("[", 331) + "@" + strings.Repeat("]", 331), "parse error: maximum recursion depth exceeded", "331 do not"},
		{"`" + strings.Repeat("[", 987) + strings.Repeat("]", 987) + "`", "<ok>", "a literal 987 deep decodes"},
		{"`" + strings.Repeat("[", 988) + strings.Repeat("]", 988) + "`", "parse error: maximum recursion depth exceeded while decoding a JSON array from a unicode string", "988 do not"},
		{"Connections[?Username > `1`]", "runtime error: '>' not supported between instances of 'str' and 'int'", "Python's TypeError comes through"},
		{"Connections[::0]", "runtime error: slice step cannot be zero", "Python's ValueError comes through"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			got := answer(Search(tt.expr, doc))
			if tt.want == "<ok>" && !strings.Contains(got, "error") {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%.60q): (-want +got)\n%s", tt.expr, diff)
			}
		})
	}
}

func answer(v any, err error) string {
	var pe *ParseError
	var re *Error
	switch {
	case errors.As(err, &pe):
		return "parse error: " + err.Error()
	case errors.As(err, &re):
		return "runtime error: " + err.Error()
	case err != nil:
		return "other error: " + err.Error()
	}
	return string(appendJSON(nil, v))
}

// TestObject checks Object's dict semantics.
func TestObject(t *testing.T) {
	var o Object
	o.Set("b", 1)
	o.Set("a", 2)
	o.Set("b", 3)
	for i := range 30 {
		o.Set(string(rune('c'+i)), i)
	}
	o.Delete("a")
	o.Set("a", 4)
	if v, ok := o.Get("b"); !ok || v != 3 {
		t.Errorf("Get(b) = %v, %v; want 3, true", v, ok)
	}
	keys := o.Keys()
	if keys[0] != "b" || keys[len(keys)-1] != "a" || o.Len() != 32 {
		t.Errorf("Keys() = %v (len %d); want b first, a last, 32 keys", keys, o.Len())
	}
	for k, v := range o.All() {
		if got, _ := o.Get(k); got != v {
			t.Errorf("All: %s = %v, Get says %v", k, v, got)
		}
	}
	var nilObj *Object
	if nilObj.Len() != 0 || len(nilObj.Keys()) != 0 {
		t.Error("a nil *Object is not empty")
	}
}

// TestInputTypes checks that every integer type of the tree is a Python int,
// and that an expression reference in a result prints as Python's str().
func TestInputTypes(t *testing.T) {
	huge, _ := new(big.Int).SetString("100000000000000000000", 10)
	data := []any{int(1), int64(2), uint64(18446744073709551615), huge, 0.5}
	tests := []struct{ expr, want string }{
		{"sum(@)", "1.1844674407370955e+20"},
		{"[].type(@)", `["number","number","number","number","number"]`},
		{"max(@)", "100000000000000000000"},
		{"sort(@)", "[0.5,1,2,18446744073709551615,100000000000000000000]"},
		{"to_string(@)", `"[1,2,18446744073709551615,100000000000000000000,0.5]"`},
		{"[?@ == `18446744073709551615`]", "[18446744073709551615]"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, answer(Search(tt.expr, data))); diff != "" {
			t.Errorf("Search(%q): (-want +got)\n%s", tt.expr, diff)
		}
	}
	v, err := Search("&Username", nil)
	if e, ok := v.(*Expref); !ok || err != nil || e.String() != "<jmespath.visitor._Expression object at 0x7f0000000000>" {
		t.Errorf("Search(&Username) = %#v, %v; want an *Expref", v, err)
	}
}
