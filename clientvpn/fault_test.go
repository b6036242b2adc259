package clientvpn

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/ec2xml"
)

// The fault suite runs the Client against the signature-verifying fake
// endpoint over real loopback HTTP, with faults injected either by the fake
// itself (clientvpntest.Fault) or by a scripted wrapper around its handler
// (slow headers, slow bodies, resets in the middle of a body, HTML with
// status 200, a server that never answers). Every case checks the number of
// attempts, the error, and afterwards that no goroutine and no connection
// (client side, counted at dial/close, and server side, counted with
// ConnState) is left behind. TestFakeEndpointFaults (fake_test.go) covers the
// plain retry counts; this suite adds the leak checks and the harder faults.

// faultRig is one fake endpoint behind an httptest server, and a Client for it.
type faultRig struct {
	fake   *clientvpntest.Server
	srv    *httptest.Server
	hc     *http.Client
	client *Client

	mu     sync.Mutex
	waits  []time.Duration
	script map[int]http.HandlerFunc // request number (1-based) -> misbehaviour

	requests    atomic.Int64 // requests that reached the wrapper
	clientConns atomic.Int64 // connections the client opened and has not closed
	serverConns atomic.Int64 // connections the server holds (not closed, not hijacked)
	goroutines  int          // before the rig was built
}

type rigOption func(*faultRig)

// withScript makes request n (1-based) be answered by h instead of the fake.
func withScript(n int, h http.HandlerFunc) rigOption {
	return func(r *faultRig) { r.script[n] = h }
}

// newFaultRig starts a fake endpoint (opts are the fake's options) behind a
// counting httptest server and returns a Client whose backoff waits are
// recorded and skipped. Its cleanup checks for leaks.
func newFaultRig(t *testing.T, fakeOpts []clientvpntest.Option, opts ...rigOption) *faultRig {
	t.Helper()
	r := &faultRig{script: map[int]http.HandlerFunc{}, goroutines: runtime.NumGoroutine()}
	for _, o := range opts {
		o(r)
	}
	r.fake = clientvpntest.NewUnstartedServer(fakeOpts...)
	r.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		n := int(r.requests.Add(1))
		r.mu.Lock()
		h := r.script[n]
		r.mu.Unlock()
		if h != nil {
			h(w, req)
			return
		}
		r.fake.Handler().ServeHTTP(w, req)
	}))
	r.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			r.serverConns.Add(1)
		case http.StateClosed, http.StateHijacked:
			r.serverConns.Add(-1)
		}
	}
	r.srv.Start()
	dialer := &net.Dialer{}
	r.hc = &http.Client{Transport: &http.Transport{
		Proxy:              nil,
		DisableCompression: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			r.clientConns.Add(1)
			return &countedConn{Conn: c, open: &r.clientConns}, nil
		},
	}}
	r.client = &Client{
		Region:   r.fake.Region(),
		Endpoint: r.srv.URL,
		Credentials: credentials.Static{Credentials: credentials.Credentials{
			AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey,
		}},
		HTTPClient: r.hc,
		sleep: func(ctx context.Context, d time.Duration) error {
			r.mu.Lock()
			r.waits = append(r.waits, d)
			r.mu.Unlock()
			return ctx.Err()
		},
	}
	t.Cleanup(func() { r.checkLeaks(t) })
	return r
}

// countedConn decrements open once when closed.
type countedConn struct {
	net.Conn
	open *atomic.Int64
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.open.Add(-1) })
	return c.Conn.Close()
}

