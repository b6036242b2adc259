//go:build unix

package awscli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestParamFileBounds checks that a parameter file over MaxParamFileSize is
// refused with a message, and one at the limit is read.
func TestParamFileBounds(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		reason string
		size   int
		err    string
	}{
		{"a file at the limit is read", MaxParamFileSize, ""},
		{"a byte more is refused", MaxParamFileSize + 1, "Error parsing parameter '--next-token': Unable to load paramfile file://big: the file is larger than 16 MiB, the limit of a parameter file"},
	} {
		t.Run(tt.reason, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, "big"), make([]byte, tt.size), 0o600); err != nil {
				t.Fatal(err)
			}
			v, err := ParamFiles{Dir: dir, Ctx: context.Background()}.Resolve("--next-token", "file://big")
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.err {
				t.Errorf("error %q, want %q", got, tt.err)
			}
			if tt.err == "" && len(v) != tt.size {
				t.Errorf("read %d bytes, want %d", len(v), tt.size)
			}
		})
	}
}

// TestParamFileInterrupted checks that a read blocked on a FIFO without a
// writer ends when the context is done, with the context's error, in every
// place a parameter file is read.
func TestParamFileInterrupted(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	defer func() {
		// Release the abandoned reads: open the FIFO for writing, then close it.
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}()
	for _, tt := range []struct {
		reason string
		read   func(ParamFiles) error
	}{
		{"Resolve", func(pf ParamFiles) error { _, err := pf.Resolve("--next-token", "file://fifo"); return err }},
		{"--filters file://", func(pf ParamFiles) error { _, err := ParseFilters([]string{"file://fifo"}, pf); return err }},
		{"--filters Values@=file://", func(pf ParamFiles) error {
			_, err := ParseFilters([]string{"Name=a,Values@=file://" + fifo}, pf)
			return err
		}},
		{"--cli-input-json file://", func(pf ParamFiles) error { _, err := ParseCLIInputJSON("file://fifo", pf); return err }},
	} {
		t.Run(tt.reason, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			done := make(chan error, 1)
			go func() { done <- tt.read(ParamFiles{Dir: dir, Ctx: ctx}) }()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("got %v, want context.Canceled", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the read did not end when its context was cancelled")
			}
		})
	}
}

// TestParamFileDevZero checks that an endless file is refused after
// MaxParamFileSize bytes.
func TestParamFileDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	_, err := ParamFiles{Ctx: context.Background()}.Resolve("--next-token", "file:///dev/zero")
	if err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Errorf("got %v, want the size limit's error", err)
	}
}
