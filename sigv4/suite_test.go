package sigv4

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The vector suites are copies of ../shared/vectors; see testdata/sigv4/MANIFEST.md.
const vectorDir = "../testdata/sigv4"

var suiteCreds = Credentials{
	AccessKeyID:     "AKIDEXAMPLE",
	SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
}

// suiteRequest is a request file of the suites (request.txt, .req), parsed
// by hand: the files are not always valid HTTP (raw spaces and UTF-8 in the
// request line, obs-fold continuation lines, no final blank line).
type suiteRequest struct {
	method, target, host string
	headers              [][2]string // in file order, Host excluded
	body                 []byte
}

func parseSuiteRequest(t testing.TB, data []byte) suiteRequest {
	t.Helper()
	var r suiteRequest
	head, body, _ := bytes.Cut(data, []byte("\n\n"))
	r.body = body
	lines := strings.Split(string(head), "\n")
	method, rest, ok := strings.Cut(lines[0], " ")
	i := strings.LastIndex(rest, " HTTP/")
	if !ok || i < 0 {
		t.Fatalf("bad request line %q", lines[0])
	}
	r.method, r.target = method, rest[:i]
	for _, line := range lines[1:] {
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' { // obs-fold: continues the previous value
			if len(r.headers) == 0 {
				t.Fatalf("continuation line before any header: %q", line)
			}
			r.headers[len(r.headers)-1][1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("bad header line %q", line)
		}
		if strings.EqualFold(name, "Host") {
			r.host = value
			continue
		}
		r.headers = append(r.headers, [2]string{name, value})
	}
	if r.host == "" {
		t.Fatal("request has no Host header")
	}
	return r
}

// httpRequest builds the *http.Request. The URL comes from url.Parse when
// that keeps the wire path; otherwise (raw spaces or UTF-8 in the path) the
// path is kept verbatim in URL.Opaque, which is what net/http would send.
func (r suiteRequest) httpRequest(t testing.TB) *http.Request {
	t.Helper()
	path, rawQuery, _ := strings.Cut(r.target, "?")
	u, err := url.Parse("https://" + r.host + r.target)
	if err != nil || u.EscapedPath() != path || u.RawQuery != rawQuery {
		u = &url.URL{Scheme: "https", Host: r.host, Opaque: "//" + r.host + path, RawQuery: rawQuery}
	}
	req := &http.Request{Method: r.method, URL: u, Host: r.host, Header: http.Header{}}
	for _, h := range r.headers {
		req.Header.Add(h[0], h[1])
	}
	return req
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}

func signatureOf(t testing.TB, authz string) string {
	t.Helper()
	_, sig, ok := strings.Cut(authz, "Signature=")
	if !ok {
		t.Fatalf("no Signature= in %q", authz)
	}
	return sig
}

// signedLine returns the value of the header name in a signed-request file
// (lines "Name:value").
func signedLine(t testing.TB, data, name string) string {
	t.Helper()
	for _, line := range strings.Split(data, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			return v
		}
	}
	t.Fatalf("no %s line in signed request", name)
	return ""
}

type awsCContext struct {
	Credentials struct {
		AccessKeyID     string `json:"access_key_id"`
		SecretAccessKey string `json:"secret_access_key"`
		Token           string `json:"token"`
	} `json:"credentials"`
	ExpirationInSeconds int       `json:"expiration_in_seconds"`
	Normalize           bool      `json:"normalize"`
	Region              string    `json:"region"`
	Service             string    `json:"service"`
	SignBody            bool      `json:"sign_body"`
	OmitSessionToken    bool      `json:"omit_session_token"`
	Timestamp           time.Time `json:"timestamp"`
}

