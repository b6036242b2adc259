package cli

// Command-line parsing, as the AWS CLI's argparse setup does it: global
// options anywhere (before or after the command), --name value and
// --name=value, the last occurrence of an option winning, --filters taking
// one or more values, and every argument that matches nothing collected and
// reported as "Unknown options: a, b".

import (
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// The commands ec2lite knows. opName is the AWS CLI's name of the operation.
const (
	OpName      = "describe-client-vpn-connections"
	OpAPIName   = "DescribeClientVpnConnections"
	ProgramName = "ec2lite"
)

// OutputChoices are the --output values ec2lite prints (AWS CLI v1's set).
var OutputChoices = []string{"json", "text", "table"}

// OptSpec describes one option.
type OptSpec struct {
	Name  string // "--output"
	Value bool   // takes a value
	Multi bool   // takes one or more values (--filters)
	// Optional: the value may be left out (argparse nargs='?').
	Optional bool
	Global   bool // a global option (listed in help under "Global options")
	Help     string
	// Cmds are the operations that take a non-global option; nil: every one.
	// Each operation has its own set, as in the AWS CLI, so abbreviations
	// are resolved among that operation's options only.
	Cmds []string
	// Own marks an option the AWS CLI does not have: it is matched exactly,
	// never as an abbreviation, so that every abbreviation means what it
	// means to the AWS CLI (--d is --debug, not ambiguous with --demo).
	Own bool
}

// The operations' command names, for optSpec.cmds.
const (
	CmdTerminate = "terminate-client-vpn-connections"
	CmdEndpoints = "describe-client-vpn-endpoints"
)

// Operations are the commands that are EC2 operations (package ops runs
// them): each has its own option set, as in the AWS CLI.
var Operations = []string{OpName, CmdTerminate, CmdEndpoints}

func isOperation(cmd string) bool { return Contains(Operations, cmd) }

var (
	cmdsEndpointID = []string{OpName, CmdTerminate}
	cmdsPaged      = []string{OpName, CmdEndpoints}
)

var OptSpecs = []OptSpec{
	// Operation options.
	{Name: "--client-vpn-endpoint-id", Value: true, Help: "The ID of the Client VPN endpoint (required).", Cmds: cmdsEndpointID},
	{Name: "--connection-id", Value: true, Help: "The ID of the connection to terminate.", Cmds: []string{CmdTerminate}},
	{Name: "--username", Value: true, Help: "Terminate the active connections of this user (at most five).", Cmds: []string{CmdTerminate}},
	{Name: "--client-vpn-endpoint-ids", Value: true, Multi: true, Help: "The IDs of the endpoints to describe (default: all).", Cmds: []string{CmdEndpoints}},
	{Name: "--filters", Value: true, Multi: true, Help: "Filters: Name=connection-id|username,Values=v1,v2 (shorthand, several filters as separate arguments) or JSON.", Cmds: cmdsPaged},
	{Name: "--max-results", Value: true, Help: "The maximum number of results per request (5-1000); disables auto-pagination.", Cmds: cmdsPaged},
	{Name: "--next-token", Value: true, Help: "The token of the page to return; disables auto-pagination.", Cmds: cmdsPaged},
	{Name: "--dry-run", Help: "Only check whether the call would be allowed (DryRunOperation)."},
	{Name: "--no-dry-run", Help: "Send DryRun=false."},
	{Name: "--cli-input-json", Value: true, Help: "The parameters as JSON, inline or file://path; other options override it."},
	{Name: "--starting-token", Value: true, Global: false, Help: "Where to start paginating: a NextToken printed by --max-items, or a service token.", Cmds: cmdsPaged},
	{Name: "--page-size", Value: true, Help: "The page size of each request (MaxResults); output is still merged.", Cmds: cmdsPaged},
	{Name: "--max-items", Value: true, Help: "The total number of items to print; prints a NextToken to resume with.", Cmds: cmdsPaged},
	{Name: "--generate-cli-skeleton", Value: true, Optional: true, Help: "Print a JSON skeleton of the parameters for --cli-input-json and exit."},
	// Global options.
	{Name: "--debug", Global: true, Help: "Log every HTTP attempt to stderr (secrets redacted)."},
	{Name: "--endpoint-url", Value: true, Global: true, Help: "Send requests to this URL instead of the region's EC2 endpoint."},
	{Name: "--no-verify-ssl", Global: true, Help: "Do not verify TLS certificates (a warning is printed)."},
	{Name: "--no-paginate", Global: true, Help: "Make one request and print its NextToken."},
	{Name: "--output", Value: true, Global: true, Help: "Output format: json, text or table."},
	{Name: "--query", Value: true, Global: true, Help: "A JMESPath query applied to the result."},
	{Name: "--profile", Value: true, Global: true, Help: "Use this profile of the shared config and credentials files."},
	{Name: "--region", Value: true, Global: true, Help: "The AWS region."},
	{Name: "--version", Global: true, Help: "Print the version and exit."},
	{Name: "--color", Value: true, Global: true, Help: "Table colours: on, off or auto."},
	{Name: "--no-sign-request", Global: true, Help: "Accepted; requests are always signed (EC2 refuses unsigned ones)."},
	{Name: "--ca-bundle", Value: true, Global: true, Help: "A PEM file of CA certificates to verify TLS with."},
	{Name: "--cli-read-timeout", Value: true, Global: true, Help: "Socket read timeout in seconds (0: none; default 60)."},
	{Name: "--cli-connect-timeout", Value: true, Global: true, Help: "Socket connect timeout in seconds (0: none; default 60)."},
	{Name: "--no-cli-pager", Global: true, Help: "Accepted; ec2lite never pages its output."},
	{Name: "--cli-binary-format", Value: true, Global: true, Help: "Accepted (AWS CLI v2); this operation has no binary parameters."},
	{Name: "--cli-auto-prompt", Global: true, Help: "Accepted (AWS CLI v2); ec2lite never prompts."},
	{Name: "--no-cli-auto-prompt", Global: true, Help: "Accepted (AWS CLI v2)."},
	{Name: "--demo", Global: true, Help: "Run against an in-process fake EC2 endpoint with sample data (no AWS account, no network).", Own: true},
	{Name: "--help", Global: true, Help: "Print help and exit.", Own: true},
	// fake-endpoint options.
	{Name: "--addr", Value: true, Help: "fake-endpoint: the address to listen on (default 127.0.0.1:0, a free port).", Own: true},
	{Name: "--listen", Value: true, Help: "metrics: the address to listen on; fake-endpoint: the same as --addr.", Own: true},
	{Name: "--data", Value: true, Help: "fake-endpoint: a JSON data file (default: the built-in sample data).", Own: true},
	{Name: "--access-key", Value: true, Help: "fake-endpoint: the access key ID it accepts (default AKIDEXAMPLE).", Own: true},
	{Name: "--secret-key", Value: true, Help: "fake-endpoint: the secret access key of --access-key.", Own: true},
}

// Takes reports whether the option belongs to command cmd's parser: a
// global option, or an operation option of cmd (any option for a command
// that is not an operation).
func (s *OptSpec) Takes(cmd string) bool {
	return s.Global || s.Cmds == nil || !isOperation(cmd) || Contains(s.Cmds, cmd)
}

func lookupOptFor(name, cmd string) (OptSpec, bool) {
	for _, s := range OptSpecs {
		if s.Name == name && s.Takes(cmd) {
			return s, true
		}
	}
	return OptSpec{}, false
}

// resolveOptFor finds the option of command cmd an argument names,
// accepting unambiguous abbreviations as argparse does: first among the
// global options (the AWS CLI's main parser), then among the command's.
func resolveOptFor(name, cmd string) (OptSpec, bool, error) {
	if s, ok := lookupOptFor(name, cmd); ok {
		return s, true, nil
	}
	if !strings.HasPrefix(name, "--") || len(name) <= 2 {
		return OptSpec{}, false, nil
	}
	for _, global := range []bool{true, false} {
		var matches []OptSpec
		for _, s := range OptSpecs {
			if s.Global == global && s.Takes(cmd) && !s.Own && strings.HasPrefix(s.Name, name) {
				matches = append(matches, s)
			}
		}
		switch len(matches) {
		case 0:
			continue
		case 1:
			return matches[0], true, nil
		}
		names := make([]string, len(matches))
		for i, m := range matches {
			names[i] = m.Name
		}
		return OptSpec{}, false, &UsageError{"ambiguous option: " + name + " could match " + strings.Join(names, ", ")}
	}
	return OptSpec{}, false, nil
}

// Args is the parsed command line. A string option that was not given is
// nil; given, it points at its (last) value.
type Args struct {
	Command string   // "" when none was given
	Extra   []string // positional arguments after the command (completion's shell, help)
	Unknown []string // unrecognized arguments, in order

	EndpointID, MaxResults, NextToken, CliInputJSON *string
	Filters                                         []string // nil when not given
	DryRun                                          *bool    // --dry-run true, --no-dry-run false (last wins)
	StartingToken, PageSize, MaxItems               *string

	Debug, NoVerifySSL, NoPaginate, Version, NoSignRequest, NoCLIPager, Demo, Help bool

	EndpointURL, Output, Query, Profile, Region, Color, CaBundle, ReadTimeout, ConnectTimeout *string

	Listen, Data, Addr, AccessKey, SecretKey *string // fake-endpoint, metrics

	Values map[string][]string // the other operation options (--username, --client-vpn-endpoint-ids, ...)

	Skeleton *string // --generate-cli-skeleton: "" or its value
}

// UsageError is an argparse error: printed after the usage text, exit 252.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ParseArgs parses the command line (without the program name) with the
// options of its command. The first pass uses describe-client-vpn-connections'
// options (ec2lite's original command, whose parsing it leaves as it was);
// when the command is another operation, the line is parsed again with that
// operation's options, as the AWS CLI's per-operation parser would.
func ParseArgs(argv []string) (*Args, error) {
	a, err := parseArgsFor(argv, OpName)
	cmd := ""
	if err == nil {
		cmd = a.Command
		if cmd == "ec2" && len(a.Extra) > 0 {
			cmd = a.Extra[0]
		}
	} else {
		cmd = findCommand(argv)
	}
	if cmd != OpName && isOperation(cmd) {
		return parseArgsFor(argv, cmd)
	}
	return a, err
}

// findCommand returns the command of a line the first pass refused: the
// first argument that is not an option or the value of a global option
// (after "ec2", the one that follows).
func findCommand(argv []string) string {
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			return ""
		}
		if strings.HasPrefix(arg, "-") && len(arg) > 1 {
			name, _, inline := strings.Cut(arg, "=")
			if s, ok, _ := resolveOptFor(name, ""); ok && s.Global && s.Value && !inline {
				i++
			}
			continue
		}
		if arg == "ec2" {
			continue
		}
		return arg
	}
	return ""
}

