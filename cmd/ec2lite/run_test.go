package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/internal/version"
)

// runIn runs ec2lite in-process with env and returns exit code, stdout, stderr.
func runIn(t *testing.T, ctx context.Context, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	r := &cli.Env{Ctx: ctx, Vars: env, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Now: time.Now, Dir: t.TempDir()}
	code := dispatch(r, args)
	return code, stdout.String(), stderr.String()
}

// isolatedEnv is an environment with no credentials, no region and empty
// config files.
func isolatedEnv(t *testing.T) map[string]string {
	dir := t.TempDir()
	return map[string]string{
		"HOME":                        dir,
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
	}
}

func TestDemo(t *testing.T) {
	// The README's first command: no account, no configuration, even a broken one.
	env := isolatedEnv(t)
	os.WriteFile(env["AWS_CONFIG_FILE"], []byte("[default\nbroken"), 0o600)
	env["AWS_PROFILE"] = "does-not-exist"
	code, stdout, stderr := runIn(t, context.Background(), env, cli.OpName, "--demo")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "{\n    \"Connections\": [\n") || !strings.Contains(stdout, clientvpntest.SampleEndpointID) {
		t.Errorf("unexpected demo output:\n%s", stdout)
	}
	if strings.Contains(stdout, "NextToken") {
		t.Errorf("auto-pagination should drop NextToken:\n%s", stdout)
	}
	// As typed for the AWS CLI, with its v2-only global options.
	code, stdout, stderr = runIn(t, context.Background(), env, "ec2", cli.OpName, "--demo", "--no-cli-pager", "--cli-binary-format", "raw-in-base64-out", "--max-items", "1")
	if code != 0 || !strings.Contains(stdout, "NextToken") {
		t.Errorf("ec2 alias: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// Global flag before the command, text output, a query.
	code, stdout, _ = runIn(t, context.Background(), env, "--demo", "--output", "text", cli.OpName, "--query", "length(Connections)")
	if code != 0 || strings.TrimSpace(stdout) == "" {
		t.Errorf("demo text query: exit %d, stdout %q", code, stdout)
	}
}

func TestVersionHelpCompletion(t *testing.T) {
	env := isolatedEnv(t)
	tests := []struct {
		args       []string
		wantCode   int
		wantPrefix string
		reason     string
	}{
		{[]string{"--version"}, 0, version.UserAgent() + "\n", "ec2lite/<version> go/<version> <os>/<arch>"},
		{[]string{cli.OpName, "--version"}, 0, "ec2lite/", "--version is global"},
		{[]string{"version"}, 0, "ec2lite/", "the version command"},
		{[]string{"help"}, 0, cli.ProgramName + " — a drop-in", "top-level help"},
		{[]string{"--help"}, 0, cli.ProgramName + " — a drop-in", "--help"},
		{[]string{cli.OpName, "help"}, 0, cli.OpName + "\n", "operation help, as `aws ec2 OP help`"},
		{[]string{cli.OpName, "--help"}, 0, cli.OpName + "\n", "operation --help"},
		{[]string{"help", cli.OpName}, 0, cli.OpName + "\n", "help OP"},
		{[]string{"completion", "bash"}, 0, "# bash completion", "bash"},
		{[]string{"completion", "zsh"}, 0, "#compdef ec2lite", "zsh"},
		{[]string{"completion", "fish"}, 0, "# fish completion", "fish"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), env, tt.args...)
			if code != tt.wantCode || !strings.HasPrefix(stdout, tt.wantPrefix) {
				t.Errorf("%s: exit %d, stdout %.80q, stderr %q; want exit %d, stdout prefix %q", tt.reason, code, stdout, stderr, tt.wantCode, tt.wantPrefix)
			}
		})
	}
}

func TestCompletionMentionsEveryOption(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		_, script, _ := runIn(t, context.Background(), isolatedEnv(t), "completion", shell)
		for _, s := range cli.OptSpecs {
			name := s.Name
			if shell == "fish" {
				name = "-l " + strings.TrimPrefix(s.Name, "--")
			}
			if !strings.Contains(script, name) {
				t.Errorf("%s completion lacks %s", shell, s.Name)
			}
		}
	}
}

