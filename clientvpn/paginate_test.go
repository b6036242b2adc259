package clientvpn

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/internal/memtransport"
)

// collect walks an iterator, returning the connection ids and the errors.
func collect(c *Client, in *DescribeClientVpnConnectionsInput) (got []string, errs []error) {
	for conn, err := range c.Connections(context.Background(), in) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, conn.ConnectionId)
	}
	return got, errs
}

func TestConnectionsPages(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pages     map[string]answer
		wantIDs   []string
		wantCalls int
		wantErr   string // "" = a complete listing
		reason    string
	}{
		{
			name:      "one page",
			pages:     map[string]answer{"": {200, pageXML("r1", ids("a", 3), "")}},
			wantIDs:   ids("a", 3),
			wantCalls: 1, reason: "no NextToken: done",
		},
		{
			name: "three pages",
			pages: map[string]answer{
				"":        {200, pageXML("r1", ids("a", 2), "tok+/=2")},
				"tok+/=2": {200, pageXML("r2", ids("b", 2), "tok3")},
				"tok3":    {200, pageXML("r3", ids("c", 1), "")},
			},
			wantIDs:   append(append(ids("a", 2), ids("b", 2)...), ids("c", 1)...),
			wantCalls: 3, reason: "each NextToken followed, encoded in the body",
		},
		{
			name: "empty page in the middle",
			pages: map[string]answer{
				"":   {200, pageXML("r1", nil, "t2")},
				"t2": {200, pageXML("r2", ids("b", 1), "")},
			},
			wantIDs:   ids("b", 1),
			wantCalls: 2, reason: "an empty page with a token is not the end",
		},
		{
			name: "repeated token",
			pages: map[string]answer{
				"":   {200, pageXML("r1", ids("a", 1), "t2")},
				"t2": {200, pageXML("r2", ids("b", 1), "t2")},
			},
			wantIDs:   []string{"a-1", "b-1"},
			wantCalls: 2, wantErr: "repeated a NextToken", reason: "the same token again would loop forever",
		},
		{
			name: "token cycle",
			pages: map[string]answer{
				"":   {200, pageXML("r1", ids("a", 1), "t2")},
				"t2": {200, pageXML("r2", ids("b", 1), "t3")},
				"t3": {200, pageXML("r3", ids("c", 1), "t2")},
			},
			wantIDs:   []string{"a-1", "b-1", "c-1", "b-1"},
			wantCalls: 4, wantErr: "repeated a NextToken", reason: "a longer cycle is caught too",
		},
		{
			name: "error on page two",
			pages: map[string]answer{
				"":   {200, pageXML("r1", ids("a", 2), "t2")},
				"t2": {400, errorBody("InvalidNextToken", "The token is invalid.")},
			},
			wantIDs:   ids("a", 2),
			wantCalls: 2, wantErr: "InvalidNextToken", reason: "one error, then stop: never a partial listing reported complete",
		},
		{
			name: "undecodable page",
			pages: map[string]answer{
				"":   {200, pageXML("r1", ids("a", 1), "t2")},
				"t2": {200, "<DescribeClientVpnConnectionsResponse><connections><item>"},
			},
			wantIDs:   ids("a", 1),
			wantCalls: 2, wantErr: "decoding", reason: "a truncated page is an error, not the end",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEC2{pages: tc.pages}
			c := newTestClient(f)
			in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, MaxResults: 5}
			got, errs := collect(c, in)
			if diff := cmp.Diff(tc.wantIDs, got); diff != "" {
				t.Errorf("connections (-want +got) (%s):\n%s", tc.reason, diff)
			}
			if f.calls() != tc.wantCalls {
				t.Errorf("calls = %d, want %d (%s)", f.calls(), tc.wantCalls, tc.reason)
			}
			switch {
			case tc.wantErr == "" && len(errs) != 0:
				t.Errorf("errors %v, want none (%s)", errs, tc.reason)
			case tc.wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.wantErr)):
				t.Errorf("errors %v, want exactly one containing %q (%s)", errs, tc.wantErr, tc.reason)
			}
			if in.NextToken != "" {
				t.Errorf("the caller's input was modified: NextToken %q", in.NextToken)
			}
			for _, form := range f.forms {
				if form.Get("MaxResults") != "5" {
					t.Errorf("page request without the caller's MaxResults: %v", form)
				}
			}
		})
	}
}

