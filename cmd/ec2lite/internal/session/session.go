package session

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

// DemoCredentials are the keys --demo signs with: the fake endpoint's.
var DemoCredentials = credentials.Static{Credentials: credentials.Credentials{
	AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey, Source: "demo"}}

// Session is the connection of one command run to EC2: its client, built
// on the library's one session path, and the attempt log that --debug
// prints and error messages read. Close releases it.
type Session struct {
	srv        *clientvpntest.Server // --demo: the in-process fake endpoint
	log        *attemptLog
	client     *clientvpn.Client
	credSource string
	// readTimeout is the effective read timeout: --cli-read-timeout, the
	// profile's cli_read_timeout or the default; 0 when there is none.
	readTimeout time.Duration
}

// Open builds the client of a command run with clientvpn.NewFromOptions:
// the environment and the shared files as the AWS CLI reads them, with the
// command line's overrides (--profile, --region, --endpoint-url, the
// timeouts, --ca-bundle, --no-verify-ssl); with --demo, the in-process fake
// endpoint instead. Its errors are the AWS CLI's, in the AWS CLI's order:
// before parameter validation. It does not resolve credentials: botocore
// does that after parameter validation, and so does Connect. The caller
// closes a non-nil Session even when err is not nil.
func Open(r *cli.Env, a *cli.Args, cfg *awsconfig.Config, format string) (*Session, error) {
	s := &Session{log: newAttemptLog(r, a)}
	// The inputs are validated as botocore does (ops.bindInput): what it
	// lets through, EC2 answers.
	// A credential_process's stderr is kept for its error message, as the
	// AWS CLI captures it, not shown as it runs.
	o := clientvpn.Options{Getenv: r.Getenv, Stderr: io.Discard, Trace: s.log.trace, Now: r.Now, InsecureSkipVerify: a.NoVerifySSL, SkipValidation: true}
	var err error
	if o.ConnectTimeout, err = flagTimeout("connect", a.ConnectTimeout); err != nil {
		return nil, err
	}
	if o.ReadTimeout, err = flagTimeout("read", a.ReadTimeout); err != nil {
		return nil, err
	}
	s.readTimeout = o.ReadTimeout
	if s.readTimeout == 0 && cfg != nil && !a.Demo {
		if d, ok, err := cfg.ReadTimeout(); err == nil && ok {
			s.readTimeout = d
			if d == 0 {
				s.readTimeout = -1 // the AWS CLI's 0: none
			}
		}
	}
	switch {
	case s.readTimeout == 0:
		s.readTimeout = clientvpn.DefaultReadTimeout
	case s.readTimeout < 0:
		s.readTimeout = 0
	}
	if a.Demo {
		s.srv = clientvpntest.NewServer()
		o.IgnoreEnvironment, o.Region, o.EndpointURL, o.Credentials = true, s.srv.Region(), s.srv.URL, DemoCredentials
		s.credSource = "demo (the documented example keys)"
	} else {
		if a.Profile != nil {
			o.Profile = *a.Profile
		}
		if a.Region != nil && *a.Region != "" {
			if !clientvpn.ValidRegion(*a.Region) {
				return nil, regionError(*a.Region)
			}
			o.Region = *a.Region
		}
		if a.EndpointURL != nil {
			if err := checkEndpoint(*a.EndpointURL, cli.ExitUsage); err != nil {
				return nil, err
			}
			o.EndpointURL = *a.EndpointURL
		}
		if a.CaBundle != nil && !strings.HasPrefix(strings.ToLower(o.EndpointURL), "http://") {
			// botocore loads the bundle only for an https request: with an
			// http endpoint --ca-bundle is never read.
			o.CABundle = *a.CaBundle
		}
	}
	c, err := clientvpn.NewFromOptions(r.Ctx, o)
	if err != nil {
		bundle := o.CABundle
		if bundle == "" && cfg != nil {
			bundle = cfg.CABundle()
		}
		return s, configError(err, bundle)
	}
	s.client = c
	return s, nil
}

// Close stops the fake endpoint of --demo, if any, and closes the idle
// connections.
func (s *Session) Close() {
	if s.srv != nil {
		s.srv.Close()
	}
	if s.client != nil {
		s.client.HTTPClient.CloseIdleConnections()
	}
}

// Connect resolves the client's credentials once, here, so that their
// failure is reported before anything is sent, as botocore does (the
// client keeps the refreshing cache), and returns the client. With --debug
// it logs the settings, then every attempt through the client's hook; with
// --no-verify-ssl it prints urllib3's warning once per host.
func (s *Session) Connect(r *cli.Env, a *cli.Args, format string) (*clientvpn.Client, error) {
	if s.srv == nil {
		creds, err := s.client.Credentials.Retrieve(r.Ctx)
		if err != nil {
			if r.Ctx.Err() != nil {
				return nil, r.Ctx.Err()
			}
			return nil, credentialError(err)
		}
		s.credSource = creds.Source
	}
	if a.Debug {
		c := s.client
		s.log.logf("region %s, endpoint %q (empty: the region's), max attempts %d, credentials from %s, output %s",
			c.Region, c.Endpoint, s.maxAttempts(), s.credSource, format)
	}
	return s.client, nil
}

