// Package awsrequest is ec2lite's one request pipeline for AWS Query-style
// calls: it signs a form POST with Signature Version 4, sends it, reads the
// response into a pooled, size-capped buffer, turns error responses into
// [*ec2xml.APIError], and retries what the AWS SDKs' "standard" retry mode
// retries. Both the clientvpn client and the STS calls of the credentials
// chain go through [Client.Do].
//
// The path is straight-line: validate, build, sign, send, read, decode,
// inside one small retry loop. There is no middleware stack.
package awsrequest

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/version"
	"github.com/ec2lite/ec2lite/sigv4"
)

// Retry policy: the AWS SDKs' "standard" mode.
const (
	// DefaultMaxAttempts is the number of attempts (the first one included)
	// a call makes when Client.MaxAttempts is zero.
	DefaultMaxAttempts = 3

	// MaxBackoff caps the delay before a retry.
	MaxBackoff = 20 * time.Second

	// RetryQuota is the size of a Client's retry token bucket: a retry
	// costs RetryCost tokens (RetryTimeoutCost after a timeout); a call that
	// succeeds after retrying refunds what its last retry cost, and a call
	// that succeeds at the first attempt adds NoRetryIncrement, never above
	// RetryQuota. An empty bucket turns retries off until calls succeed again.
	RetryQuota       = 500
	RetryCost        = 5
	RetryTimeoutCost = 10
	NoRetryIncrement = 1

	// SkewThreshold is how far the server's Date must be from the signing
	// clock before a clock-skew error is corrected and retried.
	SkewThreshold = 4 * time.Minute

	// DefaultMaxBodyBytes caps a response body when Client.MaxBodyBytes is zero.
	DefaultMaxBodyBytes = 64 << 20

	// ContentType is the Content-Type of every request body.
	ContentType = "application/x-www-form-urlencoded; charset=utf-8"
)

// Request is one call: a form body POSTed to URL, signed for Service and
// Region with the credentials that Credentials returns.
type Request struct {
	// Operation names the call (e.g. "DescribeClientVpnConnections"); every
	// error Do returns starts with it.
	Operation string

	// URL is the endpoint the body is POSTed to, e.g.
	// "https://ec2.us-east-1.amazonaws.com/". Only http and https are accepted.
	URL string

	// Service and Region are the signing scope ("ec2", "us-east-1").
	Service, Region string

	// Body is the application/x-www-form-urlencoded body. Do does not modify
	// it; it is sent again, unchanged, on every attempt.
	Body []byte

	// Credentials returns the credentials to sign each attempt with. Nil
	// means the request is sent unsigned (as STS AssumeRoleWithWebIdentity
	// is). An error from it ends the call without retrying.
	Credentials func(context.Context) (sigv4.Credentials, error)

	// Secrets are further values the request carries that no error may
	// quote back, such as a web identity token in Body: like the secret
	// key, the session token and the signature, Do masks them wherever an
	// error answer quotes them.
	Secrets []string
}

// Client sends Requests. Its exported fields configure it and must not be
// changed once it is in use; its zero value is ready to use. A Client keeps a
// signing-key cache, the retry quota and the clock-skew correction, so one
// Client should serve many calls; it is safe for concurrent use by multiple
// goroutines. A Client must not be copied after first use.
type Client struct {
	// HTTPClient sends the requests; nil means DefaultHTTPClient (the
	// default timeouts of NewHTTPClient). Whatever its CheckRedirect, no
	// redirect is followed: a 3xx answer fails the attempt with a
	// [*RedirectError].
	HTTPClient *http.Client

	// MaxAttempts is the maximum number of attempts per call, the first one
	// included; zero means DefaultMaxAttempts and 1 turns retries off.
	MaxAttempts int

	// UserAgent is the User-Agent header; empty means
	// "ec2lite/VERSION go/GOVERSION OS/ARCH".
	UserAgent string

	// MaxBodyBytes caps the size of a response body; zero means
	// DefaultMaxBodyBytes. A larger body fails the call without retrying.
	MaxBodyBytes int64

	// Now is the clock requests are signed with (before the skew
	// correction); nil means time.Now.
	Now func() time.Time

	// Sleep waits d before a retry, returning early with ctx.Err() when ctx
	// is done; nil means a timer and a select on ctx.Done().
	Sleep func(ctx context.Context, d time.Duration) error

	// Rand returns the backoff jitter, uniform in [0, 1); nil means
	// math/rand/v2's Float64.
	Rand func() float64

	// Trace, when set, is called once per attempt, after the attempt and
	// the retry decision and before any backoff wait, from the goroutine
	// making the call. See [Attempt] for what it may keep.
	Trace func(*Attempt)

	initOnce    sync.Once
	hc          *http.Client
	signer      *sigv4.Signer // a pointer: printing a Client shows no signing key
	quotaSpent  atomic.Int64  // retry tokens taken from the bucket; 0 = full
	skewOffsetN atomic.Int64  // server time minus local time, in nanoseconds
}

