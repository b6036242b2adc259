package clientvpntest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// Connection status codes, as EC2 spells them.
const (
	StatusActive            = "active"
	StatusFailedToTerminate = "failed-to-terminate"
	StatusTerminating       = "terminating"
	StatusTerminated        = "terminated"
)

// Data is the state a [Server] serves: Client VPN endpoints and their connections.
//
// Times in Data are ages relative to the server's snapshot time (see [WithTime] and
// [WithLive]), so that one data set stays "current" whenever it is served.
type Data struct {
	Endpoints []Endpoint `json:"endpoints"`
}

// Endpoint is one Client VPN endpoint: its configuration, as
// DescribeClientVpnEndpoints reports it, and its connections. Only ID is
// required; the zero values of the other fields give the defaults written
// next to them (see the package documentation for the elements served).
type Endpoint struct {
	ID            string `json:"id"`                      // e.g. "cvpn-endpoint-0123456789abcdef0"
	Description   string `json:"description,omitempty"`   // element omitted when empty
	Status        string `json:"status,omitempty"`        // available (default), pending-associate, deleting, deleted
	StatusMessage string `json:"statusMessage,omitempty"` // status/message (element omitted when empty)

	// Created is how long before the snapshot time the endpoint was created.
	Created time.Duration `json:"-"`
	// Deleted is, for a deleted endpoint, how long before the snapshot time it
	// was deleted (deletionTime).
	Deleted time.Duration `json:"-"`

	ClientCidrBlock      string   `json:"clientCidrBlock,omitempty"`
	DNSServers           []string `json:"dnsServers,omitempty"` // dnsServer/item; none: an empty element
	SplitTunnel          bool     `json:"splitTunnel,omitempty"`
	TransportProtocol    string   `json:"transportProtocol,omitempty"` // udp (default) or tcp
	VPNPort              int      `json:"vpnPort,omitempty"`           // 443 (default) or 1194
	ServerCertificateArn string   `json:"serverCertificateArn,omitempty"`

	Authentication []Authentication `json:"authentication,omitempty"`

	// LogGroup and LogStream enable connection logging when LogGroup is set.
	LogGroup  string `json:"logGroup,omitempty"`
	LogStream string `json:"logStream,omitempty"`
	// LogAuthorizationPolicyContext, with logging enabled, serves
	// IncludeAuthorizationPolicyContext as true (the element is omitted
	// otherwise).
	LogAuthorizationPolicyContext bool `json:"logAuthorizationPolicyContext,omitempty"`

	Tags             []Tag    `json:"tags,omitempty"`
	SecurityGroupIDs []string `json:"securityGroupIds,omitempty"`
	VpcID            string   `json:"vpcId,omitempty"`
	// SelfServicePortal serves selfServicePortalUrl.
	SelfServicePortal bool `json:"selfServicePortal,omitempty"`
	// ClientConnectLambdaArn enables the client connect handler when set.
	ClientConnectLambdaArn string `json:"clientConnectLambdaArn,omitempty"`
	SessionTimeoutHours    int    `json:"sessionTimeoutHours,omitempty"` // 24 (default), 8, 10, 12
	// BannerText enables the client login banner when set.
	BannerText                 string `json:"bannerText,omitempty"`
	RouteEnforcement           bool   `json:"routeEnforcement,omitempty"`
	DisconnectOnSessionTimeout bool   `json:"disconnectOnSessionTimeout,omitempty"`
	EndpointIPAddressType      string `json:"endpointIpAddressType,omitempty"` // ipv4 (default), ipv6, dual-stack
	TrafficIPAddressType       string `json:"trafficIpAddressType,omitempty"`  // ipv4 (default), ipv6, dual-stack

	// TransitGatewayID attaches the endpoint to a transit gateway
	// (transitGatewayConfiguration, omitted when empty).
	TransitGatewayID           string   `json:"transitGatewayId,omitempty"`
	TransitGatewayAttachmentID string   `json:"transitGatewayAttachmentId,omitempty"`
	AvailabilityZones          []string `json:"availabilityZones,omitempty"`
	AvailabilityZoneIDs        []string `json:"availabilityZoneIds,omitempty"`

	// TrustProviders are the device trust providers
	// (devicePostureOptions/trustProviderSet, omitted when none).
	TrustProviders []TrustProvider `json:"trustProviders,omitempty"`

	Connections []Connection `json:"connections"`
}

