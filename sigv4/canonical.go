package sigv4

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"errors"
	"hash"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"
)

// scratch holds the reusable buffers of one signing operation.
type scratch struct {
	buf   []byte // canonical request
	sts   []byte // string to sign
	out   []byte // X-Amz-Date + Authorization value, or the presigned query
	auth  []byte // presign: authentication query parameters
	sh    []byte // presign: signed headers
	scope []byte // presign: credential scope
	strip []byte // presign: user query without authentication parameters
	date  []byte // X-Amz-Date value
	unix  int64  // the Unix time date holds, when len(date) > 0
	lines []byte // canonical header lines "name:value", unsorted
	qbuf  []byte // re-encoded query keys and values
	hdrs  []header
	pairs []pair
	segs  []int    // path normalisation: start offsets of output segments
	drop  []string // Sign: non-canonical header keys Sign replaces

	h    hash.Hash
	hu   encoding.BinaryUnmarshaler
	sum  [sha256.Size]byte
	sum2 [sha256.Size]byte
}

// header is one canonical header line, lines[start:end], whose name is
// lines[start:colon]. It holds no pointers, so that filling and sorting
// c.hdrs costs no GC write barriers.
type header struct {
	start, colon, end int32
	dup               bool // same name as the previous header, after sorting
}

// pair is one query parameter: qbuf[k:kEnd] is its encoded key,
// qbuf[kEnd:vEnd] its encoded value.
type pair struct{ k, kEnd, vEnd int }

var scratchPool = sync.Pool{New: func() any {
	h := sha256.New()
	return &scratch{
		buf:   make([]byte, 0, 512),
		sts:   make([]byte, 0, 160),
		out:   make([]byte, 0, 256),
		date:  make([]byte, 0, amzDateLen),
		hdrs:  make([]header, 0, 16),
		lines: make([]byte, 0, 256),
		h:     h,
		hu:    h.(encoding.BinaryUnmarshaler),
	}
}}

// setDate sets c.date to t as yyyymmddThhmmssZ, reusing the last value when
// t is in the same second.
func (c *scratch) setDate(t time.Time) {
	if u := t.Unix(); len(c.date) != amzDateLen || u != c.unix {
		c.date = appendAmzDate(c.date[:0], t)
		c.unix = u
	}
}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(c *scratch) {
	const maxKeep = 64 << 10
	if cap(c.buf) > maxKeep || cap(c.qbuf) > maxKeep || cap(c.out) > maxKeep || cap(c.lines) > maxKeep {
		return // let an unusually large request's buffers go
	}
	clear(c.drop)
	c.drop = c.drop[:0]
	scratchPool.Put(c)
}

const (
	modeHeader = iota
	modePresign
)

const (
	hostName  = "host"
	dateName  = "x-amz-date"
	tokenName = "x-amz-security-token"
)

// collectHeaders writes the canonical lines of the headers of h that are
// signed. In modeHeader, x-amz-date, authorization and (when replaceToken)
// x-amz-security-token are left out because Sign writes them; keys of those
// that are not in canonical form are remembered in c.drop so that Sign can
// delete them.
//
// A header name that is not an HTTP token (which net/http would refuse to
// send) is an error.
func (c *scratch) collectHeaders(h http.Header, mode int, replaceToken bool) error {
	c.hdrs = c.hdrs[:0]
	c.lines = c.lines[:0]
	for k, vs := range h {
		if len(vs) == 0 {
			continue // not sent
		}
		if k == "" {
			return errors.New("sigv4: empty header field name")
		}
		start := len(c.lines)
		c.lines = append(c.lines, k...)
		name := c.lines[start:]
		for i, ch := range name {
			switch t := tokenTab[ch]; {
			case t == 0:
				return errors.New("sigv4: invalid header field name " + strconv.Quote(k))
			case t == 2:
				name[i] = ch + 'a' - 'A'
			}
		}
		switch string(name) {
		case "authorization":
			if mode == modeHeader && k != "Authorization" {
				c.drop = append(c.drop, k)
			}
			c.lines = c.lines[:start]
			continue
		case "x-amz-date":
			if mode == modeHeader {
				if k != "X-Amz-Date" {
					c.drop = append(c.drop, k)
				}
				c.lines = c.lines[:start]
				continue
			}
		case "x-amz-security-token":
			if mode == modeHeader && replaceToken {
				if k != "X-Amz-Security-Token" {
					c.drop = append(c.drop, k)
				}
				c.lines = c.lines[:start]
				continue
			}
		case "host", // signed from req.Host or req.URL
			"user-agent", "x-amzn-trace-id", "expect",
			"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
			"te", "trailer", "transfer-encoding", "upgrade":
			c.lines = c.lines[:start]
			continue
		}
		colon := len(c.lines)
		c.lines = append(c.lines, ':')
		for i, v := range vs {
			if i > 0 {
				c.lines = append(c.lines, ',')
			}
			c.lines = appendTrimmed(c.lines, v)
		}
		c.hdrs = append(c.hdrs, header{start: int32(start), colon: int32(colon), end: int32(len(c.lines))})
	}
	return nil
}

