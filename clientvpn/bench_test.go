package clientvpn

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/memtransport"
)

// The benchmarks follow the shared benchmark kit's INPUTS.md
// (../shared/bench beside the project), on the fixtures copied into
// ../testdata/bench, with the kit's in-memory transport
// (internal/memtransport), so that ec2lite and the AWS SDK for Go v2 pay the
// same transport cost.

// benchFixtures is the fixtures folder; the kit's runner may point elsewhere
// with EC2LITE_BENCH_FIXTURES, but the copies are identical.
func benchFixtures() string {
	if dir := os.Getenv("EC2LITE_BENCH_FIXTURES"); dir != "" {
		return dir
	}
	return "../testdata/bench"
}

// newBenchClient is the client of INPUTS.md: static credentials, region
// us-east-1, the default retry policy, HTTP through rt.
func newBenchClient(rt http.RoundTripper) *Client {
	return &Client{
		Region:      "us-east-1",
		Credentials: credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}},
		HTTPClient:  &http.Client{Transport: rt},
	}
}

// benchInput is the canonical input: one endpoint, one filter with two
// values, MaxResults 1000.
func benchInput() *DescribeClientVpnConnectionsInput {
	return &DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
		Filters:             []Filter{{Name: "username", Values: []string{"alice", "bob"}}},
		MaxResults:          1000,
	}
}

// BenchmarkDescribe: one op = one DescribeClientVpnConnections call (encode,
// sign, http.Client.Do through the in-memory transport, decode every field).
func BenchmarkDescribe(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run("connections="+strconv.Itoa(n), func(b *testing.B) {
			body, err := memtransport.Load(benchFixtures(), "describe-connections-"+strconv.Itoa(n)+".xml")
			if err != nil {
				b.Fatal(err)
			}
			rt, err := memtransport.New(body)
			if err != nil {
				b.Fatal(err)
			}
			client := newBenchClient(rt)
			in := benchInput()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				out, err := client.DescribeClientVpnConnections(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				if len(out.Connections) != n {
					b.Fatalf("got %d connections, want %d", len(out.Connections), n)
				}
			}
		})
	}
}

// BenchmarkPaginateAll: one op = a fresh Connections iterator walked to the
// end: 10 calls, 10,000 connections.
func BenchmarkPaginateAll(b *testing.B) {
	pages, err := memtransport.LoadPages(benchFixtures(), 10)
	if err != nil {
		b.Fatal(err)
	}
	rt, err := memtransport.New(pages...)
	if err != nil {
		b.Fatal(err)
	}
	client := newBenchClient(rt)
	in := benchInput()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		total := 0
		for _, err := range client.Connections(ctx, in) {
			if err != nil {
				b.Fatal(err)
			}
			total++
		}
		if total != 10000 {
			b.Fatalf("got %d connections, want 10000", total)
		}
	}
}
