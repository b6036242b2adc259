// Package benchmarks measures the AWS SDK for Go v2 on the inputs that
// ec2lite's own benchmarks use, so that the two can be compared in one run.
//
// It is a module of its own so that the SDK never appears in ec2lite's go.mod.
// The benchmarks carry the same names as ec2lite's (BenchmarkSign in sigv4,
// BenchmarkDescribe and BenchmarkPaginateAll in clientvpn), use the same
// fixtures (../testdata/bench) and the same in-memory transport
// (internal/memtransport). The compare command in ./cmd/compare runs both
// sides interleaved and prints the table the README quotes.
package benchmarks
