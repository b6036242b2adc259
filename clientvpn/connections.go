package clientvpn

import (
	"context"
	"errors"
	"iter"
	"time"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/query"
)

// This file is DescribeClientVpnConnections: its types, the operation and
// its methods, its encoder and its decoder (hand-written for speed: see
// [decodeDescribeClientVpnConnections]).

// opDescribe is the operation name, also the prefix of its errors.
const opDescribe = "DescribeClientVpnConnections"

// describeConnections is the DescribeClientVpnConnections operation.
var describeConnections = operation[DescribeClientVpnConnectionsInput, DescribeClientVpnConnectionsOutput]{
	name:     opDescribe,
	validate: validateDescribe,
	encode:   appendDescribeClientVpnConnections,
	decode:   decodeDescribeClientVpnConnections,
}

// DescribeClientVpnConnections returns one page of the connections of a
// Client VPN endpoint: the active ones and those that ended in the last 60
// minutes. in.ClientVpnEndpointId is required; in.MaxResults, when set, must
// be within 5–1000; an empty in.NextToken asks for the first page. Use
// [Client.Connections] to iterate over all pages.
//
// EC2's error answers come back as an [*APIError] (see errors.As); other
// errors (transport, decoding, configuration) are wrapped with the operation
// name. A call with in.DryRun set always fails: see [DryRunAllowed].
func (c *Client) DescribeClientVpnConnections(ctx context.Context, in *DescribeClientVpnConnectionsInput) (*DescribeClientVpnConnectionsOutput, error) {
	return describeConnections.run(ctx, c, in)
}

// validateDescribe checks what EC2 would refuse, before anything is sent.
func validateDescribe(in *DescribeClientVpnConnectionsInput) error {
	if in.ClientVpnEndpointId == "" {
		return errors.New("ClientVpnEndpointId is required")
	}
	return validMaxResults(in.MaxResults)
}

// Connections returns an iterator over the connections of every page of
// DescribeClientVpnConnections, starting at in.NextToken (empty: the first
// page) and following each page's NextToken. *in is not modified.
//
// The iterator yields each connection with a nil error. When a call fails it
// yields one zero Connection with the error and stops: a listing that ends
// without an error is complete. A NextToken that repeats one already
// followed is reported as [ErrRepeatedNextToken] rather than looped on.
// Only one page is held in memory at a time. Breaking out of the loop stops
// the calls.
//
//	for conn, err := range client.Connections(ctx, in) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(conn.ConnectionId)
//	}
func (c *Client) Connections(ctx context.Context, in *DescribeClientVpnConnectionsInput) iter.Seq2[Connection, error] {
	return pages(ctx, c, &describeConnections, in,
		func(in *DescribeClientVpnConnectionsInput) *string { return &in.NextToken },
		func(out *DescribeClientVpnConnectionsOutput) ([]Connection, string) {
			return out.Connections, out.NextToken
		})
}

// CheckDescribeClientVpnConnections asks EC2, with a dry run, whether the
// client's credentials may call DescribeClientVpnConnections with in
// (DryRun is forced on; *in is not modified). It returns true when they may,
// false when EC2 answers UnauthorizedOperation, and an error for any other
// answer (a missing endpoint, throttling that outlasted the retries, …).
func (c *Client) CheckDescribeClientVpnConnections(ctx context.Context, in *DescribeClientVpnConnectionsInput) (bool, error) {
	return describeConnections.check(ctx, c, in, func(in *DescribeClientVpnConnectionsInput) *query.Bool { return &in.DryRun })
}

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

