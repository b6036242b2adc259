package clientvpn

import (
	"errors"
	"fmt"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/query"
)

// apiVersion is the EC2 API version ec2lite speaks.
const apiVersion = "2016-11-15"

// appendDescribeClientVpnConnections appends the form body of a
// DescribeClientVpnConnections request to dst: Action, Version, then the set
// members of in, in model order, byte for byte as the AWS CLI sends them.
func appendDescribeClientVpnConnections(dst []byte, in *DescribeClientVpnConnectionsInput) []byte {
	var e query.Encoder
	beginBody(&e, dst, opDescribe)
	if in.ClientVpnEndpointId != "" {
		e.String("ClientVpnEndpointId", in.ClientVpnEndpointId)
	}
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

// A DecodeError reports a response body that could not be decoded, with the
// byte offset where decoding stopped and a short snapshot of the body there.
type DecodeError struct {
	Operation string // e.g. "DescribeClientVpnConnections"
	Offset    int64  // byte offset in the body
	Near      string // up to 64 bytes of the body before Offset and 64 after
	Err       error  // the cause, often an *ec2xml.SyntaxError
}

func (e *DecodeError) Error() string {
	op := e.Operation
	if op == "" {
		op = opDescribe
	}
	return fmt.Sprintf("clientvpn: decoding %s response at byte %d: %v (near %q)", op, e.Offset, e.Err, e.Near)
}

func (e *DecodeError) Unwrap() error { return e.Err }

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
