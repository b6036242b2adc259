package sigv4

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	testSecret = "SECRET/KEY+do-not-print"
	testToken  = "TOKEN/do-not-print=="
)

func testInput() Input {
	return Input{
		Credentials: Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret, SessionToken: testToken},
		Region:      "us-east-1",
		Service:     "ec2",
		PayloadHash: HashPayload(nil),
		Time:        time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC),
	}
}

func mustRequest(t testing.TB, method, rawURL string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestSignErrors(t *testing.T) {
	tests := []struct {
		name   string
		req    func(t *testing.T) *http.Request
		edit   func(in *Input)
		want   string
		reason string
	}{
		{"nil request", func(*testing.T) *http.Request { return nil }, nil, "sigv4: nil request", ""},
		{"nil URL", func(*testing.T) *http.Request { return &http.Request{Method: "GET", Header: http.Header{}} }, nil, "sigv4: request has a nil URL", ""},
		{"no host", func(*testing.T) *http.Request {
			return &http.Request{Method: "GET", URL: &url.URL{Path: "/"}, Header: http.Header{}}
		}, nil, "sigv4: request has no host", ""},
		{"bad header name", func(t *testing.T) *http.Request {
			req := mustRequest(t, "GET", "https://example.amazonaws.com/")
			req.Header["Bad Name"] = []string{"v"}
			return req
		}, nil, `sigv4: invalid header field name "Bad Name"`, "net/http would refuse to send it"},
		{"empty header name", func(t *testing.T) *http.Request {
			req := mustRequest(t, "GET", "https://example.amazonaws.com/")
			req.Header[""] = []string{"v"}
			return req
		}, nil, "sigv4: empty header field name", ""},
		{"bad method", func(t *testing.T) *http.Request {
			req := mustRequest(t, "GET", "https://example.amazonaws.com/")
			req.Method = "GET\nX"
			return req
		}, nil, `sigv4: invalid method "GET\nX"`, "a line break would forge canonical request lines"},
		{"empty access key", nil, func(in *Input) { in.Credentials.AccessKeyID = "" }, "sigv4: empty access key ID", ""},
		{"bad access key", nil, func(in *Input) { in.Credentials.AccessKeyID = "AKID/X" }, "sigv4: access key ID contains", "a '/' would break the credential scope"},
		{"empty secret", nil, func(in *Input) { in.Credentials.SecretAccessKey = "" }, "sigv4: empty secret access key", ""},
		{"empty region", nil, func(in *Input) { in.Region = "" }, "sigv4: empty region", ""},
		{"bad region", nil, func(in *Input) { in.Region = "us east" }, `sigv4: region "us east" contains`, ""},
		{"empty service", nil, func(in *Input) { in.Service = "" }, "sigv4: empty service", ""},
		{"bad service", nil, func(in *Input) { in.Service = "ec2/x" }, `sigv4: service "ec2/x" contains`, ""},
		{"empty payload hash", nil, func(in *Input) { in.PayloadHash = "" }, "sigv4: empty payload hash", "no silent default: a GET passes HashPayload(nil)"},
		{"zero time", nil, func(in *Input) { in.Time = time.Time{} }, "sigv4: zero signing time", ""},
		{"year 10000", nil, func(in *Input) { in.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "sigv4: signing time year 10000 out of range", "X-Amz-Date has four year digits"},
		{"negative year", nil, func(in *Input) { in.Time = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }, "sigv4: signing time year -1 out of range", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			if tt.req != nil {
				req = tt.req(t)
			} else {
				req = mustRequest(t, "GET", "https://ec2.us-east-1.amazonaws.com:443/")
				req.Header.Set("X-Custom", "v")
			}
			in := testInput()
			if tt.edit != nil {
				tt.edit(&in)
			}
			var before http.Header
			var beforeHost string
			if req != nil {
				before = req.Header.Clone()
				beforeHost = req.Host
			}
			var s Signer
			for _, op := range []string{"Sign", "Presign"} {
				var err error
				if op == "Sign" {
					err = s.Sign(req, in)
				} else {
					_, err = s.Presign(req, in, time.Hour)
				}
				if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
					t.Fatalf("%s error = %v, want prefix %q (%s)", op, err, tt.want, tt.reason)
				}
				checkNoSecret(t, err.Error())
			}
			if req != nil {
				if diff := cmp.Diff(before, req.Header); diff != "" {
					t.Errorf("headers changed on error (-before +after):\n%s", diff)
				}
				if req.Host != beforeHost {
					t.Errorf("Host changed on error: %q", req.Host)
				}
			}
		})
	}
}

