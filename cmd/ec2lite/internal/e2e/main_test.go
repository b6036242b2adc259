//go:build unix

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	record = flag.Bool("record", false, "record the goldens in testdata/ by running AWS CLI v2 (and v1, for reference) instead of testing ec2lite")
	awsV2  = flag.String("aws-v2", "/usr/bin/aws", "AWS CLI v2, for -record")
	awsV1  = flag.String("aws-v1", "aws", "AWS CLI v1, for -record (recorded for reference, never compared)")
)

// binary is the ec2lite command built by TestMain.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "ec2lite-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "ec2lite")
	build := exec.Command("go", "build", "-o", binary, "github.com/ec2lite/ec2lite/cmd/ec2lite")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building ec2lite:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Test credentials. The secret and the token are distinctive so that a leak
// is found by a plain substring search.
const (
	testAccessKey = "AKIDEXAMPLE"
	testSecret    = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testEndpoint  = "cvpn-endpoint-0123456789abcdef0"
)

// execTimeout bounds every run of the binary.
const execTimeout = 20 * time.Second

// unset, as the value of an env entry, removes the variable.
const unset = "\x00unset"

// home is a fresh HOME for one run: its .aws/config and .aws/credentials
// are the ones the run sees.
type home struct {
	dir string
}

func newHome(t *testing.T, config, credentials string) home {
	t.Helper()
	dir := t.TempDir()
	h := home{dir: dir}
	if err := os.MkdirAll(filepath.Join(dir, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	h.write(t, ".aws/config", config)
	h.write(t, ".aws/credentials", credentials)
	return h
}

func (h home) write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(h.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func (h home) path(name string) string { return filepath.Join(h.dir, name) }

// environ is the whole environment of a run: PATH and a UTF-8 locale from
// this process, everything else from the home and the test. Variables
// starting with AWS_ are never inherited.
func (h home) environ(env map[string]string) []string {
	m := map[string]string{
		"PATH":                        os.Getenv("PATH"),
		"HOME":                        h.dir,
		"LANG":                        "C.UTF-8",
		"LC_ALL":                      "C.UTF-8",
		"AWS_CONFIG_FILE":             h.path(".aws/config"),
		"AWS_SHARED_CREDENTIALS_FILE": h.path(".aws/credentials"),
		"AWS_ACCESS_KEY_ID":           testAccessKey,
		"AWS_SECRET_ACCESS_KEY":       testSecret,
		"AWS_DEFAULT_REGION":          "us-east-1",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PAGER":                   "",
	}
	for k, v := range env {
		if v == unset {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// result is what one run of a command did.
type result struct {
	stdout, stderr string
	code           int
	elapsed        time.Duration
	timedOut       bool
	maxRSSKiB      int64
}

func (r result) String() string {
	return fmt.Sprintf("exit %d after %v (timed out: %v)\nstdout: %q\nstderr: %q", r.code, r.elapsed.Round(time.Millisecond), r.timedOut, clip(r.stdout), clip(r.stderr))
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:1000] + " … " + s[len(s)-1000:]
	}
	return s
}

// run runs the binary with args in the home, bounded by execTimeout.
func run(t *testing.T, h home, env map[string]string, args ...string) result {
	t.Helper()
	return runCmd(t, []string{binary}, h, env, nil, execTimeout, args...)
}

// runCmd runs argv0 with args and waits for it, at most timeout; when
// started is non-nil it is called with the running command (to signal it).
func runCmd(t *testing.T, argv0 []string, h home, env map[string]string, started func(*exec.Cmd), timeout time.Duration, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv0[0], append(append([]string{}, argv0[1:]...), args...)...)
	cmd.Env = h.environ(env)
	cmd.Dir = h.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 2 * time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", argv0[0], err)
	}
	if started != nil {
		started(cmd)
	}
	err := cmd.Wait()
	r := result{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start), timedOut: ctx.Err() != nil}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		r.code = exitErr.ExitCode()
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			r.code = 128 + int(ws.Signal())
		}
	default:
		r.code = -1
		r.stderr += "\n[run: " + err.Error() + "]"
	}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.maxRSSKiB = ru.Maxrss
		}
	}
	return r
}

// secretFree reports every secret found in the outputs of r.
func secretFree(t *testing.T, r result, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		for name, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if strings.Contains(out, s) {
				i := strings.Index(out, s)
				lo, hi := max(0, i-80), min(len(out), i+len(s)+20)
				t.Errorf("%s shows the secret %q…: …%s…", name, s[:6], strings.ReplaceAll(out[lo:hi], s, "<SECRET>"))
			}
		}
	}
}

