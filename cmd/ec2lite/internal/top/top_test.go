package top

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
	"github.com/ec2lite/ec2lite/credentials"
)

var topStart = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// demoFleet is a fleet over live fake endpoints (one per region) whose clock
// moves on by step at each sample.
func demoFleet(t testing.TB, step time.Duration, all bool, regions ...string) *fleet.Fleet {
	t.Helper()
	clock := fleet.NewStepClock(topStart, step)
	f := &fleet.Fleet{All: all, Now: clock.Now, Advance: clock.Advance}
	if !all {
		f.EndpointID = clientvpntest.SampleEndpointID
	}
	for _, reg := range regions {
		srv := clientvpntest.NewServer(clientvpntest.WithLive(), clientvpntest.WithClock(clock.Now),
			clientvpntest.WithTime(topStart), clientvpntest.WithRegion(reg))
		t.Cleanup(srv.Close)
		f.Regions = append(f.Regions, fleet.RegionClient{Region: reg, Client: &clientvpn.Client{
			Region: reg, Endpoint: srv.URL, HTTPClient: srv.Client(), Now: clock.Now,
			Credentials: credentials.Static{Credentials: credentials.Credentials{
				AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey}},
		}})
	}
	return f
}

// updateGoldens rewrites the goldens of testdata/cli/top.
var updateGoldens = flag.Bool("update", false, "rewrite testdata/cli/top")

// checkGolden compares got with testdata/cli/top/NAME (rewritten by -update).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "..", "testdata", "cli", "top", name)
	if *updateGoldens {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func TestTopRender(t *testing.T) {
	ctx := context.Background()
	one := demoFleet(t, 2*time.Second, false, "us-east-1")
	single := newTopState(clientvpntest.SampleEndpointID+" (us-east-1)", 2*time.Second, false)
	first := single.render(132, 30)
	single.update(one.Sample(ctx))
	sampled := single.render(132, 30)
	single.update(one.Sample(ctx))

	two := demoFleet(t, 5*time.Second, true, "us-east-1", "eu-west-1")
	multi := newTopState("all endpoints of us-east-1,eu-west-1", 5*time.Second, true)
	multi.update(two.Sample(ctx))
	multi.update(two.Sample(ctx))

	tests := []struct {
		Name, golden, reason string
		got                  func() string
	}{
		{"before the first sample", "render-waiting.txt", "the frame is drawn at once, the sample comes later", func() string { return first }},
		{"one sample", "render-one-sample.txt", "no rates before a second sample", func() string { return sampled }},
		{"rates", "render-132x30.txt", "two samples 2 s apart: rates, sorted by IN/s, biggest first", func() string { return single.render(132, 30) }},
		{"narrow", "render-80x24.txt", "columns cut with … to fit 80 cells", func() string { return single.render(80, 24) }},
		{"short", "render-100x10.txt", "rows that do not fit are counted", func() string { return single.render(100, 10) }},
		{"sort by user", "render-sort-user.txt", "key 2: user ascending, ties by id", func() string { single.setSort(colUser); return single.render(132, 30) }},
		{"sort by user reversed", "render-sort-user-rev.txt", "key 2 again: reversed", func() string { single.setSort(colUser); return single.render(132, 30) }},
		{"sort by age", "render-sort-age.txt", "key 5: oldest first", func() string { single.setSort(colAge); return single.render(132, 30) }},
		{"all endpoints", "render-all-endpoints.txt", "two regions, every endpoint, where each row comes from", func() string { return multi.render(160, 40) }},
		{"snapshot", "snapshot.txt", "a non-terminal: every row, no key help", func() string { single.setSort(colIn); return single.snapshot(snapshotWidth) }},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			got := tt.got()
			checkGolden(t, tt.golden, got)
			if tt.golden == "snapshot.txt" {
				return
			}
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			w, h := 132, 30
			switch tt.golden {
			case "render-80x24.txt":
				w, h = 80, 24
			case "render-100x10.txt":
				w, h = 100, 10
			case "render-all-endpoints.txt":
				w, h = 160, 40
			}
			if len(lines) != h {
				t.Errorf("%d lines, want %d (%s)", len(lines), h, tt.reason)
			}
			for i, l := range lines {
				if n := cellWidth(l); n > w {
					t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, n, w, l)
				}
			}
		})
	}
}

