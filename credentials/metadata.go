package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
)

// maxMetadataBody bounds the bodies read from the container and instance metadata services.
const maxMetadataBody = 64 << 10

// linkLocalTransport talks to the metadata services: never through a proxy (HTTP_PROXY must not
// see link-local requests), short dial timeout, a few idle connections.
var linkLocalTransport = &http.Transport{
	Proxy:                 nil,
	DialContext:           (&net.Dialer{Timeout: time.Second, KeepAlive: 30 * time.Second}).DialContext,
	MaxIdleConns:          4,
	IdleConnTimeout:       30 * time.Second,
	ResponseHeaderTimeout: 5 * time.Second,
	TLSHandshakeTimeout:   5 * time.Second,
}

// linkLocalClient follows no redirect: a redirect would carry the container authorization
// token or the IMDS session token to another host.
var linkLocalClient = &http.Client{Transport: linkLocalTransport, CheckRedirect: awsrequest.NoRedirect}

// metadataCreds is the JSON both the container endpoint and IMDS return.
type metadataCreds struct {
	Code            string
	Message         string
	AccessKeyID     string `json:"AccessKeyId"`
	SecretAccessKey string
	Token           string
	Expiration      string
}

// decodeMetadataCreds parses the credentials JSON without ever quoting it.
func decodeMetadataCreds(body []byte, now time.Time) (Credentials, error) {
	var m metadataCreds
	if err := json.Unmarshal(body, &m); err != nil {
		return Credentials{}, errors.New("response is not the credentials JSON")
	}
	if m.Code != "" && m.Code != "Success" {
		return Credentials{}, fmt.Errorf("response code %s: %s", m.Code, m.Message)
	}
	if m.AccessKeyID == "" || m.SecretAccessKey == "" {
		return Credentials{}, errors.New("response lacks AccessKeyId or SecretAccessKey")
	}
	c := Credentials{AccessKeyID: m.AccessKeyID, SecretAccessKey: m.SecretAccessKey, SessionToken: m.Token}
	return withExpiration(c, m.Expiration, "the Expiration", now)
}

// statusError describes a non-2xx answer; it quotes only an error JSON's code and message.
func statusError(resp *http.Response, body []byte) error {
	var m struct{ Code, Message, Error string }
	_ = json.Unmarshal(body, &m)
	msg := fmt.Sprintf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	if m.Code != "" {
		msg += ": " + m.Code
	}
	if m.Message != "" {
		msg += ": " + truncate(m.Message, 200)
	} else if m.Error != "" {
		msg += ": " + truncate(m.Error, 200)
	}
	return errors.New(msg)
}

// unquote masks the authorization token wherever an error answer quotes it.
func unquote(body []byte, token string) []byte {
	if len(token) < 8 {
		return body
	}
	return bytes.ReplaceAll(body, []byte(token), []byte("<redacted>"))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// do sends req with a per-attempt timeout and returns the status and (bounded) body. It
// follows no redirect, whatever client's CheckRedirect: a 3xx answer is an error naming
// its status.
func do(ctx context.Context, client *http.Client, req *http.Request, timeout time.Duration) (*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if client != linkLocalClient {
		client = awsrequest.WithoutRedirects(client)
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return nil, nil, &awsrequest.RedirectError{StatusCode: resp.StatusCode, Location: resp.Header.Get("Location")}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxMetadataBody))
	if err != nil {
		return nil, nil, err
	}
	return resp, body, nil
}

// Container is a Provider for the ECS task role and EKS Pod Identity: it fetches credentials
// from AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (appended to http://169.254.170.2) or
// AWS_CONTAINER_CREDENTIALS_FULL_URI. A full URI must use https, or http to a loopback address,
// localhost, 169.254.170.2 (ECS), 169.254.170.23 or fd00:ec2::23 (EKS). The Authorization header
// is the content of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, re-read on every call (EKS rotates
// it), or else AWS_CONTAINER_AUTHORIZATION_TOKEN. Neither URI set is ErrNoCredentials.
type Container struct {
	// Getenv reads environment variables; nil means os.Getenv.
	Getenv func(string) string
	// HTTPClient sends the requests; nil means a client that never uses a proxy.
	HTTPClient *http.Client
	// Timeout bounds each attempt (default 2 s) and Attempts counts them (default 3), as botocore.
	Timeout  time.Duration
	Attempts int

	now func() time.Time
}

const ecsHost = "169.254.170.2"

