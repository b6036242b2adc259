package clientvpn

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

// envOptions points the configuration at files holding config and
// credentials, and at an environment made of env only.
func envOptions(t *testing.T, config string, env map[string]string) awsconfig.Options {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(creds, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return awsconfig.Options{
		ConfigFile:      cfg,
		CredentialsFile: creds,
		Getenv:          func(k string) string { return env[k] },
	}
}

// envSettings are the Client fields NewFromEnvironment fills, besides
// Credentials and HTTPClient.
type envSettings struct {
	Region, Endpoint      string
	MaxAttempts           int
	UseFIPS, UseDualStack bool
}

func TestNewFromEnvironment(t *testing.T) {
	keys := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": testSecret}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range keys {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		config string
		env    map[string]string
		want   envSettings
		err    string
		reason string
	}{
		{
			name: "AWS_REGION", env: with("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-west-2"),
			want: envSettings{Region: "eu-west-1"}, reason: "AWS_REGION wins over AWS_DEFAULT_REGION",
		},
		{
			name: "profile region", config: "[default]\nregion = ap-southeast-2\nmax_attempts = 7\n", env: with(),
			want: envSettings{Region: "ap-southeast-2", MaxAttempts: 7}, reason: "the profile's region and max_attempts",
		},
		{
			name: "named profile", config: "[default]\nregion = us-east-1\n[profile dev]\nregion = cn-north-1\nuse_dualstack_endpoint = true\n",
			env:  with("AWS_PROFILE", "dev"),
			want: envSettings{Region: "cn-north-1", UseDualStack: true}, reason: "AWS_PROFILE selects the profile",
		},
		{
			name: "AWS_MAX_ATTEMPTS", config: "[default]\nmax_attempts = 7\n", env: with("AWS_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "2"),
			want: envSettings{Region: "us-east-1", MaxAttempts: 2}, reason: "the environment wins over the profile",
		},
		{
			name: "endpoint for EC2", env: with("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://localhost:1111", "AWS_ENDPOINT_URL_EC2", "http://localhost:2222"),
			want: envSettings{Region: "us-east-1", Endpoint: "http://localhost:2222"}, reason: "AWS_ENDPOINT_URL_EC2 > AWS_ENDPOINT_URL",
		},
		{
			name: "global endpoint", env: with("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://localhost:1111"),
			want: envSettings{Region: "us-east-1", Endpoint: "http://localhost:1111"}, reason: "AWS_ENDPOINT_URL applies to every service",
		},
		{
			name: "FIPS", env: with("AWS_REGION", "us-east-1", "AWS_USE_FIPS_ENDPOINT", "true"),
			want: envSettings{Region: "us-east-1", UseFIPS: true}, reason: "AWS_USE_FIPS_ENDPOINT",
		},
		{
			name: "no region", env: with(), err: "no region", reason: "a region is required",
		},
		{
			name: "FIPS and endpoint", env: with("AWS_REGION", "us-east-1", "AWS_USE_FIPS_ENDPOINT", "true", "AWS_ENDPOINT_URL", "http://localhost:1111"),
			want:   envSettings{Region: "us-east-1", Endpoint: "http://localhost:1111"},
			reason: "a configured endpoint URL turns FIPS off, as in AWS CLI v1 (which then calls the endpoint URL)",
		},
		{
			name: "bad max attempts", env: with("AWS_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "zero"),
			err: "max_attempts", reason: "not a number",
		},
		{
			name: "missing CA bundle", env: with("AWS_REGION", "us-east-1", "AWS_CA_BUNDLE", "/nonexistent/ca.pem"),
			err: "ca_bundle", reason: "an unreadable bundle is an error, not a silent fallback to the system roots",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := newFromEnvironment(context.Background(), envOptions(t, tc.config, tc.env))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one about %q (%s)", err, tc.err, tc.reason)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v (%s)", err, tc.reason)
			}
			got := envSettings{Region: c.Region, Endpoint: c.Endpoint, MaxAttempts: c.MaxAttempts, UseFIPS: c.UseFIPS, UseDualStack: c.UseDualStack}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("settings (-want +got) (%s):\n%s", tc.reason, diff)
			}
			if c.Credentials == nil {
				t.Error("no credentials provider")
			}
		})
	}
}

// TestNewFromEnvironmentCall makes a call with a Client built from the
// environment: the credentials come from AWS_ACCESS_KEY_ID.
func TestNewFromEnvironmentCall(t *testing.T) {
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDFROMENV", "AWS_SECRET_ACCESS_KEY": testSecret, "AWS_REGION": "us-east-1"}
	c, err := newFromEnvironment(context.Background(), envOptions(t, "", env))
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeEC2{answers: []answer{{200, pageXML("r", ids("c", 1), "")}}}
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testEndpointURL, f.respond)
	c.HTTPClient = &http.Client{Transport: mt} // fields may change until the first call
	if _, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID}); err != nil {
		t.Fatal(err)
	}
	if got := f.headers[0].Get("Authorization"); !strings.HasPrefix(got, "AWS4-HMAC-SHA256 Credential=AKIDFROMENV/") {
		t.Errorf("Authorization = %q, want the environment's key", got)
	}
}

// TestNewFromEnvironmentCABundle trusts a test server's certificate through
// AWS_CA_BUNDLE and calls it through AWS_ENDPOINT_URL_EC2.
func TestNewFromEnvironmentCABundle(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(pageXML("r-tls", ids("c", 2), "")))
	}))
	defer srv.Close()
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	cert := srv.TLS.Certificates[0].Certificate[0]
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert}), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": testSecret, "AWS_REGION": "us-east-1",
		"AWS_CA_BUNDLE": bundle, "AWS_ENDPOINT_URL_EC2": srv.URL,
	}
	c, err := newFromEnvironment(context.Background(), envOptions(t, "", env))
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeClientVpnConnections(context.Background(), &DescribeClientVpnConnectionsInput{ClientVpnEndpointId: testEndpointID})
	if err != nil {
		t.Fatal(err)
	}
	if out.RequestID != "r-tls" || len(out.Connections) != 2 {
		t.Errorf("got request id %q and %d connections", out.RequestID, len(out.Connections))
	}
}
