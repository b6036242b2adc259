package main

// `ec2lite top` in a real terminal: the built binary runs in a detached
// tmux session against the live fake endpoint of --demo; keys go in with
// send-keys and screens come out with capture-pane, compared with the text
// goldens in testdata/cli/top/tmux-*.txt. The fake clock (--fake-clock
// TIME/2s with --interval 1h) makes every screen deterministic: samples are
// taken at start and on the space key only, 2 s of fake time apart.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxSession is one detached tmux server and session, sized w×h.
type tmuxSession struct {
	t    *testing.T
	sock string
}

func newTmux(t *testing.T, w, h int, command string) *tmuxSession {
	t.Helper()
	if testing.Short() {
		t.Skip("tmux test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux): skipping the terminal test")
	}
	s := &tmuxSession{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	s.run("-f", "/dev/null", "new-session", "-d", "-s", "top", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), command)
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.sock}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends keys to the session (tmux key names, e.g. "Space", "C-c").
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.run(append([]string{"send-keys", "-t", "top"}, keys...)...)
}

// screen returns the visible screen, trailing blank lines dropped.
func (s *tmuxSession) screen() string {
	s.t.Helper()
	return strings.TrimRight(s.run("capture-pane", "-p", "-t", "top"), "\n") + "\n"
}

// waitFor polls the screen until ok says so, and returns it. The deadline
// only stops a test that would otherwise hang; nothing is timed.
func (s *tmuxSession) waitFor(what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %s; last screen:\n%s", what, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func contains2(sub string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, sub) }
}

// buildEc2lite builds the command into a temporary directory.
func buildEc2lite(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary: skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "ec2lite")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestTopInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux): skipping the terminal test")
	}
	bin := buildEc2lite(t)
	home := t.TempDir()
	command := "env -i HOME=" + home + " TERM=xterm-256color PATH=/usr/bin:/bin " + bin +
		" top --demo --fake-clock 2026-11-26T12:00:00Z/2s --interval 1h; echo \"exit $?\"; sleep 60"
	s := newTmux(t, 132, 30, command)

	steps := []struct {
		Name, golden string
		keys         []string
		wait         string
	}{
		{"first sample", "tmux-1-first.txt", nil, "13 connections"},
		{"space samples again: rates", "tmux-2-rates.txt", []string{"Space"}, "12:00:02 UTC"},
		{"2 sorts by user", "tmux-3-sort-user.txt", []string{"2"}, "2 USER ▲"},
		{"r reverses", "tmux-4-reversed.txt", []string{"r"}, "2 USER ▼"},
		{"6 sorts by IN/s, biggest first", "tmux-5-sort-in.txt", []string{"6"}, "6 IN/s ▼"},
		{"the window shrinks to 80x24", "tmux-6-80x24.txt", nil, "1 CONNECTION      2 USER"},
	}
	for _, st := range steps {
		if st.keys != nil {
			s.keys(st.keys...)
		}
		if st.golden == "tmux-6-80x24.txt" {
			s.run("resize-window", "-t", "top", "-x", "80", "-y", "24")
		}
		scr := s.waitFor(st.wait, contains2(st.wait))
		t.Run(st.Name, func(t *testing.T) { checkGolden(t, st.golden, scr) })
	}
	s.keys("q")
	scr := s.waitFor("exit 0 after q", contains2("exit 0"))
	if strings.Contains(scr, "CONNECTION") {
		t.Errorf("after q, the alternate screen was not left:\n%s", scr)
	}
}

// TestTopInTmuxLive runs top on the real clock against the live fake
// endpoint until rates show, then quits with Ctrl-C.
func TestTopInTmuxLive(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux): skipping the terminal test")
	}
	bin := buildEc2lite(t)
	command := "env -i HOME=" + t.TempDir() + " TERM=xterm-256color PATH=/usr/bin:/bin " + bin +
		" top --demo --interval 300ms --all-endpoints; echo \"exit $?\"; sleep 60"
	s := newTmux(t, 160, 30, command)
	scr := s.waitFor("rates", func(scr string) bool {
		return strings.Contains(scr, "13 connections: in ") && !strings.Contains(scr, "in -  out -")
	})
	if !strings.Contains(scr, "us-east-1/0123456789abcdef0") || !strings.Contains(scr, "9 REGION/ENDPOINT") {
		t.Errorf("--all-endpoints: no region/endpoint column:\n%s", scr)
	}
	s.keys("C-c")
	s.waitFor("exit 130 after Ctrl-C (README)", contains2("exit 130"))
}
