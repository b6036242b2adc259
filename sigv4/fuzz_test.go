package sigv4

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// FuzzSign feeds arbitrary URLs, headers and settings through Sign and
// Presign: they must not panic, must be deterministic, and must change
// nothing in the request but the headers Sign documents (Presign: nothing).
func FuzzSign(f *testing.F) {
	f.Add("GET", "https://example.amazonaws.com/a/../b//c?x=1&y=%41&z", "My-Header", " a   b ", "x-amz-date", "old", "tok", true)
	f.Add("POST", "https://ec2.us-east-1.amazonaws.com:443/", "Content-Type", "application/x-www-form-urlencoded", "content-length", "189", "", false)
	f.Add("PUT", "http://[::1]:80/%E1%88%B4/./x?%zz=+&a=b=c", "authorization", "stale", "X-Amz-Security-Token", "t", "token", true)
	f.Add("", "https://h/?&&", "User-Agent", "x", "\t", "\r\n", "", true)
	f.Fuzz(func(t *testing.T, method, rawURL, name1, value1, name2, value2, token string, normalize bool) {
		u, err := url.Parse(rawURL)
		if err != nil {
			return
		}
		build := func() *http.Request {
			uc := *u
			req := &http.Request{Method: method, URL: &uc, Host: u.Host, Header: http.Header{}}
			req.Header.Add(name1, value1)
			req.Header[name2] = append(req.Header[name2], value2) // not canonicalised
			return req
		}
		s := &Signer{DisablePathNormalization: !normalize}
		in := Input{
			Credentials: Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", SessionToken: token},
			Region:      "us-east-1", Service: "service", PayloadHash: UnsignedPayload,
			Time: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC),
		}

		a, b := build(), build()
		before := a.Header.Clone()
		urlBefore := a.URL.String()
		var tra, trb trace
		errA := s.sign(a, in, &tra)
		errB := (&Signer{DisablePathNormalization: !normalize}).sign(b, in, &trb)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("errors differ: %v, %v", errA, errB)
		}
		if diff := cmp.Diff(a.Header, b.Header); diff != "" {
			t.Fatalf("not deterministic (-first +second):\n%s", diff)
		}
		if tra != trb {
			t.Fatalf("canonical request not deterministic:\n%q\n%q", tra.canonicalRequest, trb.canonicalRequest)
		}
		if a.URL.String() != urlBefore {
			t.Fatalf("Sign changed the URL: %s -> %s", urlBefore, a.URL)
		}
		written := map[string]bool{"authorization": true, "x-amz-date": true}
		if token != "" {
			written["x-amz-security-token"] = true
		}
		for k, v := range before {
			if errA == nil && written[strings.ToLower(k)] {
				continue
			}
			if !cmp.Equal(v, a.Header[k]) {
				t.Fatalf("Sign changed header %q: %q -> %q", k, v, a.Header[k])
			}
		}
		for k := range a.Header {
			if _, ok := before[k]; !ok && (errA != nil || !written[strings.ToLower(k)]) {
				t.Fatalf("Sign added header %q", k)
			}
		}
		if errA != nil {
			if a.Host != u.Host {
				t.Fatalf("Host changed on error")
			}
			return
		}
		if a.Host != u.Host && a.Host+":443" != u.Host && a.Host+":80" != u.Host {
			t.Fatalf("Host changed from %q to %q", u.Host, a.Host)
		}
		// The method is the first line, but may itself hold line breaks
		// (net/http refuses to send such a request); split after it.
		m := method
		if m == "" {
			m = "GET" // as net/http
		}
		rest, ok := strings.CutPrefix(tra.canonicalRequest, m+"\n")
		if !ok {
			t.Fatalf("canonical request does not start with the method %q:\n%s", m, tra.canonicalRequest)
		}
		lines := append([]string{m}, strings.Split(rest, "\n")...)
		if len(lines) < 6 {
			t.Fatalf("canonical request has %d lines:\n%s", len(lines), tra.canonicalRequest)
		}
		if got := lines[len(lines)-2]; !strings.Contains(a.Header.Get("Authorization"), "SignedHeaders="+got+",") {
			t.Fatalf("SignedHeaders line %q not in %q", got, a.Header.Get("Authorization"))
		}
		for _, ch := range []byte(lines[1]) {
			if !unreserved[ch] && ch != '/' && ch != '%' {
				t.Fatalf("canonical path %q has %q", lines[1], ch)
			}
		}
		var c scratch
		q := string(c.appendQuery(nil, u.RawQuery, nil))
		if again := string(c.appendQuery(nil, q, nil)); again != q {
			t.Fatalf("canonical query %q re-canonicalises to %q", q, again)
		}

		p := build()
		pBefore := p.Header.Clone()
		pu, err := s.Presign(p, in, time.Minute)
		if err != nil {
			t.Fatalf("Presign failed where Sign did not: %v", err)
		}
		if !cmp.Equal(pBefore, p.Header) || p.URL.String() != urlBefore || p.Host != u.Host {
			t.Fatalf("Presign changed the request")
		}
		pu2, err := (&Signer{DisablePathNormalization: !normalize}).Presign(build(), in, time.Minute)
		if err != nil || pu2.String() != pu.String() {
			t.Fatalf("Presign not deterministic: %v\n%s\n%s", err, pu, pu2)
		}
	})
}
