package credentials

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Recognisable fake secrets: no provider error, and no formatting of a
// Credentials value, may contain them.
const (
	leakSecret   = "SECRETSECRETSECRETSECRETSECRETSECRET0123"
	leakToken    = "TOKENTOKENTOKENTOKENTOKENTOKENTOKEN+/TOKENTOKEN=="
	leakWebToken = "WEBTOKENWEBTOKENWEBTOKEN.eyJzdWIiOiJ4In0.WEBTOKENSIG"
	leakAuth     = "CONTAINERAUTHCONTAINERAUTH0123"
)

func checkNoSecret(t *testing.T, where, text string) {
	t.Helper()
	for _, bad := range []string{leakSecret, leakToken, "SECRETSECRETSECRET", "TOKENTOKENTOKEN", leakWebToken, "WEBTOKENWEBTOKEN", leakAuth, "CONTAINERAUTH"} {
		if strings.Contains(text, bad) {
			t.Errorf("%s contains the secret %q:\n%s", where, bad, text)
		}
	}
}

// errorTexts renders err every way a program might log it.
func errorTexts(err error) []string {
	out := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprintf("%q", err)}
	for e := err; e != nil; e = errors.Unwrap(e) {
		out = append(out, fmt.Sprintf("%#v", e))
	}
	return out
}

