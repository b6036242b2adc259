package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
)

// Chain is a Provider that tries its providers in order and returns the first credentials
// found. A provider whose error wraps ErrNoCredentials (its source is not configured) is
// skipped; any other error stops the chain and is returned, so that a broken profile or a
// failing credential_process is reported instead of silently replaced by another source. When
// every provider is skipped, the error wraps ErrNoCredentials and joins each provider's reason
// (errors.Join), in order.
//
// A Chain is safe for concurrent use when its providers are; it does not cache.
type Chain []Provider

// ChainError is the error of a Chain none of whose providers found credentials.
// It matches ErrNoCredentials with errors.Is and lists every reason.
type ChainError struct {
	Reasons []error
}

func (e *ChainError) Error() string {
	var b strings.Builder
	b.WriteString(ErrNoCredentials.Error())
	for _, r := range e.Reasons {
		b.WriteString("\n\t")
		b.WriteString(r.Error())
	}
	return b.String()
}

// Unwrap returns ErrNoCredentials and each provider's error.
func (e *ChainError) Unwrap() []error {
	return append([]error{ErrNoCredentials}, e.Reasons...)
}

// Retrieve returns the first provider's credentials.
func (c Chain) Retrieve(ctx context.Context) (Credentials, error) {
	var reasons []error
	for _, p := range c {
		creds, err := p.Retrieve(ctx)
		if err == nil {
			return creds, nil
		}
		if ctx.Err() != nil {
			return Credentials{}, err
		}
		if !errors.Is(err, ErrNoCredentials) {
			return Credentials{}, err
		}
		reasons = append(reasons, err)
	}
	return Credentials{}, &ChainError{Reasons: reasons}
}

// ChainOptions configures NewDefaultChain. The zero value reads the process environment and
// the usual files, like the AWS CLI without --profile.
type ChainOptions struct {
	// Profile is the profile given explicitly (--profile). When set, environment credentials
	// are not used, as in the AWS CLI; when empty, AWS_PROFILE or "default" applies.
	Profile string
	// ConfigFile and CredentialsFile override AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
	ConfigFile, CredentialsFile string
	// Region is the region for STS calls (AssumeRole, AssumeRoleWithWebIdentity); empty means
	// the environment's or the profile's region, else the global STS endpoint.
	Region string
	// Getenv reads environment variables; nil means os.Getenv.
	Getenv func(string) string
	// HTTPClient sends the STS calls (AssumeRole, AssumeRoleWithWebIdentity); nil means a
	// client with ConnectTimeout and ReadTimeout. Pass the client that trusts ca_bundle, if
	// any. The container and instance metadata services are always reached with a
	// proxy-less client of their own, with botocore's shorter per-attempt timeouts. No
	// client follows a redirect.
	HTTPClient *http.Client
	// ConnectTimeout and ReadTimeout configure the STS client when HTTPClient is nil, as
	// the AWS CLI's --cli-connect-timeout and --cli-read-timeout: zero means 60 s, a
	// negative value no bound. ReadTimeout bounds each read, not the whole call.
	ConnectTimeout, ReadTimeout time.Duration
	// MaxAttempts bounds the attempts of each STS call and of the container provider, as
	// AWS_MAX_ATTEMPTS does; zero means their defaults (3).
	MaxAttempts int
	// Stderr receives the stderr of credential_process commands; nil means os.Stderr.
	Stderr io.Writer
}

// NewDefaultChain returns the chain of providers the AWS CLI v2 and the SDKs use (see the
// package documentation for the order). It reads nothing until Retrieve is called; wrap it in
// a Cache.
func NewDefaultChain(o ChainOptions) Chain {
	opts := awsconfig.Options{Profile: o.Profile, ConfigFile: o.ConfigFile, CredentialsFile: o.CredentialsFile, Getenv: o.Getenv}
	hc := o.HTTPClient
	if hc == nil && (o.ConnectTimeout != 0 || o.ReadTimeout != 0) {
		hc = awsrequest.NewHTTPClient(awsrequest.TransportOptions{ConnectTimeout: o.ConnectTimeout, ReadTimeout: o.ReadTimeout})
	}
	var chain Chain
	if o.Profile == "" {
		chain = append(chain, Env{Getenv: o.Getenv})
	}
	chain = append(chain,
		&Profile{Name: o.Profile, ConfigFile: o.ConfigFile, CredentialsFile: o.CredentialsFile, Region: o.Region, Getenv: o.Getenv, HTTPClient: hc, MaxAttempts: o.MaxAttempts, Stderr: o.Stderr},
		&WebIdentity{Getenv: o.Getenv, HTTPClient: hc, MaxAttempts: o.MaxAttempts, resolve: stsFromConfig(opts, o.Region)},
		&Container{Getenv: o.Getenv, Attempts: o.MaxAttempts},
		&IMDS{Getenv: o.Getenv, config: &opts},
	)
	return chain
}

// String lists the providers' types, for debugging.
func (c Chain) String() string {
	names := make([]string, len(c))
	for i, p := range c {
		names[i] = strings.TrimPrefix(fmt.Sprintf("%T", p), "*credentials.")
		names[i] = strings.TrimPrefix(names[i], "credentials.")
	}
	return "Chain(" + strings.Join(names, ", ") + ")"
}
