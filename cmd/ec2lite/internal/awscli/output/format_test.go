package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// goldenDir holds the outputs recorded from the AWS CLI by record.py. They
// are the AWS CLI's bytes, so there is no -update flag: record them again
// with record.py instead.
var goldenDir = filepath.Join("..", "..", "..", "..", "..", "testdata", "cli", "output")

// goldenCase is one entry of cases.json: an AWS CLI run and what it printed.
type goldenCase struct {
	Name     string   `json:"name"`
	Response string   `json:"response"`
	Args     []string `json:"args"`
	Tty      int      `json:"tty"`
	ExitCode int      `json:"exit_code"`
	Stderr   string   `json:"stderr"`
}

func loadCases(t testing.TB) []goldenCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldenDir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cases []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m.Cases
}

// decodeTree decodes JSON into a tree, keeping object key order; numbers
// without a fraction or exponent become int64, others float64, as Python's
// json module decodes them.
func decodeTree(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := decodeValue(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the value (%v)", err)
	}
	return v, nil
}

func decodeValue(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '[':
			l := []any{}
			for d.More() {
				v, err := decodeValue(d)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := d.Token()
			return l, err
		case '{':
			o := &awscli.Object{}
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeValue(d)
				if err != nil {
					return nil, err
				}
				o.Set(k.(string), v)
			}
			_, err := d.Token()
			return o, err
		}
		return nil, fmt.Errorf("unexpected %v", tok)
	case json.Number:
		if !strings.ContainsAny(tok.String(), ".eE") {
			if n, err := tok.Int64(); err == nil {
				return n, nil
			}
		}
		return tok.Float64()
	}
	return tok, nil // string, bool, nil
}

// treeFor returns the tree a golden case printed, decoded from the JSON
// golden recorded with the same arguments.
func treeFor(t *testing.T, c goldenCase) any {
	t.Helper()
	stem := c.Name[:strings.LastIndexByte(c.Name, '.')]
	for _, suffix := range []string{"-color", "-columns200"} {
		stem = strings.Replace(stem, suffix, "", 1)
	}
	if i := strings.Index(stem, "-tty"); i >= 0 {
		stem = stem[:i]
	}
	data, err := os.ReadFile(filepath.Join(goldenDir, stem+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 {
		return &awscli.Object{} // the AWS CLI printed nothing: an empty response
	}
	v, err := decodeTree(data)
	if err != nil {
		t.Fatalf("%s.json: %v", stem, err)
	}
	return v
}

// runGolden checks every recorded case whose name ends in ext.
func runGolden(t *testing.T, ext string, write func(w io.Writer, c goldenCase, v any) error) {
	n := 0
	for _, c := range loadCases(t) {
		if !strings.HasSuffix(c.Name, ext) {
			continue
		}
		n++
		t.Run(c.Name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(goldenDir, c.Name))
			if err != nil {
				t.Fatal(err)
			}
			v := treeFor(t, c)
			var got bytes.Buffer
			err = write(&got, c, v)
			if c.ExitCode != 0 {
				var fe *formatError
				if !errors.As(err, &fe) {
					t.Fatalf("err = %v, want a *formatError (the AWS CLI exited %d with %q)", err, c.ExitCode, c.Stderr)
				}
				if diff := cmp.Diff(c.Stderr, "\n"+err.Error()+"\n"); diff != "" {
					t.Errorf("error text mismatch (-aws +ec2lite):\n%s", diff)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("output mismatch with the AWS CLI's (-aws +ec2lite):\n%s", diff)
			}
		})
	}
	if n == 0 {
		t.Fatalf("no %s goldens in %s", ext, goldenDir)
	}
}

func TestDecodeTreeKeepsOrder(t *testing.T) {
	v, err := decodeTree([]byte(`{"b": 1, "a": [1.5, "x", null, true, {}], "c": {"z": 1, "y": 2}}`))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := WriteJSON(&got, v); err != nil {
		t.Fatal(err)
	}
	want := "{\n    \"b\": 1,\n    \"a\": [\n        1.5,\n        \"x\",\n        null,\n        true,\n        {}\n    ],\n    \"c\": {\n        \"z\": 1,\n        \"y\": 2\n    }\n}\n"
	if diff := cmp.Diff(want, got.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// benchTree is the recorded connections.json response with its 16
// connections repeated to 1,000.
func benchTree(b *testing.B) any {
	data, err := os.ReadFile(filepath.Join(goldenDir, "connections.json"))
	if err != nil {
		b.Fatal(err)
	}
	v, err := decodeTree(data)
	if err != nil {
		b.Fatal(err)
	}
	conns, _ := v.(*awscli.Object).Get("Connections")
	l := conns.([]any)
	big := make([]any, 1000)
	for i := range big {
		big[i] = l[i%len(l)]
	}
	root := &awscli.Object{}
	root.Set("Connections", big)
	return root
}

func BenchmarkWrite(b *testing.B) {
	v := benchTree(b)
	for _, bb := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"json", func(w io.Writer) error { return WriteJSON(w, v) }},
		{"text", func(w io.Writer) error { return WriteText(w, v) }},
		{"table", func(w io.Writer) error { return WriteTable(w, "DescribeClientVpnConnections", v, 80) }},
	} {
		b.Run(bb.name+"/connections=1000", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bb.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
