package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/internal/version"
)

// updateGoldens rewrites ec2lite's own goldens (testdata/cli/help). The
// recorded AWS CLI goldens are never rewritten: record them again instead.
var updateGoldens = flag.Bool("update", false, "rewrite testdata/cli/help (ec2lite's own help and completion goldens)")

// TestHelpGolden keeps the help texts and completion scripts in
// testdata/cli/help (ec2lite's own text, not recorded from the AWS CLI;
// rewrite with -update). The version line is replaced by VERSION.
func TestHelpGolden(t *testing.T) {
	tests := []struct {
		file string
		args []string
	}{
		{"help.txt", []string{"help"}},
		{"describe-client-vpn-connections-help.txt", []string{cli.OpName, "help"}},
		{"completion.bash", []string{"completion", "bash"}},
		{"completion.zsh", []string{"completion", "zsh"}},
		{"completion.fish", []string{"completion", "fish"}},
	}
	dir := filepath.Join("..", "..", "testdata", "cli", "help")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), isolatedEnv(t), tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			got := strings.ReplaceAll(stdout, version.UserAgent(), "VERSION")
			path := filepath.Join(dir, tt.file)
			if *updateGoldens {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestHelpGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// TestHelpTopics: `ec2lite help TOPIC` prints the help of a command that
// has one (also as `help ec2 TOPIC`), and anything else is argparse's
// invalid choice (exit 252), as the AWS CLI's help does.
func TestHelpTopics(t *testing.T) {
	tests := []struct {
		args       []string
		exit       int
		wantStdout string // a substring
		wantStderr string // a substring
	}{
		{[]string{"help", cli.OpName}, 0, "describe-client-vpn-connections", ""},
		{[]string{"help", "ec2", cli.OpName}, 0, "describe-client-vpn-connections", ""},
		{[]string{"help", "ec2"}, 0, "Commands:", ""},
		{[]string{"help", "top"}, 0, "top", ""},
		{[]string{"help", "nope"}, cli.ExitUsage, "", "error: argument subcommand: Invalid choice, valid choices are:"},
		{[]string{"help", "version"}, cli.ExitUsage, "", "Invalid choice"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runIn(t, context.Background(), isolatedEnv(t), tt.args...)
		if code != tt.exit || !strings.Contains(stdout, tt.wantStdout) || !strings.Contains(stderr, tt.wantStderr) ||
			(tt.wantStdout == "") != (stdout == "") {
			t.Errorf("ec2lite %s: exit %d, stdout %.80q, stderr %.200q; want exit %d, stdout with %q, stderr with %q",
				strings.Join(tt.args, " "), code, stdout, stderr, tt.exit, tt.wantStdout, tt.wantStderr)
		}
	}
}
