package sigv4

import "fmt"

// String returns a description of c safe for logs: the access key ID, and
// whether a secret key and a session token are present, never their values.
func (c Credentials) String() string {
	return "{AccessKeyID: " + c.AccessKeyID + ", SecretAccessKey: " + redact(c.SecretAccessKey) +
		", SessionToken: " + redact(c.SessionToken) + "}"
}

// GoString is String for %#v.
func (c Credentials) GoString() string { return "sigv4.Credentials" + c.String() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %q,
// %x …) prints the redacted String form, also when c is a field of a
// value being printed.
func (c Credentials) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, c.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", c.String())
	default:
		fmt.Fprint(f, c.String())
	}
}

func redact(s string) string {
	if s == "" {
		return `""`
	}
	return "<redacted>"
}

// String describes s for logs: its options and how many signing keys it
// caches, never a key.
func (s *Signer) String() string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("sigv4.Signer{DisablePathNormalization: %t, UnsignedSessionToken: %t, cached keys: %d}",
		s.DisablePathNormalization, s.UnsignedSessionToken, s.cachedKeys())
}

// Format implements fmt.Formatter: every verb prints String, so that no verb
// can print the derived signing keys a Signer caches.
func (s *Signer) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s.String())
		return
	}
	fmt.Fprint(f, s.String())
}