// TestAWSCAuthSuite runs every case of the aws-c-auth v4 suite, header and
// presigned-query variants, with the settings of its context.json.
func TestAWSCAuthSuite(t *testing.T) {
	dir := filepath.Join(vectorDir, "aws-c-auth-v4")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		name := e.Name()
		cdir := filepath.Join(dir, name)
		t.Run(name, func(t *testing.T) {
			var ctx awsCContext
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(cdir, "context.json"))), &ctx); err != nil {
				t.Fatal(err)
			}
			sr := parseSuiteRequest(t, []byte(readFile(t, filepath.Join(cdir, "request.txt"))))
			s := &Signer{DisablePathNormalization: !ctx.Normalize, UnsignedSessionToken: ctx.OmitSessionToken}
			in := Input{
				Credentials: Credentials{
					AccessKeyID:     ctx.Credentials.AccessKeyID,
					SecretAccessKey: ctx.Credentials.SecretAccessKey,
					SessionToken:    ctx.Credentials.Token,
				},
				Region:      ctx.Region,
				Service:     ctx.Service,
				PayloadHash: HashPayload(sr.body),
				Time:        ctx.Timestamp,
			}

			t.Run("header", func(t *testing.T) {
				req := sr.httpRequest(t)
				if ctx.SignBody {
					// sign_body: the caller adds x-amz-content-sha256 before signing.
					req.Header.Set("X-Amz-Content-Sha256", in.PayloadHash)
				}
				var tr trace
				if err := s.sign(req, in, &tr); err != nil {
					t.Fatal(err)
				}
				signed := readFile(t, filepath.Join(cdir, "header-signed-request.txt"))
				checkTrace(t, tr,
					readFile(t, filepath.Join(cdir, "header-canonical-request.txt")),
					readFile(t, filepath.Join(cdir, "header-string-to-sign.txt")))
				if diff := cmp.Diff(readFile(t, filepath.Join(cdir, "header-signature.txt")), signatureOf(t, req.Header.Get("Authorization"))); diff != "" {
					t.Errorf("signature (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(signedLine(t, signed, "Authorization"), req.Header.Get("Authorization")); diff != "" {
					t.Errorf("Authorization (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(signedLine(t, signed, "X-Amz-Date"), req.Header.Get("X-Amz-Date")); diff != "" {
					t.Errorf("X-Amz-Date (-want +got):\n%s", diff)
				}
				if ctx.Credentials.Token != "" {
					if diff := cmp.Diff(signedLine(t, signed, "X-Amz-Security-Token"), req.Header.Get("X-Amz-Security-Token")); diff != "" {
						t.Errorf("X-Amz-Security-Token (-want +got):\n%s", diff)
					}
				}
			})

			t.Run("query", func(t *testing.T) {
				req := sr.httpRequest(t)
				var tr trace
				u, err := s.presign(req, in, time.Duration(ctx.ExpirationInSeconds)*time.Second, &tr)
				if err != nil {
					t.Fatal(err)
				}
				checkTrace(t, tr,
					readFile(t, filepath.Join(cdir, "query-canonical-request.txt")),
					readFile(t, filepath.Join(cdir, "query-string-to-sign.txt")))
				signed := parseSuiteRequest(t, []byte(readFile(t, filepath.Join(cdir, "query-signed-request.txt"))))
				_, wantQuery, _ := strings.Cut(signed.target, "?")
				if diff := cmp.Diff(wantQuery, u.RawQuery); diff != "" {
					t.Errorf("presigned query (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(readFile(t, filepath.Join(cdir, "query-signature.txt")), u.Query().Get("X-Amz-Signature")); diff != "" {
					t.Errorf("signature (-want +got):\n%s", diff)
				}
			})
		})
	}
	if n != 38 {
		t.Errorf("found %d aws-c-auth cases, want 38", n)
	}
}