// server starts an httptest server on 127.0.0.1 that is closed (its
// handlers' blocked requests released first) when the test ends.
func server(t *testing.T, h http.Handler) (*httptest.Server, <-chan struct{}) {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = nil
	srv.Start()
	t.Cleanup(func() {
		close(done)
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv, done
}

// form reads a request's form parameters (the EC2 Query body).
func form(r *http.Request) url.Values {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	v, _ := url.ParseQuery(string(body))
	return v
}

// accessKeyOf returns the access key of a SigV4 Authorization header.
func accessKeyOf(r *http.Request) string {
	a := r.Header.Get("Authorization")
	i := strings.Index(a, "Credential=")
	if i < 0 {
		return ""
	}
	a = a[i+len("Credential="):]
	if j := strings.IndexByte(a, '/'); j >= 0 {
		return a[:j]
	}
	return a
}

// conn is one connection of a page written by page.
type conn struct {
	id, user, ingressBytes string
}

// page is a DescribeClientVpnConnections answer with conns and next.
func page(next string, conns ...conn) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` + "\n")
	b.WriteString("    <requestId>11111111-1111-4111-8111-111111111111</requestId>\n    <connections>\n")
	for _, c := range conns {
		in := c.ingressBytes
		if in == "" {
			in = "100"
		}
		fmt.Fprintf(&b, `        <item>
            <clientVpnEndpointId>%s</clientVpnEndpointId>
            <timestamp>2026-11-25 12:00:00</timestamp>
            <connectionId>%s</connectionId>
            <username>%s</username>
            <connectionEstablishedTime>2026-11-25 11:00:00</connectionEstablishedTime>
            <ingressBytes>%s</ingressBytes>
            <egressBytes>200</egressBytes>
            <ingressPackets>3</ingressPackets>
            <egressPackets>4</egressPackets>
            <clientIp>10.0.0.1</clientIp>
            <commonName>%s</commonName>
            <status>
                <code>active</code>
            </status>
            <connectionEndTime>-</connectionEndTime>
        </item>
`, testEndpoint, c.id, c.user, in, c.user)
	}
	b.WriteString("    </connections>\n")
	if next != "" {
		fmt.Fprintf(&b, "    <nextToken>%s</nextToken>\n", next)
	}
	b.WriteString("</DescribeClientVpnConnectionsResponse>\n")
	return b.String()
}

// endpointsPage is a DescribeClientVpnEndpoints answer listing ids.
func endpointsPage(ids ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<DescribeClientVpnEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` + "\n")
	b.WriteString("    <requestId>22222222-2222-4222-8222-222222222222</requestId>\n    <clientVpnEndpoint>\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "        <item>\n            <clientVpnEndpointId>%s</clientVpnEndpointId>\n            <status>\n                <code>available</code>\n            </status>\n        </item>\n", id)
	}
	b.WriteString("    </clientVpnEndpoint>\n</DescribeClientVpnEndpointsResponse>\n")
	return b.String()
}

// ec2Error is an EC2 error envelope.
func ec2Error(code, message string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n<Response><Errors><Error><Code>" + code + "</Code><Message>" + message +
		"</Message></Error></Errors><RequestID>aaaaaaaa-0000-4000-8000-000000000400</RequestID></Response>"
}

// writeXML answers status with body.
func writeXML(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// fakeEndpoint starts the command's own fake-endpoint and returns its URL;
// the process is interrupted (then killed) when the test ends.
func fakeEndpoint(t *testing.T) string {
	t.Helper()
	line, _ := startServer(t, newHome(t, "", ""), nil, "fake-endpoint")
	return line
}

// startServer starts the command with args as a long-running server (a
// fake endpoint, the exporter) and returns the first line it prints and its
// process ID; the process is interrupted (then killed) when the test ends.
func startServer(t *testing.T, h home, env map[string]string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = h.environ(env)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 3 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	return firstLine(t, out, cmd), cmd.Process.Pid
}

// firstLine reads the first line of a server command's stdout (its URL),
// waiting at most 10 s, then drains the rest in the background.
func firstLine(t *testing.T, out io.Reader, cmd *exec.Cmd) string {
	t.Helper()
	line := make(chan string, 1)
	go func() {
		br := bufio.NewReader(out)
		s, _ := br.ReadString('\n')
		line <- strings.TrimSpace(s)
		io.Copy(io.Discard, br)
	}()
	select {
	case s := <-line:
		if s == "" {
			t.Fatalf("%s printed no URL", cmd.Args[1])
		}
		return s
	case <-time.After(10 * time.Second):
		t.Fatalf("%s printed no URL within 10 s", cmd.Args[1])
	}
	return ""
}

// closedURL is an http URL on 127.0.0.1 where nothing listens.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// counter is a concurrency-safe hit counter for test servers.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return c.n
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
