package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
	"github.com/google/go-cmp/cmp"
)

// The profiles live in testdata/credentials/profiles, next to botocore's verdict on each.
var profileDir = filepath.Join("..", "testdata", "credentials", "profiles")

func profileEnv(t *testing.T, sts *fakeSTS, extra ...string) (func(string) string, string) {
	dir := t.TempDir()
	tokenFile := writeFile(t, dir, "token", "OIDCTOKEN")
	config, err := os.ReadFile(filepath.Join(profileDir, "config"))
	if err != nil {
		t.Fatal(err)
	}
	credentials, err := os.ReadFile(filepath.Join(profileDir, "credentials"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := writeFile(t, dir, "config", strings.ReplaceAll(string(config), "TOKENFILE", tokenFile))
	creds := writeFile(t, dir, "credentials", string(credentials))
	return envMap(append([]string{"AWS_CONFIG_FILE", cfg, "AWS_SHARED_CREDENTIALS_FILE", creds, "AWS_ENDPOINT_URL_STS", sts.URL, "HOME", dir}, extra...)...), cfg
}

func TestProfile(t *testing.T) {
	sts := newFakeSTS(t)
	getenv, cfgPath := profileEnv(t, sts)
	assumed := "AssumeRole(arn:aws:sts::123456789012:assumed-role/demo/TestAR)"
	tests := []struct {
		profile    string
		env        []string
		wantKey    string
		wantSource string
		stsCalls   []string // access key ID that signed each STS call ("" = unsigned)
		noCreds    bool
		errHas     string
	}{
		{profile: "static-config", wantKey: "AKIDCONFIG", wantSource: "Profile(static-config)"},
		{profile: "both", wantKey: "AKIDFILE", wantSource: "Profile(both)"},
		{profile: "base", wantKey: "AKIDBASE", wantSource: "Profile(base)"},
		{profile: "role", wantKey: "ASIAIOSFODNN7EXAMPLE", wantSource: "Profile(role)/" + assumed, stsCalls: []string{"AKIDBASE"}},
		{profile: "chained", wantKey: "ASIAIOSFODNN7EXAMPLE", wantSource: "Profile(chained)/" + assumed, stsCalls: []string{"AKIDBASE", "ASIAIOSFODNN7EXAMPLE"}},
		{profile: "self", wantKey: "ASIAIOSFODNN7EXAMPLE", wantSource: "Profile(self)/" + assumed, stsCalls: []string{"AKIDSELF"}},
		{profile: "env-source", env: []string{"AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "S"}, wantKey: "ASIAIOSFODNN7EXAMPLE", wantSource: "Profile(env-source)/" + assumed, stsCalls: []string{"AKIDENV"}},
		{profile: "web", wantKey: "ASgeIAIOSFODNN7EXAMPLE", wantSource: "Profile(web)/WebIdentity(arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1)", stsCalls: []string{""}},
		{profile: "default", noCreds: true},
		{profile: "empty", noCreds: true},
		{profile: "env-source", errHas: "source credentials"},
		{profile: "self-no-keys", errHas: "source_profile loop: self-no-keys -> self-no-keys"},
		{profile: "loop-a", errHas: "source_profile loop: loop-a -> loop-b -> loop-a"},
		{profile: "bad-source", errHas: `credential_source "Laptop" is not one of`},
		{profile: "two-sources", errHas: "both source_profile and credential_source"},
		{profile: "no-source", errHas: "neither source_profile nor credential_source"},
		{profile: "missing-source", errHas: "source_profile ghost does not exist"},
		{profile: "empty-source", errHas: "source_profile empty has no credentials"},
		{profile: "mfa", errHas: "mfa_serial"},
		{profile: "sso", errHas: "credential_process = aws configure export-credentials --profile sso --format process"},
		{profile: "partial", errHas: "has aws_access_key_id but no aws_secret_access_key"},
		{profile: "bad-duration", errHas: `duration_seconds must be a positive integer, got "an hour"`},
		{profile: "ghost", errHas: "the config profile (ghost) could not be found in " + cfgPath},
	}
	for _, tt := range tests {
		name := tt.profile
		if tt.errHas != "" || tt.noCreds {
			name += "/error"
		}
		t.Run(name, func(t *testing.T) {
			before := len(sts.Calls())
			env := getenv
			if len(tt.env) > 0 {
				extra := envMap(tt.env...)
				env = func(k string) string {
					if v := extra(k); v != "" {
						return v
					}
					return getenv(k)
				}
			}
			p := &Profile{Name: tt.profile, Getenv: env, now: fixedClock(stsTime)}
			got, err := p.Retrieve(context.Background())
			checkErr(t, err, tt.noCreds, tt.errHas)
			if err != nil {
				return
			}
			if got.AccessKeyID != tt.wantKey || got.Source != tt.wantSource {
				t.Errorf("got key %s source %q; want %s, %q", got.AccessKeyID, got.Source, tt.wantKey, tt.wantSource)
			}
			var signers []string
			for _, c := range sts.Calls()[before:] {
				key := ""
				if c.Authorization != "" {
					key = strings.TrimPrefix(strings.SplitN(c.Authorization, "/", 2)[0], "AWS4-HMAC-SHA256 Credential=")
				}
				signers = append(signers, key)
			}
			if diff := cmp.Diff(tt.stsCalls, signers); diff != "" {
				t.Errorf("STS calls signed by (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProfileAssumeRoleRequest(t *testing.T) {
	sts := newFakeSTS(t)
	getenv, _ := profileEnv(t, sts)
	if _, err := (&Profile{Name: "role", Getenv: getenv, now: fixedClock(stsTime)}).Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := sts.Calls()[0]
	want := map[string][]string{"Action": {"AssumeRole"}, "Version": {"2011-06-15"}, "RoleArn": {"arn:aws:iam::123456789012:role/demo"}, "RoleSessionName": {"TestAR"}, "DurationSeconds": {"1800"}, "ExternalId": {"ext-1"}}
	if diff := cmp.Diff(want, map[string][]string(c.Form)); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}
	// Profile role sets no region (the default profile's is not inherited, as in botocore):
	// the global endpoint's signing region.
	if !strings.Contains(c.Authorization, "/us-east-1/sts/aws4_request") {
		t.Errorf("Authorization %q not scoped to us-east-1/sts", c.Authorization)
	}
	// With AWS_REGION, the regional scope.
	env := func(k string) string {
		if k == "AWS_REGION" {
			return "ap-northeast-1"
		}
		return getenv(k)
	}
	if _, err := (&Profile{Name: "role", Getenv: env, now: fixedClock(stsTime)}).Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := sts.Calls()[1]; !strings.Contains(c.Authorization, "/ap-northeast-1/sts/aws4_request") {
		t.Errorf("Authorization %q not scoped to ap-northeast-1/sts", c.Authorization)
	}
	// sts_regional_endpoints = legacy sends ap-northeast-1 to the global endpoint (us-east-1).
	legacy := func(k string) string {
		if k == "AWS_STS_REGIONAL_ENDPOINTS" {
			return "legacy"
		}
		return env(k)
	}
	if _, err := (&Profile{Name: "role", Getenv: legacy, now: fixedClock(stsTime)}).Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := sts.Calls()[2]; !strings.Contains(c.Authorization, "/us-east-1/sts/aws4_request") {
		t.Errorf("legacy mode: Authorization %q not scoped to us-east-1/sts", c.Authorization)
	}
}

func TestProfileProcess(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config", "[profile proc]\ncredential_process = "+helperCommand()+"\n")
	var stderr bytes.Buffer
	p := &Profile{Name: "proc", Getenv: envMap("AWS_CONFIG_FILE", cfg, "HOME", dir), Stderr: &stderr, now: fixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))}
	// The helper reads its mode from the process environment, which Profile passes through.
	t.Setenv("CREDENTIALS_HELPER", "ok")
	got, err := p.Retrieve(context.Background())
	if err != nil || got.AccessKeyID != "AKIDPROCESS" || got.Source != "Profile(proc)/Process" {
		t.Fatalf("got %v, %v", got, err)
	}
	t.Setenv("CREDENTIALS_HELPER", "fail")
	_, err = p.Retrieve(context.Background())
	checkErr(t, err, false, "Profile(proc)/Process: credential_process")
	if !strings.Contains(stderr.String(), "run aws sso login") {
		t.Errorf("stderr not passed through: %q", stderr.String())
	}
}

func TestProfileMalformedFile(t *testing.T) {
	dir := t.TempDir()
	creds := writeFile(t, dir, "credentials", "[default]\naws_access_key_id = AKID\naws_secret_access_key "+secret+"\n")
	_, err := (&Profile{Getenv: envMap("AWS_SHARED_CREDENTIALS_FILE", creds, "HOME", dir)}).Retrieve(context.Background())
	checkErr(t, err, false, creds+": line 3")
	var fe *awsconfig.FileError
	if !errors.As(err, &fe) || fe.Path != creds {
		t.Errorf("error %v is not an *awsconfig.FileError for %s", err, creds)
	}
	// The default chain stops there too rather than trying the instance role.
	_, err = NewDefaultChain(ChainOptions{Getenv: envMap("AWS_SHARED_CREDENTIALS_FILE", creds, "HOME", dir, "AWS_EC2_METADATA_DISABLED", "true")}).Retrieve(context.Background())
	checkErr(t, err, false, filepath.Base(creds))
}

func TestDefaultChainWebIdentityEnv(t *testing.T) {
	sts := newFakeSTS(t)
	dir := t.TempDir()
	tokenFile := writeFile(t, dir, "token", "OIDCTOKEN")
	cfg := writeFile(t, dir, "config", "[default]\nregion = ap-southeast-2\n")
	chain := NewDefaultChain(ChainOptions{Getenv: envMap("HOME", dir, "AWS_CONFIG_FILE", cfg, "AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile, "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/FederatedWebIdentityRole", "AWS_ENDPOINT_URL", sts.URL)})
	for _, p := range chain {
		if w, ok := p.(*WebIdentity); ok {
			w.now = fixedClock(stsTime)
		}
	}
	got, err := chain.Retrieve(context.Background())
	if err != nil || got.AccessKeyID != "ASgeIAIOSFODNN7EXAMPLE" {
		t.Fatalf("got %v, %v", got, err)
	}
	if s := sts.Calls()[0].Form.Get("RoleSessionName"); !strings.HasPrefix(s, "ec2lite-session-") {
		t.Errorf("RoleSessionName = %q, want a generated ec2lite-session-*", s)
	}
}

// TestProfileMatchesBotocore resolves every profile of testdata/credentials/profiles and
// compares the source chosen with botocore's (profiles.botocore.json, by botocore_golden.py).
func TestProfileMatchesBotocore(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(profileDir, "profiles.botocore.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		Profiles map[string]struct {
			Method *string
			Error  string
		}
	}
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	// Where ec2lite knowingly differs.
	known := map[string]string{
		"mfa":          "botocore prompts for the MFA code when it calls STS; ec2lite cannot prompt and refuses",
		"bad-duration": "botocore fails only when it calls STS; ec2lite checks duration_seconds first",
	}
	sts := newFakeSTS(t)
	getenv, _ := profileEnv(t, sts)
	for name, want := range golden.Profiles {
		t.Run(name, func(t *testing.T) {
			if why, ok := known[name]; ok {
				t.Skip(why)
			}
			got := "error"
			c, err := (&Profile{Name: name, Getenv: getenv, now: fixedClock(stsTime)}).Retrieve(context.Background())
			switch {
			case errors.Is(err, ErrNoCredentials):
				got = "none"
			case err != nil:
			case strings.Contains(c.Source, "/AssumeRole("):
				got = "assume-role"
			case strings.Contains(c.Source, "/WebIdentity("):
				got = "assume-role-with-web-identity"
			case strings.HasSuffix(c.Source, "/Process"):
				got = "custom-process"
			case c.AccessKeyID == "AKIDCONFIG":
				got = "config-file"
			default:
				got = "shared-credentials-file"
			}
			wantS := "error"
			if want.Error == "" {
				wantS = "none"
				if want.Method != nil {
					wantS = *want.Method
				}
			}
			if got != wantS {
				t.Errorf("profile %s: ec2lite %s (err %v), botocore %s %s", name, got, err, wantS, want.Error)
			}
		})
	}
}
