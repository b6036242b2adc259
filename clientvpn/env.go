package clientvpn

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"

	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

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
//	UseFIPS       AWS_USE_FIPS_ENDPOINT, the profile's use_fips_endpoint
//	UseDualStack  AWS_USE_DUALSTACK_ENDPOINT, the profile's use_dualstack_endpoint
//	HTTPClient    trusting AWS_CA_BUNDLE or the profile's ca_bundle when set
//
// Credentials are looked up at the first call, not here; ctx is reserved for
// lookups made while configuring. The returned Client's fields may still be
// adjusted before its first call. The retry mode is always "standard"
// (AWS_RETRY_MODE and retry_mode are not read).
func NewFromEnvironment(ctx context.Context) (*Client, error) {
	return newFromEnvironment(ctx, awsconfig.Options{})
}

func newFromEnvironment(_ context.Context, opts awsconfig.Options) (*Client, error) {
	cfg, err := awsconfig.Load(opts)
	if err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	}
	region, err := cfg.Region()
	if err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	}
	c := &Client{Region: region, Endpoint: cfg.EndpointURL("EC2")}
	if n, ok, err := cfg.MaxAttempts(); err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	} else if ok {
		c.MaxAttempts = n
	}
	if c.UseFIPS, err = cfg.UseFIPS(); err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	}
	if c.UseDualStack, err = cfg.UseDualStack(); err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	}
	// Report a configuration EC2 cannot be reached with now, not at the first call.
	if _, err := ResolveEndpoint(c.Region, c.Endpoint, c.UseFIPS, c.UseDualStack); err != nil {
		return nil, fmt.Errorf("clientvpn: %w", err)
	}
	if bundle := cfg.CABundle(); bundle != "" {
		if c.HTTPClient, err = clientTrusting(bundle); err != nil {
			return nil, fmt.Errorf("clientvpn: %w", err)
		}
	}
	c.Credentials = credentials.NewCache(credentials.NewDefaultChain(credentials.ChainOptions{
		ConfigFile:      opts.ConfigFile,
		CredentialsFile: opts.CredentialsFile,
		Region:          region,
		Getenv:          opts.Getenv,
		HTTPClient:      c.HTTPClient,
	}))
	return c, nil
}

// clientTrusting returns an HTTP client that trusts the certificates of the
// PEM bundle at path instead of the system's roots, as the AWS CLI's
// ca_bundle does.
func clientTrusting(path string) (*http.Client, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ca_bundle: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("ca_bundle %s: no PEM certificate found", path)
	}
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		tr = def.Clone()
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr}, nil
}