func TestCredentialsFormattingRedacts(t *testing.T) {
	c := Credentials{AccessKeyID: "AKIDLEAK", SecretAccessKey: leakSecret, SessionToken: leakToken, Source: "Static", Expires: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	type holder struct {
		C  Credentials
		P  *Credentials
		Cs []Credentials
		M  map[string]Credentials
	}
	h := holder{C: c, P: &c, Cs: []Credentials{c}, M: map[string]Credentials{"k": c}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%T %v", "%10v", "%-v", "%d"} {
		for _, v := range []any{c, &c, h, &h, []any{c}} {
			got := fmt.Sprintf(verb, v)
			checkNoSecret(t, fmt.Sprintf("fmt.Sprintf(%q, %T)", verb, v), got)
		}
	}
	if b, err := json.Marshal(c); err == nil {
		// encoding/json does not use fmt: the exported fields are
		// marshalled as they are. Document, do not hide, that a program
		// must not marshal Credentials into logs.
		if !strings.Contains(string(b), leakSecret) {
			t.Logf("json.Marshal redacts: %s", b)
		}
	}
	if !strings.Contains(fmt.Sprint(c), "AKIDLEAK") {
		t.Errorf("the access key id should stay visible: %v", c)
	}
}

func TestProviderErrorsCarryNoSecret(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the credential_process helpers are shell scripts")
	}
	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	full := `{"Version":1,"AccessKeyId":"AKIDLEAK","SecretAccessKey":"` + leakSecret + `","SessionToken":"` + leakToken + `"`
	now := func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }

	sts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.WriteHeader(http.StatusBadRequest)
		// A misbehaving STS quoting what it was sent.
		io.WriteString(w, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>token "+
			r.Header.Get("X-Amz-Security-Token")+" auth "+r.Header.Get("Authorization")+" web "+r.PostForm.Get("WebIdentityToken")+
			"</Message></Error><RequestId>r</RequestId></ErrorResponse>")
	}))
	defer sts.Close()
	stsBadOK := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>"+leakSecret+
			"</SecretAccessKey><SessionToken>"+leakToken+"</SessionToken><Expiration>not a time</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>")
	}))
	defer stsBadOK.Close()
	container := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/denied":
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"Code":"Denied","Message":"bad token `+r.Header.Get("Authorization")+`"}`)
		case "/broken":
			io.WriteString(w, `{"AccessKeyId":"A","SecretAccessKey":"`+leakSecret+`","Token":"`+leakToken+`","Expiration":"yesterday"`)
		case "/expired":
			io.WriteString(w, `{"AccessKeyId":"A","SecretAccessKey":"`+leakSecret+`","Token":"`+leakToken+`","Expiration":"2001-01-01T00:00:00Z"}`)
		}
	}))
	defer container.Close()
	webTokenFile := filepath.Join(dir, "web-token")
	os.WriteFile(webTokenFile, []byte(leakWebToken), 0o600)
	authFile := filepath.Join(dir, "auth-token")
	os.WriteFile(authFile, []byte(leakAuth+"\n"+leakAuth), 0o600)
	source := Static{Credentials: Credentials{AccessKeyID: "AKIDLEAK", SecretAccessKey: leakSecret, SessionToken: leakToken}}

	tests := []struct {
		name string
		p    Provider
	}{
		{"process prints the keys then fails", &Process{Command: script("fail.sh", "echo '"+full+"}'\necho oops >&2\nexit 3\n"), Stderr: io.Discard}},
		{"process prints broken JSON", &Process{Command: script("broken.sh", "echo '"+full+",'\n"), Stderr: io.Discard}},
		{"process prints the keys in a wrong type", &Process{Command: script("type.sh", `echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":["`+leakSecret+`"]}'`+"\n"), Stderr: io.Discard}},
		{"process prints version 2", &Process{Command: script("v2.sh", `echo '{"Version":2,"AccessKeyId":"A","SecretAccessKey":"`+leakSecret+`"}'`+"\n"), Stderr: io.Discard}},
		{"process prints expired keys", &Process{Command: script("exp.sh", "echo '"+full+`,"Expiration":"2001-01-01T00:00:00Z"}'`+"\n"), Stderr: io.Discard, now: now}},
		{"process prints a bad expiration", &Process{Command: script("badexp.sh", "echo '"+full+`,"Expiration":"`+leakToken+`"}'`+"\n"), Stderr: io.Discard}},
		{"process prints plain text", &Process{Command: script("plain.sh", "echo "+leakSecret+"\n"), Stderr: io.Discard}},
		{"process prints the keys and hangs", &Process{Command: script("hang.sh", "echo '"+full+"}'\nexec sleep 10\n"), Stderr: io.Discard, Timeout: 200 * time.Millisecond}},
		{"process without secret", &Process{Command: script("nosecret.sh", `echo '{"Version":1,"AccessKeyId":"A","SessionToken":"`+leakToken+`"}'`+"\n"), Stderr: io.Discard}},
		{"static expired", Static{Credentials: Credentials{AccessKeyID: "A", SecretAccessKey: leakSecret, SessionToken: leakToken, Expires: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{"static without key id", Static{Credentials: Credentials{SecretAccessKey: leakSecret, SessionToken: leakToken}}},
		{"env without key id", Env{Getenv: envMap("AWS_SECRET_ACCESS_KEY", leakSecret, "AWS_SESSION_TOKEN", leakToken)}},
		{"assume role refused, STS quotes the request", &AssumeRole{Source: source, RoleARN: "arn:aws:iam::123456789012:role/r", Endpoint: sts.URL, Region: "us-east-1"}},
		{"assume role answer undecodable", &AssumeRole{Source: source, RoleARN: "arn:aws:iam::123456789012:role/r", Endpoint: stsBadOK.URL, Region: "us-east-1"}},
		{"web identity refused, STS quotes the token", &WebIdentity{TokenFile: webTokenFile, RoleARN: "arn:aws:iam::123456789012:role/r", Endpoint: sts.URL, Region: "us-east-1"}},
		{"web identity answer undecodable", &WebIdentity{TokenFile: webTokenFile, RoleARN: "arn:aws:iam::123456789012:role/r", Endpoint: stsBadOK.URL, Region: "us-east-1"}},
		{"container refuses, quoting the auth token", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.URL+"/denied", "AWS_CONTAINER_AUTHORIZATION_TOKEN", leakAuth)}},
		{"container answers broken JSON", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.URL+"/broken", "AWS_CONTAINER_AUTHORIZATION_TOKEN", leakAuth)}},
		{"container answers expired keys", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.URL+"/expired"), now: now}},
		{"container auth token file with a line break", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.URL+"/denied", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", authFile)}},
		{"container auth token with a line break", &Container{Getenv: envMap("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.URL+"/denied", "AWS_CONTAINER_AUTHORIZATION_TOKEN", leakAuth+"\r\n"+leakAuth)}},
	}
	profileCase := func(name, config, creds string) {
		cfg := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".config")
		crd := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".credentials")
		os.WriteFile(cfg, []byte(config), 0o600)
		os.WriteFile(crd, []byte(creds), 0o600)
		tests = append(tests, struct {
			name string
			p    Provider
		}{name, &Profile{ConfigFile: cfg, CredentialsFile: crd, Getenv: envMap(), Stderr: io.Discard}})
	}
	profileCase("profile: credentials line without =", "", "[default]\naws_access_key_id = A\naws_secret_access_key "+leakSecret+"\n")
	profileCase("profile: continuation line holding the token", "", "[default]\naws_access_key_id = A\n"+leakToken+"\n")
	profileCase("profile: broken section header", "[default\naws_secret_access_key = "+leakSecret+"\n", "")
	profileCase("profile: secret without key id", "", "[default]\naws_secret_access_key = "+leakSecret+"\naws_session_token = "+leakToken+"\n")
	profileCase("profile: source profile loop", "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\naws_secret_access_key = "+leakSecret+"\n", "")
	profileCase("profile: credential_process fails", "[default]\ncredential_process = "+script("pfail.sh", "echo '"+full+"}'\nexit 1\n")+"\n", "")
	profileCase("profile: assume role refused", "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = src\n[profile src]\n",
		"[src]\naws_access_key_id = AKIDLEAK\naws_secret_access_key = "+leakSecret+"\naws_session_token = "+leakToken+"\n")
	os.Setenv("AWS_ENDPOINT_URL_STS", "") // not read: Getenv is an empty map

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if p, ok := tt.p.(*Profile); ok && strings.Contains(tt.name, "assume role") {
				p.Getenv = envMap("AWS_ENDPOINT_URL_STS", sts.URL)
			}
			c, err := tt.p.Retrieve(ctx)
			if err == nil {
				t.Fatalf("no error; got %v", c)
			}
			for _, text := range errorTexts(err) {
				checkNoSecret(t, "error", text)
			}
			// And through a chain and a cache, as a program meets them.
			_, err = NewCache(Chain{tt.p}).Retrieve(ctx)
			if err == nil {
				t.Fatal("no error through Cache(Chain)")
			}
			for _, text := range errorTexts(err) {
				checkNoSecret(t, "chained error", text)
			}
		})
	}
}

