package clientvpn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
	"github.com/ec2lite/ec2lite/sigv4"
)

// APIError is the error EC2 answered with: HTTP status, error code, message
// and request id. Find it in an error returned by a [Client] method with
// errors.As.
type APIError = ec2xml.APIError

// RedirectError is the error of an answer with a 3xx status: no request of
// this module follows a redirect, since the redirected request would carry
// the signed request or a token to another host. Find it with errors.As.
type RedirectError = awsrequest.RedirectError

// ErrReadTimeout is matched (with errors.Is) by the error of a call whose
// response stalled for longer than the read timeout of the Client's HTTP
// client (see [Options.ReadTimeout]).
var ErrReadTimeout = awsrequest.ErrReadTimeout

// ErrTooLarge is matched (with errors.Is) by the error of a call whose
// response body exceeds [Client.MaxResponseBytes]. It is
// [ec2xml.ErrTooLarge].
var ErrTooLarge = awsrequest.ErrTooLarge

// SyntaxError is the error of a response body that is not well-formed XML
// (or was cut short): the byte offset and what was wrong. A decoding failure
// wraps it; find it with errors.As.
type SyntaxError = ec2xml.SyntaxError

// ErrNotEnvelope is [APIError.Cause] when an error answer was well-formed
// XML but not EC2's error envelope (an HTML error page, for example).
var ErrNotEnvelope = ec2xml.ErrNotEnvelope

// UnknownCode is [APIError.Code] for an error answer with a Message but no
// Code, as botocore names it.
const UnknownCode = ec2xml.UnknownCode

// DefaultMaxAttempts is the number of attempts a call makes when
// Client.MaxAttempts is zero.
const DefaultMaxAttempts = awsrequest.DefaultMaxAttempts

// Attempt describes one attempt of a call, as [Client.Trace] receives it:
// the request as sent (method, URL, headers and body, secrets masked), the
// answer (status, headers, body with secrets masked), its timing, its error
// and the retry decision. It must not be modified nor kept after the hook
// returns: copy what you keep.
type Attempt = awsrequest.Attempt

// Retryable reports whether the standard retry mode retries an attempt that
// failed with err: an [*APIError] with HTTP status 500, 502, 503 or 504 or a
// throttling code, or a network error (a net.Error, [ErrReadTimeout]
// included) other than a refused certificate. A redirect and other API
// errors are not retried. For the decision the call actually made, which
// also weighs the attempts left and the retry quota, see [Attempt].
func Retryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return awsrequest.Retryable(apiErr.StatusCode, apiErr.Code, nil)
	}
	var re *RedirectError
	if errors.As(err, &re) {
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr) && awsrequest.Retryable(0, "", err)
}

