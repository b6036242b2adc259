package clientvpntest

import (
	"encoding/xml"
	"flag"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixedNow is the snapshot time of the deterministic tests.
var fixedNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// testClient signs and sends EC2 Query requests with package sigv4 over real HTTP.
type testClient struct {
	t      *testing.T
	url    string
	hc     *http.Client
	creds  sigv4.Credentials
	region string
	now    func() time.Time
	signer sigv4.Signer
}

func newTestClient(t *testing.T, srv *Server) *testClient {
	t.Helper()
	return &testClient{
		t: t, url: srv.URL + "/", hc: srv.Client(), region: DefaultRegion, now: time.Now,
		creds: sigv4.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey},
	}
}

// form builds a DescribeClientVpnConnections body from key/value pairs, after
// Action and Version.
func form(kv ...string) string {
	v := url.Values{}
	v.Set("Action", "DescribeClientVpnConnections")
	v.Set("Version", "2016-11-15")
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// post sends body signed; mutate (optional) changes the request after signing.
func (c *testClient) post(body string, mutate func(*http.Request)) (*http.Response, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.url, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if err := c.signer.Sign(req, sigv4.Input{
		Credentials: c.creds, Service: "ec2", Region: c.region,
		PayloadHash: sigv4.HashPayload([]byte(body)), Time: c.now(),
	}); err != nil {
		c.t.Fatal(err)
	}
	if mutate != nil {
		mutate(req)
	}
	return c.send(req)
}

func (c *testClient) send(req *http.Request) (*http.Response, []byte) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, b
}

// describe is the decoded success document, as the tests compare it.
type describe struct {
	RequestID   string     `xml:"requestId"`
	Connections []xmlConn  `xml:"connections>item"`
	NextToken   string     `xml:"nextToken"`
	Error       *errorBody `xml:"-"`
}

type xmlConn struct {
	ClientVpnEndpointId       string   `xml:"clientVpnEndpointId"`
	Timestamp                 string   `xml:"timestamp"`
	ConnectionId              string   `xml:"connectionId"`
	Username                  string   `xml:"username"`
	ConnectionEstablishedTime string   `xml:"connectionEstablishedTime"`
	IngressBytes              string   `xml:"ingressBytes"`
	EgressBytes               string   `xml:"egressBytes"`
	IngressPackets            string   `xml:"ingressPackets"`
	EgressPackets             string   `xml:"egressPackets"`
	ClientIp                  string   `xml:"clientIp"`
	ClientIpv6Address         string   `xml:"clientIpv6Address"`
	CommonName                string   `xml:"commonName"`
	StatusCode                string   `xml:"status>code"`
	StatusMessage             string   `xml:"status>message"`
	ConnectionEndTime         string   `xml:"connectionEndTime"`
	Posture                   []string `xml:"postureComplianceStatusSet>item"`
}

type errorBody struct {
	Code      string `xml:"Errors>Error>Code"`
	Message   string `xml:"Errors>Error>Message"`
	RequestID string `xml:"RequestID"`
}

func decodeDescribe(t *testing.T, b []byte) describe {
	t.Helper()
	var d describe
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("decoding %q: %v", b, err)
	}
	return d
}

func decodeError(t *testing.T, b []byte) errorBody {
	t.Helper()
	var e errorBody
	if err := xml.Unmarshal(b, &e); err != nil {
		t.Fatalf("decoding error %q: %v", b, err)
	}
	return e
}

func ids(cs []xmlConn) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ConnectionId
	}
	return out
}

// visibleSampleIDs are the connection ids SampleData lists, in order.
func visibleSampleIDs() []string {
	var out []string
	for _, c := range SampleData().Endpoints[0].Connections {
		if c.Status == StatusTerminated && c.Ended > time.Hour {
			continue
		}
		out = append(out, c.ID)
	}
	return out
}

// signInput is the sigv4 input of c for a request with the given body.
func signInput(c *testClient, body []byte) sigv4.Input {
	return sigv4.Input{Credentials: c.creds, Service: "ec2", Region: c.region, PayloadHash: sigv4.HashPayload(body), Time: c.now()}
}