func TestTopRates(t *testing.T) {
	at := func(s int) time.Time { return topStart.Add(time.Duration(s) * time.Second) }
	sample := func(s int, in, out string) *fleet.Sample {
		return &fleet.Sample{Time: at(s), Regions: []fleet.RegionSample{{Region: "r", Endpoints: []fleet.EndpointSample{{ID: "e", Connections: []clientvpn.Connection{{
			ConnectionId: "c", Username: "u", IngressBytes: in, EgressBytes: out, Status: clientvpn.ConnectionStatus{Code: "active"},
			ConnectionEstablishedTime: "2026-11-26 11:00:00", ConnectionEndTime: "-",
		}}}}}}}
	}
	tests := []struct {
		Name, reason    string
		samples         []*fleet.Sample
		in, out         float64
		hasRate         bool
		wantAge, wantIn string
	}{
		{"first", "one sample has no rate", []*fleet.Sample{sample(0, "100", "10")}, 0, 0, false, "1h00m", "-"},
		{"steady", "2000 bytes in 2 s", []*fleet.Sample{sample(0, "100", "10"), sample(2, "2100", "410")}, 1000, 200, true, "1h00m", "1000B"},
		{"reset", "a counter that goes down restarts: the new value is what moved since",
			[]*fleet.Sample{sample(0, "5000", "5000"), sample(4, "400", "5400")}, 100, 100, true, "1h00m", "100B"},
		{"same time", "no time between the samples: no rate", []*fleet.Sample{sample(0, "1", "1"), sample(0, "2", "2")}, 0, 0, false, "1h00m", "-"},
		{"unparsable", "a counter that is not a number has no rate", []*fleet.Sample{sample(0, "1", "1"), sample(2, "x", "2")}, 0, 0, false, "1h00m", "-"},
		{"kept", "a rate against the sample before, not the first", []*fleet.Sample{sample(0, "0", "0"), sample(1, "100", "0"), sample(3, "500", "0")}, 200, 0, true, "1h00m", "200B"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			st := newTopState("t", time.Second, false)
			for _, s := range tt.samples {
				st.update(s)
			}
			r := st.rows[0]
			if r.hasRate != tt.hasRate || r.inRate != tt.in || r.outRate != tt.out {
				t.Errorf("rates = %v %v %v, want %v %v %v (%s)", r.hasRate, r.inRate, r.outRate, tt.hasRate, tt.in, tt.out, tt.reason)
			}
			if got := r.Value(colAge); got != tt.wantAge {
				t.Errorf("age = %q, want %q", got, tt.wantAge)
			}
			if got := r.Value(colIn); got != tt.wantIn {
				t.Errorf("IN/s = %q, want %q", got, tt.wantIn)
			}
		})
	}
}

func TestTopFormat(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{formatBytes(0), "0B"}, {formatBytes(1023), "1023B"}, {formatBytes(1024), "1.0K"}, {formatBytes(1536), "1.5K"},
		{formatBytes(10 << 20), "10M"}, {formatBytes(^uint64(0)), "16E"},
		{formatAge(45 * time.Second), "45s"}, {formatAge(12*time.Minute + 5*time.Second), "12m05s"},
		{formatAge(3*time.Hour + 41*time.Minute), "3h41m"}, {formatAge(52 * time.Hour), "2d04h"},
		{fit("yamada.太郎", 9), "yamada.…"}, {fit("yamada.太郎", 11), "yamada.太郎"}, {fit("a\x1b[2Jb", 10), "a?[2Jb"},
		{cell("ab", 4, true), "  ab"}, {cell("太", 3, false), "太 "},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	for _, c := range []struct {
		in      string
		col     topColumn
		reverse bool
		bad     bool
	}{{"in", colIn, false, false}, {"-user", colUser, true, false}, {"endpoint", colEndpoint, false, false}, {"bogus", 0, false, true}} {
		col, rev, err := parseSortColumn(c.in)
		if (err != nil) != c.bad || !c.bad && (col != c.col || rev != c.reverse) {
			t.Errorf("parseSortColumn(%q) = %v %v %v", c.in, col, rev, err)
		}
	}
}

// TestQuitKey: q and Ctrl-D end top with 0, Ctrl-C with 130 (README);
// other keys do not end it.
func TestQuitKey(t *testing.T) {
	type res struct {
		Code int
		Quit bool
	}
	for _, tc := range []struct {
		k    byte
		want res
	}{
		{'q', res{0, true}}, {'Q', res{0, true}}, {4, res{0, true}}, {3, res{130, true}},
		{'1', res{0, false}}, {' ', res{0, false}}, {'r', res{0, false}},
	} {
		code, quit := quitKey(tc.k)
		if diff := cmp.Diff(tc.want, res{code, quit}); diff != "" {
			t.Errorf("quitKey(%q) (-want +got):\n%s", tc.k, diff)
		}
	}
}
