package clientvpntest

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// actionForm builds a body of action from key/value pairs, after Action and Version.
func actionForm(action string, kv ...string) string {
	v := url.Values{}
	v.Set("Action", action)
	v.Set("Version", "2016-11-15")
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

type xmlEndpoints struct {
	Endpoints []struct {
		ID        string `xml:"clientVpnEndpointId"`
		Status    string `xml:"status>code"`
		Transport string `xml:"transportProtocol"`
		Port      string `xml:"vpnPort"`
	} `xml:"clientVpnEndpoint>item"`
	NextToken string `xml:"nextToken"`
}

func (x xmlEndpoints) ids() []string {
	var out []string
	for _, e := range x.Endpoints {
		out = append(out, e.ID)
	}
	return out
}

type xmlTerminate struct {
	EndpointID string `xml:"clientVpnEndpointId"`
	Username   string `xml:"username"`
	Statuses   []struct {
		ID       string `xml:"connectionId"`
		Previous string `xml:"previousStatus>code"`
		Current  string `xml:"currentStatus>code"`
	} `xml:"connectionStatuses>item"`
}

func (x xmlTerminate) summary() []string {
	var out []string
	for _, s := range x.Statuses {
		out = append(out, s.ID+" "+s.Previous+"->"+s.Current)
	}
	return out
}

func TestDescribeEndpoints(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	all := []string{SampleEndpointID, EmptyEndpointID, DeletedEndpointID}
	tests := []struct {
		name       string
		kv         []string
		wantStatus int
		wantIDs    []string
		wantCode   string
		reason     string
	}{
		{name: "all", wantStatus: 200, wantIDs: all, reason: "no parameter lists every endpoint in data order"},
		{name: "ids", kv: []string{"ClientVpnEndpointId.1", DeletedEndpointID, "ClientVpnEndpointId.2", SampleEndpointID}, wantStatus: 200,
			wantIDs: []string{SampleEndpointID, DeletedEndpointID}, reason: "ids select, the order stays the data's"},
		{name: "unknown id", kv: []string{"ClientVpnEndpointId.1", SampleEndpointID, "ClientVpnEndpointId.2", "cvpn-endpoint-00000000000000000"},
			wantStatus: 400, wantCode: "InvalidClientVpnEndpointId.NotFound", reason: "one unknown id fails the call"},
		{name: "transport filter", kv: []string{"Filter.1.Name", "transport-protocol", "Filter.1.Value.1", "tcp"}, wantStatus: 200,
			wantIDs: []string{EmptyEndpointID}, reason: "udp is the default of the others"},
		{name: "two filters", kv: []string{"Filter.1.Name", "transport-protocol", "Filter.1.Value.1", "udp", "Filter.2.Name", "endpoint-id",
			"Filter.2.Value.1", DeletedEndpointID, "Filter.2.Value.2", EmptyEndpointID}, wantStatus: 200,
			wantIDs: []string{DeletedEndpointID}, reason: "filters are AND-ed, values OR-ed"},
		{name: "bad filter", kv: []string{"Filter.1.Name", "username", "Filter.1.Value.1", "x"}, wantStatus: 400, wantCode: "InvalidParameterValue",
			reason: "only endpoint-id and transport-protocol"},
		{name: "unsuffixed id", kv: []string{"ClientVpnEndpointId", SampleEndpointID}, wantStatus: 400, wantCode: "UnknownParameter",
			reason: "the list is ClientVpnEndpointId.N"},
		{name: "max results", kv: []string{"MaxResults", "4"}, wantStatus: 400, wantCode: "InvalidParameterValue", reason: "5-1000"},
		{name: "dry run", kv: []string{"DryRun", "true"}, wantStatus: 412, wantCode: "DryRunOperation", reason: "after validation"},
		{name: "bad token", kv: []string{"NextToken", "abc"}, wantStatus: 400, wantCode: "InvalidNextToken", reason: "opaque tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.post(actionForm("DescribeClientVpnEndpoints", tt.kv...), nil)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d (%s): %s", resp.StatusCode, tt.wantStatus, tt.reason, body)
			}
			if tt.wantCode != "" {
				if e := decodeError(t, body); e.Code != tt.wantCode {
					t.Errorf("code %s, want %s (%s)", e.Code, tt.wantCode, tt.reason)
				}
				return
			}
			var x xmlEndpoints
			if err := xml.Unmarshal(body, &x); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantIDs, x.ids()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestDescribeEndpointsPages(t *testing.T) {
	var d Data
	var want []string
	for i := range 12 {
		id := fmt.Sprintf("cvpn-endpoint-%017x", i+1)
		want = append(want, id)
		d.Endpoints = append(d.Endpoints, Endpoint{ID: id, Connections: []Connection{}})
	}
	srv := NewServer(WithTime(fixedNow), WithData(d))
	defer srv.Close()
	c := newTestClient(t, srv)
	var got []string
	token := ""
	pages := 0
	for {
		kv := []string{"MaxResults", "5"}
		if token != "" {
			kv = append(kv, "NextToken", token)
		}
		resp, body := c.post(actionForm("DescribeClientVpnEndpoints", kv...), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var x xmlEndpoints
		if err := xml.Unmarshal(body, &x); err != nil {
			t.Fatal(err)
		}
		got = append(got, x.ids()...)
		pages++
		if x.NextToken == "" {
			break
		}
		token = x.NextToken
	}
	if pages != 3 {
		t.Errorf("%d pages for 12 endpoints by 5, want 3", pages)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A token continues only the listing it came from.
	_, body := c.post(actionForm("DescribeClientVpnEndpoints", "MaxResults", "5"), nil)
	var x xmlEndpoints
	xml.Unmarshal(body, &x)
	resp, body := c.post(actionForm("DescribeClientVpnEndpoints", "NextToken", x.NextToken, "Filter.1.Name", "transport-protocol", "Filter.1.Value.1", "udp"), nil)
	if resp.StatusCode != 400 || decodeError(t, body).Code != "InvalidNextToken" {
		t.Errorf("a token used with other filters: %d %s", resp.StatusCode, body)
	}
	resp, body = c.post(form("ClientVpnEndpointId", want[0], "NextToken", x.NextToken), nil)
	if resp.StatusCode != 400 || decodeError(t, body).Code != "InvalidNextToken" {
		t.Errorf("an endpoints token used with DescribeClientVpnConnections: %d %s", resp.StatusCode, body)
	}
}

// TestDescribeEndpointsGolden keeps the server's answer for all sample
// endpoints as testdata/describe-endpoints-sample.xml (-update rewrites it).
func TestDescribeEndpointsGolden(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	for _, g := range []struct{ file, body string }{
		{"describe-endpoints-sample.xml", actionForm("DescribeClientVpnEndpoints")},
		{"terminate-username.xml", actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", SampleEndpointID, "Username", "erin")},
	} {
		t.Run(g.file, func(t *testing.T) {
			resp, body := c.post(g.body, nil)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(body)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestTerminate(t *testing.T) {
	tests := []struct {
		name       string
		kv         []string
		wantStatus int
		wantCode   string
		want       []string
		reason     string
	}{
		{name: "by id", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "ConnectionId", "cvpn-connection-97488e74f860e146f"}, wantStatus: 200,
			want: []string{"cvpn-connection-97488e74f860e146f active->terminating"}, reason: "an active connection"},
		{name: "by user", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "dave"}, wantStatus: 200,
			want:   []string{"cvpn-connection-0d4e5f6a7b8c9d0e1 active->terminating", "cvpn-connection-0aa11bb22cc33dd44 active->terminating"},
			reason: "every active connection of the user"},
		{name: "user with failed termination", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "erin"}, wantStatus: 200,
			want:   []string{"cvpn-connection-0f0e0d0c0b0a09080 failed-to-terminate->terminating"},
			reason: "failed-to-terminate is retried; terminating is not active"},
		{name: "user without connections", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "nobody"}, wantStatus: 200,
			reason: "nothing to terminate is not an error"},
		{name: "terminated by id", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "ConnectionId", "cvpn-connection-0e03eb24267165acd"}, wantStatus: 200,
			want: []string{"cvpn-connection-0e03eb24267165acd terminated->terminated"}, reason: "reported unchanged"},
		{name: "hidden by id", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "ConnectionId", "cvpn-connection-0c0ffee0c0ffee0c0"}, wantStatus: 400,
			wantCode: "InvalidClientVpnConnectionId.NotFound", reason: "ended over an hour ago: gone"},
		{name: "neither", kv: []string{"ClientVpnEndpointId", SampleEndpointID}, wantStatus: 400, wantCode: "MissingParameter", reason: "one of the two is needed"},
		{name: "both", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "dave", "ConnectionId", "cvpn-connection-0d4e5f6a7b8c9d0e1"},
			wantStatus: 400, wantCode: "InvalidParameterCombination", reason: "a username cannot be combined with a connection id"},
		{name: "no endpoint", kv: []string{"Username", "dave"}, wantStatus: 400, wantCode: "MissingParameter", reason: "required"},
		{name: "unknown endpoint", kv: []string{"ClientVpnEndpointId", "cvpn-endpoint-00000000000000000", "Username", "dave"}, wantStatus: 400,
			wantCode: "InvalidClientVpnEndpointId.NotFound", reason: "as for describe"},
		{name: "dry run", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "dave", "DryRun", "true"}, wantStatus: 412,
			wantCode: "DryRunOperation", reason: "nothing terminated"},
		{name: "dry run both", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "dave", "ConnectionId", "x", "DryRun", "true"}, wantStatus: 400,
			wantCode: "InvalidParameterCombination", reason: "parameter rules come before the dry run"},
		{name: "filter", kv: []string{"ClientVpnEndpointId", SampleEndpointID, "Username", "dave", "Filter.1.Name", "username"}, wantStatus: 400,
			wantCode: "UnknownParameter", reason: "no filters here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewServer(WithTime(fixedNow))
			defer srv.Close()
			c := newTestClient(t, srv)
			resp, body := c.post(actionForm("TerminateClientVpnConnections", tt.kv...), nil)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d (%s): %s", resp.StatusCode, tt.wantStatus, tt.reason, body)
			}
			if tt.wantCode != "" {
				if e := decodeError(t, body); e.Code != tt.wantCode {
					t.Errorf("code %s (%s), want %s (%s)", e.Code, e.Message, tt.wantCode, tt.reason)
				}
				// Nothing changed.
				_, after := c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
				if diff := cmp.Diff(visibleSampleIDs(), ids(decodeDescribe(t, after).Connections)); diff != "" {
					t.Errorf("listing changed (-want +got):\n%s", diff)
				}
				return
			}
			var x xmlTerminate
			if err := xml.Unmarshal(body, &x); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, x.summary()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			if x.EndpointID != SampleEndpointID {
				t.Errorf("clientVpnEndpointId %q", x.EndpointID)
			}
		})
	}
}