func TestConnectionsRepeatedTokenIs(t *testing.T) {
	f := &fakeEC2{pages: map[string]answer{"": {200, pageXML("r1", nil, "t")}, "t": {200, pageXML("r2", nil, "t")}}}
	_, errs := collect(newTestClient(f), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
	if len(errs) != 1 || !errors.Is(errs[0], ErrRepeatedNextToken) {
		t.Errorf("errors = %v, want ErrRepeatedNextToken", errs)
	}
}

func TestConnectionsStartToken(t *testing.T) {
	f := &fakeEC2{pages: map[string]answer{"t2": {200, pageXML("r2", ids("b", 1), "")}}}
	got, errs := collect(newTestClient(f), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID, NextToken: "t2"})
	if len(errs) != 0 || !cmp.Equal(got, ids("b", 1)) {
		t.Errorf("got %v, %v; want the page of t2", got, errs)
	}
}

func TestConnectionsBreak(t *testing.T) {
	f := &fakeEC2{pages: map[string]answer{
		"":   {200, pageXML("r1", ids("a", 3), "t2")},
		"t2": {200, pageXML("r2", ids("b", 3), "")},
	}}
	n := 0
	for _, err := range newTestClient(f).Connections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	if f.calls() != 1 {
		t.Errorf("calls = %d after breaking on page one, want 1", f.calls())
	}
}

func TestConnectionsInvalidInput(t *testing.T) {
	f := &fakeEC2{pages: map[string]answer{}}
	for _, in := range []*DescribeClientVpnConnectionsInput{nil, {}} {
		_, errs := collect(newTestClient(f), in)
		if len(errs) != 1 {
			t.Errorf("input %+v: errors %v, want one", in, errs)
		}
	}
	if f.calls() != 0 {
		t.Errorf("calls = %d, want 0", f.calls())
	}
}

// TestConnectionsBenchPages walks the ten recorded benchmark pages (chained
// by EC2-style tokens) through the kit's in-memory transport.
func TestConnectionsBenchPages(t *testing.T) {
	pages, err := memtransport.LoadPages("../testdata/bench", 10)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := memtransport.New(pages...)
	if err != nil {
		t.Fatal(err)
	}
	c := newBenchClient(rt)
	n := 0
	for conn, err := range c.Connections(context.Background(), benchInput()) {
		if err != nil {
			t.Fatal(err)
		}
		if conn.ConnectionId == "" {
			t.Fatalf("connection %d has no id", n)
		}
		n++
	}
	if n != 10000 || rt.Calls() != 10 {
		t.Errorf("got %d connections in %d calls, want 10000 in 10", n, rt.Calls())
	}
}

// peakLiveHeap walks n pages (the recorded pages served in a cycle, 1000
// connections each) and returns the largest live heap measured at each page
// boundary, after a garbage collection.
func peakLiveHeap(t *testing.T, pages [][]byte, n int) (peak uint64, count int) {
	t.Helper()
	rt, err := newCycleTransport(n, pages...)
	if err != nil {
		t.Fatal(err)
	}
	c := newBenchClient(rt)
	var ms runtime.MemStats
	for conn, err := range c.Connections(context.Background(), benchInput()) {
		if err != nil {
			t.Fatal(err)
		}
		if count%1000 == 999 { // the last connection of a page: the page is live
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		_ = conn
		count++
	}
	return peak, count
}

// TestConnectionsHeapFlat shows that the iterator holds one page at a time:
// the live heap while walking 100 pages is no larger than while walking 10.
func TestConnectionsHeapFlat(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("walks 110 pages of 1000 connections; skipped in -short mode and under the race detector")
	}
	pages, err := memtransport.LoadPages("../testdata/bench", 10)
	if err != nil {
		t.Fatal(err)
	}
	var _ http.RoundTripper = (*cycleTransport)(nil)
	peak10, n10 := peakLiveHeap(t, pages, 10)
	peak100, n100 := peakLiveHeap(t, pages, 100)
	if n10 != 10000 || n100 != 100000 {
		t.Fatalf("walked %d and %d connections, want 10000 and 100000", n10, n100)
	}
	t.Logf("peak live heap: 10 pages %d KiB, 100 pages %d KiB (recorded pages held by the test: %d KiB)",
		peak10>>10, peak100>>10, totalLen(pages)>>10)
	// The recorded pages (about 9.5 MiB) are live in both runs; one decoded
	// page adds well under 2 MiB. Allow 1 MiB of noise.
	if peak100 > peak10+1<<20 {
		t.Errorf("peak live heap grew with the number of pages: %d KiB for 10, %d KiB for 100", peak10>>10, peak100>>10)
	}
}

func totalLen(pages [][]byte) (n uint64) {
	for _, p := range pages {
		n += uint64(len(p))
	}
	return n
}
