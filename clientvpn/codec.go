package clientvpn

import (
	"errors"
	"fmt"
	"io"

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
	e.Reset(dst, "DescribeClientVpnConnections", apiVersion)
	if in.ClientVpnEndpointId != "" {
		e.String("ClientVpnEndpointId", in.ClientVpnEndpointId)
	}
	for i, f := range in.Filters {
		m := e.Item("Filter", i+1)
		if f.Name != "" {
			e.String("Name", f.Name)
		}
		e.Strings("Value", f.Values)
		e.End(m)
	}
	if in.NextToken != "" {
		e.String("NextToken", in.NextToken)
	}
	if in.MaxResults != 0 {
		e.Int("MaxResults", int64(in.MaxResults))
	}
	if in.DryRun.IsSet() {
		e.Bool("DryRun", in.DryRun.Value())
	}
	return e.Bytes()
}

// A DecodeError reports a DescribeClientVpnConnections response body that
// could not be decoded, with the byte offset where decoding stopped.
type DecodeError struct {
	Offset int64
	Err    error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("clientvpn: decoding DescribeClientVpnConnections response at byte %d: %v", e.Offset, e.Err)
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
	var r responseDecoder
	r.d.Reset(body)
	if err := r.response(out); err != nil {
		return &DecodeError{Offset: r.d.Offset(), Err: err}
	}
	return nil
}

// responseDecoder holds the decoder and the scratch space reused for every
// connection of one response.
type responseDecoder struct {
	d       ec2xml.Decoder
	arena   []byte                             // the texts of the current connection
	spans   [numConnectionMembers + 2][2]int32 // arena offsets per string member, then status code and message
	posture [][2]int32                         // arena offsets of the posture statuses
}

const (
	spanStatusCode    = numConnectionMembers
	spanStatusMessage = numConnectionMembers + 1
)

var errNoRoot = errors.New("no root element")

// response decodes the root element.
func (r *responseDecoder) response(out *DescribeClientVpnConnectionsOutput) error {
	d := &r.d
	for {
		k, err := d.Next()
		if err == io.EOF {
			return errNoRoot
		}
		if err != nil {
			return err
		}
		if k == ec2xml.StartElement {
			break
		}
		if k == ec2xml.EndElement {
			return errNoRoot
		}
	}
	for {
		k, err := d.Next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch k {
		case ec2xml.EndElement:
			// The root closed: only the end of input may follow.
			if _, err := d.Next(); err != io.EOF {
				if err == nil {
					err = errors.New("content after the root element")
				}
				return err
			}
			return nil
		case ec2xml.StartElement:
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
				if len(text) == 0 {
					out.Empty |= 1 << 1
				}
			case "connections":
				if err := r.connections(out); err != nil {
					return err
				}
			default:
				if err := d.Skip(); err != nil {
					return err
				}
			}
		}
	}
}

// unexpectedEOF turns io.EOF inside an element into io.ErrUnexpectedEOF.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// connections decodes <connections>: every child element is a connection
// (EC2 names them item; botocore takes any child, and so does this).
func (r *responseDecoder) connections(out *DescribeClientVpnConnectionsOutput) error {
	d := &r.d
	n := len(out.Connections)
	for {
		k, err := d.Next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch k {
		case ec2xml.EndElement:
			if len(out.Connections) == n {
				out.Empty |= 1 << 0
			}
			return nil
		case ec2xml.StartElement:
			out.Connections = append(out.Connections, Connection{})
			if err := r.connection(&out.Connections[len(out.Connections)-1]); err != nil {
				return err
			}
		}
	}
}

// connectionElements maps the element names of a connection to member bits.
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
	var present Members // members seen, including status parts (bits of spanStatusCode, spanStatusMessage)
	for {
		k, err := d.Next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if k == ec2xml.EndElement {
			break
		}
		if k != ec2xml.StartElement {
			continue
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

	// One string for all the texts; fields are substrings of it.
	arena := string(r.arena)
	sub := func(i int) string { return arena[r.spans[i][0]:r.spans[i][1]] }
	for i := 0; i < numConnectionMembers; i++ {
		if present.has(i) && i != cStatus && i != cPostureComplianceStatuses {
			*c.str(i) = sub(i)
		}
	}
	if present.has(spanStatusCode) {
		c.Status.Code = ConnectionStatusCode(sub(spanStatusCode))
		if c.Status.Code == "" {
			c.Status.Empty |= 1 << 0
		}
	}
	if present.has(spanStatusMessage) {
		c.Status.Message = sub(spanStatusMessage)
		if c.Status.Message == "" {
			c.Status.Empty |= 1 << 1
		}
	}
	if present.has(cPostureComplianceStatuses) && len(r.posture) > 0 {
		c.PostureComplianceStatuses = make([]string, len(r.posture))
		for j, span := range r.posture {
			c.PostureComplianceStatuses[j] = arena[span[0]:span[1]]
		}
	}
	for i := 0; i < numConnectionMembers; i++ {
		if present.has(i) && c.isZero(i) {
			c.Empty |= 1 << uint(i)
		}
	}
	return nil
}

// status decodes <status> (code, message) into the status spans.
func (r *responseDecoder) status(present *Members) error {
	d := &r.d
	for {
		k, err := d.Next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if k == ec2xml.EndElement {
			return nil
		}
		if k != ec2xml.StartElement {
			continue
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
		k, err := d.Next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if k == ec2xml.EndElement {
			return nil
		}
		if k != ec2xml.StartElement {
			continue
		}
		span, err := r.text()
		if err != nil {
			return err
		}
		r.posture = append(r.posture, span)
	}
}
