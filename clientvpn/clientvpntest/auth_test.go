package clientvpntest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
	"github.com/google/go-cmp/cmp"
)

func TestAuth(t *testing.T) {
	const sigMismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	const authFailure = "AWS was not able to validate the provided access credentials"
	serverNow := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	body := form("ClientVpnEndpointId", SampleEndpointID)

	tests := []struct {
		name       string
		reason     string
		opts       []Option
		setup      func(c *testClient)
		mutate     func(r *http.Request)
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{name: "valid", wantStatus: 200},
		{
			name: "no Authorization", reason: "an unsigned request is AuthFailure, as at EC2",
			mutate: func(r *http.Request) { r.Header.Del("Authorization") }, wantStatus: 401, wantCode: "AuthFailure", wantMsg: authFailure,
		},
		{
			name:  "unknown access key",
			setup: func(c *testClient) { c.creds.AccessKeyID = "AKIDUNKNOWN" }, wantStatus: 401, wantCode: "AuthFailure", wantMsg: authFailure,
		},
		{
			name:  "wrong secret",
			setup: func(c *testClient) { c.creds.SecretAccessKey = "not-the-secret" }, wantStatus: 403, wantCode: "SignatureDoesNotMatch", wantMsg: sigMismatch,
		},
		{
			name: "body changed after signing",
			mutate: func(r *http.Request) {
				r.Body = ioNop(body + "&MaxResults=5")
				r.ContentLength += int64(len("&MaxResults=5"))
			},
			reason: "the payload hash covers the body", wantStatus: 403, wantCode: "SignatureDoesNotMatch", wantMsg: sigMismatch,
		},
		{
			name:       "signed header changed",
			mutate:     func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") },
			wantStatus: 403, wantCode: "SignatureDoesNotMatch", wantMsg: sigMismatch,
		},
		{
			name: "unsigned header added", reason: "only the signed headers are re-signed",
			mutate: func(r *http.Request) { r.Header.Set("X-Extra", "1") }, wantStatus: 200,
		},
		{
			name: "6 minutes slow", setup: func(c *testClient) { c.now = func() time.Time { return serverNow.Add(-6 * time.Minute) } },
			wantStatus: 400, wantCode: "RequestExpired", wantMsg: "Request has expired.",
		},
		{
			name: "6 minutes fast", setup: func(c *testClient) { c.now = func() time.Time { return serverNow.Add(6 * time.Minute) } },
			wantStatus: 400, wantCode: "RequestExpired", wantMsg: "Request has expired.",
		},
		{
			name: "4 minutes off", setup: func(c *testClient) { c.now = func() time.Time { return serverNow.Add(-4 * time.Minute) } },
			wantStatus: 200,
		},
		{
			name: "wrong region", setup: func(c *testClient) { c.region = "eu-west-1" },
			wantStatus: 403, wantCode: "SignatureDoesNotMatch", wantMsg: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
		},
		{
			name: "configured region", opts: []Option{WithRegion("eu-west-1")}, setup: func(c *testClient) { c.region = "eu-west-1" },
			wantStatus: 200,
		},
		{
			name:       "scope date differs from X-Amz-Date",
			mutate:     func(r *http.Request) { r.Header.Set("X-Amz-Date", "20261125T235959Z") },
			opts:       []Option{WithClock(func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) })},
			setup:      func(c *testClient) { c.now = func() time.Time { return time.Date(2026, 11, 26, 0, 0, 1, 0, time.UTC) } },
			wantStatus: 403, wantCode: "SignatureDoesNotMatch",
			wantMsg: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261126' != '20261125', from '20261125T235959Z'.",
		},
		{
			name: "wrong service",
			mutate: func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/ec2/", "/sts/", 1))
			},
			wantStatus: 403, wantCode: "SignatureDoesNotMatch", wantMsg: "Credential should be scoped to correct service: 'ec2'. ",
		},
		{
			name:       "missing X-Amz-Date",
			mutate:     func(r *http.Request) { r.Header.Del("X-Amz-Date") },
			wantStatus: 400, wantCode: "IncompleteSignature",
			wantMsg: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
		},
		{
			name: "Authorization without Signature",
			mutate: func(r *http.Request) {
				a := r.Header.Get("Authorization")
				r.Header.Set("Authorization", a[:strings.Index(a, ", Signature=")])
			},
			wantStatus: 400, wantCode: "IncompleteSignature", wantMsg: "Authorization header requires 'Signature' parameter.",
		},
		{
			name:       "other algorithm",
			mutate:     func(r *http.Request) { r.Header.Set("Authorization", "AWS AKIDEXAMPLE:abc") },
			wantStatus: 400, wantCode: "IncompleteSignature", wantMsg: "Unsupported AWS 'algorithm': 'AWS'",
		},
		{
			name: "no spaces after commas", reason: "the Authorization layout is not part of the signature",
			mutate: func(r *http.Request) {
				r.Header.Set("Authorization", strings.ReplaceAll(r.Header.Get("Authorization"), ", ", ","))
			},
			wantStatus: 200,
		},
		{
			name: "session token", opts: []Option{WithCredentials("ASIAEXAMPLE", "secret2", "token-123")},
			setup: func(c *testClient) {
				c.creds = sigv4.Credentials{AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: "secret2", SessionToken: "token-123"}
			},
			wantStatus: 200,
		},
		{
			name: "session token missing", opts: []Option{WithCredentials("ASIAEXAMPLE", "secret2", "token-123")},
			setup: func(c *testClient) {
				c.creds = sigv4.Credentials{AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: "secret2"}
			},
			wantStatus: 401, wantCode: "AuthFailure", wantMsg: authFailure,
		},
		{
			name: "session token wrong", opts: []Option{WithCredentials("ASIAEXAMPLE", "secret2", "token-123")},
			setup: func(c *testClient) {
				c.creds = sigv4.Credentials{AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: "secret2", SessionToken: "token-999"}
			},
			wantStatus: 401, wantCode: "AuthFailure", wantMsg: authFailure,
		},
		{
			name: "default key replaced by WithCredentials", opts: []Option{WithCredentials("AKIDOTHER", "s", "")},
			wantStatus: 401, wantCode: "AuthFailure", wantMsg: authFailure,
		},
		{
			name: "WithoutAuth serves unsigned requests", opts: []Option{WithoutAuth()},
			mutate: func(r *http.Request) { r.Header.Del("Authorization") }, wantStatus: 200,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]Option{WithClock(func() time.Time { return serverNow })}, tt.opts...)
			srv := NewServer(opts...)
			defer srv.Close()
			c := newTestClient(t, srv)
			c.now = func() time.Time { return serverNow }
			if tt.setup != nil {
				tt.setup(c)
			}
			resp, got := c.post(body, tt.mutate)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%s); body:\n%s", resp.StatusCode, tt.wantStatus, tt.reason, got)
			}
			if tt.wantCode == "" {
				return
			}
			e := decodeError(t, got)
			if diff := cmp.Diff([2]string{tt.wantCode, tt.wantMsg}, [2]string{e.Code, e.Message}); diff != "" {
				t.Errorf("error (-want +got) %s:\n%s", tt.reason, diff)
			}
			if strings.Contains(string(got), c.creds.SecretAccessKey) || strings.Contains(string(got), "token-") {
				t.Errorf("answer leaks a secret: %s", got)
			}
		})
	}
}

func TestPresigned(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/?"+form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
	u, err := c.signer.Presign(req, sigv4.Input{Credentials: c.creds, Service: "ec2", Region: c.region,
		PayloadHash: sigv4.UnsignedPayload, Time: time.Now()}, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	get := func(u string) (*http.Response, []byte) {
		r, _ := http.NewRequest(http.MethodGet, u, nil)
		return c.send(r)
	}
	resp, body := get(u.String())
	if resp.StatusCode != 200 {
		t.Fatalf("presigned: status %d: %s", resp.StatusCode, body)
	}
	if n := len(decodeDescribe(t, body).Connections); n != 5 {
		t.Errorf("presigned: %d connections, want 5", n)
	}
	tampered := strings.Replace(u.String(), "MaxResults=5", "MaxResults=6", 1)
	if resp, body := get(tampered); resp.StatusCode != 403 {
		t.Errorf("tampered presigned URL: status %d: %s", resp.StatusCode, body)
	}
}

func ioNop(s string) *nopCloser { return &nopCloser{strings.NewReader(s)} }

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }
