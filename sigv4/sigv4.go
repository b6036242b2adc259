// Package sigv4 signs HTTP requests with AWS Signature Version 4.
//
// A [Signer] computes the signature either into the Authorization header
// ([Signer.Sign]) or into the query string of a presigned URL
// ([Signer.Presign]). The canonicalisation follows the AWS rules for services
// other than Amazon S3:
//
//   - the path is normalised (empty segments and dot segments removed) and then
//     URI-encoded as sent on the wire, so an already percent-encoded path is
//     encoded twice; [Signer.DisablePathNormalization] keeps the segments as
//     given;
//   - the query string is decoded ('+' reads as a space, a malformed escape
//     as a literal '%'), re-encoded with only A-Za-z0-9-._~ left literal, and
//     sorted by key, then by value;
//   - header names are lower-cased, values trimmed with every inner run of
//     white space collapsed to one space, and repeated headers joined with ','
//     in the order they were added;
//   - host is always signed, taken from the request's Host field or else from
//     its URL, without the scheme's default port.
//
// Every header present in the request is signed except authorization,
// user-agent, x-amzn-trace-id, expect and the hop-by-hop headers (connection,
// keep-alive, proxy-authenticate, proxy-authorization, te, trailer,
// transfer-encoding, upgrade): the set botocore leaves out, so that both sign
// the same request the same way. Content-Length is signed only when it is in
// the header map; the signer does not invent it from the request's
// ContentLength (net/http sends ContentLength, so the two must agree).
//
// The path signed is the one net/http sends: the path of req.URL.Opaque when
// that is set, otherwise req.URL.EscapedPath().
//
// A [Signer] caches derived signing keys; keep one per client rather than one
// per request.
//
// The package uses only the standard library.
package sigv4

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// UnsignedPayload is the payload hash of a request whose body is not signed.
// Services that accept it (Amazon S3 in particular) document so.
const UnsignedPayload = "UNSIGNED-PAYLOAD"

const (
	algorithm    = "AWS4-HMAC-SHA256"
	amzDateLen   = len("20060102T150405Z")
	scopeTail    = "aws4_request"
	maxExpires   = 7 * 24 * time.Hour
	maxCacheKeys = 32
)

// Credentials are the AWS credentials a request is signed with.
// SessionToken is empty for long-term credentials.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// Input holds what a signature depends on besides the request itself.
//
// All fields but Credentials.SessionToken are required. PayloadHash is the
// lower-case hex SHA-256 of the request body, as returned by [HashPayload]
// (HashPayload(nil) for an empty body), or [UnsignedPayload]; the signer
// never reads the body itself. Time is the signing time, normally time.Now();
// it is converted to UTC and must fall in the years 0 through 9999. Service
// and Region are the signing name and region of the credential scope, such as
// "ec2" and "us-east-1".
type Input struct {
	Credentials Credentials
	Service     string
	Region      string
	PayloadHash string
	Time        time.Time
}

// A Signer signs requests with AWS Signature Version 4.
//
// The zero value is ready to use. A Signer caches a small, bounded number of
// derived signing keys (one per secret key, date, region and service), so a
// long-lived Signer signs faster than a new one. It is safe for concurrent
// use by multiple goroutines; it must not be copied after first use.
type Signer struct {
	// DisablePathNormalization keeps the request path's empty and dot
	// segments ("//", "/./", "/../") in the canonical request, as Amazon S3
	// and S3-compatible services require. The wire path is URI-encoded either
	// way, so a path that is already percent-encoded is still encoded a second
	// time: S3's single encoding of object keys is not offered.
	DisablePathNormalization bool

	// UnsignedSessionToken leaves X-Amz-Security-Token out of the signature:
	// it is still added to the request (or the presigned URL), but only after
	// the signature has been computed, as a few services require.
	UnsignedSessionToken bool

	mu   sync.RWMutex
	keys map[keyID]*derivedKey // at most maxCacheKeys entries
	last atomic.Pointer[derivedKey]
}

var (
	errNilRequest    = errors.New("sigv4: nil request")
	errNilURL        = errors.New("sigv4: request has a nil URL")
	errNoAccessKey   = errors.New("sigv4: empty access key ID")
	errBadAccessKey  = errors.New("sigv4: access key ID contains a character that cannot appear in a credential scope")
	errNoSecret      = errors.New("sigv4: empty secret access key")
	errNoRegion      = errors.New("sigv4: empty region")
	errNoService     = errors.New("sigv4: empty service")
	errNoPayloadHash = errors.New("sigv4: empty payload hash (use HashPayload or UnsignedPayload)")
	errZeroTime      = errors.New("sigv4: zero signing time")
	errNoHost        = errors.New("sigv4: request has no host (empty Host and URL.Host)")
)