// parseArgsFor parses argv with the options of command cmd.
func parseArgsFor(argv []string, cmd string) (*Args, error) {
	a := &Args{}
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			a.Unknown = append(a.Unknown, argv[i+1:]...)
			break
		}
		if !isOptionStringFor(arg, cmd) {
			if a.Command == "" {
				a.Command = arg
			} else {
				a.Extra = append(a.Extra, arg)
			}
			continue
		}
		name, inline, hasInline := strings.Cut(arg, "=")
		spec, ok, err := resolveOptFor(name, cmd)
		if err != nil {
			return nil, err
		}
		if !ok {
			a.Unknown = append(a.Unknown, arg)
			continue
		}
		name = spec.Name
		if !spec.Value {
			if hasInline {
				return nil, &UsageError{"argument " + name + ": ignored explicit argument '" + inline + "'"}
			}
			a.setFlag(name)
			continue
		}
		var values []string
		switch {
		case hasInline:
			values = []string{inline}
		case spec.Optional:
			values = []string{""}
			if i+1 < len(argv) && !isOptionString(argv[i+1]) {
				i++
				values = []string{argv[i]}
			}
		case spec.Multi:
			// nargs='*', as the AWS CLI declares list parameters: no value
			// at all is an empty list (nothing is sent).
			values = []string{}
			for i+1 < len(argv) && !isOptionStringFor(argv[i+1], cmd) {
				i++
				values = append(values, argv[i])
			}
		default:
			if i+1 >= len(argv) || isOptionStringFor(argv[i+1], cmd) {
				return nil, &UsageError{"argument " + name + ": expected one argument"}
			}
			i++
			values = []string{argv[i]}
		}
		if err := a.setValue(name, values); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// isOptionString reports whether argparse would take arg for an option: a
