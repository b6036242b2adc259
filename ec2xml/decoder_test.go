package ec2xml

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/ec2xml/golden")

// tokenTests are the edge cases of the token stream. An empty err means
// the input is valid and decodes to want; otherwise Next must fail with a
// *SyntaxError at offset off whose message contains err. Every case is
// also a fuzz seed and is checked against the encoding/xml reference.
var tokenTests = []struct {
	name   string
	in     string
	want   []string
	err    string
	off    int64
	reason string
}{
	{name: "minimal", in: `<a/>`, want: []string{`<a>`, `</a>`}, reason: "a self-closing element is a start and an end"},
	{name: "self-closing-space", in: `<a />`, want: []string{`<a>`, `</a>`}},
	{name: "text", in: `<a>hi</a>`, want: []string{`<a>`, `"hi"`, `</a>`}},
	{name: "end-tag-space", in: "<a>hi</a \n>", want: []string{`<a>`, `"hi"`, `</a>`}},
	{name: "predefined-entities", in: `<a>&amp;&lt;&gt;&quot;&apos;</a>`, want: []string{`<a>`, `"&<>\"'"`, `</a>`}},
	{name: "numeric-references", in: `<a>O&#39;Neil O&#x27;Neil &#X;</a>`, err: "invalid character reference", off: 26, reason: "&#X is not a hex reference (x must be lower case)"},
	{name: "numeric-references-ok", in: `<a>O&#39;Neil O&#x27;Neil &#x1F600;&#0000065;</a>`, want: []string{`<a>`, `"O'Neil O'Neil 😀A"`, `</a>`}},
	{name: "unicode", in: "<a>Zoë 日本語 Ελληνικά 🎉</a>", want: []string{`<a>`, `"Zoë 日本語 Ελληνικά 🎉"`, `</a>`}},
	{name: "cdata", in: `<a><![CDATA[CN=client<2> & ]]]></a>`, want: []string{`<a>`, `"CN=client<2> & ]"`, `</a>`}},
	{name: "cdata-mixed", in: `<a>x<![CDATA[<y>]]>z&amp;</a>`, want: []string{`<a>`, `"x<y>z&"`, `</a>`}, reason: "text, CDATA and entities between two tags are one token"},
	{name: "empty-cdata", in: `<a><![CDATA[]]></a>`, want: []string{`<a>`, `</a>`}, reason: "empty text is not reported"},
	{name: "comments", in: `<!-- c --><a>x<!-- - -->y<!---->z</a><!--end-->`, want: []string{`<a>`, `"xyz"`, `</a>`}},
	{name: "processing-instructions", in: `<?pi data?><a>x<?pi?>y<?pi  ?a?></a><?pi?>`, want: []string{`<a>`, `"xy"`, `</a>`}},
	{name: "declaration-double", in: `<?xml version="1.0" encoding="UTF-8"?><a/>`, want: []string{`<a>`, `</a>`}},
	{name: "declaration-single", in: `<?xml version='1.0' encoding='utf-8' standalone='yes'?>` + "\n<a/>", want: []string{`<a>`, `</a>`}},
	{name: "declaration-spaces", in: `<?xml  version = "1.0"  ?><a/>`, want: []string{`<a>`, `</a>`}},
	{name: "bom", in: "\xEF\xBB\xBF<?xml version=\"1.0\"?><a/>", want: []string{`<a>`, `</a>`}},
	{name: "bom-no-declaration", in: "\xEF\xBB\xBF<a/>", want: []string{`<a>`, `</a>`}},
	{name: "namespace-prefixes", in: `<ec2:a xmlns:ec2="urn:x"><ec2:b>t</ec2:b></ec2:a>`, want: []string{`<ec2:a xmlns:ec2="urn:x">`, `<ec2:b>`, `"t"`, `</ec2:b>`, `</ec2:a>`}},
	{name: "attributes", in: `<a x="1" y='2' z = "&lt;&#x41;" e=''>`, err: "unexpected EOF: element <a> not closed", off: 37},
	{name: "attributes-ok", in: "<a x=\"1\" y='\"2' z = \"&lt;&#x41;\" e=''\n/>", want: []string{`<a x="1" y="\"2" z="<A" e="">`, `</a>`}},
	{name: "attribute-newline", in: "<a x=\"1\r\n2\r3\">t</a>", want: []string{`<a x="1\n2\n3">`, `"t"`, `</a>`}, reason: "line ends are normalised, other white space kept, as encoding/xml does"},
	{name: "whitespace-text", in: "<a>\n  <b>\r\n</b>\t</a>", want: []string{`<a>`, `"\n  "`, `<b>`, `"\n"`, `</b>`, `"\t"`, `</a>`}},
	{name: "unknown-deep", in: `<a><x><y><z>deep</z></y></x><b>t</b></a>`, want: []string{`<a>`, `<x>`, `<y>`, `<z>`, `"deep"`, `</z>`, `</y>`, `</x>`, `<b>`, `"t"`, `</b>`, `</a>`}},
	{name: "gt-in-text", in: `<a>a>b</a>`, want: []string{`<a>`, `"a>b"`, `</a>`}},
	{name: "brackets-in-text", in: `<a>]]]</a>`, want: []string{`<a>`, `"]]]"`, `</a>`}},
	{name: "trailing-whitespace", in: "<a/>\n\t \r\n", want: []string{`<a>`, `</a>`}},

	// Errors.
	{name: "empty", in: ``, err: "no root element", off: 0},
	{name: "only-whitespace", in: " \n", err: "no root element", off: 2},
	{name: "text-before-root", in: `x<a/>`, err: "text before the root element", off: 0},
	{name: "text-after-root", in: `<a/>x`, err: "text after the root element", off: 4},
	{name: "second-root", in: `<a/><b/>`, err: "element after the root element", off: 4},
	{name: "doctype", in: `<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, err: "DTD", off: 0},
	{name: "doctype-in-root", in: `<a><!DOCTYPE a></a>`, err: "DTD", off: 3},
	{name: "custom-entity", in: `<a>&e;</a>`, err: "undefined entity", off: 3},
	{name: "entity-no-semicolon", in: `<a>&amp</a>`, err: "undefined entity", off: 3},
	{name: "bare-ampersand", in: `<a>a & b</a>`, err: "undefined entity", off: 5},
	{name: "charref-zero", in: `<a>&#0;</a>`, err: "invalid character", off: 3},
	{name: "charref-surrogate", in: `<a>&#xD800;</a>`, err: "invalid character", off: 3},
	{name: "charref-too-big", in: `<a>&#x110000;</a>`, err: "invalid character", off: 3},
	{name: "charref-fffe", in: `<a>&#xFFFE;</a>`, err: "invalid character", off: 3},
	{name: "charref-empty", in: `<a>&#;</a>`, err: "invalid character reference", off: 3},
	{name: "control-char", in: "<a>\x01</a>", err: "illegal character", off: 3},
	{name: "invalid-utf8", in: "<a>\xff</a>", err: "invalid UTF-8", off: 3},
	{name: "invalid-utf8-attr", in: "<a x=\"\xc3\"/>", err: "invalid UTF-8", off: 6},
	{name: "lt-in-attr", in: `<a x="<"/>`, err: "< in attribute value", off: 6},
	{name: "cdata-end-in-text", in: `<a>]]></a>`, err: "]]> in character data", off: 3},
	{name: "mismatch", in: `<a><b></a></b>`, err: "element <b> closed by </a>", off: 6},
	{name: "mismatch-prefix", in: `<a></ab>`, err: "element <a> closed by </ab>", off: 3},
	{name: "end-without-start", in: `</a>`, err: "end tag outside the root element", off: 0},
	{name: "truncated-start", in: `<a><b`, err: "unexpected EOF", off: 5},
	{name: "truncated-attr", in: `<a x="1`, err: "unexpected EOF", off: 7},
	{name: "truncated-text", in: `<a>text`, err: "unexpected EOF", off: 7},
	{name: "truncated-end", in: `<a>t</a`, err: "unexpected EOF", off: 7},
	{name: "truncated-end-name", in: `<abc>t</ab`, err: "unexpected EOF", off: 10},
	{name: "truncated-lt", in: `<a><`, err: "unexpected EOF", off: 4},
	{name: "truncated-comment", in: `<a><!-- x -`, err: "unexpected EOF", off: 11},
	{name: "truncated-cdata", in: `<a><![CDATA[x]]`, err: "unexpected EOF", off: 15},
	{name: "truncated-cdata-open", in: `<a><![CDA`, err: "unexpected EOF", off: 9},
	{name: "truncated-pi", in: `<a><?pi x ?`, err: "unexpected EOF", off: 11},
	{name: "truncated-entity", in: `<a>&am`, err: "unexpected EOF", off: 6},
	{name: "truncated-declaration", in: `<?xml version="1.0"`, err: "unexpected EOF", off: 19},
	{name: "unclosed", in: `<a><b></b>`, err: "element <a> not closed", off: 10},
	{name: "double-dash-comment", in: `<a><!-- a -- b --></a>`, err: "-- in comment", off: 10},
	{name: "declaration-not-first", in: ` <?xml version="1.0"?><a/>`, err: "XML declaration not at the start", off: 1},
	{name: "declaration-version", in: `<?xml version="1.1"?><a/>`, err: "unsupported version", off: 15},
	{name: "declaration-encoding", in: `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, err: "unsupported encoding", off: 30},
	{name: "declaration-no-version", in: `<?xml encoding="UTF-8"?><a/>`, err: `unexpected "encoding"`, off: 6},
	{name: "declaration-order", in: `<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>`, err: `unexpected "encoding"`, off: 37},
	{name: "reserved-pi", in: `<a><?XML x?></a>`, err: "XML declaration not at the start", off: 3},
	{name: "pi-no-space", in: `<a><?pi!?></a>`, err: "after processing instruction target", off: 7},
	{name: "bad-name", in: `<1a/>`, err: "invalid name character", off: 1},
	{name: "two-colons", in: `<a:b:c/>`, err: "more than one colon", off: 4},
	{name: "empty-prefix", in: `<:a/>`, err: "invalid name character", off: 1},
	{name: "non-ascii-name", in: `<é/>`, err: "invalid name character", off: 1, reason: "EC2 names are ASCII; Decoder accepts only ASCII names"},
	{name: "unquoted-attr", in: `<a x=1/>`, err: "not quoted", off: 5},
	{name: "attr-no-space", in: `<a x="1"y="2"/>`, err: "white space before attribute", off: 8},
	{name: "attr-no-value", in: `<a x/>`, err: "expected =", off: 4},
	{name: "bom-late", in: "<a/>\xEF\xBB\xBF", err: "text after the root element", off: 4},
	{name: "cdata-outside", in: `<![CDATA[x]]><a/>`, err: "CDATA section outside", off: 0},
	{name: "slash-no-gt", in: `<a/ >`, err: "expected > after /", off: 3},
	{name: "markup", in: `<a><!ELEMENT a></a>`, err: "invalid markup", off: 3},
}

func TestTokens(t *testing.T) {
	for _, tc := range tokenTests {
		t.Run(tc.name, func(t *testing.T) {
			toks, err := fastTokens([]byte(tc.in), 0)
			if tc.err != "" {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("error %v (%T), want *SyntaxError %q (tokens %v)", err, err, tc.err, toks)
				}
				if !strings.Contains(se.Msg, tc.err) || se.Offset != tc.off {
					t.Errorf("error %q at %d, want %q at %d", se.Msg, se.Offset, tc.err, tc.off)
				}
				if !strings.HasPrefix(err.Error(), "ec2xml: ") {
					t.Errorf("error %q lacks the ec2xml: prefix", err)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			var got []string
			for _, tk := range toks {
				got = append(got, tk.String())
			}
			if tc.err == "" {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("tokens (-want +got):\n%s\nreason: %s", diff, tc.reason)
				}
			}
			if msg := compareDecoders([]byte(tc.in), 0); msg != "" {
				t.Errorf("disagrees with the encoding/xml reference: %s", msg)
			}
		})
	}
}

// TestGolden decodes every XML file in ../testdata/ec2xml and compares its
// token stream with the golden file in ../testdata/ec2xml/golden
// (rewritten by go test -update).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "ec2xml", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no XML files: %v", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		if name == "describe-connections-1000.xml" {
			continue // the benchmark input; TestFixtureDigest covers it
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			toks, err := fastTokens(data, 0)
			depth := 0
			for _, tk := range toks {
				if tk.Kind == EndElement {
					depth--
				}
				b.WriteString(strings.Repeat("  ", depth) + tk.String() + "\n")
				if tk.Kind == StartElement {
					depth++
				}
			}
			if err != nil {
				b.WriteString("error: " + err.Error() + "\n")
			}
			got := b.String()
			golden := filepath.Join("..", "testdata", "ec2xml", "golden", strings.TrimSuffix(name, ".xml")+".tokens")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
			if msg := compareDecoders(data, 0); msg != "" {
				t.Errorf("disagrees with the encoding/xml reference: %s", msg)
			}
		})
	}
}

func TestMaxDepth(t *testing.T) {
	deep := strings.Repeat("<a>", 257) + strings.Repeat("</a>", 257)
	tests := []struct {
		name     string
		maxDepth int
		in       string
		wantErr  bool
		off      int64
	}{
		{name: "default-ok", in: strings.Repeat("<a>", 256) + strings.Repeat("</a>", 256)},
		{name: "default-exceeded", in: deep, wantErr: true, off: 256 * 3},
		{name: "configured-ok", maxDepth: 2, in: `<a><b/></a>`},
		{name: "configured-exceeded", maxDepth: 2, in: `<a><b><c/></b></a>`, wantErr: true, off: 6},
		{name: "configured-self-closing", maxDepth: 1, in: `<a><b/></a>`, wantErr: true, off: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fastTokens([]byte(tc.in), tc.maxDepth)
			if !tc.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var se *SyntaxError
			if !errors.Is(err, ErrMaxDepth) || !errors.As(err, &se) || se.Offset != tc.off {
				t.Fatalf("error %v, want ErrMaxDepth at offset %d", err, tc.off)
			}
		})
	}
}

func TestErrorsAreSticky(t *testing.T) {
	d := NewDecoder([]byte(`<a>&bad;</a>`))
	d.Next()
	_, err1 := d.Next()
	_, err2 := d.Next()
	if err1 == nil || err1 != err2 {
		t.Fatalf("errors %v then %v, want the same error twice", err1, err2)
	}
	d.Reset([]byte(`<a/>`))
	if _, err := d.Next(); err != nil {
		t.Fatalf("after Reset: %v", err)
	}
}

func TestEOFAfterRoot(t *testing.T) {
	d := NewDecoder([]byte("<a/><!-- c -->\n"))
	for i := 0; i < 2; i++ {
		if _, err := d.Next(); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 2; i++ {
		if _, err := d.Next(); err != io.EOF {
			t.Fatalf("Next = %v, want io.EOF", err)
		}
	}
}

// TestScanPlain compares the eight-bytes-at-a-time scanPlain with a plain
// loop over textStop, for every byte value at every position of a word,
// after every kind of prefix.
func TestScanPlain(t *testing.T) {
	naive := func(data []byte, i int) int {
		for i < len(data) && textStop[data[i]] == 0 {
			i++
		}
		return i
	}
	prefixes := []string{"", "\n", "\t\t", "abc", "a\nb\tc", "0123456789"}
	for _, p := range prefixes {
		for pos := 0; pos < 18; pos++ {
			for c := 0; c < 256; c++ {
				buf := []byte(p + strings.Repeat("x", pos) + string(rune(0)) + "yyyyyyyyyyyyyyyy")
				buf[len(p)+pos] = byte(c)
				for start := 0; start <= len(p); start++ {
					if got, want := scanPlain(buf, start), naive(buf, start); got != want {
						t.Fatalf("scanPlain(%q, %d) = %d, want %d", buf, start, got, want)
					}
				}
			}
		}
	}
}

// TestScanNameChars compares the eight-bytes-at-a-time scanNameChars with a
// plain loop over nameTab, for every byte value at every position of a word.
func TestScanNameChars(t *testing.T) {
	naive := func(data []byte, i int) int {
		for i < len(data) && nameTab[data[i]]&ncChar != 0 {
			i++
		}
		return i
	}
	for _, p := range []string{"", "a", "Ab-", "x.y_z09"} {
		for pos := 0; pos < 18; pos++ {
			for c := 0; c < 256; c++ {
				buf := []byte(p + strings.Repeat("n", pos) + "?" + strings.Repeat("Zz9", 6))
				buf[len(p)+pos] = byte(c)
				for start := 0; start <= len(p); start++ {
					if got, want := scanNameChars(buf, start), naive(buf, start); got != want {
						t.Fatalf("scanNameChars(%q, %d) = %d, want %d", buf, start, got, want)
					}
				}
			}
		}
	}
}
