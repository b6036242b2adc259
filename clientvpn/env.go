package clientvpn

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
	"github.com/ec2lite/ec2lite/internal/version"
)

// Configuration errors of [NewFromOptions], found with errors.Is and
// errors.As.
var (
	// ErrNoRegion is matched by the error of a configuration without a
	// region.
	ErrNoRegion = awsconfig.ErrNoRegion
)

type (
	// ProfileNotFoundError is the error of a profile that neither shared
	// file defines.
	ProfileNotFoundError = awsconfig.ProfileNotFoundError

	// ConfigFileError is the error of a shared file that cannot be read or
	// parsed; it names the file, never a value.
	ConfigFileError = awsconfig.FileError
)

// Default timeouts of a Client's HTTP client, as the AWS CLI's: see
// [Options] and [Client.HTTPClient].
const (
	DefaultConnectTimeout = awsrequest.DefaultConnectTimeout
	DefaultReadTimeout    = awsrequest.DefaultReadTimeout
)

// Options are the overrides [NewFromOptions] applies to the configuration it
// finds in the environment and the shared files, in the way the AWS CLI's
// global options (--profile, --region, --endpoint-url, --cli-read-timeout,
// …) override its configuration. The zero value overrides nothing.
type Options struct {
	// Profile is the profile given explicitly (--profile): it selects the
	// profile instead of AWS_PROFILE and, as in the AWS CLI, turns the
	// environment's AWS_ACCESS_KEY_ID and friends off.
	Profile string

	// Region, when set, is the region (--region).
	Region string

	// EndpointURL, when set, is the endpoint URL (--endpoint-url). Any
	// configured endpoint URL turns UseFIPS and UseDualStack off, as in the
	// AWS CLI.
	EndpointURL string

	// ConnectTimeout bounds connecting (TCP connect and TLS handshake, each)
	// and ReadTimeout every wait for the server: the response headers and
	// each read of the response body (--cli-connect-timeout,
	// --cli-read-timeout). Zero means the profile's cli_connect_timeout or
	// cli_read_timeout, else 60 s; a negative value means no bound (the
	// AWS CLI's 0). A body read that times out fails with an error matching
	// [ErrReadTimeout].
	ConnectTimeout, ReadTimeout time.Duration

	// MaxAttempts, when positive, is the maximum number of attempts per call
	// (instead of AWS_MAX_ATTEMPTS or the profile's max_attempts).
	MaxAttempts int

	// CABundle, when set, is a PEM file of the certificates to trust instead
	// of AWS_CA_BUNDLE, the profile's ca_bundle or the system's roots
	// (--ca-bundle).
	CABundle string

	// InsecureSkipVerify turns certificate verification off
	// (--no-verify-ssl).
	InsecureSkipVerify bool

	// UserAgentSuffix is appended, after a space, to the default User-Agent.
	UserAgentSuffix string

	// Credentials, when set, are used as they are instead of the AWS CLI's
	// provider chain.
	Credentials credentials.Provider

	// HTTPClient, when set, sends the requests instead of a client built
	// from the timeouts and TLS settings above (which are then ignored); it
	// still follows no redirect.
	HTTPClient *http.Client

	// IgnoreEnvironment reads neither the environment nor the shared files:
	// only these Options configure the Client (Region is then required), as
	// for a local test endpoint.
	IgnoreEnvironment bool

	// ConfigFile and CredentialsFile replace AWS_CONFIG_FILE and
	// AWS_SHARED_CREDENTIALS_FILE; Getenv replaces os.Getenv.
	ConfigFile, CredentialsFile string
	Getenv                      func(string) string

	// Stderr receives the standard error of credential_process commands;
	// nil means os.Stderr.
	Stderr io.Writer

	// Trace is the Client's attempt hook (see [Client.Trace]).
	Trace func(*Attempt)

	// SkipValidation is the Client's SkipValidation.
	SkipValidation bool

	// Now is the Client's clock (see [Client.Now]).
	Now func() time.Time
}

// NewFromEnvironment returns a Client configured the way the AWS CLI
// configures itself, from the environment and the shared files
// ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE,
// AWS_SHARED_CREDENTIALS_FILE), for the profile AWS_PROFILE or "default":
//
//	Region        AWS_REGION, AWS_DEFAULT_REGION, the profile's region (required)
//	Credentials   the AWS CLI's provider chain (environment, profile, web identity,
//	              container, instance metadata), cached and refreshed before expiry
//	Endpoint      AWS_ENDPOINT_URL_EC2, the profile's services section, AWS_ENDPOINT_URL,
//	              the profile's endpoint_url (unless ignore_configured_endpoint_urls)
//	MaxAttempts   AWS_MAX_ATTEMPTS, the profile's max_attempts
//	UseFIPS       AWS_USE_FIPS_ENDPOINT, the profile's use_fips_endpoint (without an endpoint URL)
//	UseDualStack  AWS_USE_DUALSTACK_ENDPOINT, the profile's use_dualstack_endpoint (likewise)
//	HTTPClient    the profile's cli_connect_timeout and cli_read_timeout (default 60 s each),
//	              trusting AWS_CA_BUNDLE or the profile's ca_bundle when set
//
// The credential providers' own calls (STS, container and instance
// metadata) use the same timeouts and maximum attempts, and, like every
// request of a Client, follow no redirect.
//
// NewFromEnvironment is NewFromOptions with the zero Options. Credentials are
// looked up at the first call, not here; ctx is reserved for lookups made
// while configuring. The returned Client's fields may still be adjusted
// before its first call. The retry mode is always "standard"
// (AWS_RETRY_MODE and retry_mode are not read).
func NewFromEnvironment(ctx context.Context) (*Client, error) {
	return NewFromOptions(ctx, Options{})
}

