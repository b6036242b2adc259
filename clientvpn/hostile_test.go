package clientvpn

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ec2lite/ec2lite/ec2xml"
)

// Hostile responses at the client level, over real loopback HTTP: each is
// rejected at the first attempt (none is worth retrying), quickly, with
// bounded memory, and the connection is not leaked (the fault rig checks).

// hostileBody streams prefix, then fill repeated up to n bytes in all, then
// suffix, with status; contentLength sets the Content-Length header (else
// the body is chunked). written counts the bytes the handler got out.
func hostileBody(status int, prefix, fill, suffix string, n int64, contentLength bool, written *atomic.Int64) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		io.Copy(io.Discard, req.Body)
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		if contentLength {
			w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
		}
		w.WriteHeader(status)
		chunk := []byte(strings.Repeat(fill, max(1, 32<<10/len(fill))))
		left := n - int64(len(prefix)) - int64(len(suffix))
		if k, err := io.WriteString(w, prefix); err != nil {
			return
		} else {
			written.Add(int64(k))
		}
		for left > 0 {
			c := chunk
			if int64(len(c)) > left {
				c = c[:left]
			}
			k, err := w.Write(c)
			written.Add(int64(k))
			if err != nil {
				return
			}
			left -= int64(k)
		}
		k, _ := io.WriteString(w, suffix)
		written.Add(int64(k))
	}
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>&lol9;</requestId></DescribeClientVpnConnectionsResponse>`

func TestHostileResponses(t *testing.T) {
	const (
		gb  = 1 << 30
		mib = 1 << 20
		res = `<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><connections>`
	)
	item := `<item><clientVpnEndpointId>cvpn-endpoint-0123456789abcdef0</clientVpnEndpointId><connectionId>cvpn-connection-1</connectionId></item>`
	isTooLarge := func(err error) bool { return errors.Is(err, ec2xml.ErrTooLarge) }
	isSyntax := func(want string) func(error) bool {
		return func(err error) bool {
			var se *ec2xml.SyntaxError
			return errors.As(err, &se) && strings.Contains(err.Error(), want)
		}
	}
	big := !testing.Short() && !raceEnabled
	tests := []struct {
		name      string
		status    int
		prefix    string
		fill      string
		suffix    string
		n         int64
		clen      bool
		maxBody   int64 // Client.MaxResponseBytes
		big       bool  // streams tens of MiB: skipped in -short and under -race
		check     func(error) bool
		maxAlloc  uint64
		maxSentMB int64
	}{
		{name: "1 GB chunked", status: 200, prefix: res, fill: item, suffix: "</connections></DescribeClientVpnConnectionsResponse>", n: gb,
			big: true, check: isTooLarge, maxAlloc: 3 * 64 * mib, maxSentMB: 80},
		{name: "1 GB announced by Content-Length", status: 200, prefix: res, fill: item, n: gb, clen: true,
			check: isTooLarge, maxAlloc: mib, maxSentMB: 8},
		{name: "1 GB error page", status: 503, prefix: "<html><body>", fill: "<p>busy</p>", n: gb,
			big: true, check: isTooLarge, maxAlloc: 3 * 64 * mib, maxSentMB: 80},
		{name: "100 MB single text node", status: 200, prefix: res[:len(res)-len("<connections>")] + "<nextToken>", fill: "A", suffix: "</nextToken></DescribeClientVpnConnectionsResponse>", n: 100 * mib,
			big: true, check: isTooLarge, maxAlloc: 3 * 64 * mib, maxSentMB: 80},
		{name: "2 MiB body over a 1 MiB limit", status: 200, prefix: res, fill: item, n: 2 * mib, maxBody: mib,
			check: isTooLarge, maxAlloc: 16 * mib, maxSentMB: 2},
		{name: "10,000-deep nesting", status: 200, prefix: res + strings.Repeat("<item>", 10000), fill: "</item>", n: int64(len(res)) + 10000*13,
			check: func(err error) bool { return errors.Is(err, ec2xml.ErrMaxDepth) }, maxAlloc: mib, maxSentMB: 1},
		{name: "billion laughs", status: 200, prefix: billionLaughs, fill: " ", n: int64(len(billionLaughs)),
			check: isSyntax("DTD (<!DOCTYPE) not supported"), maxAlloc: mib, maxSentMB: 1},
		{name: "billion laughs in an error answer", status: 400, prefix: billionLaughs, fill: " ", n: int64(len(billionLaughs)),
			check: func(err error) bool {
				var e *APIError
				return errors.As(err, &e) && e.Code == "400" && !strings.Contains(e.Message, "lollol")
			}, maxAlloc: mib, maxSentMB: 1},
		{name: "invalid UTF-8", status: 200, prefix: res + "<item><username>\xff\xfe</username></item>", fill: " ", suffix: "</connections></DescribeClientVpnConnectionsResponse>",
			n: int64(len(res)) + 100, check: isSyntax("UTF-8"), maxAlloc: mib, maxSentMB: 1},
		{name: "NUL bytes", status: 200, prefix: res + "<item><username>a\x00b</username></item>", fill: " ", suffix: "</connections></DescribeClientVpnConnectionsResponse>",
			n: int64(len(res)) + 100, check: isSyntax("illegal character 0x0"), maxAlloc: mib, maxSentMB: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.big && !big {
				t.Skip("streams tens of MiB; skipped in -short mode and under the race detector")
			}
			var written atomic.Int64
			r := newFaultRig(t, nil, withScript(1, hostileBody(tt.status, tt.prefix, tt.fill, tt.suffix, tt.n, tt.clen, &written)))
			r.client.MaxResponseBytes = tt.maxBody
			runtime.GC()
			before := totalAlloc()
			var got error
			for _, err := range r.client.Connections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0"}) {
				if err != nil {
					got = err
				}
			}
			alloc := totalAlloc() - before
			if !tt.check(got) {
				t.Fatalf("err = %v (%T), not the error wanted", got, got)
			}
			if n := r.requests.Load(); n != 1 {
				t.Errorf("%d attempts, want 1: a hostile answer is not retried", n)
			}
			if alloc > tt.maxAlloc {
				t.Errorf("allocated %d KiB, want at most %d KiB", alloc>>10, tt.maxAlloc>>10)
			}
			r.hc.CloseIdleConnections() // the server's writes fail once the client hangs up
			if !settle(func() bool { return r.serverConns.Load() == 0 }) {
				t.Errorf("server still holds %d connections", r.serverConns.Load())
			}
			if sent := written.Load(); sent > tt.maxSentMB*mib {
				t.Errorf("the server got %d MiB out before the client hung up, want at most %d MiB", sent/mib, tt.maxSentMB)
			}
			t.Logf("%s: %d attempt, %d KiB allocated, %d KiB sent by the server; %v", tt.name, r.requests.Load(), alloc>>10, written.Load()>>10, got)
		})
	}
}
