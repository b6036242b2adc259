package awsconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// env returns a Getenv over a map, so tests never touch the process environment.
func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func writeFiles(t *testing.T, config, credentials string) (cfgPath, credPath string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath = filepath.Join(dir, "config")
	credPath = filepath.Join(dir, "credentials")
	if config != "" {
		if err := os.WriteFile(cfgPath, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if credentials != "" {
		if err := os.WriteFile(credPath, []byte(credentials), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cfgPath, credPath
}

const testConfig = `[default]
region = us-east-1
output = table

[profile dev]
region = eu-west-1
max_attempts = 7
ca_bundle = ~/certs/ca.pem
cli_read_timeout = 1.5
cli_connect_timeout = 0
services = local
endpoint_url = http://global.example
aws_access_key_id = FROMCONFIG

[profile bad]
max_attempts = many
use_fips_endpoint = maybe

[services local]
ec2 =
  endpoint_url = http://127.0.0.1:4566

[dev]
region = not-a-profile-in-config
`

const testCredentials = `[dev]
aws_access_key_id = FROMCREDENTIALS
aws_secret_access_key = SECRET

[only-creds]
aws_access_key_id = A
`

func TestLoadProfiles(t *testing.T) {
	cfgPath, credPath := writeFiles(t, testConfig, testCredentials)
	c, err := Load(Options{Getenv: env("AWS_CONFIG_FILE", cfgPath, "AWS_SHARED_CREDENTIALS_FILE", credPath, "AWS_PROFILE", "dev", "HOME", "/home/u")})
	if err != nil {
		t.Fatal(err)
	}
	p := c.Current()
	got := map[string]string{
		"name":      c.ProfileName,
		"region":    p.Value("region"),
		"key":       p.Value("aws_access_key_id"),
		"keyOrigin": p.Origin("aws_access_key_id"),
		"ca":        c.CABundle(),
		"ec2":       c.EndpointURL("EC2"),
		"sts":       c.EndpointURL("STS"),
		"output":    c.Output(),
	}
	want := map[string]string{
		"name":      "dev",
		"region":    "eu-west-1",
		"key":       "FROMCREDENTIALS",
		"keyOrigin": credPath,
		"ca":        filepath.Join("/home/u", "certs", "ca.pem"),
		"ec2":       "http://127.0.0.1:4566",
		"sts":       "http://global.example",
		"output":    "json",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profile dev (-want +got):\n%s", diff)
	}
	if n, ok, err := c.MaxAttempts(); n != 7 || !ok || err != nil {
		t.Errorf("MaxAttempts = %d, %v, %v; want 7, true, nil", n, ok, err)
	}
	if d, ok, err := c.ReadTimeout(); d != 1500*time.Millisecond || !ok || err != nil {
		t.Errorf("ReadTimeout = %v, %v, %v", d, ok, err)
	}
	if d, ok, err := c.ConnectTimeout(); d != 0 || !ok || err != nil {
		t.Errorf("ConnectTimeout = %v, %v, %v", d, ok, err)
	}
	if c.Profile("only-creds") == nil || c.Profile("only-creds").InConfig {
		t.Errorf("profile only-creds should come from the credentials file alone")
	}
}

func TestSettingsPrecedence(t *testing.T) {
	cfgPath, credPath := writeFiles(t, testConfig, testCredentials)
	base := []string{"AWS_CONFIG_FILE", cfgPath, "AWS_SHARED_CREDENTIALS_FILE", credPath}
	tests := []struct {
		name    string
		env     []string
		profile string
		region  string
		ec2     string
		reason  string
	}{
		{"default profile", nil, "", "us-east-1", "", "[default] region"},
		{"AWS_DEFAULT_REGION beats profile", []string{"AWS_DEFAULT_REGION", "ap-east-1"}, "", "ap-east-1", "", ""},
		{"AWS_REGION beats AWS_DEFAULT_REGION", []string{"AWS_REGION", "sa-east-1", "AWS_DEFAULT_REGION", "ap-east-1"}, "", "sa-east-1", "", ""},
		{"explicit profile beats AWS_PROFILE", []string{"AWS_PROFILE", "default"}, "dev", "eu-west-1", "http://127.0.0.1:4566", ""},
		{"AWS_ENDPOINT_URL_EC2 beats services", []string{"AWS_ENDPOINT_URL_EC2", "http://e"}, "dev", "eu-west-1", "http://e", ""},
		{"AWS_ENDPOINT_URL beats profile endpoint_url", []string{"AWS_ENDPOINT_URL", "http://g"}, "default", "us-east-1", "http://g", ""},
		{"ignore configured endpoints", []string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "AWS_ENDPOINT_URL_EC2", "http://e"}, "dev", "eu-west-1", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(Options{Profile: tt.profile, Getenv: env(append(append([]string{}, base...), tt.env...)...)})
			if err != nil {
				t.Fatal(err)
			}
			region, err := c.Region()
			if err != nil || region != tt.region {
				t.Errorf("Region = %q, %v; want %q (%s)", region, err, tt.region, tt.reason)
			}
			if got := c.EndpointURL("EC2"); got != tt.ec2 {
				t.Errorf("EndpointURL(EC2) = %q, want %q (%s)", got, tt.ec2, tt.reason)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	cfgPath, credPath := writeFiles(t, testConfig, "[x]\naws_secret_access_key SECRET\n")
	_, err := Load(Options{Getenv: env("AWS_CONFIG_FILE", cfgPath, "AWS_SHARED_CREDENTIALS_FILE", credPath)})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != credPath {
		t.Errorf("malformed credentials file: error %v, want a *FileError naming %s", err, credPath)
	}
	if err != nil && strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error %q echoes the secret", err)
	}

	cfgPath, credPath = writeFiles(t, testConfig, testCredentials)
	_, err = Load(Options{Profile: "nope", Getenv: env("AWS_CONFIG_FILE", cfgPath, "AWS_SHARED_CREDENTIALS_FILE", credPath)})
	var pe *ProfileNotFoundError
	if !errors.As(err, &pe) || pe.Profile != "nope" || !strings.Contains(err.Error(), cfgPath) {
		t.Errorf("missing profile: error %v, want *ProfileNotFoundError naming nope and %s", err, cfgPath)
	}

	// No files at all and no profile asked for: fine, but no region.
	dir := t.TempDir()
	c, err := Load(Options{Getenv: env("HOME", dir)})
	if err != nil {
		t.Fatalf("no files: %v", err)
	}
	if _, err := c.Region(); !errors.Is(err, ErrNoRegion) {
		t.Errorf("Region with nothing configured = %v, want ErrNoRegion", err)
	}

	c, err = Load(Options{Profile: "bad", Getenv: env("AWS_CONFIG_FILE", cfgPath, "AWS_SHARED_CREDENTIALS_FILE", credPath)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.MaxAttempts(); err == nil || !strings.Contains(err.Error(), "profile bad") {
		t.Errorf("MaxAttempts error = %v, want one naming profile bad", err)
	} else if se := (*SettingError)(nil); !errors.As(err, &se) || se.Name != "max_attempts" || se.Value != "many" {
		t.Errorf("MaxAttempts error = %#v, want a *SettingError for max_attempts = many", err)
	}
	if _, err := c.UseFIPS(); err == nil {
		t.Errorf("UseFIPS(maybe) succeeded")
	}
}
