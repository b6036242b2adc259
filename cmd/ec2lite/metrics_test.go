package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/metrics"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/promtext"
)

// startMetrics runs `ec2lite metrics ARGS --listen 127.0.0.1:0` in-process
// and returns its /metrics URL and a function that stops it and returns its
// exit code and stderr.
func startMetrics(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr strings.Builder
	var mu sync.Mutex
	r := &cli.Env{Ctx: ctx, Vars: isolatedEnv(t), Stdin: strings.NewReader(""), Stdout: pw,
		Stderr: writerFunc(func(b []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return stderr.Write(b) }),
		Now:    time.Now, Dir: t.TempDir()}
	done := make(chan struct{})
	code := 0
	go func() {
		code = dispatch(r, append([]string{"metrics", "--listen", "127.0.0.1:0"}, args...))
		pw.Close()
		close(done)
	}()
	stop := func() (int, string) {
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		return code, stderr.String()
	}
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		c, e := stop()
		t.Fatalf("metrics printed no URL (exit %d): %v; stderr: %s", c, err, e)
	}
	go io.Copy(io.Discard, pr)
	t.Cleanup(func() { stop() })
	return strings.TrimSpace(line), stop
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// scrape GETs url and checks the exposition format strictly.
func scrape(t *testing.T, url string) (string, []promtext.Family) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; version=0.0.4; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	fams, err := promtext.Parse(string(body))
	if err != nil {
		t.Fatalf("the page is not strict text format 0.0.4: %v\n%s", err, body)
	}
	return string(body), fams
}

// value returns the value of the sample of family name whose labels include want.
func value(t *testing.T, fams []promtext.Family, name string, want ...string) float64 {
	t.Helper()
	for _, f := range fams {
		if f.Name != name {
			continue
		}
	samples:
		for _, s := range f.Samples {
			for i := 0; i+1 < len(want); i += 2 {
				found := false
				for _, l := range s.Labels {
					if l.Name == want[i] && l.Value == want[i+1] {
						found = true
					}
				}
				if !found {
					continue samples
				}
			}
			return s.Value
		}
	}
	t.Fatalf("no sample %s%v", name, want)
	return 0
}

// durationLine is the one value that depends on the machine.
var durationLine = regexp.MustCompile(`(?m)^(ec2lite_clientvpn_sample_duration_seconds) \S+$`)

func TestMetricsDemoGolden(t *testing.T) {
	url, stop := startMetrics(t, "--demo", "--fake-clock", "2026-11-26T12:00:00Z", "--cache", "1h")
	page, fams := scrape(t, url)
	page = durationLine.ReplaceAllString(page, "$1 DURATION")
	golden := filepath.Join("..", "..", "testdata", "cli", "metrics", "demo.prom")
	if *updateGoldens {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), page); diff != "" {
		t.Errorf("scrape of `metrics --demo` (-%s +got):\n%s", golden, diff)
	}

	// What the sample data say (clientvpntest.SampleData).
	region, ep := []string{"region", "us-east-1"}, []string{"client_vpn_endpoint_id", clientvpntest.SampleEndpointID}
	for _, c := range []struct {
		Name   string
		labels []string
		want   float64
	}{
		{"ec2lite_clientvpn_up", region, 1},
		{"ec2lite_clientvpn_endpoint_active_connections", append(region, ep...), 8},
		{"ec2lite_clientvpn_endpoint_connections", append(append(region, ep...), "status", "terminated"), 3},
		{"ec2lite_clientvpn_endpoint_connections", append(append(region, ep...), "status", "terminating"), 1},
		{"ec2lite_clientvpn_user_active_connections", append(ep, "username", "dave"), 2},
		{"ec2lite_clientvpn_user_active_connections", append(ep, "username", "o'neil&co"), 1},
		{"ec2lite_clientvpn_user_active_connections", append(ep, "username", "yamada.太郎"), 1},
		{"ec2lite_clientvpn_connection_ingress_bytes_total", []string{"connection_id", "cvpn-connection-01f2e3d4c5b6a7980"}, 987654321},
		{"ec2lite_clientvpn_connection_egress_packets_total", []string{"connection_id", "cvpn-connection-01f2e3d4c5b6a7980"}, 765432},
		{"ec2lite_clientvpn_connection_ingress_bytes_total", []string{"connection_id", "cvpn-connection-0ee55ff66aa77bb88"}, 18446744073709551615},
		{"ec2lite_clientvpn_samples_total", nil, 1},
		{"ec2lite_clientvpn_sample_timestamp_seconds", nil, float64(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC).Unix())},
	} {
		if got := value(t, fams, c.Name, c.labels...); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.Name, c.labels, got, c.want)
		}
	}

	// Within the cache interval, a scrape reuses the sample.
	again, _ := scrape(t, url)
	if again = durationLine.ReplaceAllString(again, "$1 DURATION"); again != page {
		t.Errorf("second scrape within --cache differs:\n%s", cmp.Diff(page, again))
	}
	if code, stderr := stop(); code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestMetricsCache scrapes an exporter over HTTP with a clock of its own:
