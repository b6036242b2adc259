package awsrequest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Timeouts of the HTTP clients built by NewHTTPClient, when
// TransportOptions leaves them zero: the AWS CLI's defaults.
const (
	DefaultConnectTimeout = 60 * time.Second
	DefaultReadTimeout    = 60 * time.Second
)

// TransportOptions configure NewHTTPClient.
type TransportOptions struct {
	// ConnectTimeout bounds establishing a connection: the TCP connect and
	// the TLS handshake, each. Zero means DefaultConnectTimeout; a negative
	// value means no bound.
	ConnectTimeout time.Duration

	// ReadTimeout bounds every wait for the server: for the response
	// headers once the request is sent, and for each read of the response
	// body (an idle timer, reset whenever bytes arrive, not a bound on the
	// whole body). Zero means DefaultReadTimeout; a negative value means no
	// bound. A body read that times out fails with an error matching
	// ErrReadTimeout.
	ReadTimeout time.Duration

	// RootCAs, when set, replaces the system's trusted roots.
	RootCAs *x509.CertPool

	// InsecureSkipVerify turns certificate verification off.
	InsecureSkipVerify bool

	// NoProxy ignores HTTP_PROXY and friends (for link-local metadata
	// services, which a proxy must never see).
	NoProxy bool
}

// NewHTTPClient returns an HTTP client with the timeouts of o, TLS 1.2 or
// later, and no redirects followed: a 3xx answer is returned as is (the
// pipeline turns it into a [*RedirectError]), so that neither a signed
// request nor a token is ever re-sent to another host. It sets no overall
// timeout: the caller's context bounds the whole call.
func NewHTTPClient(o TransportOptions) *http.Client {
	connect := durationOr(o.ConnectTimeout, DefaultConnectTimeout)
	read := durationOr(o.ReadTimeout, DefaultReadTimeout)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = connect
	tr.ResponseHeaderTimeout = read
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: o.RootCAs, InsecureSkipVerify: o.InsecureSkipVerify}
	if o.NoProxy {
		tr.Proxy = nil
	}
	var rt http.RoundTripper = tr
	if read > 0 {
		rt = &idleTimeoutTransport{base: tr, timeout: read}
	}
	return &http.Client{Transport: rt, CheckRedirect: NoRedirect}
}

// durationOr returns d, or def when d is zero, or 0 (no bound) when d is
// negative.
func durationOr(d, def time.Duration) time.Duration {
	switch {
	case d == 0:
		return def
	case d < 0:
		return 0
	}
	return d
}

// NoRedirect is the CheckRedirect of every client the project makes: the
// 3xx answer itself is returned, and the redirect target receives nothing.
func NoRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// WithoutRedirects returns a shallow copy of hc that follows no redirects,
// whatever hc's own CheckRedirect says; nil means DefaultHTTPClient. The
// copy shares hc's transport, connection pool and cookie jar.
func WithoutRedirects(hc *http.Client) *http.Client {
	if hc == nil {
		return DefaultHTTPClient()
	}
	c := *hc
	c.CheckRedirect = NoRedirect
	return &c
}

// DefaultHTTPClient returns the client used when none is given: built by
// NewHTTPClient with the default timeouts, shared by the whole process.
func DefaultHTTPClient() *http.Client {
	defaultClientOnce.Do(func() { defaultClient = NewHTTPClient(TransportOptions{}) })
	return defaultClient
}

var (
	defaultClientOnce sync.Once
	defaultClient     *http.Client
)

// RedirectError is the error of an attempt answered with a 3xx status:
// redirects are never followed, since the redirected request would carry the
// signature, the session token or a web identity token to another host.
type RedirectError struct {
	StatusCode int
	Location   string // the Location header, as sent
}

func (e *RedirectError) Error() string {
	s := "HTTP " + strconv.Itoa(e.StatusCode) + " " + http.StatusText(e.StatusCode) + ": redirects are not followed"
	if e.Location != "" {
		s += " (Location: " + e.Location + ")"
	}
	return s
}

// ErrReadTimeout is matched (with errors.Is) by the error of a response
// whose body stalled for longer than the read timeout. The error is also a
// net.Error whose Timeout method reports true.
var ErrReadTimeout = errors.New("read timeout")

// readTimeoutError is the error of a wait for the server that exceeded the
// read timeout.
type readTimeoutError struct {
	d   time.Duration
	err error // the transport's own error, if any
}

func (e *readTimeoutError) Error() string {
	return fmt.Sprintf("read timeout: no data from the server for %s", e.d)
}
func (e *readTimeoutError) Unwrap() error        { return e.err }
func (e *readTimeoutError) Timeout() bool        { return true }
func (e *readTimeoutError) Temporary() bool      { return true }
func (e *readTimeoutError) Is(target error) bool { return target == ErrReadTimeout }

// idleTimeoutTransport bounds each read of a response body: a read that
// waits longer than timeout cancels the request, and fails with a
// readTimeoutError.
type idleTimeoutTransport struct {
	base    http.RoundTripper
	timeout time.Duration
}

func (t *idleTimeoutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if strings.Contains(err.Error(), "timeout awaiting response headers") {
			// The transport's ResponseHeaderTimeout: the same read timeout.
			err = &readTimeoutError{d: t.timeout, err: err}
		}
		return resp, err
	}
	resp.Body = &idleBody{rc: resp.Body, timeout: t.timeout, cancel: cancel}
	return resp, nil
}

// BaseTransport returns the *http.Transport under rt, as NewHTTPClient
// built it, or nil.
func BaseTransport(rt http.RoundTripper) *http.Transport {
	if t, ok := rt.(*idleTimeoutTransport); ok {
		rt = t.base
	}
	tr, _ := rt.(*http.Transport)
	return tr
}

// CloseIdleConnections closes the base transport's idle connections.
func (t *idleTimeoutTransport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// idleBody is a response body whose reads are each bounded by timeout.
type idleBody struct {
	rc      io.ReadCloser
	timeout time.Duration
	cancel  context.CancelFunc
	timer   *time.Timer
	expired atomic.Bool
}

func (b *idleBody) Read(p []byte) (int, error) {
	if b.expired.Load() {
		return 0, &readTimeoutError{d: b.timeout}
	}
	if b.timer == nil {
		b.timer = time.AfterFunc(b.timeout, b.expire)
	} else {
		b.timer.Reset(b.timeout)
	}
	n, err := b.rc.Read(p)
	b.timer.Stop()
	if err != nil && b.expired.Load() {
		return n, &readTimeoutError{d: b.timeout}
	}
	return n, err
}

func (b *idleBody) expire() {
	b.expired.Store(true)
	b.cancel()
}

func (b *idleBody) Close() error {
	if b.timer != nil {
		b.timer.Stop()
	}
	err := b.rc.Close()
	b.cancel()
	return err
}
