package metrics

// `ec2lite metrics`: a Prometheus Exporter of Client VPN connections.
//
//	ec2lite metrics --client-vpn-endpoint-id cvpn-endpoint-… [--listen 127.0.0.1:9464] [--cache 15s]
//	ec2lite metrics --all-endpoints --regions us-east-1,eu-west-1
//	ec2lite metrics --demo
//
// GET /metrics samples the fleet (unless the last sample is younger than
// --cache) and answers in the text exposition format 0.0.4, written by
// internal/promtext. A failed sample still answers 200, with the failed
// regions' ec2lite_clientvpn_up at 0 (the Exporter convention: the scrape
// worked, the target did not), and its errors are printed on stderr.

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
	"github.com/ec2lite/ec2lite/internal/promtext"
)

const (
	defaultMetricsListen = "127.0.0.1:9464"
	defaultMetricsCache  = 15 * time.Second
	metricPrefix         = "ec2lite_clientvpn_"
)

func Run(r *cli.Env, a *cli.Args, ext *cli.ExtArgs) int {
	cache := defaultMetricsCache
	if ext.Cache != nil {
		cache = *ext.Cache
	}
	f, stop, err := fleet.For(r, a, ext, true, cache)
	if err != nil {
		return r.ErrorExit(r.Ctx, err)
	}
	defer stop()
	addr := defaultMetricsListen
	if a.Listen != nil {
		addr = *a.Listen
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		cli.WriteError(r.Stderr, "Cannot listen on "+addr+": "+err.Error())
		return cli.ExitOther
	}
	exp := &Exporter{Fleet: f, Cache: cache, Errors: r.Stderr}
	srv := newServer(exp.Handler())
	// Scrapes end with the command: a scrape waiting for a sample returns.
	srv.BaseContext = func(net.Listener) context.Context { return r.Ctx }
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	fmt.Fprintf(r.Stdout, "http://%s/metrics\n", ln.Addr())
	<-r.Ctx.Done()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if srv.Shutdown(ctx) != nil {
		srv.Close()
	}
	<-done
	return cli.ExitOK
}

// The exporter's server timeouts: a Go server exposed to clients bounds
// reading a request (headers, then the whole request: a scrape has no body),
// writing the answer, and keeping an idle connection. writeTimeout bounds
// writing the page; the wait for a sample is bounded by the scrape's client
// (it is abandoned when the client leaves) and by the sample's own timeouts.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
)

// newServer returns the exporter's http.Server, with its timeouts.
func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout, MaxHeaderBytes: maxHeaderBytes}
}

// Exporter answers scrapes from a cached sample. Its Handler serves
// /metrics; concurrent scrapes wait for one sample, and a scrape whose
// client leaves stops waiting (the sample goes on, for the next scrape).
type Exporter struct {
	Fleet  *fleet.Fleet
	Cache  time.Duration    // a sample younger than this is reused; 0: sample on every scrape
	Errors io.Writer        // where a sample's errors are printed
	Wall   func() time.Time // the clock the cache ages by; nil: time.Now

	mu         sync.Mutex // guards the fields below
	last       *fleet.Sample
	lastAt     time.Time // wall clock of the last sample
	samples    int
	duplicates map[duplicateKey]uint64 // dropped since the start
	page       []byte                  // the page of last
	pageErr    error                   // or why it could not be written
	sampling   chan struct{}           // closed when the sample under way ends; nil: none
}

// duplicateKey labels ec2lite_clientvpn_duplicates_dropped_total.
type duplicateKey struct{ region, kind string }

func (e *Exporter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		page, err := e.scrape(req.Context())
		if req.Context().Err() != nil {
			return // the client left, or the exporter is stopping
		}
		if err != nil {
			http.Error(w, "ec2lite metrics: "+err.Error(), http.StatusInternalServerError)
			return
		}
		// The sample may have taken longer than the server's write timeout,
		// which runs from the request: writing the page gets its own.
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
		w.Header().Set("Content-Type", promtext.ContentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		if req.Method == http.MethodGet {
			w.Write(page)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/" {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ec2lite metrics: Client VPN connections in the Prometheus text format at /metrics\n")
	})
	return mux
}

