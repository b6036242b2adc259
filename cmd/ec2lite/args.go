package main

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
	opName      = "describe-client-vpn-connections"
	opAPIName   = "DescribeClientVpnConnections"
	programName = "ec2lite"
)

var commands = []string{opName, cmdTerminate, cmdEndpoints, "top", "metrics", "fake-endpoint", "completion", "version", "help"}

// outputChoices are the --output values ec2lite prints (AWS CLI v1's set).
var outputChoices = []string{"json", "text", "table"}

// optSpec describes one option.
type optSpec struct {
	name  string // "--output"
	value bool   // takes a value
	multi bool   // takes one or more values (--filters)
	// optional: the value may be left out (argparse nargs='?').
	optional bool
	global   bool // a global option (listed in help under "Global options")
	help     string
	// cmds are the operations that take a non-global option; nil: every one.
	// Each operation has its own set, as in the AWS CLI, so abbreviations
	// are resolved among that operation's options only.
	cmds []string
}

// The operations' command names, for optSpec.cmds.
const (
	cmdTerminate = "terminate-client-vpn-connections"
	cmdEndpoints = "describe-client-vpn-endpoints"
)

var (
	cmdsEndpointID = []string{opName, cmdTerminate}
	cmdsPaged      = []string{opName, cmdEndpoints}
)

var optSpecs = []optSpec{
	// Operation options.
	{name: "--client-vpn-endpoint-id", value: true, help: "The ID of the Client VPN endpoint (required).", cmds: cmdsEndpointID},
	{name: "--connection-id", value: true, help: "The ID of the connection to terminate.", cmds: []string{cmdTerminate}},
	{name: "--username", value: true, help: "Terminate the active connections of this user (at most five).", cmds: []string{cmdTerminate}},
	{name: "--client-vpn-endpoint-ids", value: true, multi: true, help: "The IDs of the endpoints to describe (default: all).", cmds: []string{cmdEndpoints}},
	{name: "--filters", value: true, multi: true, help: "Filters: Name=connection-id|username,Values=v1,v2 (shorthand, several filters as separate arguments) or JSON.", cmds: cmdsPaged},
	{name: "--max-results", value: true, help: "The maximum number of results per request (5-1000); disables auto-pagination.", cmds: cmdsPaged},
	{name: "--next-token", value: true, help: "The token of the page to return; disables auto-pagination.", cmds: cmdsPaged},
	{name: "--dry-run", help: "Only check whether the call would be allowed (DryRunOperation)."},
	{name: "--no-dry-run", help: "Send DryRun=false."},
	{name: "--cli-input-json", value: true, help: "The parameters as JSON, inline or file://path; other options override it."},
	{name: "--starting-token", value: true, global: false, help: "Where to start paginating: a NextToken printed by --max-items, or a service token.", cmds: cmdsPaged},
	{name: "--page-size", value: true, help: "The page size of each request (MaxResults); output is still merged.", cmds: cmdsPaged},
	{name: "--max-items", value: true, help: "The total number of items to print; prints a NextToken to resume with.", cmds: cmdsPaged},
	{name: "--generate-cli-skeleton", value: true, optional: true, help: "Print a JSON skeleton of the parameters for --cli-input-json and exit."},
	// Global options.
	{name: "--debug", global: true, help: "Log every HTTP attempt to stderr (secrets redacted)."},
	{name: "--endpoint-url", value: true, global: true, help: "Send requests to this URL instead of the region's EC2 endpoint."},
	{name: "--no-verify-ssl", global: true, help: "Do not verify TLS certificates (a warning is printed)."},
	{name: "--no-paginate", global: true, help: "Make one request and print its NextToken."},
	{name: "--output", value: true, global: true, help: "Output format: json, text or table."},
	{name: "--query", value: true, global: true, help: "A JMESPath query applied to the result."},
	{name: "--profile", value: true, global: true, help: "Use this profile of the shared config and credentials files."},
	{name: "--region", value: true, global: true, help: "The AWS region."},
	{name: "--version", global: true, help: "Print the version and exit."},
	{name: "--color", value: true, global: true, help: "Table colours: on, off or auto."},
	{name: "--no-sign-request", global: true, help: "Accepted; requests are always signed (EC2 refuses unsigned ones)."},
	{name: "--ca-bundle", value: true, global: true, help: "A PEM file of CA certificates to verify TLS with."},
	{name: "--cli-read-timeout", value: true, global: true, help: "Socket read timeout in seconds (0: none; default 60)."},
	{name: "--cli-connect-timeout", value: true, global: true, help: "Socket connect timeout in seconds (0: none; default 60)."},
	{name: "--no-cli-pager", global: true, help: "Accepted; ec2lite never pages its output."},
	{name: "--cli-binary-format", value: true, global: true, help: "Accepted (AWS CLI v2); this operation has no binary parameters."},
	{name: "--cli-auto-prompt", global: true, help: "Accepted (AWS CLI v2); ec2lite never prompts."},
	{name: "--no-cli-auto-prompt", global: true, help: "Accepted (AWS CLI v2)."},
	{name: "--demo", global: true, help: "Run against an in-process fake EC2 endpoint with sample data (no AWS account, no network)."},
	{name: "--help", global: true, help: "Print help and exit."},
	// fake-endpoint options.
	{name: "--addr", value: true, help: "fake-endpoint: the address to listen on (default 127.0.0.1:0, a free port)."},
	{name: "--listen", value: true, help: "metrics: the address to listen on; fake-endpoint: the same as --addr."},
	{name: "--data", value: true, help: "fake-endpoint: a JSON data file (default: the built-in sample data)."},
	{name: "--access-key", value: true, help: "fake-endpoint: the access key ID it accepts (default AKIDEXAMPLE)."},
	{name: "--secret-key", value: true, help: "fake-endpoint: the secret access key of --access-key."},
}

