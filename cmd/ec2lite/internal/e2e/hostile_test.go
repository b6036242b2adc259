//go:build unix

package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Issue 14's items, as a user of the command sees them.

// TestReadTimeout is issue 14 item 1: --cli-read-timeout bounds every
// read, the body's included, with the AWS CLI's message and exit 255.
func TestReadTimeout(t *testing.T) {
	args := cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--cli-read-timeout", "1")
	env := map[string]string{"AWS_MAX_ATTEMPTS": "2"}
	runGoldenCases(t, []goldenCase{
		{
			name: "read-timeout-body", reason: "headers and half the body, then silence",
			server: "stall-body", args: args, env: env, compareStderr: true, maxElapsed: 10 * time.Second,
		},
		{
			name: "read-timeout-headers", reason: "silence before the headers",
			server: "stall-headers", args: args, env: env, compareStderr: true, maxElapsed: 10 * time.Second,
		},
	})
}

// stallHandler answers with headers and half a page, or nothing, then
// waits until the test ends.
func stallHandler(beforeHeaders bool, done <-chan struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if !beforeHeaders {
			body := page("", conn{id: "cvpn-connection-0000000000000000a", user: "alice"})
			w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(200)
			io.WriteString(w, body[:len(body)/2])
			w.(http.Flusher).Flush()
		}
		select {
		case <-done:
		case <-r.Context().Done():
		case <-time.After(2 * execTimeout):
		}
	}
}

// TestSweepStalledEndpoint is issue 14 item 1: one endpoint whose answer
// stalls halfway through its body does not stall an --all-endpoints sweep's
// other results.
func TestSweepStalledEndpoint(t *testing.T) {
	const good, stalled = "cvpn-endpoint-0000000000000good", "cvpn-endpoint-000000000000stall"
	var srvDone <-chan struct{} // set before any request arrives
	srv, d := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := form(r)
		switch {
		case f.Get("Action") == "DescribeClientVpnEndpoints":
			writeXML(w, 200, endpointsPage(good, stalled))
		case f.Get("ClientVpnEndpointId") == stalled:
			stallHandler(false, srvDone)(w, r)
		default:
			writeXML(w, 200, page("", conn{id: "cvpn-connection-000000000000000ok", user: "alice"}))
		}
	}))
	srvDone = d
	h := newHome(t, "", "")
	r := run(t, h, map[string]string{"AWS_MAX_ATTEMPTS": "1"}, cmdline("--endpoint-url", srv.URL, "--all-endpoints", "--cli-read-timeout", "2", "--output", "text")...)
	if r.timedOut || r.elapsed > 12*time.Second {
		t.Fatalf("the sweep waited for the stalled endpoint: %v", r)
	}
	if !strings.Contains(r.stdout, "cvpn-connection-000000000000000ok") {
		t.Errorf("the good endpoint's connection is not printed: %v", r)
	}
	if r.code == 0 || !strings.Contains(r.stderr, stalled) && !strings.Contains(r.stdout, stalled) {
		t.Errorf("the stalled endpoint's failure is not reported (want exit ≠ 0 and the endpoint named): %v", r)
	}
}

