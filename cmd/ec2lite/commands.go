package main

// The command table and dispatch. Every command is one entry of commands;
// its package holds the code. The line is parsed once: ec2lite's own
// options (cli.ExtOpts: --all-endpoints, --regions, --interval, ...) are
// taken out first and matched exactly, then the AWS CLI's parser reads the
// rest (its main parser, then the command's own, as the AWS CLI does). Only
// when one of ec2lite's own options was given to a command that does not
// take it is the whole line read again, as the AWS CLI reads it: there they
// are unknown options, and their values arguments.

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

// commands is every command, in the order of the help's command list: the
// EC2 operations (package ops), then ec2lite's own. It is set in init, as
// the go command sets its own table, because `help` reads it.
var commands []*cli.Command

func init() {
	commands = append(opCommands(),
		&cli.Command{Name: "top", Short: "a live view of connections and their rates (help top)", Help: top.Help, RunFleet: top.Run},
		&cli.Command{Name: "metrics", Short: "serve Prometheus metrics of connections (help metrics)", Help: metrics.Help, RunFleet: metrics.Run},
		&cli.Command{Name: "fake-endpoint", Short: "run a local fake EC2 endpoint with sample data", Help: func() string { return fakeendpoint.Help }, Run: fakeendpoint.Run},
		&cli.Command{Name: "completion", Usage: "completion bash|zsh|fish", Short: "print a shell completion script", Run: completion},
		&cli.Command{Name: "version", Short: "print the version", Run: printVersion},
		&cli.Command{Name: "help", Usage: "help [command]", Short: "print help", Run: help},
	)
}

// opCommands returns the commands of the EC2 operations. The first,
// describe-client-vpn-connections, hands over to the fleet sweep when given
// --all-endpoints or --regions.
func opCommands() []*cli.Command {
	var cmds []*cli.Command
	for _, op := range ops.Ops {
		c := &cli.Command{Name: op.Name, Short: op.Summary, Help: func() string { return opHelp(op) },
			Run: func(r *cli.Env, a *cli.Args) int { return ops.Run(r, a, op) }}
		if op.Name == cli.OpName {
			c.RunFleet = fleet.Sweep
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// lookup returns the command named name, or nil.
func lookup(name string) *cli.Command {
	for _, c := range commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// commandNames lists the commands' names, for "Invalid choice" and the completions.
func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.Name
	}
	return names
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

// dispatch parses argv and runs its command.
func dispatch(r *cli.Env, argv []string) int {
	ext, rest, extErr := cli.ExtractExt(argv)
	if extErr != nil {
		rest = argv
	}
	a, err := cli.ParseArgs(rest)
	if err == nil {
		a.ShiftEC2()
		if code, ok := runFleet(r, a, ext, extErr); ok {
			return code
		}
	}
	if extErr == nil && len(ext.Given) > 0 {
		// ec2lite's own options where they do not belong: read the line
		// as the AWS CLI would.
		if a, err = cli.ParseArgs(argv); err == nil {
			a.ShiftEC2()
		}
	}
	if err != nil {
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: "+err.Error())
		return cli.ExitUsage
	}
	if a.Version {
		return printVersion(r, a)
	}
	if a.Command == "" {
		if a.Help {
			io.WriteString(r.Stdout, topHelp())
			return cli.ExitOK
		}
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: the following arguments are required: command")
		return cli.ExitUsage
	}
	c := lookup(a.Command)
	if c == nil || c.Run == nil {
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: argument command: "+awscli.InvalidChoice(a.Command, commandNames()))
		return cli.ExitUsage
	}
	if c.Help != nil && a.HelpAsked() {
		io.WriteString(r.Stdout, c.Help())
		return cli.ExitOK
	}
	return c.Run(r, a)
}

// runFleet runs the line when it is a command of ec2lite's own, or uses
// ec2lite's own options where they belong (RunFleet); otherwise it returns
// false and dispatch goes on with the line as the AWS CLI parses it.
func runFleet(r *cli.Env, a *cli.Args, ext *cli.ExtArgs, extErr error) (int, bool) {
	if a.Command == "help" && len(a.Extra) > 0 {
		if c := lookup(a.Extra[0]); c != nil && c.Run == nil {
			io.WriteString(r.Stdout, c.Help())
			return cli.ExitOK, true
		}
		return 0, false
	}
	c := lookup(a.Command)
	switch {
	case c == nil || c.RunFleet == nil:
		return 0, false
	case c.Run == nil:
		if a.HelpAsked() {
			io.WriteString(r.Stdout, c.Help())
			return cli.ExitOK, true
		}
	case (extErr != nil || len(ext.Given) > 0) && !a.HelpAsked():
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
	return c.RunFleet(r, a, ext), true
}

// printVersion is `ec2lite version` and --version.
func printVersion(r *cli.Env, _ *cli.Args) int {
	io.WriteString(r.Stdout, version.UserAgent()+"\n")
	return cli.ExitOK
}

// help is `ec2lite help [COMMAND]` (`ec2lite help ec2 COMMAND` too). A
// topic that is no command with help is a usage error, as the AWS CLI's
// help makes it (argparse's invalid choice, exit 252).
func help(r *cli.Env, a *cli.Args) int {
	topics := a.Extra
	if len(topics) > 0 && topics[0] == "ec2" {
		topics = topics[1:]
	}
	if len(topics) == 0 {
		io.WriteString(r.Stdout, topHelp())
		return cli.ExitOK
	}
	if c := lookup(topics[0]); c != nil && c.Help != nil {
		io.WriteString(r.Stdout, c.Help())
		return cli.ExitOK
	}
	cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: argument subcommand: "+awscli.InvalidChoice(topics[0], helpTopics()))
	return cli.ExitUsage
}

// helpTopics are the commands `ec2lite help` has a text for.
func helpTopics() []string {
	var names []string
	for _, c := range commands {
		if c.Help != nil {
			names = append(names, c.Name)
		}
	}
	return names
}
