package jmespath

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

type complianceSuite struct {
	Given json.RawMessage `json:"given"`
	Cases []struct {
		Expression string           `json:"expression"`
		Result     *json.RawMessage `json:"result"`
		Error      string           `json:"error"`
		Bench      string           `json:"bench"`
	} `json:"cases"`
}

func loadValue(t testing.TB, raw []byte) any {
	t.Helper()
	v, err := pyJSONLoads(string(raw))
	if err != nil {
		t.Fatalf("bad JSON in suite: %v", err.msg+err.recursion)
	}
	return v
}

// TestCompliance runs the JMESPath compliance suite. jmespath.py 1.1.0
// passes every case of it too (an error case counts when jmespath.compile
// raises for "syntax" and search raises for the others), so this package
// has no deviations from the suite to list; TestDifferential's compliance
// half also compares the exact error texts with jmespath.py's.
func TestCompliance(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "compliance", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no compliance files: %v", err)
	}
	total, passed := 0, 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var suites []complianceSuite
		if err := json.Unmarshal(data, &suites); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for si, s := range suites {
			given := loadValue(t, s.Given)
			for _, c := range s.Cases {
				total++
				got, gotErr := Search(c.Expression, given)
				if c.Error != "" {
					var pe *ParseError
					var re *Error
					switch {
					case c.Error == "syntax" && errors.As(gotErr, &pe):
						passed++
					case c.Error != "syntax" && errors.As(gotErr, &re):
						passed++
					default:
						t.Errorf("%s suite %d %q: want %s error, got %s", filepath.Base(file), si, c.Expression, c.Error, describe(got, gotErr))
					}
					continue
				}
				if gotErr != nil {
					t.Errorf("%s suite %d %q: unexpected error %v", filepath.Base(file), si, c.Expression, gotErr)
					continue
				}
				if c.Result == nil && c.Bench != "" {
					passed++ // a benchmark case without an expected result
					continue
				}
				var want any
				if c.Result != nil {
					want = loadValue(t, *c.Result)
				}
				if !pyEqual(got, want) || !sameShape(got, want) {
					t.Errorf("%s suite %d %q: got %s, want %s", filepath.Base(file), si, c.Expression, appendJSON(nil, got), appendJSON(nil, want))
					continue
				}
				passed++
			}
		}
	}
	t.Logf("compliance: %d/%d cases pass", passed, total)
	if passed != total {
		t.Errorf("compliance: %d/%d cases pass", passed, total)
	}
}

// sameShape reports whether a and b have the same types at every level, bools
// apart from numbers (pyEqual, like Python, holds true == 1 inside lists).
func sameShape(a, b any) bool {
	switch a := a.(type) {
	case bool:
		_, ok := b.(bool)
		return ok
	case []any:
		l := b.([]any)
		for i := range a {
			if !sameShape(a[i], l[i]) {
				return false
			}
		}
	case *Object:
		o := b.(*Object)
		for _, m := range a.members {
			v, _ := o.Get(m.key)
			if !sameShape(m.value, v) {
				return false
			}
		}
	}
	return true
}

// describe returns a result as JSON, or an error as "error: " and its text.
func describe(v any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return string(appendJSON(nil, v))
}
