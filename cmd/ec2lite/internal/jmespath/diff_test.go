package jmespath

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

var (
	seed    = flag.Uint64("seed", 1, "seed of TestDifferential's random queries and documents")
	pairs   = flag.Int("pairs", 12000, "number of random (query, document) pairs TestDifferential evaluates")
	update  = flag.Bool("update", false, "rewrite testdata/differential.golden from jmespath.py")
	nGolden = 400 // pairs kept in the golden file
)

const goldenFile = "differential.golden"

// pyCase is one query and document, and jmespath.py's answer for it.
type pyCase struct {
	Expr string `json:"expr"`
	Data string `json:"data"`
	// jmespath.py's answer: the result as compact JSON, or an error.
	Result *string `json:"result,omitempty"`
	Error  *string `json:"error,omitempty"`
	Kind   string  `json:"kind,omitempty"`
}

// evaluate returns this package's answer in pyCase's form.
func evaluate(expr, data string) pyCase {
	c := pyCase{Expr: expr, Data: data}
	doc, jerr := pyJSONLoads(data)
	if jerr != nil {
		panic("generated a bad document: " + data)
	}
	e, err := Compile(expr)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			panic("Compile returned an error that is not a *ParseError")
		}
		msg := err.Error()
		c.Error, c.Kind = &msg, "parse"
		return c
	}
	r, err := e.Search(doc)
	if err != nil {
		var re *Error
		if !errors.As(err, &re) {
			panic("Search returned an error that is not an *Error")
		}
		msg := err.Error()
		c.Error, c.Kind = &msg, "runtime"
		return c
	}
	s := string(appendJSON(nil, r))
	c.Result = &s
	return c
}

func (c pyCase) answer() string {
	if c.Error != nil {
		return c.Kind + " error: " + *c.Error
	}
	if c.Result == nil {
		return "<no answer>"
	}
	return *c.Result
}

// runPython evaluates the cases with jmespath.py in one python3 process. It
// returns false when python3 or its jmespath module is missing.
func runPython(t *testing.T, cases []pyCase) ([]pyCase, bool) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		return nil, false
	}
	if exec.Command(py, "-c", "import jmespath").Run() != nil {
		return nil, false
	}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, c := range cases {
		if err := enc.Encode(map[string]string{"expr": c.Expr, "data": c.Data}); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, filepath.Join("testdata", "pyjmespath.py"))
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jmespath.py: %v\n%s", err, stderr.Bytes())
	}
	var res []pyCase
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for i := 0; sc.Scan(); i++ {
		var c pyCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("jmespath.py line %d: %v", i+1, err)
		}
		c.Expr, c.Data = cases[i].Expr, cases[i].Data
		res = append(res, c)
	}
	if len(res) != len(cases) {
		t.Fatalf("jmespath.py answered %d of %d cases", len(res), len(cases))
	}
	return res, true
}

// generate returns n seeded random (query, document) pairs.
func generate(seed uint64, n int) []pyCase {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x6a6d6573))}
	cases := make([]pyCase, n)
	docs := make([]string, 64)
	for i := range docs {
		docs[i] = g.document()
	}
	for i := range cases {
		cases[i] = pyCase{Expr: g.query(), Data: docs[g.r.IntN(len(docs))]}
	}
	return cases
}

// complianceCases returns every case of the compliance suite as a pair.
func complianceCases(t *testing.T) []pyCase {
	files, _ := filepath.Glob(filepath.Join("testdata", "compliance", "*.json"))
	var cases []pyCase
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var suites []complianceSuite
		if err := json.Unmarshal(data, &suites); err != nil {
			t.Fatal(err)
		}
		for _, s := range suites {
			for _, c := range s.Cases {
				cases = append(cases, pyCase{Expr: c.Expression, Data: string(s.Given)})
			}
		}
	}
	return cases
}

// TestDifferential compares this package with jmespath.py, exactly (the
// result's JSON with Python's key order and number formatting, or the
// error's kind and text), on seeded random queries over Client VPN
// documents and on every compliance case. Without python3 and jmespath it
// compares with the answers recorded in testdata/differential.golden.
func TestDifferential(t *testing.T) {
	random := generate(*seed, *pairs)
	cases := append(random, complianceCases(t)...)
	for _, q := range trickyQueries {
		cases = append(cases, pyCase{Expr: q, Data: trickyDoc})
	}
	want, ok := runPython(t, cases)
	if !ok {
		if *update {
			t.Fatal("-update needs python3 with the jmespath module")
		}
		t.Log("python3 with the jmespath module not found: comparing with the golden answers only")
		testGolden(t)
		return
	}
	mismatches, errs, parseErrs := 0, 0, 0
	for i, w := range want {
		got := evaluate(w.Expr, w.Data)
		if w.Error != nil {
			errs++
			if w.Kind == "parse" {
				parseErrs++
			}
		}
		if got.answer() != w.answer() {
			mismatches++
			if mismatches <= 20 {
				t.Errorf("case %d: %q\ndocument: %s\n got: %s\nwant: %s", i, w.Expr, w.Data, got.answer(), w.answer())
			}
		}
	}
	t.Logf("seed %d: %d random pairs, %d compliance cases and %d hand-written ones, %d of them errors (%d parse errors); %d mismatches",
		*seed, len(random), len(cases)-len(random)-len(trickyQueries), len(trickyQueries), errs, parseErrs, mismatches)
	if *update && *seed == 1 {
		writeGolden(t, want[:nGolden])
	}
	if *seed == 1 {
		testGolden(t)
	}
}

func writeGolden(t *testing.T, cases []pyCase) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join("testdata", goldenFile), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testGolden compares with the jmespath.py answers recorded for the first
// pairs of seed 1, and checks that the generator still produces them.
func testGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", goldenFile))
	if err != nil {
		t.Fatalf("%v (rewrite it with -update)", err)
	}
	gen := generate(1, nGolden)
	n := 0
	for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var w pyCase
		if err := json.Unmarshal(line, &w); err != nil {
			t.Fatalf("%s line %d: %v", goldenFile, i+1, err)
		}
		if i < len(gen) && (gen[i].Expr != w.Expr || gen[i].Data != w.Data) {
			t.Errorf("%s line %d: the generator no longer produces this pair (rewrite with -update)", goldenFile, i+1)
		}
		if got := evaluate(w.Expr, w.Data); got.answer() != w.answer() {
			t.Errorf("%s line %d: %q\n got: %s\nwant: %s", goldenFile, i+1, w.Expr, got.answer(), w.answer())
		}
		n++
	}
	if n != nGolden {
		t.Errorf("%s has %d answers, want %d", goldenFile, n, nGolden)
	}
}
