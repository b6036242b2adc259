package clientvpn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
)

const testToken = "FQoGZXIvYXdzEXAMPLETOKENVALUE0123456789abcdef"

// traced is what a test keeps of an Attempt (copied, as the hook's contract
// asks).
type traced struct {
	N, Max          int
	Method, URL     string
	Auth, Token     string
	Status          int
	RequestID       string
	BodyHasToken    bool
	Retryable       bool
	Retry           bool
	Delay           time.Duration
	Err             string
	ResponseBodyLen int
}

// TestTrace: the hook is called once per attempt with the request (secrets
// masked), the answer and the retry decision.
func TestTrace(t *testing.T) {
	// The throttling answer quotes the session token back, as a misbehaving
	// proxy might: the hook must not see it.
	throttle := errorBody("RequestLimitExceeded", "Request limit exceeded for "+testToken+".")
	f := &fakeEC2{answers: []answer{{503, throttle}, {200, pageXML("r-ok", ids("c", 1), "")}}}
	c := newTestClient(f)
	c.Credentials = credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret, SessionToken: testToken}}
	c.rand = func() float64 { return 0.5 }
	var got []traced
	var dump strings.Builder
	c.Trace = func(a *Attempt) {
		fmt.Fprintf(&dump, "%+v %s %s\n", *a, a.Body, a.ResponseBody)
		got = append(got, traced{
			N: a.N, Max: a.MaxAttempts, Method: a.Method, URL: a.URL,
			Auth: a.Header.Get("Authorization")[strings.LastIndex(a.Header.Get("Authorization"), "Signature="):],
			// The token header, and whether the body still holds the token.
			Token: a.Header.Get("X-Amz-Security-Token"), Status: a.StatusCode, RequestID: a.ResponseHeader.Get("X-Amzn-Requestid"),
			BodyHasToken: strings.Contains(string(a.ResponseBody), testToken),
			Retryable:    a.Retryable, Retry: a.Retry, Delay: a.Delay, Err: errString(a.Err), ResponseBodyLen: len(a.ResponseBody),
		})
		if a.Operation != "DescribeClientVpnConnections" || !strings.Contains(string(a.Body), "Action=DescribeClientVpnConnections") {
			t.Errorf("attempt %d: operation %q, body %q", a.N, a.Operation, a.Body)
		}
		if a.Duration <= 0 || a.Start.IsZero() {
			t.Errorf("attempt %d: start %v, duration %v", a.N, a.Start, a.Duration)
		}
	}
	if _, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}); err != nil {
		t.Fatal(err)
	}
	want := []traced{
		{N: 1, Max: 3, Method: "POST", URL: testEndpointURL, Auth: "Signature=REDACTED", Token: "REDACTED", Status: 503,
			Retryable: true, Retry: true, Delay: 1 * time.Second, ResponseBodyLen: len(throttle),
			Err: "ec2xml: RequestLimitExceeded: Request limit exceeded for " + strings.Repeat("*", len(testToken)) +
				". (HTTP 503, request id 11111111-2222-3333-4444-555555555555)"},
		{N: 2, Max: 3, Method: "POST", URL: testEndpointURL, Auth: "Signature=REDACTED", Token: "REDACTED", Status: 200,
			ResponseBodyLen: len(pageXML("r-ok", ids("c", 1), ""))},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	for _, secret := range []string{testSecret, testToken} {
		if strings.Contains(dump.String(), secret) {
			t.Errorf("the hook saw a secret: %s", dump.String())
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestTraceNotRetryable: the decision for a final failure.
func TestTraceNotRetryable(t *testing.T) {
	for _, tc := range []struct {
		name      string
		max       int
		answers   []answer
		want      []bool // Retryable, Retry of each attempt
		wantCalls int
	}{
		{"4xx", 0, []answer{{400, errorBody("InvalidParameterValue", "no")}}, []bool{false, false}, 1},
		{"max attempts reached", 2, []answer{{500, errorBody("InternalError", "oops")}}, []bool{true, true, true, false}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEC2{answers: tc.answers}
			c := newTestClient(f)
			c.MaxAttempts = tc.max
			var got []bool
			c.Trace = func(a *Attempt) { got = append(got, a.Retryable, a.Retry) }
			_, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tc.want, got); diff != "" || f.calls() != tc.wantCalls {
				t.Errorf("retryable, retry per attempt (-want +got):\n%s calls %d", diff, f.calls())
			}
			if got := Retryable(err); got != tc.want[len(tc.want)-2] {
				t.Errorf("Retryable(%v) = %v", err, got)
			}
		})
	}
}

// TestNewFromOptions: the overrides win over the environment and the files.
func TestNewFromOptions(t *testing.T) {
	config := "[default]\nregion = eu-west-1\nmax_attempts = 7\ncli_read_timeout = 5\ncli_connect_timeout = 0\n" +
		"[profile other]\nregion = ap-south-1\n"
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": testSecret}
	type settings struct {
		Region, Endpoint                    string
		MaxAttempts                         int
		UseFIPS                             bool
		ResponseHeaderTimeout, DialTLSBound time.Duration
		Insecure                            bool
		UserAgent                           string
	}
	for _, tc := range []struct {
		name   string
		opts   Options
		env    map[string]string
		want   settings
		reason string
	}{
		{
			name: "from the profile", want: settings{Region: "eu-west-1", MaxAttempts: 7, ResponseHeaderTimeout: 5 * time.Second},
			reason: "region, max_attempts, cli_read_timeout and cli_connect_timeout = 0 (no bound) from the profile",
		},
		{
			name: "overrides", opts: Options{Region: "us-west-2", EndpointURL: "http://127.0.0.1:1", MaxAttempts: 2,
				ReadTimeout: 3 * time.Second, ConnectTimeout: 4 * time.Second, InsecureSkipVerify: true, UserAgentSuffix: "cli/1"},
			env: map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"},
			want: settings{Region: "us-west-2", Endpoint: "http://127.0.0.1:1", MaxAttempts: 2, ResponseHeaderTimeout: 3 * time.Second,
				DialTLSBound: 4 * time.Second, Insecure: true, UserAgent: "cli/1"},
			reason: "every option wins; an endpoint URL turns FIPS off",
		},
		{
			name: "profile", opts: Options{Profile: "other", ReadTimeout: -1},
			want:   settings{Region: "ap-south-1", ResponseHeaderTimeout: 0, DialTLSBound: 60 * time.Second},
			reason: "the named profile; a negative timeout is no bound",
		},
		{
			name: "FIPS", env: map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"},
			want:   settings{Region: "eu-west-1", MaxAttempts: 7, UseFIPS: true, ResponseHeaderTimeout: 5 * time.Second},
			reason: "FIPS without an endpoint URL",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := map[string]string{}
			for k, v := range env {
				e[k] = v
			}
			for k, v := range tc.env {
				e[k] = v
			}
			o := envOptions(t, config, e)
			tc.opts.ConfigFile, tc.opts.CredentialsFile, tc.opts.Getenv = o.ConfigFile, o.CredentialsFile, o.Getenv
			c, err := NewFromOptions(context.Background(), tc.opts)
			if err != nil {
				t.Fatalf("%v (%s)", err, tc.reason)
			}
			tr := awsrequest.BaseTransport(c.HTTPClient.Transport)
			got := settings{Region: c.Region, Endpoint: c.Endpoint, MaxAttempts: c.MaxAttempts, UseFIPS: c.UseFIPS,
				ResponseHeaderTimeout: tr.ResponseHeaderTimeout, DialTLSBound: tr.TLSHandshakeTimeout,
				Insecure: tr.TLSClientConfig.InsecureSkipVerify, UserAgent: c.UserAgent}
			if got.UserAgent != "" {
				got.UserAgent = got.UserAgent[strings.LastIndexByte(got.UserAgent, ' ')+1:]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("settings (-want +got) (%s):\n%s", tc.reason, diff)
			}
			if _, ok := c.Credentials.(*credentials.Cache); !ok {
				t.Errorf("Credentials is %T, want the refreshing *credentials.Cache", c.Credentials)
			}
		})
	}

	t.Run("errors", func(t *testing.T) {
		o := envOptions(t, "[default]\nregion = eu-west-1\n", nil)
		for _, tc := range []struct {
			opts  Options
			match func(error) bool
		}{
			{Options{Profile: "missing"}, func(err error) bool { var e *ProfileNotFoundError; return errors.As(err, &e) }},
			{Options{IgnoreEnvironment: true}, func(err error) bool { return errors.Is(err, ErrNoRegion) }},
		} {
			tc.opts.ConfigFile, tc.opts.CredentialsFile, tc.opts.Getenv = o.ConfigFile, o.CredentialsFile, o.Getenv
			if _, err := NewFromOptions(context.Background(), tc.opts); err == nil || !tc.match(err) || !strings.HasPrefix(err.Error(), "clientvpn: ") {
				t.Errorf("NewFromOptions(%+v) = %v", tc.opts, err)
			}
		}
	})
}