// TestRedirects is issue 14 item 2: a 3xx answer is an error (exit 255,
// the status in the message), and the redirect target receives nothing, for
// EC2, STS (assume-role) and the container credentials endpoint.
func TestRedirects(t *testing.T) {
	for _, status := range []int{301, 302, 307} {
		for _, via := range []string{"ec2", "sts", "container"} {
			t.Run(fmt.Sprintf("%s-%d", via, status), func(t *testing.T) {
				var targetHits counter
				target, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					targetHits.inc()
					io.Copy(io.Discard, r.Body)
					switch via {
					case "sts":
						writeXML(w, 200, assumeRoleAnswer("ASIATARGET", "targetsecret", "targettoken", time.Now().Add(time.Hour)))
					case "container":
						fmt.Fprintf(w, `{"AccessKeyId":"ASIATARGET","SecretAccessKey":"targetsecret","Token":"targettoken","Expiration":"%s"}`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
					default:
						writeXML(w, 200, page("", conn{id: "cvpn-connection-0000000000redirect", user: "mallory"}))
					}
				}))
				redirect, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					http.Redirect(w, r, target.URL+r.URL.Path, status)
				}))
				ec2, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					writeXML(w, 200, page("", conn{id: "cvpn-connection-00000000000000ec2", user: "alice"}))
				}))
				h := newHome(t, stsRoleConfig, baseCredentials)
				env := map[string]string{"AWS_MAX_ATTEMPTS": "1"}
				ec2URL := ec2.URL
				var args []string
				switch via {
				case "ec2":
					ec2URL = redirect.URL
				case "sts":
					env = withEnv(noEnvKeys, "AWS_ENDPOINT_URL_STS", redirect.URL, "AWS_MAX_ATTEMPTS", "1")
					args = []string{"--profile", "role"}
				case "container":
					env = withEnv(noEnvKeys, "AWS_CONTAINER_CREDENTIALS_FULL_URI", redirect.URL+"/creds",
						"AWS_CONTAINER_AUTHORIZATION_TOKEN", "containertoken0123456789", "AWS_MAX_ATTEMPTS", "1")
				}
				r := run(t, h, env, cmdline(append([]string{"--endpoint-url", ec2URL, "--client-vpn-endpoint-id", testEndpoint, "--output", "text"}, args...)...)...)
				if n := targetHits.get(); n != 0 {
					t.Errorf("the redirect target received %d request(s)", n)
				}
				if r.code != 255 || !strings.Contains(r.stderr, strconv.Itoa(status)) {
					t.Errorf("want exit 255 and %d in the message, got %v", status, r)
				}
				secretFree(t, r, "containertoken0123456789", testSecret)
			})
		}
	}
}

// assumeRoleAnswer is STS's AssumeRole answer with these credentials.
func assumeRoleAnswer(key, secret, token string, exp time.Time) string {
	return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
		"<AccessKeyId>" + key + "</AccessKeyId><SecretAccessKey>" + secret + "</SecretAccessKey><SessionToken>" + token +
		"</SessionToken><Expiration>" + exp.UTC().Format(time.RFC3339) + "</Expiration></Credentials>" +
		"<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:e2e</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/e2e/e2e</Arn></AssumedRoleUser>" +
		"</AssumeRoleResult><ResponseMetadata><RequestId>33333333-3333-4333-8333-333333333333</RequestId></ResponseMetadata></AssumeRoleResponse>"
}

// expiringProcess is a credential_process whose keys expire ttl seconds
// after it runs; it counts its runs in HOME/runs, and its access key says
// when it expires (AKIDEXP<unix seconds>).
func expiringProcess(ttl int) string {
	return fmt.Sprintf(`#!/bin/sh
n=$(cat "$HOME/runs" 2>/dev/null || echo 0)
echo $((n+1)) > "$HOME/runs"
exp=$(( $(date +%%s) + %d ))
printf '{"Version": 1, "AccessKeyId": "AKIDEXP%%s", "SecretAccessKey": "procsecret0123456789", "SessionToken": "proctoken0123456789", "Expiration": "%%s"}' "$exp" "$(date -u -d "@$exp" +%%Y-%%m-%%dT%%H:%%M:%%SZ)"
`, ttl)
}

// expiryServer refuses a request signed with an expired AKIDEXP key, as EC2
// refuses expired credentials; otherwise it calls next.
func expiryServer(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := accessKeyOf(r)
		exp, err := strconv.ParseInt(strings.TrimPrefix(key, "AKIDEXP"), 10, 64)
		if err != nil || time.Now().Unix() > exp {
			io.Copy(io.Discard, r.Body)
			writeXML(w, 400, ec2Error("RequestExpired", "Request has expired."))
			return
		}
		next(w, r)
	}
}

func processHome(t *testing.T, ttl int) home {
	h := newHome(t, "[profile proc]\nregion = us-east-1\ncredential_process = /bin/sh "+filepath.Join(t.TempDir(), "x")+"\n", "")
	script := h.write(t, "process.sh", expiringProcess(ttl))
	h.write(t, ".aws/config", "[profile proc]\nregion = us-east-1\ncredential_process = /bin/sh "+script+"\n")
	return h
}

