package credentials

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	token  = "SESSIONTOKENVALUE"
)

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	c := Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret, SessionToken: token, Expires: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC), Source: "Env"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v", "%T %v"} {
		got := fmt.Sprintf(format, c)
		if strings.Contains(got, secret) || strings.Contains(got, token) || strings.Contains(got, "wJalr") {
			t.Errorf("Sprintf(%q) = %q leaks a secret", format, got)
		}
	}
	// Nested in other values, too.
	for _, v := range []any{[]Credentials{c}, struct{ C Credentials }{c}, &c, map[string]Credentials{"k": c}} {
		for _, format := range []string{"%v", "%+v", "%#v"} {
			if got := fmt.Sprintf(format, v); strings.Contains(got, secret) || strings.Contains(got, token) {
				t.Errorf("Sprintf(%q, %T) = %q leaks a secret", format, v, got)
			}
		}
	}
	want := "{AccessKeyID: AKIDEXAMPLE, SecretAccessKey: <redacted>, SessionToken: <redacted>, Expires: 2030-01-02T03:04:05Z, Source: Env}"
	if got := c.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     []string
		want    Credentials
		noCreds bool
		errHas  string
	}{
		{name: "keys and token", env: []string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", secret, "AWS_SESSION_TOKEN", token},
			want: Credentials{AccessKeyID: "AKID", SecretAccessKey: secret, SessionToken: token, Source: "Env"}},
		{name: "none", noCreds: true},
		{name: "only the id", env: []string{"AWS_ACCESS_KEY_ID", "AKID"}, errHas: "AWS_SECRET_ACCESS_KEY is not"},
		{name: "only the secret", env: []string{"AWS_SECRET_ACCESS_KEY", secret}, errHas: "AWS_ACCESS_KEY_ID is not"},
		{name: "expired", env: []string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", secret, "AWS_CREDENTIAL_EXPIRATION", "2001-01-01T00:00:00Z"}, errHas: "expired at 2001-01-01T00:00:00Z"},
		{name: "bad expiration", env: []string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", secret, "AWS_CREDENTIAL_EXPIRATION", "soon"}, errHas: "not an RFC 3339"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Env{Getenv: envMap(tt.env...)}.Retrieve(context.Background())
			checkErr(t, err, tt.noCreds, tt.errHas)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// checkErr checks an error: ErrNoCredentials when noCreds, containing errHas when set, nil
// otherwise; and never a secret.
func checkErr(t *testing.T, err error, noCreds bool, errHas string) {
	t.Helper()
	switch {
	case noCreds:
		if !errors.Is(err, ErrNoCredentials) {
			t.Errorf("error = %v, want ErrNoCredentials", err)
		}
	case errHas != "":
		if err == nil || !strings.Contains(err.Error(), errHas) {
			t.Errorf("error = %v, want one containing %q", err, errHas)
		}
		if errors.Is(err, ErrNoCredentials) {
			t.Errorf("error %v matches ErrNoCredentials; a configured but broken source must not", err)
		}
	default:
		if err != nil {
			t.Errorf("error = %v", err)
		}
	}
	if err != nil {
		for _, s := range []string{secret, token, "PROCESSSECRET", "PROCESSTOKEN", "wJalr", "AQoDYX"} {
			if strings.Contains(err.Error(), s) {
				t.Errorf("error %q contains a secret", err)
			}
		}
	}
}

func TestStatic(t *testing.T) {
	got, err := Static{Credentials: Credentials{AccessKeyID: "AKID", SecretAccessKey: secret}}.Retrieve(context.Background())
	if err != nil || got.Source != "Static" || got.AccessKeyID != "AKID" {
		t.Errorf("Static = %v, %v", got, err)
	}
	_, err = Static{}.Retrieve(context.Background())
	checkErr(t, err, true, "")
}

func TestProcess(t *testing.T) {
	tests := []struct {
		mode    string
		timeout time.Duration
		want    Credentials
		errHas  string
		stderr  string
	}{
		{mode: "ok", want: Credentials{AccessKeyID: "AKIDPROCESS", SecretAccessKey: "PROCESSSECRET", SessionToken: "PROCESSTOKEN", Expires: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC), Source: "Process"}},
		{mode: "no-expiry", want: Credentials{AccessKeyID: "AKIDPROCESS", SecretAccessKey: "PROCESSSECRET", Source: "Process"}},
		{mode: "expired", errHas: "expired at 2001-01-01T00:00:00Z"},
		{mode: "version2", errHas: "unsupported Version 2"},
		{mode: "no-secret", errHas: "no SecretAccessKey"},
		{mode: "bad-json", errHas: "empty or truncated JSON"},
		{mode: "fail", errHas: "exit status 3", stderr: "helper: token expired, run aws sso login\n"},
		{mode: "hang", timeout: 200 * time.Millisecond, errHas: "did not finish within 200ms"},
		// As botocore (communicate()): all of stdout, however large; and stdout is
		// read to its end, even when a background process holds it after the command
		// exits, within the timeout.
		{mode: "large", want: Credentials{AccessKeyID: "AKIDPROCESS", SecretAccessKey: "PROCESSSECRET", SessionToken: largeToken, Source: "Process"}},
		{mode: "background", want: Credentials{AccessKeyID: "AKIDPROCESS", SecretAccessKey: "PROCESSSECRET", Source: "Process"}},
		{mode: "background-long", timeout: 500 * time.Millisecond, errHas: "did not finish within 500ms"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			var stderr bytes.Buffer
			p := &Process{Command: helperCommand(), Env: helperEnv(tt.mode), Timeout: tt.timeout, Stderr: &stderr, now: fixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))}
			got, err := p.Retrieve(context.Background())
			checkErr(t, err, false, tt.errHas)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got := stderr.String(); got != tt.stderr {
				t.Errorf("stderr passed through = %q, want %q", got, tt.stderr)
			}
		})
	}
	t.Run("missing command", func(t *testing.T) {
		_, err := (&Process{Command: "/nonexistent/credential-helper --x"}).Retrieve(context.Background())
		checkErr(t, err, false, "/nonexistent/credential-helper")
	})
	t.Run("unbalanced quote", func(t *testing.T) {
		_, err := (&Process{Command: `helper "oops`}).Retrieve(context.Background())
		checkErr(t, err, false, "no closing quotation")
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := (&Process{Command: helperCommand(), Env: helperEnv("hang")}).Retrieve(ctx)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	})
}