// scrape returns the page for one scrape, sampling when the cache is stale,
// or joining the sample under way. It returns ctx's error when ctx is done
// first.
func (e *Exporter) scrape(ctx context.Context) ([]byte, error) {
	wall := time.Now
	if e.Wall != nil {
		wall = e.Wall
	}
	e.mu.Lock()
	if e.last != nil && e.sampling == nil && e.Cache > 0 && wall().Sub(e.lastAt) < e.Cache {
		page, err := e.page, e.pageErr
		e.mu.Unlock()
		return page, err
	}
	done := e.sampling
	if done == nil {
		done = make(chan struct{})
		e.sampling = done
		// The sample outlives the scrape that started it: a client that
		// hangs up must not leave a half sample in the cache.
		go e.sample(context.WithoutCancel(ctx), wall, done)
	}
	e.mu.Unlock()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.page, e.pageErr
}

// sample takes a sample, keeps it and its page, and closes done.
func (e *Exporter) sample(ctx context.Context, wall func() time.Time, done chan struct{}) {
	s := e.Fleet.Sample(ctx)
	for _, err := range s.Errs() {
		fmt.Fprintf(e.Errors, "%s metrics: %v\n", time.Now().UTC().Format(time.RFC3339), err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.last, e.lastAt = s, wall()
	e.samples++
	if e.duplicates == nil {
		e.duplicates = map[duplicateKey]uint64{}
	}
	for _, rs := range s.Regions {
		e.duplicates[duplicateKey{rs.Region, "endpoint"}] += uint64(rs.Duplicates)
		for _, es := range rs.Endpoints {
			e.duplicates[duplicateKey{rs.Region, "connection"}] += uint64(es.Duplicates)
		}
	}
	e.page, e.pageErr = promtext.Append(nil, metricFamilies(s, e.samples, e.duplicates))
	if e.pageErr != nil {
		// The fleet drops duplicates, so every label set is unique: this
		// is a bug, reported on the page's scrapes and here.
		fmt.Fprintf(e.Errors, "%s metrics: %v\n", time.Now().UTC().Format(time.RFC3339), e.pageErr)
	}
	e.sampling = nil
	close(done)
}

// metricFamilies converts a sample to metric families.
func metricFamilies(s *fleet.Sample, samples int, duplicates map[duplicateKey]uint64) []promtext.Family {
	gauge := func(name, help string) promtext.Family {
		return promtext.Family{Name: metricPrefix + name, Help: help, Type: promtext.Gauge}
	}
	counter := func(name, help string) promtext.Family {
		return promtext.Family{Name: metricPrefix + name, Help: help, Type: promtext.Counter}
	}
	up := gauge("up", "Whether the last sample of the region succeeded (1) or failed in part or whole (0).")
	duration := gauge("sample_duration_seconds", "How long the last sample of EC2 took.")
	stamp := gauge("sample_timestamp_seconds", "When the last sample of EC2 was taken, in Unix seconds.")
	count := counter("samples_total", "Samples of EC2 taken (scrapes within the cache interval reuse the last one).")
	endpoints := gauge("endpoint_connections", "Connections listed per endpoint and status (terminated ones stay listed for 60 minutes).")
	active := gauge("endpoint_active_connections", "Active connections per endpoint.")
	users := gauge("user_active_connections", "Active connections per endpoint and user name (empty for certificate authentication).")
	inBytes := counter("connection_ingress_bytes_total", "Bytes received from the client, per connection.")
	outBytes := counter("connection_egress_bytes_total", "Bytes sent to the client, per connection.")
	inPackets := counter("connection_ingress_packets_total", "Packets received from the client, per connection.")
	outPackets := counter("connection_egress_packets_total", "Packets sent to the client, per connection.")
	dropped := counter("duplicates_dropped_total", "Connections (kind=\"connection\") and endpoints (kind=\"endpoint\") EC2 listed more than once in a sample, as a list that shifts between pages does: the first listing is kept, the others dropped and counted here.")

	duration.Samples = []promtext.Sample{{Value: s.Duration.Seconds()}}
	stamp.Samples = []promtext.Sample{{Value: float64(s.Time.UnixNano()) / 1e9}}
	count.Samples = []promtext.Sample{{Value: float64(samples)}}
	statuses := []string{"active", "failed-to-terminate", "terminating", "terminated"}
	for _, rs := range s.Regions {
		ok := rs.Err == nil
		for _, es := range rs.Endpoints {
			if es.Err != nil {
				ok = false
				continue
			}
			ep := []promtext.Label{{Name: "region", Value: rs.Region}, {Name: "client_vpn_endpoint_id", Value: es.ID}}
			byStatus := map[string]int{}
			byUser := map[string]int{}
			for i := range es.Connections {
				c := &es.Connections[i]
				st := string(c.Status.Code)
				byStatus[st]++
				if c.Status.Code == clientvpn.StatusActive {
					byUser[c.Username]++
				}
				conn := append(ep[:2:2], promtext.Label{Name: "connection_id", Value: c.ConnectionId}, promtext.Label{Name: "username", Value: c.Username})
				for _, m := range []struct {
					f *promtext.Family
					v func() (uint64, error)
				}{{&inBytes, c.IngressBytesCount}, {&outBytes, c.EgressBytesCount}, {&inPackets, c.IngressPacketsCount}, {&outPackets, c.EgressPacketsCount}} {
					if n, err := m.v(); err == nil {
						m.f.Samples = append(m.f.Samples, promtext.Sample{Labels: conn, Value: float64(n)})
					}
				}
			}
			for st := range byStatus {
				if !cli.Contains(statuses, st) {
					statuses = append(statuses, st) // a status EC2 added since
				}
			}
			for _, st := range statuses {
				endpoints.Samples = append(endpoints.Samples, promtext.Sample{
					Labels: append(ep[:2:2], promtext.Label{Name: "status", Value: st}), Value: float64(byStatus[st])})
			}
			active.Samples = append(active.Samples, promtext.Sample{Labels: ep, Value: float64(byStatus["active"])})
			for u, n := range byUser {
				users.Samples = append(users.Samples, promtext.Sample{Labels: append(ep[:2:2], promtext.Label{Name: "username", Value: u}), Value: float64(n)})
			}
		}
		v := 0.0
		if ok {
			v = 1
		}
		up.Samples = append(up.Samples, promtext.Sample{Labels: []promtext.Label{{Name: "region", Value: rs.Region}}, Value: v})
		for _, kind := range []string{"connection", "endpoint"} {
			dropped.Samples = append(dropped.Samples, promtext.Sample{
				Labels: []promtext.Label{{Name: "kind", Value: kind}, {Name: "region", Value: rs.Region}},
				Value:  float64(duplicates[duplicateKey{rs.Region, kind}])})
		}
	}
	return []promtext.Family{up, duration, stamp, count, endpoints, active, users, inBytes, outBytes, inPackets, outPackets, dropped}
}

// Help returns the text of `ec2lite help metrics`.
func Help() string {
	return cli.FleetHelp("metrics", "metrics\n\nServes Prometheus metrics (text exposition format 0.0.4) on http://LISTEN/metrics:\n"+
		"active connections per endpoint and per user, bytes and packets per connection, and\n"+
		"the duration and success of the last sample. A connection or endpoint EC2 lists twice\n"+
		"in a sample (a live list shifts between pages) is dropped, the first listing wins, and\n"+
		"counted in ec2lite_clientvpn_duplicates_dropped_total. A scrape reads EC2 unless the last\n"+
		"sample is younger than --cache. It prints the URL on its first line and serves until\n"+
		"interrupted.\n\n"+
		"Synopsis:\n\n  metrics (--client-vpn-endpoint-id <value> | --all-endpoints | --regions <value>)\n"+
		"    [--listen <value>] [--cache <value>] [--filters <value>]\n\n",
		"  "+awscli.PadRight("--listen <value>", 34)+" The address to listen on (default "+defaultMetricsListen+").\n")
}