// known option (or --known=value), else anything starting with '-' that is
// not a lone '-', a negative number or a string with a space.
func isOptionString(arg string) bool { return isOptionStringFor(arg, OpName) }

func isOptionStringFor(arg, cmd string) bool {
	if len(arg) < 2 || arg[0] != '-' {
		return false
	}
	name, _, _ := strings.Cut(arg, "=")
	if _, ok, err := resolveOptFor(name, cmd); ok || err != nil {
		return true
	}
	if awscli.IsNegativeNumber(arg) {
		return false
	}
	return !strings.Contains(arg, " ")
}

func (a *Args) setFlag(name string) {
	t, f := true, false
	switch name {
	case "--dry-run":
		a.DryRun = &t
	case "--no-dry-run":
		a.DryRun = &f
	case "--debug":
		a.Debug = true
	case "--no-verify-ssl":
		a.NoVerifySSL = true
	case "--no-paginate":
		a.NoPaginate = true
	case "--version":
		a.Version = true
	case "--no-sign-request":
		a.NoSignRequest = true
	case "--no-cli-pager":
		a.NoCLIPager = true
	case "--demo":
		a.Demo = true
	case "--help":
		a.Help = true
	}
}

func (a *Args) setValue(name string, values []string) error {
	if name == "--filters" {
		a.Filters = values
		return nil
	}
	if s, _ := lookupOptFor(name, ""); s.Multi {
		// Another list option (--client-vpn-endpoint-ids): no value at all
		// is an empty list.
		if a.Values == nil {
			a.Values = map[string][]string{}
		}
		a.Values[name] = values
		return nil
	}
	v := values[0]
	switch name {
	case "--client-vpn-endpoint-id":
		a.EndpointID = &v
	case "--filters":
		a.Filters = values
	case "--max-results":
		a.MaxResults = &v
	case "--next-token":
		a.NextToken = &v
	case "--cli-input-json":
		a.CliInputJSON = &v
	case "--starting-token":
		a.StartingToken = &v
	case "--page-size":
		if _, ok := awscli.PyInt(v); !ok {
			return &UsageError{"argument --page-size: invalid int value: " + awscli.PyReprStr(v)}
		}
		a.PageSize = &v
	case "--max-items":
		if _, ok := awscli.PyInt(v); !ok {
			return &UsageError{"argument --max-items: invalid int value: " + awscli.PyReprStr(v)}
		}
		a.MaxItems = &v
	case "--endpoint-url":
		a.EndpointURL = &v
	case "--output":
		if !Contains(OutputChoices, v) {
			return &UsageError{"argument --output: " + awscli.InvalidChoice(v, OutputChoices)}
		}
		a.Output = &v
	case "--query":
		a.Query = &v
	case "--profile":
		a.Profile = &v
	case "--region":
		a.Region = &v
	case "--color":
		if !Contains([]string{"on", "off", "auto"}, v) {
			return &UsageError{"argument --color: invalid choice: " + awscli.PyReprStr(v) + " (choose from 'on', 'off', 'auto')"}
		}
		a.Color = &v
	case "--ca-bundle":
		a.CaBundle = &v
	case "--cli-read-timeout":
		a.ReadTimeout = &v
	case "--cli-connect-timeout":
		a.ConnectTimeout = &v
	case "--generate-cli-skeleton":
		if v != "" && !Contains([]string{"input", "output", "yaml-input"}, v) {
			return &UsageError{"argument --generate-cli-skeleton: " + awscli.InvalidChoice(v, []string{"input", "output", "yaml-input"})}
		}
		a.Skeleton = &v
	case "--listen":
		a.Listen = &v
	case "--data":
		a.Data = &v
	case "--addr":
		a.Addr = &v
	case "--access-key":
		a.AccessKey = &v
	case "--secret-key":
		a.SecretKey = &v
	default:
		if a.Values == nil {
			a.Values = map[string][]string{}
		}
		a.Values[name] = values
	}
	return nil
}

func Contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
