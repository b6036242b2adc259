package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
	"github.com/ec2lite/ec2lite/internal/partition"
	"github.com/ec2lite/ec2lite/query"
	"github.com/ec2lite/ec2lite/sigv4"
)

const stsVersion = "2011-06-15"

// STSEndpoint returns the URL of the regional STS endpoint and the region to sign for, as
// botocore's STS endpoint rules compute them (sts_regional_endpoints = regional):
// https://sts.REGION.DNS-SUFFIX, the DNS suffix being that of the region's partition
// (amazonaws.com, amazonaws.com.cn, amazonaws.eu, c2s.ic.gov, …), or the global
// https://sts.amazonaws.com signed for us-east-1 when region is empty or "aws-global".
func STSEndpoint(region string) (endpoint, signingRegion string) {
	if region == "" || region == "aws-global" {
		return "https://sts.amazonaws.com/", "us-east-1"
	}
	return "https://sts." + region + "." + partition.Of(region).DNSSuffix + "/", region
}

// stsCall sends one STS Query call through the shared request pipeline and decodes the
// Credentials of its result. sign nil sends it unsigned.
// secrets are values in body that no error may quote back.
func stsCall(ctx context.Context, client *http.Client, maxAttempts int, endpoint, region, op string, body []byte, sign Provider, secrets ...string) (Credentials, string, error) {
	target, signRegion := STSEndpoint(region)
	if endpoint != "" {
		target = endpoint
		if signRegion = region; signRegion == "" {
			signRegion = "us-east-1"
		}
	}
	req := &awsrequest.Request{Operation: op, URL: target, Service: "sts", Region: signRegion, Body: body, Secrets: secrets}
	if sign != nil {
		req.Credentials = func(ctx context.Context) (sigv4.Credentials, error) {
			c, err := sign.Retrieve(ctx)
			if err != nil {
				return sigv4.Credentials{}, err
			}
			return c.SigV4(), nil
		}
	}
	rc := &awsrequest.Client{HTTPClient: client, MaxAttempts: maxAttempts}
	var (
		creds Credentials
		arn   string
	)
	err := rc.Do(ctx, req, func(status int, b []byte) error {
		var err error
		creds, arn, err = decodeSTSCredentials(b)
		return err
	})
	return creds, arn, err
}

// decodeSTSCredentials reads <Credentials> and <AssumedRoleUser><Arn> from an AssumeRole or
// AssumeRoleWithWebIdentity response; it copies what it keeps.
func decodeSTSCredentials(body []byte) (Credentials, string, error) {
	d := ec2xml.NewDecoder(body)
	var (
		c        Credentials
		arn      string
		exp      string
		sawCreds bool
		inUser   bool
	)
	for {
		k, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Credentials{}, "", fmt.Errorf("decoding the STS response: %w", err)
		}
		switch k {
		case ec2xml.EndElement:
			if string(d.Name()) == "AssumedRoleUser" {
				inUser = false
			}
			continue
		case ec2xml.StartElement:
		default:
			continue
		}
		switch string(d.Name()) {
		case "Credentials":
			sawCreds = true
		case "AssumedRoleUser":
			inUser = true
		case "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "Arn":
			name := string(d.Name())
			t, err := d.ReadText()
			if err != nil {
				return Credentials{}, "", fmt.Errorf("decoding the STS response: %w", err)
			}
			switch name {
			case "AccessKeyId":
				c.AccessKeyID = string(t)
			case "SecretAccessKey":
				c.SecretAccessKey = string(t)
			case "SessionToken":
				c.SessionToken = string(t)
			case "Expiration":
				exp = string(t)
			case "Arn":
				if inUser {
					arn = string(t)
				}
			}
		}
	}
	if !sawCreds || !c.HasKeys() {
		return Credentials{}, "", errors.New("the STS response has no Credentials")
	}
	if exp != "" {
		t, err := parseTime(exp)
		if err != nil {
			return Credentials{}, "", fmt.Errorf("the STS response's Expiration: %v", err)
		}
		c.Expires = t
	}
	return c, arn, nil
}

// AssumeRole is a Provider that calls STS AssumeRole, signed with the credentials of Source,
// as a profile with role_arn does.
type AssumeRole struct {
	// Source supplies the credentials that sign the call.
	Source Provider
	// RoleARN is the role to assume (required).
	RoleARN string
	// RoleSessionName names the session; empty means "ec2lite-session-UNIXTIME".
	RoleSessionName string
	// ExternalID is sent as ExternalId when set.
	ExternalID string
	// Duration is sent as DurationSeconds when non-zero (STS's default is one hour).
	Duration time.Duration
	// Region selects the regional STS endpoint; empty means the global endpoint.
	Region string
	// Endpoint, when set, replaces the STS endpoint URL (AWS_ENDPOINT_URL_STS).
	Endpoint string
	// HTTPClient sends the request; nil means a client with the default
	// timeouts (60 s to connect, 60 s per read). No redirect is followed.
	HTTPClient *http.Client
	// MaxAttempts bounds the attempts of the STS call; zero means 3.
	MaxAttempts int
	// Name labels errors and Source; empty means "AssumeRole".
	Name string

	now func() time.Time
}

