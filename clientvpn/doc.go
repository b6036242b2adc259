// Package clientvpn is a small client for the Client VPN operations of the
// Amazon EC2 API, written with the standard library only:
// DescribeClientVpnConnections (the active connections of a Client VPN
// endpoint, plus those that ended in the last 60 minutes),
// TerminateClientVpnConnections (end one connection, or those of a user) and
// DescribeClientVpnEndpoints (the endpoints, with [Client.Endpoints] to
// iterate over them).
//
// A [Client] is configured by its exported fields; [NewFromEnvironment] fills
// one the way the AWS CLI does (environment variables, ~/.aws/config and
// ~/.aws/credentials, the credential provider chain):
//
//	client, err := clientvpn.NewFromEnvironment(ctx)
//	if err != nil {
//		return err
//	}
//	in := &clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0"}
//	for conn, err := range client.Connections(ctx, in) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(conn.ConnectionId, conn.Username, conn.Status.Code)
//	}
//
// [NewFromOptions] does the same with a program's overrides, as the AWS CLI's
// global options (--profile, --region, --endpoint-url, timeouts, --ca-bundle,
// …) override its configuration. A Client without an HTTP client gets the
// AWS CLI's connect and read timeouts (the read timeout bounds every read of
// an answer, not the whole call), no request ever follows a redirect, and
// [Client.Trace] reports every attempt, secrets masked, for a debug log.
//
// [Client.DescribeClientVpnConnections] returns one page;
// [Client.Connections] iterates over all of them. Field names follow the EC2
// API model, so code written for the AWS SDK for Go moves over mechanically,
// but fields are plain values: in inputs a zero value means "not set", and
// decoded outputs record which elements EC2 sent ([Has]).
//
// Every call, whatever the operation, is one straight path (operation.go):
// validate (unless [Client.SkipValidation]), encode the form body, sign it
// with Signature Version 4, send it,
// decode the XML answer, inside one retry loop that behaves as the AWS SDKs'
// "standard" retry mode (see [Client.MaxAttempts]); paged operations share
// one iterator. A signing clock more than 4 minutes off is
// corrected from the server's Date header. Errors that EC2 answered are
// [*APIError] values, found with errors.As; [DryRunAllowed] and
// [Client.CheckDescribeClientVpnConnections] read the answer to a dry run.
//
// The endpoint is https://ec2.{region}.amazonaws.com, or its China, GovCloud,
// ISO, FIPS or dual-stack form (see [ResolveEndpoint]), or a URL given in
// [Client.Endpoint].
package clientvpn
