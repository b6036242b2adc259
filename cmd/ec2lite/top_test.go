package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

var topStart = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	checkGoldenIn(t, "top", name, got)
}

// checkGoldenIn compares got with testdata/cli/DIR/NAME (rewritten by -update).
func checkGoldenIn(t *testing.T, dir, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "cli", dir, name)
	if *updateGoldens {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// TestTopNotATerminal: with stdout not a terminal, top prints one snapshot
// and exits 0.
func TestTopNotATerminal(t *testing.T) {
	code, stdout, stderr := runIn(t, context.Background(), isolatedEnv(t), "top", "--demo", "--fake-clock", "2026-11-26T12:00:00Z", "--sort", "-id")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	checkGolden(t, "not-a-terminal.txt", stdout)

	code, _, stderr = runIn(t, context.Background(), isolatedEnv(t), "top", "--demo", "--client-vpn-endpoint-id", "cvpn-endpoint-0000000000000000f")
	if code != cli.ExitService || !strings.Contains(stderr, "InvalidClientVpnEndpointId.NotFound") {
		t.Errorf("unknown endpoint: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runIn(t, context.Background(), isolatedEnv(t), "top", "--demo", "--sort", "speed")
	if code != cli.ExitUsage || !strings.Contains(stderr, "argument --sort: invalid choice: 'speed'") {
		t.Errorf("bad --sort: exit %d, stderr %q", code, stderr)
	}
}
