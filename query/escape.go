package query

// unreserved marks the bytes that quote_plus leaves as they are.
var unreserved = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "_.-~" {
		t[c] = true
	}
	return t
}()

const upperHex = "0123456789ABCDEF"

// AppendEscape appends s percent-encoded as Python's
// urllib.parse.quote_plus(s, safe=”) does it (the encoding botocore uses for
// form bodies): A-Z a-z 0-9 and "_.-~" as they are, a space as "+", and every
// other byte as %XX with upper-case hex. s is taken as bytes (UTF-8 text gives
// the same result as Python's str).
func AppendEscape(dst []byte, s string) []byte { return appendEscaped(dst, s) }

func appendEscaped(dst []byte, s string) []byte {
	// Fast path: copy runs of unreserved bytes in one append.
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		if c == ' ' {
			dst = append(dst, '+')
		} else {
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}

func appendEscapedBytes(dst, b []byte) []byte {
	for _, c := range b {
		switch {
		case unreserved[c]:
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}
