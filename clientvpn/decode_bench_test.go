package clientvpn

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkDecode measures decodeDescribeClientVpnConnections alone (no
// HTTP, no signing) on the benchmark fixtures of ../shared/bench/INPUTS.md,
// reusing one output value as a client reusing its buffers would not: each op
// decodes the whole response into fresh strings.
//
//	go test -run '^$' -bench BenchmarkDecode -benchmem ./clientvpn
func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run("connections="+strconv.Itoa(n), func(b *testing.B) {
			body, err := os.ReadFile(filepath.Join(benchDir, "describe-connections-"+strconv.Itoa(n)+".xml"))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			var out DescribeClientVpnConnectionsOutput
			for b.Loop() {
				if err := decodeDescribeClientVpnConnections(body, &out); err != nil {
					b.Fatal(err)
				}
				if len(out.Connections) != n {
					b.Fatalf("%d connections, want %d", len(out.Connections), n)
				}
			}
			b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
				decodeDescribeClientVpnConnections(body, &out)
			}))/float64(n), "allocs/conn")
		})
	}
}
