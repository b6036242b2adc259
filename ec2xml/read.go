package ec2xml

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// ReadText reads the content of the element whose StartElement is the
// current token, through its EndElement, and returns its decoded character
// data. Character data inside child elements is not included (the children
// are skipped). After ReadText the current token is that EndElement. The
// result is a slice of the input when the text needed no decoding, and is
// valid until the next call of a Decoder method.
func (d *Decoder) ReadText() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.kind != StartElement {
		return nil, errNotStart
	}
	if d.pendingEnd {
		d.Next()
		return nil, nil
	}
	// Fast path: <a>text needing no decoding</a>.
	data := d.data
	i := d.pos
	j := scanPlain(data, i)
	if j < len(data) && data[j] >= utf8.RuneSelf {
		j = scanUTF8(data, j)
	}
	if j+1 < len(data) && data[j] == '<' && data[j+1] == '/' {
		n := len(d.stack)
		top := d.stack[n-1]
		e := j + 2 + top.end - top.start
		if e < len(data) && data[e] == '>' && sameName(data[j+2:e], data[top.start:top.end]) {
			d.stack = d.stack[:n-1]
			d.kind = EndElement
			d.pos = e + 1
			return data[i:j], nil
		}
	}
	target := len(d.stack) - 1
	var first []byte
	mode := 0 // 0 no text, 1 text is first, 2 text is in rbuf
	for {
		k, err := d.Next()
		if err != nil {
			return nil, err
		}
		switch k {
		case CharData:
			switch mode {
			case 0:
				first = d.text
				mode = 1
			case 1:
				d.rbuf = append(append(d.rbuf[:0], first...), d.text...)
				mode = 2
			default:
				d.rbuf = append(d.rbuf, d.text...)
			}
		case StartElement:
			if mode == 1 {
				d.rbuf = append(d.rbuf[:0], first...)
				mode = 2
			}
			if err := d.Skip(); err != nil {
				return nil, err
			}
		case EndElement:
			if len(d.stack) == target {
				switch mode {
				case 0:
					return nil, nil
				case 1:
					return first, nil
				}
				return d.rbuf, nil
			}
		}
	}
}

// Skip consumes the element whose StartElement is the current token, through
// its matching EndElement, which becomes the current token. Its content is
// checked like any other.
func (d *Decoder) Skip() error {
	if d.err != nil {
		return d.err
	}
	if d.kind != StartElement {
		return errNotStart
	}
	if d.pendingEnd {
		_, err := d.Next()
		return err
	}
	target := len(d.stack) - 1
	for {
		k, err := d.Next()
		if err != nil {
			return err
		}
		if k == EndElement && len(d.stack) == target {
			return nil
		}
	}
}

// Attr returns the decoded value of the current StartElement's attribute
// called name, and whether it is present. A name without a colon is matched
// against attributes' local names (so "lang" finds xml:lang); a name with a
// colon is matched against the qualified name as written. The result is
// valid until the next call of a Decoder method.
func (d *Decoder) Attr(name string) ([]byte, bool) {
	if d.kind != StartElement {
		return nil, false
	}
	qualified := strings.IndexByte(name, ':') >= 0
	for i := d.attrStart; ; {
		a, next, ok := d.nextAttr(i)
		if !ok {
			return nil, false
		}
		i = next
		n := d.data[a.local:a.end]
		if qualified {
			n = d.data[a.start:a.end]
		}
		if string(n) == name {
			return d.attrValue(a), true
		}
	}
}

// attr locates an attribute of the current start tag in the input.
type attr struct{ start, local, end, vs, ve int }

// nextAttr parses the attribute after offset i in the current start tag,
// which scanAttrs has already validated.
func (d *Decoder) nextAttr(i int) (a attr, next int, ok bool) {
	data := d.data[:d.attrEnd]
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	if i >= len(data) {
		return a, i, false
	}
	a.start, a.local = i, i
	for i < len(data) && data[i] != '=' && !isSpace(data[i]) {
		if data[i] == ':' {
			a.local = i + 1
		}
		i++
	}
	a.end = i
	for i < len(data) && data[i] != '"' && data[i] != '\'' {
		i++
	}
	if i >= len(data) {
		return a, i, false
	}
	a.vs = i + 1
	n := bytes.IndexByte(data[a.vs:], data[i])
	if n < 0 {
		return a, i, false
	}
	a.ve = a.vs + n
	return a, a.ve + 1, true
}

// attrValue returns the decoded value of a.
func (d *Decoder) attrValue(a attr) []byte {
	v := d.data[a.vs:a.ve]
	for _, c := range v {
		if attrStop[c] != 0 {
			d.scratch, _ = d.appendAttrValue(d.scratch[:0], a.vs, a.ve)
			return d.scratch
		}
	}
	return v
}
