//go:build unix

package credentials

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadTokenFile checks that a token file is read bounded and that a
// read blocked on a FIFO without a writer ends with its context.
func TestReadTokenFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "token")
	if err := os.WriteFile(small, []byte("tok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	defer func() { // release the abandoned open
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}()
	tests := []struct {
		reason string
		path   string
		want   string
		err    error
	}{
		{"a token file", small, "tok\n", nil},
		{"an endless file is refused", "/dev/zero", "", errTokenFileTooLarge},
		{"a FIFO without a writer ends with the context", fifo, "", context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			b, err := readTokenFile(ctx, tt.path)
			if string(b) != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("got %q, %v; want %q, %v", b, err, tt.want, tt.err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