func TestParseProcessOutput(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in, errHas string
	}{
		{`{"Version":1,"AccessKeyId":"A","SecretAccessKey":"SECRETX","Expiration":"2026-06-01T00:00:00.123+02:00"}`, ""},
		{`{"Version":"1","AccessKeyId":"A","SecretAccessKey":"SECRETX"}`, "Version must be a JSON number"},
		{`{"AccessKeyId":"A","SecretAccessKey":"SECRETX"}`, "no Version"},
		{`{"Version":1,"SecretAccessKey":"SECRETX"}`, "no AccessKeyId"},
		{`{"Version":1,"AccessKeyId":"A","SecretAccessKey":"SECRETX","Expiration":"tomorrow"}`, "not an RFC 3339"},
		{`SECRETX`, "not valid JSON"},
		{``, "empty"},
	}
	for _, tt := range tests {
		_, err := parseProcessOutput([]byte(tt.in), now)
		if tt.errHas == "" {
			if err != nil {
				t.Errorf("parse(%s) = %v", tt.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("parse(%s) error = %v, want %q", tt.in, err, tt.errHas)
		}
		if err != nil && strings.Contains(err.Error(), "SECRETX") {
			t.Errorf("parse(%s) error %q quotes the secret", tt.in, err)
		}
	}
}

func FuzzProcessOutput(f *testing.F) {
	f.Add([]byte(`{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T","Expiration":"2030-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"Version":2}`))
	f.Add([]byte(`{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2000-01-01T00:00:00Z"}`))
	f.Add([]byte(`[`))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parseProcessOutput(data, now)
		if err != nil {
			// The error must not echo the secret field of the input.
			var po processOutput
			if jsonErr := jsonUnmarshal(data, &po); jsonErr == nil && len(po.SecretAccessKey) > 3 && strings.Contains(err.Error(), po.SecretAccessKey) {
				t.Fatalf("error %q echoes the secret", err)
			}
			return
		}
		if !c.HasKeys() {
			t.Fatalf("success without keys: %v", c)
		}
		if c.Expired(now) {
			t.Fatalf("expired credentials accepted: %v", c)
		}
	})
}