// scrapes within --cache reuse the sample, a later one samples again and
// sees the live fake endpoint's counters grown.
func TestMetricsCache(t *testing.T) {
	start := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clock := fleet.NewStepClock(start, 10*time.Second)
	srv := clientvpntest.NewServer(clientvpntest.WithLive(), clientvpntest.WithClock(clock.Now), clientvpntest.WithTime(start))
	defer srv.Close()
	f := &fleet.Fleet{
		Regions: []fleet.RegionClient{{Region: "us-east-1", Client: &clientvpn.Client{
			Region: "us-east-1", Endpoint: srv.URL, HTTPClient: srv.Client(), Now: clock.Now,
			Credentials: credentials.Static{Credentials: credentials.Credentials{
				AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey}},
		}}},
		EndpointID: clientvpntest.SampleEndpointID,
		Now:        clock.Now,
		Advance:    clock.Advance,
	}
	wall := start
	exp := &metrics.Exporter{Fleet: f, Cache: 15 * time.Second, Errors: io.Discard, Wall: func() time.Time { return wall }}
	hs := httptest.NewServer(exp.Handler())
	defer hs.Close()

	conn := []string{"connection_id", "cvpn-connection-01f2e3d4c5b6a7980"}
	_, first := scrape(t, hs.URL+"/metrics")
	wall = wall.Add(14 * time.Second)
	_, cached := scrape(t, hs.URL+"/metrics")
	wall = wall.Add(1 * time.Second)
	_, fresh := scrape(t, hs.URL+"/metrics")

	for _, c := range []struct {
		Name       string
		fams       []promtext.Family
		samples    float64
		ingressAdd float64
	}{
		{"first", first, 1, 0},
		{"within the cache interval", cached, 1, 0},
		{"after the cache interval", fresh, 2, 10 * (1200 + 97*4)}, // the live server's rate for the fifth connection
	} {
		if got := value(t, c.fams, "ec2lite_clientvpn_samples_total"); got != c.samples {
			t.Errorf("%s: samples_total = %v, want %v", c.Name, got, c.samples)
		}
		if got := value(t, c.fams, "ec2lite_clientvpn_connection_ingress_bytes_total", conn...); got != 987654321+c.ingressAdd {
			t.Errorf("%s: ingress bytes = %v, want %v", c.Name, got, 987654321+c.ingressAdd)
		}
	}
	if n := srv.Requests(); n != 2 {
		t.Errorf("the fake endpoint got %d requests, want 2 (one per sample)", n)
	}

	// Not found and wrong methods.
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/nope", 404}, {"POST", "/metrics", 405}, {"HEAD", "/metrics", 200}, {"GET", "/", 200},
	} {
		req, _ := http.NewRequest(c.method, hs.URL+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.want)
		}
	}
}