// ConnectFleet is Connect for the concurrent calls of a fleet: a client of
// any region is then Client(region).
func (s *Session) ConnectFleet(r *cli.Env, a *cli.Args) error {
	_, err := s.Connect(r, a, "json")
	return err
}

// ReadTimeout returns the read timeout the session's client uses
// (--cli-read-timeout, the profile's cli_read_timeout or 60 s), 0 when
// there is none.
func (s *Session) ReadTimeout() time.Duration { return s.readTimeout }

// Region returns the session's region.
func (s *Session) Region() string { return s.client.Region }

// Client returns a client of region with the session's configuration: the
// same credential cache, transport and hook, its own retry quota.
func (s *Session) Client(region string) *clientvpn.Client {
	if region == s.client.Region {
		return s.client
	}
	return s.client.ForRegion(region)
}

// maxAttempts returns the attempts a call may make.
func (s *Session) maxAttempts() int {
	if s.client.MaxAttempts > 0 {
		return s.client.MaxAttempts
	}
	return clientvpn.DefaultMaxAttempts
}

// credentialError words a failure to resolve credentials as AWS CLI v2
// does (botocore's exceptions for each cause), exit 253 when there are none
// and 255 otherwise.
func credentialError(err error) error {
	var (
		partial *credentials.PartialCredentialsError
		loop    *credentials.SourceProfileLoopError
		missing *credentials.MissingSourceProfileError
		process *credentials.ProcessError
		setting *awsconfig.SettingError
		urlErr  *url.Error
		opErr   *net.OpError
		dnsErr  *net.DNSError
	)
	msg := ""
	switch {
	case errors.Is(err, credentials.ErrNoCredentials):
		return &cli.ConfigError{Msg: cli.MsgNoCredentials, Exit: cli.ExitConfig}
	case errors.As(err, &partial):
		msg = "Partial credentials found in env, missing: " + partial.Missing
	case errors.As(err, &loop):
		visited := make([]string, len(loop.Visited))
		for i, p := range loop.Visited {
			visited[i] = awscli.PyReprStr(p)
		}
		msg = "Infinite loop in credential configuration detected. Attempting to load from profile " + loop.Profile +
			" which has already been visited. Visited profiles: [" + strings.Join(visited, ", ") + "]"
	case errors.As(err, &missing):
		msg = `The source_profile "` + missing.SourceProfile + `" referenced in the profile "` + missing.Profile + `" does not exist.`
	case errors.As(err, &process):
		// botocore's CredentialRetrievalError with the command's stderr
		// as it was written.
		msg = "Error when retrieving credentials from custom-process: " + process.Stderr
	case errors.As(err, &setting):
		return settingError(setting)
	case errors.As(err, &urlErr) && (errors.As(err, &opErr) && opErr.Op == "dial" || errors.As(err, &dnsErr)):
		// An STS, container or instance-metadata endpoint that does not
		// answer: botocore's EndpointConnectionError.
		u := urlErr.URL
		if pu, perr := url.Parse(u); perr == nil && pu.Path == "" {
			u += "/"
		}
		if opErr != nil && opErr.Timeout() {
			msg = `Connect timeout on endpoint URL: "` + u + `"`
		} else {
			msg = `Could not connect to the endpoint URL: "` + u + `"`
		}
	default:
		msg = strings.TrimPrefix(err.Error(), "credentials: ")
	}
	return &cli.ConfigError{Msg: redactText(msg), Exit: cli.ExitOther}
}

// settingError words a malformed setting as the AWS CLI does: Python's
// int() error for an integer setting that is no integer.
func settingError(e *awsconfig.SettingError) error {
	if e.Name == "max_attempts" {
		if _, ok := awscli.PyInt(e.Value); !ok {
			return awscli.IntLiteralError(e.Value)
		}
	}
	return &cli.ConfigError{Msg: strings.TrimPrefix(e.Error(), "awsconfig: "), Exit: cli.ExitOther}
}

// flagTimeout reads --cli-KIND-timeout (Python int(), seconds; 0 = none)
// as clientvpn.Options wants it: zero when not given (the profile's or
// 60 s), negative for none. A negative value is urllib3's ValueError, as the
// AWS CLI reports it.
func flagTimeout(kind string, flag *string) (time.Duration, error) {
	if flag == nil {
		return 0, nil
	}
	n, ok := awscli.PyInt(*flag)
	if !ok {
		return 0, awscli.IntLiteralError(*flag)
	}
	switch {
	case n < 0:
		return 0, &cli.ConfigError{Msg: "Attempted to set " + kind + " timeout to " + strconv.FormatInt(n, 10) +
			", but the timeout cannot be set to a value less than or equal to 0.", Exit: cli.ExitOther}
	case n == 0:
		return -1, nil
	case n > int64(math.MaxInt64/time.Second):
		return time.Duration(math.MaxInt64), nil // longer than any run
	}
	return time.Duration(n) * time.Second, nil
}

