package clientvpntest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
)

// BenchmarkServeHTTP measures the handler in-process (no network): verify the
// signature, parse, filter and render one page of 1,000 connections.
func BenchmarkServeHTTP(b *testing.B) {
	ep := Endpoint{ID: "cvpn-endpoint-0123456789abcdef0"}
	for i := 0; i < 1000; i++ {
		ep.Connections = append(ep.Connections, Connection{
			ID: fmt.Sprintf("cvpn-connection-%017x", i), Username: fmt.Sprintf("user%d", i%40), CommonName: "cn",
			ClientIP: "10.0.0.1", Established: time.Hour, IngressBytes: 1234567, EgressBytes: 7654321,
			IngressPackets: 1234, EgressPackets: 4321, Posture: []string{"compliant"},
		})
	}
	srv := NewUnstartedServer(WithData(Data{Endpoints: []Endpoint{ep}}), WithTime(fixedNow))
	h := srv.Handler()
	body := form("ClientVpnEndpointId", ep.ID, "MaxResults", "1000")
	var signer sigv4.Signer
	newReq := func() *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		if err := signer.Sign(r, sigv4.Input{
			Credentials: sigv4.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey},
			Service:     "ec2", Region: DefaultRegion, PayloadHash: sigv4.HashPayload([]byte(body)), Time: time.Now(),
		}); err != nil {
			b.Fatal(err)
		}
		return r
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newReq())
	if rec.Code != 200 {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	b.SetBytes(int64(rec.Body.Len()))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		r := newReq()
		rec := httptest.NewRecorder()
		b.StartTimer()
		h.ServeHTTP(rec, r)
	}
}
