package session

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
	"github.com/google/go-cmp/cmp"
)

// TestDescribeError checks the AWS CLI v2 wording and exit code of failed
// calls (the e2e goldens of TestDropIn and TestReadTimeout record v2 itself).
func TestDescribeError(t *testing.T) {
	const url = "http://127.0.0.1:1/"
	apiErr := func(status int, body string) error {
		return fmt.Errorf("clientvpn: DescribeClientVpnConnections: %w", ec2xml.DecodeError(status, []byte(body)))
	}
	cases := []struct {
		reason string
		err    error
		status int
		body   string
		want   string
		exit   int
	}{
		{"an empty body below 500 is expat's failure", apiErr(400, ""), 400, "",
			"Unable to parse response (no element found: line 1, column 0), invalid XML received. Further retries may succeed:\nb''", cli.ExitOther},
		{"a text body below 500", apiErr(404, "not found\n"), 404, "not found\n",
			"Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\nb'not found\\n'", cli.ExitOther},
		{"a well-formed page below 500 is (Unknown) Unknown", apiErr(403, "<html><body>403</body></html>"), 403, "<html><body>403</body></html>",
			"An error occurred (Unknown) when calling the DescribeClientVpnConnections operation: Unknown", cli.ExitService},
		{"an empty body at 500 or more is the generic error", apiErr(503, ""), 503, "",
			"An error occurred (503) when calling the DescribeClientVpnConnections operation: Service Unavailable", cli.ExitService},
		{"an HTML page at 500 or more is the generic error", apiErr(502, "<html><hr></body>"), 502, "<html><hr></body>",
			"An error occurred (502) when calling the DescribeClientVpnConnections operation: Bad Gateway", cli.ExitService},
		{"text at 500 or more is parsed, and fails", apiErr(500, "oops"), 500, "oops",
			"Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\nb'oops'", cli.ExitOther},
		{"a message without a code is kept", apiErr(400, "<Response><Errors><Error><Message>busy</Message></Error></Errors></Response>"), 400, "",
			"An error occurred (Unknown) when calling the DescribeClientVpnConnections operation: busy", cli.ExitService},
		{"a read timeout of a 200 is a read timeout, not a parse failure",
			fmt.Errorf("clientvpn: reading response: %w", clientvpn.ErrReadTimeout), 200, "<Descr",
			`Read timeout on endpoint URL: "` + url + `"`, cli.ExitOther},
		{"a redirect keeps its status (issue 14; v2 says Unable to parse response)",
			&clientvpn.RedirectError{StatusCode: 307, Location: "http://elsewhere/"}, 307, "",
			`Refusing to follow the redirect (HTTP 307 Temporary Redirect) from endpoint URL: "` + url + `" to "http://elsewhere/"`, cli.ExitOther},
		{"credentials that fail during a pagination name their cause, not the connection",
			fmt.Errorf("clientvpn: DescribeClientVpnConnections: %w", &credentials.Error{Provider: "Profile(p)/Process", Err: &credentials.ProcessError{Command: "x", Status: "exit status 1", Stderr: "expired\n"}}), 0, "",
			"Error when retrieving credentials from custom-process: expired\n", cli.ExitOther},
		{"a body over the limit", fmt.Errorf("clientvpn: %w: more than 10 bytes", clientvpn.ErrTooLarge), 200, "",
			"Unable to parse response (response body too large: more than 10 bytes), invalid XML received. Further retries may succeed:\nb''", cli.ExitOther},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			msg, exit := describeError(context.Background(), c.err, callState{url: url, status: c.status, body: []byte(c.body), attempts: 1})
			if diff := cmp.Diff(c.want, msg); diff != "" || exit != c.exit {
				t.Errorf("exit %d (want %d), message (-want +got):\n%s", exit, c.exit, diff)
			}
		})
	}
}

