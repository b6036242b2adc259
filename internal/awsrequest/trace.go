package awsrequest

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// Masked replaces a secret value in the headers an [Attempt] shows: the
// signature of Authorization and the whole X-Amz-Security-Token. In bodies,
// a secret is overwritten in place with as many '*' bytes.
const Masked = "REDACTED"

// Attempt describes one attempt of a call, for a Client's Trace hook, in the
// spirit of net/http/httptrace: read-only, it reports what was sent and what
// came back, with every secret masked. The hook must not modify it nor keep
// it, its headers or its bodies after returning: copy what it keeps.
type Attempt struct {
	// Operation is the call's Request.Operation, e.g.
	// "DescribeClientVpnConnections".
	Operation string

	// N is the attempt's number, from 1; MaxAttempts is the most the call
	// makes. A clock-skew retry repeats the number of the attempt it retries.
	N, MaxAttempts int

	// Method, URL and Header are the request as sent, Header with the
	// signature of Authorization and the value of X-Amz-Security-Token
	// replaced by Masked. Host is the Host header (the URL's host).
	Method, URL, Host string
	Header            http.Header

	// Body is the request body, with the request's Secrets masked.
	Body []byte

	// Start is when the attempt was sent; Duration how long it took, up to
	// the end of the response body or the failure.
	Start    time.Time
	Duration time.Duration

	// StatusCode and ResponseHeader are the answer's; 0 and nil when none
	// came (Err then says why).
	StatusCode     int
	ResponseHeader http.Header

	// ResponseBody is the answer's body as read (when reading failed, the
	// part read, at most the size limit; nil when a Content-Length over the
	// limit refused it unread), with the attempt's secret key, session
	// token, signature and the request's Secrets masked wherever it quotes
	// them.
	ResponseBody []byte

	// Err is the attempt's error, nil for a success: an [*ec2xml.APIError]
	// for an error answer, a [*RedirectError] for a 3xx, a decoding or
	// transport error otherwise.
	Err error

	// Retryable reports whether the standard retry mode retries such a
	// failure; Retry whether the call does retry it (attempts and the retry
	// quota permitting), after Delay.
	Retryable, Retry bool
	Delay            time.Duration
}

// newTrace starts the Attempt of req.
func newTrace(r *Request, req *http.Request, secrets []string) *Attempt {
	h := req.Header.Clone()
	if auth := h.Get("Authorization"); auth != "" {
		if i := strings.LastIndex(auth, "Signature="); i >= 0 {
			h.Set("Authorization", auth[:i+len("Signature=")]+Masked)
		}
	}
	if h.Get("X-Amz-Security-Token") != "" {
		h.Set("X-Amz-Security-Token", Masked)
	}
	body := r.Body
	if len(r.Secrets) > 0 {
		body = bytes.Clone(body)
		maskSecrets(body, secrets, r.Secrets)
	}
	return &Attempt{
		Operation: r.Operation,
		Method:    req.Method,
		URL:       req.URL.String(),
		Host:      req.Host,
		Header:    h,
		Body:      body,
		Start:     time.Now(),
	}
}
