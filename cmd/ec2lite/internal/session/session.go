package session

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"strings"
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
	Transport   TransportSettings
}

// DemoCredentials are the keys --demo signs with: the fake endpoint's.
var DemoCredentials = credentials.Static{Credentials: credentials.Credentials{
	AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey, Source: "demo"}}

// settings resolves region, endpoint, credentials, retries and transport.
// In demo mode it starts the in-process fake endpoint and returns it.
func resolveSettings(r *cli.Env, a *cli.Args, cfg *awsconfig.Config, output string) (*Settings, *clientvpntest.Server, error) {
	st := &Settings{Output: output}
	st.Transport = TransportSettings{ConnectTimeout: 60 * time.Second, ReadTimeout: 60 * time.Second, NoVerify: a.NoVerifySSL}
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
		st.Transport.CABundle = *a.CaBundle
	} else {
		st.Transport.CABundle = cfg.CABundle()
	}
	return st, nil, nil
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

	srv    *clientvpntest.Server // --demo: the in-process fake endpoint
	log    *attemptLog
	client *clientvpn.Client
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
	if s.client != nil {
		s.client.HTTPClient.CloseIdleConnections()
	}
}

// Connect builds the client of the session's region on the library's one
// session path (clientvpn.NewFromOptions, with the settings Open resolved
// as the overrides) and resolves its credentials once, here, so that their
// failure is reported before anything is sent, as botocore does. With
// --debug it logs the settings and then every attempt through the
// client's hook; with --no-verify-ssl it prints urllib3's warning once per
// host.
func (s *Session) Connect(r *cli.Env, a *cli.Args, format string) (*clientvpn.Client, error) {
	if err := s.connect(r, a, format); err != nil {
		return nil, err
	}
	return s.client, nil
}

// ConnectFleet is Connect for the concurrent calls of a fleet: a client of
// any region is then Client(region).
func (s *Session) ConnectFleet(r *cli.Env, a *cli.Args) error {
	return s.connect(r, a, "json")
}

func (s *Session) connect(r *cli.Env, a *cli.Args, format string) error {
	st := s.Settings
	s.log = newAttemptLog(r, a)
	o := clientvpn.Options{
		Region:             st.Region,
		EndpointURL:        st.Endpoint,
		ConnectTimeout:     libTimeout(st.Transport.ConnectTimeout),
		ReadTimeout:        libTimeout(st.Transport.ReadTimeout),
		MaxAttempts:        st.MaxAttempts,
		CABundle:           st.Transport.CABundle,
		InsecureSkipVerify: st.Transport.NoVerify,
		Getenv:             r.Getenv,
		Stderr:             r.Stderr,
		Trace:              s.log.trace,
		Now:                r.Now,
	}
	if a.Profile != nil {
		o.Profile = *a.Profile
	}
	if st.Creds != nil { // --demo
		o.Credentials, o.IgnoreEnvironment = st.Creds, true
	}
	c, err := clientvpn.NewFromOptions(r.Ctx, o)
	if err != nil {
		return configError(err, st.Transport.CABundle)
	}
	if st.Creds == nil {
		creds, err := c.Credentials.Retrieve(r.Ctx)
		if err != nil {
			if r.Ctx.Err() != nil {
				return r.Ctx.Err()
			}
			if errors.Is(err, credentials.ErrNoCredentials) {
				return &cli.ConfigError{Msg: cli.MsgNoCredentials, Exit: cli.ExitConfig}
			}
			return &cli.ConfigError{Msg: redactText(strings.TrimPrefix(err.Error(), "credentials: ")), Exit: cli.ExitOther}
		}
		st.CredSource = creds.Source
	}
	if a.Debug {
		max := st.MaxAttempts
		if max <= 0 {
			max = clientvpn.DefaultMaxAttempts
		}
		s.log.logf("region %s, endpoint %q (empty: the region's), max attempts %d, credentials from %s, output %s",
			st.Region, st.Endpoint, max, st.CredSource, format)
	}
	s.client = c
	return nil
}

// libTimeout turns the CLI's timeout (0: none) into clientvpn.Options' (negative: none).
func libTimeout(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// configError words an error of clientvpn.NewFromOptions as the AWS CLI
// words the same problem (Open checked the settings it read, so what is
// left is the CA bundle and the profile's values).
func configError(err error, bundle string) error {
	var pe *fs.PathError
	switch {
	case bundle != "" && errors.As(err, &pe):
		return &cli.ConfigError{Msg: "Could not load CA bundle " + bundle + ": " + awscli.PyOSError(err, bundle), Exit: cli.ExitOther}
	case bundle != "" && strings.Contains(err.Error(), "no PEM certificate"):
		return &cli.ConfigError{Msg: "Could not load CA bundle " + bundle + ": no PEM certificates found", Exit: cli.ExitOther}
	}
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "clientvpn: "), "awsconfig: ")
	return &cli.ConfigError{Msg: msg, Exit: cli.ExitOther}
}

// Client returns a client of region with the session's configuration: the
// same credential cache, transport and hook, its own retry quota.
func (s *Session) Client(region string) *clientvpn.Client {
	if region == s.client.Region {
		return s.client
	}
	return s.client.ForRegion(region)
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

// TransportSettings are the CLI's transport options as resolved from flags
// and profile: the client's timeouts (0: none), CA bundle ("" = system
// roots) and verification.
type TransportSettings struct {
	ConnectTimeout, ReadTimeout time.Duration
	CABundle                    string
	NoVerify                    bool
}