// TrustProvider is a device trust provider of an endpoint.
type TrustProvider struct {
	Type                string `json:"type"` // crowdstrike, jamf or jumpcloud
	TenantID            string `json:"tenantId,omitempty"`
	PublicSigningKeyURL string `json:"publicSigningKeyUrl,omitempty"`
}

// Authentication is one authentication method of an endpoint.
type Authentication struct {
	// Type is certificate-authentication, directory-service-authentication
	// or federated-authentication; the field of that type is served.
	Type                       string `json:"type"`
	ClientRootCertificateChain string `json:"clientRootCertificateChain,omitempty"`
	DirectoryID                string `json:"directoryId,omitempty"`
	SAMLProviderArn            string `json:"samlProviderArn,omitempty"`
	SelfServiceSAMLProviderArn string `json:"selfServiceSamlProviderArn,omitempty"`
}

// Tag is a resource tag.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Endpoint states, as EC2 spells them.
const (
	EndpointAvailable        = "available"
	EndpointPendingAssociate = "pending-associate"
	EndpointDeleting         = "deleting"
	EndpointDeleted          = "deleted"
)

func (e *Endpoint) status() string {
	if e.Status == "" {
		return EndpointAvailable
	}
	return e.Status
}

// endpointAlias has Endpoint's fields without its methods.
type endpointAlias Endpoint

// endpointJSON is an Endpoint in the data file format: the ages as Go
// duration strings.
type endpointJSON struct {
	endpointAlias
	Created string `json:"created,omitempty"`
	Deleted string `json:"deleted,omitempty"`
}

