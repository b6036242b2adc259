// Package credentials finds AWS credentials the way the AWS CLI v2 and the AWS SDKs do, and
// keeps them fresh.
//
// A [Provider] returns [Credentials]. Each source is its own small provider: [Static], [Env],
// [Profile] (the shared config and credentials files, including assume-role, web identity and
// credential_process profiles), [Process], [AssumeRole], [WebIdentity], [Container] (ECS and
// EKS Pod Identity) and [IMDS] (EC2 instance metadata, IMDSv2 only). A [Chain] tries
// providers in order and returns the first success; [NewDefaultChain] builds the chain the AWS
// CLI uses. A [Cache] wraps any provider, refreshes credentials before they expire and shares
// one refresh among concurrent callers:
//
//	creds := credentials.NewCache(credentials.NewDefaultChain(credentials.ChainOptions{}))
//	c, err := creds.Retrieve(ctx)
//
// # Order of the default chain
//
//  1. [Env]: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (skipped when a
//     profile is given explicitly, as the CLI's --profile does).
//  2. [Profile]: the profile of AWS_PROFILE (or "default") in ~/.aws/config and
//     ~/.aws/credentials. Within a profile the order is botocore's: role_arn (AssumeRole from
//     source_profile or credential_source), web_identity_token_file, static keys from the
//     credentials file, credential_process, static keys from the config file.
//  3. [WebIdentity] from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN (EKS IRSA). botocore
//     consults these just before a profile's static keys, so it differs from this order only
//     when both the variables and a profile with keys or credential_process are present.
//  4. [Container]: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI.
//  5. [IMDS]: the EC2 instance role, unless AWS_EC2_METADATA_DISABLED is true.
//
// A provider that finds its source not configured returns an error wrapping [ErrNoCredentials]
// and the chain moves on. A provider whose source is configured but broken (a malformed
// profile, a failing credential_process, STS refusing AssumeRole) stops the chain with its
// error: a broken profile never silently falls through to, say, the instance role.
//
// # SSO
//
// AWS IAM Identity Center (SSO) profiles are supported through credential_process: log in with
// the AWS CLI v2 and let it hand over the cached role credentials,
//
//	[profile work]
//	credential_process = aws configure export-credentials --profile work-sso --format process
//
// where work-sso is the profile with sso_session / sso_account_id / sso_role_name. A profile
// with SSO settings and no credential_process is reported with this advice.
//
// # Secrets
//
// No error, String or fmt verb of this package prints a secret access key or session token.
// Errors name the provider, profile and file instead.
package credentials

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
)

// Credentials are AWS credentials: an access key pair, an optional session token, and when
// they stop working. It is a plain value; its String, GoString and Format methods print the
// access key ID, the source and the expiry but never the secret or the token, so a stray %v
// or %+v in a log cannot leak them.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	// Expires is when the credentials stop working; the zero value means they do not expire.
	Expires time.Time
	// Source names the provider that supplied them, such as "Env" or
	// "Profile(dev)/AssumeRole(arn:aws:iam::123456789012:role/r)"; shown by --debug.
	Source string
}

// CanExpire reports whether the credentials have an expiry time.
func (c Credentials) CanExpire() bool { return !c.Expires.IsZero() }

// Expired reports whether the credentials have expired at time now.
func (c Credentials) Expired(now time.Time) bool { return c.CanExpire() && !now.Before(c.Expires) }

// SigV4 returns the keys and token of c as the signer takes them.
func (c Credentials) SigV4() sigv4.Credentials {
	return sigv4.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}

// HasKeys reports whether both the access key ID and the secret access key are set.
func (c Credentials) HasKeys() bool { return c.AccessKeyID != "" && c.SecretAccessKey != "" }

// String returns a description safe for logs: the access key ID, whether a secret and a token
// are present, the source and the expiry.
func (c Credentials) String() string {
	s := fmt.Sprintf("{AccessKeyID: %s, SecretAccessKey: %s, SessionToken: %s", c.AccessKeyID, redacted(c.SecretAccessKey), redacted(c.SessionToken))
	if c.CanExpire() {
		s += ", Expires: " + c.Expires.UTC().Format(time.RFC3339)
	}
	if c.Source != "" {
		s += ", Source: " + c.Source
	}
	return s + "}"
}

// GoString is String for %#v.
func (c Credentials) GoString() string { return "credentials.Credentials" + c.String() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %q, %x …) prints the
// redacted String form.
func (c Credentials) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, c.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", c.String())
	default:
		fmt.Fprint(f, c.String())
	}
}

func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "<redacted>"
}

// Provider is a source of credentials. Retrieve returns credentials or an error explaining why
// there are none; an error that means "this source is not configured here" wraps
// [ErrNoCredentials]. Implementations are safe for concurrent use by multiple goroutines;
// they do not cache (wrap them in a [Cache] for that) and honour ctx cancellation.
type Provider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// ProviderFunc adapts a function to the Provider interface.
type ProviderFunc func(ctx context.Context) (Credentials, error)

// Retrieve calls f(ctx).
func (f ProviderFunc) Retrieve(ctx context.Context) (Credentials, error) { return f(ctx) }

// ErrNoCredentials is wrapped by the errors of providers whose source is not configured, and
// by the error of a [Chain] none of whose providers found credentials.
var ErrNoCredentials = errors.New("credentials: unable to locate credentials")

// notConfigured returns an error that wraps ErrNoCredentials with a reason.
func notConfigured(provider, format string, args ...any) error {
	return &Error{Provider: provider, Err: fmt.Errorf(format, args...), NotConfigured: true}
}

// Error is the error of one provider. Provider names it (e.g. `Profile(dev)`, `IMDS`);
// Err says what went wrong and never contains a secret. NotConfigured is true when the
// provider's source is simply absent; the error then matches [ErrNoCredentials] with errors.Is.
type Error struct {
	Provider      string
	Err           error
	NotConfigured bool
}

func (e *Error) Error() string { return "credentials: " + e.Provider + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is ErrNoCredentials and the source was not configured.
func (e *Error) Is(target error) bool { return e.NotConfigured && target == ErrNoCredentials }

func errorf(provider, format string, args ...any) error {
	return &Error{Provider: provider, Err: fmt.Errorf(format, args...)}
}

// checkExpiry rejects credentials that have already expired.
func checkExpiry(provider string, c Credentials, now time.Time) (Credentials, error) {
	if c.Expired(now) {
		return Credentials{}, errorf(provider, "credentials for access key %s expired at %s", c.AccessKeyID, c.Expires.UTC().Format(time.RFC3339))
	}
	return c, nil
}

// clock returns now, or time.Now when now is nil. Providers and the Cache keep an unexported
// now field that the package's tests set; nothing in the process is global.
func clock(now func() time.Time) time.Time {
	if now != nil {
		return now()
	}
	return time.Now()
}