// tokenTab[ch] is 1 for the bytes of an HTTP token (RFC 9110), 2 for the
// upper-case letters among them, 0 otherwise.
var tokenTab = func() (t [256]uint8) {
	for ch := '0'; ch <= '9'; ch++ {
		t[ch] = 1
	}
	for ch := 'a'; ch <= 'z'; ch++ {
		t[ch] = 1
		t[ch-'a'+'A'] = 2
	}
	for _, ch := range []byte("!#$%&'*+-.^_`|~") {
		t[ch] = 1
	}
	return t
}()

// addHeader adds the canonical line of a header the signer signs that is
// not (or not yet) in the header map.
func addHeader[T string | []byte](c *scratch, name string, value T) {
	start := len(c.lines)
	c.lines = append(c.lines, name...)
	colon := len(c.lines)
	c.lines = append(c.lines, ':')
	c.lines = appendTrimmed(c.lines, value)
	c.hdrs = append(c.hdrs, header{start: int32(start), colon: int32(colon), end: int32(len(c.lines))})
}

// addDateHeader adds x-amz-date with the value in c.date.
func (c *scratch) addDateHeader() {
	start := len(c.lines)
	c.lines = append(c.lines, dateName+":"...)
	c.lines = append(c.lines, c.date...)
	c.hdrs = append(c.hdrs, header{start: int32(start), colon: int32(start + len(dateName)), end: int32(len(c.lines))})
}

func (c *scratch) name(h header) []byte { return c.lines[h.start:h.colon] }

// headerCmp orders by name, then (for map keys that lower-case alike) by
// value, so that the result does not depend on map order.
func (c *scratch) headerCmp(a, b header) int {
	l := c.lines
	// Names are distinct in their first byte more often than not.
	if x, y := l[a.start], l[b.start]; x != y && x != ':' && y != ':' {
		if x < y {
			return -1
		}
		return 1
	}
	if n := bytes.Compare(l[a.start:a.colon], l[b.start:b.colon]); n != 0 {
		return n
	}
	return bytes.Compare(l[a.colon:a.end], l[b.colon:b.end])
}

// sortHeaders sorts c.hdrs by name and marks the repeated names.
func (c *scratch) sortHeaders() {
	hs := c.hdrs
	if len(hs) > 12 {
		slices.SortFunc(hs, c.headerCmp)
	} else {
		for i := 1; i < len(hs); i++ {
			for j := i; j > 0 && c.headerCmp(hs[j], hs[j-1]) < 0; j-- {
				hs[j], hs[j-1] = hs[j-1], hs[j]
			}
		}
	}
	for i := 1; i < len(hs); i++ {
		hs[i].dup = bytes.Equal(c.name(hs[i]), c.name(hs[i-1]))
	}
}

// appendHeaders appends the canonical headers, each line ending in '\n';
// values of headers of the same name are joined with ','.
func (c *scratch) appendHeaders(b []byte) []byte {
	for _, h := range c.hdrs {
		if h.dup {
			b[len(b)-1] = ','
			b = append(b, c.lines[h.colon+1:h.end]...)
		} else {
			b = append(b, c.lines[h.start:h.end]...)
		}
		b = append(b, '\n')
	}
	return b
}

// appendSignedHeaders appends the ';'-separated signed header names.
func (c *scratch) appendSignedHeaders(b []byte) []byte {
	for i, h := range c.hdrs {
		if h.dup {
			continue
		}
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, c.lines[h.start:h.colon]...)
	}
	return b
}

// dropVariants deletes the non-canonical keys collectHeaders found for the
// headers Sign writes.
func (c *scratch) dropVariants(h http.Header) {
	for _, k := range c.drop {
		delete(h, k)
	}
}