// regionError is the AWS CLI's message for a malformed region name.
func regionError(region string) error {
	return &cli.ConfigError{Msg: "Provided region_name '" + region + "' doesn't match a supported format.", Exit: cli.ExitOther}
}

// checkEndpoint refuses an endpoint URL as the AWS CLI does: without a
// scheme (as Python's urlsplit finds one) with its usage message and exit
// code missingExit, with a scheme other than http or https as the HTTP
// client's unhandled exception (exit 255).
func checkEndpoint(u string, missingExit int) error {
	if u == "" {
		return nil
	}
	switch scheme := urlScheme(u); scheme {
	case "http", "https":
		return nil
	case "":
		return &cli.ConfigError{Msg: "Bad value for --endpoint-url \"" + u + "\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/", Exit: missingExit}
	default:
		return &cli.ConfigError{Msg: "An HTTP Client raised an unhandled exception: Not supported URL scheme " + scheme, Exit: cli.ExitOther}
	}
}

// urlScheme is the scheme Python's urllib.parse.urlsplit finds in u,
// lowercased: the text before the first ':' when it starts with an ASCII
// letter and holds only letters, digits, '+', '-' and '.'; "" otherwise.
func urlScheme(u string) string {
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return ""
	}
	for j := 0; j < i; j++ {
		c := u[j]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if j == 0 && !letter || !letter && !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return ""
		}
	}
	return strings.ToLower(u[:i])
}

// configError words an error of clientvpn.NewFromOptions as the AWS CLI
// words the same problem.
func configError(err error, bundle string) error {
	var pe *fs.PathError
	var re *clientvpn.InvalidRegionError
	var ee *clientvpn.InvalidEndpointError
	var se *awsconfig.SettingError
	switch {
	case errors.Is(err, clientvpn.ErrNoRegion):
		return &cli.ConfigError{Msg: cli.MsgNoRegion, Exit: cli.ExitConfig}
	case bundle != "" && errors.As(err, &pe):
		return &cli.ConfigError{Msg: "Could not load CA bundle " + bundle + ": " + awscli.PyOSError(err, bundle), Exit: cli.ExitOther}
	case bundle != "" && errors.Is(err, clientvpn.ErrNoCertificates):
		return &cli.ConfigError{Msg: "Could not load CA bundle " + bundle + ": no PEM certificates found", Exit: cli.ExitOther}
	case errors.As(err, &re):
		return regionError(re.Region)
	case errors.As(err, &se):
		return settingError(se)
	case errors.As(err, &ee):
		if cerr := checkEndpoint(ee.URL, cli.ExitOther); cerr != nil {
			return cerr
		}
	}
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "clientvpn: "), "awsconfig: ")
	return &cli.ConfigError{Msg: msg, Exit: cli.ExitOther}
}

// Demo returns the client of a --demo fleet's region, served by the
// in-process fake endpoint at url through hc, on the same path as every
// client and with the run's hook.
func Demo(r *cli.Env, a *cli.Args, region, url string, hc *http.Client, now func() time.Time) (*clientvpn.Client, error) {
	return clientvpn.NewFromOptions(r.Ctx, clientvpn.Options{IgnoreEnvironment: true, Region: region, EndpointURL: url,
		Credentials: DemoCredentials, HTTPClient: hc, Trace: newAttemptLog(r, a).trace, Now: now})
}

// newAttemptLog returns the attempt log of a run: logging with --debug,
// warning once per host with --no-verify-ssl.
func newAttemptLog(r *cli.Env, a *cli.Args) *attemptLog {
	log := &attemptLog{now: r.Now}
	if a.Debug {
		log.debug = r.Stderr
	}
	if a.NoVerifySSL {
		warned := map[string]bool{}
		log.warn = func(host string) { // called with log.mu held
			if !warned[host] {
				warned[host] = true
				io.WriteString(r.Stderr, InsecureWarning(host))
			}
		}
	}
	return log
}

// InsecureWarning is what AWS CLI v1 prints (through Python's warnings, once
// per host) for an unverified HTTPS request; the AWS CLI's line starts with
// the absolute path of its urllib3 module, ec2lite's with "urllib3/".
func InsecureWarning(host string) string {
	return "urllib3/connectionpool.py:1110: InsecureRequestWarning: Unverified HTTPS request is being made to host '" + host +
		"'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings\n" +
		"  warnings.warn(\n"
}

// BeginCall marks the start of a call (of its first attempt).
func (s *Session) BeginCall() { s.log.beginCall() }

// CallError words the error of the call of EC2 operation api as the AWS
// CLI does and returns it with its exit code (130: interrupted).
func (s *Session) CallError(ctx context.Context, api string, err error) (string, int) {
	s.log.mu.Lock()
	cs := callState{api: api, attempts: s.log.attempts, maxAttempts: s.client.MaxAttempts, url: s.log.lastURL, status: s.log.lastStatus, body: s.log.lastBody}
	s.log.mu.Unlock()
	return describeError(ctx, err, cs)
}