// Retrieve assumes the role.
func (a *AssumeRole) Retrieve(ctx context.Context) (Credentials, error) {
	name := a.Name
	if name == "" {
		name = "AssumeRole"
	}
	if a.RoleARN == "" {
		return Credentials{}, errorf(name, "no role ARN")
	}
	if a.Source == nil {
		return Credentials{}, errorf(name, "no source credentials for role %s", a.RoleARN)
	}
	// Resolve the source first, so that its failure is reported as such and is never taken
	// for "no credentials configured" by a Chain.
	src, err := a.Source.Retrieve(ctx)
	if err != nil {
		return Credentials{}, sourceError(name, a.RoleARN, err)
	}
	var e query.Encoder
	e.Reset(make([]byte, 0, 256), "AssumeRole", stsVersion)
	e.String("RoleArn", a.RoleARN)
	e.String("RoleSessionName", sessionName(a.RoleSessionName, clock(a.now)))
	if a.Duration > 0 {
		e.Int("DurationSeconds", int64(a.Duration/time.Second))
	}
	if a.ExternalID != "" {
		e.String("ExternalId", a.ExternalID)
	}
	c, arn, err := stsCall(ctx, a.HTTPClient, a.MaxAttempts, a.Endpoint, a.Region, "AssumeRole", e.Bytes(),
		ProviderFunc(func(context.Context) (Credentials, error) { return src, nil }))
	if err != nil {
		return Credentials{}, &Error{Provider: name, Err: fmt.Errorf("role %s: %w", a.RoleARN, err)}
	}
	c.Source = name + "(" + firstNonEmpty(arn, a.RoleARN) + ")"
	return checkExpiry(name, c, clock(a.now))
}

func sourceError(name, role string, err error) error {
	if errors.Is(err, ErrNoCredentials) {
		// Break the ErrNoCredentials chain: a configured role without source credentials
		// is a broken configuration, not an absent one.
		return errorf(name, "role %s: source credentials: %v", role, err)
	}
	return &Error{Provider: name, Err: fmt.Errorf("role %s: source credentials: %w", role, err)}
}

func sessionName(name string, now time.Time) string {
	if name != "" {
		return name
	}
	return "ec2lite-session-" + strconv.FormatInt(now.Unix(), 10)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// WebIdentity is a Provider that calls STS AssumeRoleWithWebIdentity, unsigned, with the
// OIDC token read from TokenFile on every call (EKS IAM Roles for Service Accounts, GitHub
// Actions and other OIDC providers). When TokenFile and RoleARN are both empty it reads
// AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME, and neither being set
// is ErrNoCredentials.
type WebIdentity struct {
	TokenFile       string
	RoleARN         string
	RoleSessionName string // empty means "ec2lite-session-UNIXTIME"
	Duration        time.Duration
	// Region selects the regional STS endpoint; empty means the global endpoint.
	Region string
	// Endpoint, when set, replaces the STS endpoint URL.
	Endpoint string
	// HTTPClient sends the request; nil means a client with the default
	// timeouts (60 s to connect, 60 s per read). No redirect is followed.
	HTTPClient *http.Client
	// MaxAttempts bounds the attempts of the STS call; zero means 3.
	MaxAttempts int
	// Getenv reads environment variables; nil means os.Getenv.
	Getenv func(string) string
	// Name labels errors and Source; empty means "WebIdentity".
	Name string

	// resolve, when set (by NewDefaultChain), supplies Region and Endpoint from the shared
	// configuration at call time.
	resolve func() (region, endpoint string)
	now     func() time.Time
}

// Retrieve reads the token and exchanges it for credentials.
func (w *WebIdentity) Retrieve(ctx context.Context) (Credentials, error) {
	name := w.Name
	if name == "" {
		name = "WebIdentity"
	}
	tokenFile, role, session := w.TokenFile, w.RoleARN, w.RoleSessionName
	if tokenFile == "" && role == "" {
		getenv := w.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		tokenFile, role = getenv("AWS_WEB_IDENTITY_TOKEN_FILE"), getenv("AWS_ROLE_ARN")
		if session == "" {
			session = getenv("AWS_ROLE_SESSION_NAME")
		}
		switch {
		case tokenFile == "" && role == "":
			return Credentials{}, notConfigured(name, "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set")
		case role == "":
			return Credentials{}, errorf(name, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
		case tokenFile == "":
			return Credentials{}, errorf(name, "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not")
		}
	}
	if role == "" {
		return Credentials{}, errorf(name, "web_identity_token_file %s needs a role_arn", tokenFile)
	}
	if tokenFile == "" {
		return Credentials{}, errorf(name, "role %s needs a web identity token file", role)
	}
	token, err := readTokenFile(ctx, tokenFile)
	if err != nil {
		return Credentials{}, errorf(name, "reading the web identity token: %v", err)
	}
	tok := strings.TrimSpace(string(token))
	if tok == "" {
		return Credentials{}, errorf(name, "the web identity token file %s is empty", tokenFile)
	}
	region, endpoint := w.Region, w.Endpoint
	if w.resolve != nil && region == "" && endpoint == "" {
		region, endpoint = w.resolve()
	}
	var e query.Encoder
	e.Reset(make([]byte, 0, 256+len(tok)), "AssumeRoleWithWebIdentity", stsVersion)
	e.String("RoleArn", role)
	e.String("RoleSessionName", sessionName(session, clock(w.now)))
	e.String("WebIdentityToken", tok)
	if w.Duration > 0 {
		e.Int("DurationSeconds", int64(w.Duration/time.Second))
	}
	c, arn, err := stsCall(ctx, w.HTTPClient, w.MaxAttempts, endpoint, region, "AssumeRoleWithWebIdentity", e.Bytes(), nil, tok)
	if err != nil {
		return Credentials{}, &Error{Provider: name, Err: fmt.Errorf("role %s: %w", role, err)}
	}
	c.Source = name + "(" + firstNonEmpty(arn, role) + ")"
	return checkExpiry(name, c, clock(w.now))
}

// validEndpoint checks an endpoint override early, for a clearer error.
func validEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("endpoint URL %q is not an http or https URL", s)
	}
	return nil
}
