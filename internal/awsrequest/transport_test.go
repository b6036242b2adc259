package awsrequest

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// hostile starts a loopback server running h; it is closed when the test
// ends, after the handlers blocked on done have been released.
func hostile(t *testing.T, h func(w http.ResponseWriter, r *http.Request, done <-chan struct{})) *httptest.Server {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h(w, r, done) }))
	t.Cleanup(func() { close(done); srv.Close() })
	return srv
}

// stall blocks until the test ends, the client leaves, or 10 s pass.
func stall(r *http.Request, done <-chan struct{}) {
	select {
	case <-done:
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// TestReadTimeoutBoundsEveryRead: a server that goes silent after the
// headers, or in the middle of the body, or before the headers, fails the
// attempt after the read timeout; a body that keeps arriving, slowly but
// never idle for the timeout, is read whole although it takes longer.
func TestReadTimeoutBoundsEveryRead(t *testing.T) {
	const timeout = 150 * time.Millisecond
	for _, tc := range []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request, done <-chan struct{})
		wantErr bool
	}{
		{"silent before the headers", func(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
			stall(r, done)
		}, true},
		{"silent after part of the body", func(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
			w.Header().Set("Content-Length", "1000")
			w.Write([]byte("<partial"))
			w.(http.Flusher).Flush()
			stall(r, done)
		}, true},
		{"slow but steady body", func(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
			for range 6 {
				w.Write([]byte("<a/>"))
				w.(http.Flusher).Flush()
				time.Sleep(timeout / 3)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := hostile(t, tc.handler)
			c := &Client{HTTPClient: NewHTTPClient(TransportOptions{ReadTimeout: timeout}), MaxAttempts: 1}
			r := newRequest()
			r.URL = srv.URL
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a safety net only
			defer cancel()
			start := time.Now()
			err := c.Do(ctx, r, func(int, []byte) error { return nil })
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if !tc.wantErr {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			var netErr net.Error
			if !errors.Is(err, ErrReadTimeout) || !errors.As(err, &netErr) || !netErr.Timeout() {
				t.Fatalf("err = %v, want one matching ErrReadTimeout", err)
			}
		})
	}
}

// TestContextBoundsWholeCall: without a read timeout, the caller's context
// still ends a stalled call.
func TestContextBoundsWholeCall(t *testing.T) {
	srv := hostile(t, func(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
		w.Write([]byte("<partial"))
		w.(http.Flusher).Flush()
		stall(r, done)
	})
	c := &Client{HTTPClient: NewHTTPClient(TransportOptions{ReadTimeout: -1}), MaxAttempts: 1}
	r := newRequest()
	r.URL = srv.URL
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := c.Do(ctx, r, func(int, []byte) error { return nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
}

// TestRedirectNotFollowed: whatever the HTTP client, a 3xx answer is a
// RedirectError naming the status, not retried, and the target of the
// redirect receives nothing: neither the signed request nor its token.
func TestRedirectNotFollowed(t *testing.T) {
	var stolen atomic.Int32
	target := hostile(t, func(w http.ResponseWriter, r *http.Request, _ <-chan struct{}) { stolen.Add(1) })
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, hc := range []*http.Client{nil, {}, NewHTTPClient(TransportOptions{})} {
			var calls atomic.Int32
			srv := hostile(t, func(w http.ResponseWriter, r *http.Request, _ <-chan struct{}) {
				calls.Add(1)
				http.Redirect(w, r, target.URL+"/steal", status)
			})
			c := &Client{HTTPClient: hc}
			r := newRequest()
			r.URL = srv.URL
			err := c.Do(context.Background(), r, func(int, []byte) error { return nil })
			var re *RedirectError
			if !errors.As(err, &re) || re.StatusCode != status || !strings.Contains(err.Error(), http.StatusText(status)) {
				t.Errorf("HTTP %d: err = %v, want a RedirectError", status, err)
			}
			if calls.Load() != 1 {
				t.Errorf("HTTP %d: %d attempts, want 1 (a redirect is not retried)", status, calls.Load())
			}
		}
	}
	if n := stolen.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
}

// TestBufferGrowsWithBytesReceived: a Content-Length that lies costs
// nothing; the buffer grows with what arrives.
func TestBufferGrowsWithBytesReceived(t *testing.T) {
	resp := &http.Response{ContentLength: 60 << 20, Body: io.NopCloser(strings.NewReader(okBody))}
	bp, body, err := readBody(resp, DefaultMaxBodyBytes)
	if err != nil || string(body) != okBody {
		t.Fatalf("readBody = %q, %v", body, err)
	}
	if c := cap(*bp); c > 1<<20 {
		t.Errorf("a %d-byte body claiming 60 MiB got a %d-byte buffer", len(body), c)
	}
	putBuffer(bp)

	resp = &http.Response{ContentLength: DefaultMaxBodyBytes + 1, Body: io.NopCloser(strings.NewReader(okBody))}
	if _, _, err := readBody(resp, DefaultMaxBodyBytes); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Content-Length over the limit: err = %v", err)
	}
}

// TestDefaultHTTPClient: the documented defaults.
func TestDefaultHTTPClient(t *testing.T) {
	hc := DefaultHTTPClient()
	tr := BaseTransport(hc.Transport)
	if tr == nil || tr.ResponseHeaderTimeout != DefaultReadTimeout || tr.TLSHandshakeTimeout != DefaultConnectTimeout ||
		hc.Timeout != 0 || hc.CheckRedirect == nil || tr.TLSClientConfig.MinVersion == 0 {
		t.Errorf("default client %+v, transport %+v", hc, tr)
	}
	if _, ok := hc.Transport.(*idleTimeoutTransport); !ok {
		t.Errorf("default transport %T has no idle-read timeout", hc.Transport)
	}
}
