package clientvpn

import (
	"strconv"
	"time"

	"github.com/ec2lite/ec2lite/query"
)

// Members is a set of the members of one struct type, one bit per member in
// EC2 model order: it records which members a response contained as empty
// elements. It is how decoded values tell "absent" from "empty".
//
// Fields are plain values. In an input, a zero value means "not set"; the one
// exception is DryRun, a [query.Bool] ([query.Unset], [query.True],
// [query.False]), because the AWS CLI's --no-dry-run sends DryRun=false.
//
// In a decoded output, a non-empty field was present in EC2's answer; but the
// AWS CLI (and any faithful printer) tells an absent element (key omitted)
// from an empty one (<username/>, printed as ""; <postureComplianceStatusSet/>,
// printed as []), and a zero field cannot say which. So every decoded struct
// ([DescribeClientVpnConnectionsOutput], [Connection], [ConnectionStatus], and
// those of the other operations, such as [ClientVpnEndpoint]) carries an
// Empty field of this type and answers Has(member) with EC2 model member
// names. For boolean and integer members, Empty records those present as
// false or 0 (<splitTunnel>false</splitTunnel>):
//
//	if c.Has("ClientIpv6Address") { ... }  // present, possibly ""
//
// Has reports a member present when its field is non-zero or it is in Empty.
// Values built by hand therefore need no presence bookkeeping (a set field is
// present, an unset one absent), and a decoded value compares equal to the
// same value built by hand unless EC2 sent empty elements. MarkPresent adds a
// member to Empty when a hand-built value must show an empty element.
type Members uint32

func (m Members) has(i int) bool { return m&(1<<uint(i)) != 0 }

// DescribeClientVpnConnectionsInput is the input of DescribeClientVpnConnections.
// Zero values are not sent.
type DescribeClientVpnConnectionsInput struct {
	// ClientVpnEndpointId is the ID of the Client VPN endpoint (required by EC2).
	ClientVpnEndpointId string
	// Filters narrow the result: connection-id, username.
	Filters []Filter
	// NextToken is the token of the page to return, from a previous output.
	NextToken string
	// MaxResults is the page size, 5 to 1000; zero lets EC2 choose.
	MaxResults int32
	// DryRun asks EC2 only whether the call would be allowed; see [DryRunAllowed].
	DryRun query.Bool
}

// Filter is a filter of a Describe call: a name and the values it matches.
// A filter without values is sent with its name only.
type Filter struct {
	Name   string
	Values []string
}

// DescribeClientVpnConnectionsOutput is the result of DescribeClientVpnConnections.
type DescribeClientVpnConnectionsOutput struct {
	// Connections are the connections of this page.
	Connections []Connection
	// NextToken is the token of the next page, empty on the last page.
	NextToken string
	// RequestID is EC2's request id (the response's requestId element); it
	// is not a model member and has no presence bit.
	RequestID string
	// Empty records the members present as empty elements (<connections/>).
	Empty Members
}

var outputMembers = [...]string{"Connections", "NextToken"}

// Has reports whether the response contained the member (model name:
// "Connections" or "NextToken"), even if empty.
func (o DescribeClientVpnConnectionsOutput) Has(member string) bool {
	switch member {
	case "Connections":
		return len(o.Connections) > 0 || o.Empty.has(0)
	case "NextToken":
		return o.NextToken != "" || o.Empty.has(1)
	}
	return false
}

// MarkPresent records member as present even when its field is empty.
// Unknown names are ignored.
func (o *DescribeClientVpnConnectionsOutput) MarkPresent(member string) {
	o.Empty |= memberBit(outputMembers[:], member)
}

// ConnectionStatusCode is the state of a Client VPN connection.
type ConnectionStatusCode string

// The connection states of the EC2 model.
const (
	StatusActive            ConnectionStatusCode = "active"
	StatusFailedToTerminate ConnectionStatusCode = "failed-to-terminate"
	StatusTerminating       ConnectionStatusCode = "terminating"
	StatusTerminated        ConnectionStatusCode = "terminated"
)

// Known reports whether c is one of the four states of the EC2 model.
// Decoding keeps any other value as it came.
func (c ConnectionStatusCode) Known() bool {
	switch c {
	case StatusActive, StatusFailedToTerminate, StatusTerminating, StatusTerminated:
		return true
	}
	return false
}

// ConnectionStatus is the state of a connection and, for a connection that
// is not active, a message.
type ConnectionStatus struct {
	Code    ConnectionStatusCode `ec2:"code"`
	Message string               `ec2:"message"`
	// Empty records the members present as empty elements (<message/>).
	Empty Members
}

var statusMembers = [...]string{"Code", "Message"}

