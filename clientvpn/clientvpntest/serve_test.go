package clientvpntest

import (
	"bufio"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, "127.0.0.1:0", pw, WithTime(fixedNow))
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := strings.TrimSuffix(line, "\n")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("first line %q is not the base URL", line)
	}
	c := newTestClient(t, &Server{URL: url})
	c.hc = NewUnstartedServer().Client()
	if resp, body := c.post(form("ClientVpnEndpointId", SampleEndpointID), nil); resp.StatusCode != 200 {
		t.Errorf("status %d: %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve returned %v after its context ended", err)
	}
}

func TestListenBusyAddress(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	if s, err := Listen(srv.Listener.Addr().String()); err == nil {
		s.Close()
		t.Fatalf("Listen on a busy address succeeded")
	} else if !strings.HasPrefix(err.Error(), "clientvpntest: ") {
		t.Errorf("error %q lacks the package prefix", err)
	}
	if err := srv.StartAt("127.0.0.1:0"); err == nil {
		t.Errorf("StartAt on a started server succeeded")
	}
}

func TestInProcessHandler(t *testing.T) {
	// An unstarted server's handler, mounted on a server of the caller's own.
	inner := NewUnstartedServer(WithTime(fixedNow))
	outer := httptest.NewServer(inner.Handler())
	defer outer.Close()
	c := newTestClient(t, &Server{URL: outer.URL})
	c.hc = outer.Client()
	_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
	if n := len(decodeDescribe(t, body).Connections); n != 13 {
		t.Errorf("%d connections, want 13", n)
	}
	if inner.Requests() != 1 {
		t.Errorf("inner handler saw %d requests, want 1", inner.Requests())
	}
}
