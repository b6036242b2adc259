package main

// The local EC2 stand-in the CLI tests run against: the same routing as
// testdata/cli/record/record.py, which recorded the AWS CLI's behaviour, so
// that ec2lite and the real AWS CLI can be pointed at the same answers. The
// URL path picks the scenario; the server records every form body.

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var fixtureDir = filepath.Join("..", "..", "testdata", "cli", "fixtures")

type fixedAnswer struct {
	Status      int
	contentType string
	file        string
}

var fixedAnswers = map[string]fixedAnswer{
	"/empty":         {200, "text/xml;charset=UTF-8", "empty.xml"},
	"/repeat":        {200, "text/xml;charset=UTF-8", "repeat.xml"},
	"/notfound":      {400, "text/xml;charset=UTF-8", "notfound.xml"},
	"/authfailure":   {401, "text/xml;charset=UTF-8", "authfailure.xml"},
	"/unauthorized":  {403, "text/xml;charset=UTF-8", "unauthorized.xml"},
	"/throttle":      {503, "text/xml;charset=UTF-8", "throttle.xml"},
	"/badgateway":    {502, "text/html", "badgateway.html"},
	"/notxml":        {200, "text/plain", "notxml.txt"},
	"/truncated":     {200, "text/xml;charset=UTF-8", "truncated.xml"},
	"/emptybody":     {200, "text/xml;charset=UTF-8", "emptybody.txt"},
	"/internalerror": {500, "text/xml;charset=UTF-8", "internalerror.xml"},
}

var pageTokens = map[string]string{
	"":                          "page1.xml",
	"AAEAAWJmZTg0+cGFnZTI/eA==": "page2.xml",
	"AAEAAWJmZTg0+cGFnZTM/eA==": "page3.xml",
}

const invalidTokenBody = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>Invalid NextToken</Message></Error></Errors><RequestID>aaaaaaaa-0000-4000-8000-000000000000</RequestID></Response>
`

// fixtureServer serves the scenarios and records request bodies.
type fixtureServer struct {
	*httptest.Server
	TLS    *httptest.Server // the same scenarios over HTTPS, self-signed
	mu     sync.Mutex
	bodies []string
}

func newFixtureServer(t testing.TB) *fixtureServer {
	t.Helper()
	fs := &fixtureServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	fs.TLS = httptest.NewUnstartedServer(http.HandlerFunc(fs.serve))
	fs.TLS.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	fs.TLS.StartTLS()
	t.Cleanup(fs.TLS.Close)
	return fs
}

func (fs *fixtureServer) reset() {
	fs.mu.Lock()
	fs.bodies = nil
	fs.mu.Unlock()
}

func (fs *fixtureServer) requests() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]string(nil), fs.bodies...)
}

func (fs *fixtureServer) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	fs.mu.Lock()
	fs.bodies = append(fs.bodies, string(raw))
	fs.mu.Unlock()
	form, _ := url.ParseQuery(string(raw))
	status, ctype, body := answer(r.URL.Path, form)
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	w.Write(body)
}

func readFixture(name string) []byte {
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		panic(err)
	}
	return b
}

func answer(path string, form url.Values) (int, string, []byte) {
	if a, ok := fixedAnswers[path]; ok {
		return a.Status, a.contentType, readFixture(a.file)
	}
	if form.Get("DryRun") == "true" {
		return 412, "text/xml;charset=UTF-8", readFixture("dryrun.xml")
	}
	tok := form.Get("NextToken")
	name, ok := pageTokens[tok]
	if !ok || (tok == "" && form.Has("NextToken")) {
		return 400, "text/xml;charset=UTF-8", []byte(invalidTokenBody)
	}
	return 200, "text/xml;charset=UTF-8", readFixture(name)
}

// closedPort returns an address nothing listens on.
func closedPort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