// TestBadInput covers usage errors beyond the recorded cases: each must
// print nothing on stdout, an AWS CLI-style message and the right exit code.
func TestBadInput(t *testing.T) {
	env := isolatedEnv(t)
	env["AWS_ACCESS_KEY_ID"] = exampleAccessKey
	env["AWS_SECRET_ACCESS_KEY"] = exampleSecret
	env["AWS_DEFAULT_REGION"] = "us-east-1"
	ep := []string{cli.OpName, "--client-vpn-endpoint-id", "cvpn-endpoint-0123456789abcdef0"}
	tests := []struct {
		Name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, cli.ExitUsage, "\n" + cli.UsageText + "\nec2lite: error: the following arguments are required: command\n\n"},
		{"unknown command", []string{"describe-vpcs"}, cli.ExitUsage, "ec2lite: error: argument command: Invalid choice, valid choices are:"},
		{"flag with inline value", append(ep, "--dry-run=yes"), cli.ExitUsage, "argument --dry-run: ignored explicit argument 'yes'"},
		{"output choice", append(ep, "--output", "yaml"), cli.ExitUsage, "argument --output: Invalid choice"},
		{"color choice", append(ep, "--color", "pink"), cli.ExitUsage, "argument --color: invalid choice: 'pink' (choose from 'on', 'off', 'auto')"},
		{"max-results negative", append(ep, "--max-results", "-3"), cli.ExitUsage, "Invalid value for parameter MaxResults, value: -3, valid min value: 5"},
		{"max-results overflow", append(ep, "--max-results", "99999999999999999999999"), cli.ExitOther, "invalid literal for int() with base 10: '99999999999999999999999'"},
		{"page-size float", append(ep, "--page-size", "1.5"), cli.ExitUsage, "argument --page-size: invalid int value: '1.5'"},
		{"max-items and max-results", append(ep, "--max-results", "5", "--max-items", "1"), cli.ExitUsage,
			"Error during pagination: Cannot specify --no-paginate along with pagination arguments: --max-items"},
		{"starting-token with next-token", append(ep, "--next-token", "x", "--starting-token", "y"), cli.ExitUsage,
			"Cannot specify --no-paginate along with pagination arguments: --starting-token"},
		{"filters values type in JSON", append(ep, "--filters", `[{"Name": "username", "Values": [1, null]}]`), cli.ExitUsage,
			"Invalid type for parameter Filters[0].Values[0], value: 1, type: <class 'int'>, valid types: <class 'str'>\nInvalid type for parameter Filters[0].Values[1], value: None, type: <class 'NoneType'>, valid types: <class 'str'>"},
		{"cli-input-json directory", []string{cli.OpName, "--cli-input-json", "file://."}, cli.ExitUsage, "Unable to load paramfile file://.: [Errno 21] Is a directory: '.'"},
		{"endpoint id from missing file", []string{cli.OpName, "--client-vpn-endpoint-id", "file://nope"}, cli.ExitUsage,
			"Error parsing parameter '--client-vpn-endpoint-id': Unable to load paramfile file://nope: [Errno 2] No such file or directory: 'nope'"},
		{"endpoint url without scheme", append(ep, "--endpoint-url", "127.0.0.1:1"), cli.ExitUsage, "Bad value for --endpoint-url \"127.0.0.1:1\""},
		// Python's urlparse reads "localhost" as the scheme of localhost:1.
		{"endpoint url with another scheme", append(ep, "--endpoint-url", "localhost:1"), cli.ExitOther, "Not supported URL scheme localhost"},
		{"unknown profile", append(ep, "--profile", "ghost"), cli.ExitOther, "\nThe config profile (ghost) could not be found\n"},
		{"read timeout", append(ep, "--cli-read-timeout", "1.5"), cli.ExitOther, "invalid literal for int() with base 10: '1.5'"},
		{"starting token crash", append(ep, "--starting-token", "bnVsbA=="), cli.ExitOther, "'NoneType' object has no attribute 'pop'"},
		{"ambiguous global abbreviation", append(ep, "--no"), cli.ExitUsage,
			"ec2lite: error: ambiguous option: --no could match --no-verify-ssl, --no-paginate, --no-sign-request, --no-cli-pager, --no-cli-auto-prompt\n"},
		{"ambiguous operation abbreviation", append(ep, "--max", "3"), cli.ExitUsage, "ec2lite: error: ambiguous option: --max could match --max-results, --max-items\n"},
		{"abbreviations", []string{cli.OpName, "--client-vpn-e", "x", "--outp=yaml"}, cli.ExitUsage, "argument --output: Invalid choice"},
		{"bad region", append(ep, "--region", "bad region"), cli.ExitOther, "\nProvided region_name 'bad region' doesn't match a supported format.\n"},
		{"completion shell", []string{"completion", "tcsh"}, cli.ExitUsage, "argument shell: Invalid choice"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantErr)
			}
		})
	}
}

