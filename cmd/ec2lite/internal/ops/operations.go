package ops

// The operations ec2lite runs, described as data: each one's command name,
// EC2 name, members (model order, with their kinds) and paged list. One
// generic path serves them all: flags and --cli-input-json to botocore-style
// parameters (buildOpParams), botocore's validation into the typed input
// (bindInput), the call, and the decoded output into the printers' tree
// (modelTree). Adding an operation is one entry in Ops (with its call and
// skeleton), its name in cli.Operations and its options' commands in
// cli.OptSpecs (TestOpsMatchParser checks the two agree); the command table
// of package main picks it up from Ops.

import (
	"context"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// memberKind is how a member is given on the command line and validated.
type memberKind int

const (
	kindString     memberKind = iota // --name value
	kindStringList                   // --name v1 v2 ... (or a JSON list)
	kindFilters                      // --filters, shorthand or JSON
	kindInt                          // --name N (Python int())
	KindBool                         // --name / --no-name
)

// opMember is one input member of an operation.
type opMember struct {
	Name     string // model name, also the input struct's field name
	Kind     memberKind
	Required bool
	Min, Max int64 // kindInt: the model's range (only Min is checked, as botocore)
	Help     string
}

// Flag is the member's option name: --client-vpn-endpoint-id.
func (m *opMember) Flag() string { return "--" + Kebab(m.Name) }

// Kebab turns a model name into its AWS CLI option name (without dashes).
func Kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Op is one operation of the CLI.
type Op struct {
	Name    string // the AWS CLI command: describe-client-vpn-connections
	Api     string // the EC2 operation: DescribeClientVpnConnections
	Summary string // one line for the command list
	// description and examples are the help text (examples follow
	// "ec2lite COMMAND ").
	Description string
	Examples    []string
	Members     []opMember
	// resultKey is the paged list of a paginated operation ("Connections");
	// "" for an operation without pagination.
	ResultKey string
	// input is the zero input struct the parameters bind to.
	Input any
	// call makes the call with the bound input and returns the output
	// (a pointer to the clientvpn output struct).
	Call func(ctx context.Context, c *clientvpn.Client, in any) (any, error)
	// skeleton is --generate-cli-skeleton's output (AWS CLI v1 and v2 alike).
	Skeleton string
	// YAMLSkeleton is --generate-cli-skeleton yaml-input's output: AWS CLI
	// v2's, each member with the first sentence of its model documentation.
	YAMLSkeleton string
	// Output is the zero value of the output type, from which
	// --generate-cli-skeleton output builds its answer.
	Output any
}

func (op *Op) Paginated() bool { return op.ResultKey != "" }

func (op *Op) MemberNames() []string {
	names := make([]string, len(op.Members))
	for i, m := range op.Members {
		names[i] = m.Name
	}
	return names
}

func (op *Op) Member(name string) *opMember {
	for i := range op.Members {
		if op.Members[i].Name == name {
			return &op.Members[i]
		}
	}
	return nil
}

var dryRunMember = opMember{Name: "DryRun", Kind: KindBool, Help: "Only check whether the call would be allowed (DryRunOperation)."}

// Ops are the operations, the first being ec2lite's original one.
var Ops = []*Op{
	{
		Name: cli.OpName, Api: cli.OpAPIName, Summary: "list the connections of a Client VPN endpoint",
		Description: "Describes the active client connections and the connections terminated within the\n" +
			"last 60 minutes of the specified Client VPN endpoint (EC2 DescribeClientVpnConnections).",
		Examples: []string{
			"--demo",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde \\\n      --filters Name=username,Values=alice,bob --output table",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde \\\n      --max-items 10 --query 'Connections[].[ConnectionId,Username,Status.Code]' --output text",
		},
		Members: []opMember{
			{Name: "ClientVpnEndpointId", Kind: kindString, Required: true, Help: "The ID of the Client VPN endpoint (required)."},
			{Name: "Filters", Kind: kindFilters, Help: "Filters: Name=connection-id|username,Values=v1,v2 (shorthand, several filters as separate arguments) or JSON."},
			{Name: "NextToken", Kind: kindString, Help: "The token of the page to return; disables auto-pagination."},
			{Name: "MaxResults", Kind: kindInt, Min: 5, Max: 1000, Help: "The maximum number of results per request (5-1000); disables auto-pagination."},
			dryRunMember,
		},
		ResultKey: "Connections",
		Input:     clientvpn.DescribeClientVpnConnectionsInput{},
		Call: func(ctx context.Context, c *clientvpn.Client, in any) (any, error) {
			x := in.(clientvpn.DescribeClientVpnConnectionsInput)
			return c.DescribeClientVpnConnections(ctx, &x)
		},
		Skeleton:     inputSkeleton,
		YAMLSkeleton: "ClientVpnEndpointId: ''  # [REQUIRED] The ID of the Client VPN endpoint.\nFilters: # One or more filters.\n- Name: ''  # The name of the filter.\n  Values: # The filter values.\n  - ''\nNextToken: '' # The token to retrieve the next page of results.\nMaxResults: 0 # The maximum number of results to return for the request in a single page.\nDryRun: true # Checks whether you have the required permissions for the action, without actually making the request, and provides an error response.\n",
		Output:       clientvpn.DescribeClientVpnConnectionsOutput{},
	},
	{
		Name: "terminate-client-vpn-connections", Api: "TerminateClientVpnConnections",
		Summary: "terminate a connection, or the connections of a user",
		Description: "Terminates an active client connection of a Client VPN endpoint (--connection-id), or the\n" +
			"active connections of one user, up to five (--username) (EC2 TerminateClientVpnConnections).",
		Examples: []string{
			"--demo --username dave",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde \\\n      --connection-id cvpn-connection-0123456789abcdef0",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde --username alice --dry-run",
		},
		Members: []opMember{
			{Name: "ClientVpnEndpointId", Kind: kindString, Required: true, Help: "The ID of the Client VPN endpoint (required)."},
			{Name: "ConnectionId", Kind: kindString, Help: "The ID of the connection to terminate."},
			{Name: "Username", Kind: kindString, Help: "Terminate the active connections of this user (at most five)."},
			dryRunMember,
		},
		Input: clientvpn.TerminateClientVpnConnectionsInput{},
		Call: func(ctx context.Context, c *clientvpn.Client, in any) (any, error) {
			x := in.(clientvpn.TerminateClientVpnConnectionsInput)
			return c.TerminateClientVpnConnections(ctx, &x)
		},
		Skeleton:     "{\n    \"ClientVpnEndpointId\": \"\",\n    \"ConnectionId\": \"\",\n    \"Username\": \"\",\n    \"DryRun\": true\n}\n",
		YAMLSkeleton: "ClientVpnEndpointId: ''  # [REQUIRED] The ID of the Client VPN endpoint to which the client is connected.\nConnectionId: '' # The ID of the client connection to be terminated.\nUsername: '' # The name of the user who initiated the connection.\nDryRun: true # Checks whether you have the required permissions for the action, without actually making the request, and provides an error response.\n",
		Output:       clientvpn.TerminateClientVpnConnectionsOutput{},
	},
	{
		Name: "describe-client-vpn-endpoints", Api: "DescribeClientVpnEndpoints",
		Summary: "list the Client VPN endpoints",
		Description: "Describes the Client VPN endpoints of the account in the region, or those given\n" +
			"(EC2 DescribeClientVpnEndpoints).",
		Examples: []string{
			"--demo",
			"--filters Name=transport-protocol,Values=udp --output table",
			"--query 'ClientVpnEndpoints[].[ClientVpnEndpointId,Status.Code,Description]' --output text",
		},
		Members: []opMember{
			{Name: "ClientVpnEndpointIds", Kind: kindStringList, Help: "The IDs of the endpoints to describe (default: all)."},
			{Name: "MaxResults", Kind: kindInt, Min: 5, Max: 1000, Help: "The maximum number of results per request (5-1000); disables auto-pagination."},
			{Name: "NextToken", Kind: kindString, Help: "The token of the page to return; disables auto-pagination."},
			{Name: "Filters", Kind: kindFilters, Help: "Filters: Name=endpoint-id|transport-protocol,Values=v1,v2 (shorthand) or JSON."},
			dryRunMember,
		},
		ResultKey: "ClientVpnEndpoints",
		Input:     clientvpn.DescribeClientVpnEndpointsInput{},
		Call: func(ctx context.Context, c *clientvpn.Client, in any) (any, error) {
			x := in.(clientvpn.DescribeClientVpnEndpointsInput)
			return c.DescribeClientVpnEndpoints(ctx, &x)
		},
		Skeleton:     "{\n    \"ClientVpnEndpointIds\": [\n        \"\"\n    ],\n    \"MaxResults\": 0,\n    \"NextToken\": \"\",\n    \"Filters\": [\n        {\n            \"Name\": \"\",\n            \"Values\": [\n                \"\"\n            ]\n        }\n    ],\n    \"DryRun\": true\n}\n",
		YAMLSkeleton: "ClientVpnEndpointIds:  # The ID of the Client VPN endpoint.\n- ''\nMaxResults: 0 # The maximum number of results to return for the request in a single page.\nNextToken: '' # The token to retrieve the next page of results.\nFilters: # One or more filters.\n- Name: ''  # The name of the filter.\n  Values: # The filter values.\n  - ''\nDryRun: true # Checks whether you have the required permissions for the action, without actually making the request, and provides an error response.\n",
		Output:       clientvpn.DescribeClientVpnEndpointsOutput{},
	},
}

// Lookup returns the operation of a command name.
func Lookup(name string) *Op {
	for _, op := range Ops {
		if op.Name == name {
			return op
		}
	}
	return nil
}
