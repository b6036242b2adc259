package clientvpntest

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDescribe(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	all := visibleSampleIDs()

	tests := []struct {
		name       string
		reason     string
		body       string
		wantStatus int
		wantCode   string
		wantMsg    string
		wantIDs    []string // on success
		wantNext   bool
	}{
		{
			name: "all", reason: "no MaxResults: everything up to 1000 on one page; the connection terminated 90 minutes ago is hidden",
			body: form("ClientVpnEndpointId", SampleEndpointID), wantStatus: 200, wantIDs: all,
		},
		{
			name: "empty endpoint", reason: "an endpoint without connections answers an empty list",
			body: form("ClientVpnEndpointId", EmptyEndpointID), wantStatus: 200, wantIDs: []string{},
		},
		{
			name: "username filter values are OR-ed", body: form("ClientVpnEndpointId", SampleEndpointID,
				"Filter.1.Name", "username", "Filter.1.Value.1", "bob", "Filter.1.Value.2", "dave"),
			wantStatus: 200, wantIDs: []string{"cvpn-connection-00668867a40f18253", "cvpn-connection-0b1c2d3e4f5a69788",
				"cvpn-connection-0d4e5f6a7b8c9d0e1", "cvpn-connection-0aa11bb22cc33dd44"},
		},
		{
			name: "filters are AND-ed", body: form("ClientVpnEndpointId", SampleEndpointID,
				"Filter.1.Name", "username", "Filter.1.Value.1", "bob",
				"Filter.2.Name", "connection-id", "Filter.2.Value.1", "cvpn-connection-0b1c2d3e4f5a69788",
				"Filter.2.Value.2", "cvpn-connection-97488e74f860e146f"),
			wantStatus: 200, wantIDs: []string{"cvpn-connection-0b1c2d3e4f5a69788"},
		},
		{
			name: "non-ASCII username", body: form("ClientVpnEndpointId", SampleEndpointID,
				"Filter.1.Name", "username", "Filter.1.Value.1", "yamada.太郎"),
			wantStatus: 200, wantIDs: []string{"cvpn-connection-0123abcd4567ef890"},
		},
		{
			name: "filter values are case-sensitive", body: form("ClientVpnEndpointId", SampleEndpointID,
				"Filter.1.Name", "username", "Filter.1.Value.1", "Alice"),
			wantStatus: 200, wantIDs: []string{},
		},
		{
			name: "hidden connection stays hidden under a filter", reason: "the 60-minute rule applies before filters",
			body: form("ClientVpnEndpointId", SampleEndpointID,
				"Filter.1.Name", "connection-id", "Filter.1.Value.1", "cvpn-connection-0c0ffee0c0ffee0c0"),
			wantStatus: 200, wantIDs: []string{},
		},
		{
			name: "MaxResults 5", body: form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"),
			wantStatus: 200, wantIDs: all[:5], wantNext: true,
		},
		{
			name: "MaxResults 1000", body: form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "1000"),
			wantStatus: 200, wantIDs: all,
		},
		{
			name: "MaxResults equal to the count has no next token", body: form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "13"),
			wantStatus: 200, wantIDs: all,
		},
		{
			name: "DryRun=false lists", body: form("ClientVpnEndpointId", SampleEndpointID, "DryRun", "false"),
			wantStatus: 200, wantIDs: all,
		},
		{
			name: "DryRun", body: form("ClientVpnEndpointId", SampleEndpointID, "DryRun", "true"),
			wantStatus: 412, wantCode: "DryRunOperation", wantMsg: "Request would have succeeded, but DryRun flag is set.",
		},
		{
			name: "DryRun with a missing endpoint id", reason: "parameters are validated before the dry-run answer",
			body: form("DryRun", "true"), wantStatus: 400, wantCode: "MissingParameter",
			wantMsg: "The request must contain the parameter ClientVpnEndpointId",
		},
		{
			name: "missing endpoint id", body: form(), wantStatus: 400, wantCode: "MissingParameter",
			wantMsg: "The request must contain the parameter ClientVpnEndpointId",
		},
		{
			name: "unknown endpoint", body: form("ClientVpnEndpointId", "cvpn-endpoint-00000000000000000"),
			wantStatus: 400, wantCode: "InvalidClientVpnEndpointId.NotFound",
			wantMsg: "Endpoint cvpn-endpoint-00000000000000000 does not exist",
		},
		{
			name: "unknown filter", body: form("ClientVpnEndpointId", SampleEndpointID,
				"Filter.1.Name", "common-name", "Filter.1.Value.1", "alice"),
			wantStatus: 400, wantCode: "InvalidParameterValue", wantMsg: "The filter 'common-name' is invalid",
		},
		{
			name: "filter without values", body: form("ClientVpnEndpointId", SampleEndpointID, "Filter.1.Name", "username"),
			wantStatus: 400, wantCode: "MissingParameter", wantMsg: "The request must contain the parameter Filter.1.Value",
		},
		{
			name: "filter without name", body: form("ClientVpnEndpointId", SampleEndpointID, "Filter.1.Value.1", "alice"),
			wantStatus: 400, wantCode: "MissingParameter", wantMsg: "The request must contain the parameter Filter.1.Name",
		},
		{
			name: "MaxResults 4", body: form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "4"),
			wantStatus: 400, wantCode: "InvalidParameterValue",
			wantMsg: "Value ( 4 ) for parameter maxResults is invalid. Expecting a value greater than 5.",
		},
		{
			name: "MaxResults 1001", body: form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "1001"),
			wantStatus: 400, wantCode: "InvalidParameterValue",
			wantMsg: "Value ( 1001 ) for parameter maxResults is invalid. Expecting a value less than 1000.",
		},
		{
			name: "MaxResults not a number", body: form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "ten"),
			wantStatus: 400, wantCode: "InvalidParameterValue",
			wantMsg: "Value ( ten ) for parameter maxResults is invalid. Expecting a value greater than 5.",
		},
		{
			name: "bad NextToken", body: form("ClientVpnEndpointId", SampleEndpointID, "NextToken", "eyJ2IjoiMiIsImMiOiJhYmMifQ=="),
			wantStatus: 400, wantCode: "InvalidNextToken", wantMsg: "The token is invalid or has expired.",
		},
		{
			name: "bad DryRun", body: form("ClientVpnEndpointId", SampleEndpointID, "DryRun", "yes"),
			wantStatus: 400, wantCode: "InvalidParameterValue",
			wantMsg: "Value (yes) for parameter DryRun is invalid. Expecting a boolean.",
		},
		{
			name: "unknown parameter", body: form("ClientVpnEndpointId", SampleEndpointID, "ClientVpnEndpointIds.1", "x"),
			wantStatus: 400, wantCode: "UnknownParameter", wantMsg: "The parameter ClientVpnEndpointIds.1 is not recognized",
		},
		{
			name: "unknown action", body: "Action=DescribeInstances&Version=2016-11-15",
			wantStatus: 400, wantCode: "InvalidAction", wantMsg: "The action DescribeInstances is not valid for this web service.",
		},
		{
			name: "missing action", body: "Version=2016-11-15&ClientVpnEndpointId=" + SampleEndpointID,
			wantStatus: 400, wantCode: "MissingAction", wantMsg: "The request must contain the parameter Action",
		},
		{
			name: "missing version", body: "Action=DescribeClientVpnConnections&ClientVpnEndpointId=" + SampleEndpointID,
			wantStatus: 400, wantCode: "MissingParameter", wantMsg: "The request must contain the parameter Version",
		},
		{
			name: "other version", body: "Action=DescribeClientVpnConnections&Version=2014-10-01&ClientVpnEndpointId=" + SampleEndpointID,
			wantStatus: 400, wantCode: "NoSuchVersion", wantMsg: "The requested version (2014-10-01) of service AmazonEC2 does not exist",
		},
		{
			name: "malformed body", body: form("ClientVpnEndpointId", SampleEndpointID) + "&Filter.1.Name=%zz",
			wantStatus: 400, wantCode: "MalformedQueryString", wantMsg: "The query string is malformed.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.post(tt.body, nil)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%s); body:\n%s", resp.StatusCode, tt.wantStatus, tt.reason, body)
			}
			if got := resp.Header.Get("Content-Type"); got != "text/xml;charset=UTF-8" {
				t.Errorf("Content-Type = %q", got)
			}
			if tt.wantCode != "" {
				e := decodeError(t, body)
				if diff := cmp.Diff(errorBody{tt.wantCode, tt.wantMsg, resp.Header.Get("X-Amzn-Requestid")}, e); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if !isUUID(e.RequestID) {
					t.Errorf("RequestID %q is not a UUID", e.RequestID)
				}
				return
			}
			d := decodeDescribe(t, body)
			if diff := cmp.Diff(tt.wantIDs, ids(d.Connections), cmpEmpty); diff != "" {
				t.Errorf("connection ids (-want +got) %s:\n%s", tt.reason, diff)
			}
			if (d.NextToken != "") != tt.wantNext {
				t.Errorf("nextToken = %q, want present = %v", d.NextToken, tt.wantNext)
			}
			if !isUUID(d.RequestID) || d.RequestID != resp.Header.Get("X-Amzn-Requestid") {
				t.Errorf("requestId %q, header %q", d.RequestID, resp.Header.Get("X-Amzn-Requestid"))
			}
		})
	}
}