// settle polls cond for up to 10 seconds (goroutines and connections wind
// down asynchronously after a call returns); it reports whether cond held.
func settle(cond func() bool) bool {
	for i := 0; i < 1000; i++ {
		if cond() {
			return true
		}
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}

// checkLeaks closes idle connections (a kept-alive connection is not a
// leak, one still busy after the call returned is) and the server, then
// checks that every connection and goroutine is gone.
func (r *faultRig) checkLeaks(t *testing.T) {
	t.Helper()
	r.hc.CloseIdleConnections()
	if !settle(func() bool { return r.clientConns.Load() == 0 && r.serverConns.Load() == 0 }) {
		t.Errorf("connection leak: client holds %d, server holds %d after CloseIdleConnections",
			r.clientConns.Load(), r.serverConns.Load())
	}
	r.srv.Close()
	r.hc.CloseIdleConnections()
	if !settle(func() bool { return runtime.NumGoroutine() <= r.goroutines }) {
		var b strings.Builder
		pprof.Lookup("goroutine").WriteTo(&b, 1)
		t.Errorf("goroutine leak: %d goroutines, %d before the test\n%s", runtime.NumGoroutine(), r.goroutines, b.String())
	}
}

func (r *faultRig) describe(ctx context.Context) (*DescribeClientVpnConnectionsOutput, error) {
	return r.client.DescribeClientVpnConnections(ctx, &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: clientvpntest.SampleEndpointID})
}

// Misbehaviours for withScript.

// htmlOK answers 200 with an HTML page (a captive portal or a misrouted proxy).
func htmlOK(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	io.WriteString(w, "<!DOCTYPE html><html><body><h1>Welcome to the hotel wifi</h1></body></html>")
}

// slowHeaders waits d (or until the client hangs up) before answering.
func slowHeaders(d time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		io.Copy(io.Discard, req.Body) // lets net/http notice a client that hangs up
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			w.WriteHeader(http.StatusServiceUnavailable)
		case <-req.Context().Done():
		}
	}
}

// neverAnswers holds the request until the client hangs up.
func neverAnswers(w http.ResponseWriter, req *http.Request) {
	io.Copy(io.Discard, req.Body)
	<-req.Context().Done()
}

// slowBody sends headers promising n bytes of a valid-looking response, then
// one byte every tick until the client hangs up (or the body is complete).
func slowBody(n int, tick time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		io.Copy(io.Discard, req.Body)
		body := "<DescribeClientVpnConnectionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>" +
			strings.Repeat(" ", n)
		body = body[:n]
		w.Header().Set("Content-Length", fmt.Sprint(len(body)+len("</DescribeClientVpnConnectionsResponse>")))
		w.WriteHeader(http.StatusOK)
		f := w.(http.Flusher)
		for i := 0; i < len(body); i++ {
			if _, err := io.WriteString(w, body[i:i+1]); err != nil {
				return
			}
			f.Flush()
			select {
			case <-time.After(tick):
			case <-req.Context().Done():
				return
			}
		}
		io.WriteString(w, "</DescribeClientVpnConnectionsResponse>")
	}
}

// resetMidBody sends the headers and part of a body, then resets the connection.
func resetMidBody(w http.ResponseWriter, req *http.Request) {
	io.Copy(io.Discard, req.Body)
	conn, bw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	writePartial(bw, "HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: 5000\r\n\r\n"+
		"<DescribeClientVpnConnectionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><connectionSet><item>")
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0) // RST rather than FIN
	}
	conn.Close()
}

func writePartial(bw *bufio.ReadWriter, s string) {
	bw.WriteString(s)
	bw.Flush()
}

