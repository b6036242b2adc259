package clientvpntest

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
)

const (
	sigv4Algorithm = "AWS4-HMAC-SHA256"
	amzDateFormat  = "20060102T150405Z"
	// maxSkew is how far X-Amz-Date may be from the server's clock, as at AWS.
	maxSkew = 5 * time.Minute
)

// authorization is a parsed SigV4 Authorization header.
type authorization struct {
	accessKeyID   string
	date          string // scope date, YYYYMMDD
	region        string
	service       string
	signedHeaders []string // lower-case, as listed
	signature     string
}

func (a *authorization) scope() string {
	return a.date + "/" + a.region + "/" + a.service + "/aws4_request"
}

// String is the Authorization value in the signer's canonical layout.
func (a *authorization) String() string {
	return sigv4Algorithm + " Credential=" + a.accessKeyID + "/" + a.scope() +
		", SignedHeaders=" + strings.Join(a.signedHeaders, ";") + ", Signature=" + a.signature
}

// parseAuthorization parses "AWS4-HMAC-SHA256 Credential=AK/date/region/service/aws4_request,
// SignedHeaders=a;b, Signature=hex" (spaces after the commas optional).
func parseAuthorization(v string) (*authorization, *apiError) {
	alg, rest, _ := strings.Cut(strings.TrimSpace(v), " ")
	if alg != sigv4Algorithm {
		return nil, errIncompleteSignature(fmt.Sprintf("Unsupported AWS 'algorithm': '%s'", alg))
	}
	var cred, signed, sig string
	var haveCred, haveSigned, haveSig bool
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "Credential":
			cred, haveCred = val, true
		case "SignedHeaders":
			signed, haveSigned = val, true
		case "Signature":
			sig, haveSig = val, true
		}
	}
	var missing []string
	if !haveCred {
		missing = append(missing, "Authorization header requires 'Credential' parameter.")
	}
	if !haveSig {
		missing = append(missing, "Authorization header requires 'Signature' parameter.")
	}
	if !haveSigned {
		missing = append(missing, "Authorization header requires 'SignedHeaders' parameter.")
	}
	if len(missing) > 0 {
		return nil, errIncompleteSignature(strings.Join(missing, " "))
	}
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[0] == "" || parts[4] != "aws4_request" {
		return nil, errIncompleteSignature(fmt.Sprintf("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '%s'", cred))
	}
	a := &authorization{
		accessKeyID: parts[0], date: parts[1], region: parts[2], service: parts[3],
		signedHeaders: strings.Split(signed, ";"), signature: sig,
	}
	hasHost := false
	for _, h := range a.signedHeaders {
		if h == "" || h != strings.ToLower(h) {
			return nil, errIncompleteSignature(fmt.Sprintf("Invalid SignedHeaders '%s'", signed))
		}
		hasHost = hasHost || h == "host"
	}
	if !hasHost {
		return nil, errIncompleteSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.")
	}
	return a, nil
}

// authenticate verifies the SigV4 signature of r (whose body has been read into
// body) and returns the access key id. It re-signs a copy of the request holding
// only the headers the client signed with the sigv4 package, and compares the
// Authorization values in constant time.
func (h *handler) authenticate(r *http.Request, body []byte, now time.Time) (string, *apiError) {
	authz := r.Header.Get("Authorization")
	if authz == "" {
		if r.URL.Query().Has("X-Amz-Signature") {
			return h.authenticatePresigned(r, body, now)
		}
		return "", errAuthFailure()
	}
	a, aerr := parseAuthorization(authz)
	if aerr != nil {
		return "", aerr
	}
	cred, ok := h.cfg.creds[a.accessKeyID]
	if !ok {
		return a.accessKeyID, errAuthFailure()
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if amzDate == "" {
		return a.accessKeyID, errIncompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	t, err := time.Parse(amzDateFormat, amzDate)
	if err != nil {
		return a.accessKeyID, errIncompleteSignature(fmt.Sprintf("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", amzDate))
	}
	if d := now.Sub(t); d > maxSkew || d < -maxSkew {
		return a.accessKeyID, errRequestExpired
	}
	if aerr := h.checkScope(a, amzDate); aerr != nil {
		return a.accessKeyID, aerr
	}
	if aerr := checkToken(cred, r.Header.Get("X-Amz-Security-Token")); aerr != nil {
		return a.accessKeyID, aerr
	}

	// The copy: method, path and query as received, host from r.Host, and only the
	// headers named in SignedHeaders.
	cp := &http.Request{
		Method: r.Method,
		URL:    &url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery},
		Host:   r.Host,
		Header: make(http.Header, len(a.signedHeaders)),
	}
	for _, name := range a.signedHeaders {
		switch name {
		case "host":
		case "content-length":
			cp.Header.Set("Content-Length", strconv.FormatInt(r.ContentLength, 10))
		default:
			if vs := r.Header.Values(name); len(vs) > 0 {
				cp.Header[http.CanonicalHeaderKey(name)] = append([]string(nil), vs...)
			}
		}
	}
	payloadHash := sigv4.HashPayload(body)
	if v := r.Header.Get("X-Amz-Content-Sha256"); v == sigv4.UnsignedPayload {
		payloadHash = v
	}
	err = h.signer.Sign(cp, sigv4.Input{
		Credentials: sigv4.Credentials{AccessKeyID: a.accessKeyID, SecretAccessKey: cred.secret},
		Service:     a.service,
		Region:      a.region,
		PayloadHash: payloadHash,
		Time:        t,
	})
	if err != nil {
		return a.accessKeyID, errSignatureDoesNotMatch("")
	}
	want := cp.Header.Get("Authorization")
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.String())) != 1 {
		return a.accessKeyID, errSignatureDoesNotMatch("")
	}
	return a.accessKeyID, nil
}