// Retrieve fetches the credentials.
func (c *Container) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "Container"
	getenv := c.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	var target string
	if rel := getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel != "" {
		target = "http://" + ecsHost + rel
	} else if full := getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI"); full != "" {
		if err := checkContainerURI(full); err != nil {
			return Credentials{}, errorf(name, "AWS_CONTAINER_CREDENTIALS_FULL_URI: %v", err)
		}
		target = full
	} else {
		return Credentials{}, notConfigured(name, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set")
	}
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return Credentials{}, errorf(name, "bad credentials URI: %v", err)
	}
	req.Header.Set("Accept", "application/json")
	token := getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN")
	if file := getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file != "" {
		b, err := readTokenFile(ctx, file)
		if err != nil {
			return Credentials{}, errorf(name, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: %v", err)
		}
		token = strings.TrimSpace(string(b))
	}
	if token != "" {
		if strings.ContainsAny(token, "\r\n") {
			return Credentials{}, errorf(name, "the container authorization token contains a line break")
		}
		req.Header.Set("Authorization", token)
	}
	client := c.HTTPClient
	if client == nil {
		client = linkLocalClient
	}
	timeout, attempts := c.Timeout, c.Attempts
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	if attempts <= 0 {
		attempts = 3
	}
	var lastErr error
	for i := 0; i < attempts; i++ {
		resp, body, err := do(ctx, client, req, timeout)
		if ctx.Err() != nil {
			return Credentials{}, &Error{Provider: name, Err: ctx.Err()}
		}
		switch {
		case err != nil:
			lastErr = fmt.Errorf("GET %s: %w", redactURL(target), err)
			continue
		case resp.StatusCode >= 500:
			lastErr = fmt.Errorf("GET %s: %w", redactURL(target), statusError(resp, unquote(body, token)))
			continue
		case resp.StatusCode != http.StatusOK:
			return Credentials{}, errorf(name, "GET %s: %v", redactURL(target), statusError(resp, unquote(body, token)))
		}
		creds, err := decodeMetadataCreds(body, clock(c.now))
		if err != nil {
			return Credentials{}, errorf(name, "GET %s: %v", redactURL(target), err)
		}
		creds.Source = name
		return creds, nil
	}
	return Credentials{}, &Error{Provider: name, Err: lastErr}
}

// redactURL drops any userinfo and query from a URL for error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}

func checkContainerURI(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return errors.New("not a URL")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		switch host {
		case "localhost", ecsHost, "169.254.170.23":
			return nil
		}
		if ip := net.ParseIP(host); ip != nil && (ip.IsLoopback() || ip.Equal(net.ParseIP("fd00:ec2::23"))) {
			return nil
		}
		return fmt.Errorf("http is allowed only to loopback, %s, 169.254.170.23 or fd00:ec2::23, not %s", ecsHost, host)
	}
	return fmt.Errorf("scheme must be https or http, not %q", u.Scheme)
}

// IMDS is a Provider for the role of an EC2 instance, from the instance metadata service,
// IMDSv2 only: it PUTs /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds, then GETs
// /latest/meta-data/iam/security-credentials/ for the role name and that role's credentials,
// sending the token as X-aws-ec2-metadata-token.
//
// Off EC2 the service does not answer; each attempt is bounded by Timeout (default 1 s, or
// AWS_METADATA_SERVICE_TIMEOUT) and there is one attempt unless Attempts (or
// AWS_METADATA_SERVICE_NUM_ATTEMPTS) says more, so a laptop waits at most about a second.
// (In the default chain, the profile's metadata_service_timeout, metadata_service_num_attempts
// and ec2_metadata_service_endpoint[_mode] apply too, as in the AWS CLI.)
// AWS_EC2_METADATA_DISABLED=true turns the provider off. An unreachable service or an instance
// without a role is ErrNoCredentials.
type IMDS struct {
	// Endpoint is the service's base URL; empty means AWS_EC2_METADATA_SERVICE_ENDPOINT, else
	// http://[fd00:ec2::254] when AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is IPv6, else
	// http://169.254.169.254.
	Endpoint string
	// Getenv reads environment variables; nil means os.Getenv.
	Getenv func(string) string
	// HTTPClient sends the requests; nil means a client that never uses a proxy.
	HTTPClient *http.Client
	Timeout    time.Duration
	Attempts   int

	// config, when set (by NewDefaultChain and credential_source), lets the profile's
	// ec2_metadata_service_endpoint[_mode], metadata_service_timeout and
	// metadata_service_num_attempts apply after their environment variables.
	config *awsconfig.Options
	now    func() time.Time
}

