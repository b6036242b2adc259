//go:build unix

package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// describe is the command every drop-in case runs, as typed for the AWS CLI.
var describe = []string{"ec2", "describe-client-vpn-connections"}

func cmdline(args ...string) []string { return append(append([]string{}, describe...), args...) }

// stsRoleConfig is a profile "role" assuming a role with the keys of
// profile "base".
const stsRoleConfig = `[default]
region = us-east-1
[profile role]
role_arn = arn:aws:iam::123456789012:role/e2e
source_profile = base
region = us-east-1
[profile base]
region = us-east-1
`

const baseCredentials = `[base]
aws_access_key_id = AKIDEXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
`

// noEnvKeys unsets the keys of the default environment, so that the
// profile's credentials are the ones used.
var noEnvKeys = map[string]string{"AWS_ACCESS_KEY_ID": unset, "AWS_SECRET_ACCESS_KEY": unset}

func withEnv(base map[string]string, kv ...string) map[string]string {
	m := map[string]string{}
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// TestDropIn is issue 16's table of the drop-in's differences: each row
// as AWS CLI v2 does it (testdata/NAME.json).
func TestDropIn(t *testing.T) {
	idQuery := "{ids: Connections[].ConnectionId, next: NextToken}"
	cases := []goldenCase{
		{
			name: "max-items-neg1", reason: "--max-items -1 prints all but the last item and a NextToken; no input may panic",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--max-items", "-1", "--query", idQuery),
			compareStderr: true,
		},
		{
			name: "max-items-neg2", reason: "--max-items -2 prints all but the last two items and a NextToken",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--max-items", "-2", "--query", idQuery),
			compareStderr: true,
		},
		{
			name: "skeleton-output", reason: "--generate-cli-skeleton output prints a sample output",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--generate-cli-skeleton", "output"),
			compareStderr: true, check: newerModelCheck,
		},
		{
			name: "skeleton-yaml-input", reason: "--generate-cli-skeleton yaml-input prints the YAML input skeleton (v2)",
			args:          cmdline("--generate-cli-skeleton", "yaml-input"),
			compareStderr: true,
		},
		{
			name: "skeleton-invalid-choice", reason: "the invalid-choice list of --generate-cli-skeleton",
			args:          cmdline("--client-vpn-endpoint-id", testEndpoint, "--generate-cli-skeleton", "nope"),
			compareStderr: true,
		},
		{
			name: "max-results-5000", reason: "--max-results above 1000 is sent; EC2 refuses it (exit 254)",
			server: "own", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--max-results", "5000"),
			compareStderr: true,
		},
		{
			name: "page-size-5000", reason: "--page-size above 1000 is sent as MaxResults; EC2 refuses it (exit 254)",
			server: "own", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--page-size", "5000"),
			compareStderr: true,
		},
		{
			name: "error-400-empty-body", reason: "an error answer below 500 with an empty body cannot be parsed (exit 255)",
			server: "own", args: cmdline("--endpoint-url", "{URL}/empty400", "--client-vpn-endpoint-id", testEndpoint),
			compareStderr: true,
		},
		{
			name: "error-403-html-body", reason: "an error answer below 500 with an HTML body cannot be parsed (exit 255)",
			server: "own", args: cmdline("--endpoint-url", "{URL}/html403", "--client-vpn-endpoint-id", testEndpoint),
			compareStderr: true,
		},
		{
			name: "error-404-text-body", reason: "an error answer below 500 with a text body cannot be parsed (exit 255)",
			server: "own", args: cmdline("--endpoint-url", "{URL}/text404", "--client-vpn-endpoint-id", testEndpoint),
			compareStderr: true,
		},
		{
			name: "error-message-no-code", reason: "an error with a Message but no Code keeps the message",
			server: "own", args: cmdline("--endpoint-url", "{URL}/msgnocode", "--client-vpn-endpoint-id", testEndpoint),
			compareStderr: true,
		},
		{
			name: "empty-endpoint-id", reason: "--client-vpn-endpoint-id '' is sent; EC2 answers MissingParameter (exit 254)",
			server: "own", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", ""),
			compareStderr: true,
		},
		{
			name: "endpoint-url-not-a-url", reason: "--endpoint-url without a scheme is a usage error (exit 252)",
			args:          cmdline("--endpoint-url", "not a url", "--client-vpn-endpoint-id", testEndpoint),
			compareStderr: true,
		},
		{
			name: "endpoint-url-ftp", reason: "--endpoint-url ftp://x: not a supported URL scheme",
			args:          cmdline("--endpoint-url", "ftp://x", "--client-vpn-endpoint-id", testEndpoint),
			compareStderr: true,
		},
		{
			name: "ca-bundle-http", reason: "--ca-bundle is ignored for an http endpoint",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--ca-bundle", "{HOME}/no-such-ca.pem", "--query", "length(Connections)"),
			compareStderr: true,
		},
		{
			name: "connect-timeout-negative", reason: "--cli-connect-timeout -1 is refused",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--cli-connect-timeout", "-1"),
			compareStderr: true,
		},
		{
			name: "max-results-fullwidth", reason: "--max-results ５ (a full-width digit) is 5, as Python's int()",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--max-results", "５", "--query", "length(Connections)"),
			compareStderr: true,
		},
		{
			name: "cred-sts-unreachable", reason: "assume-role whose STS endpoint does not answer",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--profile", "role"),
			config: stsRoleConfig, credentials: baseCredentials,
			env:           withEnv(noEnvKeys, "AWS_ENDPOINT_URL_STS", "{CLOSED}"),
			awsReplace:    map[string]string{"https://sts.us-east-1.amazonaws.com": "{CLOSED}"},
			compareStderr: true,
		},
		{
			name: "cred-source-profile-loop", reason: "two profiles that are each other's source_profile",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--profile", "a"),
			config: `[profile a]
role_arn = arn:aws:iam::123456789012:role/a
source_profile = b
[profile b]
role_arn = arn:aws:iam::123456789012:role/b
source_profile = a
`,
			env: noEnvKeys, compareStderr: true,
		},
		{
			name: "cred-missing-source-profile", reason: "a source_profile that does not exist",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--profile", "a"),
			config: `[profile a]
role_arn = arn:aws:iam::123456789012:role/a
source_profile = nowhere
`,
			env: noEnvKeys, compareStderr: true,
		},
		{
			name: "cred-process-failure", reason: "a credential_process that fails",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint, "--profile", "p"),
			config: `[profile p]
credential_process = {HOME}/fail.sh
`,
			files: map[string]string{"fail.sh": "#!/bin/sh\necho 'token service unavailable' >&2\nexit 3\n"},
			env:   noEnvKeys, compareStderr: true,
		},
		{
			name: "cred-partial-env-keys", reason: "AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint),
			env: map[string]string{"AWS_SECRET_ACCESS_KEY": unset}, compareStderr: true,
		},
		{
			name: "cred-max-attempts-abc", reason: "max_attempts = abc in the profile",
			server: "fake", args: cmdline("--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint),
			config: "[default]\nmax_attempts = abc\n", compareStderr: true,
		},
		{
			name: "help-nope", reason: "help for an unknown topic is an error",
			args: []string{"help", "nope"}, compareStderr: true,
			stderrUpTo: "Invalid choice, valid choices are:",
		},
	}
	runGoldenCases(t, cases)
}

// TestQueryGoldens is issue 16's --query cases, as AWS CLI v2 (Python's
// jmespath) evaluates them.
func TestQueryGoldens(t *testing.T) {
	readme := "Connections[?Status.Code==`active`].[Username,ClientIp]"
	q := func(extra ...string) []string {
		return cmdline(append([]string{"--endpoint-url", "{URL}", "--client-vpn-endpoint-id", testEndpoint}, extra...)...)
	}
	cases := []goldenCase{
		{name: "query-readme-text", reason: "the README's example: unquoted backtick literal, text output", server: "fake", args: q("--query", readme, "--output", "text"), compareStderr: true},
		{name: "query-readme-json", reason: "the README's example: unquoted backtick literal, json output", server: "fake", args: q("--query", readme, "--output", "json"), compareStderr: true},
		{name: "query-keys-order", reason: "keys() in the document's order (Connections[1]: the sample's first connection carries AuthorizationPolicyLastEvaluatedTime, which the recorded AWS CLIs' older model drops)", server: "fake", args: q("--query", "keys(Connections[1])"), compareStderr: true},
		{name: "query-sum-big-counters", reason: "sum() of 64-bit counters stays an integer", server: "own", args: q("--query", "sum(Connections[].to_number(IngressBytes))"), compareStderr: true},
		{name: "query-sort-by-missing", reason: "sort_by over a missing field is jmespath.py's type error, exit 255", server: "own", args: q("--query", "sort_by(Connections, &Nope)[].ConnectionId"), compareStderr: true},
		{name: "query-sort-by-null", reason: "sort_by over a field that is null on one connection is jmespath.py's type error, exit 255", server: "fake", args: q("--query", "sort_by(Connections, &Username)[].ConnectionId"), compareStderr: true},
		{name: "query-unknown-function", reason: "Unknown function, as jmespath.py words it", server: "fake", args: q("--query", "nope(Connections)"), compareStderr: true},
		{name: "query-empty", reason: "an empty --query, as jmespath.py words it", server: "fake", args: q("--query", ""), compareStderr: true},
	}
	runGoldenCases(t, cases)
}

// TestKeysOrderStable runs keys(Connections[0]) several times: the answer
// must be the same every time (today it follows Go's map order).
func TestKeysOrderStable(t *testing.T) {
	url := fakeEndpoint(t)
	h := newHome(t, "", "")
	var first string
	for i := range 5 {
		r := run(t, h, nil, cmdline("--endpoint-url", url, "--client-vpn-endpoint-id", testEndpoint, "--query", "keys(Connections[0])", "--output", "text")...)
		if r.code != 0 {
			t.Fatalf("run %d: %v", i, r)
		}
		if i == 0 {
			first = r.stdout
		} else if r.stdout != first {
			t.Fatalf("run %d printed %q, run 0 printed %q", i, r.stdout, first)
		}
	}
}

// TestSkeletonChoicesAccepted checks that every value the invalid-choice
// message of --generate-cli-skeleton offers is accepted.
func TestSkeletonChoicesAccepted(t *testing.T) {
	h := newHome(t, "", "")
	r := run(t, h, nil, cmdline("--client-vpn-endpoint-id", testEndpoint, "--generate-cli-skeleton", "nope")...)
	i := strings.Index(r.stderr, "valid choices are:")
	if r.code != 252 || i < 0 {
		t.Fatalf("--generate-cli-skeleton nope: want exit 252 and the list of choices, got %v", r)
	}
	choices := regexp.MustCompile(`[a-z][a-z-]*`).FindAllString(r.stderr[i+len("valid choices are:"):], -1)
	if len(choices) == 0 {
		t.Fatalf("no choices in %q", r.stderr)
	}
	for _, c := range choices {
		r := run(t, h, nil, cmdline("--client-vpn-endpoint-id", testEndpoint, "--generate-cli-skeleton", c)...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("--generate-cli-skeleton %s is offered, but: %v", c, r)
		}
	}
}

// newerMembers are the Connection members of ec2lite's (current) EC2 model
// that AWS CLI v2 2.9's model lacks; the skeleton is made from the model,
// so ec2lite's has them (as AWS CLI v1's has ClientIpv6Address).
var newerMembers = regexp.MustCompile(`^\s*"(ClientIpv6Address|AuthorizationPolicyLastEvaluatedTime)": `)

// withoutNewerMembers removes the lines of newerMembers from a JSON text
// indented as the AWS CLI indents it, and the comma they leave before a
// closing bracket.
func withoutNewerMembers(s string) string {
	var kept []string
	for _, line := range strings.Split(s, "\n") {
		if !newerMembers.MatchString(line) {
			kept = append(kept, line)
		}
	}
	for i := 0; i+1 < len(kept); i++ {
		next := strings.TrimSpace(kept[i+1])
		if strings.HasPrefix(next, "}") || strings.HasPrefix(next, "]") {
			kept[i] = strings.TrimSuffix(kept[i], ",")
		}
	}
	return strings.Join(kept, "\n")
}

// newerModelCheck compares with v2 but for the newer members, which must be
// in ec2lite's output.
func newerModelCheck(t *testing.T, got, v2 recorded, _ time.Duration) {
	if !strings.Contains(got.Stdout, `"ClientIpv6Address"`) {
		t.Errorf("the skeleton lacks the model's ClientIpv6Address: %q", got.Stdout)
	}
	got.Stdout = withoutNewerMembers(got.Stdout)
	if diff := cmp.Diff(v2, got); diff != "" {
		t.Errorf("differs from AWS CLI v2 beyond the members of the newer model (-v2 +ec2lite):\n%s", diff)
	}
}