// MarshalJSON encodes e in the data file format.
func (e Endpoint) MarshalJSON() ([]byte, error) {
	j := endpointJSON{endpointAlias: endpointAlias(e)}
	if e.Created != 0 {
		j.Created = e.Created.String()
	}
	if e.status() == EndpointDeleted {
		j.Deleted = e.Deleted.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes e from the data file format. Unknown fields are errors.
func (e *Endpoint) UnmarshalJSON(b []byte) error {
	var j endpointJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	*e = Endpoint(j.endpointAlias)
	var err error
	if j.Created != "" {
		if e.Created, err = parseAge("created", j.Created); err != nil {
			return err
		}
	}
	if j.Deleted != "" {
		if e.Deleted, err = parseAge("deleted", j.Deleted); err != nil {
			return err
		}
	}
	return nil
}

// Connection is one client connection of an endpoint, in typed form. The server
// renders it as EC2 does: times as "2006-01-02 15:04:05" in UTC, counters as decimal
// strings, ConnectionEndTime "-" while the connection is not terminated.
type Connection struct {
	ID         string `json:"id"`                   // connectionId, e.g. "cvpn-connection-0a1b2c3d4e5f60718"
	Username   string `json:"username,omitempty"`   // empty for certificate authentication (element omitted)
	CommonName string `json:"commonName,omitempty"` // commonName (element omitted when empty)
	ClientIP   string `json:"clientIp,omitempty"`   // clientIp
	ClientIPv6 string `json:"clientIpv6,omitempty"` // clientIpv6Address (element omitted when empty)

	// Established is how long before the snapshot time the connection was established.
	Established time.Duration `json:"-"`
	// Ended is, for a terminated connection, how long before the snapshot time it ended.
	// EC2 lists terminated connections for 60 minutes; older ones are not served.
	// Ended is ignored unless Status is StatusTerminated.
	Ended time.Duration `json:"-"`
	// PolicyEvaluated is how long before the snapshot time the endpoint's
	// authorization policy was last evaluated for the connection
	// (authorizationPolicyLastEvaluatedTime); zero omits the element.
	PolicyEvaluated time.Duration `json:"-"`

	Status        string `json:"status,omitempty"`        // status/code; empty means StatusActive
	StatusMessage string `json:"statusMessage,omitempty"` // status/message (element omitted when empty)

	IngressBytes   uint64 `json:"ingressBytes"`
	EgressBytes    uint64 `json:"egressBytes"`
	IngressPackets uint64 `json:"ingressPackets"`
	EgressPackets  uint64 `json:"egressPackets"`

	// Posture lists the posture compliance statuses (postureComplianceStatusSet/item).
	// A nil Posture omits the element; an empty non-nil one sends it empty
	// (<postureComplianceStatusSet/>), as EC2 does for some connections.
	Posture []string `json:"posture"`
}

// connectionJSON is a Connection in the data file format: durations as Go duration
// strings, fields in the documented order, posture omitted when nil.
type connectionJSON struct {
	ID             string    `json:"id"`
	Username       string    `json:"username,omitempty"`
	CommonName     string    `json:"commonName,omitempty"`
	ClientIP       string    `json:"clientIp,omitempty"`
	ClientIPv6     string    `json:"clientIpv6,omitempty"`
	Established    string    `json:"established"`
	Ended          string    `json:"ended,omitempty"`
	Status         string    `json:"status,omitempty"`
	StatusMessage  string    `json:"statusMessage,omitempty"`
	IngressBytes   uint64    `json:"ingressBytes"`
	EgressBytes    uint64    `json:"egressBytes"`
	IngressPackets uint64    `json:"ingressPackets"`
	EgressPackets  uint64    `json:"egressPackets"`
	Posture        *[]string `json:"posture,omitempty"`
	// PolicyEvaluated is last, so that files without it keep their order.
	PolicyEvaluated string `json:"policyEvaluated,omitempty"`
}

// MarshalJSON encodes c in the data file format (see the package documentation).
func (c Connection) MarshalJSON() ([]byte, error) {
	j := connectionJSON{
		ID: c.ID, Username: c.Username, CommonName: c.CommonName, ClientIP: c.ClientIP, ClientIPv6: c.ClientIPv6,
		Established: c.Established.String(), Status: c.Status, StatusMessage: c.StatusMessage,
		IngressBytes: c.IngressBytes, EgressBytes: c.EgressBytes, IngressPackets: c.IngressPackets, EgressPackets: c.EgressPackets,
	}
	if c.Ended != 0 {
		j.Ended = c.Ended.String() // kept even where ignored, so that data round-trip
	}
	if c.Posture != nil {
		j.Posture = &c.Posture
	}
	if c.PolicyEvaluated != 0 {
		j.PolicyEvaluated = c.PolicyEvaluated.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes c from the data file format. Unknown fields are errors.
func (c *Connection) UnmarshalJSON(b []byte) error {
	var j connectionJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	*c = Connection{
		ID: j.ID, Username: j.Username, CommonName: j.CommonName, ClientIP: j.ClientIP, ClientIPv6: j.ClientIPv6,
		Status: j.Status, StatusMessage: j.StatusMessage,
		IngressBytes: j.IngressBytes, EgressBytes: j.EgressBytes, IngressPackets: j.IngressPackets, EgressPackets: j.EgressPackets,
	}
	if j.Posture != nil {
		c.Posture = *j.Posture
		if c.Posture == nil {
			c.Posture = []string{}
		}
	}
	var err error
	if c.Established, err = parseAge("established", j.Established); err != nil {
		return err
	}
	if j.Ended != "" {
		if c.Ended, err = parseAge("ended", j.Ended); err != nil {
			return err
		}
	}
	if j.PolicyEvaluated != "" {
		if c.PolicyEvaluated, err = parseAge("policyEvaluated", j.PolicyEvaluated); err != nil {
			return err
		}
	}
	return nil
}

func parseAge(field, s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("%s: missing (a Go duration such as \"2h30m\")", field)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", field, err)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s: %q is negative (it is an age before the snapshot time)", field, s)
	}
	return d, nil
}

func (c *Connection) status() string {
	if c.Status == "" {
		return StatusActive
	}
	return c.Status
}

// ParseData decodes a data file (the JSON format described in the package
// documentation) and validates it. Unknown fields are errors, so that typos show.
func ParseData(b []byte) (Data, error) {
	var d Data
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Data{}, fmt.Errorf("clientvpntest: data: %w", err)
	}
	if dec.More() {
		return Data{}, errors.New("clientvpntest: data: trailing data after the JSON object")
	}
	if err := d.Validate(); err != nil {
		return Data{}, err
	}
	return d, nil
}

// LoadData reads and decodes the data file at path; see [ParseData].
func LoadData(path string) (Data, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Data{}, fmt.Errorf("clientvpntest: %w", err)
	}
	d, err := ParseData(b)
	if err != nil {
		return Data{}, fmt.Errorf("%w (in %s)", err, path)
	}
	return d, nil
}