// Retrieve fetches the instance role's credentials.
func (m *IMDS) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "IMDS"
	getenv := m.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	// setting reads an environment variable, else the profile's key (when the IMDS came
	// from NewDefaultChain or a credential_source and the shared files could be read).
	var profile *awsconfig.Profile
	if m.config != nil {
		if cfg, err := awsconfig.Load(*m.config); err == nil {
			profile = cfg.Current()
		}
	}
	setting := func(env, key string) string {
		if v := getenv(env); v != "" {
			return v
		}
		return profile.Value(key)
	}
	if strings.EqualFold(getenv("AWS_EC2_METADATA_DISABLED"), "true") {
		return Credentials{}, notConfigured(name, "AWS_EC2_METADATA_DISABLED is true")
	}
	endpoint := m.Endpoint
	if endpoint == "" {
		endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")
	}
	if endpoint == "" {
		endpoint = "http://169.254.169.254"
		if strings.EqualFold(setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode"), "IPv6") {
			endpoint = "http://[fd00:ec2::254]"
		}
	}
	endpoint = strings.TrimRight(endpoint, "/")
	timeout, attempts := m.Timeout, m.Attempts
	if timeout <= 0 {
		timeout = time.Second
		if v, err := strconv.ParseFloat(setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), 64); err == nil && v > 0 && v < 3600 {
			timeout = time.Duration(v * float64(time.Second))
		}
	}
	if attempts <= 0 {
		attempts = 1
		if v, err := strconv.Atoi(setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts")); err == nil && v > 0 && v <= 10 {
			attempts = v
		}
	}
	client := m.HTTPClient
	if client == nil {
		client = linkLocalClient
	}
	call := func(method, path, token string) (*http.Response, []byte, error) {
		var lastErr error
		for i := 0; i < attempts; i++ {
			req, err := http.NewRequest(method, endpoint+path, nil)
			if err != nil {
				return nil, nil, err
			}
			if token == "" {
				req.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", "21600")
			} else {
				req.Header.Set("X-aws-ec2-metadata-token", token)
			}
			resp, body, err := do(ctx, client, req, timeout)
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if err == nil && resp.StatusCode < 500 {
				return resp, body, nil
			}
			if err == nil {
				err = statusError(resp, body)
			}
			lastErr = fmt.Errorf("%s %s: %w", method, path, err)
		}
		return nil, nil, lastErr
	}

	resp, body, err := call(http.MethodPut, "/latest/api/token", "")
	if ctx.Err() != nil {
		return Credentials{}, &Error{Provider: name, Err: ctx.Err()}
	}
	if err != nil {
		return Credentials{}, notConfigured(name, "no instance metadata service at %s (%v)", endpoint, err)
	}
	if resp.StatusCode != http.StatusOK {
		return Credentials{}, notConfigured(name, "PUT /latest/api/token at %s: %v", endpoint, statusError(resp, body))
	}
	token := strings.TrimSpace(string(body))

	const credsPath = "/latest/meta-data/iam/security-credentials/"
	resp, body, err = call(http.MethodGet, credsPath, token)
	if err != nil {
		return Credentials{}, notConfigured(name, "%v", err)
	}
	if resp.StatusCode == http.StatusNotFound {
		return Credentials{}, notConfigured(name, "the instance has no IAM role attached")
	}
	if resp.StatusCode != http.StatusOK {
		return Credentials{}, errorf(name, "GET %s: %v", credsPath, statusError(resp, body))
	}
	role, _, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
	role = strings.TrimSpace(role)
	if role == "" {
		return Credentials{}, notConfigured(name, "the instance has no IAM role attached")
	}
	resp, body, err = call(http.MethodGet, credsPath+url.PathEscape(role), token)
	if err != nil {
		return Credentials{}, errorf(name, "%v", err)
	}
	if resp.StatusCode != http.StatusOK {
		return Credentials{}, errorf(name, "GET %s%s: %v", credsPath, role, statusError(resp, body))
	}
	creds, err := decodeMetadataCreds(body, clock(m.now))
	if err != nil {
		return Credentials{}, errorf(name, "role %s: %v", role, err)
	}
	creds.Source = name + "(" + role + ")"
	return creds, nil
}