// HashPayload returns the lower-case hex SHA-256 of body, the PayloadHash of
// an [Input] for a request with that body.
func HashPayload(body []byte) string {
	sum := sha256.Sum256(body)
	var dst [2 * sha256.Size]byte
	encodeHex(&dst, &sum)
	return string(dst[:])
}

// Sign signs req for header authorisation, in place. It sets X-Amz-Date to the
// signing time, X-Amz-Security-Token to the session token when the credentials
// carry one (replacing any value already there), and Authorization, replacing
// those headers if present (in any letter case). When the host it signs
// (req.Host, or req.URL.Host when req.Host is empty) carries the scheme's
// default port (":443" for https, ":80" for http), Sign also sets req.Host to
// the host without the port, so that the Host header net/http sends is the
// one signed. Sign changes nothing else in req and does not read its body.
//
// A method or header name that is not a valid HTTP token is an error, as it
// is for net/http; an empty method is GET. Sign is safe to call again on the same request (a retry): the
// headers it wrote are replaced, not signed.
//
// On error nothing is changed. Errors never contain the secret key or the
// session token.
func (s *Signer) Sign(req *http.Request, in Input) error {
	return s.sign(req, in, nil)
}

// Presign returns a copy of req.URL carrying a query-string signature valid
// for expires (from one second to seven days, in whole seconds): the query
// parameters X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
// X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token (when the
// credentials carry a session token) and X-Amz-Signature are appended to the
// URL's query, replacing any already there. Headers in req.Header are signed
// as by [Signer.Sign] and must be sent with the URL. A default port is
// dropped from the returned URL's host when req.Host is empty or the same as
// req.URL.Host.
//
// Presign does not modify req. Errors never contain the secret key or the
// session token.
func (s *Signer) Presign(req *http.Request, in Input, expires time.Duration) (*url.URL, error) {
	return s.presign(req, in, expires, nil)
}

// trace receives intermediate values, for tests.
type trace struct {
	canonicalRequest string
	stringToSign     string
}

func validate(req *http.Request, in *Input) error {
	if req == nil {
		return errNilRequest
	}
	if req.URL == nil {
		return errNilURL
	}
	for i := 0; i < len(req.Method); i++ {
		if tokenTab[req.Method[i]] == 0 {
			return errors.New("sigv4: invalid method " + strconv.Quote(req.Method))
		}
	}
	c := &in.Credentials
	if c.AccessKeyID == "" {
		return errNoAccessKey
	}
	if !scopeSafe(c.AccessKeyID) {
		return errBadAccessKey
	}
	if c.SecretAccessKey == "" {
		return errNoSecret
	}
	if in.Region == "" {
		return errNoRegion
	}
	if !scopeSafe(in.Region) {
		return errors.New("sigv4: region " + strconv.Quote(in.Region) + " contains a character that cannot appear in a credential scope")
	}
	if in.Service == "" {
		return errNoService
	}
	if !scopeSafe(in.Service) {
		return errors.New("sigv4: service " + strconv.Quote(in.Service) + " contains a character that cannot appear in a credential scope")
	}
	if in.PayloadHash == "" {
		return errNoPayloadHash
	}
	if in.Time.IsZero() {
		return errZeroTime
	}
	if sec := in.Time.Unix(); sec < minUnix || sec > maxUnix {
		return errors.New("sigv4: signing time year " + strconv.Itoa(in.Time.UTC().Year()) + " out of range 0..9999")
	}
	return nil
}

// scopeSafe reports whether s can be a field of the credential scope: printable
// ASCII other than space, '/', ',' and '='.
func scopeSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if !scopeTab[s[i]] {
			return false
		}
	}
	return true
}

var scopeTab = func() (t [256]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = c != '/' && c != ',' && c != '='
	}
	return t
}()

// The Unix times of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
const (
	minUnix = -62167219200
	maxUnix = 253402300799
)

// appendAmzDate appends t in UTC as yyyymmddThhmmssZ; t's year must be in
// 0..9999. It computes the civil date from Unix time directly (the days-from-
// civil inverse of H. Hinnant's chrono algorithms), which is cheaper than
// t.UTC().Date() plus t.Clock().
func appendAmzDate(b []byte, t time.Time) []byte {
	unix := t.Unix()
	days := unix / 86400
	rem := unix % 86400
	if rem < 0 {
		rem += 86400
		days--
	}
	h, mi, sec := int(rem/3600), int(rem/60%60), int(rem%60)
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := int(doy - (153*mp+2)/5 + 1)
	mo := int(mp + 3)
	if mo > 12 {
		mo -= 12
	}
	y := int(yoe + era*400)
	if mo <= 2 {
		y++
	}
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	b = append2(b, int(mo))
	b = append2(b, d)
	b = append(b, 'T')
	b = append2(b, h)
	b = append2(b, mi)
	b = append2(b, sec)
	return append(b, 'Z')
}