// TestFlagTimeout: --cli-*-timeout as the AWS CLI reads it.
func TestFlagTimeout(t *testing.T) {
	cases := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"5", 5 * time.Second, ""},
		{"0", -1, ""}, // no timeout
		{"-0", -1, ""},
		{"５", 5 * time.Second, ""},
		{"-1", 0, "Attempted to set connect timeout to -1, but the timeout cannot be set to a value less than or equal to 0."},
		{"abc", 0, "invalid literal for int() with base 10: 'abc'"},
	}
	for _, c := range cases {
		in := c.in
		got, err := flagTimeout("connect", &in)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if got != c.want || errText != c.wantErr {
			t.Errorf("flagTimeout(%q) = %v, %q; want %v, %q", c.in, got, errText, c.want, c.wantErr)
		}
	}
}

// TestCheckEndpoint: the scheme as Python's urlsplit finds it.
func TestCheckEndpoint(t *testing.T) {
	cases := []struct {
		in   string
		want string // "" = accepted
		exit int
	}{
		{"http://x", "", 0},
		{"HTTPS://x/", "", 0},
		{"not a url", `Bad value for --endpoint-url "not a url": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`, cli.ExitUsage},
		{"1http://x", `Bad value for --endpoint-url "1http://x": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`, cli.ExitUsage},
		{"ftp://x", "An HTTP Client raised an unhandled exception: Not supported URL scheme ftp", cli.ExitOther},
		{"FTP://x", "An HTTP Client raised an unhandled exception: Not supported URL scheme ftp", cli.ExitOther},
		{"localhost:4566", "An HTTP Client raised an unhandled exception: Not supported URL scheme localhost", cli.ExitOther},
	}
	for _, c := range cases {
		err := checkEndpoint(c.in, cli.ExitUsage)
		var ce *cli.ConfigError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("checkEndpoint(%q) = %v, want nil", c.in, err)
		case c.want != "" && (!errors.As(err, &ce) || ce.Msg != c.want || ce.Exit != c.exit):
			t.Errorf("checkEndpoint(%q) = %#v, want %q exit %d", c.in, err, c.want, c.exit)
		}
	}
}

// TestCredentialError: each credential failure in AWS CLI v2's words (the
// e2e goldens cred-* record v2 itself).
func TestCredentialError(t *testing.T) {
	wrap := func(err error) error { return &credentials.Error{Provider: "Profile(a)", Err: err} }
	dial := &url.Error{Op: "Post", URL: "http://127.0.0.1:9", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	cases := []struct {
		err  error
		want string
		exit int
	}{
		{wrap(&credentials.PartialCredentialsError{Present: "AWS_ACCESS_KEY_ID", Missing: "AWS_SECRET_ACCESS_KEY"}),
			"Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY", cli.ExitOther},
		{wrap(&credentials.SourceProfileLoopError{Profile: "a", Visited: []string{"a", "b"}}),
			"Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a', 'b']", cli.ExitOther},
		{wrap(&credentials.MissingSourceProfileError{Profile: "a", SourceProfile: "nowhere"}),
			`The source_profile "nowhere" referenced in the profile "a" does not exist.`, cli.ExitOther},
		{wrap(fmt.Errorf("AssumeRole: %w", dial)), `Could not connect to the endpoint URL: "http://127.0.0.1:9/"`, cli.ExitOther},
		{wrap(&awsconfig.SettingError{Name: "max_attempts", Value: "abc"}), "invalid literal for int() with base 10: 'abc'", cli.ExitOther},
		{fmt.Errorf("chain: %w", credentials.ErrNoCredentials), cli.MsgNoCredentials, cli.ExitConfig},
	}
	for _, c := range cases {
		err := credentialError(c.err)
		msg, exit := err.Error(), cli.ExitOther
		var ce *cli.ConfigError
		if errors.As(err, &ce) {
			exit = ce.Exit
		}
		if msg != c.want || exit != c.exit {
			t.Errorf("credentialError(%v) = %q exit %d; want %q exit %d", c.err, msg, exit, c.want, c.exit)
		}
	}
}
