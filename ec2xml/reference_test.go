package ec2xml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// A token is one decoded token, in a form both decoders can produce and
// go-cmp can compare.
type token struct {
	Kind  Kind
	Name  string      `json:",omitempty"` // qualified name as written
	Attrs [][2]string `json:",omitempty"` // qualified name, decoded value
	Text  string      `json:",omitempty"`
}

func (t token) String() string {
	switch t.Kind {
	case StartElement:
		s := "<" + t.Name
		for _, a := range t.Attrs {
			s += " " + a[0] + "=" + strconv.Quote(a[1])
		}
		return s + ">"
	case EndElement:
		return "</" + t.Name + ">"
	}
	return strconv.Quote(t.Text)
}

// fastTokens decodes data with Decoder.
func fastTokens(data []byte, maxDepth int) ([]token, error) {
	d := NewDecoder(data)
	d.MaxDepth = maxDepth
	var out []token
	for {
		k, err := d.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		t := token{Kind: k}
		switch k {
		case StartElement, EndElement:
			t.Name = string(d.Name())
			if p := d.Prefix(); p != nil {
				t.Name = string(p) + ":" + t.Name
			}
			if k == StartElement {
				for i := d.attrStart; ; {
					a, next, ok := d.nextAttr(i)
					if !ok {
						break
					}
					i = next
					t.Attrs = append(t.Attrs, [2]string{string(d.data[a.start:a.end]), string(d.attrValue(a))})
				}
			}
		case CharData:
			t.Text = string(d.Text())
			if t.Text == "" {
				return out, fmt.Errorf("empty CharData token at offset %d", d.Offset())
			}
		}
		out = append(out, t)
	}
}

// The reference decoder is encoding/xml's RawToken, made as strict as
// Decoder by checks on the tokens and on the raw bytes of each token.
var (
	refQName    = `[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?`
	refStartTag = regexp.MustCompile(`^<` + refQName + `(?:[ \t\r\n]+` + refQName + `[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*'))*[ \t\r\n]*/?>$`)
	refQNameRE  = regexp.MustCompile(`^` + refQName + `$`)
	refPI       = regexp.MustCompile(`^<\?[A-Za-z_:][A-Za-z0-9_:.-]*(?:\?>|[ \t\r\n][\s\S]*\?>)$`)
	refDecl     = regexp.MustCompile(`^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')` +
		`(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"(?i:utf-8)"|'(?i:utf-8)'))?` +
		`(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>$`)
	refCharRef = regexp.MustCompile(`&#(x[0-9a-fA-F]+|[0-9]+);`)
)

func refQNameOf(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// refCheckCharRefs rejects character references to non-characters that
// encoding/xml lets through (it turns surrogates into U+FFFD).
func refCheckCharRefs(raw []byte) error {
	for _, m := range refCharRef.FindAllSubmatch(raw, -1) {
		s, base := string(m[1]), 10
		if s[0] == 'x' {
			s, base = s[1:], 16
		}
		n, err := strconv.ParseUint(s, base, 32)
		// XML 1.0 Char, written out again rather than sharing Decoder's isChar.
		ok := n == 0x9 || n == 0xA || n == 0xD || 0x20 <= n && n <= 0xD7FF ||
			0xE000 <= n && n <= 0xFFFD || 0x10000 <= n && n <= 0x10FFFF
		if err != nil || !ok {
			return fmt.Errorf("ref: invalid character reference %s", m[0])
		}
	}
	return nil
}

// refTokens decodes data with encoding/xml under Decoder's rules.
func refTokens(data []byte, maxDepth int) ([]token, error) {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		out      []token
		stack    []string
		text     []byte
		rootSeen bool
		prev     int64
	)
	flush := func() {
		if len(text) > 0 {
			out = append(out, token{Kind: CharData, Text: string(text)})
			text = text[:0]
		}
	}
	for {
		t, err := dec.RawToken()
		start := prev
		prev = dec.InputOffset()
		raw := data[start:prev]
		if err == io.EOF {
			if len(stack) > 0 {
				return out, errors.New("ref: unexpected EOF")
			}
			if !rootSeen {
				return out, errors.New("ref: no root element")
			}
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if len(stack) == 0 && rootSeen {
				return out, errors.New("ref: second root element")
			}
			if len(stack) >= maxDepth {
				return out, errors.New("ref: too deep")
			}
			if !refStartTag.Match(raw) {
				return out, fmt.Errorf("ref: start tag %q", raw)
			}
			if err := refCheckCharRefs(raw); err != nil {
				return out, err
			}
			name := refQNameOf(t.Name)
			if !refQNameRE.MatchString(name) {
				return out, fmt.Errorf("ref: element name %q", name)
			}
			tok := token{Kind: StartElement, Name: name}
			for _, a := range t.Attr {
				an := refQNameOf(a.Name)
				if !refQNameRE.MatchString(an) {
					return out, fmt.Errorf("ref: attribute name %q", an)
				}
				tok.Attrs = append(tok.Attrs, [2]string{an, a.Value})
			}
			flush()
			out = append(out, tok)
			stack = append(stack, name)
			rootSeen = true
		case xml.EndElement:
			name := refQNameOf(t.Name)
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return out, fmt.Errorf("ref: unexpected end tag %q", name)
			}
			flush()
			out = append(out, token{Kind: EndElement, Name: name})
			stack = stack[:len(stack)-1]
		case xml.CharData:
			cdata := bytes.HasPrefix(raw, []byte("<![CDATA["))
			if len(stack) == 0 {
				if cdata || len(bytes.Trim(raw, " \t\r\n")) > 0 {
					return out, errors.New("ref: text outside the root element")
				}
				continue
			}
			if !cdata {
				if err := refCheckCharRefs(raw); err != nil {
					return out, err
				}
			}
			text = append(text, t...)
		case xml.Comment:
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml") {
				if start != 0 || !refDecl.Match(raw) {
					return out, fmt.Errorf("ref: XML declaration %q", raw)
				}
				continue
			}
			if !refPI.Match(raw) {
				return out, fmt.Errorf("ref: processing instruction %q", raw)
			}
		case xml.Directive:
			return out, errors.New("ref: directive")
		}
	}
}

// compareDecoders returns a description of a disagreement between the two
// decoders on data, or "".
func compareDecoders(data []byte, maxDepth int) string {
	want, wantErr := refTokens(data, maxDepth)
	got, gotErr := fastTokens(data, maxDepth)
	switch {
	case wantErr != nil && gotErr != nil:
		return ""
	case wantErr != nil:
		return fmt.Sprintf("reference error %v, Decoder none; tokens %v", wantErr, got)
	case gotErr != nil:
		return fmt.Sprintf("Decoder error %v, reference none; tokens %v", gotErr, want)
	}
	if !tokensEqual(want, got) {
		return fmt.Sprintf("tokens differ:\nreference %v\nDecoder   %v", want, got)
	}
	return ""
}

func tokensEqual(a, b []token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Kind != y.Kind || x.Name != y.Name || x.Text != y.Text || len(x.Attrs) != len(y.Attrs) {
			return false
		}
		for j := range x.Attrs {
			if x.Attrs[j] != y.Attrs[j] {
				return false
			}
		}
	}
	return true
}
