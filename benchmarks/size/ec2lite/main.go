// Command ec2lite is the smallest useful program using ec2lite: find region
// and credentials as the AWS CLI does, make one DescribeClientVpnConnections
// call and print the connections as JSON. It exists to be measured (binary
// size, build time) against ../bare and ../sdk.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/ec2lite/ec2lite/clientvpn"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: ec2lite CLIENT_VPN_ENDPOINT_ID")
	}
	ctx := context.Background()
	client, err := clientvpn.NewFromEnvironment(ctx)
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.DescribeClientVpnConnections(ctx, &clientvpn.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: os.Args[1],
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out.Connections); err != nil {
		log.Fatal(err)
	}
}
