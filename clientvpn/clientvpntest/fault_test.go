package clientvpntest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFaults(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	body := form("ClientVpnEndpointId", SampleEndpointID)

	t.Run("throttle next N", func(t *testing.T) {
		srv.Throttle(2)
		var got []int
		for i := 0; i < 3; i++ {
			resp, b := c.post(body, nil)
			got = append(got, resp.StatusCode)
			if resp.StatusCode == 503 {
				e := decodeError(t, b)
				if e.Code != "RequestLimitExceeded" || e.Message != "Request limit exceeded." {
					t.Errorf("throttle error = %+v", e)
				}
			}
		}
		if diff := cmp.Diff([]int{503, 503, 200}, got); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
	})
	t.Run("HTML 502 and 500", func(t *testing.T) {
		srv.InjectFaults(HTTPError(502), HTTPError(500))
		for _, want := range []int{502, 500} {
			resp, b := c.post(body, nil)
			if resp.StatusCode != want || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
				!bytes.HasPrefix(b, []byte("<html>")) {
				t.Errorf("status %d, type %q, body %q; want %d HTML", resp.StatusCode, resp.Header.Get("Content-Type"), b, want)
			}
		}
	})
	t.Run("API error", func(t *testing.T) {
		srv.InjectFaults(APIError(500, "InternalError", "An internal error has occurred"))
		resp, b := c.post(body, nil)
		if e := decodeError(t, b); resp.StatusCode != 500 || e.Code != "InternalError" {
			t.Errorf("status %d error %+v", resp.StatusCode, e)
		}
	})
	t.Run("faults apply before authentication", func(t *testing.T) {
		srv.Throttle(1)
		resp, _ := c.post(body, func(r *http.Request) { r.Header.Del("Authorization") })
		if resp.StatusCode != 503 {
			t.Errorf("status %d, want 503", resp.StatusCode)
		}
	})
	t.Run("truncated body", func(t *testing.T) {
		srv.InjectFaults(TruncateBody())
		resp, err := c.hc.Do(signedRequest(t, c, body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("reading a truncated body: %v (read %d of %d bytes), want unexpected EOF", err, len(b), resp.ContentLength)
		}
		if resp.StatusCode != 200 || int64(len(b)) != resp.ContentLength/2 {
			t.Errorf("status %d, read %d of %d bytes", resp.StatusCode, len(b), resp.ContentLength)
		}
	})
	t.Run("connection reset", func(t *testing.T) {
		srv.InjectFaults(ResetConnection())
		resp, err := c.hc.Do(signedRequest(t, c, body))
		if err == nil {
			resp.Body.Close()
			t.Fatalf("status %d, want a transport error", resp.StatusCode)
		}
	})
	t.Run("delay until the client gives up", func(t *testing.T) {
		srv.InjectFaults(Delay(time.Hour))
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := c.hc.Do(signedRequest(t, c, body).WithContext(ctx))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want deadline exceeded", err)
		}
	})
	t.Run("short delay then normal answer", func(t *testing.T) {
		srv.InjectFaults(Delay(time.Millisecond))
		if resp, b := c.post(body, nil); resp.StatusCode != 200 {
			t.Errorf("status %d: %s", resp.StatusCode, b)
		}
	})
	t.Run("ClearFaults", func(t *testing.T) {
		srv.Throttle(5)
		srv.ClearFaults()
		if resp, _ := c.post(body, nil); resp.StatusCode != 200 {
			t.Errorf("status %d after ClearFaults", resp.StatusCode)
		}
	})
}

func TestFaultsInProcess(t *testing.T) {
	// A handler mounted without a listener cannot hijack; reset and truncate abort
	// the handler (http.ErrAbortHandler) instead.
	srv := NewUnstartedServer(WithoutAuth(), WithFaults(ResetConnection()))
	h := srv.Handler()
	defer func() {
		if r := recover(); r != http.ErrAbortHandler {
			t.Errorf("recover() = %v, want http.ErrAbortHandler", r)
		}
	}()
	h.ServeHTTP(discardWriter{http.Header{}}, httpRequest(form("ClientVpnEndpointId", SampleEndpointID)))
}

type discardWriter struct{ h http.Header }

func (w discardWriter) Header() http.Header         { return w.h }
func (w discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w discardWriter) WriteHeader(int)             {}

