package clientvpntest

import (
	"io"
	"time"
)

// The credentials and region a Server accepts unless told otherwise: the example
// keys of the AWS documentation.
const (
	DefaultAccessKeyID     = "AKIDEXAMPLE"
	DefaultSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	DefaultRegion          = "us-east-1"
)

// An Option configures a [Server] in [NewServer], [Listen], [NewHandler] or [Serve].
type Option func(*config)

type credential struct{ secret, token string }

type config struct {
	creds    map[string]credential // access key id -> secret (and session token)
	region   string
	data     Data
	dataSet  bool
	clock    func() time.Time
	start    time.Time
	live     bool
	logW     io.Writer
	logF     func(LogEntry)
	faults   []Fault
	skipAuth bool
	limits   serverLimits
}

func newConfig(opts []Option) *config {
	c := &config{region: DefaultRegion, clock: time.Now, limits: defaultLimits}
	for _, o := range opts {
		o(c)
	}
	if c.creds == nil {
		c.creds = map[string]credential{DefaultAccessKeyID: {secret: DefaultSecretAccessKey}}
	}
	if !c.dataSet {
		c.data = SampleData()
	} else {
		c.data = c.data.clone()
	}
	if c.start.IsZero() {
		c.start = c.clock()
	}
	return c
}

// WithCredentials makes the server accept the given access key. The first use
// replaces the default example key; later uses add further keys. A non-empty
// sessionToken must then come with every request signed by that key, in the
// X-Amz-Security-Token header.
func WithCredentials(accessKeyID, secretAccessKey, sessionToken string) Option {
	return func(c *config) {
		if c.creds == nil {
			c.creds = make(map[string]credential)
		}
		c.creds[accessKeyID] = credential{secret: secretAccessKey, token: sessionToken}
	}
}

// WithRegion sets the region requests must be signed for (default "us-east-1").
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// WithData makes the server serve d instead of [SampleData]. The server keeps a copy.
func WithData(d Data) Option { return func(c *config) { c.data, c.dataSet = d, true } }

// WithClock sets the clock the server reads (default time.Now): for the X-Amz-Date
// check (requests more than 5 minutes off are refused), the Date response header,
// the default snapshot time, and the passing of time under [WithLive]. A test can
// give the server a skewed clock to exercise a client's clock-skew correction.
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// WithTime fixes the snapshot time the data's ages count back from (default: the
// clock at server start). Together with fixed data it makes responses the same on
// every run, for golden files. It does not affect the X-Amz-Date check.
func WithTime(t time.Time) Option { return func(c *config) { c.start = t.UTC() } }

// WithLive makes the data move: each request sees the snapshot time advanced by the
// clock time elapsed since the server started, and the counters of connections that
// are not terminated grow with it. Terminated connections drop out of the listing
// 60 minutes after they ended. Without WithLive the data are frozen and repeated
// requests get byte-identical answers.
func WithLive() Option { return func(c *config) { c.live = true } }

// WithLog writes one line per request to w (for example os.Stderr), in the form
//
//	2026-11-26T12:00:00.000Z POST / DescribeClientVpnConnections 200 OK 13 connections 1.2ms
//
// Lines never contain secrets: no secret key, session token or signature.
// Writes to w are serialised.
func WithLog(w io.Writer) Option { return func(c *config) { c.logW = w } }

// WithLogFunc calls f after each request with its [LogEntry]. Calls may be concurrent.
func WithLogFunc(f func(LogEntry)) Option { return func(c *config) { c.logF = f } }

// WithFaults queues faults for the first requests, as [Server.InjectFaults] does.
func WithFaults(f ...Fault) Option {
	return func(c *config) { c.faults = append(c.faults, f...) }
}

// WithoutAuth turns signature verification off: unsigned and wrongly signed requests
// are served. It exists for poking at the server with curl; tests of a client
// should keep verification on.
func WithoutAuth() Option { return func(c *config) { c.skipAuth = true } }
