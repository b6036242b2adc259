// Command ec2lite is a drop-in for `aws ec2 describe-client-vpn-connections`:
// the same flags, environment, configuration files, output bytes, error
// messages and exit codes, in one small static binary. Run `ec2lite help`.
//
//	ec2lite describe-client-vpn-connections --demo
//	ec2lite describe-client-vpn-connections --client-vpn-endpoint-id cvpn-endpoint-0123456789abcdef0 --output table
//
// The code: this package is the command table (commands.go) and what is
// rendered from it (dispatch, help, completion). Each command lives in its
// own package under internal/ (ops for the EC2 operations, fleet, top,
// metrics, fakeendpoint), on top of internal/cli (what every command shares),
// internal/session (the connection to EC2) and the AWS CLI compatibility kit
// internal/awscli and internal/awscli/output, which import nothing of
// ec2lite.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// exitGrace is how long a command may take to end after SIGINT or SIGTERM
// before the process exits without it: a read that cannot be cancelled (the
// open of a FIFO without a writer, given as a config file) must not keep
// the command alive.
const exitGrace = 2 * time.Second

func main() {
	os.Exit(runWithSignals(func(ctx context.Context) int {
		return run(ctx, os.Args[1:], os.Environ(), os.Stdin, os.Stdout, os.Stderr)
	}))
}

// runWithSignals runs cmd with a context that SIGINT and SIGTERM cancel and
// returns its exit code: after SIGTERM, 143 (128+15, as for a process the
// signal ends, which is how the AWS CLI ends) instead of the 130 of an
// interrupted command; when cmd has not returned exitGrace after the
// signal, the signal's code without waiting for it.
func runWithSignals(cmd func(context.Context) int) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- cmd(ctx) }()
	var sig os.Signal
	select {
	case code := <-done:
		return code
	case sig = <-sigs:
		cancel()
	}
	code := 130
	if sig == syscall.SIGTERM {
		code = 143
	}
	select {
	case c := <-done:
		if c != 130 {
			return c
		}
	case <-time.After(exitGrace):
	}
	return code
}
