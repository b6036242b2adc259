package session

// The AWS CLI's wording of a failed call (exit codes: package cli).

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/credentials"
)

// callState is what the transport saw of the failed call.
type callState struct {
	api                   string // the EC2 operation; "" means DescribeClientVpnConnections
	attempts, maxAttempts int
	url                   string
	status                int
	body                  []byte
}

// describeError turns an error of the operation call into the AWS CLI's
// message and exit code.
func describeError(ctx context.Context, err error, st callState) (string, int) {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return "", cli.ExitInterrupt
	}
	api := st.api
	if api == "" {
		api = cli.OpAPIName
	}
	var redirect *clientvpn.RedirectError
	var credErr *credentials.Error
	switch {
	case errors.As(err, &credErr) || errors.Is(err, credentials.ErrNoCredentials):
		// Credentials that fail to refresh during a long pagination: the
		// cause, as when they fail before the first call (Connect).
		var ce *cli.ConfigError
		if errors.As(credentialError(err), &ce) {
			return ce.Msg, ce.Exit
		}
	case errors.Is(err, clientvpn.ErrReadTimeout):
		// Before the status: a 200 whose body stalls has status 200.
		return `Read timeout on endpoint URL: "` + st.url + `"`, cli.ExitOther
	case errors.As(err, &redirect):
		// AWS CLI v2 says "Unable to parse response (no element found…)"
		// for an empty-bodied 3xx, without the status; issue 14 asks for
		// the status, and this follows the issue.
		msg := "Refusing to follow the redirect (HTTP " + strconv.Itoa(redirect.StatusCode) + " " + http.StatusText(redirect.StatusCode) +
			") from endpoint URL: \"" + st.url + "\""
		if redirect.Location != "" {
			msg += " to " + strconv.Quote(redirect.Location)
		}
		return msg, cli.ExitOther
	}
	var apiErr *clientvpn.APIError
	if errors.As(err, &apiErr) {
		if unparsable(apiErr, st.body) {
			// botocore parses an error body below 500 (and any that is not
			// empty or an HTML page at 500 and above) as XML: expat's
			// failure is the message.
			return "Unable to parse response (" + xmlErrorDescription(st.body, apiErr.Cause) +
				"), invalid XML received. Further retries may succeed:\n" + awscli.PyBytesRepr(st.body), cli.ExitOther
		}
		msg, code := apiErr.Message, apiErr.Code
		if errors.Is(apiErr.Cause, clientvpn.ErrNotEnvelope) && !genericErrorBody(apiErr.StatusCode, st.body) {
			// Well-formed XML without an error envelope: botocore's
			// error dict has neither Code nor Message.
			msg, code = "", clientvpn.UnknownCode
		}
		if msg == "" {
			msg = "Unknown"
		}
		retries := ""
		max := st.maxAttempts
		if max <= 0 {
			max = clientvpn.DefaultMaxAttempts
		}
		if clientvpn.Retryable(apiErr) && st.attempts >= max {
			retries = " (reached max retries: " + strconv.Itoa(st.attempts-1) + ")"
		}
		return "An error occurred (" + code + ") when calling the " + api + " operation" + retries + ": " + msg, cli.ExitService
	}
	var nerr net.Error
	var opErr *net.OpError
	var cert *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	switch {
	case st.status >= 200 && st.status < 300:
		body := st.body
		if errors.Is(err, clientvpn.ErrTooLarge) && len(body) > maxShownBody {
			body = body[:maxShownBody] // the AWS CLI would print all of it
		}
		return "Unable to parse response (" + xmlErrorDescription(st.body, err) +
			"), invalid XML received. Further retries may succeed:\n" + awscli.PyBytesRepr(body), cli.ExitOther
	case errors.As(err, &cert) || errors.As(err, &ua) || errors.As(err, &he):
		return "SSL validation failed for " + st.url + " " + certMessage(err), cli.ExitOther
	case errors.As(err, &opErr) && opErr.Op == "dial":
		if opErr.Timeout() {
			return `Connect timeout on endpoint URL: "` + st.url + `"`, cli.ExitOther
		}
		return `Could not connect to the endpoint URL: "` + st.url + `"`, cli.ExitOther
	case isDNSError(err):
		return `Could not connect to the endpoint URL: "` + st.url + `"`, cli.ExitOther
	case errors.As(err, &nerr) && nerr.Timeout():
		return `Read timeout on endpoint URL: "` + st.url + `"`, cli.ExitOther
	case st.url != "" && st.status == 0:
		return `Connection was closed before we received a valid response from endpoint URL: "` + st.url + `".`, cli.ExitOther
	}
	return strings.TrimPrefix(err.Error(), "clientvpn: "), cli.ExitOther
}