func TestInterrupted(t *testing.T) {
	srv := clientvpntest.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	env := isolatedEnv(t)
	env["AWS_ACCESS_KEY_ID"] = clientvpntest.DefaultAccessKeyID
	env["AWS_SECRET_ACCESS_KEY"] = clientvpntest.DefaultSecretAccessKey
	code, stdout, stderr := runIn(t, ctx, env, cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
		"--endpoint-url", srv.URL, "--region", srv.Region())
	if code != cli.ExitInterrupt || stdout != "\n" || stderr != "" {
		t.Errorf("exit %d stdout %q stderr %q; want 130, \"\\n\", \"\" (the AWS CLI's KeyboardInterrupt)", code, stdout, stderr)
	}
}

// TestDebugRedacts checks that --debug logs every attempt, the retry
// decisions, and never a secret, a session token or a signature.
// redacted is what --debug prints in place of a secret.
const redacted = "REDACTED"

func TestDebugRedacts(t *testing.T) {
	const (
		akid   = "AKIDDEBUGTEST"
		secret = "debugSecretKey/ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		token  = "debugSessionToken+ZYXWVUTSRQPONMLKJIHGFEDCBA=="
	)
	srv := clientvpntest.NewServer(clientvpntest.WithCredentials(akid, secret, token))
	defer srv.Close()
	srv.Throttle(1)
	env := isolatedEnv(t)
	env["AWS_ACCESS_KEY_ID"] = akid
	env["AWS_SECRET_ACCESS_KEY"] = secret
	env["AWS_SESSION_TOKEN"] = token
	env["AWS_MAX_ATTEMPTS"] = "2"
	code, stdout, stderr := runIn(t, context.Background(), env, "--debug", cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
		"--endpoint-url", srv.URL, "--region", srv.Region(), "--no-paginate")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "NextToken") && !strings.Contains(stdout, "Connections") {
		t.Errorf("stdout: %s", stdout)
	}
	for _, want := range []string{
		"attempt 1: POST " + srv.URL, "attempt 1: HTTP 503", "error code RequestLimitExceeded",
		"retry: retryable, will retry after a backoff (attempt 1 of 2)", "attempt 2: HTTP 200",
		"Signature=" + redacted, "X-Amz-Security-Token: " + redacted, "Credential=" + akid + "/",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("debug log lacks %q", want)
		}
	}
	for _, secretText := range []string{secret, token} {
		if strings.Contains(stderr, secretText) {
			t.Errorf("debug log contains a secret %q", secretText)
		}
	}
	for _, line := range strings.Split(stderr, "\n") {
		if i := strings.Index(line, "Signature="); i >= 0 && !strings.HasPrefix(line[i:], "Signature="+redacted) {
			t.Errorf("unredacted signature: %s", line)
		}
	}
}

