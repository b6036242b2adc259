package session

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

// Settings is what an operation resolved from flags, environment and config.
type Settings struct {
	Output      string
	Region      string
	Endpoint    string
	MaxAttempts int
	UseFIPS     bool
	UseDual     bool
	Creds       credentials.Provider
	CredSource  string
	Transport   TransportOptions
}

// DemoCredentials are the keys --demo signs with: the fake endpoint's.
var DemoCredentials = credentials.Static{Credentials: credentials.Credentials{
	AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey, Source: "demo"}}

// settings resolves region, endpoint, credentials, retries and transport.
// In demo mode it starts the in-process fake endpoint and returns it.
func resolveSettings(r *cli.Env, a *cli.Args, cfg *awsconfig.Config, output string) (*Settings, *clientvpntest.Server, error) {
	st := &Settings{Output: output}
	st.Transport = TransportOptions{ConnectTimeout: 60 * time.Second, ReadTimeout: 60 * time.Second, NoVerify: a.NoVerifySSL}
	var err error
	if st.Transport.ConnectTimeout, err = timeoutArg(a.ConnectTimeout, cfg, "cli_connect_timeout"); err != nil {
		return nil, nil, err
	}
	if st.Transport.ReadTimeout, err = timeoutArg(a.ReadTimeout, cfg, "cli_read_timeout"); err != nil {
		return nil, nil, err
	}
	if a.Demo {
		srv := clientvpntest.NewServer()
		st.Region = srv.Region()
		st.Endpoint = srv.URL
		st.Creds = DemoCredentials
		st.CredSource = "demo (the documented example keys)"
		return st, srv, nil
	}
	if a.Region != nil && *a.Region != "" {
		st.Region = *a.Region
	} else if st.Region, err = cfg.Region(); err != nil {
		return nil, nil, &cli.ConfigError{Msg: cli.MsgNoRegion, Exit: cli.ExitConfig}
	}
	if !clientvpn.ValidRegion(st.Region) {
		return nil, nil, &cli.ConfigError{Msg: "Provided region_name '" + st.Region + "' doesn't match a supported format.", Exit: cli.ExitOther}
	}
	if a.EndpointURL != nil {
		st.Endpoint = *a.EndpointURL
	} else {
		st.Endpoint = cfg.EndpointURL("EC2")
	}
	if st.Endpoint != "" && !strings.HasPrefix(st.Endpoint, "http://") && !strings.HasPrefix(st.Endpoint, "https://") {
		return nil, nil, &cli.ConfigError{Msg: "Bad value for --endpoint-url \"" + st.Endpoint + "\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/", Exit: cli.ExitOther}
	}
	if st.Endpoint == "" {
		if st.UseFIPS, err = cfg.UseFIPS(); err != nil {
			return nil, nil, &cli.ConfigError{Msg: strings.TrimPrefix(err.Error(), "awsconfig: "), Exit: cli.ExitOther}
		}
		if st.UseDual, err = cfg.UseDualStack(); err != nil {
			return nil, nil, &cli.ConfigError{Msg: strings.TrimPrefix(err.Error(), "awsconfig: "), Exit: cli.ExitOther}
		}
	}
	if n, ok, err := cfg.MaxAttempts(); err != nil {
		return nil, nil, &cli.ConfigError{Msg: strings.TrimPrefix(err.Error(), "awsconfig: "), Exit: cli.ExitOther}
	} else if ok {
		st.MaxAttempts = n
	}
	if a.CaBundle != nil {
		st.Transport.CaBundle = *a.CaBundle
	} else {
		st.Transport.CaBundle = cfg.CABundle()
	}
	return st, nil, nil
}

// credentials resolves the AWS CLI's credential chain, once. As in botocore,
// this comes after parameter validation: a missing key is reported only for
// a request that would be sent.
func resolveCredentials(r *cli.Env, a *cli.Args, st *Settings) error {
	if st.Creds != nil {
		return nil // --demo
	}
	profile := ""
	if a.Profile != nil {
		profile = *a.Profile
	}
	chain := credentials.NewDefaultChain(credentials.ChainOptions{
		Profile: profile, Region: st.Region, Getenv: r.Getenv, Stderr: r.Stderr,
	})
	creds, err := chain.Retrieve(r.Ctx)
	if err != nil {
		if r.Ctx.Err() != nil {
			return r.Ctx.Err()
		}
		if errors.Is(err, credentials.ErrNoCredentials) {
			return &cli.ConfigError{Msg: cli.MsgNoCredentials, Exit: cli.ExitConfig}
		}
		return &cli.ConfigError{Msg: redactText(strings.TrimPrefix(err.Error(), "credentials: ")), Exit: cli.ExitOther}
	}
	st.Creds = credentials.Static{Credentials: creds}
	st.CredSource = creds.Source
	return nil
}

// timeoutArg reads --cli-*-timeout (Python int(), seconds; 0 = none) or the
// profile's setting, defaulting to 60 s.
func timeoutArg(flag *string, cfg *awsconfig.Config, key string) (time.Duration, error) {
	if flag != nil {
		n, ok := awscli.PyInt(*flag)
		if !ok {
			return 0, awscli.IntLiteralError(*flag)
		}
		if n < 0 {
			n = 0
		}
		return time.Duration(n) * time.Second, nil
	}
	if cfg != nil {
		var d time.Duration
		var ok bool
		var err error
		if key == "cli_read_timeout" {
			d, ok, err = cfg.ReadTimeout()
		} else {
			d, ok, err = cfg.ConnectTimeout()
		}
		if err != nil {
			return 0, &cli.ConfigError{Msg: strings.TrimPrefix(err.Error(), "awsconfig: "), Exit: cli.ExitOther}
		}
		if ok {
			return d, nil
		}
	}
	return 60 * time.Second, nil
}

