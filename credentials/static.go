package credentials

import (
	"context"
	"os"
)

// Static is a Provider that returns fixed credentials, for tests and for keys the program
// already holds. An empty access key ID or secret is an error wrapping ErrNoCredentials.
type Static struct {
	Credentials Credentials
}

// Retrieve returns s.Credentials, with Source "Static" unless it names one. Credentials
// whose Expires has passed are an error.
func (s Static) Retrieve(ctx context.Context) (Credentials, error) {
	c := s.Credentials
	if !c.HasKeys() {
		return Credentials{}, notConfigured("Static", "no access key ID and secret access key")
	}
	if c.Source == "" {
		c.Source = "Static"
	}
	return checkExpiry(c.Source, c, clock(nil))
}

// Env is a Provider that reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN
// (AWS_SECRET_KEY, AWS_ACCESS_KEY and AWS_SECURITY_TOKEN are not read: the AWS CLI ignores them).
// AWS_CREDENTIAL_EXPIRATION (RFC 3339), when set, becomes Expires. The zero value reads the
// process environment on every call.
type Env struct {
	// Getenv reads environment variables; nil means os.Getenv.
	Getenv func(string) string
}

// Retrieve reads the environment. Neither key set is ErrNoCredentials; only one of them set is
// an error naming the missing variable.
func (e Env) Retrieve(ctx context.Context) (Credentials, error) {
	getenv := e.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Credentials{
		AccessKeyID:     getenv("AWS_ACCESS_KEY_ID"),
		SecretAccessKey: getenv("AWS_SECRET_ACCESS_KEY"),
		SessionToken:    getenv("AWS_SESSION_TOKEN"),
		Source:          "Env",
	}
	switch {
	case c.AccessKeyID == "" && c.SecretAccessKey == "":
		return Credentials{}, notConfigured("Env", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
	case c.AccessKeyID == "":
		return Credentials{}, &Error{Provider: "Env", Err: &PartialCredentialsError{Present: "AWS_SECRET_ACCESS_KEY", Missing: "AWS_ACCESS_KEY_ID"}}
	case c.SecretAccessKey == "":
		return Credentials{}, &Error{Provider: "Env", Err: &PartialCredentialsError{Present: "AWS_ACCESS_KEY_ID", Missing: "AWS_SECRET_ACCESS_KEY"}}
	}
	if exp := getenv("AWS_CREDENTIAL_EXPIRATION"); exp != "" {
		t, err := parseTime(exp)
		if err != nil {
			return Credentials{}, errorf("Env", "AWS_CREDENTIAL_EXPIRATION: %v", err)
		}
		c.Expires = t
		return checkExpiry("Env", c, clock(nil))
	}
	return c, nil
}
