package clientvpn

import (
	"context"
	"iter"
	"time"

	"github.com/ec2lite/ec2lite/query"
)

// opEndpoints is the operation name, also the prefix of its errors.
const opEndpoints = "DescribeClientVpnEndpoints"

// DescribeClientVpnEndpointsInput is the input of DescribeClientVpnEndpoints.
// Zero values are not sent.
type DescribeClientVpnEndpointsInput struct {
	// ClientVpnEndpointIds are the endpoints to describe; none means all.
	ClientVpnEndpointIds []string
	// MaxResults is the page size, 5 to 1000; zero lets EC2 choose.
	MaxResults int32
	// NextToken is the token of the page to return, from a previous output.
	NextToken string
	// Filters narrow the result: endpoint-id, transport-protocol.
	Filters []Filter
	// DryRun asks EC2 only whether the call would be allowed; see [DryRunAllowed].
	DryRun query.Bool
}

// DescribeClientVpnEndpointsOutput is the result of DescribeClientVpnEndpoints.
type DescribeClientVpnEndpointsOutput struct {
	// ClientVpnEndpoints are the endpoints of this page.
	ClientVpnEndpoints []ClientVpnEndpoint `ec2:"clientVpnEndpoint"`
	// NextToken is the token of the next page, empty on the last page.
	NextToken string `ec2:"nextToken"`
	// RequestID is EC2's request id; it is not a model member.
	RequestID string `ec2:"requestId,meta"`
	// Empty records the members present as empty elements.
	Empty Members
}

// ClientVpnEndpoint is a Client VPN endpoint, with every member of the EC2
// model. Times are strings as EC2 sends them ("2020-11-13 11:37:27", UTC);
// [ClientVpnEndpoint.Created] and [ClientVpnEndpoint.Deleted] parse them.
// Booleans and integers are decoded; Has tells an absent one from false or 0.
type ClientVpnEndpoint struct {
	ClientVpnEndpointId string                  `ec2:"clientVpnEndpointId"`
	Description         string                  `ec2:"description"`
	Status              ClientVpnEndpointStatus `ec2:"status"`
	CreationTime        string                  `ec2:"creationTime"`
	DeletionTime        string                  `ec2:"deletionTime"`
	DnsName             string                  `ec2:"dnsName"`
	ClientCidrBlock     string                  `ec2:"clientCidrBlock"`
	DnsServers          []string                `ec2:"dnsServer"`
	SplitTunnel         bool                    `ec2:"splitTunnel"`
	// VpnProtocol is "openvpn".
	VpnProtocol string `ec2:"vpnProtocol"`
	// TransportProtocol is "tcp" or "udp".
	TransportProtocol string `ec2:"transportProtocol"`
	VpnPort           int32  `ec2:"vpnPort"`
	// AssociatedTargetNetworks is deprecated in the EC2 model (see
	// DescribeClientVpnTargetNetworks) but still sent.
	AssociatedTargetNetworks      []AssociatedTargetNetwork             `ec2:"associatedTargetNetwork"`
	ServerCertificateArn          string                                `ec2:"serverCertificateArn"`
	AuthenticationOptions         []ClientVpnAuthentication             `ec2:"authenticationOptions"`
	ConnectionLogOptions          ConnectionLogResponseOptions          `ec2:"connectionLogOptions"`
	Tags                          []Tag                                 `ec2:"tagSet"`
	SecurityGroupIds              []string                              `ec2:"securityGroupIdSet"`
	VpcId                         string                                `ec2:"vpcId"`
	SelfServicePortalUrl          string                                `ec2:"selfServicePortalUrl"`
	ClientConnectOptions          ClientConnectResponseOptions          `ec2:"clientConnectOptions"`
	SessionTimeoutHours           int32                                 `ec2:"sessionTimeoutHours"`
	ClientLoginBannerOptions      ClientLoginBannerResponseOptions      `ec2:"clientLoginBannerOptions"`
	ClientRouteEnforcementOptions ClientRouteEnforcementResponseOptions `ec2:"clientRouteEnforcementOptions"`
	DisconnectOnSessionTimeout    bool                                  `ec2:"disconnectOnSessionTimeout"`
	// EndpointIpAddressType and TrafficIpAddressType are "ipv4", "ipv6"
	// or "dual-stack".
	EndpointIpAddressType       string                      `ec2:"endpointIpAddressType"`
	TrafficIpAddressType        string                      `ec2:"trafficIpAddressType"`
	TransitGatewayConfiguration TransitGatewayConfiguration `ec2:"transitGatewayConfiguration"`
	// DevicePostureOptions are the device trust providers the endpoint
	// checks connecting devices with.
	DevicePostureOptions DevicePostureResponseOptions `ec2:"devicePostureOptions"`
	// Empty records the members present as empty elements, or as false or 0.
	Empty Members
}

// ClientVpnEndpointStatusCode is the state of a Client VPN endpoint.
type ClientVpnEndpointStatusCode string