func processRuns(t *testing.T, h home) int {
	b, _ := os.ReadFile(h.path("runs"))
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

// TestPaginationRefreshesCredentials is issue 14 item 3: a pagination that
// outlives its credential_process keys runs the process again and succeeds.
func TestPaginationRefreshesCredentials(t *testing.T) {
	const pages = 4
	srv, _ := server(t, expiryServer(func(w http.ResponseWriter, r *http.Request) {
		f := form(r)
		n, _ := strconv.Atoi(strings.TrimPrefix(f.Get("NextToken"), "page"))
		time.Sleep(1500 * time.Millisecond)
		next := ""
		if n+1 < pages {
			next = "page" + strconv.Itoa(n+1)
		}
		writeXML(w, 200, page(next, conn{id: fmt.Sprintf("cvpn-connection-00000000000000p%02d", n), user: "alice"}))
	}))
	h := processHome(t, 4)
	r := run(t, h, withEnv(noEnvKeys, "AWS_PROFILE", "proc"), cmdline("--endpoint-url", srv.URL, "--client-vpn-endpoint-id", testEndpoint, "--query", "Connections[].ConnectionId", "--output", "text")...)
	// The text output prints page by page, one line per page here, as AWS
	// CLI v1 and v2 do (checked against both with one connection per page).
	want := "cvpn-connection-00000000000000p00\ncvpn-connection-00000000000000p01\ncvpn-connection-00000000000000p02\ncvpn-connection-00000000000000p03\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("a pagination across the keys' expiry: want exit 0 and %q, got %v", want, r)
	}
	if n := processRuns(t, h); n < 2 {
		t.Errorf("credential_process ran %d time(s); the keys expired during the pagination", n)
	}
	secretFree(t, r, "procsecret0123456789", "proctoken0123456789")
}

// metricsProcess is a running `ec2lite metrics`.
type metricsProcess struct {
	url string
	pid int
}

// startMetrics runs `ec2lite metrics ARGS --listen 127.0.0.1:0` until the
// test ends.
func startMetrics(t *testing.T, h home, env map[string]string, args ...string) metricsProcess {
	t.Helper()
	u, pid := startServer(t, h, env, append(append([]string{"metrics"}, args...), "--listen", "127.0.0.1:0")...)
	if i := strings.Index(u, "http://"); i > 0 {
		u = strings.Fields(u[i:])[0]
	}
	if !strings.HasSuffix(u, "/metrics") {
		u = strings.TrimSuffix(u, "/") + "/metrics"
	}
	return metricsProcess{url: u, pid: pid}
}

// scrape GETs the metrics page, within 15 s.
func scrape(t *testing.T, u string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 15 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// sampleValue returns the value of the first sample of the page whose name
// and labels contain substr.
func sampleValue(page, substr string) (float64, bool) {
	for _, line := range strings.Split(page, "\n") {
		if strings.HasPrefix(line, "#") || !strings.Contains(line, substr) {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err == nil {
			return v, true
		}
	}
	return 0, false
}

// TestMetricsRefreshesCredentials is issue 14 item 3: the exporter scraped
// before and after its credential_process keys expire reports up 1 both
// times.
func TestMetricsRefreshesCredentials(t *testing.T) {
	srv, _ := server(t, expiryServer(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		writeXML(w, 200, page("", conn{id: "cvpn-connection-0000000000000000a", user: "alice"}))
	}))
	h := processHome(t, 3)
	m := startMetrics(t, h, withEnv(noEnvKeys, "AWS_PROFILE", "proc"), "--endpoint-url", srv.URL, "--client-vpn-endpoint-id", testEndpoint, "--cache", "0")
	for i := range 2 {
		if i == 1 {
			time.Sleep(4500 * time.Millisecond) // past the first keys' expiry
		}
		status, body := scrape(t, m.url)
		up, ok := sampleValue(body, "ec2lite_clientvpn_up")
		if status != 200 || !ok || up != 1 {
			t.Errorf("scrape %d: want 200 and ec2lite_clientvpn_up 1, got %d, up=%v (found %v)", i+1, status, up, ok)
		}
	}
	if n := processRuns(t, h); n < 2 {
		t.Errorf("credential_process ran %d time(s); the second scrape came after the keys expired", n)
	}
}

// TestMetricsDuplicates is issue 14 item 4: a connection listed twice
// (the live list shifted between pages) is dropped, first wins, and
// counted. The count's metric is found loosely: some sample whose name
// contains "duplicate" has a value ≥ 1.
func TestMetricsDuplicates(t *testing.T) {
	srv, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if form(r).Get("NextToken") == "" {
			writeXML(w, 200, page("page2", conn{id: "cvpn-connection-0000000000000000a", user: "alice"}, conn{id: "cvpn-connection-0000000000000000b", user: "bob"}))
			return
		}
		writeXML(w, 200, page("", conn{id: "cvpn-connection-0000000000000000b", user: "bob-again"}, conn{id: "cvpn-connection-0000000000000000c", user: "carol"}))
	}))
	h := newHome(t, "", "")
	m := startMetrics(t, h, nil, "--endpoint-url", srv.URL, "--client-vpn-endpoint-id", testEndpoint, "--cache", "0")
	status, body := scrape(t, m.url)
	if status != 200 {
		t.Fatalf("scrape: status %d: %s", status, clip(body))
	}
	if !strings.Contains(body, `username="bob"`) || strings.Contains(body, `username="bob-again"`) {
		t.Errorf("the first listing of the duplicate must win: %s", clip(body))
	}
	if !strings.Contains(body, "cvpn-connection-0000000000000000c") {
		t.Errorf("the connection after the duplicate is missing: %s", clip(body))
	}
	re := regexp.MustCompile(`(?m)^[a-z0-9_]*duplicate[a-z0-9_]*(\{[^}]*\})? ([0-9.e+]+)$`)
	found := false
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		if v, err := strconv.ParseFloat(m[2], 64); err == nil && v >= 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no sample whose name contains \"duplicate\" counts the duplicate (value ≥ 1)")
	}
}

