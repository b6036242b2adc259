package main

// What ec2lite does beyond the AWS CLI: the commands `top` and `metrics`,
// and the fleet sweep of describe-client-vpn-connections (--all-endpoints,
// --regions). Their options are ec2lite's own: matched exactly (never as
// abbreviations) and taken out of the command line before the AWS CLI's
// parser sees the rest, so that the AWS CLI's behaviour stays as it is for
// every command line that does not use them.

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fakeendpoint"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/metrics"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/ops"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/top"
	"github.com/ec2lite/ec2lite/internal/version"
)

// runExtra runs the command line when it is one of ec2lite's own commands or
// uses ec2lite's own options where they belong; otherwise it returns false
// and run goes on with argv as the AWS CLI would parse it.
func runExtra(r *cli.Env, argv []string) (int, bool) {
	ext, rest, extErr := cli.ExtractExt(argv)
	if extErr != nil {
		rest = argv
	}
	a, err := cli.ParseArgs(rest)
	if err != nil {
		return 0, false
	}
	if a.Command == "ec2" && len(a.Extra) > 0 {
		a.Command, a.Extra = a.Extra[0], a.Extra[1:]
	}
	switch {
	case a.Command == "help" && len(a.Extra) > 0 && extraHelp(a.Extra[0]) != "":
		io.WriteString(r.Stdout, extraHelp(a.Extra[0]))
		return cli.ExitOK, true
	case a.Command == "top" || a.Command == "metrics":
		if a.Help || cli.Contains(a.Extra, "help") {
			io.WriteString(r.Stdout, extraHelp(a.Command))
			return cli.ExitOK, true
		}
	case a.Command == cli.OpName && (extErr != nil || len(ext.Given) > 0) && !a.Help && !cli.Contains(a.Extra, "help"):
	default:
		return 0, false
	}
	if extErr != nil {
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: "+extErr.Error())
		return cli.ExitUsage, true
	}
	var unknown []string
	for _, name := range ext.Given {
		for _, o := range cli.ExtOpts {
			if o.Name == name && !cli.Contains(o.Cmds, a.Command) {
				unknown = append(unknown, name)
			}
		}
	}
	unknown = append(append(unknown, a.Unknown...), a.Extra...)
	if len(unknown) > 0 {
		cli.WriteUsageError(r.Stderr, "Unknown options: "+strings.Join(unknown, ", "))
		return cli.ExitUsage, true
	}
	if ext.FakeClock != nil && !a.Demo {
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: --fake-clock works with --demo only")
		return cli.ExitUsage, true
	}
	switch a.Command {
	case "top":
		return top.Run(r, a, ext), true
	case "metrics":
		return metrics.Run(r, a, ext), true
	}
	return fleet.Sweep(r, a, ext), true
}

