package fleet

// Sampling connections, of one endpoint or of a fleet: `top` and `metrics`
// read the same fleetSample, and the fleet sweep of
// describe-client-vpn-connections (--all-endpoints, --regions) prints one.
//
// A sweep lists the endpoints of each region (DescribeClientVpnEndpoints),
// then the connections of each endpoint, at most sweepConcurrency calls at a
// time over the whole fleet. Each region has its own clientvpn.Client, so
// each region has its own retry quota: a region that throttles or fails
// spends its own budget, not the others'. A failure is recorded where it
// happened (the region's endpoint listing, or one endpoint's connections)
// and the rest of the sweep goes on.

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// sweepConcurrency bounds the calls in flight during a sweep.
const sweepConcurrency = 4

// EndpointTimeoutReads is how many read timeouts one listing (a region's
// endpoints, an endpoint's connections, all their pages and attempts) may
// take: the read timeout bounds each wait for the server, not a server that
// sends a byte now and then, and a sample must end for the others to be
// printed (the sweep) or for the next one to start (top, metrics).
const EndpointTimeoutReads = 10

// RegionClient is the client of one region.
type RegionClient struct {
	Region string
	Client *clientvpn.Client
}

// Fleet is what to sample: one endpoint (endpointID) of the first region,
// or every endpoint of every region (all).
type Fleet struct {
	Regions     []RegionClient
	EndpointID  string
	All         bool
	Filters     []clientvpn.Filter
	PageSize    int32
	Concurrency int // 0: sweepConcurrency
	// ListTimeout, when positive, bounds each listing of a sample (a
	// region's endpoints, an endpoint's connections): one that takes longer
	// fails with a *ListTimeoutError, and the others go on.
	ListTimeout time.Duration
	Now         func() time.Time // the sample's time
	Advance     func()           // --fake-clock: moves the clock on, before every sample but the first
	samples     int
}

// Sample is one reading of the fleet.
type Sample struct {
	Time     time.Time     // when the reading started (the fleet's clock)
	Duration time.Duration // how long it took (wall clock)
	Regions  []RegionSample
}

// RegionSample is one region's part: its endpoints in the order EC2 listed
// them, or the error that kept them from being listed.
type RegionSample struct {
	Region    string
	Err       error
	Endpoints []EndpointSample
	// Duplicates counts the endpoints EC2 listed again (a list that shifted
	// between pages): they are dropped, the first listing wins.
	Duplicates int
}

// EndpointSample is one endpoint's connections, or the error that stopped
// their listing (Connections then holds those listed before it).
type EndpointSample struct {
	ID          string
	Err         error
	Connections []clientvpn.Connection
	// Duplicates counts the connections EC2 listed again (the live list
	// shifted between pages): they are dropped, the first listing wins.
	Duplicates int
}

// Failed reports whether any part of the sample failed.
func (s *Sample) Failed() bool {
	for _, r := range s.Regions {
		if r.Err != nil {
			return true
		}
		for _, e := range r.Endpoints {
			if e.Err != nil {
				return true
			}
		}
	}
	return false
}

// Errs returns the failures, each worded with where it happened, in order.
func (s *Sample) Errs() []error {
	var out []error
	for _, r := range s.Regions {
		if r.Err != nil {
			out = append(out, &sweepError{Region: r.Region, err: r.Err})
		}
		for _, e := range r.Endpoints {
			if e.Err != nil {
				out = append(out, &sweepError{Region: r.Region, Endpoint: e.ID, err: e.Err})
			}
		}
	}
	return out
}

// sweepError is one failed part of a sweep.
type sweepError struct {
	Region, Endpoint string
	err              error
}

func (e *sweepError) Error() string {
	where := "region " + e.Region
	if e.Endpoint != "" {
		where += ", endpoint " + e.Endpoint
	}
	return where + ": " + sweepMessage(e.err)
}

func (e *sweepError) Unwrap() error { return e.err }

// sweepMessage words a call's error as the AWS CLI would (for EC2's
// answers), without the package prefix otherwise.
func sweepMessage(err error) string {
	var apiErr *clientvpn.APIError
	if errors.As(err, &apiErr) {
		msg := apiErr.Message
		if msg == "" {
			msg = "Unknown"
		}
		op := cli.OpAPIName
		if strings.Contains(err.Error(), "DescribeClientVpnEndpoints") {
			op = "DescribeClientVpnEndpoints"
		}
		return "An error occurred (" + apiErr.Code + ") when calling the " + op + " operation: " + msg
	}
	return strings.TrimPrefix(err.Error(), "clientvpn: ")
}