// isReset reports a connection reset or a body cut short, as seen by the client.
func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		strings.Contains(err.Error(), "connection reset")
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func apiCode(err error) string {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestFaultSuite(t *testing.T) {
	all := sampleConnectionIDs(t)
	html := func(n int) clientvpntest.Fault { return clientvpntest.HTTPError(n) }
	repeat := func(f clientvpntest.Fault, n int) []clientvpntest.Fault {
		fs := make([]clientvpntest.Fault, n)
		for i := range fs {
			fs[i] = f
		}
		return fs
	}
	tests := []struct {
		name        string
		faults      []clientvpntest.Fault
		script      map[int]http.HandlerFunc
		timeout     time.Duration // http.Client.Timeout; 0 none
		maxAttempts int
		wantCalls   int
		check       func(error) bool // nil: success wanted
		wantWaits   int
		reason      string
	}{
		{name: "throttle burst absorbed", faults: repeat(clientvpntest.Throttle(), 4), maxAttempts: 5, wantCalls: 5, wantWaits: 4,
			reason: "four throttles then success with MaxAttempts 5"},
		{name: "throttle burst exceeds attempts", faults: repeat(clientvpntest.Throttle(), 5), wantCalls: 3, wantWaits: 2,
			check: func(err error) bool {
				return apiCode(err) == "RequestLimitExceeded" && strings.Contains(err.Error(), "giving up after 3 attempts")
			},
			reason: "3 attempts by default, the last error reported"},
		{name: "EC2ThrottledException at HTTP 400", faults: []clientvpntest.Fault{clientvpntest.APIError(400, "EC2ThrottledException", "slow down")}, wantCalls: 2, wantWaits: 1,
			reason: "throttling codes are retried whatever their status"},
		{name: "html 500", faults: []clientvpntest.Fault{html(500)}, wantCalls: 2, wantWaits: 1, reason: "5xx retried"},
		{name: "html 502", faults: []clientvpntest.Fault{html(502)}, wantCalls: 2, wantWaits: 1, reason: "5xx retried"},
		{name: "html 503", faults: []clientvpntest.Fault{html(503)}, wantCalls: 2, wantWaits: 1, reason: "5xx retried"},
		{name: "html 504", faults: []clientvpntest.Fault{html(504)}, wantCalls: 2, wantWaits: 1, reason: "5xx retried"},
		{name: "html 502 every time", faults: repeat(html(502), 3), wantCalls: 3, wantWaits: 2,
			check: func(err error) bool {
				var e *APIError
				return errors.As(err, &e) && e.Code == "502" && e.StatusCode == 502 && strings.Contains(e.Body, "Bad Gateway")
			}, reason: "an HTML error page becomes APIError code \"502\" with a body snapshot"},
		{name: "html 501 not retried", faults: []clientvpntest.Fault{html(501)}, wantCalls: 1,
			check: func(err error) bool { return apiCode(err) == "501" }, reason: "only 500/502/503/504 are retried"},
		{name: "html 200", script: map[int]http.HandlerFunc{1: htmlOK}, wantCalls: 1,
			check: func(err error) bool {
				var se *ec2xml.SyntaxError
				msg := err.Error()
				return errors.As(err, &se) && strings.HasPrefix(msg, "clientvpn: DescribeClientVpnConnections: decoding response (HTTP 200): ec2xml: syntax error at offset ") &&
					strings.Count(msg, "clientvpn:") == 1 && strings.Count(msg, "decoding") == 1 && strings.Count(msg, "offset") == 1
			}, reason: "a 2xx body that does not parse is reported, not retried; the package, operation, decoding and offset are said once"},
		{name: "reset before answer", faults: []clientvpntest.Fault{clientvpntest.ResetConnection()}, wantCalls: 2, wantWaits: 1, reason: "transport error retried"},
		{name: "reset every time", faults: repeat(clientvpntest.ResetConnection(), 3), wantCalls: 3, wantWaits: 2,
			check: isReset, reason: "the transport error is reported after 3 attempts"},
		{name: "reset mid-body", script: map[int]http.HandlerFunc{1: resetMidBody}, wantCalls: 2, wantWaits: 1,
			reason: "a body cut by a reset is a transport error, retried"},
		{name: "reset mid-body every time", script: map[int]http.HandlerFunc{1: resetMidBody, 2: resetMidBody, 3: resetMidBody}, wantCalls: 3, wantWaits: 2,
			check: func(err error) bool { return isReset(err) && strings.Contains(err.Error(), "reading response") }, reason: "reported as a read error"},
		{name: "truncated body", faults: []clientvpntest.Fault{clientvpntest.TruncateBody()}, wantCalls: 2, wantWaits: 1, reason: "retried"},
		{name: "truncated body every time", faults: repeat(clientvpntest.TruncateBody(), 3), wantCalls: 3, wantWaits: 2,
			check: func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }, reason: "io.ErrUnexpectedEOF after 3 attempts"},
		{name: "slow headers beyond client timeout", script: map[int]http.HandlerFunc{1: slowHeaders(time.Hour)}, timeout: 300 * time.Millisecond,
			wantCalls: 2, wantWaits: 1, reason: "a client timeout is a retryable transport error"},
		{name: "slow headers every time", script: map[int]http.HandlerFunc{1: slowHeaders(time.Hour), 2: slowHeaders(time.Hour), 3: slowHeaders(time.Hour)},
			timeout: 200 * time.Millisecond, wantCalls: 3, wantWaits: 2, check: isTimeout, reason: "a net.Error with Timeout() after 3 attempts"},
		{name: "delay fault beyond client timeout", faults: []clientvpntest.Fault{clientvpntest.Delay(time.Hour)}, timeout: 300 * time.Millisecond,
			wantCalls: 2, wantWaits: 1, reason: "the fake's own Delay fault"},
		{name: "slow body beyond client timeout", script: map[int]http.HandlerFunc{1: slowBody(400, 5*time.Millisecond)}, timeout: 300 * time.Millisecond,
			wantCalls: 2, wantWaits: 1, reason: "a body that trickles past the timeout is retried"},
		{name: "slow body every time", script: map[int]http.HandlerFunc{1: slowBody(400, 5*time.Millisecond), 2: slowBody(400, 5*time.Millisecond), 3: slowBody(400, 5*time.Millisecond)},
			timeout: 200 * time.Millisecond, wantCalls: 3, wantWaits: 2,
			check:  func(err error) bool { return isTimeout(err) && strings.Contains(err.Error(), "reading response") },
			reason: "the timeout hits while reading the body"},
		{name: "slow body within timeout", script: map[int]http.HandlerFunc{1: slowBody(150, time.Millisecond)}, timeout: 10 * time.Second,
			wantCalls: 1, check: func(err error) bool {
				// The trickled body is a valid response without connections.
				return err == nil
			}, reason: "slow is not broken"},
		{name: "403 not retried", faults: []clientvpntest.Fault{clientvpntest.APIError(403, "UnauthorizedOperation", "no")}, wantCalls: 1,
			check: func(err error) bool { return apiCode(err) == "UnauthorizedOperation" }, reason: "4xx other than throttling is final"},
		{name: "dry run 412 not retried", faults: []clientvpntest.Fault{clientvpntest.APIError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")}, wantCalls: 1,
			check: func(err error) bool { return apiCode(err) == "DryRunOperation" }, reason: "412 is final"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []rigOption
			for n, h := range tt.script {
				opts = append(opts, withScript(n, h))
			}
			r := newFaultRig(t, []clientvpntest.Option{clientvpntest.WithFaults(tt.faults...)}, opts...)
			r.hc.Timeout = tt.timeout
			r.client.MaxAttempts = tt.maxAttempts
			out, err := r.describe(context.Background())
			if got := int(r.requests.Load()); got != tt.wantCalls {
				t.Errorf("attempts = %d, want %d (%s)", got, tt.wantCalls, tt.reason)
			}
			if len(r.waits) != tt.wantWaits {
				t.Errorf("backoff waits = %v, want %d (%s)", r.waits, tt.wantWaits, tt.reason)
			}
			switch {
			case tt.check == nil:
				if err != nil {
					t.Fatalf("err = %v, want success (%s)", err, tt.reason)
				}
				if len(out.Connections) != len(all) {
					t.Errorf("%d connections, want the %d of the sample endpoint", len(out.Connections), len(all))
				}
			case !tt.check(err):
				t.Errorf("err = %v (%T), not the error wanted (%s)", err, err, tt.reason)
			case err != nil && out != nil:
				t.Errorf("output %v returned with error %v", out, err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "clientvpn: DescribeClientVpnConnections: ") {
				t.Errorf("error %q lacks the operation prefix", err)
			}
		})
	}
}

// TestFaultRetryQuota: a burst of throttling across many calls of one Client
// drains its retry quota; calls then fail at their first attempt instead of
// adding load, and successes refill the bucket.
func TestFaultRetryQuota(t *testing.T) {
	fs := make([]clientvpntest.Fault, 400)
	for i := range fs {
		fs[i] = clientvpntest.Throttle()
	}
	r := newFaultRig(t, []clientvpntest.Option{clientvpntest.WithFaults(fs...)})
	calls := 0
	for r.client.pipe.RetryTokens() >= 5 || calls == 0 {
		calls++
		_, err := r.describe(context.Background())
		if apiCode(err) != "RequestLimitExceeded" {
			t.Fatalf("call %d: err = %v", calls, err)
		}
		if calls > 100 {
			t.Fatalf("quota never drained: %d tokens left", r.client.pipe.RetryTokens())
		}
	}
	before := r.requests.Load()
	_, err := r.describe(context.Background())
	if !strings.Contains(fmt.Sprint(err), "retry quota exhausted after 1 attempts") {
		t.Errorf("err = %v, want the quota error", err)
	}
	if got := r.requests.Load() - before; got != 1 {
		t.Errorf("a call on an empty quota made %d attempts, want 1", got)
	}
	t.Logf("%d throttled calls (%d requests) drained the quota", calls, before)
	if calls != 50 {
		t.Errorf("quota drained after %d calls, want 50 (500 tokens, 2 retries of 5 per call)", calls)
	}
	r.fake.ClearFaults()
	if _, err := r.describe(context.Background()); err != nil {
		t.Fatal(err)
	}
	if tokens := r.client.pipe.RetryTokens(); tokens != 1 {
		t.Errorf("after one success, %d tokens; want 1", tokens)
	}
}

// TestFaultClockSkew covers the client's clock being wrong (the fake's clock
// being wrong is in TestFakeEndpointClockSkew), and a skew error whose Date
// cannot be used.
func TestFaultClockSkew(t *testing.T) {
	t.Run("client clock an hour slow", func(t *testing.T) {
		r := newFaultRig(t, nil)
		r.client.Now = func() time.Time { return time.Now().Add(-time.Hour) }
		if _, err := r.describe(context.Background()); err != nil {
			t.Fatal(err)
		}
		if r.requests.Load() != 2 || len(r.waits) != 0 {
			t.Errorf("attempts %d, waits %v; want 2 and an immediate retry", r.requests.Load(), r.waits)
		}
		if off := r.client.pipe.SkewOffset(); (off - time.Hour).Abs() > 5*time.Second {
			t.Errorf("skew offset %v, want about 1h", off)
		}
	})
	t.Run("skew error without a usable Date", func(t *testing.T) {
		noDate := func(w http.ResponseWriter, req *http.Request) {
			io.Copy(io.Discard, req.Body)
			w.Header()["Date"] = []string{"yesterday-ish"}
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `<Response><Errors><Error><Code>RequestExpired</Code><Message>Request has expired.</Message></Error></Errors><RequestID>x</RequestID></Response>`)
		}
		r := newFaultRig(t, nil, withScript(1, noDate), withScript(2, noDate))
		_, err := r.describe(context.Background())
		if apiCode(err) != "RequestExpired" || r.requests.Load() != 1 {
			t.Errorf("err %v after %d attempts; want RequestExpired after 1 (no correction possible, not retried)", err, r.requests.Load())
		}
	})
	t.Run("skew corrected once only", func(t *testing.T) {
		// The server's clock jumps on every request: the client corrects
		// once, then reports the error rather than chasing it.
		var n atomic.Int64
		r := newFaultRig(t, []clientvpntest.Option{clientvpntest.WithClock(func() time.Time {
			return time.Now().Add(time.Duration(n.Add(1)) * time.Hour)
		})})
		_, err := r.describe(context.Background())
		if apiCode(err) != "RequestExpired" {
			t.Errorf("err = %v, want RequestExpired", err)
		}
		if r.requests.Load() != 2 {
			t.Errorf("attempts = %d, want 2 (one immediate re-signed retry)", r.requests.Load())
		}
	})
}

