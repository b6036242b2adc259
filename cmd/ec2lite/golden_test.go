package main

// Golden tests: every case recorded from the AWS CLI (testdata/cli/recorded,
// see testdata/cli/README.md) is replayed against ec2lite, in-process,
// pointed at the same fixtures (server_test.go). Expected: stdout as AWS CLI
// v1 printed it (it has the current model, with ClientIpv6Address), the exit
// code of AWS CLI v2, stderr as v2 worded it (with ec2lite's usage banner)
// except for the deviations listed in stderrDeviations, and the same request
// bodies, byte for byte, as the AWS CLI sent.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

var recordedDir = filepath.Join("..", "..", "testdata", "cli", "recorded")

type cliResult struct {
	Exit     int      `json:"exit"`
	Stdout   string   `json:"stdout"`
	Stderr   string   `json:"stderr"`
	Requests []string `json:"requests"`
	CLI      string   `json:"cli"`
}

type recordedCase struct {
	Name        string             `json:"name"`
	Args        []string           `json:"args"`
	Path        *string            `json:"path"`
	Env         map[string]*string `json:"env"`
	Config      *string            `json:"config"`
	Credentials *string            `json:"credentials"`
	Files       map[string]string  `json:"files"`
	V1          *cliResult         `json:"v1"`
	V2          *cliResult         `json:"v2"`
}

func loadRecorded(t testing.TB) []recordedCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(recordedDir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no recorded cases in %s: %v", recordedDir, err)
	}
	sort.Strings(paths)
	var cases []recordedCase
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var c recordedCase
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		cases = append(cases, c)
	}
	return cases
}

