package ec2xml

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An APIError is an error response from an AWS service.
//
// Code and Message are those of the first error in the response; Errors
// holds all of them, in order. When the body is not an error envelope
// (an HTML page from a proxy, an empty or truncated body), Code is the HTTP
// status code as decimal text (as botocore does, for example "502"),
// Message is its [http.StatusText], and Body holds a snapshot of the start
// of the body. An envelope whose first error has a Message but no Code keeps
// its message, as botocore and the AWS SDKs do, with Code [UnknownCode].
type APIError struct {
	StatusCode int
	Code       string
	Message    string
	RequestID  string
	Errors     []ErrorDetail
	// Body is the first BodySnapshotSize bytes of a body that could not be
	// decoded, as valid UTF-8 (invalid bytes replaced by U+FFFD); empty when
	// the body was decoded.
	Body string
	// Cause is nil when the body was an error envelope giving a Code or a
	// Message. Otherwise it says why the error is the generic one: a
	// [*SyntaxError] for a body that is not well-formed XML (an empty body
	// included), or [ErrNotEnvelope] for a well-formed document that is not
	// an envelope or gives neither a Code nor a Message (an XHTML page from a
	// proxy). Clients that word the two differently, as botocore does below
	// HTTP 500, tell them apart with errors.As and errors.Is.
	Cause error
}

// ErrNotEnvelope is the [APIError.Cause] of a well-formed error body that is
// not an error envelope.
var ErrNotEnvelope = errors.New("ec2xml: not an error envelope")

// An ErrorDetail is one error of an error response. Type is set only by
// the AWS Query protocol (STS), where it is "Sender" or "Receiver".
type ErrorDetail struct {
	Code    string
	Message string
	Type    string
}

// UnknownCode is the Code of an error answer that gives a Message but no
// Code: botocore's name for it, which the AWS CLI prints ("An error occurred
// (Unknown) …"); the AWS SDK for Go v2 says "UnknownError".
const UnknownCode = "Unknown"

// BodySnapshotSize is the most bytes of an undecodable body kept in
// [APIError.Body].
const BodySnapshotSize = 256

// Error returns a one-line description:
//
//	CODE: MESSAGE (HTTP STATUS, request id ID, N more errors)
//
// where the message, request id and count of further errors are left out
// when empty or zero. For example:
//
//	AuthFailure: AWS was not able to validate the provided access credentials (HTTP 401, request id 53deb9bb-b3f5-484c-82aa-a0cb60c2be0a)
//	502: Bad Gateway (HTTP 502)
//
// It carries no package prefix: an APIError is the answer of a call, and the
// error of the call that returns it names the package and the operation
// once ("clientvpn: DescribeClientVpnConnections: AuthFailure: …").
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	b.WriteString(" (HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.RequestID != "" {
		b.WriteString(", request id ")
		b.WriteString(e.RequestID)
	}
	if n := len(e.Errors) - 1; n > 0 {
		b.WriteString(", ")
		b.WriteString(strconv.Itoa(n))
		if n == 1 {
			b.WriteString(" more error")
		} else {
			b.WriteString(" more errors")
		}
	}
	b.WriteString(")")
	return b.String()
}

// DecodeError decodes an error response body received with statusCode. It
// reads the EC2 envelope
//
//	<Response><Errors><Error><Code/><Message/></Error>…</Errors><RequestID/></Response>
//
// and the AWS Query (STS) envelope
//
//	<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
//
// (either request id spelling is accepted in both, unknown elements are
// skipped). Any other body, and malformed XML, gives the generic error
// described at [APIError]. DecodeError never returns nil and does not retain
// body.
func DecodeError(statusCode int, body []byte) *APIError {
	e := &APIError{StatusCode: statusCode}
	var d Decoder
	d.Reset(body)
	err := decodeEnvelope(&d, e)
	if err == nil && e.Code == "" && e.Message != "" {
		e.Code = UnknownCode
		return e
	}
	if err != nil || e.Code == "" {
		cause := err
		if errors.Is(err, errNotStart) {
			// Another root element: check the rest is well-formed.
			cause = ErrNotEnvelope
			for {
				if _, err := d.Next(); err != nil {
					if err != io.EOF {
						cause = err
					}
					break
				}
			}
		} else if err == nil {
			cause = ErrNotEnvelope
		}
		*e = APIError{
			StatusCode: statusCode,
			Code:       strconv.Itoa(statusCode),
			Message:    http.StatusText(statusCode),
			Body:       snapshot(body),
			Cause:      cause,
		}
	}
	return e
}

// decodeEnvelope reads the error envelope into e.
func decodeEnvelope(d *Decoder, e *APIError) error {
	k, err := d.Next()
	if err != nil {
		return err
	}
	if k != StartElement {
		return errNotStart
	}
	switch string(d.Name()) {
	case "Response", "ErrorResponse":
		if err := decodeErrorList(d, e, 1); err != nil {
			return err
		}
	case "Error": // a bare <Error>, as some Query services send
		var ed ErrorDetail
		if err := decodeErrorDetail(d, e, &ed); err != nil {
			return err
		}
		e.Errors = append(e.Errors, ed)
	default:
		return errNotStart
	}
	for {
		if _, err := d.Next(); err != nil {
			if err == io.EOF {
				break
			}
			return err
		}
	}
	if len(e.Errors) > 0 {
		e.Code = e.Errors[0].Code
		e.Message = e.Errors[0].Message
	}
	return nil
}

// decodeErrorList reads the children of <Response>, <ErrorResponse> or
// <Errors> (at depth) up to its end tag.
func decodeErrorList(d *Decoder, e *APIError, depth int) error {
	for {
		k, err := d.Next()
		if err != nil {
			return err
		}
		switch k {
		case EndElement:
			return nil
		case StartElement:
			switch string(d.Name()) {
			case "Errors":
				if depth == 1 {
					err = decodeErrorList(d, e, depth+1)
				} else {
					err = d.Skip()
				}
			case "Error":
				var ed ErrorDetail
				err = decodeErrorDetail(d, e, &ed)
				e.Errors = append(e.Errors, ed)
			case "RequestID", "RequestId":
				var t []byte
				if t, err = d.ReadText(); err == nil && depth == 1 {
					e.RequestID = string(t)
				}
			default:
				err = d.Skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// decodeErrorDetail reads the children of an <Error> element.
func decodeErrorDetail(d *Decoder, e *APIError, ed *ErrorDetail) error {
	for {
		k, err := d.Next()
		if err != nil {
			return err
		}
		switch k {
		case EndElement:
			return nil
		case StartElement:
			var dst *string
			switch string(d.Name()) {
			case "Code":
				dst = &ed.Code
			case "Message":
				dst = &ed.Message
			case "Type":
				dst = &ed.Type
			case "RequestID", "RequestId":
				dst = &e.RequestID
			default:
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			t, err := d.ReadText()
			if err != nil {
				return err
			}
			*dst = string(t)
		}
	}
}

// snapshot returns up to BodySnapshotSize bytes of body as valid UTF-8,
// without cutting a multi-byte character.
func snapshot(body []byte) string {
	if len(body) > BodySnapshotSize {
		n := BodySnapshotSize
		for i := 0; i < utf8.UTFMax && n > 0; i++ {
			if utf8.RuneStart(body[n]) {
				break
			}
			n--
		}
		body = body[:n]
	}
	return strings.ToValidUTF8(string(body), "\uFFFD")
}