// Client calls the Client VPN operations of the Amazon EC2 API.
//
// A Client is configured by its exported fields, which must be set before its
// first call and not changed afterwards. Only Region and Credentials are
// required: the zero values of the other fields give the AWS CLI's behaviour.
// [NewFromEnvironment] fills a Client from the environment and the AWS
// configuration files, the way the AWS CLI does.
//
// A Client is safe for concurrent use by multiple goroutines; it keeps a
// signing-key cache, the retry quota and the clock-skew correction, so one
// Client should serve a program's calls. A Client must not be copied after
// its first call.
type Client struct {
	// Region is the AWS region, e.g. "us-east-1": it selects the endpoint and
	// is part of every signature. Required.
	Region string

	// Credentials provides the credentials each request is signed with.
	// Required: requests are never sent unsigned. Retrieve is called once per
	// attempt, so a provider that fetches credentials should be wrapped in a
	// cache (NewFromEnvironment does so).
	Credentials credentials.Provider

	// Endpoint overrides the endpoint URL, path and port included, e.g.
	// "http://localhost:4566". Empty means the region's EC2 endpoint (see
	// [ResolveEndpoint]). It cannot be combined with UseFIPS or UseDualStack.
	Endpoint string

	// UseFIPS selects the region's FIPS endpoint; UseDualStack selects its
	// dual-stack (IPv4 and IPv6) endpoint. Both may be set.
	UseFIPS, UseDualStack bool

	// HTTPClient sends the requests; nil means a shared client with the
	// AWS CLI's default timeouts: 60 s to connect (TCP and TLS handshake
	// each), 60 s for the response headers and 60 s for each read of the
	// response body (an idle timer; a stalled body fails with an error
	// matching [ErrReadTimeout]). The ctx of a call bounds the whole call.
	// Whatever the client's CheckRedirect, no redirect is followed: a 3xx
	// answer fails the call with a [*RedirectError].
	HTTPClient *http.Client

	// MaxAttempts is the maximum number of attempts per call, the first one
	// included, as in the AWS SDKs' "standard" retry mode: zero means 3, and
	// 1 turns retries off. Throttling errors, HTTP 500, 502, 503 and 504 and
	// transport errors are retried after a random backoff of up to 2^n
	// seconds (n = attempts made; at most 20 s); a Client-wide retry quota
	// stops retrying when most recent calls fail.
	MaxAttempts int

	// UserAgent is the User-Agent header; empty means
	// "ec2lite/VERSION go/GOVERSION OS/ARCH".
	UserAgent string

	// MaxResponseBytes caps the size of a response body; zero means 64 MiB.
	MaxResponseBytes int64

	// SkipValidation sends every input as it is, without the checks of
	// what EC2 would refuse (a required member that is empty, a MaxResults
	// outside 5–1000): EC2's answer, an [*APIError], reports them instead.
	// A program that validates as the AWS CLI does (botocore checks a
	// required member's presence and MaxResults' minimum, not its maximum
	// or an empty string) sets it. Required members are sent even when
	// empty.
	SkipValidation bool

	// Now is the clock requests are signed with; nil means time.Now. A clock
	// more than 4 minutes off is corrected from the server's Date header.
	Now func() time.Time

	// Trace, when set, is called once per attempt of every call, after the
	// attempt and its retry decision and before any backoff wait, from the
	// goroutine making the call (so concurrently when calls are). It sees
	// the request and the answer with every secret masked (see [Attempt]);
	// it cannot change the call. A program's debug log is built from it.
	Trace func(*Attempt)

	// Test hooks: the backoff wait and its randomness.
	sleep func(ctx context.Context, d time.Duration) error
	rand  func() float64

	once    sync.Once
	initErr error
	url     string
	creds   func(context.Context) (sigv4.Credentials, error)
	pipe    awsrequest.Client
}

// ForRegion returns a new Client for region with c's configuration: the
// same credentials (and so the same credential cache), HTTP client, endpoint
// settings, retries and hook, but its own retry quota and clock-skew
// correction. It may be called at any time.
func (c *Client) ForRegion(region string) *Client {
	return &Client{
		Region:           region,
		Credentials:      c.Credentials,
		Endpoint:         c.Endpoint,
		UseFIPS:          c.UseFIPS,
		UseDualStack:     c.UseDualStack,
		HTTPClient:       c.HTTPClient,
		MaxAttempts:      c.MaxAttempts,
		UserAgent:        c.UserAgent,
		MaxResponseBytes: c.MaxResponseBytes,
		SkipValidation:   c.SkipValidation,
		Now:              c.Now,
		Trace:            c.Trace,
		sleep:            c.sleep,
		rand:             c.rand,
	}
}

// String describes c for logs: its region, endpoint and credential
// provider's type, never a secret.
func (c *Client) String() string {
	if c == nil {
		return "<nil>"
	}
	s := "clientvpn.Client{Region: " + c.Region
	if c.Endpoint != "" {
		s += ", Endpoint: " + c.Endpoint
	}
	if c.Credentials != nil {
		s += fmt.Sprintf(", Credentials: %T", c.Credentials)
	}
	return s + "}"
}

// Format implements fmt.Formatter: every verb (%v, %+v, %#v, %s, …) prints
// String, so that no verb can print the credentials or the signing keys a
// Client holds.
func (c *Client) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	fmt.Fprint(f, c.String())
}

// service is the signing name of EC2.
const service = "ec2"

// init resolves the endpoint and builds the request pipeline, once.
func (c *Client) init() error {
	c.once.Do(func() {
		if c.Region == "" {
			c.initErr = errors.New("Client.Region is empty")
			return
		}
		if c.Credentials == nil {
			c.initErr = errors.New("Client.Credentials is nil")
			return
		}
		c.url, c.initErr = ResolveEndpoint(c.Region, c.Endpoint, c.UseFIPS, c.UseDualStack)
		provider := c.Credentials
		c.creds = func(ctx context.Context) (sigv4.Credentials, error) {
			cr, err := provider.Retrieve(ctx)
			return cr.SigV4(), err
		}
		c.pipe = awsrequest.Client{
			HTTPClient:   c.HTTPClient,
			MaxAttempts:  c.MaxAttempts,
			UserAgent:    c.UserAgent,
			MaxBodyBytes: c.MaxResponseBytes,
			Now:          c.Now,
			Sleep:        c.sleep,
			Rand:         c.rand,
			Trace:        c.Trace,
		}
	})
	return c.initErr
}