func checkNoSecret(t *testing.T, s string) {
	t.Helper()
	for _, secret := range []string{testSecret, testToken} {
		if strings.Contains(s, secret) {
			t.Errorf("%q contains a secret", s)
		}
	}
}

func TestPresignExpiry(t *testing.T) {
	tests := []struct {
		expires time.Duration
		want    string // X-Amz-Expires, or "" for an error
	}{
		{0, ""},
		{999 * time.Millisecond, ""},
		{-time.Second, ""},
		{time.Second, "1"},
		{1500 * time.Millisecond, "1"},
		{time.Hour, "3600"},
		{7 * 24 * time.Hour, "604800"},
		{7*24*time.Hour + time.Second, ""},
	}
	var s Signer
	for _, tt := range tests {
		req := mustRequest(t, "GET", "https://ec2.us-east-1.amazonaws.com/")
		u, err := s.Presign(req, testInput(), tt.expires)
		if tt.want == "" {
			if err == nil || !strings.HasPrefix(err.Error(), "sigv4: presign expiry") {
				t.Errorf("Presign(%v) error = %v, want an expiry error", tt.expires, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Presign(%v): %v", tt.expires, err)
			continue
		}
		if got := u.Query().Get("X-Amz-Expires"); got != tt.want {
			t.Errorf("Presign(%v): X-Amz-Expires = %q, want %q", tt.expires, got, tt.want)
		}
	}
}

func TestSignReplacesWhatItWrites(t *testing.T) {
	req := mustRequest(t, "POST", "https://ec2.us-east-1.amazonaws.com:443/")
	req.Header["authorization"] = []string{"stale lower-case"}
	req.Header["x-amz-date"] = []string{"19700101T000000Z"}
	req.Header.Set("Authorization", "stale")
	req.Header.Set("X-Amz-Security-Token", "old token")
	req.Header.Set("User-Agent", "test")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var s Signer
	in := testInput()
	if err := s.Sign(req, in); err != nil {
		t.Fatal(err)
	}
	want := http.Header{
		"Authorization":        {"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=" + signatureOf(t, req.Header.Get("Authorization"))},
		"X-Amz-Date":           {"20261125T120000Z"},
		"X-Amz-Security-Token": {testToken},
		"User-Agent":           {"test"},
		"Content-Type":         {"application/x-www-form-urlencoded"},
	}
	if diff := cmp.Diff(want, req.Header); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if req.Host != "ec2.us-east-1.amazonaws.com" {
		t.Errorf("Host = %q, want the host without :443", req.Host)
	}
	// Signing again (a retry) gives the same result.
	first := req.Header.Get("Authorization")
	if err := s.Sign(req, in); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); got != first {
		t.Errorf("re-signing changed Authorization:\n%s\n%s", first, got)
	}
}

func TestSignWithoutToken(t *testing.T) {
	in := testInput()
	in.Credentials.SessionToken = ""

	t.Run("caller's token header is signed", func(t *testing.T) {
		req := mustRequest(t, "GET", "https://example.amazonaws.com/")
		req.Header.Set("X-Amz-Security-Token", "caller's")
		if err := new(Signer).Sign(req, in); err != nil {
			t.Fatal(err)
		}
		if got := req.Header.Get("X-Amz-Security-Token"); got != "caller's" {
			t.Errorf("X-Amz-Security-Token = %q", got)
		}
		if !strings.Contains(req.Header.Get("Authorization"), "SignedHeaders=host;x-amz-date;x-amz-security-token,") {
			t.Errorf("Authorization = %q", req.Header.Get("Authorization"))
		}
	})
	t.Run("nil header map", func(t *testing.T) {
		req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "example.amazonaws.com", Path: "/"}}
		if err := new(Signer).Sign(req, in); err != nil {
			t.Fatal(err)
		}
		if req.Header.Get("Authorization") == "" || req.Header.Get("X-Amz-Security-Token") != "" {
			t.Errorf("headers = %v", req.Header)
		}
	})
}