func httpRequest(body string) *http.Request {
	r, _ := http.NewRequest(http.MethodPost, "http://fake.invalid/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return r
}

func signedRequest(t *testing.T, c *testClient, body string) *http.Request {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, c.url, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if err := c.signer.Sign(r, signInput(c, []byte(body))); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLive(t *testing.T) {
	clock := &fakeClock{now: fixedNow}
	srv := NewServer(WithLive(), WithClock(clock.Now))
	defer srv.Close()
	c := newTestClient(t, srv)
	c.now = clock.Now
	body := form("ClientVpnEndpointId", SampleEndpointID)
	get := func() map[string]xmlConn {
		resp, b := c.post(body, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		m := map[string]xmlConn{}
		for _, x := range decodeDescribe(t, b).Connections {
			m[x.ConnectionId] = x
		}
		return m
	}
	before := get()
	clock.Advance(2 * time.Minute)
	after := get()

	alice := "cvpn-connection-97488e74f860e146f"
	if before[alice].Timestamp != "2026-11-25 12:00:00" || after[alice].Timestamp != "2026-11-25 12:02:00" {
		t.Errorf("timestamps %q then %q, want the snapshot to advance 2 minutes", before[alice].Timestamp, after[alice].Timestamp)
	}
	if before[alice].ConnectionEstablishedTime != after[alice].ConnectionEstablishedTime {
		t.Errorf("established time moved: %q then %q", before[alice].ConnectionEstablishedTime, after[alice].ConnectionEstablishedTime)
	}
	if before[alice].IngressBytes == after[alice].IngressBytes || before[alice].EgressPackets == after[alice].EgressPackets {
		t.Errorf("counters of an active connection did not grow: %+v then %+v", before[alice], after[alice])
	}
	frank := "cvpn-connection-0fedc0ba09876a543" // terminated 59 minutes before start
	if _, ok := before[frank]; !ok {
		t.Errorf("connection ended 59 minutes ago missing at start")
	}
	if _, ok := after[frank]; ok {
		t.Errorf("connection ended 61 minutes ago still listed")
	}
	if before["cvpn-connection-0e03eb24267165acd"].IngressBytes != after["cvpn-connection-0e03eb24267165acd"].IngressBytes {
		t.Errorf("counters of a terminated connection grew")
	}
	if x := after["cvpn-connection-0ee55ff66aa77bb88"].IngressBytes; x != "18446744073709551615" {
		t.Errorf("saturated counter = %s", x)
	}
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestLog(t *testing.T) {
	var buf bytes.Buffer
	var entries []LogEntry
	var mu sync.Mutex
	clock := func() time.Time { return fixedNow }
	srv := NewServer(WithTime(fixedNow), WithClock(clock), WithLog(&buf), WithLogFunc(func(e LogEntry) {
		mu.Lock()
		entries = append(entries, e)
		mu.Unlock()
	}))
	defer srv.Close()
	c := newTestClient(t, srv)
	c.now = clock
	c.post(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"), nil)
	c.creds.SecretAccessKey = "wrong-secret-value"
	c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
	srv.Throttle(1)
	c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
	srv.InjectFaults(HTTPError(502))
	c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)

	type brief struct {
		Action, Key, Code, Fault string
		Status, Connections      int
	}
	var got []brief
	for _, e := range entries {
		got = append(got, brief{e.Action, e.AccessKeyID, e.Code, e.Fault, e.Status, e.Connections})
	}
	want := []brief{
		{"DescribeClientVpnConnections", "AKIDEXAMPLE", "", "", 200, 5},
		{"DescribeClientVpnConnections", "AKIDEXAMPLE", "SignatureDoesNotMatch", "", 403, 0},
		{"DescribeClientVpnConnections", "", "RequestLimitExceeded", "throttle", 503, 0},
		{"DescribeClientVpnConnections", "", "", "http 502", 502, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log entries (-want +got):\n%s", diff)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	wantPrefixes := []string{
		"2026-11-25T12:00:00.000Z POST / DescribeClientVpnConnections 200 OK 5 connections key=AKIDEXAMPLE id=",
		"2026-11-25T12:00:00.000Z POST / DescribeClientVpnConnections 403 SignatureDoesNotMatch key=AKIDEXAMPLE id=",
		"2026-11-25T12:00:00.000Z POST / DescribeClientVpnConnections 503 RequestLimitExceeded fault=\"throttle\" id=",
		"2026-11-25T12:00:00.000Z POST / DescribeClientVpnConnections 502 Bad Gateway fault=\"http 502\" 0s",
	}
	if len(lines) != len(wantPrefixes) {
		t.Fatalf("log lines:\n%s", buf.String())
	}
	for i, p := range wantPrefixes {
		if !strings.HasPrefix(lines[i], p) {
			t.Errorf("log line %d = %q, want prefix %q", i, lines[i], p)
		}
	}
	for _, secret := range []string{DefaultSecretAccessKey, "wrong-secret-value", "Signature=", "AWS4-HMAC"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("log contains %q:\n%s", secret, buf.String())
		}
	}
	if srv.Requests() != 4 {
		t.Errorf("Requests() = %d, want 4", srv.Requests())
	}
}