// TestCacheFormattingRedacts: a Cache holding credentials prints neither
// the secret nor the token under any verb, alone or inside another value.
func TestCacheFormattingRedacts(t *testing.T) {
	c := NewCache(Static{Credentials: Credentials{AccessKeyID: "AKIDLEAK", SecretAccessKey: leakSecret, SessionToken: leakToken}})
	if _, err := c.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	type holder struct {
		P Provider
		C *Cache
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, v := range []any{c, holder{c, c}, &holder{c, c}, []Provider{c}} {
			checkNoSecret(t, fmt.Sprintf("fmt.Sprintf(%q, %T)", verb, v), fmt.Sprintf(verb, v))
		}
	}
	if s := fmt.Sprint(c); !strings.Contains(s, "AKIDLEAK") || !strings.Contains(s, "Static") {
		t.Errorf("%s: want the provider and the access key id", s)
	}
}

// TestProvidersFormattingRedacts: the exported providers that may hold
// credentials print none of them under any verb.
func TestProvidersFormattingRedacts(t *testing.T) {
	static := Static{Credentials: Credentials{AccessKeyID: "AKIDLEAK", SecretAccessKey: leakSecret, SessionToken: leakToken}}
	cache := NewCache(static)
	if _, err := cache.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []Provider{
		static, &static,
		&AssumeRole{Source: static, RoleARN: "arn:aws:iam::123456789012:role/r"},
		&AssumeRole{Source: cache, RoleARN: "arn:aws:iam::123456789012:role/r"},
		Chain{static, cache},
	} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			checkNoSecret(t, fmt.Sprintf("fmt.Sprintf(%q, %T)", verb, p), fmt.Sprintf(verb, p))
		}
	}
}