// blockingProvider returns credentials once released, or ctx.Err().
type blockingProvider struct {
	entered chan struct{}
	release chan struct{}
}

func (p *blockingProvider) Retrieve(ctx context.Context) (credentials.Credentials, error) {
	close(p.entered)
	select {
	case <-p.release:
		return credentials.Credentials{AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey}, nil
	case <-ctx.Done():
		return credentials.Credentials{}, ctx.Err()
	}
}

// TestFaultCancel cancels the context at every stage of a call: before it,
// while credentials are retrieved, while the request waits for headers,
// while the body is read, during the backoff wait, and between the pages of
// a listing. Each returns context.Canceled at once, with no retry.
func TestFaultCancel(t *testing.T) {
	t.Run("before the call", func(t *testing.T) {
		r := newFaultRig(t, nil)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := r.describe(ctx)
		if !errors.Is(err, context.Canceled) || r.requests.Load() != 0 {
			t.Errorf("err %v after %d requests; want context.Canceled and none", err, r.requests.Load())
		}
	})
	t.Run("while retrieving credentials", func(t *testing.T) {
		r := newFaultRig(t, nil)
		p := &blockingProvider{entered: make(chan struct{}), release: make(chan struct{})}
		r.client.Credentials = p
		ctx, cancel := context.WithCancel(context.Background())
		go func() { <-p.entered; cancel() }()
		_, err := r.describe(ctx)
		if !errors.Is(err, context.Canceled) || r.requests.Load() != 0 {
			t.Errorf("err %v after %d requests; want context.Canceled and none", err, r.requests.Load())
		}
	})
	cancelOnRequest := func(h http.HandlerFunc, entered chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			close(entered)
			h(w, req)
		}
	}
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"waiting for headers", neverAnswers},
		{"reading the body", slowBody(10000, 5*time.Millisecond)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entered := make(chan struct{})
			r := newFaultRig(t, nil, withScript(1, cancelOnRequest(tc.handler, entered)))
			ctx, cancel := context.WithCancel(context.Background())
			go func() { <-entered; time.Sleep(50 * time.Millisecond); cancel() }()
			_, err := r.describe(ctx)
			if !errors.Is(err, context.Canceled) || r.requests.Load() != 1 || len(r.waits) != 0 {
				t.Errorf("err %v after %d requests, waits %v; want context.Canceled, 1 request, no retry", err, r.requests.Load(), r.waits)
			}
		})
	}
	t.Run("during the backoff wait", func(t *testing.T) {
		r := newFaultRig(t, []clientvpntest.Option{clientvpntest.WithFaults(clientvpntest.Throttle())})
		r.client.sleep = nil                           // the real wait
		r.client.rand = func() float64 { return 0.99 } // about 2 s
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			settle(func() bool { return r.requests.Load() == 1 })
			time.Sleep(50 * time.Millisecond)
			cancel()
		}()
		_, err := r.describe(ctx)
		if !errors.Is(err, context.Canceled) || apiCode(err) != "RequestLimitExceeded" {
			t.Errorf("err = %v; want context.Canceled wrapping the throttling error", err)
		}
		if r.requests.Load() != 1 {
			t.Errorf("requests = %d, want 1", r.requests.Load())
		}
	})
	t.Run("between pages", func(t *testing.T) {
		r := newFaultRig(t, nil)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var ids []string
		var errs []error
		for conn, err := range r.client.Connections(ctx, &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: clientvpntest.SampleEndpointID, MaxResults: 5}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, conn.ConnectionId)
			if len(ids) == 5 {
				cancel()
			}
		}
		if len(ids) != 5 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("%d connections and errors %v; want the first page, then context.Canceled once", len(ids), errs)
		}
		if r.requests.Load() != 1 {
			t.Errorf("requests = %d, want 1", r.requests.Load())
		}
	})
	t.Run("never answers, bounded by the context deadline", func(t *testing.T) {
		r := newFaultRig(t, nil, withScript(1, neverAnswers))
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := r.describe(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || r.requests.Load() != 1 {
			t.Errorf("err %v after %d requests; want context.DeadlineExceeded after 1", err, r.requests.Load())
		}
	})
}

