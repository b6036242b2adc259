// Package clientvpntest runs a fake Amazon EC2 endpoint that answers
// DescribeClientVpnConnections, TerminateClientVpnConnections and
// DescribeClientVpnEndpoints, for testing code that uses the Client VPN API
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
// TerminateClientVpnConnections (ClientVpnEndpointId required, then exactly one of
// ConnectionId and Username):
//
//   - Neither → 400 MissingParameter ("The request must contain the parameter
//     ConnectionId or Username"); both → 400 InvalidParameterCombination ("Only one
//     of ConnectionId and Username can be specified"). These come before DryRun
//     (412 DryRunOperation) and before the lookups: an unknown endpoint → 400
//     InvalidClientVpnEndpointId.NotFound; a ConnectionId that is not listed (never
//     existed, or hidden by the 60-minute rule) → 400
//     InvalidClientVpnConnectionId.NotFound ("Connection cvpn-connection-… does not
//     exist").
//   - Username terminates the user's active and failed-to-terminate connections; as
//     the API reference says this works "only if the user has established up to five
//     connections", more than five → 400 InvalidParameterValue and nothing is
//     terminated. A user without such connections → success, empty connectionStatuses.
//   - Each active or failed-to-terminate connection goes to terminating
//     (previousStatus its old state and message, currentStatus terminating); one
//     already terminating or terminated is reported unchanged. The rule that
//     follows is the fake's (EC2 ends connections asynchronously, in seconds): the
//     next DescribeClientVpnConnections that lists the connection shows it
//     terminating, and the ones after show it terminated, with connectionEndTime the
//     snapshot time of the terminate call; it is then listed for 60 more minutes.
//     The change is part of the data ([Server.Data]); [Server.SetData] discards it.
//     Under [WithLive], such an end time is recorded as a negative age, which
//     [Data.Validate] refuses, so Data of a live server may not round-trip.
//
// DescribeClientVpnEndpoints (every parameter optional):
//
//   - ClientVpnEndpointId.N selects endpoints (one unknown id → 400
//     InvalidClientVpnEndpointId.NotFound); none means all. Filters endpoint-id and
//     transport-protocol (other names → 400 InvalidParameterValue), MaxResults 5–1000
//     and NextToken as for connections (tokens of one operation do not continue the
//     other's listings), DryRun → 412 after validation. Endpoints are listed in data
//     order, deleted ones included (with deletionTime).
//   - Every member of the current EC2 model is served, in model order: description
//     and status/message when set, creationTime (and deletionTime), dnsName
//     ("*.{id}.prod.clientvpn.{region}.amazonaws.com"), clientCidrBlock, dnsServer
//     (empty element when none), splitTunnel, vpnProtocol "openvpn",
//     transportProtocol (udp by default), vpnPort (443), serverCertificateArn,
//     authenticationOptions, connectionLogOptions (<Enabled>, upper-case as EC2 sends
//     it; IncludeAuthorizationPolicyContext when the data asks for it), tagSet, securityGroupIdSet, vpcId, selfServicePortalUrl,
//     clientConnectOptions (status "applied"), sessionTimeoutHours (24),
//     clientLoginBannerOptions, clientRouteEnforcementOptions,
//     disconnectOnSessionTimeout, endpointIpAddressType and trafficIpAddressType
//     (ipv4), transitGatewayConfiguration when a transit gateway is set,
//     devicePostureOptions (trustProviderSet) when the endpoint has trust
//     providers. The deprecated associatedTargetNetwork is not served.
//
// The codes and messages of InvalidParameterCombination, the terminate
// MissingParameter, InvalidClientVpnConnectionId.NotFound and the
// five-connection limit are the fake's wording: they were not captured from EC2.
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
//	      "id": "cvpn-endpoint-0123456789abcdef0",     // required, unique
//	      "description": "Engineering",                // every endpoint detail is optional:
//	      "status": "available",                       // available (default), pending-associate, deleting, deleted
//	      "created": "720h0m0s",                       // age of the creation; "deleted": age of the deletion
//	      "clientCidrBlock": "172.31.0.0/22",
//	      "dnsServers": ["10.0.0.2"],
//	      "splitTunnel": true,
//	      "transportProtocol": "tcp", "vpnPort": 1194, // default udp, 443
//	      "serverCertificateArn": "arn:aws:acm:…",
//	      "authentication": [{"type": "certificate-authentication", "clientRootCertificateChain": "arn:…"},
//	                         {"type": "directory-service-authentication", "directoryId": "d-1234567890"},
//	                         {"type": "federated-authentication", "samlProviderArn": "arn:…", "selfServiceSamlProviderArn": "arn:…"}],
//	      "logGroup": "/aws/clientvpn/x", "logStream": "s", // logging enabled when logGroup is set
//	      "logAuthorizationPolicyContext": true,         // IncludeAuthorizationPolicyContext, with logging
//	      "tags": [{"key": "Name", "value": "vpn"}],
//	      "securityGroupIds": ["sg-…"], "vpcId": "vpc-…",
//	      "selfServicePortal": true,
//	      "clientConnectLambdaArn": "arn:aws:lambda:…",  // client connect handler enabled when set
//	      "sessionTimeoutHours": 12,                     // default 24
//	      "bannerText": "…",                             // login banner enabled when set
//	      "routeEnforcement": true, "disconnectOnSessionTimeout": true,
//	      "endpointIpAddressType": "ipv4", "trafficIpAddressType": "dual-stack",
//	      "transitGatewayId": "tgw-…", "transitGatewayAttachmentId": "tgw-attach-…",
//	      "availabilityZones": ["us-east-1a"], "availabilityZoneIds": ["use1-az1"],
//	      "trustProviders": [{"type": "crowdstrike", "tenantId": "…", "publicSigningKeyUrl": "https://…"}],
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
//	          "posture": ["compliant"],                  // optional; null/absent: no element, []: an empty one
//	          "policyEvaluated": "2m0s"                  // optional: age of authorizationPolicyLastEvaluatedTime
//	        }
//	      ]
//	    }
//	  ]
//	}
//
// (The comments above are for the reader; JSON has none.)
package clientvpntest
