package clientvpn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"

	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/query"
)

const (
	testEndpointURL = "https://ec2.us-east-1.amazonaws.com/"
	testEndpointID  = "cvpn-endpoint-0123456789abcdef0"
	testSecret      = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

var testCreds = credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret}}

// fakeEC2 is an httpmock responder standing in for EC2: it records each
// request's form and answers with the next canned response (the last one
// repeats), or routes on NextToken when pages is set.
type fakeEC2 struct {
	mu      sync.Mutex
	forms   []url.Values
	headers []http.Header
	answers []answer
	pages   map[string]answer // NextToken ("" = first page) -> answer
}

type answer struct {
	status int
	body   string
}

func (f *fakeEC2) respond(req *http.Request) (*http.Response, error) {
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(b))
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	n := len(f.forms)
	f.forms = append(f.forms, form)
	f.headers = append(f.headers, req.Header.Clone())
	var a answer
	if f.pages != nil {
		var ok bool
		if a, ok = f.pages[form.Get("NextToken")]; !ok {
			a = answer{400, errorBody("InvalidNextToken", "unknown token")}
		}
	} else {
		a = f.answers[min(n, len(f.answers)-1)]
	}
	f.mu.Unlock()
	return httpmock.NewStringResponse(a.status, a.body), nil
}

func (f *fakeEC2) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.forms)
}

// newTestClient returns a Client talking to a fresh httpmock transport (never
// the global one) that serves f, with retries that do not wait.
func newTestClient(f *fakeEC2) *Client {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testEndpointURL, f.respond)
	return &Client{
		Region:      "us-east-1",
		Credentials: testCreds,
		HTTPClient:  &http.Client{Transport: mt},
		sleep:       func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
}

func errorBody(code, msg string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n<Response><Errors><Error><Code>" + code + "</Code><Message>" + msg +
		"</Message></Error></Errors><RequestID>11111111-2222-3333-4444-555555555555</RequestID></Response>"
}

