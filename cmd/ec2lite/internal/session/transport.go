package session

// The HTTP side of the CLI: the transport built from --cli-connect-timeout,
// --cli-read-timeout, --ca-bundle and --no-verify-ssl, wrapped in an
// attemptLog that counts the attempts of each call (for botocore's "(reached
// max retries: N)"), keeps the last answer (for "Unable to parse response")
// and, with --debug, logs every attempt with its secrets redacted.

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
)

// TransportOptions configure newTransport.
type TransportOptions struct {
	ConnectTimeout, ReadTimeout time.Duration // 0: none
	CaBundle                    string        // PEM file; "" = system roots
	NoVerify                    bool
}

func NewTransport(o TransportOptions) (*http.Transport, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	tr.DialContext = dialer.DialContext
	tr.ResponseHeaderTimeout = o.ReadTimeout
	tr.TLSHandshakeTimeout = o.ConnectTimeout
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.CaBundle != "" {
		pem, err := os.ReadFile(o.CaBundle)
		if err != nil {
			return nil, &cli.ConfigError{Msg: "Could not load CA bundle " + o.CaBundle + ": " + awscli.PyOSError(err, o.CaBundle), Exit: cli.ExitOther}
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, &cli.ConfigError{Msg: "Could not load CA bundle " + o.CaBundle + ": no PEM certificates found", Exit: cli.ExitOther}
		}
		cfg.RootCAs = pool
	}
	if o.NoVerify {
		cfg.InsecureSkipVerify = true
	}
	tr.TLSClientConfig = cfg
	return tr, nil
}

// maskEcho overwrites, in place, the session token and the signature req
// was sent with wherever body quotes them (an answer from a misbehaving
// proxy), so that neither --debug nor "Unable to parse response" can print
// them. The secret key is never sent, so no answer can quote it.
func maskEcho(body []byte, req *http.Request) {
	secrets := []string{req.Header.Get("X-Amz-Security-Token")}
	if auth := req.Header.Get("Authorization"); strings.Contains(auth, "Signature=") {
		secrets = append(secrets, auth[strings.LastIndex(auth, "Signature=")+len("Signature="):])
	}
	for _, s := range secrets {
		if len(s) < 8 {
			continue
		}
		for i := bytes.Index(body, []byte(s)); i >= 0; i = bytes.Index(body, []byte(s)) {
			for j := i; j < i+len(s); j++ {
				body[j] = '*'
			}
		}
	}
}

// attemptLog wraps the transport of one CLI run. The calls of an operation
// are sequential, so it keeps the state of the current call; beginCall
// resets it. The calls of a fleet are concurrent: then (concurrent) it
// numbers the attempts of each call by its request, which a retry sends
// again unchanged, and forgets a call at its last attempt.
type attemptLog struct {
	base        http.RoundTripper
	debug       io.Writer // nil: no logging
	maxAttempts int
	now         func() time.Time
	warn        func(host string) // --no-verify-ssl warning for an https request; nil: none
	concurrent  bool

	mu         sync.Mutex
	inFlight   map[string]int // concurrent: the attempts so far of each call, by request
	attempts   int
	lastURL    string
	lastStatus int    // 0: no answer
	lastBody   []byte // the last answer's body (capped)
}

const maxKeptBody = 1 << 20

func (l *attemptLog) beginCall() {
	l.mu.Lock()
	l.attempts, l.lastStatus, l.lastBody = 0, 0, nil
	l.mu.Unlock()
}

