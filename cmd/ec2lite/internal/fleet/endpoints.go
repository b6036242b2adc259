package fleet

import (
	"context"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// listEndpointIDs returns the ids of the Client VPN endpoints of c's region,
// in EC2's order, without the deleted ones (EC2 lists them for a while, but
// they have no connections to describe).
func listEndpointIDs(ctx context.Context, c *clientvpn.Client) ([]string, error) {
	var ids []string
	for ep, err := range c.Endpoints(ctx, &clientvpn.DescribeClientVpnEndpointsInput{}) {
		if err != nil {
			return nil, err
		}
		if ep.Status.Code == clientvpn.EndpointDeleted {
			continue
		}
		ids = append(ids, ep.ClientVpnEndpointId)
	}
	return ids, nil
}
