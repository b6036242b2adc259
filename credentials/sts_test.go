package credentials

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/google/go-cmp/cmp"
)

// TestSTSEndpoint: the STS endpoint of every region as botocore's endpoint rules compute it
// (testdata/credentials/sts_endpoints.json, from sts_endpoints.py), the ISO and EUSC
// partitions included, plus the global endpoint for no region.
func TestSTSEndpoint(t *testing.T) {
	raw, err := os.ReadFile("../testdata/credentials/sts_endpoints.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []struct{ Region, URL, SigningRegion string }
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Cases) < 50 {
		t.Fatalf("only %d cases", len(table.Cases))
	}
	table.Cases = append(table.Cases, struct{ Region, URL, SigningRegion string }{"", "https://sts.amazonaws.com", "us-east-1"})
	for _, tt := range table.Cases {
		u, r := STSEndpoint(tt.Region)
		if strings.TrimSuffix(u, "/") != tt.URL || r != tt.SigningRegion {
			t.Errorf("STSEndpoint(%q) = %q, %q; botocore: %q, %q", tt.Region, u, r, tt.URL, tt.SigningRegion)
		}
	}
}

func TestAssumeRole(t *testing.T) {
	sts := newFakeSTS(t)
	a := &AssumeRole{
		Source:          Static{Credentials: Credentials{AccessKeyID: "AKIDSOURCE", SecretAccessKey: secret, SessionToken: token}},
		RoleARN:         "arn:aws:iam::123456789012:role/demo",
		RoleSessionName: "TestAR",
		ExternalID:      "ext 123*~",
		Duration:        15 * time.Minute,
		Region:          "eu-west-1",
		Endpoint:        sts.URL,
		now:             fixedClock(stsTime),
	}
	got, err := a.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Credentials{
		AccessKeyID:     "ASIAIOSFODNN7EXAMPLE",
		SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
		SessionToken:    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
		Expires:         time.Date(2019, 11, 9, 13, 34, 41, 0, time.UTC),
		Source:          "AssumeRole(arn:aws:sts::123456789012:assumed-role/demo/TestAR)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	calls := sts.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d STS calls, want 1", len(calls))
	}
	c := calls[0]
	wantForm := map[string][]string{
		"Action": {"AssumeRole"}, "Version": {"2011-06-15"}, "RoleArn": {"arn:aws:iam::123456789012:role/demo"},
		"RoleSessionName": {"TestAR"}, "DurationSeconds": {"900"}, "ExternalId": {"ext 123*~"},
	}
	if diff := cmp.Diff(wantForm, map[string][]string(c.Form)); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(c.Authorization, "AWS4-HMAC-SHA256 Credential=AKIDSOURCE/") || !strings.Contains(c.Authorization, "/eu-west-1/sts/aws4_request") {
		t.Errorf("Authorization = %q, want a SigV4 signature by AKIDSOURCE for eu-west-1/sts", c.Authorization)
	}
	if c.Token != token {
		t.Errorf("X-Amz-Security-Token = %q, want the source's session token", c.Token)
	}
}

func TestAssumeRoleErrors(t *testing.T) {
	sts := newFakeSTS(t)
	sts.fail = true
	a := &AssumeRole{Source: Static{Credentials: Credentials{AccessKeyID: "AKIDSOURCE", SecretAccessKey: secret}}, RoleARN: "arn:aws:iam::123456789012:role/demo", Endpoint: sts.URL, now: fixedClock(stsTime)}
	_, err := a.Retrieve(context.Background())
	var apiErr *ec2xml.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "AccessDenied" || apiErr.StatusCode != http.StatusForbidden {
		t.Fatalf("error = %v, want an *ec2xml.APIError AccessDenied (HTTP 403)", err)
	}
	checkErr(t, err, false, "role arn:aws:iam::123456789012:role/demo")

	// Expired credentials from STS (the fixture's 2019 expiry, with the clock in 2026).
	sts.fail = false
	a.now = fixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	_, err = a.Retrieve(context.Background())
	checkErr(t, err, false, "expired at 2019-11-09T13:34:41Z")

	// A source that is not configured is a broken role, not "no credentials".
	a.Source = Env{Getenv: envMap()}
	_, err = a.Retrieve(context.Background())
	checkErr(t, err, false, "source credentials")
	if got := len(sts.Calls()); got != 2 {
		t.Errorf("%d STS calls, want 2 (none without source credentials)", got)
	}

	// A 200 that is not an STS answer.
	sts.answer = func(stsCallRecord) (int, []byte) { return 200, []byte("<html>hello</html>") }
	a.Source = Static{Credentials: Credentials{AccessKeyID: "AKIDSOURCE", SecretAccessKey: secret}}
	_, err = a.Retrieve(context.Background())
	checkErr(t, err, false, "no Credentials")
}

func TestWebIdentity(t *testing.T) {
	sts := newFakeSTS(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("eyJhbGciOiJSUzI1NiJ9.OIDCTOKEN\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &WebIdentity{Getenv: envMap("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile, "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/FederatedWebIdentityRole", "AWS_ROLE_SESSION_NAME", "app1"), Endpoint: sts.URL, now: fixedClock(stsTime)}
	got, err := w.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Credentials{AccessKeyID: "ASgeIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", SessionToken: "AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE", Expires: time.Date(2014, 10, 24, 23, 0, 23, 0, time.UTC), Source: "WebIdentity(arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	c := sts.Calls()[0]
	if c.Authorization != "" || c.Token != "" {
		t.Errorf("AssumeRoleWithWebIdentity was signed (Authorization %q); it must be sent unsigned", c.Authorization)
	}
	wantForm := map[string][]string{"Action": {"AssumeRoleWithWebIdentity"}, "Version": {"2011-06-15"}, "RoleArn": {"arn:aws:iam::123456789012:role/FederatedWebIdentityRole"}, "RoleSessionName": {"app1"}, "WebIdentityToken": {"eyJhbGciOiJSUzI1NiJ9.OIDCTOKEN"}}
	if diff := cmp.Diff(wantForm, map[string][]string(c.Form)); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}

	tests := []struct {
		name    string
		w       *WebIdentity
		noCreds bool
		errHas  string
	}{
		{name: "not configured", w: &WebIdentity{Getenv: envMap()}, noCreds: true},
		{name: "role without token file", w: &WebIdentity{Getenv: envMap("AWS_ROLE_ARN", "arn:r")}, errHas: "AWS_WEB_IDENTITY_TOKEN_FILE is not"},
		{name: "token file without role", w: &WebIdentity{Getenv: envMap("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile)}, errHas: "AWS_ROLE_ARN is not"},
		{name: "missing token file", w: &WebIdentity{TokenFile: "/nonexistent/token", RoleARN: "arn:r", Endpoint: sts.URL}, errHas: "reading the web identity token"},
		{name: "expired", w: &WebIdentity{TokenFile: tokenFile, RoleARN: "arn:r", Endpoint: sts.URL, now: fixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))}, errHas: "expired at 2014-10-24T23:00:23Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.w.Retrieve(context.Background())
			checkErr(t, err, tt.noCreds, tt.errHas)
		})
	}
}

func FuzzDecodeSTSCredentials(f *testing.F) {
	for _, name := range []string{"AssumeRole.xml", "AssumeRoleWithWebIdentity.xml", "ErrorResponse-AccessDenied.xml"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "credentials", "sts", name))
		if err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _, err := decodeSTSCredentials(data)
		if err == nil && !c.HasKeys() {
			t.Fatalf("success without keys")
		}
	})
}