func TestChain(t *testing.T) {
	ok := Static{Credentials: Credentials{AccessKeyID: "AKID", SecretAccessKey: secret}}
	absent := func(name string) Provider {
		return ProviderFunc(func(context.Context) (Credentials, error) { return Credentials{}, notConfigured(name, "not here") })
	}
	broken := ProviderFunc(func(context.Context) (Credentials, error) {
		return Credentials{}, errorf("Broken", "profile dev (config): bad")
	})
	t.Run("first success wins", func(t *testing.T) {
		got, err := Chain{absent("A"), ok, broken}.Retrieve(context.Background())
		if err != nil || got.Source != "Static" {
			t.Errorf("got %v, %v", got, err)
		}
	})
	t.Run("all absent", func(t *testing.T) {
		_, err := Chain{absent("A"), absent("B")}.Retrieve(context.Background())
		if !errors.Is(err, ErrNoCredentials) {
			t.Fatalf("error = %v, want ErrNoCredentials", err)
		}
		var ce *ChainError
		if !errors.As(err, &ce) || len(ce.Reasons) != 2 {
			t.Fatalf("error = %#v, want a *ChainError with 2 reasons", err)
		}
		want := "credentials: unable to locate credentials\n\tcredentials: A: not here\n\tcredentials: B: not here"
		if err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
	})
	t.Run("broken source stops the chain", func(t *testing.T) {
		_, err := Chain{absent("A"), broken, ok}.Retrieve(context.Background())
		if err == nil || errors.Is(err, ErrNoCredentials) || !strings.Contains(err.Error(), "Broken") {
			t.Errorf("error = %v, want the Broken provider's error", err)
		}
	})
	t.Run("empty chain", func(t *testing.T) {
		_, err := Chain{}.Retrieve(context.Background())
		if !errors.Is(err, ErrNoCredentials) {
			t.Errorf("error = %v", err)
		}
	})
}

func TestDefaultChainNothingConfigured(t *testing.T) {
	dir := t.TempDir()
	imds := newIMDS(t, imdsOptions{})
	imds.Close() // nothing listens: connection refused, at once
	chain := NewDefaultChain(ChainOptions{Getenv: envMap("HOME", dir, "AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)})
	_, err := chain.Retrieve(context.Background())
	if !errors.Is(err, ErrNoCredentials) {
		t.Fatalf("error = %v, want ErrNoCredentials", err)
	}
	for _, want := range []string{"Env: ", "Profile(default): no profile default", "WebIdentity: ", "Container: ", "IMDS: no instance metadata service"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks the reason %q", err, want)
		}
	}
	if got := chain.String(); got != "Chain(Env, Profile, WebIdentity, Container, IMDS)" {
		t.Errorf("String() = %q", got)
	}
}

func TestDefaultChainOrder(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config", "[profile p]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = S\n")
	creds := writeFile(t, dir, "credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = S\n")
	envKeys := []string{"AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "S", "AWS_CONFIG_FILE", cfg, "AWS_SHARED_CREDENTIALS_FILE", creds}
	tests := []struct {
		name    string
		profile string
		env     []string
		want    string
		reason  string
	}{
		{"env first", "", envKeys, "AKIDENV", "environment keys beat the files"},
		{"AWS_PROFILE keeps env", "", append(envKeys, "AWS_PROFILE", "p"), "AKIDENV", "only --profile drops env keys"},
		{"explicit profile drops env", "p", envKeys, "AKIDCONFIG", "as the CLI's --profile"},
		{"files without env", "", envKeys[4:], "AKIDFILE", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewDefaultChain(ChainOptions{Profile: tt.profile, Getenv: envMap(tt.env...)}).Retrieve(context.Background())
			if err != nil || got.AccessKeyID != tt.want {
				t.Errorf("got %v, %v; want %s (%s)", got, err, tt.want, tt.reason)
			}
		})
	}
}

func TestStaticExpired(t *testing.T) {
	_, err := Static{Credentials: Credentials{AccessKeyID: "AKID", SecretAccessKey: secret, Expires: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)}}.Retrieve(context.Background())
	checkErr(t, err, false, "expired at 2001-01-01T00:00:00Z")
}