// Has reports whether the response contained the member ("Code" or
// "Message"), even if empty.
func (s ConnectionStatus) Has(member string) bool {
	switch member {
	case "Code":
		return s.Code != "" || s.Empty.has(0)
	case "Message":
		return s.Message != "" || s.Empty.has(1)
	}
	return false
}

// MarkPresent records member as present even when its field is empty.
// Unknown names are ignored.
func (s *ConnectionStatus) MarkPresent(member string) {
	s.Empty |= memberBit(statusMembers[:], member)
}

// Connection is a Client VPN connection (ClientVpnConnection in the EC2 model).
//
// EC2 sends times and counters as strings, kept here as they came; the
// methods [Connection.Time], [Connection.EstablishedTime],
// [Connection.EndTime], [Connection.AuthorizationPolicyLastEvaluated],
// [Connection.IngressBytesCount],
// [Connection.EgressBytesCount], [Connection.IngressPacketsCount] and
// [Connection.EgressPacketsCount] parse them.
type Connection struct {
	ClientVpnEndpointId string
	// Timestamp is the time of this information, "2019-08-12 07:58:34" (UTC).
	Timestamp    string
	ConnectionId string
	// Username is the user name, for Active Directory or federated authentication.
	Username string
	// ConnectionEstablishedTime is "2019-08-12 07:57:14" (UTC).
	ConnectionEstablishedTime string
	// IngressBytes, EgressBytes, IngressPackets, EgressPackets are decimal counters.
	IngressBytes      string
	EgressBytes       string
	IngressPackets    string
	EgressPackets     string
	ClientIp          string
	ClientIpv6Address string
	// CommonName is the common name of the client certificate.
	CommonName string
	Status     ConnectionStatus
	// ConnectionEndTime is "2019-08-12 07:58:34" (UTC), or "-" while active.
	ConnectionEndTime string
	// PostureComplianceStatuses are the device posture statuses.
	PostureComplianceStatuses []string
	// AuthorizationPolicyLastEvaluatedTime is when the endpoint's
	// authorization policy was last evaluated for the connection, if it
	// has one (UTC); [Connection.AuthorizationPolicyLastEvaluated] parses it.
	AuthorizationPolicyLastEvaluatedTime string
	// Empty records the members present as empty elements (<username/>).
	Empty Members
}

// connectionMembers are the model member names in model order; bit i of
// Members stands for connectionMembers[i].
var connectionMembers = [...]string{
	"ClientVpnEndpointId", "Timestamp", "ConnectionId", "Username",
	"ConnectionEstablishedTime", "IngressBytes", "EgressBytes", "IngressPackets",
	"EgressPackets", "ClientIp", "ClientIpv6Address", "CommonName", "Status",
	"ConnectionEndTime", "PostureComplianceStatuses", "AuthorizationPolicyLastEvaluatedTime",
}

// The bit numbers of connectionMembers.
const (
	cClientVpnEndpointId = iota
	cTimestamp
	cConnectionId
	cUsername
	cConnectionEstablishedTime
	cIngressBytes
	cEgressBytes
	cIngressPackets
	cEgressPackets
	cClientIp
	cClientIpv6Address
	cCommonName
	cStatus
	cConnectionEndTime
	cPostureComplianceStatuses
	cAuthorizationPolicyLastEvaluatedTime
	numConnectionMembers
)

// str returns a pointer to the string field of member i, or nil for Status
// and PostureComplianceStatuses.
func (c *Connection) str(i int) *string {
	switch i {
	case cClientVpnEndpointId:
		return &c.ClientVpnEndpointId
	case cTimestamp:
		return &c.Timestamp
	case cConnectionId:
		return &c.ConnectionId
	case cUsername:
		return &c.Username
	case cConnectionEstablishedTime:
		return &c.ConnectionEstablishedTime
	case cIngressBytes:
		return &c.IngressBytes
	case cEgressBytes:
		return &c.EgressBytes
	case cIngressPackets:
		return &c.IngressPackets
	case cEgressPackets:
		return &c.EgressPackets
	case cClientIp:
		return &c.ClientIp
	case cClientIpv6Address:
		return &c.ClientIpv6Address
	case cCommonName:
		return &c.CommonName
	case cConnectionEndTime:
		return &c.ConnectionEndTime
	case cAuthorizationPolicyLastEvaluatedTime:
		return &c.AuthorizationPolicyLastEvaluatedTime
	}
	return nil
}

// Has reports whether the response contained the member (a model name such
// as "Username", "ClientIpv6Address", "Status", "PostureComplianceStatuses"),
// even if empty.
func (c Connection) Has(member string) bool {
	for i, name := range connectionMembers {
		if name == member {
			return c.Empty.has(i) || !c.isZero(i)
		}
	}
	return false
}

