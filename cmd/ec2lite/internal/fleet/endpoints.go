package fleet

import (
	"context"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// listEndpointIDs returns the ids of the Client VPN endpoints of c's region,
// in EC2's order, without the deleted ones (EC2 lists them for a while, but
// they have no connections to describe), and without an id listed again (a
// list that shifted between pages; the first listing wins), which it counts.
func listEndpointIDs(ctx context.Context, c *clientvpn.Client) (ids []string, duplicates int, err error) {
	seen := map[string]bool{}
	for ep, err := range c.Endpoints(ctx, &clientvpn.DescribeClientVpnEndpointsInput{}) {
		if err != nil {
			return nil, duplicates, err
		}
		if seen[ep.ClientVpnEndpointId] {
			duplicates++
			continue
		}
		seen[ep.ClientVpnEndpointId] = true
		if ep.Status.Code == clientvpn.EndpointDeleted {
			continue
		}
		ids = append(ids, ep.ClientVpnEndpointId)
	}
	return ids, duplicates, nil
}