// openFDs counts the open file descriptors of pid.
func openFDs(t *testing.T, pid int) int {
	t.Helper()
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Skipf("cannot count open files: %v", err)
	}
	return len(ents)
}

// TestMetricsAbandonedScrapes is issue 14 item 4: scrapes whose clients
// left do not pile up behind a slow sample.
func TestMetricsAbandonedScrapes(t *testing.T) {
	var done <-chan struct{} // set before any request arrives
	srv, d := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select { // a sample that never ends while the test runs
		case <-done:
		case <-r.Context().Done():
		case <-time.After(2 * execTimeout):
		}
	}))
	done = d
	h := newHome(t, "", "")
	m := startMetrics(t, h, map[string]string{"AWS_MAX_ATTEMPTS": "1"}, "--endpoint-url", srv.URL, "--client-vpn-endpoint-id", testEndpoint, "--cache", "0")
	addr := strings.TrimPrefix(m.url, "http://")
	addr = addr[:strings.IndexByte(addr, '/')]
	base := openFDs(t, m.pid)
	const scrapes = 50
	var conns []net.Conn
	for range scrapes {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET /metrics HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		conns = append(conns, c)
	}
	time.Sleep(time.Second)
	for _, c := range conns {
		c.Close()
	}
	var n int
	for range 30 { // up to 3 s for the abandoned scrapes to be dropped
		time.Sleep(100 * time.Millisecond)
		if n = openFDs(t, m.pid); n <= base+10 {
			return
		}
	}
	t.Errorf("%d scrapes opened and closed by their clients: the exporter holds %d open files (%d before)", scrapes, n, base)
}

// TestPaginationTokenCycle is issue 14 item 7: a NextToken cycle A→B→A
// stops with a clear error and exit 255 within a few requests.
func TestPaginationTokenCycle(t *testing.T) {
	var hits counter
	srv, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.inc()
		next := map[string]string{"": "tokenA", "tokenA": "tokenB", "tokenB": "tokenA"}[form(r).Get("NextToken")]
		writeXML(w, 200, page(next, conn{id: "cvpn-connection-0000000000000000a", user: "alice"}))
	}))
	h := newHome(t, "", "")
	r := run(t, h, nil, cmdline("--endpoint-url", srv.URL, "--client-vpn-endpoint-id", testEndpoint)...)
	if n := hits.get(); n >= 10 {
		t.Errorf("the server received %d requests for a token cycle (want < 10)", n)
	}
	if r.code != 255 || !strings.Contains(strings.ToLower(r.stderr), "token") {
		t.Errorf("want exit 255 and an error naming the token, got %v", r)
	}
}

