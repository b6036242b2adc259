// Command sdk is the AWS SDK for Go v2 equivalent of ../ec2lite: load the
// default config, build an EC2 client, make one DescribeClientVpnConnections
// call and print the connections as JSON.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: sdk CLIENT_VPN_ENDPOINT_ID")
	}
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatal(err)
	}
	out, err := ec2.NewFromConfig(cfg).DescribeClientVpnConnections(ctx, &ec2.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: aws.String(os.Args[1]),
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out.Connections); err != nil {
		log.Fatal(err)
	}
}
