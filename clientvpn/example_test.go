package clientvpn_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/credentials"
)

// newExampleClient starts the fake EC2 endpoint of package clientvpntest
// (signature-checking, serving its sample data) and returns a client for it.
// A real program would call clientvpn.NewFromEnvironment instead.
func newExampleClient(opts ...clientvpntest.Option) (*clientvpn.Client, func()) {
	opts = append([]clientvpntest.Option{clientvpntest.WithTime(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))}, opts...)
	srv := clientvpntest.NewServer(opts...)
	return &clientvpn.Client{
		Region:   "us-east-1",
		Endpoint: srv.URL,
		Credentials: credentials.Static{Credentials: credentials.Credentials{
			AccessKeyID:     clientvpntest.DefaultAccessKeyID,
			SecretAccessKey: clientvpntest.DefaultSecretAccessKey,
		}},
		HTTPClient: srv.Client(),
	}, srv.Close
}

// List the active connections of an endpoint, across all pages.
func ExampleClient_Connections() {
	client, done := newExampleClient()
	defer done()

	ctx := context.Background()
	in := &clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0"}
	for conn, err := range client.Connections(ctx, in) {
		if err != nil {
			log.Fatal(err)
		}
		if conn.Status.Code != clientvpn.StatusActive {
			continue
		}
		since, _ := conn.EstablishedTime()
		fmt.Printf("%s %q since %s\n", conn.ConnectionId, conn.Username, since.Format(time.DateTime))
	}
	// Output:
	// cvpn-connection-97488e74f860e146f "alice" since 2026-11-22 18:56:08
	// cvpn-connection-00668867a40f18253 "bob" since 2026-11-25 07:18:53
	// cvpn-connection-01f2e3d4c5b6a7980 "carol" since 2026-11-24 09:45:00
	// cvpn-connection-0d4e5f6a7b8c9d0e1 "dave" since 2026-11-25 11:48:00
	// cvpn-connection-0a9b8c7d6e5f40312 "" since 2026-11-25 04:30:00
	// cvpn-connection-0123abcd4567ef890 "yamada.太郎" since 2026-11-25 11:26:40
	// cvpn-connection-0aa11bb22cc33dd44 "dave" since 2026-11-25 11:57:00
	// cvpn-connection-0ee55ff66aa77bb88 "o'neil&co" since 2026-11-24 17:55:00
}

// Page through the connections by hand, five at a time.
func ExampleClient_DescribeClientVpnConnections() {
	client, done := newExampleClient()
	defer done()

	ctx := context.Background()
	in := &clientvpn.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
		MaxResults:          5,
	}
	for page := 1; ; page++ {
		out, err := client.DescribeClientVpnConnections(ctx, in)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d: %d connections, more: %v\n", page, len(out.Connections), out.NextToken != "")
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	// Output:
	// page 1: 5 connections, more: true
	// page 2: 5 connections, more: true
	// page 3: 3 connections, more: false
}

// Ask EC2 whether the credentials may list connections, without listing them.
func ExampleClient_CheckDescribeClientVpnConnections() {
	client, done := newExampleClient()
	defer done()

	ctx := context.Background()
	in := &clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0"}
	allowed, err := client.CheckDescribeClientVpnConnections(ctx, in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("allowed:", allowed)

	// A principal without ec2:DescribeClientVpnConnections gets
	// UnauthorizedOperation instead.
	denied, done2 := newExampleClient(clientvpntest.WithFaults(
		clientvpntest.APIError(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")))
	defer done2()
	allowed, err = denied.CheckDescribeClientVpnConnections(ctx, in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("allowed:", allowed)
	// Output:
	// allowed: true
	// allowed: false
}

// Errors that EC2 answered are *clientvpn.APIError values.
func ExampleAPIError() {
	client, done := newExampleClient()
	defer done()

	_, err := client.DescribeClientVpnConnections(context.Background(),
		&clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "cvpn-endpoint-00000000000000000"})
	var apiErr *clientvpn.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
		fmt.Println(apiErr.Message)
	}
	// Output:
	// 400 InvalidClientVpnEndpointId.NotFound
	// Endpoint cvpn-endpoint-00000000000000000 does not exist
}

// Build a Client the way the AWS CLI builds its session, with the overrides
// of its global options, and log every attempt through the Trace hook.
func ExampleNewFromOptions() {
	srv := clientvpntest.NewServer(clientvpntest.WithTime(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)))
	defer srv.Close()

	client, err := clientvpn.NewFromOptions(context.Background(), clientvpn.Options{
		// A real program reads its environment and shared files: it leaves
		// IgnoreEnvironment and Credentials unset and passes only the
		// overrides its user gave (Profile, Region, ReadTimeout, …).
		IgnoreEnvironment: true,
		Credentials: credentials.Static{Credentials: credentials.Credentials{
			AccessKeyID:     clientvpntest.DefaultAccessKeyID,
			SecretAccessKey: clientvpntest.DefaultSecretAccessKey,
		}},
		Region:      srv.Region(),
		EndpointURL: srv.URL,
		ReadTimeout: 10 * time.Second, // each read, not the whole call
		MaxAttempts: 5,
		Trace: func(a *clientvpn.Attempt) {
			auth := a.Header.Get("Authorization")
			fmt.Printf("attempt %d of %d: %s -> HTTP %d, retry %v; Authorization ...%s\n",
				a.N, a.MaxAttempts, a.Method, a.StatusCode, a.Retry, auth[strings.LastIndex(auth, " "):])
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.DescribeClientVpnConnections(context.Background(), &clientvpn.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: clientvpntest.SampleEndpointID,
		MaxResults:          5,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(out.Connections), "connections")
	// Output:
	// attempt 1 of 5: POST -> HTTP 200, retry false; Authorization ... Signature=REDACTED
	// 5 connections
}