// TestMetricsFailure: an endpoint that does not exist gives up 0 and the
// error on stderr, and the page is still served.
func TestMetricsFailure(t *testing.T) {
	url, stop := startMetrics(t, "--demo", "--client-vpn-endpoint-id", "cvpn-endpoint-0000000000000000f", "--cache", "0s")
	_, fams := scrape(t, url)
	if got := value(t, fams, "ec2lite_clientvpn_up", "region", "us-east-1"); got != 0 {
		t.Errorf("up = %v, want 0", got)
	}
	for _, f := range fams {
		if f.Name == "ec2lite_clientvpn_endpoint_active_connections" && len(f.Samples) != 0 {
			t.Errorf("a failed endpoint has samples: %+v", f.Samples)
		}
	}
	_, fams = scrape(t, url)
	if got := value(t, fams, "ec2lite_clientvpn_samples_total"); got != 2 {
		t.Errorf("with --cache 0s, samples_total = %v after two scrapes, want 2", got)
	}
	code, stderr := stop()
	if code != 0 || !strings.Contains(stderr, "region us-east-1, endpoint cvpn-endpoint-0000000000000000f: An error occurred (InvalidClientVpnEndpointId.NotFound)") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestMetricsUsage(t *testing.T) {
	for _, c := range []struct {
		Name string
		args []string
		want string
	}{
		{"no endpoint", []string{"metrics"}, "one of the arguments --client-vpn-endpoint-id --all-endpoints --regions is required"},
		{"bad cache", []string{"metrics", "--demo", "--cache", "soon"}, "argument --cache: invalid duration value: 'soon'"},
		{"top option", []string{"metrics", "--demo", "--interval", "2s"}, "Unknown options: --interval"},
		{"fake clock without demo", []string{"metrics", "--client-vpn-endpoint-id", "x", "--fake-clock", "2026-11-26T12:00:00Z"}, "--fake-clock works with --demo only"},
		{"both", []string{"metrics", "--client-vpn-endpoint-id", "x", "--all-endpoints"}, "cannot be combined"},
	} {
		t.Run(c.Name, func(t *testing.T) {
			code, _, stderr := runIn(t, context.Background(), isolatedEnv(t), c.args...)
			if code != cli.ExitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 252 and %q", code, stderr, c.want)
			}
		})
	}
}

// TestMetricsConfigured runs metrics and top with the AWS CLI's
// configuration (environment credentials, --region, --endpoint-url) rather
// than --demo, over a fleet of two regions.
func TestMetricsConfigured(t *testing.T) {
	_, url := newRegionRouter(t, map[string]clientvpntest.Data{
		"us-east-1": clientvpntest.SampleData(),
		"eu-west-1": fleetData("eu-west-1", 2, 3),
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	r := &cli.Env{Ctx: ctx, Vars: sweepEnv(t), Stdin: strings.NewReader(""), Stdout: pw, Stderr: io.Discard, Now: time.Now, Dir: t.TempDir()}
	done := make(chan int, 1)
	go func() {
		done <- dispatch(r, []string{"metrics", "--listen", "127.0.0.1:0", "--regions", "us-east-1,eu-west-1", "--endpoint-url", url})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no URL (exit %d): %v", <-done, err)
	}
	go io.Copy(io.Discard, pr)
	_, fams := scrape(t, strings.TrimSpace(line))
	for _, c := range []struct {
		labels []string
		want   float64
	}{
		{[]string{"region", "us-east-1", "client_vpn_endpoint_id", clientvpntest.SampleEndpointID}, 8},
		{[]string{"region", "eu-west-1", "client_vpn_endpoint_id", "cvpn-endpoint-euwest101"}, 3},
	} {
		if got := value(t, fams, "ec2lite_clientvpn_endpoint_active_connections", c.labels...); got != c.want {
			t.Errorf("active connections %v = %v, want %v", c.labels, got, c.want)
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}

	code, stdout, stderr := runIn(t, context.Background(), sweepEnv(t), "top", "--region", "eu-west-1", "--endpoint-url", url,
		"--client-vpn-endpoint-id", "cvpn-endpoint-euwest100", "--sort", "user")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "cvpn-endpoint-euwest100 (eu-west-1)") || !strings.Contains(stdout, "3 connections") {
		t.Errorf("top with configuration: exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
}