func append2(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }

const hexDigits = "0123456789abcdef"

// hexPairs[v] is the two lower-case hex digits of v, as a little-endian uint16.
var hexPairs = func() (t [256]uint16) {
	for v := range t {
		t[v] = uint16(hexDigits[v>>4]) | uint16(hexDigits[v&15])<<8
	}
	return t
}()

// encodeHex writes the lower-case hex of a SHA-256 sum.
func encodeHex(dst *[2 * sha256.Size]byte, sum *[sha256.Size]byte) {
	for i := 0; i < sha256.Size; i += 4 {
		x := uint64(hexPairs[sum[i]]) | uint64(hexPairs[sum[i+1]])<<16 |
			uint64(hexPairs[sum[i+2]])<<32 | uint64(hexPairs[sum[i+3]])<<48
		binary.LittleEndian.PutUint64(dst[2*i:], x)
	}
}

func appendHex(b []byte, sum *[sha256.Size]byte) []byte {
	var dst [2 * sha256.Size]byte
	encodeHex(&dst, sum)
	return append(b, dst[:]...)
}

func (s *Signer) sign(req *http.Request, in Input, tr *trace) error {
	if err := validate(req, &in); err != nil {
		return err
	}
	host, sanitized := requestHost(req)
	if host == "" {
		return errNoHost
	}
	c := getScratch()
	defer putScratch(c)

	c.setDate(in.Time)
	token := in.Credentials.SessionToken
	signToken := token != "" && !s.UnsignedSessionToken

	if err := c.collectHeaders(req.Header, modeHeader, token != ""); err != nil {
		return err
	}
	addHeader(c, hostName, host)
	c.addDateHeader()
	if signToken {
		addHeader(c, tokenName, token)
	}
	c.sortHeaders()

	// Authorization value, preceded by the X-Amz-Date value, in one buffer
	// that becomes one string.
	o := c.out[:0]
	o = append(o, c.date...)
	o = append(o, algorithm+" Credential="...)
	o = append(o, in.Credentials.AccessKeyID...)
	o = append(o, '/')
	scopeStart := len(o)
	o = appendScope(o, c.date[:8], in.Region, in.Service)
	scope := o[scopeStart:]
	shStart, shEnd := s.canonicalRequest(c, req, &in, req.URL.RawQuery, nil, scope, tr)
	o = append(o, ", SignedHeaders="...)
	o = append(o, c.buf[shStart:shEnd]...)
	o = append(o, ", Signature="...)
	key := s.derivedKey(in.Credentials.SecretAccessKey, c.date[:8], in.Region, in.Service)
	o = c.appendSignature(o, key, c.sts)
	c.out = o

	v := string(o)
	vals := new([3]string)
	vals[0] = v[:amzDateLen]
	vals[1] = v[amzDateLen:]
	h := req.Header
	if h == nil {
		h = make(http.Header, 4)
		req.Header = h
	}
	c.dropVariants(h)
	h["X-Amz-Date"] = vals[0:1:1]
	h["Authorization"] = vals[1:2:2]
	if token != "" {
		vals[2] = token
		h["X-Amz-Security-Token"] = vals[2:3:3]
	}
	if sanitized {
		req.Host = host
	}
	return nil
}

// canonicalRequest builds the canonical request of req in c.buf, and the
// string to sign for scope in c.sts, for both Sign and Presign: the method,
// the normalised path, the query (rawQuery plus the already encoded
// parameters extra, sorted together), the headers collected and sorted in c,
// the signed-header list (at c.buf[shStart:shEnd]) and the payload hash.
func (s *Signer) canonicalRequest(c *scratch, req *http.Request, in *Input, rawQuery string, extra, scope []byte, tr *trace) (shStart, shEnd int) {
	b := c.buf[:0]
	b = appendMethod(b, req.Method)
	b = append(b, '\n')
	b = s.appendPath(b, c, req.URL)
	b = append(b, '\n')
	b = c.appendQuery(b, rawQuery, extra)
	b = append(b, '\n')
	b = c.appendHeaders(b)
	b = append(b, '\n')
	shStart = len(b)
	b = c.appendSignedHeaders(b)
	shEnd = len(b)
	b = append(b, '\n')
	b = append(b, in.PayloadHash...)
	c.buf = b
	c.sts = appendStringToSign(c.sts[:0], c.date, scope, b)
	if tr != nil {
		tr.canonicalRequest = string(b)
		tr.stringToSign = string(c.sts)
	}
	return shStart, shEnd
}

