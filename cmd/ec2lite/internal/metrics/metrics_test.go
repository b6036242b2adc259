package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/promtext"
)

const testEndpoint = "cvpn-endpoint-0123456789abcdef0"

// ec2Server answers DescribeClientVpnEndpoints with endpoints (one page)
// and DescribeClientVpnConnections with pages[NextToken]: a list of
// "id/user" connections and the next token.
func ec2Server(t *testing.T, endpoints []string, pages map[string][]string, next map[string]string, hold <-chan struct{}, hits *int, mu *sync.Mutex) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		f, _ := url.ParseQuery(string(body))
		if mu != nil {
			mu.Lock()
			*hits++
			mu.Unlock()
		}
		if hold != nil {
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Second):
			}
		}
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		var b strings.Builder
		if f.Get("Action") == "DescribeClientVpnEndpoints" {
			b.WriteString(`<DescribeClientVpnEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><clientVpnEndpoint>`)
			for _, id := range endpoints {
				fmt.Fprintf(&b, "<item><clientVpnEndpointId>%s</clientVpnEndpointId><status><code>available</code></status></item>", id)
			}
			b.WriteString("</clientVpnEndpoint></DescribeClientVpnEndpointsResponse>")
			io.WriteString(w, b.String())
			return
		}
		tok := f.Get("NextToken")
		b.WriteString(`<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><connections>`)
		for _, c := range pages[tok] {
			id, user, _ := strings.Cut(c, "/")
			fmt.Fprintf(&b, "<item><clientVpnEndpointId>%s</clientVpnEndpointId><connectionId>%s</connectionId><username>%s</username>"+
				"<ingressBytes>1</ingressBytes><egressBytes>2</egressBytes><ingressPackets>3</ingressPackets><egressPackets>4</egressPackets>"+
				"<status><code>active</code></status></item>", f.Get("ClientVpnEndpointId"), id, user)
		}
		b.WriteString("</connections>")
		if n := next[tok]; n != "" {
			fmt.Fprintf(&b, "<nextToken>%s</nextToken>", n)
		}
		b.WriteString("</DescribeClientVpnConnectionsResponse>")
		io.WriteString(w, b.String())
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func testFleet(t *testing.T, u string, all bool) *fleet.Fleet {
	t.Helper()
	c, err := clientvpn.NewFromOptions(context.Background(), clientvpn.Options{IgnoreEnvironment: true, Region: "us-east-1", EndpointURL: u,
		MaxAttempts: 1, Credentials: credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}}})
	if err != nil {
		t.Fatal(err)
	}
	f := &fleet.Fleet{Regions: []fleet.RegionClient{{Region: "us-east-1", Client: c}}, All: all}
	if !all {
		f.EndpointID = testEndpoint
	}
	return f
}

// samples returns the samples of the page whose name is name, as
// "labels value" lines.
func samples(t *testing.T, page []byte, name string) []string {
	t.Helper()
	fams, err := promtext.Parse(string(page))
	if err != nil {
		t.Fatalf("the page is not valid: %v\n%s", err, page)
	}
	var out []string
	for _, f := range fams {
		if f.Name != name {
			continue
		}
		for _, s := range f.Samples {
			var l []string
			for _, x := range s.Labels {
				l = append(l, x.Name+"="+x.Value)
			}
			out = append(out, fmt.Sprintf("%s %v", strings.Join(l, ","), s.Value))
		}
	}
	return out
}

// TestDuplicatesDropped checks that a connection or an endpoint listed
// twice is kept once, as first listed, and counted, across samples.
func TestDuplicatesDropped(t *testing.T) {
	pages := map[string][]string{"": {"cvpn-connection-a/alice", "cvpn-connection-b/bob"}, "p2": {"cvpn-connection-b/bob-again", "cvpn-connection-c/carol"}}
	next := map[string]string{"": "p2"}
	tests := []struct {
		reason    string
		endpoints []string // nil: one endpoint, not a sweep
		users     []string
		dropped   []string // after two samples
	}{
		{
			reason:  "a connection listed on two pages",
			users:   []string{"client_vpn_endpoint_id=" + testEndpoint + ",region=us-east-1,username=alice 1", "client_vpn_endpoint_id=" + testEndpoint + ",region=us-east-1,username=bob 1", "client_vpn_endpoint_id=" + testEndpoint + ",region=us-east-1,username=carol 1"},
			dropped: []string{"kind=connection,region=us-east-1 2", "kind=endpoint,region=us-east-1 0"},
		},
		{
			reason:    "an endpoint listed twice",
			endpoints: []string{testEndpoint, testEndpoint},
			users:     []string{"client_vpn_endpoint_id=" + testEndpoint + ",region=us-east-1,username=alice 1", "client_vpn_endpoint_id=" + testEndpoint + ",region=us-east-1,username=bob 1", "client_vpn_endpoint_id=" + testEndpoint + ",region=us-east-1,username=carol 1"},
			dropped:   []string{"kind=connection,region=us-east-1 2", "kind=endpoint,region=us-east-1 2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			u := ec2Server(t, tt.endpoints, pages, next, nil, nil, nil)
			e := &Exporter{Fleet: testFleet(t, u, tt.endpoints != nil), Errors: io.Discard}
			var page []byte
			for range 2 {
				var err error
				if page, err = e.scrape(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.users, samples(t, page, "ec2lite_clientvpn_user_active_connections")); diff != "" {
				t.Errorf("users (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.dropped, samples(t, page, "ec2lite_clientvpn_duplicates_dropped_total")); diff != "" {
				t.Errorf("duplicates (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScrapeAbandoned checks that concurrent scrapes share one sample and
// that a scrape whose context ends stops waiting while the sample goes on.
func TestScrapeAbandoned(t *testing.T) {
	hold := make(chan struct{})
	var mu sync.Mutex
	hits := 0
	u := ec2Server(t, nil, map[string][]string{"": {"cvpn-connection-a/alice"}}, nil, hold, &hits, &mu)
	e := &Exporter{Fleet: testFleet(t, u, false), Errors: io.Discard}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := e.scrape(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("abandoned scrape: got %v, want its context's error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the abandoned scrape returned after %v", d)
	}
	// A second scrape joins the sample under way, which the server then
	// answers.
	got := make(chan []byte, 1)
	go func() {
		page, _ := e.scrape(context.Background())
		got <- page
	}()
	time.Sleep(100 * time.Millisecond)
	close(hold)
	select {
	case page := <-got:
		if up := samples(t, page, "ec2lite_clientvpn_up"); !cmp.Equal(up, []string{"region=us-east-1 1"}) {
			t.Errorf("up: %v", up)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the joined scrape did not end")
	}
	mu.Lock()
	defer mu.Unlock()
	if hits != 1 {
		t.Errorf("the server received %d requests, want 1 (one sample for both scrapes)", hits)
	}
}

// TestServerTimeouts checks that the exporter's server has every timeout.
func TestServerTimeouts(t *testing.T) {
	s := newServer(http.NotFoundHandler())
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": s.ReadHeaderTimeout, "ReadTimeout": s.ReadTimeout, "WriteTimeout": s.WriteTimeout, "IdleTimeout": s.IdleTimeout} {
		if d <= 0 {
			t.Errorf("%s is not set", name)
		}
	}
}