// extraHelp returns the help of one of ec2lite's own commands, or "".
func extraHelp(cmd string) string {
	var b strings.Builder
	switch cmd {
	case "top":
		b.WriteString("top\n\nA live view of the connections of a Client VPN endpoint (or of every endpoint with\n" +
			"--all-endpoints, of several regions with --regions): per connection its user, client IP,\n" +
			"status, age and ingress/egress rates computed from successive samples, with totals.\n" +
			"Keys: 1-8 sort by a column (again: reverse), r reverse, space refresh now, q or Ctrl-C quit.\n" +
			"When standard output is not a terminal it prints one snapshot as text and exits.\n\n" +
			"Synopsis:\n\n  top (--client-vpn-endpoint-id <value> | --all-endpoints | --regions <value>)\n" +
			"    [--interval <value>] [--sort <value>] [--filters <value>]\n\n")
	case "metrics":
		b.WriteString("metrics\n\nServes Prometheus metrics (text exposition format 0.0.4) on http://LISTEN/metrics:\n" +
			"active connections per endpoint and per user, bytes and packets per connection, and\n" +
			"the duration and success of the last sample. A scrape reads EC2 unless the last\n" +
			"sample is younger than --cache. It prints the URL on its first line and serves until\n" +
			"interrupted.\n\n" +
			"Synopsis:\n\n  metrics (--client-vpn-endpoint-id <value> | --all-endpoints | --regions <value>)\n" +
			"    [--listen <value>] [--cache <value>] [--filters <value>]\n\n")
	default:
		return ""
	}
	b.WriteString("Options:\n")
	for _, o := range cli.ExtOpts {
		if o.Hidden || !cli.Contains(o.Cmds, cmd) {
			continue
		}
		name := o.Name
		if o.Value {
			name += " <value>"
		}
		b.WriteString("  " + awscli.PadRight(name, 34) + " " + o.Help + "\n")
	}
	b.WriteString("  " + awscli.PadRight("--client-vpn-endpoint-id <value>", 34) + " The endpoint (with --demo: the sample endpoint by default).\n")
	b.WriteString("  " + awscli.PadRight("--filters <value>", 34) + " Filters on the connections, as for describe-client-vpn-connections.\n")
	if cmd == "metrics" {
		b.WriteString("  " + awscli.PadRight("--listen <value>", 34) + " The address to listen on (default 127.0.0.1:9464).\n")
	}
	b.WriteString("\nThe global options (--region, --profile, --endpoint-url, --demo, ...) work as for\n" +
		"describe-client-vpn-connections; with --regions, --endpoint-url is used for every region.\n")
	return b.String()
}

// run runs ec2lite with args (without the program name), the environment
// env ("KEY=value" entries, as os.Environ returns) and the given streams,
// and returns the exit code. It never calls os.Exit, reads os.Args or the
// process environment (except for HTTP proxies), so tests call it directly.
func run(ctx context.Context, args []string, env []string, stdin io.Reader, stdout, stderr io.Writer) int {
	r := &cli.Env{Ctx: ctx, Vars: map[string]string{}, Stdin: stdin, Stdout: stdout, Stderr: stderr, Now: time.Now}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			r.Vars[k] = v
		}
	}
	return dispatch(r, args)
}

func dispatch(r *cli.Env, argv []string) int {
	if code, ok := runExtra(r, argv); ok {
		return code // top, metrics, the fleet sweep (extra.go)
	}
	a, err := cli.ParseArgs(argv)
	if err != nil {
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: "+err.Error())
		return cli.ExitUsage
	}
	if a.Version {
		io.WriteString(r.Stdout, version.UserAgent()+"\n")
		return cli.ExitOK
	}
	if a.Command == "ec2" && len(a.Extra) > 0 {
		// `ec2lite ec2 describe-client-vpn-connections ...`, as typed for `aws`.
		a.Command, a.Extra = a.Extra[0], a.Extra[1:]
	}
	switch a.Command {
	case "":
		if a.Help {
			io.WriteString(r.Stdout, topHelp())
			return cli.ExitOK
		}
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: the following arguments are required: command")
		return cli.ExitUsage
	case "help":
		switch {
		case len(a.Extra) > 0 && ops.Lookup(a.Extra[0]) != nil:
			io.WriteString(r.Stdout, opHelp(ops.Lookup(a.Extra[0])))
		case len(a.Extra) > 0 && a.Extra[0] == "fake-endpoint":
			io.WriteString(r.Stdout, fakeendpoint.Help)
		default:
			io.WriteString(r.Stdout, topHelp())
		}
		return cli.ExitOK
	case "version":
		io.WriteString(r.Stdout, version.UserAgent()+"\n")
		return cli.ExitOK
	case "completion":
		return completion(r, a)
	case "fake-endpoint":
		return fakeendpoint.Run(r, a)
	}
	if op := ops.Lookup(a.Command); op != nil {
		if a.Help || cli.Contains(a.Extra, "help") {
			io.WriteString(r.Stdout, opHelp(op))
			return cli.ExitOK
		}
		return ops.Run(r, a, op)
	}
	cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: argument command: "+awscli.InvalidChoice(a.Command, cli.Commands))
	return cli.ExitUsage
}
