package clientvpn_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ec2lite/ec2lite/clientvpn"
)

// List every Client VPN endpoint of the region, across all pages.
func ExampleClient_Endpoints() {
	client, done := newExampleClient()
	defer done()

	ctx := context.Background()
	for ep, err := range client.Endpoints(ctx, &clientvpn.DescribeClientVpnEndpointsInput{}) {
		if err != nil {
			log.Fatal(err)
		}
		created, _ := ep.Created()
		fmt.Printf("%s %s %s/%d created %s, %d tags\n", ep.ClientVpnEndpointId, ep.Status.Code,
			ep.TransportProtocol, ep.VpnPort, created.Format("2006-01-02"), len(ep.Tags))
	}
	// Output:
	// cvpn-endpoint-0123456789abcdef0 available udp/443 created 2026-03-04, 2 tags
	// cvpn-endpoint-0fedcba9876543210 available tcp/1194 created 2026-10-26, 0 tags
	// cvpn-endpoint-0d0e1e2e3e4e5e6e7 deleted udp/443 created 2026-08-27, 1 tags
}

// Describe one endpoint and read its nested options; Has tells an absent
// member from a false or empty one.
func ExampleClient_DescribeClientVpnEndpoints() {
	client, done := newExampleClient()
	defer done()

	out, err := client.DescribeClientVpnEndpoints(context.Background(), &clientvpn.DescribeClientVpnEndpointsInput{
		Filters: []clientvpn.Filter{{Name: "transport-protocol", Values: []string{"tcp"}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, ep := range out.ClientVpnEndpoints {
		fmt.Println(ep.ClientVpnEndpointId, ep.Description)
		for _, a := range ep.AuthenticationOptions {
			fmt.Println(" auth:", a.Type, a.ActiveDirectory.DirectoryId)
		}
		fmt.Println(" logging:", ep.ConnectionLogOptions.Enabled, clientvpn.Has(ep.ConnectionLogOptions, "Enabled"))
		fmt.Println(" route enforcement:", ep.ClientRouteEnforcementOptions.Enforced)
		fmt.Println(" has a transit gateway:", clientvpn.Has(ep, "TransitGatewayConfiguration"))
	}
	// Output:
	// cvpn-endpoint-0fedcba9876543210 Lab (TCP, Active Directory)
	//  auth: directory-service-authentication d-1234567890
	//  logging: false true
	//  route enforcement: true
	//  has a transit gateway: false
}

// Terminate the connections of a user; the next listing shows them
// terminating.
func ExampleClient_TerminateClientVpnConnections() {
	client, done := newExampleClient()
	defer done()

	ctx := context.Background()
	in := &clientvpn.TerminateClientVpnConnectionsInput{
		ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
		Username:            "dave",
	}
	if ok, err := client.CheckTerminateClientVpnConnections(ctx, in); err != nil || !ok {
		log.Fatal("not allowed: ", err)
	}
	out, err := client.TerminateClientVpnConnections(ctx, in)
	if err != nil {
		log.Fatal(err)
	}
	for _, st := range out.ConnectionStatuses {
		fmt.Println(st.ConnectionId, st.PreviousStatus.Code, "->", st.CurrentStatus.Code)
	}
	list := &clientvpn.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: in.ClientVpnEndpointId,
		Filters:             []clientvpn.Filter{{Name: "username", Values: []string{"dave"}}},
	}
	for conn, err := range client.Connections(ctx, list) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(conn.ConnectionId, conn.Status.Code)
	}
	// Output:
	// cvpn-connection-0d4e5f6a7b8c9d0e1 active -> terminating
	// cvpn-connection-0aa11bb22cc33dd44 active -> terminating
	// cvpn-connection-0d4e5f6a7b8c9d0e1 terminating
	// cvpn-connection-0aa11bb22cc33dd44 terminating
}