// takes reports whether the option belongs to command cmd's parser: a
// global option, or an operation option of cmd (any option for a command
// that is not an operation).
func (s *optSpec) takes(cmd string) bool {
	return s.global || s.cmds == nil || lookupOp(cmd) == nil || contains(s.cmds, cmd)
}

func lookupOptFor(name, cmd string) (optSpec, bool) {
	for _, s := range optSpecs {
		if s.name == name && s.takes(cmd) {
			return s, true
		}
	}
	return optSpec{}, false
}

// ec2liteOnly are options the AWS CLI does not have; they are matched
// exactly, never as abbreviations, so that every abbreviation means what it
// means to the AWS CLI (--d is --debug, not ambiguous with --demo).
var ec2liteOnly = map[string]bool{"--demo": true, "--help": true, "--listen": true, "--data": true,
	"--addr": true, "--access-key": true, "--secret-key": true}

// resolveOptFor finds the option of command cmd an argument names,
// accepting unambiguous abbreviations as argparse does: first among the
// global options (the AWS CLI's main parser), then among the command's.
func resolveOptFor(name, cmd string) (optSpec, bool, error) {
	if s, ok := lookupOptFor(name, cmd); ok {
		return s, true, nil
	}
	if !strings.HasPrefix(name, "--") || len(name) <= 2 {
		return optSpec{}, false, nil
	}
	for _, global := range []bool{true, false} {
		var matches []optSpec
		for _, s := range optSpecs {
			if s.global == global && s.takes(cmd) && !ec2liteOnly[s.name] && strings.HasPrefix(s.name, name) {
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
			names[i] = m.name
		}
		return optSpec{}, false, &usageError{"ambiguous option: " + name + " could match " + strings.Join(names, ", ")}
	}
	return optSpec{}, false, nil
}

// args is the parsed command line. A string option that was not given is
// nil; given, it points at its (last) value.
type args struct {
	command string   // "" when none was given
	extra   []string // positional arguments after the command (completion's shell, help)
	unknown []string // unrecognized arguments, in order

	endpointID, maxResults, nextToken, cliInputJSON *string
	filters                                         []string // nil when not given
	dryRun                                          *bool    // --dry-run true, --no-dry-run false (last wins)
	startingToken, pageSize, maxItems               *string

	debug, noVerifySSL, noPaginate, version, noSignRequest, noCLIPager, demo, help bool

	endpointURL, output, query, profile, region, color, caBundle, readTimeout, connectTimeout *string

	listen, data, addr, accessKey, secretKey *string // fake-endpoint, metrics

	values map[string][]string // the other operation options (--username, --client-vpn-endpoint-ids, ...)

	skeleton *string // --generate-cli-skeleton: "" or its value
}

// usageError is an argparse error: printed after the usage text, exit 252.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// parseArgs parses the command line (without the program name) with the
// options of its command. The first pass uses describe-client-vpn-connections'
// options (ec2lite's original command, whose parsing it leaves as it was);
// when the command is another operation, the line is parsed again with that
// operation's options, as the AWS CLI's per-operation parser would.
func parseArgs(argv []string) (*args, error) {
	a, err := parseArgsFor(argv, opName)
	cmd := ""
	if err == nil {
		cmd = a.command
		if cmd == "ec2" && len(a.extra) > 0 {
			cmd = a.extra[0]
		}
	} else {
		cmd = findCommand(argv)
	}
	if cmd != opName && lookupOp(cmd) != nil {
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
			if s, ok, _ := resolveOptFor(name, ""); ok && s.global && s.value && !inline {
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
func parseArgsFor(argv []string, cmd string) (*args, error) {
	a := &args{}
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			a.unknown = append(a.unknown, argv[i+1:]...)
			break
		}
		if !isOptionStringFor(arg, cmd) {
			if a.command == "" {
				a.command = arg
			} else {
				a.extra = append(a.extra, arg)
			}
			continue
		}
		name, inline, hasInline := strings.Cut(arg, "=")
		spec, ok, err := resolveOptFor(name, cmd)
		if err != nil {
			return nil, err
		}
		if !ok {
			a.unknown = append(a.unknown, arg)
			continue
		}
		name = spec.name
		if !spec.value {
			if hasInline {
				return nil, &usageError{"argument " + name + ": ignored explicit argument '" + inline + "'"}
			}
			a.setFlag(name)
			continue
		}
		var values []string
		switch {
		case hasInline:
			values = []string{inline}
		case spec.optional:
			values = []string{""}
			if i+1 < len(argv) && !isOptionString(argv[i+1]) {
				i++
				values = []string{argv[i]}
			}
		case spec.multi:
			// nargs='*', as the AWS CLI declares list parameters: no value
			// at all is an empty list (nothing is sent).
			values = []string{}
			for i+1 < len(argv) && !isOptionStringFor(argv[i+1], cmd) {
				i++
				values = append(values, argv[i])
			}
		default:
			if i+1 >= len(argv) || isOptionStringFor(argv[i+1], cmd) {
				return nil, &usageError{"argument " + name + ": expected one argument"}
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
func isOptionString(arg string) bool { return isOptionStringFor(arg, opName) }

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

func (a *args) setFlag(name string) {
	t, f := true, false
	switch name {
	case "--dry-run":
		a.dryRun = &t
	case "--no-dry-run":
		a.dryRun = &f
	case "--debug":
		a.debug = true
	case "--no-verify-ssl":
		a.noVerifySSL = true
	case "--no-paginate":
		a.noPaginate = true
	case "--version":
		a.version = true
	case "--no-sign-request":
		a.noSignRequest = true
	case "--no-cli-pager":
		a.noCLIPager = true
	case "--demo":
		a.demo = true
	case "--help":
		a.help = true
	}
}

func (a *args) setValue(name string, values []string) error {
	if name == "--filters" {
		a.filters = values
		return nil
	}
	if s, _ := lookupOptFor(name, ""); s.multi {
		// Another list option (--client-vpn-endpoint-ids): no value at all
		// is an empty list.
		if a.values == nil {
			a.values = map[string][]string{}
		}
		a.values[name] = values
		return nil
	}
	v := values[0]
	switch name {
	case "--client-vpn-endpoint-id":
		a.endpointID = &v
	case "--filters":
		a.filters = values
	case "--max-results":
		a.maxResults = &v
	case "--next-token":
		a.nextToken = &v
	case "--cli-input-json":
		a.cliInputJSON = &v
	case "--starting-token":
		a.startingToken = &v
	case "--page-size":
		if _, ok := awscli.PyInt(v); !ok {
			return &usageError{"argument --page-size: invalid int value: " + awscli.PyReprStr(v)}
		}
		a.pageSize = &v
	case "--max-items":
		if _, ok := awscli.PyInt(v); !ok {
			return &usageError{"argument --max-items: invalid int value: " + awscli.PyReprStr(v)}
		}
		a.maxItems = &v
	case "--endpoint-url":
		a.endpointURL = &v
	case "--output":
		if !contains(outputChoices, v) {
			return &usageError{"argument --output: " + awscli.InvalidChoice(v, outputChoices)}
		}
		a.output = &v
	case "--query":
		a.query = &v
	case "--profile":
		a.profile = &v
	case "--region":
		a.region = &v
	case "--color":
		if !contains([]string{"on", "off", "auto"}, v) {
			return &usageError{"argument --color: invalid choice: " + awscli.PyReprStr(v) + " (choose from 'on', 'off', 'auto')"}
		}
		a.color = &v
	case "--ca-bundle":
		a.caBundle = &v
	case "--cli-read-timeout":
		a.readTimeout = &v
	case "--cli-connect-timeout":
		a.connectTimeout = &v
	case "--generate-cli-skeleton":
		if v != "" && !contains([]string{"input", "output", "yaml-input"}, v) {
			return &usageError{"argument --generate-cli-skeleton: " + awscli.InvalidChoice(v, []string{"input", "output", "yaml-input"})}
		}
		a.skeleton = &v
	case "--listen":
		a.listen = &v
	case "--data":
		a.data = &v
	case "--addr":
		a.addr = &v
	case "--access-key":
		a.accessKey = &v
	case "--secret-key":
		a.secretKey = &v
	default:
		if a.values == nil {
			a.values = map[string][]string{}
		}
		a.values[name] = values
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
