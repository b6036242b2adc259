package credentials

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// thief is a loopback server counting the requests a redirect sent it.
func thief(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	t.Cleanup(srv.Close)
	return srv, &n
}

// redirector answers every request with a redirect to target.
func redirector(t *testing.T, target string, status int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.Path, status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestNoRedirects: no provider follows a redirect. STS would re-send the
// signed request or the web identity token, the container provider its
// authorization token (to a host its host rule never checked), IMDS its
// session token. Each fails naming the status; the target receives nothing.
func TestNoRedirects(t *testing.T) {
	target, stolen := thief(t)
	dir := t.TempDir()
	tokenFile := writeFile(t, dir, "token", leakWebToken)
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		redir := redirector(t, target.URL, status)
		for _, tc := range []struct {
			name string
			p    Provider
		}{
			{"AssumeRole", &AssumeRole{Source: Static{Credentials: Credentials{AccessKeyID: "AKID", SecretAccessKey: leakSecret, SessionToken: leakToken}},
				RoleARN: "arn:aws:iam::123456789012:role/r", Endpoint: redir.URL, HTTPClient: &http.Client{}}},
			{"WebIdentity", &WebIdentity{TokenFile: tokenFile, RoleARN: "arn:aws:iam::123456789012:role/r", Endpoint: redir.URL}},
			{"Container", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", redir.URL+"/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN", leakAuth), Attempts: 1}},
			{"Container with a caller's client", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", redir.URL+"/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN", leakAuth),
				HTTPClient: &http.Client{}, Attempts: 1}},
			{"IMDS", &IMDS{Endpoint: redir.URL, Getenv: envMap(), Attempts: 1}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := tc.p.Retrieve(context.Background())
				if err == nil || !strings.Contains(err.Error(), http.StatusText(status)) {
					t.Errorf("HTTP %d: err = %v, want one naming the status", status, err)
				}
				for _, s := range errorTexts(err) {
					checkNoSecret(t, "the error", s)
				}
			})
		}
	}
	if n := stolen.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
}

// TestChainTimeoutsAndAttempts: the STS call of an assume-role profile
// obeys the chain's read timeout and maximum attempts; before, it used
// http.DefaultClient and hung on a server that went silent.
func TestChainTimeoutsAndAttempts(t *testing.T) {
	var calls atomic.Int32
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Length", "5000")
		w.Write([]byte("<AssumeRoleResponse>"))
		w.(http.Flusher).Flush()
		select {
		case <-done:
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	defer close(done)
	dir := t.TempDir()
	config := writeFile(t, dir, "config", "[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\n"+
		"[profile src]\naws_access_key_id = AKIDSRC\naws_secret_access_key = "+leakSecret+"\n")
	creds := filepath.Join(dir, "credentials")
	if err := os.WriteFile(creds, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	chain := NewDefaultChain(ChainOptions{
		ConfigFile: config, CredentialsFile: creds, Region: "us-east-1",
		Getenv:      envMap("AWS_ENDPOINT_URL_STS", srv.URL, "AWS_EC2_METADATA_DISABLED", "true"),
		ReadTimeout: 150 * time.Millisecond, MaxAttempts: 2,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a safety net only
	defer cancel()
	start := time.Now()
	_, err := chain.Retrieve(ctx)
	if err == nil || !strings.Contains(err.Error(), "read timeout") {
		t.Fatalf("err = %v, want a read timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d STS attempts, want MaxAttempts = 2", n)
	}
	if errors.Is(err, ErrNoCredentials) {
		t.Error("a failing STS call must not read as 'no credentials'")
	}
}