// maxShownBody is the most of a body over the size limit that an error
// message quotes.
const maxShownBody = 1 << 20

// genericErrorBody reports botocore's _is_generic_error_response: an
// answer of 500 or more whose body is empty or an HTML page, which gives
// the status code and its reason phrase instead of a parse.
func genericErrorBody(status int, body []byte) bool {
	if status < 500 {
		return false
	}
	b := bytes.TrimSpace(body)
	return len(b) == 0 || bytes.HasPrefix(b, []byte("<html>"))
}

// unparsable reports an error answer that botocore parses as XML and
// cannot: one whose body is not well-formed, unless botocore takes it for a
// generic error (see genericErrorBody).
func unparsable(e *clientvpn.APIError, body []byte) bool {
	var se *clientvpn.SyntaxError
	return errors.As(e.Cause, &se) && !genericErrorBody(e.StatusCode, body)
}

func isDNSError(err error) bool {
	var d *net.DNSError
	return errors.As(err, &d)
}

// certMessage words a certificate failure as OpenSSL does through Python's
// ssl module (AWS CLI v1, OpenSSL 3).
func certMessage(err error) string {
	const prefix, suffix = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ", " (_ssl.c:1006)"
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	switch {
	case errors.As(err, &he):
		return "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for '" + he.Host + "'." + suffix
	case errors.As(err, &ua):
		if c := ua.Cert; c != nil && bytes.Equal(c.RawIssuer, c.RawSubject) {
			return prefix + "self-signed certificate" + suffix
		}
		return prefix + "unable to get local issuer certificate" + suffix
	case errors.As(err, &ci) && ci.Reason == x509.Expired:
		return prefix + "certificate has expired" + suffix
	}
	return prefix + err.Error() + suffix
}

// xmlErrorDescription words a parse failure as expat does for the common
// cases: text that is not XML at all ("syntax error: line 1, column 0"),
// an empty or cut document ("no element found: line L, column C").
func xmlErrorDescription(body []byte, err error) string {
	if errors.Is(err, clientvpn.ErrTooLarge) {
		// The pipeline refused the body: its own words.
		e := err.Error()
		return e[strings.LastIndex(e, "response body too large"):]
	}
	line, col := 1, 0
	for i, c := range body {
		switch c {
		case ' ', '\t', '\r':
			col++
			continue
		case '\n':
			line++
			col = 0
			continue
		}
		if c != '<' {
			return "syntax error: line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col)
		}
		_ = i
		break
	}
	line, col = 1, 0
	for _, c := range body {
		if c == '\n' {
			line++
			col = 0
		} else {
			col++
		}
	}
	var se *clientvpn.SyntaxError
	if errors.As(err, &se) && se.Offset >= int64(len(body)) || len(bytes.TrimSpace(body)) == 0 {
		// The document ended early (a SyntaxError at the end of input).
		return "no element found: line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col)
	}
	if errors.As(err, &se) {
		return "syntax error at offset " + strconv.FormatInt(se.Offset, 10) + ": " + se.Msg
	}
	return err.Error()
}