// TestSignalDuringFileRead is issue 14 item 1: SIGINT and SIGTERM end the
// command promptly while it reads a file:// argument from a FIFO that never
// gets a writer or from /dev/zero, whose read must be bounded: the test
// kills a run whose resident memory passes 512 MiB, and fails it.
func TestSignalDuringFileRead(t *testing.T) {
	h := newHome(t, "", "")
	fifo := h.path("fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	const rssLimitKiB = 512 << 10
	for _, src := range []string{fifo, "/dev/zero"} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(fmt.Sprintf("%s-%s", filepath.Base(src), sig), func(t *testing.T) {
				var mu sync.Mutex
				var sent time.Time
				var grew int64
				r := runCmd(t, []string{binary}, h, nil, func(cmd *exec.Cmd) {
					go func() { // the signal
						time.Sleep(700 * time.Millisecond)
						mu.Lock()
						sent = time.Now()
						mu.Unlock()
						cmd.Process.Signal(sig)
					}()
					go func() { // the memory watch, until the process is gone
						status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
						for range int(execTimeout / (20 * time.Millisecond)) {
							kib, ok := vmRSS(status)
							if !ok {
								return
							}
							if kib > rssLimitKiB {
								mu.Lock()
								grew = kib
								mu.Unlock()
								cmd.Process.Kill()
								return
							}
							time.Sleep(20 * time.Millisecond)
						}
					}()
				}, execTimeout, cmdline("--endpoint-url", "http://127.0.0.1:9", "--client-vpn-endpoint-id", testEndpoint, "--filters", "file://"+src)...)
				mu.Lock()
				defer mu.Unlock()
				if grew > 0 {
					t.Fatalf("the command grew past %d MiB reading %s (killed): %v", grew>>10, src, r)
				}
				after := time.Duration(0)
				if !sent.IsZero() {
					after = time.Since(sent) // the run has ended: at most this long after the signal
				}
				if r.timedOut || after > 3*time.Second {
					t.Errorf("%v did not end the command within 3 s: %v", sig, r)
				}
				if r.code == 0 {
					t.Errorf("want a non-zero exit, got %v", r)
				}
				if sig == syscall.SIGINT && !sent.IsZero() && r.code != 130 && src == fifo {
					t.Errorf("want exit 130 on SIGINT (as the README says), got %v", r)
				}
				if strings.Contains(r.stderr, "fatal error") || strings.Contains(r.stderr, "goroutine ") {
					t.Errorf("crashed: %v", r)
				}
			})
		}
	}
}

// vmRSS reads VmRSS (KiB) from a /proc/PID/status file.
func vmRSS(status string) (int64, bool) {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, err := strconv.ParseInt(f[0], 10, 64)
				return n, err == nil
			}
		}
	}
	return 0, false // a zombie has no VmRSS
}

// TestHelpStatesFileLimit is issue 14 item 1: the help states the bound
// on what a file:// argument may hold.
func TestHelpStatesFileLimit(t *testing.T) {
	h := newHome(t, "", "")
	re := regexp.MustCompile(`(?is)file://.{0,300}?\b\d+\s*(bytes|[kmg]i?b)\b|\b\d+\s*(bytes|[kmg]i?b)\b.{0,300}?file://`)
	for _, args := range [][]string{{"help"}, {"help", "describe-client-vpn-connections"}} {
		r := run(t, h, nil, args...)
		if r.code != 0 {
			t.Errorf("ec2lite %s: %v", strings.Join(args, " "), r)
			continue
		}
		if re.MatchString(r.stdout) {
			return
		}
	}
	t.Errorf("neither `ec2lite help` nor `ec2lite help describe-client-vpn-connections` states a size limit for file:// arguments")
}

// deepCheck is the check of the deep-input cases: refused (exit 252 or
// 255, v2 exits 255 for deep shorthand and JSON, 252 for a deep --query),
// fast, with an error that says it is about depth, and no crash.
func deepCheck(t *testing.T, got, v2 recorded, elapsed time.Duration) {
	if got.Exit != 252 && got.Exit != 255 {
		t.Errorf("want exit 252 or 255 (AWS CLI v2: %d), got %d", v2.Exit, got.Exit)
	}
	if got.Stdout != "" {
		t.Errorf("want nothing on stdout, got %d bytes", len(got.Stdout))
	}
	low := strings.ToLower(got.Stderr)
	if !strings.Contains(low, "depth") && !strings.Contains(low, "nest") && !strings.Contains(low, "deep") {
		t.Errorf("the error does not say the input is nested too deep (AWS CLI v2: %q): %q", v2.Stderr, clip(got.Stderr))
	}
	if strings.Contains(got.Stderr, "goroutine ") || strings.Contains(got.Stderr, "fatal error") {
		t.Errorf("crashed: %q", clip(got.Stderr))
	}
}

