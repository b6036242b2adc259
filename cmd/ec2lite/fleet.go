package main

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
	"strings"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// sweepConcurrency bounds the calls in flight during a sweep.
const sweepConcurrency = 4

// regionClient is the client of one region.
type regionClient struct {
	region string
	client *clientvpn.Client
}

// fleet is what to sample: one endpoint (endpointID) of the first region,
// or every endpoint of every region (all).
type fleet struct {
	regions     []regionClient
	endpointID  string
	all         bool
	filters     []clientvpn.Filter
	pageSize    int32
	concurrency int              // 0: sweepConcurrency
	now         func() time.Time // the sample's time
	advance     func()           // --fake-clock: moves the clock on, before every sample but the first
	samples     int
}

// fleetSample is one reading of the fleet.
type fleetSample struct {
	Time     time.Time     // when the reading started (the fleet's clock)
	Duration time.Duration // how long it took (wall clock)
	Regions  []regionSample
}

// regionSample is one region's part: its endpoints in the order EC2 listed
// them, or the error that kept them from being listed.
type regionSample struct {
	Region    string
	Err       error
	Endpoints []endpointSample
}

// endpointSample is one endpoint's connections, or the error that stopped
// their listing (Connections then holds those listed before it).
type endpointSample struct {
	ID          string
	Err         error
	Connections []clientvpn.Connection
}

// failed reports whether any part of the sample failed.
func (s *fleetSample) failed() bool {
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

// errs returns the failures, each worded with where it happened, in order.
func (s *fleetSample) errs() []error {
	var out []error
	for _, r := range s.Regions {
		if r.Err != nil {
			out = append(out, &sweepError{region: r.Region, err: r.Err})
		}
		for _, e := range r.Endpoints {
			if e.Err != nil {
				out = append(out, &sweepError{region: r.Region, endpoint: e.ID, err: e.Err})
			}
		}
	}
	return out
}

// sweepError is one failed part of a sweep.
type sweepError struct {
	region, endpoint string
	err              error
}

func (e *sweepError) Error() string {
	where := "region " + e.region
	if e.endpoint != "" {
		where += ", endpoint " + e.endpoint
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
		op := opAPIName
		if strings.Contains(err.Error(), "DescribeClientVpnEndpoints") {
			op = "DescribeClientVpnEndpoints"
		}
		return "An error occurred (" + apiErr.Code + ") when calling the " + op + " operation: " + msg
	}
	return strings.TrimPrefix(err.Error(), "clientvpn: ")
}

// exitCode is the exit code of a sample's failures: 0 when none, 130 when
// interrupted, 254 when every failure is an answer of EC2, 255 otherwise.
func (s *fleetSample) exitCode(ctx context.Context) int {
	errs := s.errs()
	if len(errs) == 0 {
		return exitOK
	}
	if ctx.Err() != nil {
		return exitInterrupt
	}
	for _, err := range errs {
		var apiErr *clientvpn.APIError
		if !errors.As(err, &apiErr) {
			return exitOther
		}
	}
	return exitService
}

// sample reads the fleet once. Calls must not overlap.
func (f *fleet) sample(ctx context.Context) *fleetSample {
	now := time.Now
	if f.now != nil {
		now = f.now
	}
	if f.samples > 0 && f.advance != nil {
		f.advance()
	}
	f.samples++
	start := time.Now()
	s := &fleetSample{Time: now(), Regions: make([]regionSample, len(f.regions))}
	n := f.concurrency
	if n <= 0 {
		n = sweepConcurrency
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, rc := range f.regions {
		rs := &s.Regions[i]
		rs.Region = rc.region
		if !f.all {
			rs.Endpoints = []endpointSample{{ID: f.endpointID}}
			wg.Add(1)
			go func() {
				defer wg.Done()
				f.listConnections(ctx, sem, rc.client, &rs.Endpoints[0])
			}()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			ids, err := listEndpointIDs(ctx, rc.client)
			<-sem
			if err != nil {
				rs.Err = err
				return
			}
			rs.Endpoints = make([]endpointSample, len(ids))
			for j, id := range ids {
				rs.Endpoints[j].ID = id
				wg.Add(1)
				go func() {
					defer wg.Done()
					f.listConnections(ctx, sem, rc.client, &rs.Endpoints[j])
				}()
			}
		}()
	}
	wg.Wait()
	s.Duration = time.Since(start)
	return s
}

// listConnections fills es with the connections of its endpoint, holding a
// slot of sem while calling.
func (f *fleet) listConnections(ctx context.Context, sem chan struct{}, c *clientvpn.Client, es *endpointSample) {
	sem <- struct{}{}
	defer func() { <-sem }()
	in := &clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: es.ID, Filters: f.filters, MaxResults: f.pageSize}
	for conn, err := range c.Connections(ctx, in) {
		if err != nil {
			es.Err = err
			return
		}
		es.Connections = append(es.Connections, conn)
	}
}