// DescribeClientVpnConnectionsOutput is the result of DescribeClientVpnConnections.
type DescribeClientVpnConnectionsOutput struct {
	// Connections are the connections of this page.
	Connections []Connection `ec2:"connections"`
	// NextToken is the token of the next page, empty on the last page.
	NextToken string `ec2:"nextToken"`
	// RequestID is EC2's request id (the response's requestId element); it
	// is not a model member and has no presence bit.
	RequestID string `ec2:"requestId,meta"`
	// Empty records the members present as empty elements (<connections/>).
	Empty Members
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

// Connection is a Client VPN connection (ClientVpnConnection in the EC2 model).
//
// EC2 sends times and counters as strings, kept here as they came; the
// methods [Connection.Time], [Connection.EstablishedTime],
// [Connection.EndTime], [Connection.AuthorizationPolicyLastEvaluated],
// [Connection.IngressBytesCount],
// [Connection.EgressBytesCount], [Connection.IngressPacketsCount] and
// [Connection.EgressPacketsCount] parse them.
type Connection struct {
	ClientVpnEndpointId string `ec2:"clientVpnEndpointId"`
	// Timestamp is the time of this information, "2019-08-12 07:58:34" (UTC).
	Timestamp    string `ec2:"timestamp"`
	ConnectionId string `ec2:"connectionId"`
	// Username is the user name, for Active Directory or federated authentication.
	Username string `ec2:"username"`
	// ConnectionEstablishedTime is "2019-08-12 07:57:14" (UTC).
	ConnectionEstablishedTime string `ec2:"connectionEstablishedTime"`
	// IngressBytes, EgressBytes, IngressPackets, EgressPackets are decimal counters.
	IngressBytes      string `ec2:"ingressBytes"`
	EgressBytes       string `ec2:"egressBytes"`
	IngressPackets    string `ec2:"ingressPackets"`
	EgressPackets     string `ec2:"egressPackets"`
	ClientIp          string `ec2:"clientIp"`
	ClientIpv6Address string `ec2:"clientIpv6Address"`
	// CommonName is the common name of the client certificate.
	CommonName string           `ec2:"commonName"`
	Status     ConnectionStatus `ec2:"status"`
	// ConnectionEndTime is "2019-08-12 07:58:34" (UTC), or "-" while active.
	ConnectionEndTime string `ec2:"connectionEndTime"`
	// PostureComplianceStatuses are the device posture statuses.
	PostureComplianceStatuses []string `ec2:"postureComplianceStatusSet"`
	// AuthorizationPolicyLastEvaluatedTime is when the endpoint's
	// authorization policy was last evaluated for the connection, if it
	// has one (UTC); [Connection.AuthorizationPolicyLastEvaluated] parses it.
	AuthorizationPolicyLastEvaluatedTime string `ec2:"authorizationPolicyLastEvaluatedTime"`
	// Empty records the members present as empty elements (<username/>).
	Empty Members
}

// The bit numbers of the members of Connection, which are their field
// indexes (as for every decoded struct: see [Members]); connectionElement
// maps the ec2 tags to them, and a test keeps the three in step.
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

// appendDescribeClientVpnConnections appends the form body of a
// DescribeClientVpnConnections request to dst: Action, Version, then the set
// members of in, in model order, byte for byte as the AWS CLI sends them.
func appendDescribeClientVpnConnections(dst []byte, in *DescribeClientVpnConnectionsInput) []byte {
	var e query.Encoder
	beginBody(&e, dst, opDescribe)
	// Required: sent even when empty (see Client.SkipValidation).
	e.String("ClientVpnEndpointId", in.ClientVpnEndpointId)
	encodeFilters(&e, in.Filters)
	if in.NextToken != "" {
		e.String("NextToken", in.NextToken)
	}
	if in.MaxResults != 0 {
		e.Int("MaxResults", int64(in.MaxResults))
	}
	encodeDryRun(&e, in.DryRun)
	return e.Bytes()
}

// decodeDescribeClientVpnConnections decodes a DescribeClientVpnConnections
// response into *out, replacing its contents. Unknown elements are skipped
// at any depth; the root element's name is not checked. out does not retain
// body: the texts of each connection are copied into one string (the
// connection's arena) and the fields are substrings of it, so decoding costs
// at most two allocations per connection (the arena and the posture list).
func decodeDescribeClientVpnConnections(body []byte, out *DescribeClientVpnConnectionsOutput) error {
	*out = DescribeClientVpnConnectionsOutput{}
	return decodeBody(opDescribe, body, func(r *responseDecoder) error { return r.response(out) })
}

// responseDecoder holds the decoder and, for the connection decoder, the
// scratch space reused for every connection of one response.
type responseDecoder struct {
	d       ec2xml.Decoder
	body    []byte
	arena   []byte                             // the texts of the current connection
	spans   [numConnectionMembers + 2][2]int32 // arena offsets per string member, then status code and message
	posture [][2]int32                         // arena offsets of the posture statuses
}

// snapshotRadius is the reach of DecodeError.Near on each side of the offset.
const snapshotRadius = 64

// Sizing of the Connections slice.
const (
	connectionBytesGuess = 640
	maxPageConnections   = 1000
)

const (
	spanStatusCode    = numConnectionMembers
	spanStatusMessage = numConnectionMembers + 1
)

var errNoRoot = errors.New("no root element")

// response decodes the root element.
func (r *responseDecoder) response(out *DescribeClientVpnConnectionsOutput) error {
	d := &r.d
	if err := findRoot(d); err != nil {
		return err
	}
	var present Members // members seen, in outputMembers order
	for {
		child, err := nextChild(d)
		if err != nil {
			return err
		}
		if !child {
			break
		}
		switch string(d.Name()) {
		case "requestId":
			text, err := d.ReadText()
			if err != nil {
				return err
			}
			out.RequestID = string(text)
		case "nextToken":
			text, err := d.ReadText()
			if err != nil {
				return err
			}
			out.NextToken = string(text)
			present |= 1 << 1
		case "connections":
			if err := r.connections(out); err != nil {
				return err
			}
			present |= 1 << 0
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	// The root closed: only the end of input may follow.
	if err := endRoot(d); err != nil {
		return err
	}
	if len(out.Connections) == 0 {
		out.Empty |= present & (1 << 0)
	}
	if out.NextToken == "" {
		out.Empty |= present & (1 << 1)
	}
	return nil
}

// connections decodes <connections>: every child element is a connection
// (EC2 names them item; botocore takes any child, and so does this).
func (r *responseDecoder) connections(out *DescribeClientVpnConnectionsOutput) error {
	d := &r.d
	for {
		child, err := nextChild(d)
		if err != nil || !child {
			return err
		}
		if cap(out.Connections) == 0 {
			// EC2 pages hold at most 1000 connections, and a connection
			// takes some 700 to 1000 bytes of XML: size the slice once
			// from the rest of the body instead of growing it (append
			// still grows it if the guess is short).
			guess := (len(r.body)-int(d.Offset()))/connectionBytesGuess + 1
			out.Connections = make([]Connection, 0, min(guess, maxPageConnections))
		}
		if len(out.Connections) < cap(out.Connections) {
			out.Connections = out.Connections[:len(out.Connections)+1] // zeroed by make
		} else {
			out.Connections = append(out.Connections, Connection{})
		}
		if err := r.connection(&out.Connections[len(out.Connections)-1]); err != nil {
			return err
		}
	}
}

// connectionElement maps the element names of a connection to member bits.
func connectionElement(name []byte) int {
	switch string(name) {
	case "clientVpnEndpointId":
		return cClientVpnEndpointId
	case "timestamp":
		return cTimestamp
	case "connectionId":
		return cConnectionId
	case "username":
		return cUsername
	case "connectionEstablishedTime":
		return cConnectionEstablishedTime
	case "ingressBytes":
		return cIngressBytes
	case "egressBytes":
		return cEgressBytes
	case "ingressPackets":
		return cIngressPackets
	case "egressPackets":
		return cEgressPackets
	case "clientIp":
		return cClientIp
	case "clientIpv6Address":
		return cClientIpv6Address
	case "commonName":
		return cCommonName
	case "status":
		return cStatus
	case "connectionEndTime":
		return cConnectionEndTime
	case "postureComplianceStatusSet":
		return cPostureComplianceStatuses
	case "authorizationPolicyLastEvaluatedTime":
		return cAuthorizationPolicyLastEvaluatedTime
	}
	return -1
}

// text reads the current element's text into the arena and returns its span.
func (r *responseDecoder) text() ([2]int32, error) {
	text, err := r.d.ReadText()
	if err != nil {
		return [2]int32{}, err
	}
	start := int32(len(r.arena))
	r.arena = append(r.arena, text...)
	return [2]int32{start, int32(len(r.arena))}, nil
}

// connection decodes one connection element into c (a zero Connection).
func (r *responseDecoder) connection(c *Connection) error {
	d := &r.d
	r.arena = r.arena[:0]
	r.posture = r.posture[:0]
	r.spans = [len(r.spans)][2]int32{}
	var present Members // members seen, including status parts (bits of spanStatusCode, spanStatusMessage)
	for {
		child, err := nextChild(d)
		if err != nil {
			return err
		}
		if !child {
			break
		}
		i := connectionElement(d.Name())
		switch i {
		case -1:
			if err := d.Skip(); err != nil {
				return err
			}
			continue
		case cStatus:
			if err := r.status(&present); err != nil {
				return err
			}
		case cPostureComplianceStatuses:
			if err := r.postures(); err != nil {
				return err
			}
		default:
			span, err := r.text()
			if err != nil {
				return err
			}
			r.spans[i] = span
		}
		present |= 1 << uint(i)
	}

	// One string for all the texts; fields are substrings of it (absent
	// members have the zero span, so they get "").
	arena := string(r.arena)
	sp := &r.spans
	sub := func(i int) string { return arena[sp[i][0]:sp[i][1]] }
	for i := range numConnectionMembers {
		if f := c.str(i); f != nil {
			*f = sub(i)
		}
	}
	c.Status.Code = ConnectionStatusCode(sub(spanStatusCode))
	c.Status.Message = sub(spanStatusMessage)
	if len(r.posture) > 0 {
		c.PostureComplianceStatuses = make([]string, len(r.posture))
		for j, span := range r.posture {
			c.PostureComplianceStatuses[j] = arena[span[0]:span[1]]
		}
	}

	// Present members with empty content go to Empty. Status and the
	// posture list have no span of their own (the zero span, "empty").
	var empty Members
	for i := range sp {
		if sp[i][0] == sp[i][1] {
			empty |= 1 << uint(i)
		}
	}
	empty &= present
	c.Status.Empty = empty >> spanStatusCode & 3
	if c.Status != (ConnectionStatus{}) {
		empty &^= 1 << cStatus
	}
	if len(r.posture) > 0 {
		empty &^= 1 << cPostureComplianceStatuses
	}
	c.Empty = empty & (1<<numConnectionMembers - 1)
	return nil
}

// status decodes <status> (code, message) into the status spans.
func (r *responseDecoder) status(present *Members) error {
	d := &r.d
	// A repeated <status> replaces the earlier one.
	r.spans[spanStatusCode], r.spans[spanStatusMessage] = [2]int32{}, [2]int32{}
	*present &^= 1<<spanStatusCode | 1<<spanStatusMessage
	for {
		child, err := nextChild(d)
		if err != nil || !child {
			return err
		}
		var i int
		switch string(d.Name()) {
		case "code":
			i = spanStatusCode
		case "message":
			i = spanStatusMessage
		default:
			if err := d.Skip(); err != nil {
				return err
			}
			continue
		}
		span, err := r.text()
		if err != nil {
			return err
		}
		r.spans[i] = span
		*present |= 1 << uint(i)
	}
}

// postures decodes <postureComplianceStatusSet>: the text of every child.
func (r *responseDecoder) postures() error {
	d := &r.d
	r.posture = r.posture[:0] // a repeated set replaces the earlier one
	for {
		child, err := nextChild(d)
		if err != nil || !child {
			return err
		}
		span, err := r.text()
		if err != nil {
			return err
		}
		r.posture = append(r.posture, span)
	}
}