// The endpoint states of the EC2 model.
const (
	EndpointPendingAssociate ClientVpnEndpointStatusCode = "pending-associate"
	EndpointAvailable        ClientVpnEndpointStatusCode = "available"
	EndpointDeleting         ClientVpnEndpointStatusCode = "deleting"
	EndpointDeleted          ClientVpnEndpointStatusCode = "deleted"
)

// ClientVpnEndpointStatus is the state of an endpoint and, for some states,
// a message.
type ClientVpnEndpointStatus struct {
	Code    ClientVpnEndpointStatusCode `ec2:"code"`
	Message string                      `ec2:"message"`
	Empty   Members
}

// AssociatedTargetNetwork is a subnet associated with an endpoint.
type AssociatedTargetNetwork struct {
	NetworkId   string `ec2:"networkId"`
	NetworkType string `ec2:"networkType"` // "vpc"
	Empty       Members
}

// ClientVpnAuthentication is one authentication method of an endpoint:
// Type is "certificate-authentication", "directory-service-authentication"
// or "federated-authentication", and the matching member is set.
type ClientVpnAuthentication struct {
	Type                    string                         `ec2:"type"`
	ActiveDirectory         DirectoryServiceAuthentication `ec2:"activeDirectory"`
	MutualAuthentication    CertificateAuthentication      `ec2:"mutualAuthentication"`
	FederatedAuthentication FederatedAuthentication        `ec2:"federatedAuthentication"`
	Empty                   Members
}

// DirectoryServiceAuthentication names the Active Directory used.
type DirectoryServiceAuthentication struct {
	DirectoryId string `ec2:"directoryId"`
	Empty       Members
}

// CertificateAuthentication names the client root certificate chain.
type CertificateAuthentication struct {
	ClientRootCertificateChain string `ec2:"clientRootCertificateChain"`
	Empty                      Members
}

// FederatedAuthentication names the IAM SAML identity providers.
type FederatedAuthentication struct {
	SamlProviderArn            string `ec2:"samlProviderArn"`
	SelfServiceSamlProviderArn string `ec2:"selfServiceSamlProviderArn"`
	Empty                      Members
}

// ConnectionLogResponseOptions are the connection logging options. EC2
// names these elements in upper camel case (<Enabled>), unlike the others.
type ConnectionLogResponseOptions struct {
	Enabled             bool   `ec2:"Enabled"`
	CloudwatchLogGroup  string `ec2:"CloudwatchLogGroup"`
	CloudwatchLogStream string `ec2:"CloudwatchLogStream"`
	// IncludeAuthorizationPolicyContext says whether the connection logs
	// include the context of authorization policy evaluations.
	IncludeAuthorizationPolicyContext bool `ec2:"IncludeAuthorizationPolicyContext"`
	Empty                             Members
}

// Tag is a resource tag.
type Tag struct {
	Key   string `ec2:"key"`
	Value string `ec2:"value"`
	Empty Members
}

// ClientConnectResponseOptions are the client connect handler options.
type ClientConnectResponseOptions struct {
	Enabled           bool                             `ec2:"enabled"`
	LambdaFunctionArn string                           `ec2:"lambdaFunctionArn"`
	Status            ClientVpnEndpointAttributeStatus `ec2:"status"`
	Empty             Members
}

// ClientVpnEndpointAttributeStatus is the state of an endpoint attribute:
// Code is "applying" or "applied".
type ClientVpnEndpointAttributeStatus struct {
	Code    string `ec2:"code"`
	Message string `ec2:"message"`
	Empty   Members
}

// ClientLoginBannerResponseOptions is the banner shown to clients.
type ClientLoginBannerResponseOptions struct {
	Enabled    bool   `ec2:"enabled"`
	BannerText string `ec2:"bannerText"`
	Empty      Members
}

// ClientRouteEnforcementResponseOptions says whether client routes are enforced.
type ClientRouteEnforcementResponseOptions struct {
	Enforced bool `ec2:"enforced"`
	Empty    Members
}

// TransitGatewayConfiguration is the transit gateway an endpoint is
// attached to (TransitGatewayConfigurationDescribeEndpointStructure in the
// EC2 model).
type TransitGatewayConfiguration struct {
	TransitGatewayId           string   `ec2:"transitGatewayId"`
	TransitGatewayAttachmentId string   `ec2:"transitGatewayAttachmentId"`
	AvailabilityZones          []string `ec2:"availabilityZoneSet"`
	AvailabilityZoneIds        []string `ec2:"availabilityZoneIdSet"`
	Empty                      Members
}

// DevicePostureResponseOptions are the device posture options of an
// endpoint.
type DevicePostureResponseOptions struct {
	TrustProviders []ClientVpnTrustProvider `ec2:"trustProviderSet"`
	Empty          Members
}

// ClientVpnTrustProvider is a device trust provider of an endpoint.
type ClientVpnTrustProvider struct {
	TrustProviderType   ClientVpnDeviceTrustProviderType `ec2:"trustProviderType"`
	TenantId            string                           `ec2:"tenantId"`
	PublicSigningKeyUrl string                           `ec2:"publicSigningKeyUrl"`
	Empty               Members
}