// TestFaultSilentTCP: a peer that accepts TCP connections and never says a
// word (not even HTTP) is bounded by the context, and its connection closed.
func TestFaultSilentTCP(t *testing.T) {
	g0 := runtime.NumGoroutine()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var open atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			open.Add(1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				io.Copy(io.Discard, c) // until the client closes
				c.Close()
				open.Add(-1)
			}()
		}
	}()
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}}
	c := &Client{
		Region: "us-east-1", Endpoint: "http://" + ln.Addr().String(), HTTPClient: hc,
		Credentials: credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		sleep:       func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = c.DescribeClientVpnConnections(ctx, &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "cvpn-endpoint-1"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	hc.CloseIdleConnections()
	if !settle(func() bool { return open.Load() == 0 }) {
		t.Errorf("%d connections still open", open.Load())
	}
	ln.Close()
	wg.Wait()
	if !settle(func() bool { return runtime.NumGoroutine() <= g0 }) {
		t.Errorf("goroutine leak: %d, %d before", runtime.NumGoroutine(), g0)
	}
}

// TestFaultPartialListing: a listing interrupted by a fault it cannot get
// past ends with an error, never as a short but "complete" listing; a
// listing whose faults are retried is complete and in order.
func TestFaultPartialListing(t *testing.T) {
	in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: clientvpntest.SampleEndpointID, MaxResults: 5}
	all := sampleConnectionIDs(t)
	N := clientvpntest.Fault{}
	tests := []struct {
		name     string
		faults   []clientvpntest.Fault
		script   map[int]http.HandlerFunc
		complete bool
		calls    int
	}{
		{"retryable faults on every page", []clientvpntest.Fault{clientvpntest.Throttle(), N, clientvpntest.TruncateBody(), N, clientvpntest.HTTPError(502), N}, nil, true, 6},
		{"reset mid-body on page 2", nil, map[int]http.HandlerFunc{2: resetMidBody}, true, 4},
		{"page 2 throttled past the attempts", []clientvpntest.Fault{N, clientvpntest.Throttle(), clientvpntest.Throttle(), clientvpntest.Throttle()}, nil, false, 4},
		{"page 3 forbidden", []clientvpntest.Fault{N, N, clientvpntest.APIError(403, "UnauthorizedOperation", "no")}, nil, false, 3},
		{"page 2 truncated every time", []clientvpntest.Fault{N, clientvpntest.TruncateBody(), clientvpntest.TruncateBody(), clientvpntest.TruncateBody()}, nil, false, 4},
		{"page 2 is HTML with 200", nil, map[int]http.HandlerFunc{2: htmlOK}, false, 2},
		{"page 2 never answers", nil, map[int]http.HandlerFunc{2: neverAnswers}, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []rigOption
			for n, h := range tt.script {
				opts = append(opts, withScript(n, h))
			}
			r := newFaultRig(t, []clientvpntest.Option{clientvpntest.WithFaults(tt.faults...)}, opts...)
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond) // bounds "never answers"
			defer cancel()
			var ids []string
			var errs []error
			for conn, err := range r.client.Connections(ctx, in) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if len(errs) > 0 {
					t.Fatalf("connection %s yielded after the error", conn.ConnectionId)
				}
				ids = append(ids, conn.ConnectionId)
			}
			if got := int(r.requests.Load()); got != tt.calls {
				t.Errorf("requests = %d, want %d", got, tt.calls)
			}
			if tt.complete {
				if len(errs) != 0 || strings.Join(ids, " ") != strings.Join(all, " ") {
					t.Errorf("listing %v, errors %v; want the complete listing %v", ids, errs, all)
				}
				return
			}
			if len(errs) != 1 {
				t.Fatalf("errors %v; a partial listing (%d of %d connections) must end with exactly one error", errs, len(ids), len(all))
			}
			if len(ids) >= len(all) || strings.Join(ids, " ") != strings.Join(all[:len(ids)], " ") {
				t.Errorf("partial listing %v is not a prefix of %v", ids, all)
			}
		})
	}
}

// sampleConnectionIDs lists the sample endpoint in one fault-free call.
func sampleConnectionIDs(t *testing.T) []string {
	t.Helper()
	r := newFaultRig(t, nil)
	out, err := r.describe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range out.Connections {
		ids = append(ids, c.ConnectionId)
	}
	if len(ids) < 11 {
		t.Fatalf("sample endpoint lists %d connections; the test wants at least three pages of 5", len(ids))
	}
	return ids
}
