package jmespath

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fuzzDoc is the document FuzzCompile's expressions are also searched in.
const fuzzDoc = `{"Connections":[{"ConnectionId":"cvpn-connection-1","Username":"alice","Status":{"Code":"active"},` +
	`"IngressBytes":"32302","PostureComplianceStatuses":["compliant"]},{"ConnectionId":"cvpn-connection-2",` +
	`"Username":"bob","Status":{"Code":"terminated","Message":"x"},"IngressBytes":18446744073709551615}],"NextToken":"t"}`

var fuzzSeeds = []string{
	"Connections[?Status.Code==`active`].[Username,ClientIp]",
	"sort_by(Connections, &Username)[].{Id: ConnectionId, U: Username}",
	"sum(Connections[].IngressBytes)", "Connections[::-1] | [0]", "`[1, {\"a\": 2.5}]`", "'raw\\'s'",
	"a.\"b c\"[-1:]", "!a || b && c", "not_null(x, `null`, @)", "length(@)", "*.*[]", "a[", "`unclosed",
	"\"\\u00e9\"", "foo(a b)", "{a: b c: d}", "[?a<`1`]", "&a", "a.b.c.d | e", "-", "==", "a[1:2:0]",
}

// FuzzCompile checks that compiling never panics, takes bounded time, and
// that every failure is a *ParseError with a message; and that searching
// what compiles never panics and fails only with an *Error.
func FuzzCompile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	doc, jerr := pyJSONLoads(fuzzDoc)
	if jerr != nil {
		f.Fatal(jerr.msg)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if len(expr) > 4096 {
			return
		}
		start := time.Now()
		e, err := Compile(expr)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("Compile took %v", d)
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || err.Error() == "" {
				t.Fatalf("Compile(%q): %T %v", expr, err, err)
			}
			return
		}
		if _, err := e.Search(doc); err != nil {
			var re *Error
			if !errors.As(err, &re) || err.Error() == "" {
				t.Fatalf("Search(%q): %T %v", expr, err, err)
			}
		}
	})
}

// FuzzSearch searches fuzzed JSON documents with the seed expressions and
// checks that nothing panics and errors are *Error values with no Go type
// names in them.
func FuzzSearch(f *testing.F) {
	f.Add(fuzzDoc, 0)
	f.Add(`[1, 2.5, "a", null, true, {"a": [[]]}]`, 3)
	f.Add(`{"Connections": [{"IngressBytes": 1e308}, {"IngressBytes": 1e308}]}`, 2)
	f.Add(`{"a": NaN, "b": -Infinity}`, 9)
	var exprs []*Expression
	for _, s := range fuzzSeeds {
		if e, err := Compile(s); err == nil {
			exprs = append(exprs, e)
		}
	}
	f.Fuzz(func(t *testing.T, doc string, which int) {
		if len(doc) > 1<<16 {
			return
		}
		v, jerr := pyJSONLoads(doc)
		if jerr != nil {
			return
		}
		e := exprs[uint(which)%uint(len(exprs))]
		_, err := e.Search(v)
		if err != nil {
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("Search(%q): %T %v", e, err, err)
			}
			for _, bad := range []string{"interface", "[]any", "*jmespath", "float64", "int64", "big.Int"} {
				if strings.Contains(err.Error(), bad) {
					t.Fatalf("Search(%q): message names a Go type: %v", e, err)
				}
			}
		}
	})
}