// authQueryNames are the query parameters Presign writes.
var authQueryNames = [...]string{
	"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
	"X-Amz-Expires", "X-Amz-Security-Token", "X-Amz-Signature",
}

func (s *Signer) presign(req *http.Request, in Input, expires time.Duration, tr *trace) (*url.URL, error) {
	if err := validate(req, &in); err != nil {
		return nil, err
	}
	if expires < time.Second || expires > maxExpires {
		return nil, errors.New("sigv4: presign expiry " + expires.String() + " out of range 1s..168h (7 days)")
	}
	host, sanitized := requestHost(req)
	if host == "" {
		return nil, errNoHost
	}
	c := getScratch()
	defer putScratch(c)

	c.setDate(in.Time)
	token := in.Credentials.SessionToken

	if err := c.collectHeaders(req.Header, modePresign, false); err != nil {
		return nil, err
	}
	addHeader(c, hostName, host)
	c.sortHeaders()
	c.sh = c.appendSignedHeaders(c.sh[:0])
	c.scope = appendScope(c.scope[:0], c.date[:8], in.Region, in.Service)

	// The authentication parameters, encoded, in the order aws-c-auth
	// appends them to the URL.
	q := c.auth[:0]
	q = append(q, "X-Amz-Algorithm="+algorithm+"&X-Amz-Credential="...)
	q = appendEncoded(q, in.Credentials.AccessKeyID, false)
	q = append(q, "%2F"...)
	q = appendEncoded(q, c.scope, false)
	q = append(q, "&X-Amz-Date="...)
	q = append(q, c.date...)
	q = append(q, "&X-Amz-SignedHeaders="...)
	q = appendEncoded(q, c.sh, false)
	q = append(q, "&X-Amz-Expires="...)
	q = strconv.AppendInt(q, int64(expires/time.Second), 10)
	signed := q
	if token != "" {
		q = append(q, "&X-Amz-Security-Token="...)
		q = appendEncoded(q, token, false)
		if !s.UnsignedSessionToken {
			signed = q
		}
	}
	c.auth = q
	userQuery := stripAuthParams(c, req.URL.RawQuery)

	s.canonicalRequest(c, req, &in, userQuery, signed, c.scope, tr)
	key := s.derivedKey(in.Credentials.SecretAccessKey, c.date[:8], in.Region, in.Service)

	o := c.out[:0]
	if userQuery != "" {
		o = append(o, userQuery...)
		o = append(o, '&')
	}
	o = append(o, q...)
	o = append(o, "&X-Amz-Signature="...)
	o = c.appendSignature(o, key, c.sts)
	c.out = o

	u := *req.URL
	if u.User != nil {
		user := *u.User
		u.User = &user
	}
	u.RawQuery = string(o)
	u.ForceQuery = false
	if sanitized && (req.Host == "" || req.Host == req.URL.Host) {
		u.Host = host
	}
	return &u, nil
}

// stripAuthParams returns rawQuery without the parameters Presign writes. It
// returns rawQuery itself when there are none.
func stripAuthParams(c *scratch, rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	found := false
	for rest := rawQuery; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		if isAuthParam(part) {
			found = true
			break
		}
	}
	if !found {
		return rawQuery
	}
	kept := c.strip[:0]
	for rest := rawQuery; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		if part == "" || isAuthParam(part) {
			continue
		}
		if len(kept) > 0 {
			kept = append(kept, '&')
		}
		kept = append(kept, part...)
	}
	c.strip = kept
	return string(kept)
}

func isAuthParam(part string) bool {
	name, _, _ := strings.Cut(part, "=")
	for _, n := range authQueryNames {
		if name == n {
			return true
		}
	}
	return false
}

func appendMethod(b []byte, method string) []byte {
	if method == "" {
		return append(b, http.MethodGet...)
	}
	return append(b, method...)
}

// appendScope appends date/region/service/aws4_request.
func appendScope(b, date []byte, region, service string) []byte {
	b = append(b, date...)
	b = append(b, '/')
	b = append(b, region...)
	b = append(b, '/')
	b = append(b, service...)
	b = append(b, '/')
	return append(b, scopeTail...)
}

// appendStringToSign appends the string to sign for canonicalRequest.
func appendStringToSign(b, amzDate, scope, canonicalRequest []byte) []byte {
	sum := sha256.Sum256(canonicalRequest)
	b = append(b, algorithm+"\n"...)
	b = append(b, amzDate...)
	b = append(b, '\n')
	b = append(b, scope...)
	b = append(b, '\n')
	return appendHex(b, &sum)
}

// stringToSign returns the string to sign, for tests.
func stringToSign(amzDate, scope, canonicalRequest string) string {
	return string(appendStringToSign(nil, []byte(amzDate), []byte(scope), []byte(canonicalRequest)))
}