// Do sends r, retrying as the standard retry mode does, and hands a 2xx
// response body to decode. The body passed to decode is only valid during
// the call: decode must copy what it keeps. An error decode returns ends the
// call (a 2xx body that does not decode is reported, not retried).
//
// A non-2xx answer becomes an [*ec2xml.APIError], reachable with errors.As
// through the error Do returns. Errors never contain credentials or the
// Authorization header. ctx bounds the whole call, backoff waits included.
func (c *Client) Do(ctx context.Context, r *Request, decode func(status int, body []byte) error) error {
	if err := c.do(ctx, r, decode); err != nil {
		return fmt.Errorf("%s: %w", r.Operation, err)
	}
	return nil
}

// attempt is the outcome of one send.
type attempt struct {
	err       error
	retryable bool  // transport error, 5xx or throttling
	timeout   bool  // the transport timed out (a retry costs more)
	skewFixed bool  // the skew offset was corrected: worth one immediate retry
	skewRetry bool  // decide chose the immediate skew retry
	cost      int64 // the retry tokens a retry took

	buf   *[]byte  // the pooled response buffer, returned after tracing
	trace *Attempt // filled when Client.Trace is set
}

func (c *Client) do(ctx context.Context, r *Request, decode func(int, []byte) error) error {
	if decode == nil {
		return errors.New("awsrequest: nil decode function")
	}
	if err := checkURL(r.URL); err != nil {
		return err
	}
	maxAttempts := c.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var payloadHash string
	if r.Credentials != nil {
		payloadHash = sigv4.HashPayload(r.Body) // the body is the same on every attempt
	}
	refund := int64(NoRetryIncrement) // what a success gives back to the quota
	skewRetried := false
	for n := 1; ; n++ {
		a := c.send(ctx, r, payloadHash, decode)
		retry, delay, err := c.decide(ctx, &a, n, maxAttempts, &skewRetried)
		if a.trace != nil {
			a.trace.N, a.trace.MaxAttempts = n, maxAttempts
			a.trace.Err, a.trace.Retryable, a.trace.Retry, a.trace.Delay = a.err, a.retryable, retry, delay
			c.Trace(a.trace)
		}
		if a.buf != nil {
			putBuffer(a.buf)
		}
		if a.err == nil {
			c.refund(refund)
			return nil
		}
		if !retry {
			return err
		}
		if a.skewRetry {
			// The signing clock was wrong: one immediate, re-signed retry
			// that does not count as an attempt nor cost retry tokens.
			n--
			continue
		}
		refund = a.cost
		if err := c.sleep(ctx, delay); err != nil {
			return fmt.Errorf("%w while waiting to retry after: %w", err, a.err)
		}
	}
}