const (
	exampleAccessKey = "AKIDEXAMPLE"
	exampleSecret    = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

// caseEnv prepares a temporary directory (config, credentials, files) and
// the environment of a recorded case.
func caseEnv(t testing.TB, c recordedCase, port string) (dir string, env map[string]string) {
	t.Helper()
	dir = t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	write("config", str(c.Config))
	write("credentials", str(c.Credentials))
	for name, content := range c.Files {
		write(name, content)
	}
	env = map[string]string{
		"HOME":                        dir,
		"LANG":                        "C.UTF-8",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_ACCESS_KEY_ID":           exampleAccessKey,
		"AWS_SECRET_ACCESS_KEY":       exampleSecret,
		"AWS_DEFAULT_REGION":          "us-east-1",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PAGER":                   "",
	}
	for k, v := range c.Env {
		if v == nil {
			delete(env, k)
		} else {
			env[k] = strings.ReplaceAll(*v, "{PORT}", port)
		}
	}
	return dir, env
}

// caseArgs returns ec2lite's arguments for a case (the AWS CLI's without
// "ec2"), with --endpoint-url added as the recorder added it.
func caseArgs(c recordedCase, srvURL, tlsURL, closed string) []string {
	args := append([]string(nil), c.Args...)
	switch {
	case c.Path == nil:
	case *c.Path == "HTTPS":
		args = append(args, "--endpoint-url", tlsURL+"/")
	case *c.Path == "REFUSED":
		args = append(args, "--endpoint-url", "http://"+closed)
	default:
		args = append(args, "--endpoint-url", srvURL+*c.Path)
	}
	return args
}

type runResult struct {
	Exit           int
	Stdout, Stderr string
	requests       []string
}

// runCase runs ec2lite in-process for a recorded case.
func runCase(t testing.TB, c recordedCase, srv *fixtureServer) runResult {
	t.Helper()
	closed := closedPort(t)
	port := strings.TrimPrefix(srv.URL, "http://127.0.0.1:")
	dir, env := caseEnv(t, c, port)
	var stdout, stderr bytes.Buffer
	r := &cli.Env{Ctx: context.Background(), Vars: env, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Now: time.Now, Dir: dir}
	srv.reset()
	code := dispatch(r, caseArgs(c, srv.URL, srv.TLS.URL, closed))
	norm := func(s string) string {
		s = strings.ReplaceAll(s, strings.TrimPrefix(srv.TLS.URL, "https://"), "127.0.0.1:TLSPORT")
		s = strings.ReplaceAll(s, strings.TrimPrefix(srv.URL, "http://"), "127.0.0.1:PORT")
		s = strings.ReplaceAll(s, closed, "127.0.0.1:CLOSED")
		return strings.ReplaceAll(s, dir, "TMP")
	}
	return runResult{Exit: code, Stdout: norm(stdout.String()), Stderr: norm(stderr.String()), requests: srv.requests()}
}

const awsBanner = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n" +
	"To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n"

// stderrDeviations are the cases where ec2lite's stderr is not AWS CLI v2's,
// with the reason. want receives v2's stderr (banner already replaced) and
// returns the expected text; prefix cases compare only a prefix.
var stderrDeviations = map[string]struct {
	reason string
	want   func(c recordedCase, v2 string) string
	prefix bool
}{
	"cli-input-json-bad": {reason: "v2 says only 'Invalid JSON received.'; v1 gives Python's JSON error, which ec2lite reproduces",
		want: func(c recordedCase, _ string) string { return c.V1.Stderr }},
	"no-paginate-max-items": {reason: "v1's wording ('Error during pagination: ...'), v2's exit code",
		want: func(c recordedCase, _ string) string { return c.V1.Stderr }},
	"output-bogus":       {reason: "ec2lite has no yaml output: the choices are v1's", want: withoutYAML},
	"output-close-match": {reason: "ec2lite has no yaml output: the choices are v1's", want: withoutYAML},
	"env-endpoint-url": {reason: "v1's behaviour: AWS_ENDPOINT_URL_EC2 is honoured",
		want: func(c recordedCase, _ string) string { return c.V1.Stderr }},
	"no-verify-ssl-https": {reason: "v1's warning (v2 2.9's urllib3 words it differently), without the path of a Python module",
		want: func(c recordedCase, _ string) string { return strings.Replace(c.V1.Stderr, "PYLIB/", "", 1) }},
	"https-untrusted": {reason: "v1's OpenSSL source line",
		want: func(c recordedCase, _ string) string { return c.V1.Stderr }},
}

// resultDeviations are the cases whose exit code and stdout are not AWS CLI
// v2's exit code and v1's stdout.
var resultDeviations = map[string]struct {
	reason string
	Exit   int
	Stdout string
}{
	"env-endpoint-url": {reason: "AWS CLI v2 2.9 predates AWS_ENDPOINT_URL_EC2 (v2.13+); v1 and current v2 honour it", Exit: 0,
		Stdout: mustRecorded("env-endpoint-url").V1.Stdout},
}

func mustRecorded(name string) recordedCase {
	b, err := os.ReadFile(filepath.Join(recordedDir, name+".json"))
	if err != nil {
		panic(err)
	}
	var c recordedCase
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return c
}

// requestDeviations are the cases whose request bodies differ from the AWS
// CLI's, with the reason.
var requestDeviations = map[string]string{
	"filters-empty-value": "the clientvpn encoder leaves out an empty Filter.N.Name; botocore sends Filter.1.Name=",
}

// sortedParams splits each form body into its key=value pairs, sorted: the
// AWS CLI sends parameters in the order its arguments were added (NextToken
// last once the paginator injects it), ec2lite's encoder in model order;
// EC2 reads them in any order.
func sortedParams(bodies []string) [][]string {
	out := make([][]string, len(bodies))
	for i, b := range bodies {
		p := strings.Split(b, "&")
		sort.Strings(p)
		out[i] = p
	}
	return out
}

// withoutYAML removes AWS CLI v2's yaml choices from an --output error.
func withoutYAML(_ recordedCase, v2 string) string {
	return strings.Replace(v2, "table                                    | yaml                                    \nyaml-stream                             ",
		"table                                   ", 1)
}

func expectedStderr(c recordedCase) (string, bool) {
	s := strings.Replace(c.V2.Stderr, awsBanner, cli.UsageText, 1)
	s = strings.ReplaceAll(s, "\naws: error: ", "\n"+cli.ProgramName+": error: ")
	if d, ok := stderrDeviations[c.Name]; ok {
		return d.want(c, s), d.prefix
	}
	return s, false
}

func TestRecordedCases(t *testing.T) {
	srv := newFixtureServer(t)
	for _, c := range loadRecorded(t) {
		t.Run(c.Name, func(t *testing.T) {
			if c.V1 == nil || c.V2 == nil {
				t.Skip("recorded with one AWS CLI only")
			}
			got := runCase(t, c, srv)
			wantExit, wantStdout := c.V2.Exit, c.V1.Stdout
			if d, ok := resultDeviations[c.Name]; ok {
				t.Logf("deviation from the AWS CLI: %s", d.reason)
				wantExit, wantStdout = d.Exit, d.Stdout
			}
			if got.Exit != wantExit {
				t.Errorf("exit code = %d, want %d (AWS CLI v2 exited %d, v1 %d)", got.Exit, wantExit, c.V2.Exit, c.V1.Exit)
			}
			if diff := cmp.Diff(wantStdout, got.Stdout); diff != "" {
				t.Errorf("stdout mismatch with AWS CLI v1 (-want +got):\n%s", diff)
			}
			want, prefix := expectedStderr(c)
			if prefix {
				if !strings.HasPrefix(got.Stderr, want) {
					t.Errorf("stderr = %q, want prefix %q (%s)", got.Stderr, want, stderrDeviations[c.Name].reason)
				}
			} else if diff := cmp.Diff(want, got.Stderr); diff != "" {
				t.Errorf("stderr mismatch (-want +got):\n%s", diff)
			}
			if d, ok := requestDeviations[c.Name]; ok {
				t.Logf("request bodies not compared: %s", d)
			} else if diff := cmp.Diff(sortedParams(c.V1.Requests), sortedParams(got.requests), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("request bodies differ from the AWS CLI's (-want +got):\n%s", diff)
			}
		})
	}
}
