package clientvpn

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/credentials"
)

// These tests run the client against the signature-verifying fake EC2
// endpoint of package clientvpntest, over a real loopback HTTP connection.

func newFakeClient(t *testing.T, opts ...clientvpntest.Option) (*Client, *clientvpntest.Server, *[]time.Duration) {
	t.Helper()
	srv := clientvpntest.NewServer(opts...)
	t.Cleanup(srv.Close)
	var waits []time.Duration
	c := &Client{
		Region:   srv.Region(),
		Endpoint: srv.URL,
		Credentials: credentials.Static{Credentials: credentials.Credentials{
			AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey,
		}},
		HTTPClient: srv.Client(),
		sleep:      func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() },
	}
	return c, srv, &waits
}

var sampleInput = &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: clientvpntest.SampleEndpointID}

func TestFakeEndpointListing(t *testing.T) {
	c, srv, _ := newFakeClient(t)
	all, err := c.DescribeClientVpnConnections(context.Background(), sampleInput)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Connections) == 0 || all.NextToken != "" {
		t.Fatalf("one page: %d connections, NextToken %q", len(all.Connections), all.NextToken)
	}
	// The same listing five at a time through the iterator.
	in := *sampleInput
	in.MaxResults = 5
	var got []string
	for conn, err := range c.Connections(context.Background(), &in) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, conn.ConnectionId)
	}
	if strings.Join(got, " ") != strings.Join(connectionIDs(all.Connections), " ") {
		t.Errorf("paged listing %v differs from the single page %v", got, connectionIDs(all.Connections))
	}
	wantPages := (len(all.Connections) + 4) / 5
	if srv.Requests() != 1+wantPages {
		t.Errorf("requests = %d, want %d", srv.Requests(), 1+wantPages)
	}
}

func TestFakeEndpointFaults(t *testing.T) {
	for _, tc := range []struct {
		name      string
		faults    []clientvpntest.Fault
		wantCalls int
		wantCode  string // "" = success
		reason    string
	}{
		{"throttled twice", []clientvpntest.Fault{clientvpntest.Throttle(), clientvpntest.Throttle()}, 3, "", "throttling retried, third attempt succeeds"},
		{"throttled thrice", []clientvpntest.Fault{clientvpntest.Throttle(), clientvpntest.Throttle(), clientvpntest.Throttle()}, 3, "RequestLimitExceeded", "3 attempts by default"},
		{"html 502", []clientvpntest.Fault{clientvpntest.HTTPError(502)}, 2, "", "a load balancer's 502 is retried"},
		{"500 then 504", []clientvpntest.Fault{clientvpntest.HTTPError(500), clientvpntest.HTTPError(504)}, 3, "", "5xx retried"},
		{"connection reset", []clientvpntest.Fault{clientvpntest.ResetConnection()}, 2, "", "transport errors retried"},
		{"truncated body", []clientvpntest.Fault{clientvpntest.TruncateBody()}, 2, "", "a body cut short is a transport error, retried"},
		{"unauthorized", []clientvpntest.Fault{clientvpntest.APIError(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")}, 1, "UnauthorizedOperation", "403 not retried"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv, _ := newFakeClient(t, clientvpntest.WithFaults(tc.faults...))
			out, err := c.DescribeClientVpnConnections(context.Background(), sampleInput)
			if srv.Requests() != tc.wantCalls {
				t.Errorf("requests = %d, want %d (%s)", srv.Requests(), tc.wantCalls, tc.reason)
			}
			if tc.wantCode == "" {
				if err != nil || len(out.Connections) == 0 {
					t.Errorf("err = %v (%s)", err, tc.reason)
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tc.wantCode {
				t.Errorf("err = %v, want %s (%s)", err, tc.wantCode, tc.reason)
			}
		})
	}
}

// TestFakeEndpointClockSkew gives the server a clock 10 minutes ahead: the
// first request is refused as expired, the client corrects its signing
// clock from the Date header and the retry succeeds; later calls are signed
// right at once.
func TestFakeEndpointClockSkew(t *testing.T) {
	for _, skew := range []time.Duration{10 * time.Minute, -20 * time.Minute, 3 * time.Hour} {
		t.Run(skew.String(), func(t *testing.T) {
			c, srv, waits := newFakeClient(t, clientvpntest.WithClock(func() time.Time { return time.Now().Add(skew) }))
			if _, err := c.DescribeClientVpnConnections(context.Background(), sampleInput); err != nil {
				t.Fatal(err)
			}
			if srv.Requests() != 2 || len(*waits) != 0 {
				t.Errorf("requests = %d, waits = %v; want 2 requests and an immediate retry", srv.Requests(), *waits)
			}
			if got := c.pipe.SkewOffset(); (got - skew).Abs() > 5*time.Second {
				t.Errorf("skew offset = %v, want about %v", got, skew)
			}
			if _, err := c.DescribeClientVpnConnections(context.Background(), sampleInput); err != nil {
				t.Fatal(err)
			}
			if srv.Requests() != 3 {
				t.Errorf("requests = %d after a second call, want 3", srv.Requests())
			}
		})
	}
}

func TestFakeEndpointWrongSecret(t *testing.T) {
	c, srv, _ := newFakeClient(t)
	c.Credentials = credentials.Static{Credentials: credentials.Credentials{AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: "not-the-secret"}}
	_, err := c.DescribeClientVpnConnections(context.Background(), sampleInput)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "SignatureDoesNotMatch" {
		t.Fatalf("err = %v, want SignatureDoesNotMatch", err)
	}
	if srv.Requests() != 1 {
		t.Errorf("requests = %d, want 1: a bad signature with a correct clock is not retried", srv.Requests())
	}
	if strings.Contains(err.Error(), "not-the-secret") {
		t.Errorf("error %q contains the secret", err)
	}
}
