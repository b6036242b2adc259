package main

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/session"
)

// Recognisable fake credentials: the secret key and the session token must
// never appear in anything ec2lite prints, nor any request signature.
const (
	secretsAKID   = "AKIDSECRETSTEST00001"
	secretsSecret = "SECRETSECRETSECRETSECRETSECRETSECRET0123"
	secretsToken  = "TOKENTOKENTOKENTOKENTOKENTOKENTOKEN+/TOKENTOKEN=="
)

var hex64 = regexp.MustCompile(`[0-9a-f]{64}`)

// signatureServer is the fake endpoint, configured to accept the fake
// credentials, behind a handler that records every signature it was sent.
type signatureServer struct {
	fake *clientvpntest.Server
	srv  *httptest.Server
	tls  *httptest.Server

	mu   sync.Mutex
	sigs map[string]bool
	// bodies are the SHA-256 payload hashes of the requests: 64-hex
	// strings that are not secret.
	hashes map[string]bool
	// echo, when set, answers 400 with an HTML page quoting the request's
	// Authorization header and body, as a misbehaving proxy might.
	echo atomic.Bool
	// echoRaw, when set, answers with the token and the signature quoted
	// bare (no header names): with status 403 in an EC2 error envelope, or
	// with status 200 in HTML.
	echoRaw atomic.Int32
}

var sigRE = regexp.MustCompile(`Signature=([0-9a-f]{64})`)

func newSignatureServer(t *testing.T) *signatureServer {
	s := &signatureServer{sigs: map[string]bool{}, hashes: map[string]bool{}}
	s.fake = clientvpntest.NewUnstartedServer(clientvpntest.WithCredentials(secretsAKID, secretsSecret, secretsToken))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sum := sha256.Sum256(body)
		s.mu.Lock()
		if m := sigRE.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
			s.sigs[m[1]] = true
		}
		s.hashes[hex.EncodeToString(sum[:])] = true
		s.mu.Unlock()
		if st := int(s.echoRaw.Load()); st != 0 {
			sig := ""
			if m := sigRE.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
				sig = m[1]
			}
			w.WriteHeader(st)
			if st == http.StatusOK {
				io.WriteString(w, "<?xml version=\"1.0\"?><DescribeClientVpnConnectionsResponse><br>token "+r.Header.Get("X-Amz-Security-Token")+" signature "+sig+"</DescribeClientVpnConnectionsResponse>")
				return
			}
			io.WriteString(w, "<Response><Errors><Error><Code>AuthFailure</Code><Message>token "+r.Header.Get("X-Amz-Security-Token")+
				" signature "+sig+"</Message></Error></Errors><RequestID>r</RequestID></Response>")
			return
		}
		if s.echo.Load() {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, "<html><body><p>Bad request</p><pre>Authorization: "+r.Header.Get("Authorization")+
				"\nX-Amz-Security-Token: "+r.Header.Get("X-Amz-Security-Token")+"\n"+string(body)+"</pre></body></html>")
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		s.fake.Handler().ServeHTTP(w, r)
	})
	s.srv = httptest.NewServer(h)
	s.tls = httptest.NewUnstartedServer(h)
	s.tls.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	s.tls.StartTLS()
	t.Cleanup(s.srv.Close)
	t.Cleanup(s.tls.Close)
	return s
}