func TestTerminateTooManyForUser(t *testing.T) {
	d := Data{Endpoints: []Endpoint{{ID: SampleEndpointID}}}
	for i := range 6 {
		d.Endpoints[0].Connections = append(d.Endpoints[0].Connections, Connection{ID: fmt.Sprintf("cvpn-connection-%017x", i), Username: "zed"})
	}
	srv := NewServer(WithTime(fixedNow), WithData(d))
	defer srv.Close()
	c := newTestClient(t, srv)
	resp, body := c.post(actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", SampleEndpointID, "Username", "zed"), nil)
	if e := decodeError(t, body); resp.StatusCode != 400 || e.Code != "InvalidParameterValue" {
		t.Fatalf("six connections by username: %d %s", resp.StatusCode, body)
	}
	// With one terminated by id, the other five go by username.
	c.post(actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", SampleEndpointID, "ConnectionId", d.Endpoints[0].Connections[0].ID), nil)
	resp, body = c.post(actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", SampleEndpointID, "Username", "zed"), nil)
	var x xmlTerminate
	xml.Unmarshal(body, &x)
	if resp.StatusCode != 200 || len(x.Statuses) != 5 || x.Username != "zed" {
		t.Errorf("five connections by username: %d %s", resp.StatusCode, body)
	}
}

// TestTerminateLifecycle checks the documented rule: terminating on the next
// describe, terminated (ended at the terminate call) on the ones after.
func TestTerminateLifecycle(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	const id = "cvpn-connection-97488e74f860e146f"
	status := func() xmlConn {
		t.Helper()
		_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID, "Filter.1.Name", "connection-id", "Filter.1.Value.1", id), nil)
		cs := decodeDescribe(t, body).Connections
		if len(cs) != 1 {
			t.Fatalf("%d connections listed: %s", len(cs), body)
		}
		return cs[0]
	}
	if s := status(); s.StatusCode != "active" || s.ConnectionEndTime != "-" {
		t.Fatalf("before: %+v", s)
	}
	c.post(actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", SampleEndpointID, "ConnectionId", id), nil)
	if s := status(); s.StatusCode != "terminating" || s.ConnectionEndTime != "-" {
		t.Errorf("first describe after: %+v, want terminating, not ended", s)
	}
	for range 2 {
		if s := status(); s.StatusCode != "terminated" || s.ConnectionEndTime != "2026-11-25 12:00:00" || s.Timestamp != s.ConnectionEndTime {
			t.Errorf("later describe: %+v, want terminated at the snapshot time", s)
		}
	}
	_, body := c.post(actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", SampleEndpointID, "ConnectionId", id), nil)
	var x xmlTerminate
	xml.Unmarshal(body, &x)
	if diff := cmp.Diff([]string{id + " terminated->terminated"}, x.summary()); diff != "" {
		t.Errorf("terminating again (-want +got):\n%s", diff)
	}
	if got := srv.Data().Endpoints[0].Connections[0].Status; got != StatusTerminated {
		t.Errorf("Data() shows %q", got)
	}
}

// FuzzParseParams parses arbitrary forms with the specs of the new actions:
// never a panic, and a success keeps only what the spec allows.
func FuzzParseParams(f *testing.F) {
	f.Add(actionForm("DescribeClientVpnEndpoints", "ClientVpnEndpointId.2", "b", "ClientVpnEndpointId.1", "a", "Filter.1.Name", "endpoint-id", "Filter.1.Value.1", "a"))
	f.Add(actionForm("DescribeClientVpnEndpoints", "ClientVpnEndpointId.1.x", "a", "MaxResults", "5"))
	f.Add(actionForm("TerminateClientVpnConnections", "ClientVpnEndpointId", "e", "Username", "u", "DryRun", "TRUE"))
	f.Add(actionForm("TerminateClientVpnConnections", "ConnectionId", "c", "NextToken", "t"))
	f.Fuzz(func(t *testing.T, body string) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		for _, spec := range []*paramSpec{&endpointsSpec, &terminateSpec} {
			p, aerr := parseParams(form, spec)
			if aerr != nil {
				if aerr.status != 400 || aerr.code == "" {
					t.Fatalf("%s: error %+v", spec.action, aerr)
				}
				continue
			}
			if form.Get("Action") != spec.action {
				t.Fatalf("%s accepted action %q", spec.action, form.Get("Action"))
			}
			for _, name := range spec.required {
				if p.scalars[name] == "" {
					t.Fatalf("%s: required %s missing", spec.action, name)
				}
			}
			if spec.list == "" && len(p.list) > 0 || spec.filters == nil && len(p.filters) > 0 {
				t.Fatalf("%s: parameters the spec does not have: %+v", spec.action, p)
			}
			for _, fl := range p.filters {
				if !slices.Contains(spec.filters, fl.Name) || len(fl.Values) == 0 {
					t.Fatalf("%s: filter %+v", spec.action, fl)
				}
			}
			if !spec.paged && (p.maxResults != 0 || p.nextToken != "") {
				t.Fatalf("%s: paging parameters accepted", spec.action)
			}
		}
	})
}
