package clientvpntest

import (
	"fmt"
	"net/http"
	"time"
)

// A Fault is a misbehaviour the server shows instead of (or on top of) its normal
// answer to one request. Faults are queued with [Server.InjectFaults] or [WithFaults]
// and used up one per request, in order; requests with no fault left in the queue
// are answered normally. The zero Fault does nothing.
type Fault struct {
	kind    faultKind
	status  int
	code    string
	message string
	delay   time.Duration
}

type faultKind uint8

const (
	faultNone faultKind = iota
	faultAPIError
	faultHTML
	faultDelay
	faultTruncate
	faultReset
)

// Throttle answers HTTP 503 with EC2's RequestLimitExceeded error ("Request limit
// exceeded."), which clients retry.
func Throttle() Fault {
	return APIError(http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded.")
}

// APIError answers with an EC2 error envelope carrying the given status, code and message.
func APIError(status int, code, message string) Fault {
	return Fault{kind: faultAPIError, status: status, code: code, message: message}
}

// HTTPError answers the given status (typically 500, 502 or 504) with a small HTML
// page instead of XML, as a load balancer in front of EC2 does.
func HTTPError(status int) Fault { return Fault{kind: faultHTML, status: status} }

// Delay waits d before answering normally; it stops waiting when the client gives
// up (the request's context ends), so a client timeout can be tested without a slow test.
func Delay(d time.Duration) Fault { return Fault{kind: faultDelay, delay: d} }

// TruncateBody answers normally, with the full Content-Length, but sends only the
// first half of the body and then closes the connection.
func TruncateBody() Fault { return Fault{kind: faultTruncate} }

// ResetConnection closes the connection without answering (with a TCP reset where
// the connection allows it).
func ResetConnection() Fault { return Fault{kind: faultReset} }

// String describes f for logs, e.g. "throttle", "http 502", "delay 2s".
func (f Fault) String() string {
	switch f.kind {
	case faultAPIError:
		if f.code == "RequestLimitExceeded" && f.status == http.StatusServiceUnavailable {
			return "throttle"
		}
		return fmt.Sprintf("api error %d %s", f.status, f.code)
	case faultHTML:
		return fmt.Sprintf("http %d", f.status)
	case faultDelay:
		return "delay " + f.delay.String()
	case faultTruncate:
		return "truncate body"
	case faultReset:
		return "reset connection"
	}
	return "none"
}

func htmlErrorBody(status int) []byte {
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	return []byte("<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text +
		"</h1></center>\r\n</body>\r\n</html>\r\n")
}