func TestFakeEndpointCommand(t *testing.T) {
	tests := []struct {
		Name    string
		flags   []string // fake-endpoint's own
		key     string   // the client's
		secret  string
		Region  string
		want    int    // the client's exit code
		wantLog string // in fake-endpoint's stderr
	}{
		{Name: "defaults", flags: []string{"--listen", "127.0.0.1:0"},
			key: clientvpntest.DefaultAccessKeyID, secret: clientvpntest.DefaultSecretAccessKey, Region: "us-east-1",
			want: 0, wantLog: "DescribeClientVpnConnections 200"},
		{Name: "own keys and region", flags: []string{"--addr", "127.0.0.1:0", "--access-key", "AKIDOWN", "--secret-key", "own/secret", "--region", "eu-west-1"},
			key: "AKIDOWN", secret: "own/secret", Region: "eu-west-1", want: 0, wantLog: "key=AKIDOWN"},
		{Name: "the example key refused when others are set", flags: []string{"--addr", "127.0.0.1:0", "--access-key", "AKIDOWN", "--secret-key", "own/secret"},
			key: clientvpntest.DefaultAccessKeyID, secret: clientvpntest.DefaultSecretAccessKey, Region: "us-east-1",
			want: cli.ExitService, wantLog: "401 AuthFailure"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			var stdout, stderr syncBuffer
			done := make(chan int)
			r := &cli.Env{Ctx: ctx, Vars: isolatedEnv(t), Stdout: &stdout, Stderr: &stderr, Now: time.Now}
			go func() {
				code := dispatch(r, append([]string{"fake-endpoint"}, tt.flags...))
				stdout.Write([]byte("\n")) // unblock waitLine if it ended without a URL
				done <- code
			}()
			url := stdout.waitLine(t)
			if url == "" {
				cancel()
				t.Fatalf("fake-endpoint printed no URL (exit %d, stderr %q)", <-done, stderr.String())
			}
			env := isolatedEnv(t)
			env["AWS_ACCESS_KEY_ID"] = tt.key
			env["AWS_SECRET_ACCESS_KEY"] = tt.secret
			env["AWS_MAX_ATTEMPTS"] = "1"
			code, out, errOut := runIn(t, context.Background(), env, cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
				"--endpoint-url", url, "--region", tt.Region, "--max-items", "1", "--query", "Connections[0].ConnectionId", "--output", "text")
			cancel()
			if c := <-done; c != 0 {
				t.Errorf("fake-endpoint exit %d, stderr %q", c, stderr.String())
			}
			if code != tt.want || tt.want == 0 && !strings.HasPrefix(out, "cvpn-connection-") {
				t.Errorf("describe against fake-endpoint: exit %d (want %d), stdout %q, stderr %q", code, tt.want, out, errOut)
			}
			if !strings.Contains(stderr.String(), tt.wantLog) {
				t.Errorf("fake-endpoint's request log %q lacks %q", stderr.String(), tt.wantLog)
			}
		})
	}
}

// TestCABundle checks --ca-bundle, AWS_CA_BUNDLE and the profile's ca_bundle
// against an HTTPS server with its own certificate authority.
func TestCABundle(t *testing.T) {
	srv := newFixtureServer(t)
	dir := t.TempDir()
	bundle := filepath.Join(dir, "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.TLS.Certificate().Raw})
	if err := os.WriteFile(bundle, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	base := func() map[string]string {
		env := isolatedEnv(t)
		env["AWS_ACCESS_KEY_ID"] = exampleAccessKey
		env["AWS_SECRET_ACCESS_KEY"] = exampleSecret
		env["AWS_DEFAULT_REGION"] = "us-east-1"
		env["AWS_MAX_ATTEMPTS"] = "1"
		return env
	}
	args := []string{cli.OpName, "--client-vpn-endpoint-id", "cvpn-endpoint-0123456789abcdef0", "--endpoint-url", srv.TLS.URL, "--no-paginate"}
	tests := []struct {
		Name    string
		Vars    func(map[string]string)
		Extra   []string
		want    int
		wantErr string
	}{
		{Name: "untrusted", want: cli.ExitOther, wantErr: "\nSSL validation failed for " + srv.TLS.URL + "/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "},
		{Name: "--ca-bundle", Extra: []string{"--ca-bundle", bundle}, want: 0},
		{Name: "AWS_CA_BUNDLE", Vars: func(e map[string]string) { e["AWS_CA_BUNDLE"] = bundle }, want: 0},
		{Name: "profile ca_bundle", Vars: func(e map[string]string) {
			os.WriteFile(e["AWS_CONFIG_FILE"], []byte("[default]\nca_bundle = "+bundle+"\n"), 0o600)
		}, want: 0},
		{Name: "--no-verify-ssl", Extra: []string{"--no-verify-ssl"}, want: 0,
			wantErr: "urllib3/connectionpool.py:1110: InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'."},
		{Name: "missing bundle", Extra: []string{"--ca-bundle", filepath.Join(dir, "nope.pem")}, want: cli.ExitOther, wantErr: "No such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			env := base()
			if tt.Vars != nil {
				tt.Vars(env)
			}
			code, stdout, stderr := runIn(t, context.Background(), env, append(append([]string{}, args...), tt.Extra...)...)
			if code != tt.want || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d stderr %q; want exit %d, stderr containing %q", code, stderr, tt.want, tt.wantErr)
			}
			if tt.want == 0 && !strings.Contains(stdout, "cvpn-connection-04e7e1b2f0daf9460") {
				t.Errorf("stdout %q", stdout)
			}
		})
	}
}