// MarshalIndent encodes d in the data file format, indented for people.
func (d Data) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Validate reports the first problem that would make d unservable: an empty or
// duplicate endpoint id, an empty or duplicate connection id within an endpoint,
// an unknown status code, or a negative age.
func (d Data) Validate() error {
	seen := make(map[string]bool)
	for i, e := range d.Endpoints {
		if e.ID == "" {
			return fmt.Errorf("clientvpntest: data: endpoints[%d]: empty id", i)
		}
		if seen[e.ID] {
			return fmt.Errorf("clientvpntest: data: endpoints[%d]: duplicate id %q", i, e.ID)
		}
		seen[e.ID] = true
		switch e.status() {
		case EndpointAvailable, EndpointPendingAssociate, EndpointDeleting, EndpointDeleted:
		default:
			return fmt.Errorf("clientvpntest: data: endpoint %s: unknown status %q", e.ID, e.Status)
		}
		if e.TransportProtocol != "" && e.TransportProtocol != "udp" && e.TransportProtocol != "tcp" {
			return fmt.Errorf("clientvpntest: data: endpoint %s: transportProtocol %q is not udp or tcp", e.ID, e.TransportProtocol)
		}
		if e.Created < 0 || e.Deleted < 0 || e.VPNPort < 0 || e.SessionTimeoutHours < 0 {
			return fmt.Errorf("clientvpntest: data: endpoint %s: negative age, port or timeout", e.ID)
		}
		conns := make(map[string]bool)
		for j, c := range e.Connections {
			where := fmt.Sprintf("clientvpntest: data: endpoint %s: connections[%d]", e.ID, j)
			if c.ID == "" {
				return fmt.Errorf("%s: empty id", where)
			}
			if conns[c.ID] {
				return fmt.Errorf("%s: duplicate id %q", where, c.ID)
			}
			conns[c.ID] = true
			switch c.status() {
			case StatusActive, StatusFailedToTerminate, StatusTerminating, StatusTerminated:
			default:
				return fmt.Errorf("%s: unknown status %q (want one of %s)", where, c.Status,
					strings.Join([]string{StatusActive, StatusFailedToTerminate, StatusTerminating, StatusTerminated}, ", "))
			}
			if c.Established < 0 || c.Ended < 0 || c.PolicyEvaluated < 0 {
				return fmt.Errorf("%s: negative age", where)
			}
			if c.status() == StatusTerminated && c.Ended > c.Established {
				return fmt.Errorf("%s: ended (%v ago) before it was established (%v ago)", where, c.Ended, c.Established)
			}
		}
	}
	return nil
}

// clone returns a deep copy of d, so that a Server never shares slices with its caller.
func (d Data) clone() Data {
	out := Data{Endpoints: make([]Endpoint, len(d.Endpoints))}
	for i, e := range d.Endpoints {
		conns := make([]Connection, len(e.Connections))
		for j, c := range e.Connections {
			if c.Posture != nil {
				c.Posture = append([]string(nil), c.Posture...)
			}
			conns[j] = c
		}
		e.DNSServers = slices.Clone(e.DNSServers)
		e.Authentication = slices.Clone(e.Authentication)
		e.Tags = slices.Clone(e.Tags)
		e.SecurityGroupIDs = slices.Clone(e.SecurityGroupIDs)
		e.AvailabilityZones = slices.Clone(e.AvailabilityZones)
		e.AvailabilityZoneIDs = slices.Clone(e.AvailabilityZoneIDs)
		e.TrustProviders = slices.Clone(e.TrustProviders)
		e.Connections = conns
		out.Endpoints[i] = e
	}
	return out
}
