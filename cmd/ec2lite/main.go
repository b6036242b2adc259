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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Environ(), os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
