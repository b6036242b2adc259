package fleet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/credentials"
)

// TestSampleListTimeout checks that an endpoint whose answer trickles (a
// byte now and then, so that no read times out) fails with a
// *ListTimeoutError after Fleet.ListTimeout while the other endpoint's
// connections are listed.
func TestSampleListTimeout(t *testing.T) {
	const good, slow = "cvpn-endpoint-0000000000000good", "cvpn-endpoint-00000000000000slow"
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		f, _ := url.ParseQuery(string(body))
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		switch {
		case f.Get("Action") == "DescribeClientVpnEndpoints":
			fmt.Fprintf(w, `<DescribeClientVpnEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><clientVpnEndpoint>`+
				`<item><clientVpnEndpointId>%s</clientVpnEndpointId></item><item><clientVpnEndpointId>%s</clientVpnEndpointId></item></clientVpnEndpoint></DescribeClientVpnEndpointsResponse>`, good, slow)
		case f.Get("ClientVpnEndpointId") == slow:
			io.WriteString(w, `<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">`)
			for range 200 { // up to 20 s of a space every 100 ms
				w.(http.Flusher).Flush()
				select {
				case <-done:
					return
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
				io.WriteString(w, " ")
			}
		default:
			fmt.Fprintf(w, `<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><connections>`+
				`<item><clientVpnEndpointId>%s</clientVpnEndpointId><connectionId>cvpn-connection-ok</connectionId><status><code>active</code></status></item></connections></DescribeClientVpnConnectionsResponse>`, good)
		}
	}))
	defer srv.Close()
	defer close(done)
	c, err := clientvpn.NewFromOptions(context.Background(), clientvpn.Options{IgnoreEnvironment: true, Region: "us-east-1", EndpointURL: srv.URL,
		MaxAttempts: 1, ReadTimeout: time.Second, Credentials: credentials.Static{Credentials: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}}})
	if err != nil {
		t.Fatal(err)
	}
	f := &Fleet{Regions: []RegionClient{{Region: "us-east-1", Client: c}}, All: true, ListTimeout: 1500 * time.Millisecond}
	start := time.Now()
	s := f.Sample(context.Background())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the sample took %v", d)
	}
	eps := s.Regions[0].Endpoints
	if len(eps) != 2 {
		t.Fatalf("endpoints: %+v", eps)
	}
	if eps[0].Err != nil || len(eps[0].Connections) != 1 {
		t.Errorf("the good endpoint: err %v, %d connections", eps[0].Err, len(eps[0].Connections))
	}
	var te *ListTimeoutError
	if !errors.As(eps[1].Err, &te) {
		t.Errorf("the trickling endpoint: got %v, want a *ListTimeoutError", eps[1].Err)
	}
	if got := s.ExitCode(context.Background()); got != 255 {
		t.Errorf("exit code %d, want 255", got)
	}
}