// decide makes the retry decision after failed attempt n: whether to retry,
// after which delay, and otherwise the error the call ends with. It takes the
// retry tokens a retry costs.
func (c *Client) decide(ctx context.Context, a *attempt, n, maxAttempts int, skewRetried *bool) (retry bool, delay time.Duration, err error) {
	switch {
	case a.err == nil:
		return false, 0, nil
	case ctx.Err() != nil:
		return false, 0, a.err
	case a.skewFixed && !*skewRetried:
		*skewRetried = true
		a.skewRetry = true
		return true, 0, nil
	case !a.retryable:
		return false, 0, a.err
	case n >= maxAttempts:
		if maxAttempts == 1 {
			return false, 0, a.err
		}
		return false, 0, fmt.Errorf("giving up after %d attempts: %w", n, a.err)
	}
	a.cost = int64(RetryCost)
	if a.timeout {
		a.cost = RetryTimeoutCost
	}
	if !c.take(a.cost) {
		return false, 0, fmt.Errorf("retry quota exhausted after %d attempts: %w", n, a.err)
	}
	return true, c.backoff(n), nil
}

// send makes one attempt: build, sign, send, read, decode. The caller
// returns a.buf to the pool.
func (c *Client) send(ctx context.Context, r *Request, payloadHash string, decode func(int, []byte) error) (a attempt) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return attempt{err: fmt.Errorf("building request: %w", err)}
	}
	req.Header["Content-Type"] = []string{ContentType}
	ua := c.UserAgent
	if ua == "" {
		ua = defaultUserAgent
	}
	req.Header["User-Agent"] = []string{ua}
	var secrets [3]string // what this attempt must never echo back in an error
	if r.Credentials != nil {
		creds, err := r.Credentials(ctx)
		if err != nil {
			return attempt{err: fmt.Errorf("retrieving credentials: %w", err)}
		}
		in := sigv4.Input{
			Credentials: creds,
			Service:     r.Service,
			Region:      r.Region,
			PayloadHash: payloadHash,
			Time:        c.now().Add(c.SkewOffset()),
		}
		if err := c.init().signer.Sign(req, in); err != nil {
			return attempt{err: fmt.Errorf("signing request: %w", err)}
		}
		secrets = [3]string{creds.SecretAccessKey, creds.SessionToken, signatureOf(req.Header.Get("Authorization"))}
	}
	if c.Trace != nil {
		a.trace = newTrace(r, req, secrets[:])
		defer func() { a.trace.Duration = time.Since(a.trace.Start) }()
	}

	resp, err := c.init().hc.Do(req)
	if err != nil {
		return a.with(transportFailure(ctx, err))
	}
	if a.trace != nil {
		a.trace.StatusCode, a.trace.ResponseHeader = resp.StatusCode, resp.Header.Clone()
	}
	limit := c.maxBodyBytes()
	bp, body, err := readBody(resp, limit)
	resp.Body.Close()
	a.buf = bp
	if err != nil {
		if a.trace != nil {
			// The hook sees what was read, up to the limit, masked.
			part := body[:min(int64(len(body)), limit)]
			maskSecrets(part, secrets[:], r.Secrets)
			a.trace.ResponseBody = part
		}
		if errors.Is(err, ErrTooLarge) {
			return a.with(attempt{err: err})
		}
		return a.with(transportFailure(ctx, fmt.Errorf("reading response: %w", err)))
	}
	if a.trace != nil {
		// The hook sees the body with the attempt's secrets masked; so
		// does decode, which cannot need them.
		maskSecrets(body, secrets[:], r.Secrets)
		a.trace.ResponseBody = body
	}

	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		if err := decode(resp.StatusCode, body); err != nil {
			if maskSecrets(body, secrets[:], r.Secrets) {
				// The body quoted a secret of the request back (a
				// misbehaving proxy): decode the masked copy again so
				// that the error's snapshots cannot carry it.
				err = decode(resp.StatusCode, body)
			}
			return a.with(attempt{err: fmt.Errorf("decoding response (HTTP %d): %w", resp.StatusCode, err)})
		}
		return a
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return a.with(attempt{err: &RedirectError{StatusCode: resp.StatusCode, Location: resp.Header.Get("Location")}})
	}
	maskSecrets(body, secrets[:], r.Secrets)
	apiErr := ec2xml.DecodeError(resp.StatusCode, body)
	out := attempt{err: apiErr, retryable: Retryable(resp.StatusCode, apiErr.Code, nil)}
	if isSkewCode(apiErr.Code) {
		out.skewFixed = c.correctSkew(resp.Header.Get("Date"))
	}
	return a.with(out)
}

