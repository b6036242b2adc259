package fakeendpoint

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
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// Help is the text of `ec2lite help fake-endpoint`.
const Help = `fake-endpoint

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

func Run(r *cli.Env, a *cli.Args) int {
	if len(a.Extra) > 0 || len(a.Unknown) > 0 {
		cli.WriteUsageError(r.Stderr, "Unknown options: "+strings.Join(append(append([]string{}, a.Unknown...), a.Extra...), ", "))
		return cli.ExitUsage
	}
	addr := "127.0.0.1:0"
	switch {
	case a.Addr != nil:
		addr = *a.Addr
	case a.Listen != nil:
		addr = *a.Listen
	}
	opts := []clientvpntest.Option{clientvpntest.WithLog(r.Stderr)}
	if (a.AccessKey == nil) != (a.SecretKey == nil) {
		cli.WriteUsageError(r.Stderr, "fake-endpoint: --access-key and --secret-key go together")
		return cli.ExitUsage
	}
	if a.AccessKey != nil {
		opts = append(opts, clientvpntest.WithCredentials(*a.AccessKey, *a.SecretKey, ""))
	}
	if a.Region != nil {
		opts = append(opts, clientvpntest.WithRegion(*a.Region))
	}
	if a.Data != nil {
		d, err := clientvpntest.LoadData(*a.Data)
		if err != nil {
			cli.WriteError(r.Stderr, err.Error())
			return cli.ExitOther
		}
		opts = append(opts, clientvpntest.WithData(d))
	}
	if err := clientvpntest.Serve(r.Ctx, addr, r.Stdout, opts...); err != nil {
		cli.WriteError(r.Stderr, err.Error())
		return cli.ExitOther
	}
	return cli.ExitOK
}
