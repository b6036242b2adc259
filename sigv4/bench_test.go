package sigv4

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The BenchmarkSign inputs of ../shared/bench/INPUTS.md.
const (
	benchURL  = "https://ec2.us-east-1.amazonaws.com/"
	benchBody = "Action=DescribeClientVpnConnections&ClientVpnEndpointId=cvpn-endpoint-0123456789abcdef0&Filter.1.Name=username&Filter.1.Value.1=alice&Filter.1.Value.2=bob&MaxResults=1000&Version=2016-11-15"

	benchPayloadHash   = "dc217c07c917e098b6a5fc0fac0797e7d96a58eaa0bcb3b37cd69bff1a12905b"
	benchCanonical     = "POST\n/\n\ncontent-length:189\ncontent-type:application/x-www-form-urlencoded\nhost:ec2.us-east-1.amazonaws.com\nx-amz-date:20261125T120000Z\n\ncontent-length;content-type;host;x-amz-date\n" + benchPayloadHash
	benchStringToSign  = "AWS4-HMAC-SHA256\n20261125T120000Z\n20261125/us-east-1/ec2/aws4_request\n3a7edeba370c5432a51c07d48156735322f43cfbb538ade827c341a0d678ba48"
	benchAuthorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=b90154f7083f06183555f6a1d09a3708221d2c630e4243a3b334f997475cb033"
)

var benchTime = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newBenchRequest(tb testing.TB) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, benchURL, strings.NewReader(benchBody))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Content-Length", strconv.Itoa(len(benchBody)))
	return req
}

// resetBenchHeaders restores the pre-built header set.
func resetBenchHeaders(h http.Header) {
	delete(h, "Authorization")
	delete(h, "X-Amz-Date")
	delete(h, "X-Amz-Security-Token")
}

// TestBenchmarkSignKnownAnswer checks the BenchmarkSign operation against the
// values in ../shared/bench/INPUTS.md, intermediate ones included.
func TestBenchmarkSignKnownAnswer(t *testing.T) {
	req := newBenchRequest(t)
	body := []byte(benchBody)
	if len(body) != 189 {
		t.Fatalf("body is %d bytes, want 189", len(body))
	}
	in := Input{Credentials: suiteCreds, Region: "us-east-1", Service: "ec2", PayloadHash: HashPayload(body), Time: benchTime}
	if in.PayloadHash != benchPayloadHash {
		t.Errorf("HashPayload = %s, want %s", in.PayloadHash, benchPayloadHash)
	}
	var s Signer
	for i := 0; i < 3; i++ { // cold, then warm cache
		resetBenchHeaders(req.Header)
		var tr trace
		if err := s.sign(req, in, &tr); err != nil {
			t.Fatal(err)
		}
		checkTrace(t, tr, benchCanonical, benchStringToSign)
		if got := req.Header.Get("Authorization"); got != benchAuthorization {
			t.Errorf("Authorization = %q, want %q", got, benchAuthorization)
		}
		if got := req.Header.Get("X-Amz-Date"); got != "20261125T120000Z" {
			t.Errorf("X-Amz-Date = %q", got)
		}
	}
}

// BenchmarkSign: one op = reset the headers to the pre-built set, hash the
// 189-byte body, sign (../shared/bench/INPUTS.md).
func BenchmarkSign(b *testing.B) {
	var s Signer
	req := newBenchRequest(b)
	body := []byte(benchBody)
	creds := suiteCreds
	b.ReportAllocs()
	for b.Loop() {
		resetBenchHeaders(req.Header)
		in := Input{Credentials: creds, Region: "us-east-1", Service: "ec2", PayloadHash: HashPayload(body), Time: benchTime}
		if err := s.Sign(req, in); err != nil {
			b.Fatal(err)
		}
	}
	if got := req.Header.Get("Authorization"); got != benchAuthorization {
		b.Fatalf("Authorization = %q", got)
	}
}