func (c *Connection) isZero(i int) bool {
	switch i {
	case cStatus:
		return c.Status == ConnectionStatus{}
	case cPostureComplianceStatuses:
		return len(c.PostureComplianceStatuses) == 0
	}
	return *c.str(i) == ""
}

// MarkPresent records member as present even when its field is empty.
// Unknown names are ignored.
func (c *Connection) MarkPresent(member string) {
	c.Empty |= memberBit(connectionMembers[:], member)
}

func memberBit(names []string, member string) Members {
	for i, name := range names {
		if name == member {
			return 1 << uint(i)
		}
	}
	return 0
}

// TimeLayout is the layout of the times EC2 sends for Client VPN
// connections, in UTC: "2019-08-12 07:57:14".
const TimeLayout = "2006-01-02 15:04:05"

// A ParseError reports a wire value that a typed accessor could not parse.
type ParseError struct {
	Member string // the model member name, e.g. "IngressBytes"
	Value  string // the value as EC2 sent it
	Err    error  // the underlying error
}

func (e *ParseError) Error() string {
	return "clientvpn: bad " + e.Member + " " + strconv.Quote(e.Value) + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// errEmpty is the reason given for an absent or empty value.
var errEmpty = emptyError{}

type emptyError struct{}

func (emptyError) Error() string { return "empty or absent" }

func parseTime(member, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, &ParseError{member, s, errEmpty}
	}
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}, &ParseError{member, s, err}
	}
	return t, nil
}

func parseCount(member, s string) (uint64, error) {
	if s == "" {
		return 0, &ParseError{member, s, errEmpty}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, &ParseError{member, s, err}
	}
	return n, nil
}

// Time parses Timestamp, the time of this information, as a UTC time.
// An empty, absent or malformed value gives a *[ParseError].
func (c Connection) Time() (time.Time, error) { return parseTime("Timestamp", c.Timestamp) }

// EstablishedTime parses ConnectionEstablishedTime as a UTC time.
// An empty, absent or malformed value gives a *[ParseError].
func (c Connection) EstablishedTime() (time.Time, error) {
	return parseTime("ConnectionEstablishedTime", c.ConnectionEstablishedTime)
}

// EndTime parses ConnectionEndTime: ended is false (and t zero) when it is
// "-", the value of a connection that has not ended. An empty, absent or
// malformed value gives a *[ParseError].
func (c Connection) EndTime() (t time.Time, ended bool, err error) {
	if c.ConnectionEndTime == "-" {
		return time.Time{}, false, nil
	}
	t, err = parseTime("ConnectionEndTime", c.ConnectionEndTime)
	if err != nil {
		return time.Time{}, false, err
	}
	return t, true, nil
}

// AuthorizationPolicyLastEvaluated parses
// AuthorizationPolicyLastEvaluatedTime as a UTC time. An empty, absent or
// malformed value gives a *[ParseError].
//
// The EC2 model does not say how this time is written; as the other times
// of a connection ("2019-08-12 07:57:14") is expected, and an ISO 8601 time
// ("2019-08-12T07:57:14Z"), as EC2 writes the times of other resources, is
// accepted too.
func (c Connection) AuthorizationPolicyLastEvaluated() (time.Time, error) {
	const member = "AuthorizationPolicyLastEvaluatedTime"
	if t, err := time.Parse(time.RFC3339Nano, c.AuthorizationPolicyLastEvaluatedTime); err == nil {
		return t.UTC(), nil
	}
	return parseTime(member, c.AuthorizationPolicyLastEvaluatedTime)
}

// IngressBytesCount parses IngressBytes, a decimal uint64 (up to
// 18446744073709551615). An empty, absent, negative, non-decimal or
// overflowing value gives a *[ParseError].
func (c Connection) IngressBytesCount() (uint64, error) {
	return parseCount("IngressBytes", c.IngressBytes)
}

// EgressBytesCount parses EgressBytes, as [Connection.IngressBytesCount] does.
func (c Connection) EgressBytesCount() (uint64, error) {
	return parseCount("EgressBytes", c.EgressBytes)
}

// IngressPacketsCount parses IngressPackets, as [Connection.IngressBytesCount] does.
func (c Connection) IngressPacketsCount() (uint64, error) {
	return parseCount("IngressPackets", c.IngressPackets)
}

// EgressPacketsCount parses EgressPackets, as [Connection.IngressBytesCount] does.
func (c Connection) EgressPacketsCount() (uint64, error) {
	return parseCount("EgressPackets", c.EgressPackets)
}