// newFromEnvironment is NewFromEnvironment reading where opts says (tests).
func newFromEnvironment(ctx context.Context, opts awsconfig.Options) (*Client, error) {
	return NewFromOptions(ctx, Options{Profile: opts.Profile, ConfigFile: opts.ConfigFile, CredentialsFile: opts.CredentialsFile, Getenv: opts.Getenv})
}

// NewFromOptions returns a Client configured as [NewFromEnvironment]
// configures it, with the overrides of o: the one way a program builds a
// Client the way the AWS CLI builds its session. Its errors start with
// "clientvpn: " and match [ErrNoRegion], [*ProfileNotFoundError] or
// [*ConfigFileError] where those apply.
func NewFromOptions(ctx context.Context, o Options) (*Client, error) {
	c, err := newFromOptions(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	}
	return c, nil
}

func newFromOptions(_ context.Context, o Options) (*Client, error) {
	c := &Client{Region: o.Region, Endpoint: o.EndpointURL, MaxAttempts: o.MaxAttempts, Trace: o.Trace, Now: o.Now, Credentials: o.Credentials,
		SkipValidation: o.SkipValidation}
	if o.UserAgentSuffix != "" {
		c.UserAgent = version.UserAgent() + " " + o.UserAgentSuffix
	}
	tr := awsrequest.TransportOptions{ConnectTimeout: o.ConnectTimeout, ReadTimeout: o.ReadTimeout, InsecureSkipVerify: o.InsecureSkipVerify}
	bundle := o.CABundle
	if !o.IgnoreEnvironment {
		cfg, err := awsconfig.Load(awsconfig.Options{Profile: o.Profile, ConfigFile: o.ConfigFile, CredentialsFile: o.CredentialsFile, Getenv: o.Getenv})
		if err != nil {
			return nil, err
		}
		if c.Region == "" {
			if c.Region, err = cfg.Region(); err != nil {
				return nil, err
			}
		}
		if c.Endpoint == "" {
			c.Endpoint = cfg.EndpointURL("EC2")
		}
		if c.Endpoint == "" {
			if c.UseFIPS, err = cfg.UseFIPS(); err != nil {
				return nil, err
			}
			if c.UseDualStack, err = cfg.UseDualStack(); err != nil {
				return nil, err
			}
		}
		if c.MaxAttempts <= 0 {
			if n, ok, err := cfg.MaxAttempts(); err != nil {
				return nil, err
			} else if ok {
				c.MaxAttempts = n
			}
		}
		if tr.ConnectTimeout == 0 {
			if tr.ConnectTimeout, err = profileTimeout(cfg.ConnectTimeout()); err != nil {
				return nil, err
			}
		}
		if tr.ReadTimeout == 0 {
			if tr.ReadTimeout, err = profileTimeout(cfg.ReadTimeout()); err != nil {
				return nil, err
			}
		}
		if bundle == "" {
			bundle = cfg.CABundle()
		}
	}
	if c.Region == "" {
		return nil, ErrNoRegion
	}
	// Report a configuration EC2 cannot be reached with now, not at the first call.
	if _, err := ResolveEndpoint(c.Region, c.Endpoint, c.UseFIPS, c.UseDualStack); err != nil {
		return nil, err
	}
	c.HTTPClient = o.HTTPClient
	if c.HTTPClient == nil {
		if bundle != "" {
			pool, err := loadBundle(bundle)
			if err != nil {
				return nil, err
			}
			tr.RootCAs = pool
		}
		c.HTTPClient = awsrequest.NewHTTPClient(tr)
	}
	if c.Credentials == nil {
		c.Credentials = credentials.NewCache(credentials.NewDefaultChain(credentials.ChainOptions{
			Profile:         o.Profile,
			ConfigFile:      o.ConfigFile,
			CredentialsFile: o.CredentialsFile,
			Region:          c.Region,
			Getenv:          o.Getenv,
			HTTPClient:      c.HTTPClient,
			ConnectTimeout:  tr.ConnectTimeout,
			ReadTimeout:     tr.ReadTimeout,
			MaxAttempts:     c.MaxAttempts,
			Stderr:          o.Stderr,
		}))
	}
	return c, nil
}

// profileTimeout turns a profile's cli_*_timeout into a TransportOptions
// value: unset is zero (the default), the AWS CLI's 0 (no timeout) is
// negative.
func profileTimeout(d time.Duration, ok bool, err error) (time.Duration, error) {
	switch {
	case err != nil:
		return 0, err
	case !ok:
		return 0, nil
	case d == 0:
		return -1, nil
	}
	return d, nil
}

// ErrNoCertificates is matched (with errors.Is) by the error of
// [NewFromOptions] and [NewFromEnvironment] for a CA bundle that holds no
// PEM certificate.
var ErrNoCertificates = errors.New("no PEM certificate found")

// loadBundle reads the certificates of the PEM bundle at path, to be trusted
// instead of the system's roots, as the AWS CLI's ca_bundle is.
func loadBundle(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ca_bundle: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("ca_bundle %s: %w", path, ErrNoCertificates)
	}
	return pool, nil
}
