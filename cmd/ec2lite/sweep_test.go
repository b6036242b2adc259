package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// regionRouter is one fake EC2 "endpoint URL" for many regions: it hands
// each request to the fake endpoint of the region it is signed for (the
// credential scope of its Authorization header), so that --endpoint-url,
// which the AWS CLI uses for every region, reaches one server per region.
// A region without a server answers AuthFailure, as EC2 does in a region
// the account has not opted in to; refuse makes one endpoint's connection
// listing fail with UnauthorizedOperation.
type regionRouter struct {
	servers map[string]*clientvpntest.Server
	refuse  string // an endpoint id

	mu       sync.Mutex
	requests map[string]int // per region
}

var scopeRegion = regexp.MustCompile(`Credential=[^/]+/\d{8}/([^/]+)/`)

func (rr *regionRouter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := scopeRegion.FindStringSubmatch(r.Header.Get("Authorization"))
	region := ""
	if m != nil {
		region = m[1]
	}
	rr.mu.Lock()
	rr.requests[region]++
	rr.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	srv, ok := rr.servers[region]
	switch {
	case !ok:
		ec2Error(w, 401, "AuthFailure", "AWS was not able to validate the provided access credentials")
	case rr.refuse != "" && strings.Contains(string(body), "ClientVpnEndpointId="+rr.refuse):
		ec2Error(w, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
	default:
		srv.Handler().ServeHTTP(w, r)
	}
}

func ec2Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>00000000-0000-4000-8000-000000000000</RequestID></Response>`, code, msg)
}

// fleetData is n endpoints of conns connections each, named after region.
func fleetData(region string, n, conns int) clientvpntest.Data {
	var d clientvpntest.Data
	for e := 0; e < n; e++ {
		ep := clientvpntest.Endpoint{ID: fmt.Sprintf("cvpn-endpoint-%s%02d", strings.ReplaceAll(region, "-", ""), e)}
		for c := 0; c < conns; c++ {
			ep.Connections = append(ep.Connections, clientvpntest.Connection{
				ID: fmt.Sprintf("cvpn-connection-%05d%012d", e, c), Username: fmt.Sprintf("user%d", c%50), CommonName: "cn",
				ClientIP: fmt.Sprintf("10.%d.%d.%d", e, c/250, c%250), Established: time.Duration(c+1) * time.Minute,
				IngressBytes: uint64(c) * 1000, EgressBytes: uint64(c) * 100, IngressPackets: uint64(c), EgressPackets: uint64(c),
			})
		}
		d.Endpoints = append(d.Endpoints, ep)
	}
	return d
}

func newRegionRouter(t testing.TB, data map[string]clientvpntest.Data) (*regionRouter, string) {
	rr := &regionRouter{servers: map[string]*clientvpntest.Server{}, requests: map[string]int{}}
	for region, d := range data {
		srv := clientvpntest.NewUnstartedServer(clientvpntest.WithRegion(region), clientvpntest.WithData(d), clientvpntest.WithTime(topStart))
		rr.servers[region] = srv
	}
	hs := httptest.NewServer(rr)
	t.Cleanup(hs.Close)
	return rr, hs.URL
}

func sweepEnv(t *testing.T) map[string]string {
	env := isolatedEnv(t)
	env["AWS_ACCESS_KEY_ID"] = clientvpntest.DefaultAccessKeyID
	env["AWS_SECRET_ACCESS_KEY"] = clientvpntest.DefaultSecretAccessKey
	env["AWS_DEFAULT_REGION"] = "us-east-1"
	return env
}

func TestSweep(t *testing.T) {
	rr, url := newRegionRouter(t, map[string]clientvpntest.Data{
		"us-east-1": fleetData("us-east-1", 2, 2),
		"eu-west-1": fleetData("eu-west-1", 3, 1),
	})
	rr.refuse = "cvpn-endpoint-euwest101"
	rr.servers["us-east-1"].InjectFaults(clientvpntest.Throttle()) // retried: the region's first call

	code, stdout, stderr := runIn(t, context.Background(), sweepEnv(t), "describe-client-vpn-connections",
		"--regions", "us-east-1,ap-south-1,eu-west-1", "--endpoint-url", url,
		"--query", "Regions[].{R: Region, E: Endpoints[].[ClientVpnEndpointId, Connections[].ConnectionId, Error]}", "--output", "json")
	if code != cli.ExitService {
		t.Errorf("exit %d, want 254 (a region and an endpoint failed)", code)
	}
	var got any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	want := []any{
		map[string]any{"R": "us-east-1", "E": []any{
			[]any{"cvpn-endpoint-useast100", []any{"cvpn-connection-00000000000000000", "cvpn-connection-00000000000000001"}, nil},
			[]any{"cvpn-endpoint-useast101", []any{"cvpn-connection-00001000000000000", "cvpn-connection-00001000000000001"}, nil},
		}},
		map[string]any{"R": "ap-south-1", "E": []any{}},
		map[string]any{"R": "eu-west-1", "E": []any{
			[]any{"cvpn-endpoint-euwest100", []any{"cvpn-connection-00000000000000000"}, nil},
			[]any{"cvpn-endpoint-euwest101", []any{}, "An error occurred (UnauthorizedOperation) when calling the DescribeClientVpnConnections operation: You are not authorized to perform this operation."},
			[]any{"cvpn-endpoint-euwest102", []any{"cvpn-connection-00002000000000000"}, nil},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sweep output (-want +got):\n%s", diff)
	}
	wantStderr := "\nregion ap-south-1: An error occurred (AuthFailure) when calling the DescribeClientVpnEndpoints operation: AWS was not able to validate the provided access credentials\n" +
		"\nregion eu-west-1, endpoint cvpn-endpoint-euwest101: An error occurred (UnauthorizedOperation) when calling the DescribeClientVpnConnections operation: You are not authorized to perform this operation.\n"
	if diff := cmp.Diff(wantStderr, stderr); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if n := rr.requests["us-east-1"]; n != 4 {
		t.Errorf("us-east-1 got %d requests, want 4 (a throttled DescribeClientVpnEndpoints retried, then 2 endpoints)", n)
	}
	if n := rr.requests["ap-south-1"]; n != 1 {
		t.Errorf("ap-south-1 got %d requests, want 1 (AuthFailure is not retried)", n)
	}
}

// TestSweepGolden prints a whole sweep of the sample data in each format.
func TestSweepGolden(t *testing.T) {
	_, url := newRegionRouter(t, map[string]clientvpntest.Data{
		"us-east-1": clientvpntest.SampleData(),
		"eu-west-1": fleetData("eu-west-1", 1, 2),
	})
	for _, output := range []string{"json", "text", "table"} {
		t.Run(output, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), sweepEnv(t), "describe-client-vpn-connections",
				"--regions", "us-east-1,eu-west-1", "--endpoint-url", url, "--output", output)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			checkSweepGolden(t, "sample."+output, stdout)
		})
	}
	// --all-endpoints alone: the configured region.
	code, stdout, _ := runIn(t, context.Background(), sweepEnv(t), "describe-client-vpn-connections", "--all-endpoints",
		"--endpoint-url", url, "--query", "Regions[].[Region, Endpoints[].ClientVpnEndpointId]", "--output", "text")
	if want := "us-east-1\ncvpn-endpoint-0123456789abcdef0\tcvpn-endpoint-0fedcba9876543210\n"; code != 0 || stdout != want {
		t.Errorf("--all-endpoints: exit %d, stdout %q, want %q (the deleted sample endpoint skipped)", code, stdout, want)
	}
	// --filters apply to every endpoint's connections.
	code, stdout, _ = runIn(t, context.Background(), sweepEnv(t), "describe-client-vpn-connections", "--regions", "us-east-1,eu-west-1",
		"--endpoint-url", url, "--filters", "Name=username,Values=dave,user1", "--query", "Regions[].Endpoints[].Connections[].[ClientVpnEndpointId,Username]", "--output", "text")
	if want := "cvpn-endpoint-0123456789abcdef0\tdave\ncvpn-endpoint-0123456789abcdef0\tdave\ncvpn-endpoint-euwest100\tuser1\n"; code != 0 || stdout != want {
		t.Errorf("--filters: exit %d, stdout %q, want %q", code, stdout, want)
	}
}

func checkSweepGolden(t *testing.T, name, got string) {
	t.Helper()
	checkGoldenIn(t, "sweep", name, got)
}

func TestSweepUsage(t *testing.T) {
	for _, c := range []struct {
		Name string
		args []string
		want string
	}{
		{"endpoint and all", []string{"--all-endpoints", "--client-vpn-endpoint-id", "x"}, "cannot be combined with --all-endpoints or --regions"},
		{"max items", []string{"--all-endpoints", "--max-items", "3"}, "--max-items cannot be combined"},
		{"bad region", []string{"--regions", "us east"}, "argument --regions: invalid region name: 'us east'"},
		{"empty regions", []string{"--regions", ","}, "argument --regions: expected at least one region"},
		{"value flag", []string{"--all-endpoints=yes"}, "argument --all-endpoints: ignored explicit argument 'yes'"},
		{"top option", []string{"--all-endpoints", "--interval", "2s"}, "Unknown options: --interval"},
	} {
		t.Run(c.Name, func(t *testing.T) {
			code, _, stderr := runIn(t, context.Background(), sweepEnv(t), append([]string{"describe-client-vpn-connections"}, c.args...)...)
			if code != cli.ExitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 252 and %q", code, stderr, c.want)
			}
		})
	}
	// Without the sweep options, nothing changes: an unknown option is the AWS CLI's error.
	code, _, stderr := runIn(t, context.Background(), sweepEnv(t), "fake-endpoint", "--regions", "x")
	if code != cli.ExitUsage || !strings.Contains(stderr, "Unknown options: --regions, x") {
		t.Errorf("fake-endpoint --regions: exit %d, stderr %q", code, stderr)
	}
}
