package jmespath_test

import (
	"fmt"
	"testing"

	gojmespath "github.com/jmespath/go-jmespath"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// benchQueries are the --query expressions the CLI typically runs over a
// DescribeClientVpnConnections page.
var benchQueries = []struct{ name, expr string }{
	{"field", "Connections[*].ConnectionId"},
	{"filter", "Connections[?Status.Code=='active'].[Username,ClientIp]"},
	{"legacy", "Connections[?Status.Code==`active`].[Username,ClientIp]"},
	{"hash", "Connections[].{Id: ConnectionId, User: Username, In: IngressBytes, Out: EgressBytes}"},
	{"length", "length(Connections[?Status.Code=='active'])"},
	// go-jmespath's sort_by sorts the caller's list in place: its side of
	// "sortby" restores the page's order before each search (a 1000-item
	// copy), else it would sort sorted input from the second iteration on.
	// "sortby-sorted" sorts by a key the page is already in order of.
	{"sortby", "sort_by(Connections, &ConnectionEstablishedTime)[-5:].ConnectionId"},
	{"sortby-sorted", "sort_by(Connections, &ConnectionId)[-5:].Username"},
	{"first", "Connections[?Username=='user-0500'] | [0].ClientIp"},
}

// benchPage returns a 1000-connection page both as this package's tree and
// as go-jmespath's map[string]any.
func benchPage() (tree any, plain map[string]any) {
	var conns []any
	var plainConns []any
	for i := range 1000 {
		status := "active"
		if i%7 == 0 {
			status = "terminated"
		}
		fields := [][2]string{
			{"ClientVpnEndpointId", "cvpn-endpoint-0123456789abcdef0"},
			{"Timestamp", "2026-11-25 12:00:00"},
			{"ConnectionId", fmt.Sprintf("cvpn-connection-%017x", i)},
			{"Username", fmt.Sprintf("user-%04d", i)},
			{"ConnectionEstablishedTime", fmt.Sprintf("2026-11-25 %02d:%02d:%02d", i%24, i%60, (i*7)%60)},
			{"IngressBytes", fmt.Sprint(i * 1000)},
			{"EgressBytes", fmt.Sprint(i * 900)},
			{"IngressPackets", fmt.Sprint(i * 10)},
			{"EgressPackets", fmt.Sprint(i * 9)},
			{"ClientIp", fmt.Sprintf("10.0.%d.%d", i/256, i%256)},
			{"CommonName", fmt.Sprintf("user-%04d", i)},
		}
		o := &jmespath.Object{}
		m := map[string]any{}
		for _, f := range fields {
			o.Set(f[0], f[1])
			m[f[0]] = f[1]
		}
		st := &jmespath.Object{}
		st.Set("Code", status)
		o.Set("Status", st)
		m["Status"] = map[string]any{"Code": status}
		o.Set("ConnectionEndTime", "-")
		m["ConnectionEndTime"] = "-"
		o.Set("PostureComplianceStatuses", []any{"compliant"})
		m["PostureComplianceStatuses"] = []any{"compliant"}
		conns = append(conns, o)
		plainConns = append(plainConns, m)
	}
	root := &jmespath.Object{}
	root.Set("Connections", conns)
	return root, map[string]any{"Connections": plainConns}
}

// BenchmarkSearch compares Search with go-jmespath's on the same queries
// over a 1000-connection page, compiled once as the CLI does.
func BenchmarkSearch(b *testing.B) {
	tree, plain := benchPage()
	conns := plain["Connections"].([]any)
	orig := append([]any(nil), conns...)
	for _, q := range benchQueries {
		e := jmespath.MustCompile(q.expr)
		b.Run(q.name+"/ec2lite", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Search(tree); err != nil {
					b.Fatal(err)
				}
			}
		})
		if q.name == "legacy" {
			continue // go-jmespath cannot parse legacy literals
		}
		g := gojmespath.MustCompile(q.expr)
		b.Run(q.name+"/go-jmespath", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				copy(conns, orig)
				if _, err := g.Search(plain); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile measures compiling a typical query.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jmespath.Compile("Connections[?Status.Code=='active'].{Id: ConnectionId, User: Username}"); err != nil {
			b.Fatal(err)
		}
	}
}