// ClientVpnDeviceTrustProviderType is the kind of a device trust provider.
type ClientVpnDeviceTrustProviderType string

// The device trust provider types of the EC2 model.
const (
	TrustProviderCrowdstrike ClientVpnDeviceTrustProviderType = "crowdstrike"
	TrustProviderJamf        ClientVpnDeviceTrustProviderType = "jamf"
	TrustProviderJumpcloud   ClientVpnDeviceTrustProviderType = "jumpcloud"
)

// Known reports whether t is one of the types of the EC2 model. Decoding
// keeps any other value as it came.
func (t ClientVpnDeviceTrustProviderType) Known() bool {
	switch t {
	case TrustProviderCrowdstrike, TrustProviderJamf, TrustProviderJumpcloud:
		return true
	}
	return false
}

// Created parses CreationTime as a UTC time. An empty, absent or malformed
// value gives a *[ParseError].
func (e ClientVpnEndpoint) Created() (time.Time, error) {
	return parseTime("CreationTime", e.CreationTime)
}

// Deleted parses DeletionTime: deleted is false (and t zero) when it is
// absent or empty, as it is for an endpoint that is not deleted. A
// malformed value gives a *[ParseError].
func (e ClientVpnEndpoint) Deleted() (t time.Time, deleted bool, err error) {
	if e.DeletionTime == "" {
		return time.Time{}, false, nil
	}
	t, err = parseTime("DeletionTime", e.DeletionTime)
	if err != nil {
		return time.Time{}, false, err
	}
	return t, true, nil
}

// describeEndpoints is the DescribeClientVpnEndpoints operation.
var describeEndpoints = operation[DescribeClientVpnEndpointsInput, DescribeClientVpnEndpointsOutput]{
	name:     opEndpoints,
	validate: func(in *DescribeClientVpnEndpointsInput) error { return validMaxResults(in.MaxResults) },
	encode:   appendDescribeClientVpnEndpoints,
}

// DescribeClientVpnEndpoints returns one page of the Client VPN endpoints of
// the account in the client's region: those of in.ClientVpnEndpointIds, or
// all of them, narrowed by in.Filters. in.MaxResults, when set, must be
// within 5–1000; an empty in.NextToken asks for the first page. Use
// [Client.Endpoints] to iterate over all pages. Errors are as for
// [Client.DescribeClientVpnConnections]; an unknown endpoint id is EC2's
// InvalidClientVpnEndpointId.NotFound.
func (c *Client) DescribeClientVpnEndpoints(ctx context.Context, in *DescribeClientVpnEndpointsInput) (*DescribeClientVpnEndpointsOutput, error) {
	return describeEndpoints.run(ctx, c, in)
}

// Endpoints returns an iterator over the endpoints of every page of
// DescribeClientVpnEndpoints, starting at in.NextToken and following each
// page's NextToken; *in is not modified. It behaves as [Client.Connections]:
// one error is yielded and ends the listing, a repeated NextToken is
// [ErrRepeatedNextToken], and breaking out of the loop stops the calls.
func (c *Client) Endpoints(ctx context.Context, in *DescribeClientVpnEndpointsInput) iter.Seq2[ClientVpnEndpoint, error] {
	return pages(ctx, c, &describeEndpoints, in,
		func(in *DescribeClientVpnEndpointsInput) *string { return &in.NextToken },
		func(out *DescribeClientVpnEndpointsOutput) ([]ClientVpnEndpoint, string) {
			return out.ClientVpnEndpoints, out.NextToken
		})
}

// CheckDescribeClientVpnEndpoints asks EC2, with a dry run, whether the
// client's credentials may call DescribeClientVpnEndpoints with in, as
// [Client.CheckDescribeClientVpnConnections] does.
func (c *Client) CheckDescribeClientVpnEndpoints(ctx context.Context, in *DescribeClientVpnEndpointsInput) (bool, error) {
	return describeEndpoints.check(ctx, c, in, func(in *DescribeClientVpnEndpointsInput) *query.Bool { return &in.DryRun })
}

// appendDescribeClientVpnEndpoints appends the form body, byte for byte as
// the AWS CLI sends it: ClientVpnEndpointId.N, MaxResults, NextToken,
// Filter.N, DryRun (model order).
func appendDescribeClientVpnEndpoints(dst []byte, in *DescribeClientVpnEndpointsInput) []byte {
	var e query.Encoder
	beginBody(&e, dst, opEndpoints)
	e.Strings("ClientVpnEndpointId", in.ClientVpnEndpointIds)
	if in.MaxResults != 0 {
		e.Int("MaxResults", int64(in.MaxResults))
	}
	if in.NextToken != "" {
		e.String("NextToken", in.NextToken)
	}
	encodeFilters(&e, in.Filters)
	encodeDryRun(&e, in.DryRun)
	return e.Bytes()
}
