package ec2xml

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// A Kind is the kind of token [Decoder.Next] reports.
type Kind uint8

// The token kinds. Comments, processing instructions and the XML declaration
// are skipped; CDATA sections, entities and character references are folded
// into CharData.
const (
	StartElement Kind = 1 + iota
	EndElement
	CharData
)

// String returns the kind's name, such as "StartElement".
func (k Kind) String() string {
	switch k {
	case StartElement:
		return "StartElement"
	case EndElement:
		return "EndElement"
	case CharData:
		return "CharData"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// DefaultMaxDepth is the nesting limit used when [Decoder.MaxDepth] is zero.
const DefaultMaxDepth = 256

// elem locates an element's qualified name in the input: data[start:end],
// local name data[local:end].
type elem struct{ start, local, end int }

// A Decoder reads the tokens of one XML document held in a byte slice.
//
// Next reports StartElement, EndElement and CharData tokens. A self-closing
// element <a/> is reported as a StartElement followed by an EndElement. All
// character data between two tags is reported as one CharData token, with
// comments and processing instructions removed and CDATA sections,
// entities and character references decoded; empty character data is not
// reported. Character data outside the root element must be white space and
// is not reported.
//
// Slices returned by Name, Prefix, Attr, Text and ReadText point into the
// input or into the Decoder's scratch buffer and are valid only until the
// next call of a Decoder method; copy them to keep them. The Decoder never
// modifies the input. A Decoder is not safe for concurrent use; it can be
// reused for another document with [Decoder.Reset], keeping its buffers.
type Decoder struct {
	// MaxDepth limits element nesting: a start element deeper than
	// MaxDepth is a *SyntaxError matching ErrMaxDepth. Zero means
	// DefaultMaxDepth.
	MaxDepth int

	data       []byte
	pos        int // offset of the next unread byte
	err        error
	kind       Kind
	depth      int
	cur        elem // name of the current StartElement or EndElement
	attrStart  int  // raw attributes of the current StartElement: data[attrStart:attrEnd]
	attrEnd    int
	text       []byte
	tmode      uint8 // while reading text: 0 empty, 1 text is one input slice, 2 text is in scratch
	pendingEnd bool  // the current StartElement was self-closing
	rootSeen   bool
	stack      []elem
	scratch    []byte
	rbuf       []byte
}

// NewDecoder returns a Decoder reading data.
func NewDecoder(data []byte) *Decoder {
	d := new(Decoder)
	d.Reset(data)
	return d
}

// Reset makes d read data from the beginning, keeping its buffers and
// MaxDepth. A leading UTF-8 byte order mark and an XML declaration are
// consumed here; an error in them is returned by the first call of Next.
func (d *Decoder) Reset(data []byte) {
	d.data = data
	d.pos = 0
	d.err = nil
	d.kind = 0
	d.depth = 0
	d.cur = elem{}
	d.attrStart, d.attrEnd = 0, 0
	d.text = nil
	d.tmode = 0
	d.pendingEnd = false
	d.rootSeen = false
	d.stack = d.stack[:0]
	d.prolog()
}

// Offset returns the input offset of the next byte the decoder will read;
// after a token it is the offset just past that token.
func (d *Decoder) Offset() int64 { return int64(d.pos) }

// Depth returns the nesting depth of the current token: for a StartElement
// or EndElement the element's own depth (the root element has depth 1), for
// CharData the depth of its parent element.
func (d *Decoder) Depth() int { return d.depth }

// Kind returns the kind of the current token, or 0 before the first token
// and after an error.
func (d *Decoder) Kind() Kind { return d.kind }

// Name returns the local name (without prefix) of the current StartElement
// or EndElement, and nil for other tokens.
func (d *Decoder) Name() []byte {
	if d.kind != StartElement && d.kind != EndElement {
		return nil
	}
	return d.data[d.cur.local:d.cur.end]
}

// Prefix returns the namespace prefix of the current StartElement or
// EndElement, or nil if it has none.
func (d *Decoder) Prefix() []byte {
	if (d.kind != StartElement && d.kind != EndElement) || d.cur.local == d.cur.start {
		return nil
	}
	return d.data[d.cur.start : d.cur.local-1]
}

// Text returns the decoded character data of the current CharData token,
// and nil for other tokens.
func (d *Decoder) Text() []byte {
	if d.kind != CharData {
		return nil
	}
	return d.text
}

func (d *Decoder) syntaxError(off int, msg string) error {
	d.err = &SyntaxError{Offset: int64(off), Msg: msg}
	d.kind = 0
	return d.err
}

func (d *Decoder) fail(off int, msg string) (Kind, error) {
	return 0, d.syntaxError(off, msg)
}

// Next reads the next token and returns its kind. After the root element
// closes it returns io.EOF (once the rest of the input has been checked to
// hold only white space, comments and processing instructions). Errors are
// sticky: after an error, Next returns the same error again.
func (d *Decoder) Next() (Kind, error) {
	if d.err != nil {
		return 0, d.err
	}
	if d.pendingEnd {
		d.pendingEnd = false
		d.kind = EndElement
		return EndElement, nil
	}
	data := d.data
	for {
		i := d.pos
		if i >= len(data) {
			return d.eof()
		}
		if data[i] != '<' {
			if len(d.stack) == 0 {
				if err := d.outsideText(); err != nil {
					return 0, err
				}
				continue
			}
			// Fast path: plain text running up to a tag.
			j := i
			if data[i] == '\n' {
				// Indentation: a newline and spaces.
				j++
				for j+8 <= len(data) {
					n := bits.TrailingZeros64(binary.LittleEndian.Uint64(data[j:j+8])^spaces8) >> 3
					j += n
					if n < 8 {
						break
					}
				}
			}
			if j >= len(data) || data[j] != '<' {
				j = scanPlain(data, j)
				if j < len(data) && data[j] >= utf8.RuneSelf {
					j = scanUTF8(data, j)
				}
			}
			if j+1 < len(data) && data[j] == '<' && data[j+1] != '!' && data[j+1] != '?' {
				d.text = data[i:j]
				d.pos = j
				d.kind = CharData
				d.depth = len(d.stack)
				return CharData, nil
			}
			if d.readText() {
				return CharData, nil
			}
			if d.err != nil {
				return 0, d.err
			}
			continue
		}
		if i+1 >= len(data) {
			return d.fail(len(data), "unexpected EOF after <")
		}
		switch c1 := data[i+1]; c1 {
		case '/':
			// Fast path: the end tag of the innermost element, without
			// white space before the >.
			if n := len(d.stack); n > 0 {
				top := d.stack[n-1]
				e := i + 2 + top.end - top.start
				if e < len(data) && data[e] == '>' && sameName(data[i+2:e], data[top.start:top.end]) {
					d.stack = d.stack[:n-1]
					d.cur = top
					d.pos = e + 1
					d.kind = EndElement
					d.depth = n
					return EndElement, nil
				}
			}
			return d.endTag()
		case '!', '?':
			if len(d.stack) == 0 {
				if err := d.outsideMarkup(); err != nil {
					return 0, err
				}
				continue
			}
			if d.readText() {
				return CharData, nil
			}
			if d.err != nil {
				return 0, d.err
			}
		default:
			// Fast path: <name> inside the root element, name without
			// colon or attributes.
			if n := len(d.stack); n > 0 && n < d.maxDepth() && nameTab[c1]&ncStart != 0 {
				j := scanNameChars(data, i+2)
				if j < len(data) && data[j] == '>' {
					d.cur = elem{i + 1, i + 1, j}
					d.stack = append(d.stack, d.cur)
					d.attrStart, d.attrEnd = j, j
					d.pos = j + 1
					d.kind = StartElement
					d.depth = n + 1
					return StartElement, nil
				}
			}
			return d.startTag()
		}
	}
}

// Words of eight equal bytes for the eight-bytes-at-a-time scanners.
const (
	ones    = 0x0101010101010101
	high    = 0x8080808080808080
	spaces8 = 0x2020202020202020
)

// scanPlain returns the offset of the first byte at or after i that is in
// textStop, or len(data).
//
// It tests eight bytes at a time: m has the high bit of a byte set for a
// control character (below 0x20), '<', '&', ']' or a byte >= 0x80. A
// subtraction can borrow only out of a byte that is itself flagged, so the
// lowest flagged byte is exact; '\t' and '\n' are flagged too and skipped.
func scanPlain(data []byte, i int) int {
	for i+8 <= len(data) {
		x := binary.LittleEndian.Uint64(data[i : i+8])
		ctl := x - 0x20*ones
		lt := (x ^ '<'*ones) - ones
		amp := (x ^ '&'*ones) - ones
		rb := (x ^ ']'*ones) - ones
		m := (ctl | lt | amp | rb | x) & high
		if m == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(m) >> 3
		if c := data[i]; c != '\n' && c != '\t' {
			return i
		}
		i++
	}
	for i < len(data) && textStop[data[i]] == 0 {
		i++
	}
	return i
}

// scanUTF8 goes on from a byte >= 0x80 where scanPlain stopped, over
// valid UTF-8 encoded characters, and returns where a byte of textStop that
// is not part of one is.
func scanUTF8(data []byte, i int) int {
	for i < len(data) && data[i] >= utf8.RuneSelf {
		n := charSize(data, i)
		if n == 0 {
			break
		}
		i = scanPlain(data, i+n)
	}
	return i
}

// sameName reports whether the equally long names a and b are equal.
func sameName(a, b []byte) bool {
	n := len(a)
	if n != len(b) {
		return false
	}
	if n >= 8 && n <= 16 {
		// Two overlapping 8-byte words cover the name.
		le := binary.LittleEndian
		return le.Uint64(a[:8]) == le.Uint64(b[:8]) && le.Uint64(a[n-8:]) == le.Uint64(b[n-8:])
	}
	return string(a) == string(b)
}

// scanNameChars returns the offset of the first byte at or after i that is
// not a name character (colons excluded), or len(data).
//
// It tests eight bytes at a time with per-byte range checks that cannot
// carry from one byte into the next: for a 7-bit byte v, v+(0x80-lo) has its
// high bit set iff v >= lo, and v+(0x7F-hi) has it clear iff v <= hi.
func scanNameChars(data []byte, i int) int {
	for i+8 <= len(data) {
		x := binary.LittleEndian.Uint64(data[i : i+8])
		y := x &^ high
		l := y | 0x20*ones // ASCII letters to lower case
		letter := (l + (0x80-'a')*ones) &^ (l + (0x7F-'z')*ones)
		digit := (y + (0x80-'0')*ones) &^ (y + (0x7F-'9')*ones)
		dashDot := (y + (0x80-'-')*ones) &^ (y + (0x7F-'.')*ones)
		underscore := ^((y ^ '_'*ones) + 0x7F*ones)
		m := (^(letter | digit | dashDot | underscore) | x) & high
		if m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(data) && nameTab[data[i]]&ncChar != 0 {
		i++
	}
	return i
}

func (d *Decoder) eof() (Kind, error) {
	if n := len(d.stack); n > 0 {
		top := d.stack[n-1]
		return d.fail(len(d.data), "unexpected EOF: element <"+string(d.data[top.start:top.end])+"> not closed")
	}
	if !d.rootSeen {
		return d.fail(len(d.data), "no root element")
	}
	d.err = io.EOF
	d.kind = 0
	return 0, io.EOF
}

func (d *Decoder) maxDepth() int {
	if d.MaxDepth > 0 {
		return d.MaxDepth
	}
	return DefaultMaxDepth
}

// scanName scans an XML name made of ASCII name characters starting at i.
// With qname set it allows one colon with a non-empty part on each side and
// returns the local part's start; otherwise colons are ordinary name
// characters and local == i. It returns end == i if there is no name.
func (d *Decoder) scanName(i int, qname bool) (local, end int, err error) {
	data := d.data
	local = i
	if i >= len(data) {
		return i, i, d.syntaxError(i, "unexpected EOF, expected a name")
	}
	if nameTab[data[i]]&ncStart == 0 && (qname || data[i] != ':') {
		return i, i, d.syntaxError(i, "invalid name character "+quoteByte(data[i]))
	}
	j := i + 1
	for {
		for j < len(data) && nameTab[data[j]]&ncChar != 0 {
			j++
		}
		if j < len(data) && data[j] == ':' {
			if !qname {
				j++
				continue
			}
			if local != i {
				return i, i, d.syntaxError(j, "name with more than one colon")
			}
			j++
			if j >= len(data) || nameTab[data[j]]&ncStart == 0 {
				return i, i, d.syntaxError(j, "invalid local name after colon")
			}
			local = j
			continue
		}
		return local, j, nil
	}
}

func (d *Decoder) startTag() (Kind, error) {
	data := d.data
	lt := d.pos
	local, end, err := d.scanName(lt+1, true)
	if err != nil {
		return 0, err
	}
	if len(d.stack) == 0 && d.rootSeen {
		return d.fail(lt, "element after the root element")
	}
	if len(d.stack) >= d.maxDepth() {
		d.err = &SyntaxError{Offset: int64(lt), Msg: "elements nested deeper than MaxDepth " + strconv.Itoa(d.maxDepth()), err: ErrMaxDepth}
		d.kind = 0
		return 0, d.err
	}
	i := end
	if i >= len(data) {
		return d.fail(i, "unexpected EOF in start tag")
	}
	d.attrStart, d.attrEnd = i, i
	selfClosing := false
	switch c := data[i]; {
	case c == '>':
		i++
	case c == '/':
		if i+1 >= len(data) {
			return d.fail(len(data), "unexpected EOF in start tag")
		}
		if data[i+1] != '>' {
			return d.fail(i+1, "expected > after / in start tag")
		}
		selfClosing = true
		i += 2
	case isSpace(c):
		if i, selfClosing, err = d.scanAttrs(i); err != nil {
			return 0, err
		}
	default:
		return d.fail(i, "invalid character "+quoteByte(c)+" in start tag")
	}
	d.rootSeen = true
	d.cur = elem{lt + 1, local, end}
	d.pos = i
	d.kind = StartElement
	d.depth = len(d.stack) + 1
	if selfClosing {
		d.pendingEnd = true
	} else {
		d.stack = append(d.stack, d.cur)
	}
	return StartElement, nil
}

// scanAttrs validates the attributes of a start tag from i (a white space
// byte after the name) and returns the offset after the tag.
func (d *Decoder) scanAttrs(i int) (next int, selfClosing bool, err error) {
	data := d.data
	for {
		sp := i
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i >= len(data) {
			return 0, false, d.syntaxError(i, "unexpected EOF in start tag")
		}
		switch data[i] {
		case '>':
			d.attrEnd = i
			return i + 1, false, nil
		case '/':
			if i+1 >= len(data) {
				return 0, false, d.syntaxError(len(data), "unexpected EOF in start tag")
			}
			if data[i+1] != '>' {
				return 0, false, d.syntaxError(i+1, "expected > after / in start tag")
			}
			d.attrEnd = i
			return i + 2, true, nil
		}
		if i == sp {
			return 0, false, d.syntaxError(i, "expected white space before attribute")
		}
		_, end, err := d.scanName(i, true)
		if err != nil {
			return 0, false, err
		}
		i = end
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i >= len(data) {
			return 0, false, d.syntaxError(i, "unexpected EOF in start tag")
		}
		if data[i] != '=' {
			return 0, false, d.syntaxError(i, "expected = after attribute name")
		}
		i++
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i >= len(data) {
			return 0, false, d.syntaxError(i, "unexpected EOF in start tag")
		}
		q := data[i]
		if q != '"' && q != '\'' {
			return 0, false, d.syntaxError(i, "attribute value not quoted")
		}
		vs := i + 1
		n := bytes.IndexByte(data[vs:], q)
		if n < 0 {
			return 0, false, d.syntaxError(len(data), "unexpected EOF in attribute value")
		}
		ve := vs + n
		for j := vs; j < ve; j++ {
			if attrStop[data[j]] != 0 {
				// Validate by decoding into the scratch buffer.
				if d.scratch, err = d.appendAttrValue(d.scratch[:0], vs, ve); err != nil {
					return 0, false, err
				}
				break
			}
		}
		i = ve + 1
	}
}

// appendAttrValue appends the decoded attribute value data[i:end] to dst.
func (d *Decoder) appendAttrValue(dst []byte, i, end int) ([]byte, error) {
	data := d.data[:end]
	for i < len(data) {
		s := i
		for i < len(data) && attrStop[data[i]] == 0 {
			i++
		}
		dst = append(dst, data[s:i]...)
		if i >= len(data) {
			break
		}
		switch c := data[i]; {
		case c == '&':
			r, next, err := d.entity(i)
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
			i = next
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < len(data) && data[i] == '\n' {
				i++
			}
		case c == '<':
			return dst, d.syntaxError(i, "< in attribute value")
		case c >= utf8.RuneSelf:
			n := charSize(data, i)
			if n == 0 {
				return dst, d.badChar(i)
			}
			dst = append(dst, data[i:i+n]...)
			i += n
		default:
			return dst, d.badChar(i)
		}
	}
	return dst, nil
}

func (d *Decoder) endTag() (Kind, error) {
	data := d.data
	lt := d.pos
	n := len(d.stack)
	if n == 0 {
		return d.fail(lt, "end tag outside the root element")
	}
	top := d.stack[n-1]
	name := data[top.start:top.end]
	i := lt + 2
	if !bytes.HasPrefix(data[i:], name) {
		if bytes.HasPrefix(name, data[i:]) {
			return d.fail(len(data), "unexpected EOF in end tag")
		}
		return d.mismatch(lt, name)
	}
	i += len(name)
	if i < len(data) && (nameTab[data[i]]&ncChar != 0 || data[i] == ':') {
		return d.mismatch(lt, name)
	}
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	if i >= len(data) {
		return d.fail(i, "unexpected EOF in end tag")
	}
	if data[i] != '>' {
		return d.fail(i, "invalid character "+quoteByte(data[i])+" in end tag")
	}
	d.stack = d.stack[:n-1]
	d.cur = top
	d.pos = i + 1
	d.kind = EndElement
	d.depth = n
	return EndElement, nil
}

func (d *Decoder) mismatch(lt int, open []byte) (Kind, error) {
	_, end, err := d.scanName(lt+2, true)
	if err != nil {
		return 0, err
	}
	return d.fail(lt, "element <"+string(open)+"> closed by </"+string(d.data[lt+2:end])+">")
}

// outsideText skips white space outside the root element.
func (d *Decoder) outsideText() error {
	data := d.data
	i := d.pos
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	if i < len(data) && data[i] != '<' {
		if d.rootSeen {
			return d.syntaxError(i, "text after the root element")
		}
		return d.syntaxError(i, "text before the root element")
	}
	d.pos = i
	return nil
}

// outsideMarkup skips a comment or processing instruction outside the root
// element and rejects other <! markup.
func (d *Decoder) outsideMarkup() error {
	data := d.data
	i := d.pos
	var next int
	var err error
	switch {
	case data[i+1] == '?':
		next, err = d.procInst(i)
	case bytes.HasPrefix(data[i:], commentOpen):
		next, err = d.comment(i)
	case bytes.HasPrefix(data[i:], doctypeOpen):
		err = d.syntaxError(i, "DTD (<!DOCTYPE) not supported")
	case bytes.HasPrefix(data[i:], cdataOpen):
		err = d.syntaxError(i, "CDATA section outside the root element")
	default:
		err = d.invalidMarkup(i)
	}
	if err != nil {
		return err
	}
	d.pos = next
	return nil
}

func (d *Decoder) invalidMarkup(i int) error {
	data := d.data
	// A prefix of a valid opening at the end of the input is a truncation.
	for _, p := range [][]byte{commentOpen, cdataOpen, doctypeOpen} {
		if len(data)-i < len(p) && bytes.HasPrefix(p, data[i:]) {
			return d.syntaxError(len(data), "unexpected EOF in markup")
		}
	}
	if bytes.HasPrefix(data[i:], doctypeOpen[:3]) {
		return d.syntaxError(i, "DTD (<!DOCTYPE) not supported")
	}
	return d.syntaxError(i, "invalid markup after <!")
}

// comment skips the comment at data[i:] ("<!--") and returns the offset
// after it.
func (d *Decoder) comment(i int) (int, error) {
	data := d.data
	n := bytes.Index(data[i+4:], dashDash)
	if n < 0 {
		return 0, d.syntaxError(len(data), "unexpected EOF in comment")
	}
	j := i + 4 + n
	if j+2 >= len(data) {
		return 0, d.syntaxError(len(data), "unexpected EOF in comment")
	}
	if data[j+2] != '>' {
		return 0, d.syntaxError(j, "-- in comment")
	}
	return j + 3, nil
}

// procInst skips the processing instruction at data[i:] ("<?") and returns
// the offset after it. Its target must not be "xml": the XML declaration is
// only allowed at the start of the input.
func (d *Decoder) procInst(i int) (int, error) {
	data := d.data
	_, end, err := d.scanName(i+2, false)
	if err != nil {
		return 0, err
	}
	if end-(i+2) == 3 && bytes.EqualFold(data[i+2:end], xmlName) {
		return 0, d.syntaxError(i, "XML declaration not at the start of the input")
	}
	if end >= len(data) {
		return 0, d.syntaxError(end, "unexpected EOF in processing instruction")
	}
	if data[end] != '?' && !isSpace(data[end]) {
		return 0, d.syntaxError(end, "invalid character "+quoteByte(data[end])+" after processing instruction target")
	}
	n := bytes.Index(data[end:], piClose)
	if n < 0 {
		return 0, d.syntaxError(len(data), "unexpected EOF in processing instruction")
	}
	if n > 0 && !isSpace(data[end]) {
		return 0, d.syntaxError(end, "invalid character "+quoteByte(data[end])+" after processing instruction target")
	}
	return end + n + 2, nil
}

// readText reads character data inside the root element starting at d.pos,
// running through comments, processing instructions and CDATA sections up to
// the next tag. It reports whether it produced a non-empty CharData token;
// on false, d.err tells an error from empty text.
func (d *Decoder) readText() bool {
	data := d.data
	i := d.pos
	d.tmode = 0
	d.text = nil
	for {
		s := i
	scan:
		for i < len(data) {
			c := data[i]
			if textStop[c] == 0 {
				i++
				continue
			}
			switch {
			case c >= utf8.RuneSelf:
				n := charSize(data, i)
				if n == 0 {
					d.badChar(i)
					return false
				}
				i += n
			case c == ']':
				if bytes.HasPrefix(data[i:], cdataClose) {
					d.syntaxError(i, "]]> in character data")
					return false
				}
				i++
			default:
				break scan
			}
		}
		if i >= len(data) {
			d.syntaxError(len(data), "unexpected EOF in character data")
			return false
		}
		d.addText(data[s:i])
		switch data[i] {
		case '<':
			if i+1 >= len(data) {
				d.syntaxError(len(data), "unexpected EOF after <")
				return false
			}
			var err error
			switch data[i+1] {
			case '!':
				switch {
				case bytes.HasPrefix(data[i:], commentOpen):
					i, err = d.comment(i)
				case bytes.HasPrefix(data[i:], cdataOpen):
					i, err = d.cdata(i)
				default:
					err = d.invalidMarkup(i)
				}
				if err != nil {
					return false
				}
				continue
			case '?':
				if i, err = d.procInst(i); err != nil {
					return false
				}
				continue
			}
			d.pos = i
			switch d.tmode {
			case 0:
				return false
			case 2:
				d.text = d.scratch
			}
			d.kind = CharData
			d.depth = len(d.stack)
			return true
		case '&':
			r, next, err := d.entity(i)
			if err != nil {
				return false
			}
			d.toScratch()
			d.scratch = utf8.AppendRune(d.scratch, r)
			i = next
		case '\r':
			d.toScratch()
			d.scratch = append(d.scratch, '\n')
			i++
			if i < len(data) && data[i] == '\n' {
				i++
			}
		default:
			d.badChar(i)
			return false
		}
	}
}

// cdata adds the content of the CDATA section at data[i:] to the text and
// returns the offset after it.
func (d *Decoder) cdata(i int) (int, error) {
	data := d.data
	s := i + len(cdataOpen)
	n := bytes.Index(data[s:], cdataClose)
	if n < 0 {
		return 0, d.syntaxError(len(data), "unexpected EOF in CDATA section")
	}
	end := s + n
	i = s
	for i < end {
		c := data[i]
		switch {
		case c >= 0x20 && c < utf8.RuneSelf || c == '\n' || c == '\t':
			i++
		case c == '\r':
			d.addText(data[s:i])
			d.toScratch()
			d.scratch = append(d.scratch, '\n')
			i++
			if i < end && data[i] == '\n' {
				i++
			}
			s = i
		case c >= utf8.RuneSelf:
			n := charSize(data[:end], i)
			if n == 0 {
				return 0, d.badChar(i)
			}
			i += n
		default:
			return 0, d.badChar(i)
		}
	}
	d.addText(data[s:end])
	return end + len(cdataClose), nil
}

// addText appends a segment of the current text, keeping a single segment as
// a slice of the input.
func (d *Decoder) addText(seg []byte) {
	if len(seg) == 0 {
		return
	}
	switch d.tmode {
	case 0:
		d.text = seg
		d.tmode = 1
	case 1:
		d.scratch = append(append(d.scratch[:0], d.text...), seg...)
		d.tmode = 2
	default:
		d.scratch = append(d.scratch, seg...)
	}
}

// toScratch moves the current text into the scratch buffer.
func (d *Decoder) toScratch() {
	switch d.tmode {
	case 0:
		d.scratch = d.scratch[:0]
	case 1:
		d.scratch = append(d.scratch[:0], d.text...)
	}
	d.tmode = 2
}

// entity decodes the entity or character reference at data[i] == '&'.
func (d *Decoder) entity(i int) (r rune, next int, err error) {
	data := d.data
	j := i + 1
	if j < len(data) && data[j] == '#' {
		j++
		base := rune(10)
		if j < len(data) && data[j] == 'x' {
			base = 16
			j++
		}
		ds := j
		for ; j < len(data); j++ {
			c := data[j]
			var v rune
			switch {
			case '0' <= c && c <= '9':
				v = rune(c - '0')
			case base == 16 && 'a' <= c && c <= 'f':
				v = rune(c-'a') + 10
			case base == 16 && 'A' <= c && c <= 'F':
				v = rune(c-'A') + 10
			default:
				v = -1
			}
			if v < 0 {
				break
			}
			if r <= utf8.MaxRune {
				r = r*base + v
			}
		}
		if j >= len(data) {
			return 0, 0, d.syntaxError(len(data), "unexpected EOF in character reference")
		}
		if j == ds || data[j] != ';' {
			return 0, 0, d.syntaxError(i, "invalid character reference")
		}
		if !isChar(r) {
			return 0, 0, d.syntaxError(i, "character reference to invalid character "+string(data[i:j+1]))
		}
		return r, j + 1, nil
	}
	for j < len(data) && j-i <= 5 && data[j] != ';' && nameTab[data[j]]&ncChar != 0 {
		j++
	}
	if j >= len(data) {
		return 0, 0, d.syntaxError(len(data), "unexpected EOF in entity reference")
	}
	if data[j] == ';' {
		switch string(data[i+1 : j]) {
		case "amp":
			return '&', j + 1, nil
		case "lt":
			return '<', j + 1, nil
		case "gt":
			return '>', j + 1, nil
		case "quot":
			return '"', j + 1, nil
		case "apos":
			return '\'', j + 1, nil
		}
	}
	return 0, 0, d.syntaxError(i, "invalid or undefined entity reference")
}

func (d *Decoder) badChar(i int) error {
	if d.data[i] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRune(d.data[i:]); r != utf8.RuneError {
			return d.syntaxError(i, "illegal character "+strconv.QuoteRune(r))
		}
		return d.syntaxError(i, "invalid UTF-8")
	}
	return d.syntaxError(i, "illegal character "+quoteByte(d.data[i]))
}

// charSize returns the length of the valid UTF-8 encoding of an XML
// character at data[i] (a byte >= 0x80), or 0.
func charSize(data []byte, i int) int {
	r, n := utf8.DecodeRune(data[i:])
	if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
		return 0
	}
	return n
}

// isChar reports whether r is in the XML 1.0 Char production.
func isChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return strconv.QuoteRune(rune(c))
	}
	return "0x" + strconv.FormatUint(uint64(c), 16)
}