// with returns the outcome o with a's buffer and trace.
func (a attempt) with(o attempt) attempt {
	o.buf, o.trace = a.buf, a.trace
	return o
}

// init sets up, once, the signer and the client requests are sent with:
// HTTPClient, or the default, never following redirects.
func (c *Client) init() *Client {
	c.initOnce.Do(func() {
		c.hc = WithoutRedirects(c.HTTPClient)
		c.signer = new(sigv4.Signer)
	})
	return c
}

var defaultUserAgent = version.UserAgent()

// signatureOf returns the signature of an Authorization header, or "".
func signatureOf(auth string) string {
	const key = "Signature="
	if i := strings.LastIndex(auth, key); i >= 0 {
		return auth[i+len(key):]
	}
	return ""
}

// maskSecrets overwrites, in place, every occurrence in body of the
// secret key, session token or signature an attempt was sent with (or of
// the request's other Secrets), so that
// an error answer that quotes the request back (as a misbehaving proxy may)
// cannot carry them into an error. It reports whether it masked anything.
// It runs on error answers only: a body EC2 sends never contains them.
func maskSecrets(body []byte, secrets, more []string) bool {
	masked := false
	for _, s := range append(secrets, more...) {
		if len(s) < 8 {
			continue // too short to be recognised safely; keys and tokens are longer
		}
		for {
			i := bytes.Index(body, []byte(s))
			if i < 0 {
				break
			}
			for j := i; j < i+len(s); j++ {
				body[j] = '*'
			}
			masked = true
		}
	}
	return masked
}

// transportFailure classifies an error from sending or reading: retryable
// unless ctx is done or the server's certificate was refused.
func transportFailure(ctx context.Context, err error) attempt {
	if ctx.Err() != nil {
		return attempt{err: err}
	}
	var netErr net.Error
	return attempt{
		err:       err,
		retryable: Retryable(0, "", err),
		timeout:   errors.As(err, &netErr) && netErr.Timeout(),
	}
}

// Retryable reports whether the standard retry mode retries an attempt that
// failed with transportErr (sending or reading; the server's certificate
// being refused is final), or else that EC2 answered with HTTP status and
// error code: HTTP 500, 502, 503 and 504, and the throttling codes whatever
// the status. Retries also depend on the attempts left and the retry quota.
func Retryable(status int, code string, transportErr error) bool {
	if transportErr != nil {
		return !isCertificateError(transportErr)
	}
	return status == 500 || status == 502 || status == 503 || status == 504 || IsRetryableCode(code)
}

func isCertificateError(err error) bool {
	var (
		verr  *tls.CertificateVerificationError
		uaerr x509.UnknownAuthorityError
		herr  x509.HostnameError
		cierr x509.CertificateInvalidError
	)
	return errors.As(err, &verr) || errors.As(err, &uaerr) || errors.As(err, &herr) || errors.As(err, &cierr)
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid endpoint URL: %w", err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return fmt.Errorf("invalid endpoint URL %q: scheme must be https or http", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("invalid endpoint URL %q: no host", raw)
	}
	return nil
}

// IsRetryableCode reports whether an API error code is one of the throttling
// codes that are retried whatever the HTTP status.
func IsRetryableCode(code string) bool {
	switch code {
	case "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
		"TransactionInProgressException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException":
		return true
	}
	return false
}

