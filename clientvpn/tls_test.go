package clientvpn

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
)

// TestTLSDefaults: with the zero HTTPClient (http.DefaultClient) the
// server's certificate is verified, and a certificate error is final (not
// retried); with a ca_bundle (NewFromEnvironment) the certificate is
// trusted and TLS 1.2 is the minimum; a server that speaks at most TLS 1.1
// is refused even with a trusted certificate.
func TestTLSDefaults(t *testing.T) {
	fake := clientvpntest.NewUnstartedServer()
	var requests atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1); fake.Handler().ServeHTTP(w, r) })
	quiet := log.New(io.Discard, "", 0)
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = quiet
	srv.StartTLS()
	defer srv.Close()
	old := httptest.NewUnstartedServer(h)
	old.Config.ErrorLog = quiet
	old.TLS = &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}
	old.StartTLS()
	defer old.Close()

	creds := credentials.Static{Credentials: credentials.Credentials{AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey}}
	in := &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: clientvpntest.SampleEndpointID}

	t.Run("default client verifies", func(t *testing.T) {
		c := &Client{Region: "us-east-1", Endpoint: srv.URL, Credentials: creds, MaxAttempts: 3}
		_, err := c.DescribeClientVpnConnections(context.Background(), in)
		var cerr *tls.CertificateVerificationError
		var uerr x509.UnknownAuthorityError
		if !errors.As(err, &cerr) && !errors.As(err, &uerr) {
			t.Fatalf("err = %v, want a certificate verification error", err)
		}
		if requests.Load() != 0 || strings.Contains(err.Error(), "giving up after") {
			t.Errorf("err = %v after %d requests: a certificate error must not be retried", err, requests.Load())
		}
	})

	// A CA bundle holding the test servers' certificate.
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(bundle, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"AWS_ACCESS_KEY_ID": clientvpntest.DefaultAccessKeyID, "AWS_SECRET_ACCESS_KEY": clientvpntest.DefaultSecretAccessKey,
		"AWS_REGION": "us-east-1", "AWS_CA_BUNDLE": bundle, "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
	}
	for _, tc := range []struct {
		name, url string
		wantErr   string
	}{
		{"ca bundle trusted", srv.URL, ""},
		{"TLS 1.1 refused", old.URL, "protocol version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range env {
				t.Setenv(k, v)
			}
			t.Setenv("AWS_ENDPOINT_URL", tc.url)
			c, err := NewFromEnvironment(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			c.Endpoint = tc.url
			c.MaxAttempts = 1
			tr := awsrequest.BaseTransport(c.HTTPClient.Transport)
			if tr == nil || tr.TLSClientConfig == nil || tr.TLSClientConfig.MinVersion < tls.VersionTLS12 || tr.TLSClientConfig.InsecureSkipVerify {
				t.Fatalf("ca_bundle transport TLS config %+v: want verification and TLS 1.2 minimum", tr)
			}
			_, err = c.DescribeClientVpnConnections(context.Background(), in)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
