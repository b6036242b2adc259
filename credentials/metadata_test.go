package credentials

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const imdsCredsJSON = `{
  "Code" : "Success",
  "LastUpdated" : "2026-01-01T00:00:00Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIAIMDSEXAMPLE",
  "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  "Token" : "SESSIONTOKENVALUE",
  "Expiration" : "2026-01-01T06:00:00Z"
}`

type imdsOptions struct {
	role      string // "" means no role attached (404)
	creds     string // body of the role's credentials
	tokenCode int    // status of PUT /latest/api/token; 0 means 200
}

// fakeIMDS is an httptest IMDSv2: it issues a token on PUT /latest/api/token (which must carry
// the TTL header) and serves metadata only to requests that present it.
type fakeIMDS struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
}

func newIMDS(t *testing.T, o imdsOptions) *fakeIMDS {
	f := &fakeIMDS{}
	const tok = "IMDSTOKEN"
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		if r.URL.Path == "/latest/api/token" {
			if r.Method != http.MethodPut || r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds") == "" {
				http.Error(w, "", http.StatusBadRequest)
				return
			}
			if o.tokenCode != 0 {
				http.Error(w, "", o.tokenCode)
				return
			}
			w.Write([]byte(tok))
			return
		}
		if r.Header.Get("X-aws-ec2-metadata-token") != tok {
			http.Error(w, "", http.StatusUnauthorized)
			return
		}
		const base = "/latest/meta-data/iam/security-credentials/"
		switch {
		case r.URL.Path == base && o.role != "":
			w.Write([]byte(o.role + "\n"))
		case r.URL.Path == base+o.role && o.role != "":
			w.Write([]byte(o.creds))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeIMDS) Requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func TestIMDS(t *testing.T) {
	now := fixedClock(time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
	t.Run("token flow", func(t *testing.T) {
		srv := newIMDS(t, imdsOptions{role: "web-role", creds: imdsCredsJSON})
		got, err := (&IMDS{Getenv: envMap("AWS_EC2_METADATA_SERVICE_ENDPOINT", srv.URL+"/"), now: now}).Retrieve(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := Credentials{AccessKeyID: "ASIAIMDSEXAMPLE", SecretAccessKey: secret, SessionToken: token, Expires: time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC), Source: "IMDS(web-role)"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		wantReq := []string{"PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/", "GET /latest/meta-data/iam/security-credentials/web-role"}
		if diff := cmp.Diff(wantReq, srv.Requests()); diff != "" {
			t.Errorf("requests (-want +got):\n%s", diff)
		}
	})
	tests := []struct {
		name    string
		o       imdsOptions
		env     []string
		noCreds bool
		errHas  string
	}{
		{name: "no role", o: imdsOptions{}, noCreds: true},
		{name: "IMDS token forbidden", o: imdsOptions{tokenCode: http.StatusForbidden}, noCreds: true},
		{name: "disabled", env: []string{"AWS_EC2_METADATA_DISABLED", "true"}, noCreds: true},
		{name: "expired", o: imdsOptions{role: "r", creds: strings.Replace(imdsCredsJSON, "2026-01-01T06:00:00Z", "2025-12-31T00:00:00Z", 1)}, errHas: "expired at 2025-12-31T00:00:00Z"},
		{name: "error code", o: imdsOptions{role: "r", creds: `{"Code":"AssumeRoleUnauthorizedAccess","Message":"denied"}`}, errHas: "AssumeRoleUnauthorizedAccess"},
		{name: "not JSON", o: imdsOptions{role: "r", creds: `<html>`}, errHas: "not the credentials JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newIMDS(t, tt.o)
			_, err := (&IMDS{Getenv: envMap(append(tt.env, "AWS_EC2_METADATA_SERVICE_ENDPOINT", srv.URL)...), now: now}).Retrieve(context.Background())
			checkErr(t, err, tt.noCreds, tt.errHas)
		})
	}
	t.Run("unreachable", func(t *testing.T) {
		srv := newIMDS(t, imdsOptions{})
		srv.Close()
		_, err := (&IMDS{Endpoint: srv.URL}).Retrieve(context.Background())
		checkErr(t, err, true, "")
	})
	t.Run("hanging service is cut off by the per-attempt timeout", func(t *testing.T) {
		block := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
		defer srv.Close()
		defer close(block)
		_, err := (&IMDS{Endpoint: srv.URL, Timeout: 50 * time.Millisecond, Attempts: 2}).Retrieve(context.Background())
		checkErr(t, err, true, "")
	})
}

func TestContainer(t *testing.T) {
	now := fixedClock(time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
	var (
		mu    sync.Mutex
		auths []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		switch r.URL.Path {
		case "/v1/credentials":
			w.Write([]byte(`{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"` + secret + `","Token":"` + token + `","Expiration":"2026-01-01T06:00:00Z","RoleArn":"arn:aws:iam::123456789012:role/task"}`))
		case "/expired":
			w.Write([]byte(`{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"` + secret + `","Expiration":"2025-01-01T00:00:00Z"}`))
		case "/denied":
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"code":"AccessDenied","message":"bad token"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	t.Run("token file re-read on every call", func(t *testing.T) {
		tokenFile := filepath.Join(t.TempDir(), "token")
		c := &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.URL+"/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored-when-file-set", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile), now: now}
		for _, tok := range []string{"first-token", "rotated-token"} {
			if err := os.WriteFile(tokenFile, []byte(tok+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := c.Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			want := Credentials{AccessKeyID: "ASIACONTAINER", SecretAccessKey: secret, SessionToken: token, Expires: time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC), Source: "Container"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if diff := cmp.Diff([]string{"first-token", "rotated-token"}, auths[len(auths)-2:]); diff != "" {
			t.Errorf("Authorization headers (-want +got):\n%s", diff)
		}
	})
	tests := []struct {
		name    string
		env     []string
		noCreds bool
		errHas  string
	}{
		{name: "not configured", noCreds: true},
		{name: "env token", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.URL + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok"}},
		{name: "http to a public host", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds"}, errHas: "not example.com"},
		{name: "ftp", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "ftp://127.0.0.1/creds"}, errHas: "scheme must be"},
		{name: "expired", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.URL + "/expired"}, errHas: "expired at 2025-01-01T00:00:00Z"},
		{name: "denied", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.URL + "/denied"}, errHas: "HTTP 403 Forbidden: AccessDenied: bad token"},
		{name: "token with newline", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.URL + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Evil: 1"}, errHas: "line break"},
		{name: "missing token file", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.URL + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nonexistent/token"}, errHas: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&Container{Getenv: envMap(tt.env...), now: now}).Retrieve(context.Background())
			checkErr(t, err, tt.noCreds, tt.errHas)
		})
	}
}

func TestCheckContainerURI(t *testing.T) {
	for uri, ok := range map[string]bool{
		"https://anything.example/creds":       true,
		"http://127.0.0.1:8080/creds":          true,
		"http://127.1.2.3/creds":               true,
		"http://localhost/creds":               true,
		"http://[::1]/creds":                   true,
		"http://169.254.170.2/v2/credentials":  true,
		"http://169.254.170.23/v1/credentials": true,
		"http://[fd00:ec2::23]/v1/credentials": true,
		"http://169.254.169.254/creds":         false,
		"http://10.0.0.1/creds":                false,
		"http://localhost.example.com/creds":   false,
	} {
		if err := checkContainerURI(uri); (err == nil) != ok {
			t.Errorf("checkContainerURI(%s) = %v, want allowed %v", uri, err, ok)
		}
	}
}

func TestIMDSProfileSettings(t *testing.T) {
	srv := newIMDS(t, imdsOptions{role: "r", creds: imdsCredsJSON})
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config", "[default]\nec2_metadata_service_endpoint = "+srv.URL+"\nmetadata_service_num_attempts = 2\n")
	chain := NewDefaultChain(ChainOptions{Getenv: envMap("HOME", dir, "AWS_CONFIG_FILE", cfg)})
	m := chain[len(chain)-1].(*IMDS)
	m.now = fixedClock(time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
	got, err := chain.Retrieve(context.Background())
	if err != nil || got.Source != "IMDS(r)" {
		t.Fatalf("got %v, %v; want the instance role through the profile's ec2_metadata_service_endpoint", got, err)
	}
}

// The relative URI goes to http://169.254.170.2; a dialer that sends that address to a local
// server shows the request the ECS agent would see. 5xx answers are retried.
func TestContainerRelativeURIAndRetries(t *testing.T) {
	var (
		mu    sync.Mutex
		paths []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.Host+r.URL.RequestURI())
		n := len(paths)
		mu.Unlock()
		if n < 3 {
			http.Error(w, `{"code":"Throttled","message":"slow down"}`, http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"AccessKeyId":"ASIAECS","SecretAccessKey":"` + secret + `","Token":"` + token + `","Expiration":"2026-01-01T06:00:00Z"}`))
	}))
	defer srv.Close()
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr != "169.254.170.2:80" {
			return nil, errors.New("unexpected address " + addr)
		}
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}}
	c := &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc?x=1"), HTTPClient: &http.Client{Transport: tr}, now: fixedClock(time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))}
	got, err := c.Retrieve(context.Background())
	if err != nil || got.AccessKeyID != "ASIAECS" {
		t.Fatalf("got %v, %v", got, err)
	}
	want := []string{"169.254.170.2/v2/credentials/abc?x=1", "169.254.170.2/v2/credentials/abc?x=1", "169.254.170.2/v2/credentials/abc?x=1"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	// Three 503s in a row: the last error is reported.
	mu.Lock()
	paths = nil
	mu.Unlock()
	c.Attempts = 2
	_, err = c.Retrieve(context.Background())
	checkErr(t, err, false, "HTTP 503 Service Unavailable: Throttled: slow down")
}

func TestProfileRereadsFiles(t *testing.T) {
	dir := t.TempDir()
	creds := writeFile(t, dir, "credentials", "[default]\naws_access_key_id = AKIDOLD\naws_secret_access_key = S\n")
	p := &Profile{Getenv: envMap("AWS_SHARED_CREDENTIALS_FILE", creds, "HOME", dir)}
	for _, want := range []string{"AKIDOLD", "AKIDNEW"} {
		writeFile(t, dir, "credentials", "[default]\naws_access_key_id = "+want+"\naws_secret_access_key = S\n")
		got, err := p.Retrieve(context.Background())
		if err != nil || got.AccessKeyID != want {
			t.Errorf("got %v, %v; want %s", got, err, want)
		}
	}
}