// isSpace reports whether ch is white space to trim and collapse in a header
// value: ASCII space, \t, \n, \v, \f, \r, and \x1c-\x1f, as Python's
// str.split (used by botocore) has it.
func isSpace(ch byte) bool { return spaceTab[ch] }

var spaceTab = func() (t [256]bool) {
	for _, ch := range []byte(" \t\n\v\f\r\x1c\x1d\x1e\x1f") {
		t[ch] = true
	}
	return t
}()

// appendTrimmed appends v without leading and trailing white space and with
// every inner run of white space replaced by one space.
func appendTrimmed[T string | []byte](b []byte, v T) []byte {
	start := len(b)
	b = append(b, v...)
	if !needsTrim(b[start:]) {
		return b
	}
	b = b[:start]
	space := false
	wrote := false
	for i := 0; i < len(v); i++ {
		ch := v[i]
		if isSpace(ch) {
			space = true
			continue
		}
		if space && wrote {
			b = append(b, ' ')
		}
		space = false
		wrote = true
		b = append(b, ch)
	}
	return b
}

// needsTrim reports whether p has leading or trailing white space, a run of
// two or more white space bytes, or white space other than ' '. It looks at
// eight bytes at a time for one below '!', the only bytes that can be white
// space.
func needsTrim(p []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(p); i += 8 {
		x := binary.LittleEndian.Uint64(p[i:])
		if (x-ones*'!')&^x&highs == 0 {
			continue // no byte below '!'
		}
		for j := i; j < i+8; j++ {
			if spaceAt(p, j) {
				return true
			}
		}
	}
	for ; i < len(p); i++ {
		if spaceAt(p, i) {
			return true
		}
	}
	return false
}

// spaceAt reports whether p[i] is white space that trimming would change.
func spaceAt(p []byte, i int) bool {
	ch := p[i]
	if !isSpace(ch) {
		return false
	}
	return ch != ' ' || i == 0 || i == len(p)-1 || p[i+1] == ' '
}

// requestHost returns the host to sign, without the scheme's default port,
// and whether a default port was removed.
func requestHost(req *http.Request) (host string, removed bool) {
	host = req.Host
	if host == "" {
		host = req.URL.Host
	}
	colon := -1
	for i := len(host) - 1; i >= 0; i-- {
		if host[i] == ':' {
			colon = i
			break
		}
		if host[i] == ']' || host[i] < '0' || host[i] > '9' {
			break
		}
	}
	if colon < 0 {
		return host, false
	}
	port := host[colon+1:]
	if port == "443" && equalFold(req.URL.Scheme, "https") || port == "80" && equalFold(req.URL.Scheme, "http") {
		return host[:colon], true
	}
	return host, false
}

func equalFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		if ch != lower[i] {
			return false
		}
	}
	return true
}

// uriPath returns the path of u as it is sent on the wire: from Opaque when
// set (as "/path" or "//host/path"), otherwise u.EscapedPath().
func uriPath(u *url.URL) string {
	if u.Opaque == "" {
		return u.EscapedPath()
	}
	p := u.Opaque
	if len(p) >= 2 && p[0] == '/' && p[1] == '/' {
		p = p[2:]
		for i := 0; i < len(p); i++ {
			if p[i] == '/' {
				return p[i:]
			}
		}
		return ""
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '/' {
			return p[i:]
		}
	}
	return ""
}

// appendPath appends the canonical URI of u.
func (s *Signer) appendPath(b []byte, c *scratch, u *url.URL) []byte {
	return appendCanonicalPath(b, c, uriPath(u), !s.DisablePathNormalization)
}

// appendCanonicalPath appends the canonical form of the wire path p: with
// normalize, empty and "." segments are dropped and ".." removes the segment
// before it (as botocore's remove_dot_segments does); then every byte but
// '/' and A-Za-z0-9-._~ is percent-encoded. The result starts with '/'.
func appendCanonicalPath(b []byte, c *scratch, p string, normalize bool) []byte {
	if p == "" {
		return append(b, '/')
	}
	if !normalize {
		if p[0] != '/' {
			b = append(b, '/')
		}
		return appendEncoded(b, p, true)
	}
	segs := c.segs[:0]
	for rest := p; ; {
		seg, after, more := cutSegment(rest)
		switch seg {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				b = b[:segs[len(segs)-1]]
				segs = segs[:len(segs)-1]
			}
		default:
			segs = append(segs, len(b))
			b = append(b, '/')
			b = appendEncoded(b, seg, false)
		}
		if !more {
			break
		}
		rest = after
	}
	c.segs = segs
	if len(segs) == 0 || p[len(p)-1] == '/' {
		b = append(b, '/')
	}
	return b
}

