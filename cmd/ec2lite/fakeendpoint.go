package main

// `ec2lite fake-endpoint`: the fake EC2 endpoint of package clientvpntest as a
// process, for pointing other tools (the AWS CLI, SDKs) at it:
//
//	ec2lite fake-endpoint [--listen 127.0.0.1:8080] [--data data.json]
//
// It prints its base URL on the first line of stdout, accepts the documented
// example keys (AKIDEXAMPLE) in region us-east-1, and serves until
// interrupted.

import (
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
)

func (r *runner) fakeEndpoint(a *args) int {
	if len(a.extra) > 0 || len(a.unknown) > 0 {
		writeUsageError(r.stderr, "Unknown options: "+strings.Join(append(append([]string{}, a.unknown...), a.extra...), ", "))
		return exitUsage
	}
	addr := "127.0.0.1:0"
	if a.listen != nil {
		addr = *a.listen
	}
	var opts []clientvpntest.Option
	if a.data != nil {
		d, err := clientvpntest.LoadData(*a.data)
		if err != nil {
			writeError(r.stderr, err.Error())
			return exitOther
		}
		opts = append(opts, clientvpntest.WithData(d))
	}
	if a.debug {
		opts = append(opts, clientvpntest.WithLog(r.stderr))
	}
	if err := clientvpntest.Serve(r.ctx, addr, r.stdout, opts...); err != nil {
		writeError(r.stderr, err.Error())
		return exitOther
	}
	return exitOK
}
