package clientvpn

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/credentials"
)

// Load: one Client shared by 64 goroutines pages through 100 listings of
// 1000 connections each (10 pages of 100) against the fake endpoint over
// loopback, with 10% of the requests answered by a retryable fault
// (throttling, an HTML 5xx, a reset connection, a truncated body). Every
// listing that ends without an error must be complete and correct; the
// live heap is sampled during the run and must not grow with it.

const (
	loadWorkers     = 64
	loadListings    = 100
	loadConnections = 1000
	loadPageSize    = 100
	loadFaultRate   = 0.10
)

// loadData is 100 endpoints of 1000 connections, with recognisable fields.
func loadData() clientvpntest.Data {
	d := clientvpntest.Data{Endpoints: make([]clientvpntest.Endpoint, loadListings)}
	for e := range d.Endpoints {
		conns := make([]clientvpntest.Connection, loadConnections)
		for i := range conns {
			conns[i] = clientvpntest.Connection{
				ID:           fmt.Sprintf("cvpn-connection-%08x%09x", e, i),
				Username:     "user" + strconv.Itoa(i%97),
				ClientIP:     fmt.Sprintf("10.%d.%d.%d", e, i/256, i%256),
				Established:  time.Duration(i+1) * time.Minute,
				IngressBytes: uint64(e)*1_000_000 + uint64(i),
				EgressBytes:  uint64(i) * 3,
			}
		}
		d.Endpoints[e] = clientvpntest.Endpoint{ID: fmt.Sprintf("cvpn-endpoint-%017x", e+1), Connections: conns}
	}
	return d
}

// loadFaults are the retryable faults injected, in rotation.
var loadFaults = []clientvpntest.Fault{
	clientvpntest.Throttle(),
	clientvpntest.HTTPError(500),
	clientvpntest.HTTPError(502),
	clientvpntest.HTTPError(503),
	clientvpntest.HTTPError(504),
	clientvpntest.ResetConnection(),
	clientvpntest.TruncateBody(),
}

// checkListing reports how the connections of endpoint e differ from the data.
func checkListing(e int, got []Connection) error {
	if len(got) != loadConnections {
		return fmt.Errorf("endpoint %d: %d connections, want %d", e, len(got), loadConnections)
	}
	for i, c := range got {
		wantID := fmt.Sprintf("cvpn-connection-%08x%09x", e, i)
		in, err := c.IngressBytesCount()
		if c.ConnectionId != wantID || c.Username != "user"+strconv.Itoa(i%97) || err != nil || in != uint64(e)*1_000_000+uint64(i) {
			return fmt.Errorf("endpoint %d: connection %d is %s %s %s, want %s", e, i, c.ConnectionId, c.Username, c.IngressBytes, wantID)
		}
	}
	return nil
}