func cutSegment(s string) (seg, rest string, more bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

const upperhex = "0123456789ABCDEF"

// unreserved[c] is true for A-Za-z0-9-._~.
var unreserved = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
		t[c+'a'-'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['.'], t['_'], t['~'] = true, true, true, true
	return t
}()

// appendEncoded appends s with every byte except A-Za-z0-9-._~ (and '/' when
// keepSlash) percent-encoded with upper-case hex.
func appendEncoded[T string | []byte](b []byte, s T, keepSlash bool) []byte {
	for i := 0; i < len(s); i++ {
		b = appendEncodedByte(b, s[i], keepSlash)
	}
	return b
}

func appendEncodedByte(b []byte, ch byte, keepSlash bool) []byte {
	if unreserved[ch] || ch == '/' && keepSlash {
		return append(b, ch)
	}
	return append(b, '%', upperhex[ch>>4], upperhex[ch&15])
}

func unhex(ch byte) (byte, bool) {
	switch {
	case '0' <= ch && ch <= '9':
		return ch - '0', true
	case 'a' <= ch && ch <= 'f':
		return ch - 'a' + 10, true
	case 'A' <= ch && ch <= 'F':
		return ch - 'A' + 10, true
	}
	return 0, false
}

// appendReencoded appends s decoded ("%XX" escapes, '+' as space; a '%' not
// followed by two hex digits stays a literal '%') and encoded again.
func appendReencoded[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch ch {
		case '%':
			if i+2 < len(s) {
				hi, ok1 := unhex(s[i+1])
				lo, ok2 := unhex(s[i+2])
				if ok1 && ok2 {
					ch = hi<<4 | lo
					i += 2
				}
			}
		case '+':
			ch = ' '
		}
		b = appendEncodedByte(b, ch, false)
	}
	return b
}

// addPairs splits a raw query on '&' and adds its non-empty parameters.
func addPairs[T string | []byte](c *scratch, raw T) {
	for len(raw) > 0 {
		end := len(raw)
		eq := -1
		for i := 0; i < len(raw); i++ {
			if raw[i] == '&' {
				end = i
				break
			}
			if raw[i] == '=' && eq < 0 {
				eq = i
			}
		}
		part := raw[:end]
		if end < len(raw) {
			raw = raw[end+1:]
		} else {
			raw = raw[len(raw):]
		}
		if len(part) == 0 {
			continue
		}
		k := len(c.qbuf)
		if eq < 0 {
			c.qbuf = appendReencoded(c.qbuf, part)
			c.pairs = append(c.pairs, pair{k, len(c.qbuf), len(c.qbuf)})
			continue
		}
		c.qbuf = appendReencoded(c.qbuf, part[:eq])
		kEnd := len(c.qbuf)
		c.qbuf = appendReencoded(c.qbuf, part[eq+1:])
		c.pairs = append(c.pairs, pair{k, kEnd, len(c.qbuf)})
	}
}

func (c *scratch) pairLess(a, b pair) int {
	q := c.qbuf
	if n := bytes.Compare(q[a.k:a.kEnd], q[b.k:b.kEnd]); n != 0 {
		return n
	}
	return bytes.Compare(q[a.kEnd:a.vEnd], q[b.kEnd:b.vEnd])
}

// appendQuery appends the canonical query string of the raw query raw plus
// the already encoded parameters extra.
func (c *scratch) appendQuery(b []byte, raw string, extra []byte) []byte {
	if raw == "" && len(extra) == 0 {
		return b
	}
	c.qbuf = c.qbuf[:0]
	c.pairs = c.pairs[:0]
	addPairs(c, raw)
	addPairs(c, extra)
	ps := c.pairs
	if len(ps) > 12 {
		slices.SortFunc(ps, c.pairLess)
	} else {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && c.pairLess(ps[j], ps[j-1]) < 0; j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	for i, p := range ps {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, c.qbuf[p.k:p.kEnd]...)
		b = append(b, '=')
		b = append(b, c.qbuf[p.kEnd:p.vEnd]...)
	}
	return b
}
