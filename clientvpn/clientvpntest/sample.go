package clientvpntest

import "time"

// Identifiers of the built-in sample data.
const (
	// SampleEndpointID is the sample endpoint with connections.
	SampleEndpointID = "cvpn-endpoint-0123456789abcdef0"
	// EmptyEndpointID is the sample endpoint without connections (TCP, Active Directory).
	EmptyEndpointID = "cvpn-endpoint-0fedcba9876543210"
	// DeletedEndpointID is the sample endpoint that was deleted, 26 hours
	// before the snapshot time; it has no connections.
	DeletedEndpointID = "cvpn-endpoint-0d0e1e2e3e4e5e6e7"
)

// SampleData returns the built-in data set, which a [Server] serves unless [WithData]
// says otherwise. Endpoint [SampleEndpointID] has 14 connections from 7 users and one
// certificate-authenticated device: 13 are listed (active ones; terminated ones within
// the last hour; one terminating, one failed-to-terminate), and one terminated 90
// minutes before the snapshot is hidden by EC2's 60-minute rule. Some have IPv6
// addresses, one has no username, one username is not ASCII ("yamada.太郎") and one
// needs XML escaping ("o'neil&co"). Endpoint [EmptyEndpointID] has no connections.
// The three endpoints ([DeletedEndpointID] is the third) differ in every
// detail DescribeClientVpnEndpoints reports: UDP/443 and TCP/1194, federated
// plus certificate, Active Directory, and certificate authentication, logging,
// tags, banner, client connect handler, route enforcement, dual-stack traffic,
// a transit gateway, device trust providers, and the deleted state. One
// connection (alice's active one) carries the time its authorization policy
// was last evaluated.
//
// Each call returns a fresh copy.
func SampleData() Data {
	h, m := time.Hour, time.Minute
	return Data{Endpoints: []Endpoint{
		{
			ID: SampleEndpointID, Description: "Engineering remote access", Created: 266*24*h + 2*h + 45*m + 53*time.Second,
			ClientCidrBlock: "172.31.0.0/22", DNSServers: []string{"10.0.0.2"}, SplitTunnel: true,
			ServerCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/9f8e7d6c-5b4a-4c2d-8e0f-a1b2c3d4e5f6",
			Authentication: []Authentication{
				{Type: "federated-authentication", SAMLProviderArn: "arn:aws:iam::123456789012:saml-provider/Okta",
					SelfServiceSAMLProviderArn: "arn:aws:iam::123456789012:saml-provider/OktaSelfService"},
				{Type: "certificate-authentication", ClientRootCertificateChain: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"},
			},
			LogGroup: "/aws/clientvpn/engineering", LogStream: "connections", LogAuthorizationPolicyContext: true,
			Tags:             []Tag{{Key: "Name", Value: "engineering-vpn"}, {Key: "team", Value: "platform & infra"}},
			SecurityGroupIDs: []string{"sg-0123456789abcdef0"}, VpcID: "vpc-0a1b2c3d4e5f60718", SelfServicePortal: true,
			ClientConnectLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:AWSClientVPN-posture-check",
			SessionTimeoutHours:    12, BannerText: "Authorised use only. Sessions are logged.", DisconnectOnSessionTimeout: true,
			TrustProviders: []TrustProvider{{Type: "crowdstrike", TenantID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
				PublicSigningKeyURL: "https://assets-public.falcon.crowdstrike.com/zta/jwk.json"}},
			Connections: []Connection{
				{
					ID: "cvpn-connection-97488e74f860e146f", Username: "alice", CommonName: "alice",
					ClientIP: "10.100.50.134", Established: 65*h + 3*m + 52*time.Second,
					IngressBytes: 32302, EgressBytes: 3940, IngressPackets: 457, EgressPackets: 67,
					Posture: []string{"compliant"}, PolicyEvaluated: 4*m + 12*time.Second,
				},
				{
					ID: "cvpn-connection-0e03eb24267165acd", Username: "alice", CommonName: "alice",
					ClientIP: "10.100.50.135", Established: 3*h + 12*m, Ended: 25 * m, Status: StatusTerminated,
					IngressBytes: 1048576, EgressBytes: 524288, IngressPackets: 8123, EgressPackets: 6011,
					Posture: []string{"compliant"},
				},
				{
					ID: "cvpn-connection-00668867a40f18253", Username: "bob", CommonName: "bob",
					ClientIP: "10.100.50.140", ClientIPv6: "2001:db8:100::12", Established: 4*h + 41*m + 7*time.Second,
					IngressBytes: 2951, EgressBytes: 2611, IngressPackets: 9, EgressPackets: 6,
					Posture: []string{"compliant"},
				},
				{
					ID: "cvpn-connection-0b1c2d3e4f5a69788", Username: "bob", CommonName: "bob",
					ClientIP: "10.100.50.141", Established: 50 * m, Ended: 5 * m, Status: StatusTerminated,
					IngressBytes: 77120, EgressBytes: 15003, IngressPackets: 512, EgressPackets: 240,
				},
				{
					ID: "cvpn-connection-01f2e3d4c5b6a7980", Username: "carol", CommonName: "carol",
					ClientIP: "10.100.51.7", ClientIPv6: "2001:db8:100::2a", Established: 26*h + 15*m,
					IngressBytes: 987654321, EgressBytes: 123456789, IngressPackets: 1234567, EgressPackets: 765432,
					Posture: []string{"compliant"},
				},
				{
					// Terminated 90 minutes before the snapshot: hidden by the 60-minute rule.
					ID: "cvpn-connection-0c0ffee0c0ffee0c0", Username: "carol", CommonName: "carol",
					ClientIP: "10.100.51.8", Established: 5 * h, Ended: 90 * m, Status: StatusTerminated,
					IngressBytes: 4096, EgressBytes: 2048, IngressPackets: 40, EgressPackets: 20,
				},
				{
					ID: "cvpn-connection-0d4e5f6a7b8c9d0e1", Username: "dave", CommonName: "dave",
					ClientIP: "10.100.52.19", Established: 12 * m,
					IngressBytes: 15360, EgressBytes: 9216, IngressPackets: 120, EgressPackets: 88,
					Posture: []string{"non-compliant"},
				},
				{
					ID: "cvpn-connection-0a9b8c7d6e5f40312", CommonName: "laptop-0042.corp.example.com",
					ClientIP: "10.100.53.2", Established: 7*h + 30*m,
					IngressBytes: 5242880, EgressBytes: 1310720, IngressPackets: 40960, EgressPackets: 10240,
				},
				{
					ID: "cvpn-connection-0e1d2c3b4a5968778", Username: "erin", CommonName: "erin",
					ClientIP: "10.100.54.33", Established: 2*h + 2*m, Status: StatusTerminating,
					IngressBytes: 65536, EgressBytes: 32768, IngressPackets: 700, EgressPackets: 350,
				},
				{
					ID: "cvpn-connection-0f0e0d0c0b0a09080", Username: "erin", CommonName: "erin",
					ClientIP: "10.100.54.34", Established: 9 * h, Status: StatusFailedToTerminate,
					StatusMessage: "The connection could not be terminated.",
					IngressBytes:  300, EgressBytes: 200, IngressPackets: 3, EgressPackets: 2,
				},
				{
					ID: "cvpn-connection-0123abcd4567ef890", Username: "yamada.太郎", CommonName: "yamada",
					ClientIP: "10.100.55.61", ClientIPv6: "2001:db8:100::3d", Established: 33*m + 20*time.Second,
					IngressBytes: 204800, EgressBytes: 102400, IngressPackets: 1600, EgressPackets: 800,
					Posture: []string{"compliant", "unknown"},
				},
				{
					ID: "cvpn-connection-0fedc0ba09876a543", Username: "frank", CommonName: "frank",
					ClientIP: "10.100.56.90", Established: 2 * h, Ended: 59 * m, Status: StatusTerminated,
					IngressBytes: 10000000, EgressBytes: 2500000, IngressPackets: 70000, EgressPackets: 21000,
				},
				{
					ID: "cvpn-connection-0aa11bb22cc33dd44", Username: "dave", CommonName: "dave",
					ClientIP: "10.100.52.20", Established: 3 * m,
					IngressBytes: 0, EgressBytes: 0, IngressPackets: 0, EgressPackets: 0,
				},
				{
					ID: "cvpn-connection-0ee55ff66aa77bb88", Username: "o'neil&co", CommonName: "oneil",
					ClientIP: "10.100.57.4", ClientIPv6: "2001:db8:100::4", Established: 18*h + 5*m,
					IngressBytes: 18446744073709551615, EgressBytes: 1, IngressPackets: 4294967296, EgressPackets: 1,
				},
			}},
		{
			ID: EmptyEndpointID, Description: "Lab (TCP, Active Directory)", Created: 30*24*h + 6*h,
			ClientCidrBlock: "10.200.0.0/16", TransportProtocol: "tcp", VPNPort: 1194,
			ServerCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-4333-8444-555555555555",
			Authentication:       []Authentication{{Type: "directory-service-authentication", DirectoryID: "d-1234567890"}},
			VpcID:                "vpc-0fedcba9876543210", RouteEnforcement: true, TrafficIPAddressType: "dual-stack",
			Connections: []Connection{},
		},
		{
			ID: DeletedEndpointID, Status: EndpointDeleted, StatusMessage: "Deleted by 123456789012",
			Created: 90 * 24 * h, Deleted: 26 * h, ClientCidrBlock: "10.50.0.0/22",
			ServerCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-4888-9999-000000000000",
			Authentication:       []Authentication{{Type: "certificate-authentication", ClientRootCertificateChain: "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-4888-9999-000000000000"}},
			Tags:                 []Tag{{Key: "Name", Value: "old-vpn"}},
			TransitGatewayID:     "tgw-0123456789abcdef0", TransitGatewayAttachmentID: "tgw-attach-0fedcba9876543210",
			AvailabilityZones: []string{"us-east-1a", "us-east-1b"}, AvailabilityZoneIDs: []string{"use1-az1", "use1-az2"},
			Connections: []Connection{},
		},
	}}
}
