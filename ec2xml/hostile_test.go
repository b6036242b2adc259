package ec2xml

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// Hostile responses: each is rejected (or, for a well-formed huge text,
// read without copying) quickly and with bounded memory. (The size limit of
// a body is the reader's: internal/awsrequest tests it.)

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const mib = 1 << 20

// walk runs the decoder over data to the end or the first error.
func walk(data []byte) error {
	d := NewDecoder(data)
	for {
		if _, err := d.Next(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

func TestHostileDocuments(t *testing.T) {
	deep := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Response><Errors><Error><Code>&lol9;</Code><Message>&lol9;</Message></Error></Errors></Response>`
	external := `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`
	tests := []struct {
		name    string
		in      string
		wantErr string
		is      error
		reason  string
	}{
		{name: "10,000-deep nesting", in: deep, wantErr: "nested deeper than MaxDepth 256", is: ErrMaxDepth, reason: "stops at depth 257"},
		{name: "10,000-deep unclosed", in: strings.Repeat("<a>", 10000), wantErr: "nested deeper than MaxDepth 256", is: ErrMaxDepth},
		{name: "billion laughs", in: laughs, wantErr: "DTD (<!DOCTYPE) not supported", reason: "no DTD, so no entity expansion"},
		{name: "external entity", in: external, wantErr: "DTD (<!DOCTYPE) not supported"},
		{name: "undefined entity", in: "<r>&lol9;</r>", wantErr: "entity"},
		{name: "invalid UTF-8 in text", in: "<r><a>\xff\xfe</a></r>", wantErr: "UTF-8"},
		{name: "invalid UTF-8 in a name", in: "<r><a\xc3>x</a\xc3></r>", wantErr: "offset"},
		{name: "invalid UTF-8 in an attribute", in: "<r a=\"\xed\xa0\x80\">x</r>", wantErr: "offset", reason: "a UTF-16 surrogate encoded in UTF-8"},
		{name: "overlong UTF-8", in: "<r>\xc0\xaf</r>", wantErr: "UTF-8"},
		{name: "NUL in text", in: "<r>a\x00b</r>", wantErr: "offset"},
		{name: "NUL in a name", in: "<r\x00>x</r>", wantErr: "offset"},
		{name: "NUL before the root", in: "\x00<r/>", wantErr: "offset"},
		{name: "character reference to NUL", in: "<r>&#0;</r>", wantErr: "offset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.in)
			err := walk(data)
			var se *SyntaxError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want a *SyntaxError containing %q (%s)", err, tt.wantErr, tt.reason)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, does not match %v", err, tt.is)
			}
			if se.Offset < 0 || se.Offset > int64(len(data)) {
				t.Errorf("offset %d outside the input", se.Offset)
			}
			d := NewDecoder(nil)
			allocs := testing.AllocsPerRun(20, func() {
				d.Reset(data)
				for {
					if _, err := d.Next(); err != nil {
						break
					}
				}
			})
			t.Logf("%d bytes rejected at offset %d with %d allocations: %v", len(data), se.Offset, int(allocs), err)
			if allocs > 5 {
				t.Errorf("rejecting it allocates %v times per run, want at most 5 (the error and its message)", allocs)
			}
			// The error envelope decoder falls back to the status code
			// with a short snapshot.
			e := DecodeError(400, data)
			if e.Code == "" || len(e.Body) > 3*BodySnapshotSize {
				t.Errorf("DecodeError: Code %q, %d-byte snapshot", e.Code, len(e.Body))
			}
			if e.Code == "lol" || strings.Contains(e.Message, "lollol") {
				t.Errorf("DecodeError expanded an entity: %+v", e)
			}
		})
	}
}

// TestHostileLargeTextNode: a well-formed 100 MB text node (given whole, as
// the client would after reading it under a raised limit) is returned as a
// slice of the input: no copy, a handful of allocations.
func TestHostileLargeTextNode(t *testing.T) {
	if testing.Short() || underRace {
		t.Skip("builds a 100 MB document; skipped in -short mode and under the race detector")
	}
	const size = 100 * mib
	data := make([]byte, 0, size+64)
	data = append(data, "<r><requestId>"...)
	data = append(data, bytes.Repeat([]byte("0123456789abcdef"), (size-len(data)-32)/16)...)
	data = append(data, "</requestId></r>"...)
	var text []byte
	var err error
	alloc := allocated(func() {
		d := NewDecoder(data)
		d.Next()
		d.Next()
		text, err = d.ReadText()
		for err == nil {
			_, err = d.Next()
		}
	})
	if err != io.EOF || len(text) < size-64 {
		t.Fatalf("err = %v, text of %d bytes", err, len(text))
	}
	if alloc > mib {
		t.Errorf("reading a %d MiB text node allocated %d bytes; want it read in place", size/mib, alloc)
	}
	// The same node with an entity every 16 bytes must be decoded into a
	// buffer: at most about the size of the text.
	esc := bytes.ReplaceAll(data, []byte("f01"), []byte("&#x66;01"))
	alloc = allocated(func() {
		d := NewDecoder(esc)
		d.Next()
		d.Next()
		text, err = d.ReadText()
	})
	if err != nil || len(text) < size-64 {
		t.Fatalf("escaped: err = %v, text of %d bytes", err, len(text))
	}
	// The decoding buffer grows by append (1.25x at this size): about 6x
	// the text in all, though little of it is live at once.
	if alloc > 8*size {
		t.Errorf("decoding a %d MiB escaped text node allocated %d MiB", size/mib, alloc/mib)
	}
	t.Logf("escaped 100 MiB text node: %d MiB allocated", alloc/mib)
}
