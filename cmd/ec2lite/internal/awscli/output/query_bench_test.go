package output

import (
	"io"
	"testing"
)

// BenchmarkQuery measures what --query adds to printing a 1000-connection
// page: the search (compiled once, as the CLI does) and the JSON writer on
// its result.
func BenchmarkQuery(b *testing.B) {
	v := benchTree(b)
	for _, bq := range []struct{ name, expr string }{
		{"identity", "@"},
		{"field", "Connections[*].ConnectionId"},
		{"filter", "Connections[?Status.Code=='active'].[Username,ClientIp]"},
		{"hash", "Connections[].{Id: ConnectionId, User: Username, In: IngressBytes, Out: EgressBytes}"},
		{"sortby", "sort_by(Connections, &ConnectionId)[-5:].Username"},
		{"length", "length(Connections[?Status.Code=='active'])"},
	} {
		q, err := CompileQuery(bq.expr)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := q.Search(v)
				if err != nil {
					b.Fatal(err)
				}
				if err := WriteJSON(io.Discard, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