func (l *attemptLog) RoundTrip(req *http.Request) (*http.Response, error) {
	n, key := l.beginAttempt(req)
	if l.warn != nil && req.URL.Scheme == "https" {
		l.warn(req.URL.Hostname())
	}
	if l.debug != nil {
		l.logRequest(n, req)
	}
	start := l.now()
	resp, err := l.base.RoundTrip(req)
	elapsed := l.now().Sub(start)
	if err != nil {
		if l.debug != nil {
			l.logf("attempt %d: %s %s failed after %s: %s", n, req.Method, redactText(req.URL.String()), roundDuration(elapsed), redactText(err.Error()))
			l.logRetry(n, 0, "", err)
		}
		l.endAttempt(key, n, nil, nil, "", err)
		return nil, err
	}
	body, resp, err := l.readBody(req, resp)
	code := ""
	if resp.StatusCode >= 300 && (l.debug != nil || l.concurrent) {
		code = ec2xml.DecodeError(resp.StatusCode, body).Code
	}
	l.endAttempt(key, n, resp, body, code, err)
	if l.debug != nil {
		l.logResponse(n, resp, body, code, elapsed)
	}
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// beginAttempt numbers an attempt: within the current call, or with
// concurrent calls within the call that sends req (key).
func (l *attemptLog) beginAttempt(req *http.Request) (n int, key string) {
	if l.concurrent {
		key = req.Method + " " + req.URL.String()
		if req.GetBody != nil {
			if rc, err := req.GetBody(); err == nil {
				b, _ := io.ReadAll(rc)
				rc.Close()
				key += "\n" + string(b)
			}
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.concurrent {
		if l.inFlight == nil {
			l.inFlight = map[string]int{}
		}
		l.inFlight[key]++
		return l.inFlight[key], key
	}
	l.attempts++
	l.lastURL = req.URL.String()
	l.lastStatus, l.lastBody = 0, nil
	return l.attempts, ""
}

// endAttempt records the answer (resp nil: none) for CallError, or with
// concurrent calls forgets a call at its last attempt.
func (l *attemptLog) endAttempt(key string, n int, resp *http.Response, body []byte, code string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.concurrent {
		if resp != nil {
			l.lastStatus = resp.StatusCode
			l.lastBody = body[:min(len(body), maxKeptBody)]
		}
		return
	}
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	if status/100 == 2 || !awsrequest.Retryable(status, code, err) || n >= l.max() {
		delete(l.inFlight, key)
	}
}

// max returns the attempts a call may make.
func (l *attemptLog) max() int {
	if l.maxAttempts <= 0 {
		return awsrequest.DefaultMaxAttempts
	}
	return l.maxAttempts
}

func (l *attemptLog) logRetry(n, status int, code string, err error) {
	max := l.maxAttempts
	if max <= 0 {
		max = awsrequest.DefaultMaxAttempts
	}
	switch {
	case !awsrequest.Retryable(status, code, err):
		l.logf("retry: not retryable")
	case n < max:
		l.logf("retry: retryable, will retry after a backoff (attempt %d of %d)", n, max)
	default:
		l.logf("retry: retryable, but max attempts reached (%d)", max)
	}
}

// readBody reads the body of resp, masks the secrets it echoes (maskEcho)
// and puts it back for the pipeline, which sees the same bytes.
func (l *attemptLog) readBody(req *http.Request, resp *http.Response) ([]byte, *http.Response, error) {
	// Read at most one byte past the limit: the pipeline refuses such a
	// body as too large. (ec2xml.ReadAll grows its buffer by doubling,
	// io.ReadAll by 1.25x: a body over the limit cost five times more.)
	body, rerr := ec2xml.ReadAll(resp.Body, ec2xml.DefaultMaxBodySize, nil)
	if errors.Is(rerr, ec2xml.ErrTooLarge) {
		rerr = nil
	}
	resp.Body.Close()
	if len(body) <= ec2xml.DefaultMaxBodySize {
		resp.ContentLength = int64(len(body)) // the pipeline sizes its buffer at once
	}
	maskEcho(body, req)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return body, resp, rerr
}

// logResponse logs an answer: status, timing, size, request id, EC2's
// error code, the body (redacted) and the retry decision.
func (l *attemptLog) logResponse(n int, resp *http.Response, body []byte, code string, elapsed time.Duration) {
	l.logf("attempt %d: HTTP %d %s in %s (%d bytes, request id %q)", n, resp.StatusCode, http.StatusText(resp.StatusCode),
		roundDuration(elapsed), len(body), resp.Header.Get("X-Amzn-Requestid"))
	if code != "" {
		l.logf("attempt %d: error code %s", n, code)
	}
	snippet := body
	if len(snippet) > 2048 {
		snippet = snippet[:2048]
	}
	l.logf("attempt %d: response body: %s", n, redactText(string(snippet)))
	if resp.StatusCode >= 300 {
		l.logRetry(n, resp.StatusCode, code, nil)
	}
}

func (l *attemptLog) logRequest(n int, req *http.Request) {
	l.logf("attempt %d: %s %s", n, req.Method, redactText(req.URL.String()))
	keys := make([]string, 0, len(req.Header))
	for k := range req.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if req.Host != "" {
		l.logf("attempt %d: header Host: %s", n, req.Host)
	}
	for _, k := range keys {
		for _, v := range req.Header[k] {
			l.logf("attempt %d: header %s: %s", n, k, redactHeader(k, v))
		}
	}
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			b, _ := io.ReadAll(io.LimitReader(rc, 4096))
			rc.Close()
			l.logf("attempt %d: body: %s", n, redactText(string(b)))
		}
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
