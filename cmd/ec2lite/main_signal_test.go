//go:build unix

package main

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// TestRunWithSignals checks the exit code after SIGINT and SIGTERM, and that
// a command that does not return is not waited for beyond exitGrace.
func TestRunWithSignals(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		reason string
		sig    syscall.Signal
		onDone int  // what the command returns once its context is done
		stuck  bool // the command ignores its context
		want   int
	}{
		{"an interrupted command's 130 after SIGINT", syscall.SIGINT, 130, false, 130},
		{"130 becomes 143 after SIGTERM", syscall.SIGTERM, 130, false, 143},
		{"a command that ends normally keeps its code", syscall.SIGTERM, 0, false, 0},
		{"a stuck command is not waited for (SIGINT)", syscall.SIGINT, 0, true, 130},
		{"a stuck command is not waited for (SIGTERM)", syscall.SIGTERM, 0, true, 143},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			start := time.Now()
			got := runWithSignals(func(ctx context.Context) int {
				syscall.Kill(syscall.Getpid(), tt.sig) // delivered to runWithSignals, which is notified
				if tt.stuck {
					<-release
					return 0
				}
				select {
				case <-ctx.Done():
					return tt.onDone
				case <-time.After(10 * time.Second):
					return -1
				}
			})
			if got != tt.want {
				t.Errorf("exit %d, want %d", got, tt.want)
			}
			if elapsed := time.Since(start); elapsed > exitGrace+time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}