// pageXML is a DescribeClientVpnConnections response holding connections
// named by ids, with nextToken when not empty.
func pageXML(requestID string, ids []string, nextToken string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` + "\n")
	b.WriteString("    <requestId>" + requestID + "</requestId>\n    <connections>\n")
	for _, id := range ids {
		fmt.Fprintf(&b, `        <item>
            <clientVpnEndpointId>%s</clientVpnEndpointId>
            <timestamp>2026-11-25 12:00:00</timestamp>
            <connectionId>%s</connectionId>
            <username>user-%s</username>
            <connectionEstablishedTime>2026-11-25 11:00:00</connectionEstablishedTime>
            <ingressBytes>100</ingressBytes>
            <egressBytes>200</egressBytes>
            <ingressPackets>3</ingressPackets>
            <egressPackets>4</egressPackets>
            <clientIp>10.0.0.1</clientIp>
            <commonName>cn-%s</commonName>
            <status>
                <code>active</code>
            </status>
            <connectionEndTime>-</connectionEndTime>
            <postureComplianceStatusSet/>
        </item>
`, testEndpointID, id, id, id)
	}
	b.WriteString("    </connections>\n")
	if nextToken != "" {
		b.WriteString("    <nextToken>" + nextToken + "</nextToken>\n")
	}
	b.WriteString("</DescribeClientVpnConnectionsResponse>\n")
	return b.String()
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%d", prefix, i+1)
	}
	return out
}

func connectionIDs(conns []Connection) []string {
	out := make([]string, len(conns))
	for i, c := range conns {
		out[i] = c.ConnectionId
	}
	return out
}

// readFixture reads a recorded response from ../testdata/clientvpn.
func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "clientvpn", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDescribeOnePage(t *testing.T) {
	f := &fakeEC2{answers: []answer{{200, pageXML("req-1", ids("cvpn-connection", 2), "")}}}
	c := newTestClient(f)
	in := &DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: testEndpointID,
		Filters:             []Filter{{Name: "username", Values: []string{"alice", "bob"}}},
		MaxResults:          50,
	}
	out, err := c.DescribeClientVpnConnections(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"cvpn-connection-1", "cvpn-connection-2"}, connectionIDs(out.Connections)); diff != "" {
		t.Errorf("connections (-want +got):\n%s", diff)
	}
	if out.NextToken != "" || out.RequestID != "req-1" {
		t.Errorf("NextToken = %q, RequestID = %q; want none and req-1", out.NextToken, out.RequestID)
	}
	if got := out.Connections[0]; got.Username != "user-cvpn-connection-1" || got.Status.Code != "active" || got.ConnectionEndTime != "-" {
		t.Errorf("first connection decoded as %+v", got)
	}
	want := url.Values{
		"Action":              {"DescribeClientVpnConnections"},
		"Version":             {"2016-11-15"},
		"ClientVpnEndpointId": {testEndpointID},
		"Filter.1.Name":       {"username"},
		"Filter.1.Value.1":    {"alice"},
		"Filter.1.Value.2":    {"bob"},
		"MaxResults":          {"50"},
	}
	if diff := cmp.Diff(want, f.forms[0]); diff != "" {
		t.Errorf("request form (-want +got):\n%s", diff)
	}
	h := f.headers[0]
	if got := h.Get("Content-Type"); got != "application/x-www-form-urlencoded; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := h.Get("User-Agent"); !regexp.MustCompile(`^ec2lite/\S+ go/\S+ \w+/\w+$`).MatchString(got) {
		t.Errorf("User-Agent = %q, want ec2lite/VERSION go/VERSION OS/ARCH", got)
	}
	if got := h.Get("Authorization"); !strings.HasPrefix(got, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") || !strings.Contains(got, "/us-east-1/ec2/aws4_request") {
		t.Errorf("Authorization = %q", got)
	}
}

func TestDescribeRecordedResponse(t *testing.T) {
	for _, name := range fixtureNames(t, "responses/*.xml") {
		t.Run(name, func(t *testing.T) {
			f := &fakeEC2{answers: []answer{{200, readFixture(t, "responses/"+name)}}}
			out, err := newTestClient(f).DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
			if err != nil {
				t.Fatal(err)
			}
			if out.RequestID == "" {
				t.Errorf("no request id decoded")
			}
		})
	}
}

// fixtureNames lists the files of ../testdata/clientvpn matching pattern.
func fixtureNames(t *testing.T, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "clientvpn", pattern))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	return names
}

func TestDescribeValidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     *DescribeClientVpnConnectionsInput
		want   string // error substring; "" = valid
		reason string
	}{
		{"nil", nil, "nil input", "no input at all"},
		{"no endpoint", &DescribeClientVpnConnectionsInput{}, "ClientVpnEndpointId is required", "EC2 requires it"},
		{"max 4", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 4}, "MaxResults", "below EC2's minimum of 5"},
		{"max 1001", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 1001}, "MaxResults", "above EC2's maximum of 1000"},
		{"max negative", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: -1}, "MaxResults", "negative"},
		{"max 5", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 5}, "", "the minimum is allowed"},
		{"max 1000", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 1000}, "", "the maximum is allowed"},
		{"max unset", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}, "", "zero means not set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEC2{answers: []answer{{200, pageXML("r", nil, "")}}}
			_, err := newTestClient(f).DescribeClientVpnConnections(context.Background(), tc.in)
			if tc.want == "" {
				if err != nil || f.calls() != 1 {
					t.Errorf("err = %v, calls = %d; want success (%s)", err, f.calls(), tc.reason)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "clientvpn: DescribeClientVpnConnections: ") {
				t.Errorf("err = %v, want a clientvpn error about %q (%s)", err, tc.want, tc.reason)
			}
			if f.calls() != 0 {
				t.Errorf("an invalid input was sent (%s)", tc.reason)
			}
		})
	}
}

// TestSkipValidation: with SkipValidation, what the checks would refuse is
// sent as it is (an empty required member included), and EC2 answers it.
func TestSkipValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   *DescribeClientVpnConnectionsInput
		want map[string][]string // the form members checked
	}{
		{"empty endpoint", &DescribeClientVpnConnectionsInput{}, map[string][]string{"ClientVpnEndpointId": {""}}},
		{"max 5000", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 5000},
			map[string][]string{"ClientVpnEndpointId": {testEndpointID}, "MaxResults": {"5000"}}},
		{"max 4", &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 4},
			map[string][]string{"ClientVpnEndpointId": {testEndpointID}, "MaxResults": {"4"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEC2{answers: []answer{{400, `<Response><Errors><Error><Code>MissingParameter</Code><Message>m</Message></Error></Errors></Response>`}}}
			c := newTestClient(f)
			c.SkipValidation = true
			_, err := c.DescribeClientVpnConnections(context.Background(), tc.in)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Code != "MissingParameter" {
				t.Errorf("err = %v, want EC2's answer", err)
			}
			if f.calls() != 1 {
				t.Fatalf("calls = %d, want 1", f.calls())
			}
			for k, v := range tc.want {
				if diff := cmp.Diff(v, f.forms[0][k]); diff != "" {
					t.Errorf("%s sent (-want +got):\n%s", k, diff)
				}
			}
		})
	}
}

func TestEmptyNextTokenIsUnset(t *testing.T) {
	f := &fakeEC2{answers: []answer{{200, pageXML("r", nil, "")}}}
	in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, NextToken: ""}
	if _, err := newTestClient(f).DescribeClientVpnConnections(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if _, sent := f.forms[0]["NextToken"]; sent {
		t.Errorf("an empty NextToken was sent: %v", f.forms[0])
	}
}

// errorStatus reads the HTTP status from a fixture name such as
// error-DryRunOperation.412.captured.xml.
var errorStatus = regexp.MustCompile(`\.(\d{3})\.`)

func TestDescribeErrorFixtures(t *testing.T) {
	// The recorded EC2 error answers live with the decoder's fixtures.
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "ec2xml", "error-*.xml"))
	if err != nil || len(paths) < 6 {
		t.Fatalf("error fixtures: %v, %v", paths, err)
	}
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			m := errorStatus.FindStringSubmatch(name)
			status := 400
			if m != nil {
				status, _ = strconv.Atoi(m[1])
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			body := string(raw)
			f := &fakeEC2{answers: []answer{{status, body}}}
			_, err = newTestClient(f).DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an *APIError", err)
			}
			if apiErr.StatusCode != status || apiErr.Code == "" || apiErr.Message == "" {
				t.Errorf("APIError = %+v", apiErr)
			}
			if !strings.Contains(body, "<Code>"+apiErr.Code+"</Code>") {
				t.Errorf("APIError.Code %q is not the fixture's code", apiErr.Code)
			}
			if !strings.HasPrefix(err.Error(), "clientvpn: DescribeClientVpnConnections: ") {
				t.Errorf("error %q lacks the operation prefix", err)
			}
			allowed, dryErr := DryRunAllowed(err)
			switch apiErr.Code {
			case "DryRunOperation":
				if !allowed || dryErr != nil {
					t.Errorf("DryRunAllowed = %v, %v; want allowed", allowed, dryErr)
				}
			case "UnauthorizedOperation":
				if allowed || dryErr != nil {
					t.Errorf("DryRunAllowed = %v, %v; want not allowed, no error", allowed, dryErr)
				}
			default:
				if allowed || dryErr != err {
					t.Errorf("DryRunAllowed = %v, %v; want the error back", allowed, dryErr)
				}
			}
			wantCalls := 1
			if retryable(status, apiErr.Code) {
				wantCalls = 3
			}
			if f.calls() != wantCalls {
				t.Errorf("calls = %d, want %d", f.calls(), wantCalls)
			}
		})
	}
}

func retryable(status int, code string) bool {
	switch status {
	case 500, 502, 503, 504:
		return true
	}
	return code == "RequestLimitExceeded" || code == "Throttling"
}

func TestRetriesThroughClient(t *testing.T) {
	for _, tc := range []struct {
		name        string
		maxAttempts int
		answers     []answer
		wantCalls   int
		wantErr     bool
	}{
		{"throttled then ok", 0, []answer{{503, errorBody("RequestLimitExceeded", "Request limit exceeded.")}, {200, pageXML("r", nil, "")}}, 2, false},
		{"5xx exhausts 3 attempts", 0, []answer{{500, errorBody("InternalError", "oops")}}, 3, true},
		{"MaxAttempts 5", 5, []answer{{503, errorBody("Unavailable", "later")}}, 5, true},
		{"MaxAttempts 1", 1, []answer{{503, errorBody("Unavailable", "later")}}, 1, true},
		{"412 not retried", 0, []answer{{412, errorBody("DryRunOperation", "would have succeeded")}}, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEC2{answers: tc.answers}
			c := newTestClient(f)
			c.MaxAttempts = tc.maxAttempts
			_, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
			if (err != nil) != tc.wantErr || f.calls() != tc.wantCalls {
				t.Errorf("err = %v, calls = %d; want error %v after %d calls", err, f.calls(), tc.wantErr, tc.wantCalls)
			}
		})
	}
}

func TestBackoffBounds(t *testing.T) {
	f := &fakeEC2{answers: []answer{{503, errorBody("RequestLimitExceeded", "slow down")}}}
	c := newTestClient(f)
	c.MaxAttempts = 6
	var delays []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { delays = append(delays, d); return nil }
	c.rand = func() float64 { return 0.9999 }
	if _, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}); err == nil {
		t.Fatal("no error from a permanently throttled endpoint")
	}
	if len(delays) != 5 {
		t.Fatalf("delays = %v, want 5", delays)
	}
	for i, d := range delays {
		upper := min(time.Duration(1<<(i+1))*time.Second, 20*time.Second)
		if d < 0 || d > upper {
			t.Errorf("delay %d = %v, want within [0, %v]", i+1, d, upper)
		}
	}
}

func TestClientConfiguration(t *testing.T) {
	in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}
	for _, tc := range []struct {
		name string
		c    *Client
		want string
	}{
		{"no region", &Client{Credentials: testCreds}, "Region is empty"},
		{"no credentials", &Client{Region: "us-east-1"}, "Credentials is nil"},
		{"custom endpoint and FIPS", &Client{Region: "us-east-1", Credentials: testCreds, Endpoint: "https://localhost", UseFIPS: true}, "FIPS"},
		{"bad credentials", &Client{Region: "us-east-1", Credentials: credentials.Static{}}, "credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.DescribeClientVpnConnections(context.Background(), in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one about %q", err, tc.want)
			}
		})
	}
}

func TestCustomEndpoint(t *testing.T) {
	mt := httpmock.NewMockTransport()
	f := &fakeEC2{answers: []answer{{200, pageXML("r", ids("c", 1), "")}}}
	mt.RegisterResponder(http.MethodPost, "http://localhost:4566/base/", f.respond)
	c := &Client{Region: "eu-west-1", Credentials: testCreds, Endpoint: "http://localhost:4566/base/", HTTPClient: &http.Client{Transport: mt}}
	if _, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}); err != nil {
		t.Fatal(err)
	}
	if got := f.headers[0].Get("Authorization"); !strings.Contains(got, "/eu-west-1/ec2/aws4_request") {
		t.Errorf("Authorization = %q, want the client's region in the scope", got)
	}
}

func TestNoSecretInErrors(t *testing.T) {
	f := &fakeEC2{answers: []answer{{403, errorBody("SignatureDoesNotMatch", "The request signature we calculated does not match")}}}
	c := newTestClient(f)
	c.Credentials = credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret, SessionToken: "TOKEN-SECRET"}}
	_, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
	if err == nil {
		t.Fatal("no error")
	}
	for _, s := range []string{testSecret, "TOKEN-SECRET", "Signature="} {
		if strings.Contains(fmt.Sprintf("%v %+v", err, err), s) {
			t.Errorf("error %q contains %q", err, s)
		}
	}
}

func TestConcurrentDescribe(t *testing.T) {
	f := &fakeEC2{answers: []answer{{200, pageXML("r", ids("c", 3), "")}}}
	c := newTestClient(f)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
			if err == nil && len(out.Connections) != 3 {
				err = fmt.Errorf("%d connections", len(out.Connections))
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDryRun(t *testing.T) {
	for _, tc := range []struct {
		name        string
		answer      answer
		wantAllowed bool
		wantErr     bool
	}{
		{"allowed", answer{412, errorBody("DryRunOperation", "Request would have succeeded, but DryRun flag is set.")}, true, false},
		{"not allowed", answer{403, errorBody("UnauthorizedOperation", "You are not authorized to perform this operation.")}, false, false},
		{"other error", answer{400, errorBody("InvalidClientVpnEndpointId.NotFound", "no such endpoint")}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEC2{answers: []answer{tc.answer}}
			in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}
			allowed, err := newTestClient(f).CheckDescribeClientVpnConnections(context.Background(), in)
			if allowed != tc.wantAllowed || (err != nil) != tc.wantErr {
				t.Errorf("got (%v, %v), want allowed %v, error %v", allowed, err, tc.wantAllowed, tc.wantErr)
			}
			if got := f.forms[0].Get("DryRun"); got != "true" {
				t.Errorf("DryRun sent as %q, want true", got)
			}
			if in.DryRun != query.Unset {
				t.Errorf("the caller's input was modified")
			}
		})
	}
	if allowed, err := DryRunAllowed(nil); !allowed || err != nil {
		t.Errorf("DryRunAllowed(nil) = %v, %v; want true, nil", allowed, err)
	}
	other := errors.New("boom")
	if allowed, err := DryRunAllowed(other); allowed || err != other {
		t.Errorf("DryRunAllowed(other) = %v, %v; want false, other", allowed, err)
	}
}
