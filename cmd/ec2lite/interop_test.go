package main

// TestInteropAWSCLI runs the real AWS CLI and ec2lite against the same local
// server (server_test.go) and compares them live: stdout byte for byte with
// AWS CLI v1 (which has the current EC2 model), exit codes with AWS CLI v2
// (and stdout with v2 too where v2's older model prints the same). It is
// skipped, with the reason, when an AWS CLI is not installed, and under
// -short (each AWS CLI run takes one to two seconds).

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// interopCases are the recorded cases replayed live by default (their
// recording gives the arguments and environment): one of each kind.
// EC2LITE_INTEROP=all replays every recorded case (several minutes).
var interopCases = []string{
	"paginate-auto", "max-items-3", "starting-token-truncated", "text-max-items", "output-table",
	"filters-shorthand", "error-notfound", "dry-run", "non-xml-2xx", "unknown-flag", "no-credentials",
}

func findAWSCLIs(t *testing.T) map[string]string {
	clis := map[string]string{}
	if p, err := exec.LookPath("aws"); err == nil {
		clis["v1"] = p
	} else {
		t.Logf("AWS CLI v1 not found on PATH (`aws`): %v", err)
	}
	v2 := os.Getenv("EC2LITE_AWS_V2")
	if v2 == "" {
		v2 = "/usr/bin/aws"
	}
	if _, err := os.Stat(v2); err == nil {
		clis["v2"] = v2
	} else {
		t.Logf("AWS CLI v2 not found at %s (set EC2LITE_AWS_V2): %v", v2, err)
	}
	return clis
}

func TestInteropAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: runs the real AWS CLI (about a second per run)")
	}
	clis := findAWSCLIs(t)
	if len(clis) == 0 {
		t.Skip("no AWS CLI installed: install awscli (pip or apt) to compare ec2lite with it")
	}
	srv := newFixtureServer(t)
	byName := map[string]recordedCase{}
	for _, c := range loadRecorded(t) {
		byName[c.Name] = c
	}
	names := interopCases
	if os.Getenv("EC2LITE_INTEROP") == "all" {
		names = nil
		for _, c := range loadRecorded(t) {
			names = append(names, c.Name)
		}
	}
	for _, name := range names {
		c, ok := byName[name]
		if !ok {
			t.Fatalf("interop case %s has no recording", name)
		}
		t.Run(name, func(t *testing.T) {
			lite := runCase(t, c, srv)
			for _, v := range []string{"v1", "v2"} {
				exe, ok := clis[v]
				if !ok {
					continue
				}
				aws := runAWSCLI(t, exe, c, srv)
				// Recorded v1/v2 differences that ec2lite resolves one way.
				rec := c.V1
				if v == "v2" {
					rec = c.V2
				}
				if v == "v2" && rec != nil && c.V1 != nil && rec.Stdout != c.V1.Stdout {
					t.Logf("%s: stdout not compared (AWS CLI v2 2.9's model lacks ClientIpv6Address)", v)
				} else if diff := cmp.Diff(aws.Stdout, lite.Stdout); diff != "" {
					t.Errorf("stdout differs from AWS CLI %s (-aws +ec2lite):\n%s", v, diff)
				}
				if v == "v2" {
					wantExit := aws.Exit
					if d, ok := resultDeviations[name]; ok {
						wantExit = d.Exit
					}
					if lite.Exit != wantExit {
						t.Errorf("exit code %d, AWS CLI v2 exited %d", lite.Exit, aws.Exit)
					}
				}
				if diff := cmp.Diff(sortedParams(aws.requests), sortedParams(lite.requests)); diff != "" {
					t.Errorf("request bodies differ from AWS CLI %s (-aws +ec2lite):\n%s", v, diff)
				}
			}
		})
	}
}

// runAWSCLI runs `aws ec2 ARGS` for a recorded case against srv.
func runAWSCLI(t *testing.T, exe string, c recordedCase, srv *fixtureServer) runResult {
	t.Helper()
	closed := closedPort(t)
	port := strings.TrimPrefix(srv.URL, "http://127.0.0.1:")
	dir, env := caseEnv(t, c, port)
	args := caseArgs(c, srv.URL, srv.TLS.URL, closed)
	for i, a := range args {
		if a == cli.OpName {
			args = append(append(append([]string{}, args[:i]...), "ec2"), args[i:]...)
			break
		}
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	// AWS CLI v1 may be a pyenv shim, which needs its root (HOME is the case's).
	if root := os.Getenv("PYENV_ROOT"); root != "" {
		cmd.Env = append(cmd.Env, "PYENV_ROOT="+root)
	} else if home, err := os.UserHomeDir(); err == nil {
		cmd.Env = append(cmd.Env, "PYENV_ROOT="+filepath.Join(home, ".pyenv"))
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	srv.reset()
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s: %v", exe, err)
	}
	norm := func(s string) string {
		s = strings.ReplaceAll(s, strings.TrimPrefix(srv.URL, "http://"), "127.0.0.1:PORT")
		s = strings.ReplaceAll(s, closed, "127.0.0.1:CLOSED")
		return strings.ReplaceAll(s, dir, "TMP")
	}
	return runResult{Exit: code, Stdout: norm(stdout.String()), Stderr: norm(stderr.String()), requests: srv.requests()}
}
