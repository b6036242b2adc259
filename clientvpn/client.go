package clientvpn

import (
	"context"
	"errors"
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

	// HTTPClient sends the requests; nil means http.DefaultClient.
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

	// Now is the clock requests are signed with; nil means time.Now. A clock
	// more than 4 minutes off is corrected from the server's Date header.
	Now func() time.Time

	// Test hooks: the backoff wait and its randomness.
	sleep func(ctx context.Context, d time.Duration) error
	rand  func() float64

	once    sync.Once
	initErr error
	url     string
	creds   func(context.Context) (sigv4.Credentials, error)
	pipe    awsrequest.Client
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
			if err != nil {
				return sigv4.Credentials{}, err
			}
			return sigv4.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}, nil
		}
		c.pipe = awsrequest.Client{
			HTTPClient:   c.HTTPClient,
			MaxAttempts:  c.MaxAttempts,
			UserAgent:    c.UserAgent,
			MaxBodyBytes: c.MaxResponseBytes,
			Now:          c.Now,
			Sleep:        c.sleep,
			Rand:         c.rand,
		}
	})
	return c.initErr
}
