package session

// --debug and --no-verify-ssl's warning, through the client's attempt hook
// (clientvpn.Client.Trace): every attempt of every call is logged to stderr
// with its secrets redacted, and the last attempt of an operation's call is
// kept for the AWS CLI's wording of its failure (CallError).

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// attemptLog is the attempt hook of one run. Its hook may be called
// concurrently (the calls of a fleet); the state for CallError is that of
// the last attempt, which is the current call's when calls are sequential
// (an operation's).
type attemptLog struct {
	debug io.Writer // nil: no logging
	now   func() time.Time
	warn  func(host string) // --no-verify-ssl warning for an https request; nil: none

	mu         sync.Mutex // serializes the hook: one attempt's lines stay together
	attempts   int
	lastURL    string
	lastStatus int    // 0: no answer
	lastBody   []byte // the last answer's body (capped)
}

const maxKeptBody = 1 << 20

func (l *attemptLog) beginCall() {
	l.mu.Lock()
	l.attempts, l.lastURL, l.lastStatus, l.lastBody = 0, "", 0, nil
	l.mu.Unlock()
}

// trace is the client's hook: it records and logs one attempt.
func (l *attemptLog) trace(at *clientvpn.Attempt) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.attempts = at.N
	l.lastURL = at.URL
	l.lastStatus = at.StatusCode
	l.lastBody = append(l.lastBody[:0], at.ResponseBody[:min(len(at.ResponseBody), maxKeptBody)]...)
	if l.warn != nil {
		if u, err := url.Parse(at.URL); err == nil && u.Scheme == "https" {
			l.warn(u.Hostname())
		}
	}
	if l.debug == nil {
		return
	}
	n := at.N
	l.logf("attempt %d: %s %s", n, at.Method, redactText(at.URL))
	if at.Host != "" {
		l.logf("attempt %d: header Host: %s", n, at.Host)
	}
	keys := make([]string, 0, len(at.Header))
	for k := range at.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range at.Header[k] {
			l.logf("attempt %d: header %s: %s", n, k, redactHeader(k, v))
		}
	}
	if at.Body != nil {
		l.logf("attempt %d: body: %s", n, redactText(string(at.Body[:min(len(at.Body), 4096)])))
	}
	if at.StatusCode == 0 {
		msg := "no answer"
		if at.Err != nil {
			msg = at.Err.Error()
		}
		l.logf("attempt %d: %s %s failed after %s: %s", n, at.Method, redactText(at.URL), roundDuration(at.Duration), redactText(msg))
		l.logRetry(at)
		return
	}
	l.logf("attempt %d: HTTP %d %s in %s (%d bytes, request id %q)", n, at.StatusCode, http.StatusText(at.StatusCode),
		roundDuration(at.Duration), len(at.ResponseBody), at.ResponseHeader.Get("X-Amzn-Requestid"))
	var apiErr *clientvpn.APIError
	if errors.As(at.Err, &apiErr) && apiErr.Code != "" {
		l.logf("attempt %d: error code %s", n, apiErr.Code)
	}
	l.logf("attempt %d: response body: %s", n, redactText(string(at.ResponseBody[:min(len(at.ResponseBody), 2048)])))
	if at.StatusCode >= 300 {
		l.logRetry(at)
	}
}

func (l *attemptLog) logRetry(at *clientvpn.Attempt) {
	switch {
	case !at.Retryable:
		l.logf("retry: not retryable")
	case at.Retry:
		l.logf("retry: retryable, will retry after a backoff (attempt %d of %d)", at.N, at.MaxAttempts)
	default:
		l.logf("retry: retryable, but max attempts reached (%d)", at.MaxAttempts)
	}
}

func (l *attemptLog) logf(format string, args ...any) {
	ts := l.now().UTC().Format("2006-01-02 15:04:05.000")
	fmt.Fprintf(l.debug, "%s - ec2lite - DEBUG - %s\n", ts, fmt.Sprintf(format, args...))
}

func roundDuration(d time.Duration) time.Duration {
	if d > time.Millisecond {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

const redacted = "REDACTED"

// redactors returns the patterns of signatures and of secret values, compiled
// on first use (only --debug and error texts need them, not start-up).
func redactors() (signature, secret *regexp.Regexp) {
	redactOnce.Do(func() {
		signatureRE = regexp.MustCompile(`(?i)(Signature=)[0-9a-f]+`)
		secretRE = regexp.MustCompile(`(?i)((?:X-Amz-Security-Token|X-Amz-Signature|SecretAccessKey|SessionToken|aws_secret_access_key|aws_session_token)["']?\s*[=:>]\s*["']?)[^&"'\s,<]+`)
	})
	return signatureRE, secretRE
}

var (
	redactOnce            sync.Once
	signatureRE, secretRE *regexp.Regexp
)

// redactHeader hides the parts of a request header that are secret: the
// signature in Authorization, the whole session token.
func redactHeader(name, v string) string {
	switch strings.ToLower(name) {
	case "authorization":
		signature, _ := redactors()
		return signature.ReplaceAllString(v, "${1}"+redacted)
	case "x-amz-security-token":
		return redacted
	}
	return redactText(v)
}

// redactText hides signatures, secret keys and session tokens in free text
// (a URL's query, an error message, an STS response body).
func redactText(s string) string {
	signature, secret := redactors()
	s = signature.ReplaceAllString(s, "${1}"+redacted)
	return secret.ReplaceAllString(s, "${1}"+redacted)
}
