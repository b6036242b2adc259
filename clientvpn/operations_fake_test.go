package clientvpn_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
)

// TestEndpointsPagesAgainstFake iterates over 12 endpoints in pages of 5
// through the whole client and the signature-checking fake endpoint.
func TestEndpointsPagesAgainstFake(t *testing.T) {
	var d clientvpntest.Data
	var want []string
	for i := range 12 {
		id := fmt.Sprintf("cvpn-endpoint-%017x", i+1)
		want = append(want, id)
		d.Endpoints = append(d.Endpoints, clientvpntest.Endpoint{ID: id, Connections: []clientvpntest.Connection{}})
	}
	var requests atomic.Int32
	client, done := newExampleClient(clientvpntest.WithData(d), clientvpntest.WithLogFunc(func(clientvpntest.LogEntry) { requests.Add(1) }))
	defer done()
	var got []string
	for ep, err := range client.Endpoints(context.Background(), &clientvpn.DescribeClientVpnEndpointsInput{MaxResults: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		if !clientvpn.Has(ep, "SplitTunnel") || ep.SplitTunnel || ep.VpnPort != 443 || ep.Status.Code != clientvpn.EndpointAvailable {
			t.Errorf("endpoint %+v", ep)
		}
		got = append(got, ep.ClientVpnEndpointId)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n := requests.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestOperationErrorsAgainstFake(t *testing.T) {
	client, done := newExampleClient()
	defer done()
	ctx := context.Background()
	tests := []struct {
		name, code string
		call       func() error
	}{
		{"unknown endpoint", "InvalidClientVpnEndpointId.NotFound", func() error {
			_, err := client.DescribeClientVpnEndpoints(ctx, &clientvpn.DescribeClientVpnEndpointsInput{ClientVpnEndpointIds: []string{"cvpn-endpoint-00000000000000000"}})
			return err
		}},
		{"terminate both", "InvalidParameterCombination", func() error {
			_, err := client.TerminateClientVpnConnections(ctx, &clientvpn.TerminateClientVpnConnectionsInput{
				ClientVpnEndpointId: clientvpntest.SampleEndpointID, ConnectionId: "cvpn-connection-97488e74f860e146f", Username: "alice"})
			return err
		}},
		{"terminate neither", "MissingParameter", func() error {
			_, err := client.TerminateClientVpnConnections(ctx, &clientvpn.TerminateClientVpnConnectionsInput{ClientVpnEndpointId: clientvpntest.SampleEndpointID})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var apiErr *clientvpn.APIError
			if err := tt.call(); !errors.As(err, &apiErr) || apiErr.Code != tt.code {
				t.Errorf("err = %v, want EC2's %s", err, tt.code)
			}
		})
	}
	allowed, err := client.CheckDescribeClientVpnEndpoints(ctx, &clientvpn.DescribeClientVpnEndpointsInput{})
	if !allowed || err != nil {
		t.Errorf("dry run: %v %v", allowed, err)
	}
}