// InsecureWarning is what AWS CLI v1 prints (through Python's warnings, once
// per host) for an unverified HTTPS request; the AWS CLI's line starts with
// the absolute path of its urllib3 module, ec2lite's with "urllib3/".
func InsecureWarning(host string) string {
	return "urllib3/connectionpool.py:1110: InsecureRequestWarning: Unverified HTTPS request is being made to host '" + host +
		"'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings\n" +
		"  warnings.warn(\n"
}

// Session is the connection of one command run to EC2: the settings it
// resolved from flags, environment and configuration files, the transport,
// and the attempt log that --debug prints and error messages read. Calls
// through a Session are sequential. Close releases it.
type Session struct {
	Settings *Settings

	srv       *clientvpntest.Server // --demo: the in-process fake endpoint
	log       *attemptLog
	transport *http.Transport
	http      *http.Client
	now       func() time.Time
}

// Open resolves the settings of a command run (region, endpoint, retries,
// timeouts, CA bundle); with --demo it starts the in-process fake endpoint.
// It does not resolve credentials: botocore does that after parameter
// validation, and so does Connect. The caller closes a non-nil Session even
// when err is not nil.
func Open(r *cli.Env, a *cli.Args, cfg *awsconfig.Config, format string) (*Session, error) {
	st, srv, err := resolveSettings(r, a, cfg, format)
	if srv == nil && err != nil {
		return nil, err
	}
	return &Session{Settings: st, srv: srv}, err
}

// Close stops the fake endpoint of --demo, if any, and closes the idle
// connections.
func (s *Session) Close() {
	if s.srv != nil {
		s.srv.Close()
	}
	if s.transport != nil {
		s.transport.CloseIdleConnections()
	}
}

// Connect resolves the credentials and returns the client of the
// session's region. With --debug it logs the settings and, from then on,
// every attempt; with --no-verify-ssl it prints urllib3's warning once per
// host.
func (s *Session) Connect(r *cli.Env, a *cli.Args, format string) (*clientvpn.Client, error) {
	if err := s.connect(r, a, format, false); err != nil {
		return nil, err
	}
	return s.Client(s.Settings.Region), nil
}

// ConnectFleet is Connect for the concurrent calls of a fleet: a client of
// any region is then Client(region), and --debug numbers the attempts of
// each call on its own.
func (s *Session) ConnectFleet(r *cli.Env, a *cli.Args) error {
	return s.connect(r, a, "json", true)
}

func (s *Session) connect(r *cli.Env, a *cli.Args, format string, concurrent bool) error {
	st := s.Settings
	if err := resolveCredentials(r, a, st); err != nil {
		return err
	}
	tr, err := NewTransport(st.Transport)
	if err != nil {
		return err
	}
	s.transport = tr
	s.log = newAttemptLog(r, a, tr, st.MaxAttempts, concurrent)
	if a.Debug {
		s.log.logf("region %s, endpoint %q (empty: the region's), max attempts %d, credentials from %s, output %s",
			st.Region, st.Endpoint, s.log.max(), st.CredSource, format)
	}
	s.http = &http.Client{Transport: s.log}
	s.now = r.Now
	return nil
}

// Client returns a client of region with the session's settings. Each
// client has its own retry quota; all share the transport.
func (s *Session) Client(region string) *clientvpn.Client {
	st := s.Settings
	return &clientvpn.Client{
		Region:       region,
		Credentials:  st.Creds,
		Endpoint:     st.Endpoint,
		UseFIPS:      st.UseFIPS,
		UseDualStack: st.UseDual,
		HTTPClient:   s.http,
		MaxAttempts:  st.MaxAttempts,
		Now:          s.now,
	}
}

// DemoTransport wraps base, the transport of an in-process fake endpoint,
// so that --debug logs its concurrent calls as ConnectFleet's.
func DemoTransport(r *cli.Env, a *cli.Args, base http.RoundTripper) http.RoundTripper {
	if !a.Debug {
		return base
	}
	return newAttemptLog(r, a, base, 0, true)
}

// newAttemptLog returns the attempt log of a run over base: logging with
// --debug, warning once per host with --no-verify-ssl.
func newAttemptLog(r *cli.Env, a *cli.Args, base http.RoundTripper, maxAttempts int, concurrent bool) *attemptLog {
	log := &attemptLog{base: base, maxAttempts: maxAttempts, now: r.Now, concurrent: concurrent}
	if a.Debug {
		log.debug = r.Stderr
	}
	if a.NoVerifySSL {
		var mu sync.Mutex
		warned := map[string]bool{}
		log.warn = func(host string) {
			mu.Lock()
			defer mu.Unlock()
			if !warned[host] {
				warned[host] = true
				io.WriteString(r.Stderr, InsecureWarning(host))
			}
		}
	}
	return log
}

// BeginCall marks the start of a call (of its first attempt).
func (s *Session) BeginCall() { s.log.beginCall() }

// CallError words the error of the call of EC2 operation api as the AWS
// CLI does and returns it with its exit code (130: interrupted).
func (s *Session) CallError(ctx context.Context, api string, err error) (string, int) {
	s.log.mu.Lock()
	cs := callState{api: api, attempts: s.log.attempts, maxAttempts: s.Settings.MaxAttempts, url: s.log.lastURL, status: s.log.lastStatus, body: s.log.lastBody}
	s.log.mu.Unlock()
	return describeError(ctx, err, cs)
}