// TestEnvironmentSettings runs against the signature-verifying fake endpoint
// in region eu-west-1: a request signed for another region fails, so each
// case shows where the region, endpoint, profile and output came from.
func TestEnvironmentSettings(t *testing.T) {
	srv := clientvpntest.NewServer(clientvpntest.WithRegion("eu-west-1"))
	defer srv.Close()
	ep := []string{cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID, "--max-items", "1"}
	tests := []struct {
		Name       string
		config     string
		Creds      string
		Vars       map[string]string
		args       []string
		wantCode   int
		wantStdout string // prefix
		wantErr    string
	}{
		{Name: "AWS_REGION and AWS_ENDPOINT_URL_EC2", Vars: map[string]string{"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL_EC2": srv.URL},
			wantStdout: "{\n    \"Connections\""},
		{Name: "AWS_DEFAULT_REGION and AWS_ENDPOINT_URL", Vars: map[string]string{"AWS_DEFAULT_REGION": "eu-west-1", "AWS_ENDPOINT_URL": srv.URL},
			wantStdout: "{\n    \"Connections\""},
		{Name: "--region beats the environment", Vars: map[string]string{"AWS_REGION": "us-east-1"}, args: []string{"--region", "eu-west-1", "--endpoint-url", srv.URL},
			wantStdout: "{\n    \"Connections\""},
		{Name: "wrong region is refused by the server", Vars: map[string]string{"AWS_REGION": "us-east-1"}, args: []string{"--endpoint-url", srv.URL},
			wantCode: cli.ExitService, wantErr: "An error occurred (SignatureDoesNotMatch) when calling the DescribeClientVpnConnections operation"},
		{Name: "AWS_PROFILE: region, output, endpoint_url and keys from the files",
			config: "[profile dev]\nregion = eu-west-1\noutput = text\nendpoint_url = " + srv.URL + "\n",
			Creds:  "[dev]\naws_access_key_id = " + clientvpntest.DefaultAccessKeyID + "\naws_secret_access_key = " + clientvpntest.DefaultSecretAccessKey + "\n",
			Vars:   map[string]string{"AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}, wantStdout: "CONNECTIONS\t"},
		{Name: "AWS_DEFAULT_OUTPUT beats the profile's output", config: "[default]\noutput = text\nregion = eu-west-1\n",
			Vars: map[string]string{"AWS_DEFAULT_OUTPUT": "table", "AWS_ENDPOINT_URL_EC2": srv.URL}, wantStdout: "-----"},
		{Name: "--output beats AWS_DEFAULT_OUTPUT", Vars: map[string]string{"AWS_DEFAULT_OUTPUT": "table", "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_EC2": srv.URL},
			args: []string{"--output", "json"}, wantStdout: "{"},
		{Name: "AWS_MAX_ATTEMPTS must be a number", Vars: map[string]string{"AWS_MAX_ATTEMPTS": "x", "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_EC2": srv.URL},
			wantCode: cli.ExitOther, wantErr: "invalid literal for int() with base 10: 'x'"}, // AWS CLI v2's words
		{Name: "services section", config: "[default]\nregion = eu-west-1\nservices = local\n[services local]\nec2 =\n  endpoint_url = " + srv.URL + "\n",
			wantStdout: "{"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			env := isolatedEnv(t)
			env["AWS_ACCESS_KEY_ID"] = clientvpntest.DefaultAccessKeyID
			env["AWS_SECRET_ACCESS_KEY"] = clientvpntest.DefaultSecretAccessKey
			os.WriteFile(env["AWS_CONFIG_FILE"], []byte(tt.config), 0o600)
			os.WriteFile(env["AWS_SHARED_CREDENTIALS_FILE"], []byte(tt.Creds), 0o600)
			for k, v := range tt.Vars {
				env[k] = v
			}
			code, stdout, stderr := runIn(t, context.Background(), env, append(append([]string{}, ep...), tt.args...)...)
			if code != tt.wantCode || !strings.HasPrefix(stdout, tt.wantStdout) || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stdout %.60q, stderr %q; want exit %d, stdout prefix %q, stderr containing %q",
					code, stdout, stderr, tt.wantCode, tt.wantStdout, tt.wantErr)
			}
		})
	}
}

