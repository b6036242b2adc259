//go:build unix

package e2e

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// A goldenCase is one command run by AWS CLI v2 at recording time and by
// ec2lite at test time, against the same kind of server.
//
// Its args, env, config and credentials may hold placeholders, expanded
// before the run and put back into the outputs before comparing:
//
//	{URL}     the case's server (the own server or the fake-endpoint)
//	{CLOSED}  an http URL on 127.0.0.1 where nothing listens
//	{HOME}    the run's temporary HOME
//
// and awsReplace lists more replacements for the AWS CLIs' outputs only, where
// v2 2.9 reaches another URL than ec2lite (v2 2.9 ignores
// AWS_ENDPOINT_URL_STS, so its STS URL is the regional AWS one).
type goldenCase struct {
	name, reason string
	// server is "fake" (ec2lite fake-endpoint, sample data), "own"
	// (ownServer: recorded request bodies and hand-written answers) or "".
	server      string
	args        []string
	env         map[string]string
	config      string
	credentials string
	files       map[string]string // more files in HOME, executable
	awsReplace  map[string]string
	// compareStderr is false where only stdout and the exit code are the
	// point (stderr is then compared only for being empty or not).
	compareStderr bool
	// stderrUpTo, when set, limits the comparison of stderr to its text up
	// to and including this marker (what follows is the AWS CLI's own list
	// of help topics, which ec2lite does not have).
	stderrUpTo string
	// maxElapsed, when set, bounds ec2lite's run time.
	maxElapsed time.Duration
	// check, when set, replaces the comparison with the golden: got is
	// ec2lite's run, v2 the golden's.
	check func(t *testing.T, got, v2 recorded, elapsed time.Duration)
}

// golden is the file testdata/NAME.json.
type golden struct {
	Name   string            `json:"name"`
	Reason string            `json:"reason"`
	Args   []string          `json:"args"`
	Env    map[string]string `json:"env,omitempty"`
	Config string            `json:"config,omitempty"`
	V2     recorded          `json:"v2"`
	V1     recorded          `json:"v1"`
}

// recorded is what one AWS CLI did: placeholders in place of the URLs and
// HOME, and the own server's requests as sorted "name=value" lists.
type recorded struct {
	Exit     int        `json:"exit"`
	Stdout   string     `json:"stdout"`
	Stderr   string     `json:"stderr"`
	Requests [][]string `json:"requests,omitempty"`
}

// ownServer answers DescribeClientVpnConnections as the cases need and
// keeps the requests it received.
type ownServer struct {
	mu   sync.Mutex
	reqs [][]string
}

func (s *ownServer) take() [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.reqs
	s.reqs = nil
	return r
}

