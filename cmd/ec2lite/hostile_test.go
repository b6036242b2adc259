package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// TestHostileAnswers: the CLI rejects a body over the 64 MiB limit (told by
// Content-Length or streamed without one) at the first attempt, without
// printing it, with bounded allocations.
func TestHostileAnswers(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("streams 64 MiB bodies; skipped in -short mode and under the race detector")
	}
	const mib = 1 << 20
	for _, announce := range []bool{true, false} {
		t.Run("Content-Length "+strconv.FormatBool(announce), func(t *testing.T) {
			var requests, sent atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				io.Copy(io.Discard, r.Body)
				if announce {
					w.Header().Set("Content-Length", strconv.Itoa(1<<30))
				}
				chunk := []byte(strings.Repeat("<item><connectionId>x</connectionId></item>", 1000))
				io.WriteString(w, "<DescribeClientVpnConnectionsResponse><connections>")
				for n := 0; n < 1<<30; n += len(chunk) {
					k, err := w.Write(chunk)
					sent.Add(int64(k))
					if err != nil {
						return
					}
				}
			}))
			defer srv.Close()
			env := isolatedEnv(t)
			env["AWS_ACCESS_KEY_ID"] = "AKIDHOSTILE"
			env["AWS_SECRET_ACCESS_KEY"] = "hostilehostilehostile"
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			code, stdout, stderr := runIn(t, context.Background(), env, cli.OpName, "--client-vpn-endpoint-id", "cvpn-endpoint-1",
				"--region", "us-east-1", "--endpoint-url", srv.URL)
			runtime.ReadMemStats(&m1)
			alloc := m1.TotalAlloc - m0.TotalAlloc
			if code == 0 || len(stdout) != 0 || len(stderr) > 4<<20 || !strings.Contains(stderr, "too large") {
				t.Errorf("exit %d, %d bytes of stdout, stderr %.300q; want a \"too large\" error of at most 4 MiB (the kept body is capped at 1 MiB)", code, len(stdout), stderr)
			}
			if requests.Load() != 1 {
				t.Errorf("%d requests, want 1: a body too large is not retried", requests.Load())
			}
			if alloc > 5*64*mib { // the CLI keeps a copy of the body, and the pipeline reads it again
				t.Errorf("allocated %d MiB", alloc/mib)
			}
			t.Logf("exit %d after %d request(s); %d MiB allocated, %d MiB sent; %d bytes of stderr: %.120s", code, requests.Load(), alloc/mib, sent.Load()/mib, len(stderr), strings.TrimSpace(stderr))
		})
	}
}