// check fails the test if text holds the secret key, the session token, a
// signature the server was sent, or any 64-hex string that is not a
// request's payload hash.
func (s *signatureServer) check(t *testing.T, where, text string) {
	t.Helper()
	for _, bad := range []string{secretsSecret, secretsToken, secretsSecret[:24], "SECRETSECRETSECRET", "TOKENTOKENTOKEN"} {
		if strings.Contains(text, bad) {
			t.Errorf("%s contains the secret %q:\n%s", where, bad, text)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hex64.FindAllString(text, -1) {
		switch {
		case s.sigs[h]:
			t.Errorf("%s contains a request signature %s:\n%s", where, h, text)
		case !s.hashes[h]:
			t.Errorf("%s contains a 64-hex string %s that is no payload hash:\n%s", where, h, text)
		}
	}
}

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSecretsNeverPrinted drives the CLI through every output, --query,
// --debug, --dry-run, errors of every class and credentials from every
// source, with recognisable fake credentials, and checks stdout and stderr.
// SECRETS_SHOW=1 logs what each case printed.
func TestSecretsNeverPrinted(t *testing.T) {
	s := newSignatureServer(t)
	dir := t.TempDir()
	procOK := writeFile(t, filepath.Join(dir, "ok.sh"), "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\""+secretsAKID+"\",\"SecretAccessKey\":\""+secretsSecret+"\",\"SessionToken\":\""+secretsToken+"\"}'\n")
	procFail := writeFile(t, filepath.Join(dir, "fail.sh"), "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\""+secretsAKID+"\",\"SecretAccessKey\":\""+secretsSecret+"\",\"SessionToken\":\""+secretsToken+"\"}'\nexit 3\n")
	procBadJSON := writeFile(t, filepath.Join(dir, "badjson.sh"), "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\""+secretsAKID+"\",\"SecretAccessKey\":\""+secretsSecret+"\",'\n")
	procV2 := writeFile(t, filepath.Join(dir, "v2.sh"), "#!/bin/sh\necho '{\"Version\":2,\"AccessKeyId\":\""+secretsAKID+"\",\"SecretAccessKey\":\""+secretsSecret+"\"}'\n")
	procExpired := writeFile(t, filepath.Join(dir, "expired.sh"), "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\""+secretsAKID+"\",\"SecretAccessKey\":\""+secretsSecret+"\",\"Expiration\":\"2001-01-01T00:00:00Z\"}'\n")
	for _, p := range []string{procOK, procFail, procBadJSON, procV2, procExpired} {
		os.Chmod(p, 0o700)
	}
	withEnvCreds := func(e map[string]string) {
		e["AWS_ACCESS_KEY_ID"] = secretsAKID
		e["AWS_SECRET_ACCESS_KEY"] = secretsSecret
		e["AWS_SESSION_TOKEN"] = secretsToken
	}
	withProcess := func(script string) func(map[string]string) {
		return func(e map[string]string) {
			writeFile(t, e["AWS_CONFIG_FILE"], "[default]\ncredential_process = "+script+"\n")
		}
	}
	base := []string{cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID, "--region", "us-east-1", "--endpoint-url", s.srv.URL}
	tests := []struct {
		Name   string
		Vars   func(map[string]string)
		args   []string
		faults []clientvpntest.Fault
		echo   bool
		raw    int // echoRaw
		tls    bool
		want   int // -1: any non-zero exit
	}{
		{Name: "json", Vars: withEnvCreds},
		{Name: "text", Vars: withEnvCreds, args: []string{"--output", "text"}},
		{Name: "table", Vars: withEnvCreds, args: []string{"--output", "table"}},
		{Name: "query", Vars: withEnvCreds, args: []string{"--query", "Connections[].[ConnectionId,Username]", "--output", "text"}},
		{Name: "max items and a NextToken", Vars: withEnvCreds, args: []string{"--max-items", "2"}},
		{Name: "page size", Vars: withEnvCreds, args: []string{"--page-size", "5", "--debug"}},
		{Name: "debug", Vars: withEnvCreds, args: []string{"--debug"}},
		{Name: "debug with a retried throttle", Vars: withEnvCreds, args: []string{"--debug"}, faults: []clientvpntest.Fault{clientvpntest.Throttle()}},
		{Name: "dry run", Vars: withEnvCreds, args: []string{"--dry-run"}, want: -1},
		{Name: "dry run debug", Vars: withEnvCreds, args: []string{"--dry-run", "--debug"}, want: -1},
		{Name: "api error 403 debug", Vars: withEnvCreds, args: []string{"--debug"}, faults: []clientvpntest.Fault{clientvpntest.APIError(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")}, want: -1},
		{Name: "5xx exhausted debug", Vars: withEnvCreds, args: []string{"--debug", "--cli-read-timeout", "5"}, faults: []clientvpntest.Fault{clientvpntest.HTTPError(502), clientvpntest.HTTPError(503), clientvpntest.HTTPError(504), clientvpntest.HTTPError(500), clientvpntest.HTTPError(502)}, want: -1},
		{Name: "truncated and reset debug", Vars: withEnvCreds, args: []string{"--debug"}, faults: []clientvpntest.Fault{clientvpntest.TruncateBody(), clientvpntest.ResetConnection(), clientvpntest.TruncateBody(), clientvpntest.ResetConnection(), clientvpntest.TruncateBody()}, want: -1},
		{Name: "read timeout", Vars: withEnvCreds, args: []string{"--cli-read-timeout", "1", "--debug"}, faults: []clientvpntest.Fault{clientvpntest.Delay(time.Minute), clientvpntest.Delay(time.Minute), clientvpntest.Delay(time.Minute), clientvpntest.Delay(time.Minute), clientvpntest.Delay(time.Minute)}, want: -1},
		{Name: "proxy echoes the Authorization header", Vars: withEnvCreds, args: []string{}, echo: true, want: -1},
		{Name: "proxy echoes the Authorization header debug", Vars: withEnvCreds, args: []string{"--debug"}, echo: true, want: -1},
		{Name: "error quoting the token bare", Vars: withEnvCreds, raw: 403, want: -1},
		{Name: "error quoting the token bare debug", Vars: withEnvCreds, args: []string{"--debug"}, raw: 403, want: -1},
		{Name: "200 quoting the token bare", Vars: withEnvCreds, raw: 200, want: -1},
		{Name: "200 quoting the token bare debug", Vars: withEnvCreds, args: []string{"--debug"}, raw: 200, want: -1},
		{Name: "wrong secret", Vars: func(e map[string]string) {
			withEnvCreds(e)
			e["AWS_SECRET_ACCESS_KEY"] = "SECRETSECRETSECRETSECRETSECRETSECRETWRONG"
		}, args: []string{"--debug"}, want: -1},
		{Name: "missing token", Vars: func(e map[string]string) { withEnvCreds(e); delete(e, "AWS_SESSION_TOKEN") }, want: -1},
		{Name: "invalid filter", Vars: withEnvCreds, args: []string{"--filters", "Bogus=" + secretsSecret[:8]}, want: -1},
		{Name: "connection refused", Vars: withEnvCreds, args: []string{"--endpoint-url", "http://" + closedPort(t), "--debug"}, want: -1},
		{Name: "untrusted certificate", Vars: withEnvCreds, tls: true, args: []string{"--debug"}, want: -1},
		{Name: "no verify ssl", Vars: withEnvCreds, tls: true, args: []string{"--no-verify-ssl", "--debug"}},
		{Name: "no credentials", want: -1},
		{Name: "no credentials debug", args: []string{"--debug"}, want: -1},
		{Name: "credentials file", Vars: func(e map[string]string) {
			writeFile(t, e["AWS_SHARED_CREDENTIALS_FILE"], "[default]\naws_access_key_id = "+secretsAKID+"\naws_secret_access_key = "+secretsSecret+"\naws_session_token = "+secretsToken+"\n")
		}, args: []string{"--debug"}},
		{Name: "credentials file with a broken line", Vars: func(e map[string]string) {
			writeFile(t, e["AWS_SHARED_CREDENTIALS_FILE"], "[default]\naws_access_key_id = "+secretsAKID+"\naws_secret_access_key "+secretsSecret+"\n"+secretsToken+"\n")
		}, args: []string{"--debug"}, want: -1},
		{Name: "config file with a broken section", Vars: func(e map[string]string) {
			withEnvCreds(e)
			writeFile(t, e["AWS_CONFIG_FILE"], "[default\naws_secret_access_key = "+secretsSecret+"\n")
		}, want: -1},
		{Name: "profile not found", Vars: func(e map[string]string) { withEnvCreds(e) }, args: []string{"--profile", "nope"}, want: -1},
		{Name: "credential_process", Vars: withProcess(procOK), args: []string{"--debug"}},
		{Name: "credential_process prints the secret and fails", Vars: withProcess(procFail), args: []string{"--debug"}, want: -1},
		{Name: "credential_process prints broken JSON", Vars: withProcess(procBadJSON), args: []string{"--debug"}, want: -1},
		{Name: "credential_process version 2", Vars: withProcess(procV2), want: -1},
		{Name: "credential_process expired", Vars: withProcess(procExpired), want: -1},
		{Name: "assume role from a source profile, STS refuses", Vars: func(e map[string]string) {
			writeFile(t, e["AWS_SHARED_CREDENTIALS_FILE"], "[src]\naws_access_key_id = "+secretsAKID+"\naws_secret_access_key = "+secretsSecret+"\naws_session_token = "+secretsToken+"\n")
			writeFile(t, e["AWS_CONFIG_FILE"], "[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\n")
			e["AWS_ENDPOINT_URL_STS"] = s.srv.URL
		}, args: []string{"--debug"}, want: -1},
	}
	if runtime.GOOS == "windows" {
		t.Skip("credential_process scripts are shell scripts")
	}
	ran := 0
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			ran++
			s.fake.ClearFaults()
			s.fake.InjectFaults(tt.faults...)
			s.echo.Store(tt.echo)
			s.echoRaw.Store(int32(tt.raw))
			env := isolatedEnv(t)
			env["AWS_MAX_ATTEMPTS"] = "2" // one retry: enough to log a retry, short backoff
			env["PATH"] = os.Getenv("PATH")
			if tt.Vars != nil {
				tt.Vars(env)
			}
			args := append(append([]string{}, base...), tt.args...)
			if tt.tls {
				args = append(args, "--endpoint-url", s.tls.URL)
			}
			code, stdout, stderr := runIn(t, context.Background(), env, args...)
			if tt.want >= 0 && code != tt.want || tt.want < 0 && code == 0 {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
			if os.Getenv("SECRETS_SHOW") != "" {
				t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			s.check(t, "stdout", stdout)
			s.check(t, "stderr", stderr)
		})
	}
	s.mu.Lock()
	n := len(s.sigs)
	s.mu.Unlock()
	if ran == len(tests) && n < 10 {
		t.Errorf("only %d signatures seen by the server: the cases did not reach it", n)
	}
}

// TestNoVerifySSLWarning: certificate verification is on by default, TLS
// 1.2 is the minimum, and --no-verify-ssl prints the AWS CLI's warning once
// per host; compared with the real AWS CLI v1 when it is installed.
func TestNoVerifySSLWarning(t *testing.T) {
	s := newSignatureServer(t)
	env := isolatedEnv(t)
	env["AWS_ACCESS_KEY_ID"] = secretsAKID
	env["AWS_SECRET_ACCESS_KEY"] = secretsSecret
	env["AWS_SESSION_TOKEN"] = secretsToken
	env["AWS_MAX_ATTEMPTS"] = "1"
	args := []string{cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID, "--region", "us-east-1", "--endpoint-url", s.tls.URL, "--page-size", "5"}

	code, _, stderr := runIn(t, context.Background(), env, args...)
	if code == 0 || !strings.Contains(stderr, "SSL validation failed") {
		t.Errorf("untrusted certificate: exit %d, stderr %q; want a failure", code, stderr)
	}
	code, stdout, stderr := runIn(t, context.Background(), env, append(args, "--no-verify-ssl")...)
	if code != 0 || !strings.Contains(stdout, "ConnectionId") {
		t.Fatalf("--no-verify-ssl: exit %d, stderr %q", code, stderr)
	}
	host := "127.0.0.1"
	want := session.InsecureWarning(host)
	if stderr != strings.Repeat(want, 1) {
		t.Errorf("--no-verify-ssl stderr (3 pages, one host):\n%q\nwant the warning once:\n%q", stderr, want)
	}

	// TLS 1.2 minimum: a server that speaks at most TLS 1.1 is refused.
	old := httptest.NewUnstartedServer(s.fake.Handler())
	old.Config.ErrorLog = log.New(io.Discard, "", 0)
	old.TLS = &tls.Config{MaxVersion: tls.VersionTLS11, MinVersion: tls.VersionTLS10}
	old.StartTLS()
	defer old.Close()
	// (The library's transport: verification on, TLS 1.2 at least; only
	// the version can fail here, as verification is off.)
	code, _, stderr = runIn(t, context.Background(), env, cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
		"--region", "us-east-1", "--endpoint-url", old.URL, "--no-verify-ssl")
	if code == 0 {
		t.Errorf("TLS 1.1 server: exit 0, stderr %q; want a failure", stderr)
	}

	// The real AWS CLI v1's warning, for comparison (its line starts with
	// the absolute path of its urllib3; ec2lite's with "urllib3/").
	aws, err := exec.LookPath("aws")
	if err != nil || testing.Short() {
		t.Skip("the AWS CLI is not installed (or -short): not comparing with it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, aws, "ec2", "describe-client-vpn-connections", "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
		"--region", "us-east-1", "--endpoint-url", s.tls.URL, "--no-verify-ssl", "--page-size", "5")
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "AWS_ACCESS_KEY_ID=" + secretsAKID,
		"AWS_SECRET_ACCESS_KEY=" + secretsSecret, "AWS_SESSION_TOKEN=" + secretsToken, "AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true", "AWS_MAX_ATTEMPTS=1"}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Skipf("the AWS CLI failed (%v): %s", err, errb.String())
	}
	got := errb.String()
	if i := strings.Index(got, "urllib3/connectionpool.py:"); i >= 0 {
		got = got[i:]
	}
	// AWS CLI v1 warns once per request (Python's "default" filter keys on
	// the message and location, and urllib3 resets it); compare one warning.
	if first := got[:min(len(got), len(want))]; first != want {
		t.Errorf("AWS CLI warning differs:\n aws:     %q\n ec2lite: %q", first, want)
	}
	s.check(t, "aws stderr", errb.String())
}
