//go:build linux

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal pair (Linux): the controlling side and
// the terminal side a child gets as its stdin, stdout and stderr.
func openPTY(t *testing.T) (ptm, pts *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Skipf("unlocking the pseudo-terminal: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Skipf("naming the pseudo-terminal: %v", e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	ws := struct{ row, col, x, y uint16 }{40, 160, 0, 0}
	syscall.Syscall(syscall.SYS_IOCTL, s.Fd(), syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&ws)))
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// topRun is `ec2lite top ARGS` on a terminal: its screen so far, and its
// exit once it has ended.
type topRun struct {
	ptm    *os.File
	mu     sync.Mutex
	screen bytes.Buffer
	done   chan struct{}
	code   int
}

func (r *topRun) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.screen.String()
}

// waitFor waits up to d for the screen to contain s.
func (r *topRun) waitFor(s string, d time.Duration) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if strings.Contains(r.text(), s) {
			return true
		}
	}
	return false
}

func startTop(t *testing.T, args ...string) *topRun {
	t.Helper()
	ptm, pts := openPTY(t)
	h := newHome(t, "", "")
	ctx, cancel := context.WithTimeout(context.Background(), execTimeout)
	cmd := exec.CommandContext(ctx, binary, append([]string{"top"}, args...)...)
	cmd.Env = append(h.environ(nil), "TERM=xterm-256color", "COLUMNS=160", "LINES=40")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pts, pts, pts
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	r := &topRun{ptm: ptm, done: make(chan struct{})}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			r.mu.Lock()
			r.screen.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			r.code = ee.ExitCode()
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				r.code = 128 + int(ws.Signal())
			}
		} else if err != nil {
			r.code = -1
		}
		close(r.done)
	}()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

// TestTopCtrlC is issue 16's row "top on Ctrl-C": Ctrl-C typed at the
// terminal ends top with exit 130, as the README says (and as the AWS CLI
// exits on Ctrl-C).
func TestTopCtrlC(t *testing.T) {
	r := startTop(t, "--demo")
	if !r.waitFor("cvpn-connection-", 10*time.Second) {
		t.Fatalf("top drew no connections within 10 s: %q", clip(r.text()))
	}
	r.ptm.Write([]byte{3}) // Ctrl-C
	select {
	case <-r.done:
	case <-time.After(3 * time.Second):
		t.Fatalf("top did not end within 3 s of Ctrl-C")
	}
	if r.code != 130 {
		t.Errorf("top ended by Ctrl-C: want exit 130 (README), got %d", r.code)
	}
}

// TestTopFooterAllEndpoints is issue 16's row "top footer with
// --all-endpoints": the sweep adds the region/endpoint column as key 9,
// and the footer says so (it runs on a pseudo-terminal, as a user would).
func TestTopFooterAllEndpoints(t *testing.T) {
	r := startTop(t, "--demo", "--all-endpoints")
	if !r.waitFor("quit", 10*time.Second) {
		t.Fatalf("top drew no footer within 10 s: %q", clip(r.text()))
	}
	r.ptm.Write([]byte("q"))
	select {
	case <-r.done:
	case <-time.After(3 * time.Second):
		t.Errorf("top did not end within 3 s of q")
	}
	screen := r.text()
	if strings.Contains(screen, "1-8 sort") || !strings.Contains(screen, "1-9") {
		i := strings.LastIndex(screen, "quit")
		t.Errorf("with --all-endpoints the footer must offer keys 1-9; it says %q", screen[max(0, i-80):i+4])
	}
}
