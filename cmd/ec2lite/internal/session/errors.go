package session

// The AWS CLI's wording of a failed call (exit codes: package cli).

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
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
	var apiErr *clientvpn.APIError
	if errors.As(err, &apiErr) {
		msg := apiErr.Message
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
		api := st.api
		if api == "" {
			api = cli.OpAPIName
		}
		return "An error occurred (" + apiErr.Code + ") when calling the " + api + " operation" + retries + ": " + msg, cli.ExitService
	}
	var nerr net.Error
	var opErr *net.OpError
	var cert *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	switch {
	case st.status >= 200 && st.status < 300:
		return "Unable to parse response (" + xmlErrorDescription(st.body, err) +
			"), invalid XML received. Further retries may succeed:\n" + awscli.PyBytesRepr(st.body), cli.ExitOther
	case errors.As(err, &cert) || errors.As(err, &ua) || errors.As(err, &he):
		return "SSL validation failed for " + st.url + " " + certMessage(err), cli.ExitOther
	case errors.As(err, &opErr) && opErr.Op == "dial":
		if opErr.Timeout() {
			return `Connect timeout on endpoint URL: "` + st.url + `"`, cli.ExitOther
		}
		return `Could not connect to the endpoint URL: "` + st.url + `"`, cli.ExitOther
	case isDNSError(err):
		return `Could not connect to the endpoint URL: "` + st.url + `"`, cli.ExitOther
	case errors.As(err, &nerr) && nerr.Timeout(), strings.Contains(err.Error(), "timeout awaiting response headers"):
		return `Read timeout on endpoint URL: "` + st.url + `"`, cli.ExitOther
	case st.url != "" && st.status == 0:
		return `Connection was closed before we received a valid response from endpoint URL: "` + st.url + `".`, cli.ExitOther
	}
	return strings.TrimPrefix(err.Error(), "clientvpn: "), cli.ExitOther
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
	if len(body) == 0 && strings.Contains(err.Error(), "response body too large") {
		// The pipeline refused the body unread (clientvpn exports no
		// ErrTooLarge to match it with): its own words.
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
	if strings.Contains(err.Error(), "EOF") || len(strings.TrimSpace(string(body))) == 0 {
		return "no element found: line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col)
	}
	e := err.Error()
	if i := strings.LastIndex(e, "ec2xml: "); i >= 0 {
		e = e[i+len("ec2xml: "):]
	}
	return e
}
