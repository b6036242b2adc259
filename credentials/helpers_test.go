package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The STS fixtures expire in 2014 and 2019; tests that use them run the clock in 2014.
var stsTime = time.Date(2014, 10, 24, 12, 0, 0, 0, time.UTC)

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// envMap returns a Getenv over key/value pairs; the process environment is never touched.
func envMap(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "credentials", "sts", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stsCallRecord is what the fake STS saw.
type stsCallRecord struct {
	Form          url.Values
	Authorization string
	Token         string
}

// fakeSTS is an httptest server speaking the STS Query protocol: it answers AssumeRole and
// AssumeRoleWithWebIdentity with the recorded XML (or the error envelope when fail is set)
// and records every request.
type fakeSTS struct {
	*httptest.Server
	mu    sync.Mutex
	calls []stsCallRecord
	fail  bool
	// answer, when set, overrides the body per call.
	answer func(call stsCallRecord) (int, []byte)
}

func newFakeSTS(t *testing.T) *fakeSTS {
	f := &fakeSTS{}
	assume, web, denied := fixture(t, "AssumeRole.xml"), fixture(t, "AssumeRoleWithWebIdentity.xml"), fixture(t, "ErrorResponse-AccessDenied.xml")
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") == "" {
			http.Error(w, "want a form POST", http.StatusBadRequest)
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		call := stsCallRecord{Form: r.PostForm, Authorization: r.Header.Get("Authorization"), Token: r.Header.Get("X-Amz-Security-Token")}
		f.mu.Lock()
		f.calls = append(f.calls, call)
		fail, answer := f.fail, f.answer
		f.mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		if answer != nil {
			status, body := answer(call)
			w.WriteHeader(status)
			w.Write(body)
			return
		}
		if fail {
			w.WriteHeader(http.StatusForbidden)
			w.Write(denied)
			return
		}
		switch r.PostForm.Get("Action") {
		case "AssumeRole":
			w.Write(assume)
		case "AssumeRoleWithWebIdentity":
			w.Write(web)
		default:
			http.Error(w, "unknown action", http.StatusBadRequest)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSTS) Calls() []stsCallRecord {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]stsCallRecord(nil), f.calls...)
}

// TestHelperProcess is not a test: it is the credential_process the Process tests run
// (the test binary re-executed with CREDENTIALS_HELPER set).
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("CREDENTIALS_HELPER")
	if mode == "" {
		t.Skip("helper process only")
	}
	out := func(v any) {
		b, _ := json.Marshal(v)
		os.Stdout.Write(b)
		os.Exit(0)
	}
	switch mode {
	case "ok":
		out(map[string]any{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET", "SessionToken": "PROCESSTOKEN", "Expiration": "2030-01-02T03:04:05Z"})
	case "no-expiry":
		out(map[string]any{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET"})
	case "expired":
		out(map[string]any{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET", "Expiration": "2001-01-01T00:00:00Z"})
	case "version2":
		out(map[string]any{"Version": 2, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET"})
	case "no-secret":
		out(map[string]any{"Version": 1, "AccessKeyId": "AKIDPROCESS"})
	case "bad-json":
		fmt.Print(`{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET"`)
		os.Exit(0)
	case "fail":
		fmt.Print(`{"SecretAccessKey": "PROCESSSECRET"}`)
		fmt.Fprint(os.Stderr, "helper: token expired, run aws sso login\n")
		os.Exit(3)
	case "hang":
		time.Sleep(time.Hour)
	case "large":
		// Valid output of 2 MiB: a long session token.
		out(map[string]any{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET", "SessionToken": largeToken})
	case "background", "background-long":
		// Leave a background process holding stdout after exiting, as a
		// helper that starts an agent may; it closes stdout when it ends.
		d := "1.5"
		if mode == "background-long" {
			d = "3"
		}
		child := exec.Command("sh", "-c", "sleep "+d)
		child.Stdout = os.Stdout
		if err := child.Start(); err != nil {
			os.Exit(4)
		}
		out(map[string]any{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "PROCESSSECRET"})
	}
	os.Exit(2)
}

// largeToken is the session token of the "large" helper: 2 MiB.
var largeToken = strings.Repeat("T", 2<<20)

// helperCommand is a credential_process command line running TestHelperProcess.
func helperCommand() string {
	return quoteArg(os.Args[0]) + " -test.run=^TestHelperProcess$"
}

func helperEnv(mode string) []string {
	return append(os.Environ(), "CREDENTIALS_HELPER="+mode)
}

func quoteArg(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// countingProvider returns creds from next and counts calls.
type countingProvider struct {
	mu    sync.Mutex
	calls int
	next  func(n int) (Credentials, error)
}

func (p *countingProvider) Retrieve(ctx context.Context) (Credentials, error) {
	p.mu.Lock()
	p.calls++
	n := p.calls
	p.mu.Unlock()
	return p.next(n)
}

func (p *countingProvider) Calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
