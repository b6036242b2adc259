package awsrequest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/sigv4"
)

const (
	testURL    = "https://ec2.us-east-1.amazonaws.com/"
	testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testBody   = "Action=DescribeClientVpnConnections&Version=2016-11-15&ClientVpnEndpointId=cvpn-endpoint-0123456789abcdef0"
	okBody     = `<?xml version="1.0" encoding="UTF-8"?><DescribeClientVpnConnectionsResponse><requestId>r-1</requestId></DescribeClientVpnConnectionsResponse>`
)

var testCreds = sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret, SessionToken: "SESSIONTOKENSECRET"}

func staticCreds(context.Context) (sigv4.Credentials, error) { return testCreds, nil }

func newRequest() *Request {
	return &Request{
		Operation:   "DescribeClientVpnConnections",
		URL:         testURL,
		Service:     "ec2",
		Region:      "us-east-1",
		Body:        []byte(testBody),
		Credentials: staticCreds,
	}
}

func errorXML(code string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<Response><Errors><Error><Code>` + code + `</Code><Message>message for ` + code +
		`</Message></Error></Errors><RequestID>req-` + code + `</RequestID></Response>`
}

// reply is one canned answer: an HTTP response, or a transport error.
type reply struct {
	status int
	body   string
	date   string
	err    error
}

func ok() reply                          { return reply{status: 200, body: okBody} }
func fail(status int, code string) reply { return reply{status: status, body: errorXML(code)} }

// recorder is an httpmock responder serving replies in order (the last one
// repeats) and recording what each attempt sent.
type recorder struct {
	mu      sync.Mutex
	replies []reply
	bodies  []string
	headers []http.Header
}

func (r *recorder) respond(req *http.Request) (*http.Response, error) {
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	n := len(r.bodies)
	r.bodies = append(r.bodies, string(b))
	r.headers = append(r.headers, req.Header.Clone())
	rep := r.replies[min(n, len(r.replies)-1)]
	r.mu.Unlock()
	if rep.err != nil {
		return nil, rep.err
	}
	resp := httpmock.NewStringResponse(rep.status, rep.body)
	if rep.date != "" {
		resp.Header.Set("Date", rep.date)
	}
	return resp, nil
}

func (r *recorder) attempts() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

// newClient returns a Client whose transport is a fresh httpmock transport
// serving replies, whose sleeps are recorded and never wait, and whose jitter
// is fixed at 0.5.
func newClient(t *testing.T, replies ...reply) (*Client, *recorder, *[]time.Duration) {
	t.Helper()
	rec := &recorder{replies: replies}
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testURL, rec.respond)
	var sleeps []time.Duration
	c := &Client{
		HTTPClient: &http.Client{Transport: mt},
		Sleep: func(ctx context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			return ctx.Err()
		},
		Rand: func() float64 { return 0.5 },
	}
	return c, rec, &sleeps
}

func decodeInto(got *string) func(int, []byte) error {
	return func(_ int, body []byte) error {
		*got = string(body) // a copy: body is only valid during the call
		return nil
	}
}

func TestDoSuccess(t *testing.T) {
	c, rec, sleeps := newClient(t, ok())
	c.Now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }
	var got string
	if err := c.Do(context.Background(), newRequest(), decodeInto(&got)); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if got != okBody {
		t.Errorf("decode got %q, want %q", got, okBody)
	}
	if rec.attempts() != 1 || len(*sleeps) != 0 {
		t.Errorf("attempts = %d, sleeps = %v; want 1 attempt, no sleep", rec.attempts(), *sleeps)
	}
	h := rec.headers[0]
	for name, want := range map[string]string{
		"Content-Type":         ContentType,
		"User-Agent":           defaultUserAgent,
		"X-Amz-Date":           "20261125T120000Z",
		"X-Amz-Security-Token": testCreds.SessionToken,
	} {
		if got := h.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	if auth := h.Get("Authorization"); !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, ") {
		t.Errorf("Authorization = %q", auth)
	}
	if rec.bodies[0] != testBody {
		t.Errorf("body = %q, want %q", rec.bodies[0], testBody)
	}
	if !strings.HasPrefix(defaultUserAgent, "ec2lite/") {
		t.Errorf("default User-Agent %q does not name ec2lite", defaultUserAgent)
	}
}

func TestDoUnsigned(t *testing.T) {
	c, rec, _ := newClient(t, ok())
	c.UserAgent = "custom/1.0"
	r := newRequest()
	r.Credentials = nil
	var got string
	if err := c.Do(context.Background(), r, decodeInto(&got)); err != nil {
		t.Fatalf("Do: %v", err)
	}
	h := rec.headers[0]
	if h.Get("Authorization") != "" || h.Get("X-Amz-Date") != "" {
		t.Errorf("unsigned request carries Authorization %q, X-Amz-Date %q", h.Get("Authorization"), h.Get("X-Amz-Date"))
	}
	if h.Get("User-Agent") != "custom/1.0" {
		t.Errorf("User-Agent = %q, want custom/1.0", h.Get("User-Agent"))
	}
}

var errConnReset = errors.New("read tcp 10.0.0.1:443: connection reset by peer")

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestRetries(t *testing.T) {
	for _, tc := range []struct {
		name         string
		reason       string
		maxAttempts  int
		replies      []reply
		wantAttempts int
		wantCode     string // APIError code, "" when none is expected
		wantErr      string // substring of the error, "" for success
		wantTokens   int    // retry tokens left afterwards
	}{
		{
			name: "success", reason: "a first-try success refunds 1 into a full bucket",
			replies: []reply{ok()}, wantAttempts: 1, wantTokens: 500,
		},
		{
			name: "throttled twice then ok", reason: "RequestLimitExceeded (503) is retried; the success refunds the last retry's cost",
			replies:      []reply{fail(503, "RequestLimitExceeded"), fail(503, "RequestLimitExceeded"), ok()},
			wantAttempts: 3, wantTokens: 495,
		},
		{
			name: "throttling code on 400", reason: "throttling codes are retried whatever the status",
			replies:      []reply{fail(400, "Throttling"), ok()},
			wantAttempts: 2, wantTokens: 500,
		},
		{
			name: "EC2ThrottledException on 400", reason: "throttling codes are retried whatever the status",
			replies:      []reply{fail(400, "EC2ThrottledException"), ok()},
			wantAttempts: 2, wantTokens: 500,
		},
		{
			name: "500 three times", reason: "5xx retried up to MaxAttempts (3 by default), then reported",
			replies:      []reply{fail(500, "InternalError")},
			wantAttempts: 3, wantCode: "InternalError", wantErr: "giving up after 3 attempts", wantTokens: 490,
		},
		{
			name: "html 502", reason: "a 502 whose body is not XML is retried; its code is the status",
			replies:      []reply{{status: 502, body: "<html>Bad Gateway</html>"}, ok()},
			wantAttempts: 2, wantTokens: 500,
		},
		{
			name: "504 then ok", reason: "504 is retryable",
			replies:      []reply{fail(504, "GatewayTimeout"), ok()},
			wantAttempts: 2, wantTokens: 500,
		},
		{
			name: "501 not retried", reason: "only 500/502/503/504 are retryable statuses",
			replies:      []reply{fail(501, "NotImplemented")},
			wantAttempts: 1, wantCode: "NotImplemented", wantErr: "NotImplemented", wantTokens: 500,
		},
		{
			name: "dry run 412", reason: "412 DryRunOperation is an answer, never retried",
			replies:      []reply{fail(412, "DryRunOperation")},
			wantAttempts: 1, wantCode: "DryRunOperation", wantErr: "DryRunOperation", wantTokens: 500,
		},
		{
			name: "unauthorized 403", reason: "other 4xx are not retried",
			replies:      []reply{fail(403, "UnauthorizedOperation")},
			wantAttempts: 1, wantCode: "UnauthorizedOperation", wantErr: "UnauthorizedOperation", wantTokens: 500,
		},
		{
			name: "invalid parameter 400", reason: "other 4xx are not retried",
			replies:      []reply{fail(400, "InvalidClientVpnEndpointId.NotFound")},
			wantAttempts: 1, wantCode: "InvalidClientVpnEndpointId.NotFound", wantErr: "NotFound", wantTokens: 500,
		},
		{
			name: "transport error then ok", reason: "connection errors are retried",
			replies:      []reply{{err: errConnReset}, ok()},
			wantAttempts: 2, wantTokens: 500,
		},
		{
			name: "transport errors exhaust attempts", reason: "the last transport error is reported",
			replies:      []reply{{err: errConnReset}},
			wantAttempts: 3, wantErr: "connection reset by peer", wantTokens: 490,
		},
		{
			name: "timeouts cost 10", reason: "a retry after a timeout costs RetryTimeoutCost",
			replies:      []reply{{err: timeoutError{}}},
			wantAttempts: 3, wantErr: "i/o timeout", wantTokens: 480,
		},
		{
			name: "max attempts 1", reason: "MaxAttempts 1 turns retries off",
			maxAttempts: 1, replies: []reply{fail(503, "RequestLimitExceeded")},
			wantAttempts: 1, wantCode: "RequestLimitExceeded", wantErr: "RequestLimitExceeded", wantTokens: 500,
		},
		{
			name: "max attempts 5", reason: "MaxAttempts bounds the attempts",
			maxAttempts: 5, replies: []reply{fail(503, "RequestLimitExceeded")},
			wantAttempts: 5, wantCode: "RequestLimitExceeded", wantErr: "giving up after 5 attempts", wantTokens: 480,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, rec, _ := newClient(t, tc.replies...)
			c.MaxAttempts = tc.maxAttempts
			var got string
			err := c.Do(context.Background(), newRequest(), decodeInto(&got))
			if rec.attempts() != tc.wantAttempts {
				t.Errorf("attempts = %d, want %d (%s)", rec.attempts(), tc.wantAttempts, tc.reason)
			}
			for i, b := range rec.bodies {
				if b != testBody {
					t.Errorf("attempt %d sent body %q, want the same body every time", i+1, b)
				}
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Do: %v (%s)", err, tc.reason)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Do error = %v, want one containing %q (%s)", err, tc.wantErr, tc.reason)
				}
				if !strings.HasPrefix(err.Error(), "DescribeClientVpnConnections: ") {
					t.Errorf("error %q does not start with the operation name", err)
				}
				var apiErr *ec2xml.APIError
				if gotAPI := errors.As(err, &apiErr); gotAPI != (tc.wantCode != "") {
					t.Errorf("errors.As(*APIError) = %v, want %v", gotAPI, tc.wantCode != "")
				} else if gotAPI && apiErr.Code != tc.wantCode {
					t.Errorf("APIError.Code = %q, want %q", apiErr.Code, tc.wantCode)
				}
			}
			if got := c.RetryTokens(); got != tc.wantTokens {
				t.Errorf("retry tokens left = %d, want %d", got, tc.wantTokens)
			}
		})
	}
}

func TestDecodeErrorNotRetried(t *testing.T) {
	c, rec, _ := newClient(t, reply{status: 200, body: "<not xml"})
	errBad := errors.New("bad body")
	err := c.Do(context.Background(), newRequest(), func(int, []byte) error { return errBad })
	if !errors.Is(err, errBad) {
		t.Fatalf("Do error = %v, want it to wrap the decode error", err)
	}
	if rec.attempts() != 1 {
		t.Errorf("attempts = %d, want 1: a 2xx body that does not decode is not retried", rec.attempts())
	}
}

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		rand    float64
		attempt int
		want    time.Duration
	}{
		{0, 1, 0},
		{0.5, 1, time.Second},
		{0.999, 1, 1998 * time.Millisecond},
		{0.5, 2, 2 * time.Second},
		{0.999, 2, 3996 * time.Millisecond},
		{0.999, 3, 7992 * time.Millisecond},
		{0.999, 4, 15984 * time.Millisecond},
		{0, 5, MaxBackoff}, // 2^5 s is past the cap: the cap, without jitter
		{0.5, 30, MaxBackoff},
	} {
		c := &Client{Rand: func() float64 { return tc.rand }}
		if got := c.backoff(tc.attempt); got.Round(time.Millisecond) != tc.want {
			t.Errorf("backoff(%d) with rand %v = %v, want %v", tc.attempt, tc.rand, got, tc.want)
		}
	}
}

func TestBackoffThroughDo(t *testing.T) {
	c, rec, sleeps := newClient(t, fail(503, "RequestLimitExceeded"))
	c.MaxAttempts = 7
	c.Rand = func() float64 { return 0.75 }
	err := c.Do(context.Background(), newRequest(), decodeInto(new(string)))
	if err == nil {
		t.Fatal("Do succeeded against a permanently throttled endpoint")
	}
	want := []time.Duration{1500 * time.Millisecond, 3 * time.Second, 6 * time.Second, 12 * time.Second, MaxBackoff, MaxBackoff}
	if diff := cmp.Diff(want, *sleeps); diff != "" {
		t.Errorf("backoff delays (-want +got):\n%s", diff)
	}
	if rec.attempts() != 7 {
		t.Errorf("attempts = %d, want 7", rec.attempts())
	}
	for _, d := range *sleeps {
		if d < 0 || d > MaxBackoff {
			t.Errorf("delay %v outside [0, %v]", d, MaxBackoff)
		}
	}
}

func TestRetryQuotaExhaustion(t *testing.T) {
	c, rec, _ := newClient(t, fail(500, "InternalError"))
	ctx := context.Background()
	// Each failing call makes 3 attempts and spends 2 × 5 tokens: 50 calls
	// empty the 500-token bucket.
	for i := range 50 {
		if err := c.Do(ctx, newRequest(), decodeInto(new(string))); err == nil {
			t.Fatalf("call %d succeeded", i)
		}
	}
	if got := rec.attempts(); got != 150 {
		t.Fatalf("attempts after 50 calls = %d, want 150", got)
	}
	if got := c.RetryTokens(); got != 0 {
		t.Fatalf("retry tokens = %d, want 0", got)
	}
	err := c.Do(ctx, newRequest(), decodeInto(new(string)))
	if err == nil || !strings.Contains(err.Error(), "retry quota exhausted after 1 attempts") {
		t.Errorf("Do with an empty quota: %v, want a quota error", err)
	}
	var apiErr *ec2xml.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "InternalError" {
		t.Errorf("quota error does not carry the last APIError: %v", err)
	}
	if got := rec.attempts(); got != 151 {
		t.Errorf("attempts = %d, want 151: no retry with an empty quota", got)
	}
	// A success refills one token, which is still too few for a retry (5).
	rec.replies = []reply{ok()}
	if err := c.Do(ctx, newRequest(), decodeInto(new(string))); err != nil {
		t.Fatal(err)
	}
	if got := c.RetryTokens(); got != 1 {
		t.Errorf("retry tokens after a success = %d, want 1", got)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	c, rec, _ := newClient(t, fail(503, "RequestLimitExceeded"))
	c.MaxAttempts = 10
	ctx, cancel := context.WithCancel(context.Background())
	var waited []time.Duration
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		waited = append(waited, d)
		go cancel()
		// The real wait, made an hour long: only the cancellation ends it.
		return Sleep(ctx, time.Hour)
	}
	err := c.Do(ctx, newRequest(), decodeInto(new(string)))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Do error = %v, want context.Canceled", err)
	}
	var apiErr *ec2xml.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "RequestLimitExceeded" {
		t.Errorf("error does not carry the APIError that caused the wait: %v", err)
	}
	if rec.attempts() != 1 || len(waited) != 1 {
		t.Errorf("attempts = %d, waits = %v; want 1 attempt and 1 wait", rec.attempts(), waited)
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	// Without cancellation this would wait an hour: the test would time out.
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep = %v, want context.Canceled", err)
	}
	if err := Sleep(context.Background(), time.Nanosecond); err != nil {
		t.Errorf("Sleep(1ns) = %v", err)
	}
	if err := Sleep(context.Background(), 0); err != nil {
		t.Errorf("Sleep(0) = %v", err)
	}
}

func TestCanceledBeforeSend(t *testing.T) {
	c, rec, _ := newClient(t, ok())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.Do(ctx, newRequest(), decodeInto(new(string)))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Do error = %v, want context.Canceled", err)
	}
	if rec.attempts() != 0 {
		t.Errorf("attempts = %d, want 0", rec.attempts())
	}
}

func TestClockSkew(t *testing.T) {
	local := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	server := local.Add(10 * time.Minute)
	httpDate := func(t time.Time) string { return t.Format(http.TimeFormat) }
	skewed := func(code string, status int, date time.Time) reply {
		r := fail(status, code)
		r.date = httpDate(date)
		return r
	}

	for _, code := range []string{"AuthFailure", "RequestExpired", "SignatureDoesNotMatch"} {
		t.Run(code, func(t *testing.T) {
			c, rec, sleeps := newClient(t, skewed(code, 401, server), ok())
			c.Now = func() time.Time { return local }
			if err := c.Do(context.Background(), newRequest(), decodeInto(new(string))); err != nil {
				t.Fatalf("Do: %v", err)
			}
			if rec.attempts() != 2 || len(*sleeps) != 0 {
				t.Fatalf("attempts = %d, sleeps = %v; want 2 attempts, an immediate retry", rec.attempts(), *sleeps)
			}
			if got, want := rec.headers[1].Get("X-Amz-Date"), "20261125T121000Z"; got != want {
				t.Errorf("retry signed at %s, want %s (the server's clock)", got, want)
			}
			if c.SkewOffset() != 10*time.Minute {
				t.Errorf("SkewOffset = %v, want 10m", c.SkewOffset())
			}
			if c.RetryTokens() != 500 {
				t.Errorf("a skew retry spent retry tokens: %d left", c.RetryTokens())
			}
		})
	}

	t.Run("small skew not retried", func(t *testing.T) {
		c, rec, _ := newClient(t, skewed("AuthFailure", 401, local.Add(3*time.Minute)))
		c.Now = func() time.Time { return local }
		err := c.Do(context.Background(), newRequest(), decodeInto(new(string)))
		if err == nil || rec.attempts() != 1 || c.SkewOffset() != 0 {
			t.Errorf("err = %v, attempts = %d, offset = %v; want the AuthFailure after 1 attempt, no offset", err, rec.attempts(), c.SkewOffset())
		}
	})

	t.Run("no Date header", func(t *testing.T) {
		c, rec, _ := newClient(t, fail(401, "AuthFailure"))
		if err := c.Do(context.Background(), newRequest(), decodeInto(new(string))); err == nil || rec.attempts() != 1 {
			t.Errorf("err = %v, attempts = %d; want the AuthFailure after 1 attempt", err, rec.attempts())
		}
	})

	t.Run("retried once only", func(t *testing.T) {
		// The server's clock keeps moving away: one correction, then the error.
		c, rec, _ := newClient(t, skewed("RequestExpired", 400, server), skewed("RequestExpired", 400, server.Add(time.Hour)))
		c.Now = func() time.Time { return local }
		err := c.Do(context.Background(), newRequest(), decodeInto(new(string)))
		var apiErr *ec2xml.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != "RequestExpired" {
			t.Fatalf("Do error = %v, want RequestExpired", err)
		}
		if rec.attempts() != 2 {
			t.Errorf("attempts = %d, want 2", rec.attempts())
		}
	})

	t.Run("offset kept, then reset when wrong", func(t *testing.T) {
		c, rec, _ := newClient(t, skewed("AuthFailure", 401, server), ok(), ok(), skewed("AuthFailure", 401, local), ok())
		c.Now = func() time.Time { return local }
		ctx := context.Background()
		for i := range 3 {
			if err := c.Do(ctx, newRequest(), decodeInto(new(string))); err != nil {
				t.Fatalf("call %d: %v", i+1, err)
			}
		}
		dates := []string{}
		for _, h := range rec.headers {
			dates = append(dates, h.Get("X-Amz-Date"))
		}
		want := []string{"20261125T120000Z", "20261125T121000Z", "20261125T121000Z", "20261125T121000Z", "20261125T120000Z"}
		if diff := cmp.Diff(want, dates); diff != "" {
			t.Errorf("signing times (-want +got):\n%s", diff)
		}
		if c.SkewOffset() != 0 {
			t.Errorf("SkewOffset = %v after the server agreed with the local clock, want 0", c.SkewOffset())
		}
	})
}

func TestBodyLimit(t *testing.T) {
	big := strings.Repeat("x", 200)
	for _, tc := range []struct {
		name   string
		length int64 // ContentLength the response announces; -1: unknown
	}{
		{"announced", 200},
		{"unannounced", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			calls := 0
			mt.RegisterResponder(http.MethodPost, testURL, func(*http.Request) (*http.Response, error) {
				calls++
				resp := httpmock.NewStringResponse(200, big)
				resp.ContentLength = tc.length
				return resp, nil
			})
			c := &Client{HTTPClient: &http.Client{Transport: mt}, MaxBodyBytes: 100}
			err := c.Do(context.Background(), newRequest(), decodeInto(new(string)))
			if err == nil || !strings.Contains(err.Error(), "body too large") {
				t.Errorf("Do error = %v, want a body-size error", err)
			}
			if calls != 1 {
				t.Errorf("calls = %d, want 1: an oversized body is not retried", calls)
			}
		})
	}
	t.Run("at the limit", func(t *testing.T) {
		c, _, _ := newClient(t, reply{status: 200, body: big})
		c.MaxBodyBytes = 200
		var got string
		if err := c.Do(context.Background(), newRequest(), decodeInto(&got)); err != nil || got != big {
			t.Errorf("Do = %v, body %d bytes; want the whole 200-byte body", err, len(got))
		}
	})
}

func TestNoSecretsInErrors(t *testing.T) {
	for _, rep := range []reply{
		fail(403, "SignatureDoesNotMatch"),
		fail(503, "RequestLimitExceeded"),
		{err: errConnReset},
		{status: 502, body: "<html>" + strings.Repeat("gateway ", 200) + "</html>"},
	} {
		c, _, _ := newClient(t, rep)
		err := c.Do(context.Background(), newRequest(), decodeInto(new(string)))
		if err == nil {
			t.Fatal("Do succeeded")
		}
		msg := err.Error()
		for _, secret := range []string{testSecret, testCreds.SessionToken, "Signature=", "Credential="} {
			if strings.Contains(msg, secret) {
				t.Errorf("error %q contains %q", msg, secret)
			}
		}
	}
}

func TestCredentialsError(t *testing.T) {
	c, rec, _ := newClient(t, ok())
	r := newRequest()
	errNoCreds := errors.New("no credentials")
	r.Credentials = func(context.Context) (sigv4.Credentials, error) { return sigv4.Credentials{}, errNoCreds }
	err := c.Do(context.Background(), r, decodeInto(new(string)))
	if !errors.Is(err, errNoCreds) {
		t.Errorf("Do error = %v, want the credentials error", err)
	}
	if rec.attempts() != 0 {
		t.Errorf("attempts = %d, want 0: nothing is sent unsigned", rec.attempts())
	}
}

func TestInvalidURL(t *testing.T) {
	for _, u := range []string{"ftp://example.com/", "://bad", "/relative", "https://"} {
		r := newRequest()
		r.URL = u
		var c Client
		if err := c.Do(context.Background(), r, decodeInto(new(string))); err == nil {
			t.Errorf("Do with URL %q succeeded", u)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	c, rec, _ := newClient(t, ok())
	c.Sleep = nil
	var wg sync.WaitGroup
	var failures atomic.Int32
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				var got string
				if err := c.Do(context.Background(), newRequest(), decodeInto(&got)); err != nil || got != okBody {
					failures.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if failures.Load() != 0 || rec.attempts() != 160 {
		t.Errorf("failures = %d, attempts = %d; want 0 and 160", failures.Load(), rec.attempts())
	}
}
