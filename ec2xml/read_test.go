package ec2xml

import (
	"errors"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// next calls d.Next and fails the test on error.
func next(t *testing.T, d *Decoder, want Kind) {
	t.Helper()
	k, err := d.Next()
	if err != nil || k != want {
		t.Fatalf("Next = %v, %v; want %v", k, err, want)
	}
}

// within reports whether b points into data.
func within(b, data []byte) bool {
	if len(b) == 0 {
		return false
	}
	p, s := uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&data[0]))
	return p >= s && p < s+uintptr(len(data))
}

func TestReadText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		zeroCopy bool
		reason   string
	}{
		{name: "plain", in: `<r><a>value</a></r>`, want: "value", zeroCopy: true, reason: "text without decoding is a slice of the input"},
		{name: "unicode-plain", in: `<r><a>Zoë 日本</a></r>`, want: "Zoë 日本", zeroCopy: true},
		{name: "cdata-only", in: `<r><a><![CDATA[x<y]]></a></r>`, want: "x<y", zeroCopy: true},
		{name: "entity", in: `<r><a>a&amp;b</a></r>`, want: "a&b"},
		{name: "empty", in: `<r><a></a></r>`, want: ""},
		{name: "self-closing", in: `<r><a/></r>`, want: ""},
		{name: "comment-split", in: `<r><a>ab<!-- c -->cd</a></r>`, want: "abcd"},
		{name: "children-skipped", in: `<r><a>x<b>inner<c/></b>y<b>z</b></a></r>`, want: "xy", reason: "text of child elements is not included"},
		{name: "child-first", in: `<r><a><b>inner</b>tail</a></r>`, want: "tail"},
		{name: "decoded-then-child", in: `<r><a>&lt;<b/>&gt;</a></r>`, want: "<>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.in)
			d := NewDecoder(data)
			next(t, d, StartElement)
			next(t, d, StartElement)
			got, err := d.ReadText()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("ReadText (-want +got):\n%s\nreason: %s", diff, tc.reason)
			}
			if tc.zeroCopy && !within(got, data) {
				t.Errorf("ReadText copied %q; want a slice of the input", got)
			}
			if d.Kind() != EndElement || string(d.Name()) != "a" {
				t.Errorf("after ReadText: %v %s, want EndElement a", d.Kind(), d.Name())
			}
			next(t, d, EndElement)
		})
	}
}

func TestReadTextErrors(t *testing.T) {
	d := NewDecoder([]byte(`<r>text<a>x</a></r>`))
	next(t, d, StartElement)
	next(t, d, CharData)
	if _, err := d.ReadText(); !errors.Is(err, errNotStart) {
		t.Errorf("ReadText on CharData: %v, want errNotStart", err)
	}
	if err := d.Skip(); !errors.Is(err, errNotStart) {
		t.Errorf("Skip on CharData: %v, want errNotStart", err)
	}
	d = NewDecoder([]byte(`<r><a>x<b>&bad;</b></a></r>`))
	next(t, d, StartElement)
	next(t, d, StartElement)
	var se *SyntaxError
	if _, err := d.ReadText(); !errors.As(err, &se) || se.Offset != 10 {
		t.Errorf("ReadText over a bad child: %v, want a SyntaxError at 10", err)
	}
	d = NewDecoder([]byte("<r><a>\u00e9\xff</a></r>"))
	next(t, d, StartElement)
	next(t, d, StartElement)
	if _, err := d.ReadText(); !errors.As(err, &se) || se.Offset != 8 || !strings.Contains(se.Msg, "UTF-8") {
		t.Errorf("ReadText over invalid UTF-8: %v, want a SyntaxError at 8", err)
	}
}

func TestSkip(t *testing.T) {
	d := NewDecoder([]byte(`<r><u a="1"><v>x</v><w/></u><k>kept</k><s/></r>`))
	next(t, d, StartElement)
	next(t, d, StartElement) // u
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	if d.Kind() != EndElement || string(d.Name()) != "u" {
		t.Fatalf("after Skip: %v %s", d.Kind(), d.Name())
	}
	next(t, d, StartElement)
	if got, _ := d.ReadText(); string(got) != "kept" {
		t.Fatalf("ReadText after Skip = %q", got)
	}
	next(t, d, StartElement) // s, self-closing
	if err := d.Skip(); err != nil || d.Kind() != EndElement || string(d.Name()) != "s" {
		t.Fatalf("Skip of a self-closing element: %v %v %s", err, d.Kind(), d.Name())
	}
	next(t, d, EndElement)
}

func TestAttrNamePrefixDepth(t *testing.T) {
	d := NewDecoder([]byte(`<ec2:r xmlns:ec2="urn:e" xml:lang='en' plain="a&amp;b" v="p"><c>t</c></ec2:r>`))
	next(t, d, StartElement)
	if string(d.Name()) != "r" || string(d.Prefix()) != "ec2" || d.Depth() != 1 {
		t.Errorf("Name %q Prefix %q Depth %d", d.Name(), d.Prefix(), d.Depth())
	}
	attrs := []struct {
		name, want string
		ok         bool
	}{
		{"ec2", "urn:e", true},
		{"xmlns:ec2", "urn:e", true},
		{"lang", "en", true},
		{"xml:lang", "en", true},
		{"other:lang", "", false},
		{"plain", "a&b", true},
		{"v", "p", true},
		{"missing", "", false},
	}
	for _, a := range attrs {
		got, ok := d.Attr(a.name)
		if string(got) != a.want || ok != a.ok {
			t.Errorf("Attr(%q) = %q, %v; want %q, %v", a.name, got, ok, a.want, a.ok)
		}
	}
	next(t, d, StartElement)
	if _, ok := d.Attr("v"); ok || d.Depth() != 2 || d.Prefix() != nil {
		t.Errorf("child: Attr(v) found %v, Depth %d, Prefix %q", ok, d.Depth(), d.Prefix())
	}
	next(t, d, CharData)
	if d.Depth() != 2 || d.Name() != nil || string(d.Text()) != "t" {
		t.Errorf("CharData: Depth %d Name %q Text %q", d.Depth(), d.Name(), d.Text())
	}
	next(t, d, EndElement)
	next(t, d, EndElement)
	if string(d.Name()) != "r" || string(d.Prefix()) != "ec2" || d.Depth() != 1 || d.Text() != nil {
		t.Errorf("end: Name %q Prefix %q Depth %d", d.Name(), d.Prefix(), d.Depth())
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{StartElement: "StartElement", EndElement: "EndElement", CharData: "CharData", 9: "Kind(9)"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q, want %q", k, k.String(), want)
		}
	}
}
