package main

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
	"github.com/ec2lite/ec2lite/credentials"
)

// BenchmarkSweepFleet sweeps one region of 20 endpoints × 1000 connections
// on the fake endpoint over loopback: DescribeClientVpnEndpoints, then 20
// DescribeClientVpnConnections of one 1000-connection page each, at most
// `concurrency` calls at a time. It reports the connections listed per
// second; every sweep is checked complete. The rtt=20ms cases add 20 ms
// to every request, as a network would (EC2 answers take longer still):
// there the bounded concurrency pays; on loopback the fake endpoint's own
// work on the same two cores dominates. Allocations include the fake
// endpoint's, which runs in the benchmark's process.
func BenchmarkSweepFleet(b *testing.B) {
	const endpoints, conns = 20, 1000
	srv := clientvpntest.NewServer(clientvpntest.WithData(fleetData("us-east-1", endpoints, conns)), clientvpntest.WithTime(topStart))
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	defer tr.CloseIdleConnections()
	for _, bc := range []struct {
		rtt         time.Duration
		Concurrency int
	}{{0, 1}, {0, 4}, {20 * time.Millisecond, 1}, {20 * time.Millisecond, 4}, {20 * time.Millisecond, 8}} {
		concurrency := bc.Concurrency
		var rt http.RoundTripper = tr
		if bc.rtt > 0 {
			rt = delayTransport{rt: tr, d: bc.rtt}
		}
		b.Run("endpoints=20/connections=1000/rtt="+bc.rtt.String()+"/concurrency="+strconv.Itoa(concurrency), func(b *testing.B) {
			f := &fleet.Fleet{All: true, Concurrency: concurrency, Regions: []fleet.RegionClient{{Region: "us-east-1", Client: &clientvpn.Client{
				Region: "us-east-1", Endpoint: srv.URL, HTTPClient: &http.Client{Transport: rt},
				Credentials: credentials.Static{Credentials: credentials.Credentials{
					AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey}},
			}}}}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				s := f.Sample(ctx)
				if s.Failed() || len(s.Regions[0].Endpoints) != endpoints {
					b.Fatalf("sweep failed: %v", s.Errs())
				}
				for _, e := range s.Regions[0].Endpoints {
					if len(e.Connections) != conns {
						b.Fatalf("%s: %d connections", e.ID, len(e.Connections))
					}
				}
			}
			b.ReportMetric(float64(b.N*endpoints*conns)/b.Elapsed().Seconds(), "conns/s")
		})
	}
}

// delayTransport waits d before each request.
type delayTransport struct {
	rt http.RoundTripper
	d  time.Duration
}

func (t delayTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	time.Sleep(t.d)
	return t.rt.RoundTrip(r)
}