var (
	bom         = []byte("\xEF\xBB\xBF")
	commentOpen = []byte("<!--")
	cdataOpen   = []byte("<![CDATA[")
	cdataClose  = []byte("]]>")
	doctypeOpen = []byte("<!DOCTYPE")
	dashDash    = []byte("--")
	piClose     = []byte("?>")
	xmlName     = []byte("xml")
	declOpen    = []byte("<?xml")
	utf8Name    = []byte("utf-8")
	declNames   = [...]string{"version", "encoding", "standalone"}
)

// Character classes.
const (
	ncStart = 1 << iota // may start a name (ASCII letter or _)
	ncChar              // may continue a name without a colon
)

// prolog consumes a leading byte order mark and the XML declaration.
func (d *Decoder) prolog() {
	data := d.data
	i := 0
	if bytes.HasPrefix(data, bom) {
		i = len(bom)
	}
	d.pos = i
	if !bytes.HasPrefix(data[i:], declOpen) {
		return
	}
	j := i + 5
	if j < len(data) && !isSpace(data[j]) && data[j] != '?' {
		return // a processing instruction such as <?xml-stylesheet?>
	}
	if next, err := d.xmlDecl(j); err == nil {
		d.pos = next
	}
}

// xmlDecl parses the pseudo-attributes of the XML declaration from i (after
// "<?xml"): version="1.0", then optionally encoding (UTF-8 only) and
// standalone ("yes" or "no"), each quoted with " or '.
func (d *Decoder) xmlDecl(i int) (int, error) {
	data := d.data
	k := 0 // index of the next allowed pseudo-attribute
	for {
		sp := i
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if bytes.HasPrefix(data[i:], piClose) {
			if k == 0 {
				return 0, d.syntaxError(i, "XML declaration without version")
			}
			return i + 2, nil
		}
		if i >= len(data) || (i+1 >= len(data) && data[i] == '?') {
			return 0, d.syntaxError(len(data), "unexpected EOF in XML declaration")
		}
		if i == sp {
			return 0, d.syntaxError(i, "expected white space in XML declaration")
		}
		_, end, err := d.scanName(i, false)
		if err != nil {
			return 0, err
		}
		name := data[i:end]
		idx := -1
		for n, s := range declNames {
			if string(name) == s {
				idx = n
			}
		}
		if idx < k || (k == 0) != (idx == 0) {
			return 0, d.syntaxError(i, "unexpected "+strconv.Quote(string(name))+" in XML declaration")
		}
		k = idx + 1
		i = end
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i >= len(data) {
			return 0, d.syntaxError(i, "unexpected EOF in XML declaration")
		}
		if data[i] != '=' {
			return 0, d.syntaxError(i, "expected = in XML declaration")
		}
		i++
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i >= len(data) {
			return 0, d.syntaxError(i, "unexpected EOF in XML declaration")
		}
		q := data[i]
		if q != '"' && q != '\'' {
			return 0, d.syntaxError(i, "XML declaration value not quoted")
		}
		n := bytes.IndexByte(data[i+1:], q)
		if n < 0 {
			return 0, d.syntaxError(len(data), "unexpected EOF in XML declaration")
		}
		v := data[i+1 : i+1+n]
		var ok bool
		switch idx {
		case 0:
			ok = string(v) == "1.0"
		case 1:
			ok = bytes.EqualFold(v, utf8Name)
		case 2:
			ok = string(v) == "yes" || string(v) == "no"
		}
		if !ok {
			return 0, d.syntaxError(i+1, "unsupported "+declNames[idx]+" "+strconv.Quote(string(v))+" in XML declaration")
		}
		i += n + 2
	}
}

// errNotStart is returned by ReadText and Skip when the current token is not
// a StartElement.
var errNotStart = errors.New("ec2xml: ReadText or Skip called when the current token is not a start element")