// TestErrorOrder checks which error wins when several apply, in the AWS
// CLI's order: the region (at client creation), then the starting token and
// parameter validation, then the credentials (looked up when signing).
func TestErrorOrder(t *testing.T) {
	tests := []struct {
		Name     string
		Region   bool
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no region beats validation", false, []string{"--max-results", "2"}, cli.ExitConfig, cli.MsgNoRegion},
		{"validation beats no credentials", true, []string{"--max-results", "2"}, cli.ExitUsage, "Parameter validation failed:\nInvalid value for parameter MaxResults, value: 2, valid min value: 5"},
		{"bad starting token beats no credentials", true, []string{"--starting-token", "a___b___c"}, cli.ExitOther, "Bad starting token: a___b___c"},
		{"no credentials", true, nil, cli.ExitConfig, cli.MsgNoCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			env := isolatedEnv(t)
			if tt.Region {
				env["AWS_DEFAULT_REGION"] = "us-east-1"
			}
			args := append([]string{cli.OpName, "--client-vpn-endpoint-id", "x"}, tt.args...)
			code, stdout, stderr := runIn(t, context.Background(), env, args...)
			if code != tt.wantCode || stdout != "" || stderr != "\n"+tt.wantErr+"\n" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, \"\", %q", code, stdout, stderr, tt.wantCode, "\n"+tt.wantErr+"\n")
			}
		})
	}
}

// TestQueryErrors compares --query syntax errors with Python jmespath's
// messages, as the AWS CLI prints them (recorded from jmespath 1.0.1).
func TestQueryErrors(t *testing.T) {
	tests := []struct{ q, want string }{
		{"Connections[", "Invalid jmespath expression: Incomplete expression:\n\"Connections[\"\n             ^"},
		{"Connections[].[ConnectionId", "Invalid jmespath expression: Incomplete expression:\n\"Connections[].[ConnectionId\"\n                            ^"},
		{"a || ", "Invalid jmespath expression: Incomplete expression:\n\"a || \"\n      ^"},
		{"`foo", "Bad jmespath expression: Unclosed ` delimiter:\n`foo\n^"},
		{`"abc`, "Bad jmespath expression: Unclosed \" delimiter:\n\"abc\n^"},
		{"'abc", "Bad jmespath expression: Unclosed ' delimiter:\n'abc\n^"},
		{"foo bar", "Unexpected token: bar: Parse error at column 4, token \"bar\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo bar\"\n     ^"},
		{"@@", "Unexpected token: @: Parse error at column 1, token \"@\" (CURRENT), for expression:\n\"@@\"\n  ^"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), isolatedEnv(t), cli.OpName, "--demo", "--query", tt.q)
			want := "\nBad value for --query " + tt.q + ": " + tt.want + "\n"
			if code != cli.ExitUsage || stdout != "" || stderr != want {
				t.Errorf("exit %d stdout %q\nstderr %q\nwant   %q", code, stdout, stderr, want)
			}
		})
	}
}