// checkScope checks the credential scope against the request date, the service
// and the server's region.
func (h *handler) checkScope(a *authorization, amzDate string) *apiError {
	if a.date != amzDate[:8] {
		return errSignatureDoesNotMatch(fmt.Sprintf("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.", a.date, amzDate[:8], amzDate))
	}
	if a.service != "ec2" {
		return errSignatureDoesNotMatch("Credential should be scoped to correct service: 'ec2'. ")
	}
	if a.region != h.cfg.region {
		return errSignatureDoesNotMatch(fmt.Sprintf("Credential should be scoped to a valid region, not '%s'. ", a.region))
	}
	return nil
}

// checkToken compares the session token the client sent with the configured one.
func checkToken(cred credential, got string) *apiError {
	if cred.token == "" && got == "" {
		return nil
	}
	if subtle.ConstantTimeCompare([]byte(cred.token), []byte(got)) != 1 {
		return errAuthFailure()
	}
	return nil
}

// authenticatePresigned verifies a presigned URL (X-Amz-* query parameters) by
// presigning a copy of the request without them and comparing the signatures.
func (h *handler) authenticatePresigned(r *http.Request, body []byte, now time.Time) (string, *apiError) {
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") != sigv4Algorithm {
		return "", errIncompleteSignature(fmt.Sprintf("Unsupported AWS 'algorithm': '%s'", q.Get("X-Amz-Algorithm")))
	}
	a, aerr := parseAuthorization(sigv4Algorithm + " Credential=" + q.Get("X-Amz-Credential") +
		", SignedHeaders=" + q.Get("X-Amz-SignedHeaders") + ", Signature=" + q.Get("X-Amz-Signature"))
	if aerr != nil {
		return "", aerr
	}
	cred, ok := h.cfg.creds[a.accessKeyID]
	if !ok {
		return a.accessKeyID, errAuthFailure()
	}
	amzDate := q.Get("X-Amz-Date")
	t, err := time.Parse(amzDateFormat, amzDate)
	if err != nil {
		return a.accessKeyID, errIncompleteSignature(fmt.Sprintf("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", amzDate))
	}
	secs, err := strconv.Atoi(q.Get("X-Amz-Expires"))
	if err != nil || secs < 1 || secs > 604800 {
		return a.accessKeyID, errIncompleteSignature("X-Amz-Expires must be a number of seconds between 1 and 604800")
	}
	expires := time.Duration(secs) * time.Second
	if now.Before(t.Add(-maxSkew)) || now.After(t.Add(expires)) {
		return a.accessKeyID, errRequestExpired
	}
	if aerr := h.checkScope(a, amzDate); aerr != nil {
		return a.accessKeyID, aerr
	}
	if aerr := checkToken(cred, q.Get("X-Amz-Security-Token")); aerr != nil {
		return a.accessKeyID, aerr
	}
	rest := url.Values{}
	for k, vs := range q {
		if !authQueryParams[k] {
			rest[k] = vs
		}
	}
	// Presigning adds the X-Amz-* parameters back (and the session token, if any).
	for _, payloadHash := range []string{sigv4.UnsignedPayload, sigv4.HashPayload(body)} {
		cp := &http.Request{
			Method: r.Method,
			URL:    &url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: rest.Encode()},
			Host:   r.Host,
			Header: make(http.Header),
		}
		for _, name := range a.signedHeaders {
			if name != "host" {
				if vs := r.Header.Values(name); len(vs) > 0 {
					cp.Header[http.CanonicalHeaderKey(name)] = append([]string(nil), vs...)
				}
			}
		}
		u, err := h.signer.Presign(cp, sigv4.Input{
			Credentials: sigv4.Credentials{AccessKeyID: a.accessKeyID, SecretAccessKey: cred.secret, SessionToken: cred.token},
			Service:     a.service,
			Region:      a.region,
			PayloadHash: payloadHash,
			Time:        t,
		}, expires)
		if err != nil || u == nil {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(u.Query().Get("X-Amz-Signature")), []byte(a.signature)) == 1 {
			return a.accessKeyID, nil
		}
	}
	return a.accessKeyID, errSignatureDoesNotMatch("")
}
