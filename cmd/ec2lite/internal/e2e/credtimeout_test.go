//go:build unix

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// credentialSource returns the HOME and environment that make the
// credential provider via ("sts", "web-identity", "container" or "imds")
// call url.
func credentialSource(t *testing.T, via, url string) (home, map[string]string) {
	h := newHome(t, stsRoleConfig, baseCredentials)
	switch via {
	case "sts":
		return h, withEnv(noEnvKeys, "AWS_PROFILE", "role", "AWS_ENDPOINT_URL_STS", url)
	case "web-identity":
		tok := h.write(t, "web-identity-token", "webidentitytoken0123456789SECRET")
		return h, withEnv(noEnvKeys, "AWS_WEB_IDENTITY_TOKEN_FILE", tok, "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/e2e",
			"AWS_ROLE_SESSION_NAME", "e2e", "AWS_ENDPOINT_URL_STS", url)
	case "container":
		return h, withEnv(noEnvKeys, "AWS_CONTAINER_CREDENTIALS_FULL_URI", url+"/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "containertoken0123456789")
	case "imds":
		h = newHome(t, "", "")
		return h, withEnv(noEnvKeys, "AWS_EC2_METADATA_DISABLED", "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT", url)
	}
	t.Fatalf("unknown source %s", via)
	return h, nil
}

// TestCredentialEndpointTimeouts is issue 14 item 1: the STS
// (AssumeRole, AssumeRoleWithWebIdentity), container and instance-metadata
// calls made for the command obey --cli-read-timeout and AWS_MAX_ATTEMPTS:
// a credential server that goes silent, before its headers or halfway
// through its body, fails the command within seconds.
func TestCredentialEndpointTimeouts(t *testing.T) {
	ec2, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		writeXML(w, 200, page("", conn{id: "cvpn-connection-0000000000000000a", user: "alice"}))
	}))
	for _, via := range []string{"sts", "web-identity", "container", "imds"} {
		for _, beforeHeaders := range []bool{true, false} {
			name := via + "-stall-body"
			if beforeHeaders {
				name = via + "-stall-headers"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()             // the runs mostly wait
				var done <-chan struct{} // set before any request arrives
				srv, d := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { stallHandler(beforeHeaders, done)(w, r) }))
				done = d
				h, env := credentialSource(t, via, srv.URL)
				env["AWS_MAX_ATTEMPTS"] = "1"
				r := run(t, h, env, cmdline("--endpoint-url", ec2.URL, "--client-vpn-endpoint-id", testEndpoint, "--cli-read-timeout", "1", "--cli-connect-timeout", "1")...)
				if r.timedOut || r.elapsed > 10*time.Second {
					t.Errorf("a silent %s credential server held the command: %v", via, r)
				}
				if r.code == 0 {
					t.Errorf("want a failure, got %v", r)
				}
			})
		}
	}
}

// TestCredentialRedirectsMore is issue 14 item 2 for the credential
// clients TestRedirects does not cover (AssumeRoleWithWebIdentity, the
// instance metadata service): a redirect target receives nothing, and the
// command fails.
func TestCredentialRedirectsMore(t *testing.T) {
	ec2, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		writeXML(w, 200, page("", conn{id: "cvpn-connection-0000000000000000a", user: "alice"}))
	}))
	for _, via := range []string{"web-identity", "imds"} {
		for _, status := range []int{301, 307} {
			t.Run(fmt.Sprintf("%s-%d", via, status), func(t *testing.T) {
				var targetHits counter
				target, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					targetHits.inc()
					io.Copy(io.Discard, r.Body)
					switch {
					case via == "web-identity":
						writeXML(w, 200, strings.ReplaceAll(assumeRoleAnswer("ASIATARGET", "targetsecret", "targettoken", time.Now().Add(time.Hour)), "AssumeRole", "AssumeRoleWithWebIdentity"))
					case strings.HasSuffix(r.URL.Path, "/api/token"):
						io.WriteString(w, "imdstoken")
					case strings.HasSuffix(r.URL.Path, "/security-credentials/"):
						io.WriteString(w, "role")
					default:
						fmt.Fprintf(w, `{"Code":"Success","AccessKeyId":"ASIATARGET","SecretAccessKey":"targetsecret","Token":"targettoken","Expiration":"%s"}`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
					}
				}))
				redirect, _ := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					http.Redirect(w, r, target.URL+r.URL.Path, status)
				}))
				h, env := credentialSource(t, via, redirect.URL)
				env["AWS_MAX_ATTEMPTS"] = "1"
				r := run(t, h, env, cmdline("--endpoint-url", ec2.URL, "--client-vpn-endpoint-id", testEndpoint, "--output", "text")...)
				if n := targetHits.get(); n != 0 {
					t.Errorf("the redirect target received %d request(s)", n)
				}
				if r.code == 0 {
					t.Errorf("want a failure, got %v", r)
				}
				secretFree(t, r, "webidentitytoken0123456789SECRET", testSecret)
			})
		}
	}
}