// cmpEmpty treats nil and empty slices alike.
var cmpEmpty = cmp.Transformer("nonNil", func(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
})

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdef", r) {
				return false
			}
		}
	}
	return true
}

func TestGETQuery(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/?"+form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
	if err := c.signer.Sign(req, signInput(c, nil)); err != nil {
		t.Fatal(err)
	}
	resp, body := c.send(req)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if got := ids(decodeDescribe(t, body).Connections); len(got) != 5 {
		t.Errorf("got %d connections, want 5", len(got))
	}
}

// TestGolden compares the whole response for the sample data at a fixed time
// with testdata/describe-sample.xml (rewrite with -update).
func TestGolden(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	for _, g := range []struct{ file, body string }{
		{"describe-sample.xml", form("ClientVpnEndpointId", SampleEndpointID)},
		{"describe-sample-page1.xml", form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5")},
		{"describe-empty.xml", form("ClientVpnEndpointId", EmptyEndpointID)},
		{"error-not-found.xml", form("ClientVpnEndpointId", "cvpn-endpoint-00000000000000000")},
	} {
		t.Run(g.file, func(t *testing.T) {
			_, got := c.post(g.body, nil)
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestSampleDataShape(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
	d := decodeDescribe(t, body)
	users := map[string]bool{}
	var ipv6, noUser, nonASCII, terminated, active int
	for _, x := range d.Connections {
		users[x.Username] = true
		if x.ClientIpv6Address != "" {
			ipv6++
		}
		if x.Username == "" {
			noUser++
		}
		if strings.ContainsFunc(x.Username, func(r rune) bool { return r > 127 }) {
			nonASCII++
		}
		switch x.StatusCode {
		case "terminated":
			terminated++
			if x.ConnectionEndTime == "-" || x.Timestamp != x.ConnectionEndTime {
				t.Errorf("%s: terminated with end %q timestamp %q", x.ConnectionId, x.ConnectionEndTime, x.Timestamp)
			}
		case "active":
			active++
			if x.ConnectionEndTime != "-" || x.Timestamp != "2026-11-25 12:00:00" {
				t.Errorf("%s: active with end %q timestamp %q", x.ConnectionId, x.ConnectionEndTime, x.Timestamp)
			}
		}
	}
	delete(users, "")
	got := map[string]int{"connections": len(d.Connections), "users": len(users), "ipv6": ipv6, "noUser": noUser, "nonASCII": nonASCII}
	for k, min := range map[string]int{"connections": 12, "users": 5, "ipv6": 2, "noUser": 1, "nonASCII": 1} {
		if got[k] < min {
			t.Errorf("%s = %d, want at least %d", k, got[k], min)
		}
	}
	if terminated < 2 || active < 2 {
		t.Errorf("terminated %d, active %d: want some of each", terminated, active)
	}
}

func TestFrozenByteIdentical(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	c := newTestClient(t, srv)
	body := form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "6")
	_, first := c.post(body, nil)
	for i := 0; i < 3; i++ {
		if _, again := c.post(body, nil); !bytes.Equal(first, again) {
			t.Fatalf("answer %d differs:\n%s\nvs\n%s", i+2, first, again)
		}
	}
	// Another server with the same fixed time answers the same bytes too.
	a, b := NewServer(WithTime(fixedNow)), NewServer(WithTime(fixedNow))
	defer a.Close()
	defer b.Close()
	_, x := newTestClient(t, a).post(body, nil)
	_, y := newTestClient(t, b).post(body, nil)
	if !bytes.Equal(x, y) {
		t.Errorf("two servers with the same time answer differently")
	}
}

func TestPagination(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
	want := decodeDescribe(t, body).Connections

	for _, size := range []string{"5", "6", "12"} {
		t.Run("MaxResults="+size, func(t *testing.T) {
			var got []xmlConn
			token, pages := "", 0
			seen := map[string]bool{}
			for {
				kv := []string{"ClientVpnEndpointId", SampleEndpointID, "MaxResults", size}
				if token != "" {
					kv = append(kv, "NextToken", token)
				}
				resp, body := c.post(form(kv...), nil)
				if resp.StatusCode != 200 {
					t.Fatalf("page %d: status %d: %s", pages+1, resp.StatusCode, body)
				}
				d := decodeDescribe(t, body)
				got = append(got, d.Connections...)
				pages++
				if d.NextToken == "" {
					break
				}
				if seen[d.NextToken] {
					t.Fatalf("token %q repeated", d.NextToken)
				}
				seen[d.NextToken] = true
				if len(d.NextToken) != 64 || !strings.ContainsAny(d.NextToken, "+") ||
					!strings.Contains(d.NextToken, "/") || !strings.HasSuffix(d.NextToken, "=") {
					t.Errorf("token %q does not look like EC2's (64 base64 chars with + / =)", d.NextToken)
				}
				token = d.NextToken
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pages joined differ from one big page (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("token of another listing", func(t *testing.T) {
		_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
		tok := decodeDescribe(t, body).NextToken
		resp, body := c.post(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5", "NextToken", tok,
			"Filter.1.Name", "username", "Filter.1.Value.1", "alice"), nil)
		if resp.StatusCode != 400 || decodeError(t, body).Code != "InvalidNextToken" {
			t.Errorf("status %d body %s, want 400 InvalidNextToken", resp.StatusCode, body)
		}
	})
	t.Run("tampered token", func(t *testing.T) {
		_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
		tok := []byte(decodeDescribe(t, body).NextToken)
		tok[10] ^= 1
		resp, _ := c.post(form("ClientVpnEndpointId", SampleEndpointID, "NextToken", string(tok)), nil)
		if resp.StatusCode != 400 {
			t.Errorf("status %d, want 400", resp.StatusCode)
		}
	})
	t.Run("token with another MaxResults", func(t *testing.T) {
		_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
		tok := decodeDescribe(t, body).NextToken
		_, body = c.post(form("ClientVpnEndpointId", SampleEndpointID, "NextToken", tok), nil)
		if diff := cmp.Diff(visibleSampleIDs()[5:], ids(decodeDescribe(t, body).Connections)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("token sent unencoded", func(t *testing.T) {
		_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
		tok := decodeDescribe(t, body).NextToken
		raw := form("ClientVpnEndpointId", SampleEndpointID) + "&NextToken=" + tok // '+' reads as space
		resp, body := c.post(raw, nil)
		if resp.StatusCode != 400 || decodeError(t, body).Code != "InvalidNextToken" {
			t.Errorf("status %d body %s, want 400 InvalidNextToken", resp.StatusCode, body)
		}
	})
}

func TestLargePages(t *testing.T) {
	var d Data
	ep := Endpoint{ID: "cvpn-endpoint-00000000000000big"}
	for i := 0; i < 2500; i++ {
		ep.Connections = append(ep.Connections, Connection{ID: "cvpn-connection-" + strings.Repeat("0", 10) + itoa7(i), Username: "u" + itoa7(i%50)})
	}
	d.Endpoints = append(d.Endpoints, ep)
	srv := NewServer(WithData(d), WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	var n []int
	token := ""
	for {
		kv := []string{"ClientVpnEndpointId", ep.ID}
		if token != "" {
			kv = append(kv, "NextToken", token)
		}
		_, body := c.post(form(kv...), nil)
		d := decodeDescribe(t, body)
		n = append(n, len(d.Connections))
		if token = d.NextToken; token == "" {
			break
		}
	}
	if diff := cmp.Diff([]int{1000, 1000, 500}, n); diff != "" {
		t.Errorf("page sizes without MaxResults (-want +got):\n%s", diff)
	}
}

func itoa7(i int) string { return fmt.Sprintf("%07d", i) }
