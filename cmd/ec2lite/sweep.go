package main

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
// when interrupted. --query, --output text and --output table apply to the
// whole document. Without --all-endpoints and --regions, the command and its
// output are the AWS CLI's, byte for byte.

import (
	"io"
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// sweepKeyOrder is the key-order hint for --query results of a sweep.
var sweepKeyOrder = append([]string{"Regions", "Region", "Endpoints", "Error"}, modelKeyOrder...)

func (r *runner) sweepDescribe(a *args, ext *extArgs) int {
	for _, bad := range []struct {
		given bool
		name  string
	}{
		{a.nextToken != nil, "--next-token"}, {a.maxResults != nil, "--max-results"}, {a.startingToken != nil, "--starting-token"},
		{a.maxItems != nil, "--max-items"}, {a.noPaginate, "--no-paginate"}, {a.dryRun != nil, "--dry-run"},
	} {
		if bad.given {
			writeUsageError(r.stderr, programName+": error: "+bad.name+" cannot be combined with --all-endpoints or --regions")
			return exitUsage
		}
	}
	cfg, err := r.loadConfig(a)
	if err != nil {
		return r.fail(err)
	}
	format, expr, err := outputAndQuery(a, cfg)
	if err != nil {
		return r.fail(err)
	}
	f, stop, err := r.fleetFor(a, ext, false, 0)
	if err != nil {
		return r.errorExit(r.ctx, err)
	}
	defer stop()
	s := f.sample(r.ctx)
	if r.ctx.Err() != nil {
		io.WriteString(r.stdout, "\n")
		return exitInterrupt
	}
	pr := &printer{r: r, output: format, expr: expr}
	if a.color != nil {
		pr.color = *a.color
	}
	if expr != nil {
		expr.AddKeyOrder(sweepKeyOrder)
	}
	if err := pr.print(sweepTree(s)); err != nil {
		return r.fail(err)
	}
	for _, err := range s.errs() {
		writeError(r.stderr, err.Error())
	}
	return s.exitCode(r.ctx)
}

// sweepTree converts a sample to the output document.
func sweepTree(s *fleetSample) *awscli.Object {
	regions := make([]any, 0, len(s.Regions))
	for _, rs := range s.Regions {
		ro := &awscli.Object{}
		ro.Set("Region", rs.Region)
		eps := make([]any, 0, len(rs.Endpoints))
		for _, es := range rs.Endpoints {
			eo := &awscli.Object{}
			eo.Set("ClientVpnEndpointId", es.ID)
			eo.Set("Connections", connectionsTree(es.Connections))
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

// joinRegions is for messages.
func joinRegions(f *fleet) string {
	names := make([]string, len(f.regions))
	for i, rc := range f.regions {
		names[i] = rc.region
	}
	return strings.Join(names, ",")
}
