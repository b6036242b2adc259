package main

import (
	"context"
	"errors"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// listEndpointIDs returns the ids of the Client VPN endpoints of c's region.
// TODO: DescribeClientVpnEndpoints is being added to clientvpn.
func listEndpointIDs(ctx context.Context, c *clientvpn.Client) ([]string, error) {
	return nil, errors.New("DescribeClientVpnEndpoints is not available yet")
}