// TestDeepInput is issue 14 item 7: deeply nested --filters (shorthand as
// an argument or a file, JSON in a file) and a --query whose result is
// nested beyond the AWS CLI's limit (about 1000) are refused, fast.
func TestDeepInput(t *testing.T) {
	deepShorthand := "Name=" + strings.Repeat("{a=", 30000) + "b" + strings.Repeat("}", 30000) // 120 KB (an argument may hold 128 KiB)
	fileShorthand := "Name=" + strings.Repeat("{a=", 300000) + "b" + strings.Repeat("}", 300000)
	fileJSON := `[{"Name": "a", "Values": ` + strings.Repeat("[", 300000) + strings.Repeat("]", 300000) + "}]"
	args := func(extra ...string) []string {
		return cmdline(append([]string{"--endpoint-url", "{CLOSED}", "--client-vpn-endpoint-id", testEndpoint}, extra...)...)
	}
	runGoldenCases(t, []goldenCase{
		{name: "deep-filters-shorthand", reason: "--filters shorthand 120 KB, 30000 levels deep", args: args("--filters", deepShorthand), maxElapsed: 2 * time.Second, check: deepCheck},
		{name: "deep-filters-file-shorthand", reason: "--filters file:// shorthand 300000 levels deep", args: args("--filters", "file://{HOME}/deep.txt"), files: map[string]string{"deep.txt": fileShorthand}, maxElapsed: 2 * time.Second, check: deepCheck},
		{name: "deep-filters-file-json", reason: "--filters file:// JSON 300000 levels deep", args: args("--filters", "file://{HOME}/deep.json"), files: map[string]string{"deep.json": fileJSON}, maxElapsed: 2 * time.Second, check: deepCheck},
		{
			name: "deep-query", reason: "--query whose result is 5000 levels deep",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--query", strings.Repeat("[", 5000)+"@"+strings.Repeat("]", 5000)),
			maxElapsed: 2 * time.Second, check: deepCheck,
		},
	})
}

// echoHeaders echoes the request's Authorization and security token
// headers in the answer's headers.
func echoHeaders(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Echo-Authorization", r.Header.Get("Authorization"))
	w.Header().Set("X-Echo-Security-Token", r.Header.Get("X-Amz-Security-Token"))
}

// withEcho puts the request's security token into an XML answer, as an
// element a decoder skips, right after its first line.
func withEcho(body string, r *http.Request) string {
	tok := r.Header.Get("X-Amz-Security-Token")
	i := strings.IndexByte(body, '\n')
	return body[:i+1] + "<!-- " + tok + " -->" + strings.Replace(body[i+1:], "<requestId>", "<echo>"+tok+"</echo><requestId>", 1)
}

