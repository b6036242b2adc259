package clientvpntest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// A Server is a fake EC2 endpoint listening on a loopback address, in the style of
// net/http/httptest. Its methods are safe for concurrent use.
//
// A started Server has the limits a Go server exposed to clients should have, so that
// slow or stalled clients cannot hold it: 10 s to send the request headers, 30 s for
// the whole request (bodies are at most 1 MiB), 2 minutes from the end of the request
// headers to the end of the answer (longer than any [Delay] fault a test should need),
// 2 minutes for an idle keep-alive connection, and 64 KiB of request headers.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:port" (no trailing slash), once started.
	URL string
	// Listener is the server's listener, once started.
	Listener net.Listener

	h         *handler
	srv       *http.Server
	done      chan struct{}
	closeOnce sync.Once

	clientOnce sync.Once
	client     *http.Client
}

// NewServer starts and returns a server on a free loopback port. It panics if it
// cannot listen, as httptest.NewServer does. The caller must Close it.
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	if err := s.StartAt("127.0.0.1:0"); err != nil {
		if err := s.StartAt("[::1]:0"); err != nil {
			panic(fmt.Sprintf("clientvpntest: failed to listen on a port: %v", err))
		}
	}
	return s
}

// NewUnstartedServer returns a server that does not listen yet: its [Server.Handler]
// can be mounted in-process, or it can be started with [Server.StartAt]. It panics
// if the data given with [WithData] are invalid (see [Data.Validate]).
func NewUnstartedServer(opts ...Option) *Server {
	s, err := newServer(opts)
	if err != nil {
		panic(err)
	}
	return s
}

func newServer(opts []Option) (*Server, error) {
	cfg := newConfig(opts)
	if err := cfg.data.Validate(); err != nil {
		return nil, err
	}
	return &Server{h: newHandler(cfg)}, nil
}

// Listen starts a server on addr (for example "127.0.0.1:0" or ":8080"); it is the
// body of a command that runs the fake endpoint as a process. The caller must Close it.
func Listen(addr string, opts ...Option) (*Server, error) {
	s, err := newServer(opts)
	if err != nil {
		return nil, err
	}
	if err := s.StartAt(addr); err != nil {
		return nil, err
	}
	return s, nil
}

// StartAt starts serving on addr. It fails if the server was already started.
func (s *Server) StartAt(addr string) error {
	if s.Listener != nil {
		return errors.New("clientvpntest: server already started")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("clientvpntest: %w", err)
	}
	s.Listener = ln
	s.URL = "http://" + ln.Addr().String()
	l := s.h.cfg.limits
	s.srv = &http.Server{
		Handler:           s.h,
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
		MaxHeaderBytes:    l.maxHeaderBytes,
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		s.srv.Serve(ln)
	}()
	return nil
}

// serverLimits are the timeouts and header limit of a started Server.
type serverLimits struct {
	readHeader, read, write, idle time.Duration
	maxHeaderBytes                int
}

// defaultLimits are those of the Server documentation.
var defaultLimits = serverLimits{
	readHeader:     10 * time.Second,
	read:           30 * time.Second,
	write:          2 * time.Minute,
	idle:           2 * time.Minute,
	maxHeaderBytes: 64 << 10,
}

// Close stops the server: it stops listening, lets requests in progress finish for
// up to five seconds, then closes every connection. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.Client().CloseIdleConnections()
		if s.srv == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			s.srv.Close()
		}
		<-s.done
	})
}

// Handler returns the server's HTTP handler, for mounting in-process (for example
// behind an httptest.Server of one's own, or an http.RoundTripper that calls it).
// Requests to it see the same data, faults and counters as the server's.
func (s *Server) Handler() http.Handler { return s.h }

// Client returns an HTTP client for the server (the same one on every call): it
// ignores proxy settings from the environment, so that loopback requests never
// leave the machine. Close closes its idle connections.
func (s *Server) Client() *http.Client {
	s.clientOnce.Do(func() {
		s.client = &http.Client{Transport: &http.Transport{Proxy: nil, DisableCompression: true}}
	})
	return s.client
}

// Region returns the region requests must be signed for.
func (s *Server) Region() string { return s.h.cfg.region }

// SnapshotTime returns the time the data's ages count back from (for a [WithLive]
// server, its value at start).
func (s *Server) SnapshotTime() time.Time { return s.h.cfg.start }

// InjectFaults queues faults, one per upcoming request, after any already queued.
func (s *Server) InjectFaults(f ...Fault) {
	s.h.mu.Lock()
	s.h.faults = append(s.h.faults, f...)
	s.h.mu.Unlock()
}

// Throttle makes the next n requests fail with HTTP 503 RequestLimitExceeded.
func (s *Server) Throttle(n int) {
	for i := 0; i < n; i++ {
		s.InjectFaults(Throttle())
	}
}

// ClearFaults drops the faults still queued.
func (s *Server) ClearFaults() {
	s.h.mu.Lock()
	s.h.faults = nil
	s.h.mu.Unlock()
}

// Requests returns how many requests the server has received, faulted ones included.
func (s *Server) Requests() int {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	return s.h.calls
}

// SetData replaces the data the server serves; the server keeps a copy. Tokens
// handed out earlier keep their offsets.
func (s *Server) SetData(d Data) error {
	if err := d.Validate(); err != nil {
		return err
	}
	d = d.clone()
	s.h.mu.Lock()
	s.h.data = d
	s.h.pending = nil
	s.h.mu.Unlock()
	return nil
}

// Data returns a copy of the data the server serves.
func (s *Server) Data() Data {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	return s.h.data.clone()
}

// Serve runs a server on addr until ctx is done, then closes it: the body of
// `ec2lite fake-endpoint`. Once listening it writes the base URL and a newline to
// w (the first line of the command's standard output).
func Serve(ctx context.Context, addr string, w io.Writer, opts ...Option) error {
	s, err := Listen(addr, opts...)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := fmt.Fprintln(w, s.URL); err != nil {
		return fmt.Errorf("clientvpntest: %w", err)
	}
	<-ctx.Done()
	return nil
}