// isSkewCode reports whether an API error code is one that a wrong signing
// clock produces.
func isSkewCode(code string) bool {
	switch code {
	case "AuthFailure", "RequestExpired", "SignatureDoesNotMatch", "RequestTimeTooSkewed",
		"RequestInTheFuture", "InvalidSignatureException":
		return true
	}
	return false
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) maxBodyBytes() int64 {
	if c.MaxBodyBytes > 0 {
		return c.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}

// SkewOffset returns the correction currently added to the signing clock:
// the server's time minus the local time, as last measured from a clock-skew
// error; zero when no correction is in force.
func (c *Client) SkewOffset() time.Duration { return time.Duration(c.skewOffsetN.Load()) }

// correctSkew compares the server's Date header with the signing clock. When
// they are more than SkewThreshold apart, the signing clock was wrong: the
// offset becomes server minus local time (or zero, when the local clock is
// right and an earlier correction was the mistake), and correctSkew reports
// true so that the call is retried once.
func (c *Client) correctSkew(date string) bool {
	if date == "" {
		return false
	}
	server, err := http.ParseTime(date)
	if err != nil {
		return false
	}
	local := c.now()
	current := c.SkewOffset()
	if abs(server.Sub(local.Add(current))) <= SkewThreshold {
		return false
	}
	offset := server.Sub(local)
	if abs(offset) <= SkewThreshold {
		offset = 0
	}
	c.skewOffsetN.Store(int64(offset))
	return true
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// backoff returns the delay before the retry that follows failed attempt n
// (1-based): random[0,1) × 2^n seconds, or MaxBackoff once 2^n seconds
// exceeds it, as the SDKs' exponential jitter backoff computes it.
func (c *Client) backoff(n int) time.Duration {
	if n > maxBackoffAttempts {
		return MaxBackoff
	}
	f := rand.Float64
	if c.Rand != nil {
		f = c.Rand
	}
	d := time.Duration(f() * float64(int64(1)<<n) * float64(time.Second))
	return min(max(d, 0), MaxBackoff)
}

// maxBackoffAttempts is floor(log2(MaxBackoff / 1s)): beyond it, 2^n
// seconds is past the cap.
const maxBackoffAttempts = 4

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return Sleep(ctx, d)
}

// Sleep waits for d or until ctx is done, whichever comes first, and returns
// ctx.Err() in the second case.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// take removes cost tokens from the retry quota; false means the bucket
// holds fewer than cost tokens and the retry must not happen.
func (c *Client) take(cost int64) bool {
	for {
		spent := c.quotaSpent.Load()
		if spent+cost > RetryQuota {
			return false
		}
		if c.quotaSpent.CompareAndSwap(spent, spent+cost) {
			return true
		}
	}
}

// refund returns n tokens to the retry quota, never above its size.
func (c *Client) refund(n int64) {
	for {
		spent := c.quotaSpent.Load()
		if spent == 0 {
			return
		}
		if c.quotaSpent.CompareAndSwap(spent, max(spent-n, 0)) {
			return
		}
	}
}

// RetryTokens returns the number of tokens left in the retry quota.
func (c *Client) RetryTokens() int { return RetryQuota - int(c.quotaSpent.Load()) }

// Response bodies are read into pooled buffers; buffers above
// maxPooledBuffer are left to the garbage collector.
const maxPooledBuffer = 16 << 20

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

func putBuffer(bp *[]byte) {
	if cap(*bp) <= maxPooledBuffer {
		*bp = (*bp)[:0]
		bufPool.Put(bp)
	}
}

// readBody reads resp.Body to its end into a pooled buffer, failing with an
// error matching ErrTooLarge past limit bytes. The buffer grows with the
// bytes received, never from what Content-Length claims (a Content-Length
// over limit is refused at once). When reading fails, body is what was read
// (up to one byte past limit). The caller returns bp with putBuffer once
// done with body.
func readBody(resp *http.Response, limit int64) (bp *[]byte, body []byte, err error) {
	bp = bufPool.Get().(*[]byte)
	if n := resp.ContentLength; n > limit {
		return bp, nil, fmt.Errorf("%w: Content-Length %d exceeds the %d-byte limit", ErrTooLarge, n, limit)
	}
	buf, err := readAll(resp.Body, limit, (*bp)[:0])
	*bp = buf
	return bp, buf, err
}
