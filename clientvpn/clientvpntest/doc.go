// Package clientvpntest runs a fake Amazon EC2 endpoint that answers
// DescribeClientVpnConnections, for testing code that uses the Client VPN API
// without AWS: a loopback HTTP server in the style of net/http/httptest, which
// verifies SigV4 signatures and answers in EC2's exact XML shapes.
//
//	srv := clientvpntest.NewServer() // the sample data, the documented example keys
//	defer srv.Close()
//	// point the client at srv.URL with region "us-east-1" and the keys
//	// clientvpntest.DefaultAccessKeyID / clientvpntest.DefaultSecretAccessKey
//
// # What it implements
//
// Requests are EC2 Query requests: POST with an application/x-www-form-urlencoded
// body, or GET with the parameters in the query string. The server answers as EC2:
//
//   - Authentication (SigV4, service "ec2", the server's region): no Authorization
//     header → 401 AuthFailure; an unknown access key → 401 AuthFailure; a
//     malformed Authorization header → 400 IncompleteSignature; X-Amz-Date more than
//     5 minutes from the server's clock → 400 RequestExpired; a wrong signature,
//     scope date, service or region → 403 SignatureDoesNotMatch; a session token
//     that does not match the configured one → 401 AuthFailure. The server re-signs
//     a copy of the request holding only the signed headers with package sigv4 and
//     compares in constant time. Presigned URLs (X-Amz-Signature in the query) are
//     accepted too.
//   - Action and Version: a missing Action → 400 MissingAction; another action →
//     400 InvalidAction ("The action X is not valid for this web service."); a
//     missing Version → 400 MissingParameter; a Version other than 2016-11-15 →
//     400 NoSuchVersion; an unknown parameter → 400 UnknownParameter.
//   - ClientVpnEndpointId is required (400 MissingParameter, "The request must
//     contain the parameter ClientVpnEndpointId"); an unknown endpoint → 400
//     InvalidClientVpnEndpointId.NotFound ("Endpoint cvpn-endpoint-… does not exist").
//   - Filters connection-id and username: values of one filter are OR-ed, filters
//     are AND-ed, comparison is exact and case-sensitive; another filter name → 400
//     InvalidParameterValue ("The filter 'x' is invalid").
//   - MaxResults between 5 and 1000 (else 400 InvalidParameterValue); without it a
//     page holds up to 1000 connections. NextToken is opaque (64 base64 characters
//     with '+', '/' and '='), bound to the endpoint and filters it came from; a bad
//     one → 400 InvalidNextToken. The last page has no nextToken.
//   - DryRun=true → 412 DryRunOperation ("Request would have succeeded, but DryRun
//     flag is set.") once the request is otherwise valid.
//   - Connections terminated more than 60 minutes before the snapshot time are not
//     listed.
//
// Successful answers are the DescribeClientVpnConnectionsResponse document with
// requestId, connections/item (elements in the EC2 model's order, times as
// "2006-01-02 15:04:05" UTC, connectionEndTime "-" until terminated) and
// nextToken; errors are EC2's envelope
// <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.
// Responses carry Content-Type text/xml;charset=UTF-8, X-Amzn-Requestid and a Date
// header from the server's clock. Request ids are UUIDs derived from the request,
// so a frozen server answers a repeated request byte for byte the same.
//
// Error wording comes from captured EC2 answers where one is known (AuthFailure,
// SignatureDoesNotMatch, DryRunOperation, RequestLimitExceeded, InvalidAction,
// MissingParameter, the filter and MaxResults messages, the endpoint-not-found
// message); the messages of RequestExpired, InvalidNextToken, NoSuchVersion,
// MissingAction, UnknownParameter and IncompleteSignature follow AWS's usual
// wording but were not captured from EC2 for this operation.
//
// # Time
//
// The data hold ages (how long before the snapshot time a connection was
// established or ended), not absolute times. The snapshot time is the server's
// start unless [WithTime] fixes it; by default the data are frozen, so that every
// request sees the same listing. [WithLive] lets the snapshot time advance with the
// clock and the counters of live connections grow.
//
// # Faults
//
// [Server.InjectFaults] (or [WithFaults]) queues misbehaviours for the next
// requests: [Throttle] (503 RequestLimitExceeded), [HTTPError] (500/502/504 with an
// HTML body), [APIError], [Delay], [TruncateBody] and [ResetConnection].
//
// # Data file format
//
// [ParseData] and [LoadData] read this JSON format (unknown fields are errors);
// [Data.MarshalIndent] writes it. testdata/sample.json is [SampleData] in it.
//
//	{
//	  "endpoints": [
//	    {
//	      "id": "cvpn-endpoint-0123456789abcdef0",
//	      "connections": [
//	        {
//	          "id": "cvpn-connection-0e03eb24267165acd",   // required, unique per endpoint
//	          "username": "alice",                       // optional; omit for certificate authentication
//	          "commonName": "alice",                     // optional
//	          "clientIp": "10.100.50.135",               // optional
//	          "clientIpv6": "2001:db8::1",               // optional
//	          "established": "3h12m0s",                  // required: age at the snapshot time (Go duration)
//	          "ended": "25m0s",                          // age of the end, for status "terminated"
//	          "status": "terminated",                    // active (default), terminating, failed-to-terminate, terminated
//	          "statusMessage": "Client disconnected",    // optional
//	          "ingressBytes": 1048576,                   // counters: unsigned 64-bit integers
//	          "egressBytes": 524288,
//	          "ingressPackets": 8123,
//	          "egressPackets": 6011,
//	          "posture": ["compliant"]                   // optional; null/absent: no element, []: an empty one
//	        }
//	      ]
//	    }
//	  ]
//	}
//
// (The comments above are for the reader; JSON has none.)
package clientvpntest