// TestDebugNoSecrets is issue 14 item 6: every command, with --debug,
// against an EC2 server that echoes the session token it is sent (in its
// headers and its XML bodies) and credential sources that answer with
// secrets (STS, the container endpoint, credential_process), never prints a
// secret key or a session token.
func TestDebugNoSecrets(t *testing.T) {
	const (
		envToken       = "envtoken0123456789abcdefSECRET"
		stsSecret      = "stssecret0123456789abcdefSECRET"
		stsToken       = "ststoken0123456789abcdefSECRET"
		containerToken = "containerauth0123456789SECRET"
		containerSec   = "containersecret0123456789SECRET"
		containerSess  = "containersession0123456789SECRET"
		procSecret     = "procsecret0123456789abcdefSECRET"
		procToken      = "proctoken0123456789abcdefSECRET"
	)
	secrets := []string{testSecret, envToken, stsSecret, stsToken, containerToken, containerSec, containerSess, procSecret, procToken}
	ec2, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := form(r)
		echoHeaders(w, r)
		switch f.Get("Action") {
		case "DescribeClientVpnEndpoints":
			writeXML(w, 200, withEcho(endpointsPage(testEndpoint), r))
		case "TerminateClientVpnConnections":
			writeXML(w, 400, withEcho(ec2Error("InvalidParameterValue", "nothing to terminate"), r))
		default:
			writeXML(w, 200, withEcho(page("", conn{id: "cvpn-connection-0000000000000000a", user: "alice"}), r))
		}
	}))
	sts, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		echoHeaders(w, r)
		writeXML(w, 200, assumeRoleAnswer("ASIASTSEXAMPLE", stsSecret, stsToken, time.Now().Add(time.Hour)))
	}))
	container, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echoHeaders(w, r)
		fmt.Fprintf(w, `{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"%s","Token":"%s","Expiration":"%s"}`, containerSec, containerSess, time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	}))
	h := newHome(t, stsRoleConfig+"[profile proc]\nregion = us-east-1\ncredential_process = /bin/sh PROCESS\n", baseCredentials)
	script := h.write(t, "process.sh", fmt.Sprintf("#!/bin/sh\nprintf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"%s\", \"SessionToken\": \"%s\"}'\n", procSecret, procToken))
	cfg, _ := os.ReadFile(h.path(".aws/config"))
	h.write(t, ".aws/config", strings.Replace(string(cfg), "PROCESS", script, 1))

	sources := map[string]map[string]string{
		"env":       {"AWS_SESSION_TOKEN": envToken},
		"sts":       withEnv(noEnvKeys, "AWS_PROFILE", "role", "AWS_ENDPOINT_URL_STS", sts.URL),
		"container": withEnv(noEnvKeys, "AWS_CONTAINER_CREDENTIALS_FULL_URI", container.URL+"/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN", containerToken),
		"process":   withEnv(noEnvKeys, "AWS_PROFILE", "proc"),
	}
	commands := map[string][]string{
		"describe":      {"describe-client-vpn-connections", "--client-vpn-endpoint-id", testEndpoint},
		"describe-fail": {"describe-client-vpn-connections", "--client-vpn-endpoint-id", testEndpoint, "--cli-read-timeout", "abc"},
		"sweep":         {"describe-client-vpn-connections", "--all-endpoints"},
		"endpoints":     {"describe-client-vpn-endpoints"},
		"terminate":     {"terminate-client-vpn-connections", "--client-vpn-endpoint-id", testEndpoint, "--username", "alice"},
	}
	for src, env := range sources {
		for name, args := range commands {
			t.Run(src+"-"+name, func(t *testing.T) {
				r := run(t, h, env, append([]string{"--debug", "--endpoint-url", ec2.URL}, args...)...)
				if r.timedOut {
					t.Errorf("timed out: %v", r)
				}
				secretFree(t, r, secrets...)
			})
		}
		t.Run(src+"-metrics", func(t *testing.T) {
			m := startMetricsDebug(t, h, env, "--debug", "--endpoint-url", ec2.URL, "--client-vpn-endpoint-id", testEndpoint, "--cache", "0")
			scrape(t, m.url)
			scrape(t, m.url)
			out := m.stop()
			secretFree(t, result{stdout: out.stdout, stderr: out.stderr}, secrets...)
		})
	}
}

// debugMetrics is a metrics process whose outputs are kept.
type debugMetrics struct {
	metricsProcess
	stop func() result
}

// startMetricsDebug is startMetrics keeping stdout (after the URL) and
// stderr, returned by stop.
func startMetricsDebug(t *testing.T, h home, env map[string]string, args ...string) debugMetrics {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, append(append([]string{"metrics"}, args...), "--listen", "127.0.0.1:0")...)
	cmd.Env = h.environ(env)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 3 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var stdout lockedBuffer
	first := make(chan string, 1)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		br := bufio.NewReader(out)
		s, _ := br.ReadString('\n')
		stdout.Write([]byte(s))
		first <- s
		io.Copy(&stdout, br)
	}()
	var stopped bool
	stop := func() result {
		if !stopped {
			stopped = true
			cancel()
			cmd.Wait()
			<-copied
		}
		return result{stdout: stdout.String(), stderr: stderr.String()}
	}
	t.Cleanup(func() { stop() })
	var u string
	select {
	case u = <-first:
	case <-time.After(10 * time.Second):
		t.Fatalf("metrics printed no URL within 10 s; stderr: %q", stderr.String())
	}
	u = strings.TrimSpace(u)
	if i := strings.Index(u, "http://"); i >= 0 {
		u = strings.Fields(u[i:])[0]
	} else {
		r := stop()
		t.Fatalf("metrics did not start: %q %q", r.stdout, clip(r.stderr))
	}
	if !strings.HasSuffix(u, "/metrics") {
		u = strings.TrimSuffix(u, "/") + "/metrics"
	}
	return debugMetrics{metricsProcess{url: u, pid: cmd.Process.Pid}, stop}
}

// lockedBuffer is a strings.Builder safe for concurrent use.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