func BenchmarkLoadSharedClient(b *testing.B) {
	if testing.Short() {
		b.Skip("moves about 100 MB over loopback per iteration")
	}
	data := loadData()
	fake := clientvpntest.NewUnstartedServer(clientvpntest.WithData(data))
	var requests, faults atomic.Int64
	var rmu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		rmu.Lock()
		f := rng.Float64() < loadFaultRate
		k := rng.IntN(len(loadFaults))
		rmu.Unlock()
		if f {
			// The fake's fault queue is shared: under concurrency another
			// request may take this fault, but each injected fault is
			// used exactly once, so the rate holds.
			faults.Add(1)
			fake.InjectFaults(loadFaults[k])
		}
		fake.Handler().ServeHTTP(w, r)
	}))
	srv.Listener.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0") // loopback only
	if err != nil {
		b.Fatal(err)
	}
	srv.Listener = ln
	srv.Start()
	defer srv.Close()

	tr := &http.Transport{Proxy: nil, DisableCompression: true, MaxIdleConnsPerHost: loadWorkers}
	defer tr.CloseIdleConnections()
	client := &Client{
		Region:   fake.Region(),
		Endpoint: srv.URL,
		Credentials: credentials.Static{Credentials: credentials.Credentials{
			AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey,
		}},
		HTTPClient:  &http.Client{Transport: tr, Timeout: time.Minute},
		MaxAttempts: 5,
		// The backoff is kept (it spreads the retries) but scaled down a
		// thousandfold so that the run stays short.
		sleep: func(ctx context.Context, d time.Duration) error { return loadSleep(ctx, d/1000) },
	}

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	heapBefore := ms.HeapInuse
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() { // sample the heap in use every 20 ms
		defer close(sampled)
		var m runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()

	var complete, failed atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // bounds a wedged run
	defer cancel()
	start := time.Now()
	heapAfterIter := make([]uint64, 0, 8)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		work := make(chan int, loadListings)
		for e := 0; e < loadListings; e++ {
			work <- e
		}
		close(work)
		var wg sync.WaitGroup
		errs := make(chan error, loadListings)
		for w := 0; w < loadWorkers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for e := range work {
					in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: data.Endpoints[e].ID, MaxResults: loadPageSize}
					got := make([]Connection, 0, loadConnections)
					var lerr error
					for c, err := range client.Connections(ctx, in) {
						if err != nil {
							lerr = err
							break
						}
						got = append(got, c)
					}
					if lerr != nil {
						failed.Add(1)
						continue
					}
					if err := checkListing(e, got); err != nil {
						errs <- err
						continue
					}
					complete.Add(1)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Errorf("a listing without an error is wrong: %v", err)
		}
		if i < cap(heapAfterIter) {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heapAfterIter = append(heapAfterIter, ms.HeapInuse)
		}
	}
	b.StopTimer()
	elapsed := time.Since(start)
	close(stop)
	<-sampled
	tr.CloseIdleConnections()
	runtime.GC()
	runtime.ReadMemStats(&ms)

	const mib = 1 << 20
	b.ReportMetric(float64(heapBefore)/mib, "heap-before-MiB")
	b.ReportMetric(float64(peak.Load())/mib, "heap-peak-MiB")
	b.ReportMetric(float64(ms.HeapInuse)/mib, "heap-after-MiB")
	b.ReportMetric(float64(requests.Load())/float64(b.N), "requests/op")
	b.ReportMetric(float64(faults.Load())/float64(b.N), "faults/op")
	b.ReportMetric(float64(failed.Load())/float64(b.N), "failed-listings/op")
	b.Logf("%d iterations in %v: %d listings complete and correct, %d ended with an error; %d requests, %d faults injected (%.1f%%); retry tokens left %d; heap in use before %.1f MiB, peak %.1f MiB, after %.1f MiB, after each iteration %v KiB",
		b.N, elapsed.Round(time.Millisecond), complete.Load(), failed.Load(), requests.Load(), faults.Load(),
		100*float64(faults.Load())/float64(requests.Load()), client.pipe.RetryTokens(),
		float64(heapBefore)/mib, float64(peak.Load())/mib, float64(ms.HeapInuse)/mib, kib(heapAfterIter))
	if complete.Load()+failed.Load() != int64(b.N*loadListings) {
		b.Errorf("%d complete + %d failed listings, want %d", complete.Load(), failed.Load(), b.N*loadListings)
	}
	// Heap flatness: after the run, the heap in use must be back near
	// where it started (the data set of the fake and the test's own
	// listings excepted, which are garbage by now).
	if ms.HeapInuse > heapBefore+64*mib {
		b.Errorf("heap in use grew from %.1f MiB to %.1f MiB", float64(heapBefore)/mib, float64(ms.HeapInuse)/mib)
	}
}

func kib(v []uint64) []uint64 {
	out := make([]uint64, len(v))
	for i, x := range v {
		out[i] = x >> 10
	}
	return out
}

// loadSleep waits d or until ctx is done, for the scaled backoff above.
func loadSleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