// ExitCode is the exit code of a sample's failures: 0 when none, 130 when
// interrupted, 254 when every failure is an answer of EC2, 255 otherwise.
func (s *Sample) ExitCode(ctx context.Context) int {
	errs := s.Errs()
	if len(errs) == 0 {
		return cli.ExitOK
	}
	if ctx.Err() != nil {
		return cli.ExitInterrupt
	}
	for _, err := range errs {
		var apiErr *clientvpn.APIError
		if !errors.As(err, &apiErr) {
			return cli.ExitOther
		}
	}
	return cli.ExitService
}

// Sample reads the fleet once. Calls must not overlap.
func (f *Fleet) Sample(ctx context.Context) *Sample {
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	if f.samples > 0 && f.Advance != nil {
		f.Advance()
	}
	f.samples++
	start := time.Now()
	s := &Sample{Time: now(), Regions: make([]RegionSample, len(f.Regions))}
	n := f.Concurrency
	if n <= 0 {
		n = sweepConcurrency
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, rc := range f.Regions {
		rs := &s.Regions[i]
		rs.Region = rc.Region
		if !f.All {
			rs.Endpoints = []EndpointSample{{ID: f.EndpointID}}
			wg.Add(1)
			go func() {
				defer wg.Done()
				f.listConnections(ctx, sem, rc.Client, &rs.Endpoints[0])
			}()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			lctx, cancel := f.listContext(ctx)
			ids, dups, err := listEndpointIDs(lctx, rc.Client)
			err = f.listError(ctx, lctx, err)
			cancel()
			<-sem
			rs.Duplicates = dups
			if err != nil {
				rs.Err = err
				return
			}
			rs.Endpoints = make([]EndpointSample, len(ids))
			for j, id := range ids {
				rs.Endpoints[j].ID = id
				wg.Add(1)
				go func() {
					defer wg.Done()
					f.listConnections(ctx, sem, rc.Client, &rs.Endpoints[j])
				}()
			}
		}()
	}
	wg.Wait()
	s.Duration = time.Since(start)
	return s
}

// listConnections fills es with the connections of its endpoint, holding a
// slot of sem while calling. A connection listed again is dropped and
// counted.
func (f *Fleet) listConnections(ctx context.Context, sem chan struct{}, c *clientvpn.Client, es *EndpointSample) {
	sem <- struct{}{}
	defer func() { <-sem }()
	in := &clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: es.ID, Filters: f.Filters, MaxResults: f.PageSize}
	lctx, cancel := f.listContext(ctx)
	defer cancel()
	seen := map[string]bool{}
	for conn, err := range c.Connections(lctx, in) {
		if err != nil {
			es.Err = f.listError(ctx, lctx, err)
			return
		}
		if seen[conn.ConnectionId] {
			es.Duplicates++
			continue
		}
		seen[conn.ConnectionId] = true
		es.Connections = append(es.Connections, conn)
	}
}

// listContext returns the context of one listing, bounded by f.ListTimeout.
func (f *Fleet) listContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if f.ListTimeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, f.ListTimeout)
}

// listError is the error of a listing: a *ListTimeoutError when its own
// deadline (not the sample's context) ended it.
func (f *Fleet) listError(ctx, lctx context.Context, err error) error {
	if err != nil && ctx.Err() == nil && errors.Is(lctx.Err(), context.DeadlineExceeded) {
		return &ListTimeoutError{Timeout: f.ListTimeout, Err: err}
	}
	return err
}

// ListTimeoutError is the error of a listing that took longer than
// Fleet.ListTimeout.
type ListTimeoutError struct {
	Timeout time.Duration
	Err     error // the call's error when the deadline came
}

func (e *ListTimeoutError) Error() string {
	return "the listing took longer than " + e.Timeout.String() + " (" + strconv.Itoa(EndpointTimeoutReads) + " read timeouts) and was abandoned"
}

func (e *ListTimeoutError) Unwrap() error { return e.Err }
