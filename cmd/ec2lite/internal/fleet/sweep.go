package fleet

// The fleet sweep of describe-client-vpn-connections:
//
//	ec2lite describe-client-vpn-connections --all-endpoints [--regions us-east-1,eu-west-1]
//
// lists the connections of every Client VPN endpoint of each region. Its
// output says where each connection came from, one level per region and per
// endpoint (the connections themselves are exactly as the single-endpoint
// command prints them):
//
//	{
//	    "Regions": [
//	        {
//	            "Region": "us-east-1",
//	            "Endpoints": [
//	                {
//	                    "ClientVpnEndpointId": "cvpn-endpoint-…",
//	                    "Connections": [ … ]
//	                }
//	            ]
//	        }
//	    ]
//	}
//
// A region whose endpoints could not be listed has "Endpoints": [] and an
// "Error" with the message; an endpoint whose connections could not be
// listed has the connections listed before the failure and an "Error". Every
// failure is also printed on stderr, after the output, and the exit code is
// then not 0: 254 when all failures were EC2's answers, 255 otherwise, 130
// when interrupted. A listing (a region's endpoints, an endpoint's
// connections) that takes longer than EndpointTimeoutReads read timeouts
// fails with a *ListTimeoutError, so that one endpoint that trickles its
// answer does not hold the others. --query, --output text and --output table apply to the
// whole document. Without --all-endpoints and --regions, the command and its
// output are the AWS CLI's, byte for byte.

import (
	"io"
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/ops"
)

func Sweep(r *cli.Env, a *cli.Args, ext *cli.ExtArgs) int {
	for _, bad := range []struct {
		Given bool
		Name  string
	}{
		{a.NextToken != nil, "--next-token"}, {a.MaxResults != nil, "--max-results"}, {a.StartingToken != nil, "--starting-token"},
		{a.MaxItems != nil, "--max-items"}, {a.NoPaginate, "--no-paginate"}, {a.DryRun != nil, "--dry-run"},
	} {
		if bad.Given {
			cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: "+bad.Name+" cannot be combined with --all-endpoints or --regions")
			return cli.ExitUsage
		}
	}
	cfg, err := r.LoadConfig(a)
	if err != nil {
		return r.Fail(err)
	}
	format, expr, err := cli.OutputAndQuery(a, cfg)
	if err != nil {
		return r.Fail(err)
	}
	f, stop, err := For(r, a, ext, false, 0)
	if err != nil {
		return r.ErrorExit(r.Ctx, err)
	}
	defer stop()
	s := f.Sample(r.Ctx)
	if r.Ctx.Err() != nil {
		io.WriteString(r.Stdout, "\n")
		return cli.ExitInterrupt
	}
	pr := &cli.Printer{Env: r, Output: format, Expr: expr}
	if a.Color != nil {
		pr.Color = *a.Color
	}
	if err := pr.Print(sweepTree(s)); err != nil {
		return r.Fail(err)
	}
	for _, err := range s.Errs() {
		cli.WriteError(r.Stderr, err.Error())
	}
	return s.ExitCode(r.Ctx)
}

// sweepTree converts a sample to the output document.
func sweepTree(s *Sample) *awscli.Object {
	regions := make([]any, 0, len(s.Regions))
	for _, rs := range s.Regions {
		ro := &awscli.Object{}
		ro.Set("Region", rs.Region)
		eps := make([]any, 0, len(rs.Endpoints))
		for _, es := range rs.Endpoints {
			eo := &awscli.Object{}
			eo.Set("ClientVpnEndpointId", es.ID)
			eo.Set("Connections", ops.ConnectionsTree(es.Connections))
			if es.Err != nil {
				eo.Set("Error", sweepMessage(es.Err))
			}
			eps = append(eps, eo)
		}
		ro.Set("Endpoints", eps)
		if rs.Err != nil {
			ro.Set("Error", sweepMessage(rs.Err))
		}
		regions = append(regions, ro)
	}
	root := &awscli.Object{}
	root.Set("Regions", regions)
	return root
}

// JoinRegions is for messages.
func JoinRegions(f *Fleet) string {
	names := make([]string, len(f.Regions))
	for i, rc := range f.Regions {
		names[i] = rc.Region
	}
	return strings.Join(names, ",")
}
