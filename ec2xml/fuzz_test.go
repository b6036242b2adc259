package ec2xml

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeeds returns the recorded XML files and the edge cases, the seed
// corpus of the fuzz targets.
func fuzzSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	files, err := filepath.Glob(filepath.Join("..", "testdata", "ec2xml", "*.xml"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		if filepath.Base(f) == "describe-connections-1000.xml" {
			continue // too large to be a useful seed
		}
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, tc := range tokenTests {
		seeds = append(seeds, []byte(tc.in))
	}
	return seeds
}

// FuzzDecoder checks that Decoder and the encoding/xml reference agree on
// every input: the same tokens, or both an error.
func FuzzDecoder(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if msg := compareDecoders(data, 0); msg != "" {
			t.Fatalf("input %q:\n%s", data, msg)
		}
		if msg := compareDecoders(data, 3); msg != "" {
			t.Fatalf("MaxDepth 3, input %q:\n%s", data, msg)
		}
		if msg := checkReadText(data); msg != "" {
			t.Fatalf("input %q:\n%s", data, msg)
		}
	})
}

// FuzzDecodeError checks that DecodeError never panics and always returns a
// usable error.
func FuzzDecodeError(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(400, s)
	}
	f.Add(502, []byte("<html><body>Bad Gateway</body></html>"))
	f.Add(0, []byte(nil))
	f.Add(403, []byte("<Response><Errors><Error><Message>m</Message></Error></Errors></Response>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := DecodeError(status, body)
		if e == nil {
			t.Fatal("nil error")
		}
		if e.Code == "" {
			t.Fatalf("empty Code for %q", body)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
		}
		if len(e.Errors) > 0 && (e.Message != e.Errors[0].Message || e.Code != e.Errors[0].Code && e.Code != UnknownCode) {
			t.Fatalf("Code %q Message %q, first error %+v: a decoded envelope keeps its first error", e.Code, e.Message, e.Errors[0])
		}
		if len(e.Body) > BodySnapshotSize*3 {
			t.Fatalf("Body snapshot of %d bytes", len(e.Body))
		}
		_ = e.Error()
	})
}

// checkReadText walks data calling ReadText or Skip on some elements and
// checks the results against the token stream. It returns a description of
// a disagreement, or "".
func checkReadText(data []byte) string {
	toks, err := fastTokens(data, 0)
	// For each start element (by index among start elements): its direct
	// text, its name, and the number of start elements in its subtree.
	type info struct {
		text, name string
		subtree    int
	}
	var infos []info
	var open []int
	for _, tk := range toks {
		switch tk.Kind {
		case StartElement:
			open = append(open, len(infos))
			infos = append(infos, info{name: tk.Name})
		case EndElement:
			k := open[len(open)-1]
			open = open[:len(open)-1]
			infos[k].subtree = len(infos) - k
		case CharData:
			infos[open[len(open)-1]].text += tk.Text
		}
	}
	d := NewDecoder(data)
	k := 0
	for {
		kind, werr := d.Next()
		if werr != nil {
			if (werr == io.EOF) != (err == nil) {
				return fmt.Sprintf("walk error %v, token error %v", werr, err)
			}
			return ""
		}
		if kind != StartElement {
			continue
		}
		if k >= len(infos) || k < 0 {
			if err == nil {
				return fmt.Sprintf("start element %d not in token stream", k)
			}
			return ""
		}
		in := infos[k]
		switch {
		case k%2 == 1:
			text, rerr := d.ReadText()
			if rerr != nil {
				if err == nil {
					return fmt.Sprintf("ReadText error %v", rerr)
				}
				return ""
			}
			if in.subtree != 0 && string(text) != in.text {
				return fmt.Sprintf("ReadText of element %d <%s> = %q, want %q", k, in.name, text, in.text)
			}
		case k%7 == 4:
			if rerr := d.Skip(); rerr != nil {
				if err == nil {
					return fmt.Sprintf("Skip error %v", rerr)
				}
				return ""
			}
		default:
			k++
			continue
		}
		if d.Kind() != EndElement || string(d.Name()) != localName(in.name) {
			return fmt.Sprintf("after ReadText/Skip of <%s>: token %v %q", in.name, d.Kind(), d.Name())
		}
		if in.subtree == 0 { // unclosed in the token stream: it must have failed
			return fmt.Sprintf("ReadText/Skip of unclosed <%s> succeeded", in.name)
		}
		k += in.subtree
	}
}

func localName(q string) string {
	if i := strings.IndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}
