// Command ec2lite is a drop-in for `aws ec2 describe-client-vpn-connections`:
// the same flags, environment, configuration files, output bytes, error
// messages and exit codes, in one small static binary. Run `ec2lite help`.
//
//	ec2lite describe-client-vpn-connections --demo
//	ec2lite describe-client-vpn-connections --client-vpn-endpoint-id cvpn-endpoint-0123456789abcdef0 --output table
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