func (s *ownServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := form(r)
	var params []string
	for k, vs := range f {
		for _, v := range vs {
			params = append(params, k+"="+v)
		}
	}
	sort.Strings(params)
	s.mu.Lock()
	s.reqs = append(s.reqs, params)
	s.mu.Unlock()
	switch r.URL.Path {
	case "/empty400":
		w.WriteHeader(400)
	case "/html403":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(403)
		w.Write([]byte("<html><body><h1>403 Forbidden</h1></body></html>\n"))
	case "/text404":
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(404)
		w.Write([]byte("not found\n"))
	case "/msgnocode":
		writeXML(w, 400, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<Response><Errors><Error><Message>The endpoint is being modified; try again later</Message></Error></Errors><RequestID>aaaaaaaa-0000-4000-8000-000000000401</RequestID></Response>")
	default:
		if id, ok := f["ClientVpnEndpointId"]; !ok || id[0] == "" {
			writeXML(w, 400, ec2Error("MissingParameter", "The request must contain the parameter ClientVpnEndpointId"))
			return
		}
		if mr := f.Get("MaxResults"); len(mr) > 3 {
			writeXML(w, 400, ec2Error("InvalidParameterValue", "Value ( "+mr+" ) for parameter maxResults is invalid. Expecting a value less than 1000."))
			return
		}
		writeXML(w, 200, page("",
			conn{id: "cvpn-connection-0000000000000000a", user: "alice", ingressBytes: "18446744073709551615"},
			conn{id: "cvpn-connection-0000000000000000b", user: "bob", ingressBytes: "1004344146"},
		))
	}
}

// goldenEnv is a case's run: its home, URLs and the expansion of
// placeholders.
type goldenEnv struct {
	h    home
	repl [][2]string // placeholder → value
	own  *ownServer
}

func (g *goldenEnv) expand(s string) string {
	for _, r := range g.repl {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

// normalize puts the placeholders back.
func (g *goldenEnv) normalize(s string, extra map[string]string) string {
	for _, r := range g.repl {
		s = strings.ReplaceAll(s, r[1], r[0])
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s = strings.ReplaceAll(s, k, extra[k])
	}
	return s
}

// setup makes the case's home and servers.
func setup(t *testing.T, c goldenCase, fakeURL string) *goldenEnv {
	t.Helper()
	g := &goldenEnv{}
	switch c.server {
	case "own":
		g.own = &ownServer{}
		srv, _ := server(t, g.own)
		g.repl = append(g.repl, [2]string{"{URL}", srv.URL})
	case "fake":
		g.repl = append(g.repl, [2]string{"{URL}", fakeURL})
	case "stall-body", "stall-headers":
		var srv *httptest.Server
		var done <-chan struct{}
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { stallHandler(c.server == "stall-headers", done)(w, r) })
		srv, done = server(t, h)
		g.repl = append(g.repl, [2]string{"{URL}", srv.URL})
	}
	g.repl = append(g.repl, [2]string{"{CLOSED}", closedURL(t)})
	g.h = newHome(t, "", "")
	g.repl = append(g.repl, [2]string{"{HOME}", g.h.dir})
	g.h.write(t, ".aws/config", g.expand(c.config))
	g.h.write(t, ".aws/credentials", g.expand(c.credentials))
	for name, content := range c.files {
		p := g.h.write(t, name, g.expand(content))
		os.Chmod(p, 0o700)
	}
	return g
}

func (g *goldenEnv) runWith(t *testing.T, argv0 []string, c goldenCase, timeout time.Duration) (recorded, time.Duration) {
	t.Helper()
	args := make([]string, len(c.args))
	for i, a := range c.args {
		args[i] = g.expand(a)
	}
	env := map[string]string{}
	for k, v := range c.env {
		env[k] = g.expand(v)
	}
	r := runCmd(t, argv0, g.h, env, nil, timeout, args...)
	if r.timedOut {
		t.Errorf("%s did not finish within %v", argv0[0], timeout)
	}
	rec := recorded{Exit: r.code, Stdout: g.normalize(r.stdout, nil), Stderr: g.normalize(r.stderr, nil)}
	if g.own != nil {
		for _, req := range g.own.take() {
			for i := range req {
				req[i] = g.normalize(req[i], nil)
			}
			rec.Requests = append(rec.Requests, req)
		}
	}
	return rec, r.elapsed
}

// v2AsEc2lite rewrites AWS CLI v2's program name and usage banner as
// ec2lite prints them: "aws" becomes "ec2lite", and the banner loses its
// "<subcommand>" parts, since ec2lite has one level of commands. Nothing
// else is rewritten.
func v2AsEc2lite(s string) string {
	s = strings.ReplaceAll(s, "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]", "usage: ec2lite [options] <command> [parameters]")
	s = strings.ReplaceAll(s, "  aws <command> <subcommand> help\n", "")
	s = strings.ReplaceAll(s, "  aws help\n", "  ec2lite help\n")
	s = strings.ReplaceAll(s, "  aws <command> help\n", "  ec2lite <command> help\n")
	s = strings.ReplaceAll(s, "\naws: error:", "\nec2lite: error:")
	return s
}

func goldenPath(name string) string { return filepath.Join("testdata", name+".json") }

// runGoldenCases records (with -record) or checks every case.
func runGoldenCases(t *testing.T, cases []goldenCase) {
	var fakeURL string
	for _, c := range cases {
		if c.server == "fake" {
			fakeURL = fakeEndpoint(t)
			break
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if *record {
				recordCase(t, c, fakeURL)
				return
			}
			data, err := os.ReadFile(goldenPath(c.name))
			if err != nil {
				t.Fatalf("no golden (record it with -record): %v", err)
			}
			var want golden
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if len(strings.Join(c.args, "")) > 4096 {
				// Long arguments are kept in the golden only as their size.
				if want.Args[0] != argsDigest(c.args) {
					t.Fatalf("the golden was recorded with other arguments; re-record it")
				}
			} else if diff := cmp.Diff(want.Args, c.args); diff != "" {
				t.Fatalf("the golden was recorded with other arguments; re-record it (-golden +case):\n%s", diff)
			}
			g := setup(t, c, fakeURL)
			got, elapsed := g.runWith(t, []string{binary}, c, execTimeout)
			if c.maxElapsed > 0 && elapsed > c.maxElapsed {
				t.Errorf("%s: ec2lite took %v (want at most %v)", c.reason, elapsed.Round(time.Millisecond), c.maxElapsed)
			}
			if c.check != nil {
				c.check(t, got, want.V2, elapsed)
				return
			}
			exp := want.V2
			exp.Stdout = v2AsEc2lite(exp.Stdout)
			exp.Stderr = v2AsEc2lite(exp.Stderr)
			if c.stderrUpTo != "" {
				exp.Stderr = upTo(exp.Stderr, c.stderrUpTo)
				got.Stderr = upTo(got.Stderr, c.stderrUpTo)
			}
			if !c.compareStderr {
				exp.Stderr = nonEmpty(exp.Stderr)
				got.Stderr = nonEmpty(got.Stderr)
			}
			if c.server != "own" {
				exp.Requests, got.Requests = nil, nil
			}
			if diff := cmp.Diff(exp, got); diff != "" {
				t.Errorf("%s: ec2lite %s\ndiffers from AWS CLI v2 (-v2 +ec2lite):\n%s", c.reason, strings.Join(c.args, " "), diff)
			}
		})
	}
}

// upTo returns s up to and including the first marker, or all of s.
func upTo(s, marker string) string {
	if i := strings.Index(s, marker); i >= 0 {
		return s[:i+len(marker)] + " …"
	}
	return s
}

// argsDigest stands for arguments too long to keep in a golden.
func argsDigest(args []string) string {
	sum := sha256.Sum256([]byte(strings.Join(args, "\x00")))
	return fmt.Sprintf("(%d arguments, %d bytes, sha256 %x)", len(args), len(strings.Join(args, "")), sum[:8])
}

// nonEmpty stands for a stderr compared only for being empty or not.
func nonEmpty(s string) string {
	if s == "" {
		return ""
	}
	return "(not compared: non-empty)"
}

func recordCase(t *testing.T, c goldenCase, fakeURL string) {
	g := golden{Name: c.name, Reason: c.reason, Args: c.args, Env: c.env, Config: c.config}
	if len(strings.Join(c.args, "")) > 4096 {
		g.Args = []string{argsDigest(c.args)}
	}
	for _, v := range []struct {
		out  *recorded
		argv string
	}{{&g.V2, *awsV2}, {&g.V1, *awsV1}} {
		e := setup(t, c, fakeURL)
		*v.out, _ = e.runWith(t, []string{v.argv}, c, 90*time.Second)
		v.out.Stdout = e.normalize(v.out.Stdout, c.awsReplace)
		v.out.Stderr = e.normalize(v.out.Stderr, c.awsReplace)
		if c.server != "own" {
			v.out.Requests = nil
		}
	}
	data, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goldenPath(c.name), append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("v2 exit %d, v1 exit %d", g.V2.Exit, g.V1.Exit)
}