// TestDebugEveryCommand: --debug logs every attempt of every command, the
// fleet sweep, top and metrics included, with each call's attempts
// numbered on their own.
func TestDebugEveryCommand(t *testing.T) {
	srv := clientvpntest.NewServer()
	defer srv.Close()
	env := isolatedEnv(t)
	env["AWS_ACCESS_KEY_ID"] = clientvpntest.DefaultAccessKeyID
	env["AWS_SECRET_ACCESS_KEY"] = clientvpntest.DefaultSecretAccessKey
	env["AWS_MAX_ATTEMPTS"] = "2"
	remote := []string{"--debug", "--endpoint-url", srv.URL, "--region", srv.Region()}
	for _, tt := range []struct {
		name     string
		args     []string
		throttle int
		want     []string
	}{
		{"sweep", append([]string{cli.OpName, "--all-endpoints"}, remote...), 1, []string{
			"region " + srv.Region(), "attempt 1: POST " + srv.URL, "attempt 1: body: Action=DescribeClientVpnEndpoints",
			"attempt 1: HTTP 503", "retry: retryable, will retry after a backoff (attempt 1 of 2)", "attempt 2: HTTP 200",
			"attempt 1: body: Action=DescribeClientVpnConnections"}},
		{"top", append([]string{"top", "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID}, remote...), 0, []string{
			"attempt 1: body: Action=DescribeClientVpnConnections", "attempt 1: HTTP 200"}},
		{"top --demo", []string{"top", "--demo", "--debug"}, 0, []string{
			"attempt 1: POST http://127.0.0.1:", "attempt 1: body: Action=DescribeClientVpnConnections", "attempt 1: HTTP 200"}},
		{"sweep --demo", []string{cli.OpName, "--demo", "--debug", "--all-endpoints"}, 0, []string{
			"attempt 1: body: Action=DescribeClientVpnEndpoints", "attempt 1: body: Action=DescribeClientVpnConnections"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.Throttle(tt.throttle)
			code, _, stderr := runIn(t, context.Background(), env, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("debug log lacks %q; stderr:\n%s", want, stderr)
				}
			}
		})
	}

	url, stop := startMetrics(t, "--demo", "--debug")
	scrape(t, url)
	if _, stderr := stop(); !strings.Contains(stderr, "attempt 1: body: Action=DescribeClientVpnConnections") {
		t.Errorf("metrics: debug log lacks the sample's call; stderr:\n%s", stderr)
	}
}

// TestProfileSettingErrors: a profile's malformed region, endpoint URL or
// CA bundle reads as the AWS CLI words it, whether the flag or the profile
// gave it (the profile's values are read by the library's session path).
func TestProfileSettingErrors(t *testing.T) {
	for _, tt := range []struct {
		name, config string
		args         []string
		wantCode     int
		wantErr      string
	}{
		{"profile region", "[default]\nregion = bad_region!\n", nil, cli.ExitOther,
			"Provided region_name 'bad_region!' doesn't match a supported format."},
		{"flag region", "", []string{"--region", "bad_region!"}, cli.ExitOther,
			"Provided region_name 'bad_region!' doesn't match a supported format."},
		{"profile endpoint", "[default]\nregion = us-east-1\nendpoint_url = example.com\n", nil, cli.ExitOther,
			"Bad value for --endpoint-url \"example.com\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/"},
		{"flag endpoint", "[default]\nregion = us-east-1\n", []string{"--endpoint-url", "example.com"}, cli.ExitUsage,
			"Bad value for --endpoint-url \"example.com\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/"},
		{"no region", "", nil, cli.ExitConfig, cli.MsgNoRegion},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := isolatedEnv(t)
			writeFile(t, env["AWS_CONFIG_FILE"], tt.config)
			env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"] = "AKIDPROFILE", "profilesecret"
			args := append([]string{cli.OpName, "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID}, tt.args...)
			code, stdout, stderr := runIn(t, context.Background(), env, args...)
			if code != tt.wantCode || stdout != "" || stderr != "\n"+tt.wantErr+"\n" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, \"\", %q", code, stdout, stderr, tt.wantCode, "\n"+tt.wantErr+"\n")
			}
		})
	}
}