func checkTrace(t *testing.T, tr trace, wantCR, wantSTS string) {
	t.Helper()
	if diff := cmp.Diff(wantCR, tr.canonicalRequest); diff != "" {
		t.Errorf("canonical request (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantSTS, tr.stringToSign); diff != "" {
		t.Errorf("string to sign (-want +got):\n%s", diff)
	}
	// The pure helper agrees with the signer.
	lines := strings.Split(tr.stringToSign, "\n")
	if len(lines) == 4 {
		if got := stringToSign(lines[1], lines[2], tr.canonicalRequest); got != tr.stringToSign {
			t.Errorf("stringToSign(...) = %q, signer used %q", got, tr.stringToSign)
		}
	}
}

// The session token of the classic suite's token cases (it is not in the .req files).
const (
	classicSessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
	stsExampleToken     = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
)

// TestClassicSuite runs every case of the AWS SigV4 test suite as shipped
// with botocore (aws4_testsuite): access key AKIDEXAMPLE, region us-east-1,
// service "service", 20150830T123600Z. The .authz file is the reference: the
// upstream get-vanilla-with-session-token.sreq carries get-vanilla's signature.
func TestClassicSuite(t *testing.T) {
	dir := filepath.Join(vectorDir, "aws4_testsuite")
	var reqs []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".req") {
			reqs = append(reqs, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(reqs)
	if len(reqs) != 34 {
		t.Errorf("found %d classic cases, want 34", len(reqs))
	}
	signTime := time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	for _, p := range reqs {
		base := strings.TrimSuffix(p, ".req")
		name, _ := filepath.Rel(dir, base)
		t.Run(filepath.Dir(name)+"/"+filepath.Base(name), func(t *testing.T) {
			sr := parseSuiteRequest(t, []byte(readFile(t, p)))
			in := Input{Credentials: suiteCreds, Region: "us-east-1", Service: "service",
				PayloadHash: HashPayload(sr.body), Time: signTime}
			s := &Signer{}
			switch filepath.Base(base) {
			case "get-vanilla-with-session-token":
				in.Credentials.SessionToken = classicSessionToken
			case "post-sts-header-before":
				in.Credentials.SessionToken = stsExampleToken
			case "post-sts-header-after":
				in.Credentials.SessionToken = stsExampleToken
				s.UnsignedSessionToken = true
			}
			req := sr.httpRequest(t)
			var tr trace
			if err := s.sign(req, in, &tr); err != nil {
				t.Fatal(err)
			}
			checkTrace(t, tr, readFile(t, base+".creq"), readFile(t, base+".sts"))
			if diff := cmp.Diff(readFile(t, base+".authz"), req.Header.Get("Authorization")); diff != "" {
				t.Errorf("Authorization (-want +got):\n%s", diff)
			}
			if got := req.Header.Get("X-Amz-Security-Token"); got != in.Credentials.SessionToken {
				t.Errorf("X-Amz-Security-Token = %q, want %q", got, in.Credentials.SessionToken)
			}
		})
	}
}

// TestBotocoreGeneratedEC2 runs the 14 DescribeClientVpnConnections requests
// botocore's EC2 serializer and SigV4Auth produced.
func TestBotocoreGeneratedEC2(t *testing.T) {
	var doc struct {
		Model struct {
			Endpoint    string `json:"endpoint"`
			SigningName string `json:"signingName"`
			Region      string `json:"region"`
		} `json:"model"`
		Timestamp string `json:"timestamp"`
		Cases     []struct {
			ID          string `json:"id"`
			Body        string `json:"body"`
			PayloadHash string `json:"payload_sha256"`
			Credentials struct {
				AccessKeyID     string `json:"access_key_id"`
				SecretAccessKey string `json:"secret_access_key"`
				SessionToken    string `json:"session_token"`
			} `json:"credentials"`
			Headers       map[string]string `json:"headers_at_signing"`
			Signature     string            `json:"signature"`
			CanonicalReq  string            `json:"canonical_request"`
			StringToSign  string            `json:"string_to_sign"`
			Authorization string            `json:"authorization"`
		} `json:"cases"`
	}
	data := readFile(t, filepath.Join(vectorDir, "botocore-DescribeClientVpnConnections-signed-requests.json"))
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) != 14 {
		t.Errorf("found %d cases, want 14", len(doc.Cases))
	}
	signTime, err := time.Parse("20060102T150405Z", doc.Timestamp)
	if err != nil {
		t.Fatal(err)
	}
	var s Signer
	for _, tc := range doc.Cases {
		t.Run(tc.ID, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, doc.Model.Endpoint, strings.NewReader(tc.Body))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.Headers {
				switch k {
				case "Host", "X-Amz-Date", "X-Amz-Security-Token": // the signer writes these
				default:
					req.Header.Set(k, v)
				}
			}
			if got := HashPayload([]byte(tc.Body)); got != tc.PayloadHash {
				t.Fatalf("HashPayload(body) = %s, want %s", got, tc.PayloadHash)
			}
			in := Input{
				Credentials: Credentials(tc.Credentials),
				Region:      doc.Model.Region, Service: doc.Model.SigningName,
				PayloadHash: tc.PayloadHash, Time: signTime,
			}
			var tr trace
			if err := s.sign(req, in, &tr); err != nil {
				t.Fatal(err)
			}
			checkTrace(t, tr, tc.CanonicalReq, tc.StringToSign)
			if diff := cmp.Diff(tc.Authorization, req.Header.Get("Authorization")); diff != "" {
				t.Errorf("Authorization (-want +got):\n%s", diff)
			}
			if got := signatureOf(t, req.Header.Get("Authorization")); got != tc.Signature {
				t.Errorf("signature = %s, want %s", got, tc.Signature)
			}
		})
	}
}

// TestAWSDocsExample signs the IAM ListUsers example of the AWS General Reference.
func TestAWSDocsExample(t *testing.T) {
	var doc struct {
		Credentials struct {
			AccessKeyID     string `json:"access_key_id"`
			SecretAccessKey string `json:"secret_access_key"`
		} `json:"credentials"`
		Region, Service string
		XAmzDate        string `json:"x_amz_date"`
		Request         struct {
			Method, URL, Body string
			Headers           map[string]string
		}
		CanonicalRequest string `json:"canonical_request"`
		StringToSign     string `json:"string_to_sign"`
		SigningKeyHex    string `json:"signing_key_hex"`
		Authorization    string
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(vectorDir, "aws-docs-iam-listusers.json"))), &doc); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(doc.Request.Method, doc.Request.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", doc.Request.Headers["Content-Type"])
	when, _ := time.Parse("20060102T150405Z", doc.XAmzDate)
	in := Input{Credentials: Credentials{AccessKeyID: doc.Credentials.AccessKeyID, SecretAccessKey: doc.Credentials.SecretAccessKey},
		Region: doc.Region, Service: doc.Service, PayloadHash: HashPayload(nil), Time: when}
	var tr trace
	if err := new(Signer).sign(req, in, &tr); err != nil {
		t.Fatal(err)
	}
	checkTrace(t, tr, doc.CanonicalRequest, doc.StringToSign)
	if diff := cmp.Diff(doc.Authorization, req.Header.Get("Authorization")); diff != "" {
		t.Errorf("Authorization (-want +got):\n%s", diff)
	}
	id := keyID{region: doc.Region, service: doc.Service}
	copy(id.date[:], doc.XAmzDate[:8])
	if got := hexString(signingKey(id, doc.Credentials.SecretAccessKey)); got != doc.SigningKeyHex {
		t.Errorf("signing key = %s, want %s", got, doc.SigningKeyHex)
	}
}