func TestUnsignedSessionToken(t *testing.T) {
	in := testInput()
	s := &Signer{UnsignedSessionToken: true}
	req := mustRequest(t, "GET", "https://example.amazonaws.com/")
	var tr trace
	if err := s.sign(req, in, &tr); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(tr.canonicalRequest, "x-amz-security-token") {
		t.Errorf("canonical request signs the token:\n%s", tr.canonicalRequest)
	}
	if got := req.Header.Get("X-Amz-Security-Token"); got != testToken {
		t.Errorf("X-Amz-Security-Token = %q", got)
	}
	u, err := s.presign(mustRequest(t, "GET", "https://example.amazonaws.com/"), in, time.Minute, &tr)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(tr.canonicalRequest, "X-Amz-Security-Token") {
		t.Errorf("presigned canonical request signs the token:\n%s", tr.canonicalRequest)
	}
	if got := u.Query().Get("X-Amz-Security-Token"); got != testToken {
		t.Errorf("presigned X-Amz-Security-Token = %q", got)
	}
}

func TestPresign(t *testing.T) {
	var s Signer
	in := testInput()
	req := mustRequest(t, "GET", "https://user:pw@ec2.us-east-1.amazonaws.com:443/a%20b/?Action=DescribeRegions&Version=2016-11-15")
	req.Header.Set("X-Custom", "  v  ")
	before := req.Clone(req.Context())
	beforeURL := *req.URL
	u, err := s.Presign(req, in, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before.Header, req.Header); diff != "" {
		t.Errorf("Presign changed the headers (-before +after):\n%s", diff)
	}
	if req.URL.String() != beforeURL.String() || req.Host != before.Host {
		t.Errorf("Presign changed the request URL or Host: %s %q", req.URL, req.Host)
	}
	wantPrefix := "https://user:pw@ec2.us-east-1.amazonaws.com/a%20b/?Action=DescribeRegions&Version=2016-11-15" +
		"&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261125%2Fus-east-1%2Fec2%2Faws4_request" +
		"&X-Amz-Date=20261125T120000Z&X-Amz-SignedHeaders=host%3Bx-custom&X-Amz-Expires=900" +
		"&X-Amz-Security-Token=TOKEN%2Fdo-not-print%3D%3D&X-Amz-Signature="
	if got := u.String(); !strings.HasPrefix(got, wantPrefix) || len(got) != len(wantPrefix)+64 {
		t.Errorf("presigned URL\n got %s\nwant %s<64 hex>", got, wantPrefix)
	}
	u.User.Username() // the copy's user info is its own
	if u.User == req.URL.User {
		t.Error("presigned URL shares Userinfo with the request")
	}

	// Presigning the presigned URL replaces the authentication parameters.
	again, err := s.Presign(&http.Request{Method: "GET", URL: u, Header: req.Header}, in, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if again.String() != u.String() {
		t.Errorf("re-presigned URL differs:\n%s\n%s", u, again)
	}
}

// TestConcurrentSigning signs with many keys from many goroutines through one
// Signer (run with -race) and checks every result against a fresh Signer.
func TestConcurrentSigning(t *testing.T) {
	var shared Signer
	const goroutines, perG = 8, 60
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < perG; i++ {
				in := testInput()
				in.Credentials.SecretAccessKey = fmt.Sprintf("secret-%d", (g*perG+i)%50)
				in.Region = fmt.Sprintf("region-%d", i%3)
				in.Time = in.Time.Add(time.Duration(i%2) * 24 * time.Hour)
				a := mustRequest(t, "POST", "https://example.amazonaws.com/")
				b := mustRequest(t, "POST", "https://example.amazonaws.com/")
				if err := shared.Sign(a, in); err != nil {
					errs <- err
					return
				}
				if err := new(Signer).Sign(b, in); err != nil {
					errs <- err
					return
				}
				if a.Header.Get("Authorization") != b.Header.Get("Authorization") {
					errs <- fmt.Errorf("goroutine %d op %d: shared signer gave %s, fresh one %s", g, i, a.Header.Get("Authorization"), b.Header.Get("Authorization"))
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := shared.cachedKeys(); n == 0 || n > maxCacheKeys {
		t.Errorf("cache holds %d keys, want 1..%d", n, maxCacheKeys)
	}
}

func TestSignAllocs(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("allocation count (not meaningful with -race or -short)")
	}
	var s Signer
	req := newBenchRequest(t)
	in := Input{Credentials: suiteCreds, Region: "us-east-1", Service: "ec2", PayloadHash: benchPayloadHash, Time: benchTime}
	if err := s.Sign(req, in); err != nil { // warm the key cache and the pool
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		resetBenchHeaders(req.Header)
		if err := s.Sign(req, in); err != nil {
			t.Fatal(err)
		}
	})
	// One string for X-Amz-Date and Authorization, one array for the header values.
	if allocs > 2 {
		t.Errorf("Sign allocates %v times per call, want at most 2", allocs)
	}
}

func TestKeyCache(t *testing.T) {
	var s Signer
	date := []byte("20261125")
	k1 := s.derivedKey("secret", date, "us-east-1", "ec2")
	if k2 := s.derivedKey("secret", date, "us-east-1", "ec2"); k2 != k1 {
		t.Error("same scope derived twice")
	}
	for i := 0; i < 3*maxCacheKeys; i++ {
		s.derivedKey(fmt.Sprintf("secret-%d", i), date, "us-east-1", "ec2")
		if n := s.cachedKeys(); n > maxCacheKeys {
			t.Fatalf("cache holds %d keys, bound is %d", n, maxCacheKeys)
		}
	}
	// An evicted key is derived again, to the same value.
	k3 := s.derivedKey("secret", date, "us-east-1", "ec2")
	if string(k3.inner) != string(k1.inner) || string(k3.outer) != string(k1.outer) {
		t.Error("re-derived key differs")
	}
	for _, other := range []*derivedKey{
		s.derivedKey("secret", []byte("20261126"), "us-east-1", "ec2"),
		s.derivedKey("secret", date, "us-west-2", "ec2"),
		s.derivedKey("secret", date, "us-east-1", "sts"),
		s.derivedKey("secret2", date, "us-east-1", "ec2"),
	} {
		if string(other.inner) == string(k1.inner) {
			t.Errorf("scope %+v shares the key of another scope", other.id.date)
		}
	}
}

// TestSignerFormatRedacts: after signing, no verb prints the secret access
// key or a derived key, and the key cache does not hold the secret.
func TestSignerFormatRedacts(t *testing.T) {
	const secret = "SECRETSECRETSECRETSECRETSECRETSECRET0123"
	var s Signer
	req, _ := http.NewRequest(http.MethodPost, "https://ec2.us-east-1.amazonaws.com/", nil)
	in := Input{Credentials: Credentials{AccessKeyID: "AKID", SecretAccessKey: secret}, Service: "ec2", Region: "us-east-1",
		PayloadHash: HashPayload(nil), Time: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
	if err := s.Sign(req, in); err != nil {
		t.Fatal(err)
	}
	key := signingKey(keyID{region: "us-east-1", service: "ec2", date: [8]byte([]byte("20261125"))}, secret)
	type holder struct{ S *Signer }
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{&s, holder{&s}} {
			got := fmt.Sprintf(verb, v)
			if strings.Contains(got, secret) || strings.Contains(got, "SECRETSECRET") || strings.Contains(got, hexString(key)) {
				t.Errorf("fmt.Sprintf(%q, %T) = %s: shows a secret", verb, v, got)
			}
		}
	}
	s.mu.RLock()
	for id := range s.keys {
		if strings.Contains(string(id.secret[:]), "SECRET") {
			t.Errorf("the key cache holds the secret")
		}
	}
	s.mu.RUnlock()
}
