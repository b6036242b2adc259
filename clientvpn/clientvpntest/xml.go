package clientvpntest

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// ec2Namespace is the xmlns of EC2 API version 2016-11-15 responses.
const ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

// wireTime is EC2's format for the Client VPN connection times (UTC, no zone).
const wireTime = "2006-01-02 15:04:05"

// connView is one connection as rendered at a snapshot time.
type connView struct {
	endpointID string
	c          *Connection
	timestamp  time.Time
	est        time.Time
	end        time.Time // zero while not terminated
	policy     time.Time // authorizationPolicyLastEvaluatedTime; zero: omitted
	in, out    uint64    // bytes
	inP, outP  uint64    // packets
}

// appendDescribeResponse appends the whole DescribeClientVpnConnections response
// document, laid out as EC2 lays it out (4-space indentation, model member order).
func appendDescribeResponse(b []byte, requestID string, conns []connView, nextToken string) []byte {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, `<DescribeClientVpnConnectionsResponse xmlns="`+ec2Namespace+`">`+"\n"...)
	b = appendElem(b, "    ", "requestId", requestID)
	if len(conns) == 0 {
		b = append(b, "    <connections/>\n"...)
	} else {
		b = append(b, "    <connections>\n"...)
		for i := range conns {
			b = appendConnection(b, &conns[i])
		}
		b = append(b, "    </connections>\n"...)
	}
	if nextToken != "" {
		b = appendElem(b, "    ", "nextToken", nextToken)
	}
	b = append(b, "</DescribeClientVpnConnectionsResponse>\n"...)
	return b
}

func appendConnection(b []byte, v *connView) []byte {
	const ind = "            "
	c := v.c
	b = append(b, "        <item>\n"...)
	b = appendElem(b, ind, "clientVpnEndpointId", v.endpointID)
	b = appendTime(b, ind, "timestamp", v.timestamp)
	b = appendElem(b, ind, "connectionId", c.ID)
	if c.Username != "" {
		b = appendElem(b, ind, "username", c.Username)
	}
	b = appendTime(b, ind, "connectionEstablishedTime", v.est)
	b = appendUint(b, ind, "ingressBytes", v.in)
	b = appendUint(b, ind, "egressBytes", v.out)
	b = appendUint(b, ind, "ingressPackets", v.inP)
	b = appendUint(b, ind, "egressPackets", v.outP)
	if c.ClientIP != "" {
		b = appendElem(b, ind, "clientIp", c.ClientIP)
	}
	if c.ClientIPv6 != "" {
		b = appendElem(b, ind, "clientIpv6Address", c.ClientIPv6)
	}
	if c.CommonName != "" {
		b = appendElem(b, ind, "commonName", c.CommonName)
	}
	b = append(b, ind+"<status>\n"...)
	b = appendElem(b, ind+"    ", "code", c.status())
	if c.StatusMessage != "" {
		b = appendElem(b, ind+"    ", "message", c.StatusMessage)
	}
	b = append(b, ind+"</status>\n"...)
	if v.end.IsZero() {
		b = appendElem(b, ind, "connectionEndTime", "-")
	} else {
		b = appendTime(b, ind, "connectionEndTime", v.end)
	}
	switch {
	case c.Posture == nil:
	case len(c.Posture) == 0:
		b = append(b, ind+"<postureComplianceStatusSet/>\n"...)
	default:
		b = append(b, ind+"<postureComplianceStatusSet>\n"...)
		for _, p := range c.Posture {
			b = appendElem(b, ind+"    ", "item", p)
		}
		b = append(b, ind+"</postureComplianceStatusSet>\n"...)
	}
	if !v.policy.IsZero() {
		b = appendTime(b, ind, "authorizationPolicyLastEvaluatedTime", v.policy)
	}
	b = append(b, "        </item>\n"...)
	return b
}

func appendElem(b []byte, indent, name, text string) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendEscaped(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	b = append(b, ">\n"...)
	return b
}

func appendTime(b []byte, indent, name string, t time.Time) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = t.AppendFormat(b, wireTime)
	b = append(b, "</"...)
	b = append(b, name...)
	b = append(b, ">\n"...)
	return b
}

func appendUint(b []byte, indent, name string, n uint64) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = strconv.AppendUint(b, n, 10)
	b = append(b, "</"...)
	b = append(b, name...)
	b = append(b, ">\n"...)
	return b
}

// appendEscaped appends s as XML character data: '&', '<' and '>' become entities,
// '\r' becomes "&#xD;" (so that it survives end-of-line normalisation), and bytes that
// are not valid UTF-8 or characters XML 1.0 forbids become U+FFFD. Quotes stay literal,
// as in EC2's responses.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '\r':
				b = append(b, "&#xD;"...)
			case c < 0x20 && c != '\t' && c != '\n':
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

func isXMLChar(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendErrorResponse appends EC2's error envelope, on one line as EC2 sends it.
func appendErrorResponse(b []byte, code, message, requestID string) []byte {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<Response><Errors><Error><Code>"...)
	b = appendEscaped(b, code)
	b = append(b, "</Code><Message>"...)
	b = appendEscaped(b, message)
	b = append(b, "</Message></Error></Errors><RequestID>"...)
	b = appendEscaped(b, requestID)
	b = append(b, "</RequestID></Response>"...)
	return b
}
