package main

// `ec2lite fake-endpoint`: the fake EC2 endpoint of package clientvpntest as a
// process, for pointing other tools (the AWS CLI, SDKs) at it:
//
//	ec2lite fake-endpoint [--addr 127.0.0.1:8080] [--data data.json]
//	    [--access-key AK --secret-key SK] [--region us-east-1]
//
// It prints its base URL on the first line of stdout, accepts the documented
// example keys (AKIDEXAMPLE) in region us-east-1 unless told others, logs
// each request to stderr, and serves until interrupted (SIGINT or SIGTERM).

import (
	"io"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
)

// fakeEndpointHelp is the text of `ec2lite help fake-endpoint`.
const fakeEndpointHelp = `fake-endpoint

Runs a local, signature-verifying fake EC2 endpoint (package clientvpntest) that answers
DescribeClientVpnConnections, TerminateClientVpnConnections and DescribeClientVpnEndpoints
from sample data or a data file. It prints its base URL on the first line of stdout, logs
each request to stderr, and serves until interrupted (SIGINT or SIGTERM). Point the AWS CLI
or an SDK at it with --endpoint-url and the keys it accepts.

Synopsis:

  fake-endpoint [--addr <value>] [--data <value>] [--access-key <value> --secret-key <value>]
    [--region <value>]

Options:
  --addr <value>                     The address to listen on (default 127.0.0.1:0, a free port).
  --data <value>                     A JSON data file (default: the built-in sample data).
  --access-key <value>               The access key ID it accepts (default AKIDEXAMPLE).
  --secret-key <value>               Its secret access key (default wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY).
  --region <value>                   The region requests must be signed for (default us-east-1).
`

func (r *runner) fakeEndpoint(a *args) int {
	if a.help || contains(a.extra, "help") {
		io.WriteString(r.stdout, fakeEndpointHelp)
		return exitOK
	}
	if len(a.extra) > 0 || len(a.unknown) > 0 {
		writeUsageError(r.stderr, "Unknown options: "+strings.Join(append(append([]string{}, a.unknown...), a.extra...), ", "))
		return exitUsage
	}
	addr := "127.0.0.1:0"
	switch {
	case a.addr != nil:
		addr = *a.addr
	case a.listen != nil:
		addr = *a.listen
	}
	opts := []clientvpntest.Option{clientvpntest.WithLog(r.stderr)}
	if (a.accessKey == nil) != (a.secretKey == nil) {
		writeUsageError(r.stderr, "fake-endpoint: --access-key and --secret-key go together")
		return exitUsage
	}
	if a.accessKey != nil {
		opts = append(opts, clientvpntest.WithCredentials(*a.accessKey, *a.secretKey, ""))
	}
	if a.region != nil {
		opts = append(opts, clientvpntest.WithRegion(*a.region))
	}
	if a.data != nil {
		d, err := clientvpntest.LoadData(*a.data)
		if err != nil {
			writeError(r.stderr, err.Error())
			return exitOther
		}
		opts = append(opts, clientvpntest.WithData(d))
	}
	if err := clientvpntest.Serve(r.ctx, addr, r.stdout, opts...); err != nil {
		writeError(r.stderr, err.Error())
		return exitOther
	}
	return exitOK
}