// TestNewFromOptionsIgnoreEnvironment: only the options configure the
// client; the environment's keys and region are not read.
func TestNewFromOptionsIgnoreEnvironment(t *testing.T) {
	t.Setenv("AWS_REGION", "eu-west-3")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
	c, err := NewFromOptions(context.Background(), Options{IgnoreEnvironment: true, Region: "us-east-1", Credentials: testCreds})
	if err != nil {
		t.Fatal(err)
	}
	if c.Region != "us-east-1" || c.Credentials != credentials.Provider(testCreds) {
		t.Errorf("Region %q, Credentials %T", c.Region, c.Credentials)
	}
}

// stallingServer answers with headers and the start of a body, then goes
// silent until the test ends.
func stallingServer(t *testing.T) string {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.WriteHeader(200)
		w.Write([]byte("<DescribeClientVpnConnectionsResponse>"))
		w.(http.Flusher).Flush()
		select {
		case <-done:
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	t.Cleanup(func() { close(done); srv.Close() })
	return srv.URL
}

// TestReadTimeout: a body that stalls fails the call after the read
// timeout, even with a context that has no deadline; before, the call hung
// for as long as the server stayed silent.
func TestReadTimeout(t *testing.T) {
	url := stallingServer(t)
	c, err := NewFromOptions(context.Background(), Options{
		IgnoreEnvironment: true, Region: "us-east-1", EndpointURL: url, Credentials: testCreds,
		ReadTimeout: 200 * time.Millisecond, MaxAttempts: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	var attempts atomic.Int32
	c.Trace = func(a *Attempt) { attempts.Add(1) }
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a safety net only
	defer cancel()
	start := time.Now()
	_, err = c.DescribeClientVpnConnections(ctx, &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
	var netErr net.Error
	if !errors.Is(err, ErrReadTimeout) || !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Fatalf("err = %v, want a read timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if attempts.Load() != 2 {
		t.Errorf("%d attempts, want 2: a read timeout is retried", attempts.Load())
	}
}

// TestDefaultTransportTimeouts: a Client without an HTTP client gets the
// documented timeouts.
func TestDefaultTransportTimeouts(t *testing.T) {
	hc := awsrequest.DefaultHTTPClient()
	tr := awsrequest.BaseTransport(hc.Transport)
	if tr == nil || tr.ResponseHeaderTimeout != DefaultReadTimeout || tr.TLSHandshakeTimeout != DefaultConnectTimeout || hc.Timeout != 0 {
		t.Fatalf("default transport %+v", tr)
	}
	if hc.Transport == http.RoundTripper(tr) {
		t.Error("the default transport has no idle-read timeout on the body")
	}
}

// TestNoRedirect: a 3xx answer is an error naming the status, and the
// redirect target receives nothing, whatever the HTTP client's policy.
func TestNoRedirect(t *testing.T) {
	var stolen atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
		w.Write([]byte(pageXML("r-stolen", nil, "")))
	}))
	defer target.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/", http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	for _, tc := range []struct {
		name string
		hc   *http.Client
	}{
		{"default client", nil},
		{"caller's client following redirects", &http.Client{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Client{Region: "us-east-1", Endpoint: redirector.URL, Credentials: testCreds, HTTPClient: tc.hc, MaxAttempts: 3}
			_, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
			var re *RedirectError
			if !errors.As(err, &re) || re.StatusCode != 307 || !strings.Contains(err.Error(), "307") || Retryable(err) {
				t.Errorf("err = %v, want a RedirectError for HTTP 307", err)
			}
			if n := stolen.Load(); n != 0 {
				t.Errorf("the redirect target received %d requests", n)
			}
		})
	}
}

// TestClientFormat: no fmt verb prints a Client's secrets, before or after
// a call (which fills the signing-key cache).
func TestClientFormat(t *testing.T) {
	f := &fakeEC2{answers: []answer{{200, pageXML("r", nil, "")}}}
	c := newTestClient(f)
	c.Credentials = credentials.NewCache(credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret, SessionToken: testToken}})
	check := func(when string) {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			for _, v := range []any{c, struct{ C *Client }{c}} {
				s := fmt.Sprintf(verb, v)
				if strings.Contains(s, testSecret) || strings.Contains(s, testToken) {
					t.Errorf("%s: %s of %T prints a secret: %s", when, verb, v, s)
				}
			}
		}
	}
	check("before a call")
	if _, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}); err != nil {
		t.Fatal(err)
	}
	check("after a call")
}
