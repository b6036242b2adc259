package clientvpntest

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// withLimits replaces the server's limits (tests only).
func withLimits(l serverLimits) Option { return func(c *config) { c.limits = l } }

// TestServerLimits: clients that send their headers or body slowly, or sit
// idle, are disconnected after the server's limits; oversized headers are
// refused. Before, each held a connection and a goroutine for as long as it
// liked (200 slow-body clients were all held).
func TestServerLimits(t *testing.T) {
	const d = 300 * time.Millisecond
	srv := NewServer(withLimits(serverLimits{readHeader: d, read: 2 * d, write: 5 * time.Second, idle: d, maxHeaderBytes: 4 << 10}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	for _, tc := range []struct {
		name string
		send string // then nothing more
	}{
		{"slow headers", "POST / HTTP/1.1\r\nHost: x\r\n"},
		{"slow body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nAction="},
		{"silent connection", ""},
		{"idle keep-alive after a request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.DialTimeout("tcp", addr, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.Write([]byte(tc.send)); err != nil {
				t.Fatal(err)
			}
			conn.SetReadDeadline(time.Now().Add(5 * time.Second)) // a safety net only
			start := time.Now()
			buf := make([]byte, 4096)
			for {
				if _, err := conn.Read(buf); err != nil {
					if ne, ok := err.(net.Error); ok && ne.Timeout() {
						t.Fatalf("the server held the connection for %v", time.Since(start))
					}
					break // closed by the server
				}
			}
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("closed after %v", el)
			}
		})
	}
	t.Run("oversized headers", func(t *testing.T) {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		req := "POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 64<<10) + "\r\n\r\n"
		go conn.Write([]byte(req))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("status %d, want 431", resp.StatusCode)
		}
	})
}

// TestServerDefaultLimits: the documented limits are those a started
// server gets.
func TestServerDefaultLimits(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	s := srv.srv
	if s.ReadHeaderTimeout != 10*time.Second || s.ReadTimeout != 30*time.Second || s.WriteTimeout != 2*time.Minute ||
		s.IdleTimeout != 2*time.Minute || s.MaxHeaderBytes != 64<<10 {
		t.Errorf("server limits: header %v, read %v, write %v, idle %v, max header bytes %d",
			s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
}
