package main

// Help text. The AWS CLI renders its help from the service model through a
// pager; ec2lite prints a plain-text summary to stdout and exits 0.

import (
	"strconv"
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/ops"
	"github.com/ec2lite/ec2lite/internal/version"
)

func topHelp() string {
	var b strings.Builder
	b.WriteString(cli.ProgramName + " — a drop-in for `aws ec2 describe-client-vpn-connections`\n\n")
	b.WriteString("usage: " + cli.ProgramName + " [options] <command> [parameters]\n\n")
	b.WriteString("Commands:\n")
	for _, c := range commands {
		b.WriteString("  " + awscli.PadRight(c.Column(), 33) + " " + c.Short + "\n")
	}
	b.WriteString("\n")
	b.WriteString("`" + cli.ProgramName + " ec2 <command> ...` works too, as typed for `aws`.\n\n")
	b.WriteString("Try it without an AWS account:\n\n")
	b.WriteString("  " + cli.ProgramName + " describe-client-vpn-connections --demo\n")
	b.WriteString("  " + cli.ProgramName + " top --demo\n\n")
	b.WriteString("Beyond the AWS CLI: describe-client-vpn-connections --all-endpoints [--regions r1,r2]\n" +
		"lists every endpoint's connections, per region and endpoint (see `" + cli.ProgramName + " help top`).\n\n")
	writeOptions(&b, "Global options", true)
	b.WriteString("\nEnvironment: AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION, AWS_DEFAULT_OUTPUT,\n" +
		"AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2, AWS_MAX_ATTEMPTS, AWS_CA_BUNDLE, AWS_CONFIG_FILE,\n" +
		"AWS_SHARED_CREDENTIALS_FILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, ...\n" +
		"as the AWS CLI reads them.\n\n")
	b.WriteString(paramFilesHelp())
	b.WriteString("Exit codes: 0 ok, 252 usage, 253 configuration, 254 service error, 255 other, 130 interrupted\n" +
		"(SIGINT), 143 terminated (SIGTERM).\n\n")
	b.WriteString(version.UserAgent() + "\n")
	return b.String()
}

// opHelp is the help of an operation, from its description in cliOps.
func opHelp(op *ops.Op) string {
	var b strings.Builder
	b.WriteString(op.Name + "\n\n")
	b.WriteString(op.Description + "\n\n")
	if op.Paginated() {
		b.WriteString(op.Name + " is a paginated operation. Multiple API calls may be issued in order to\n" +
			"retrieve the entire data set of results. You can disable pagination by providing the\n" +
			"--no-paginate argument. When using --output text and the --query argument on a paginated\n" +
			"response, the --query argument must extract data from the results of the following query\n" +
			"expressions: " + op.ResultKey + "\n\n")
	}
	b.WriteString("Synopsis:\n\n  " + op.Name + "\n")
	for _, m := range op.Members {
		switch {
		case op.Paginated() && (m.Name == "NextToken" || m.Name == "MaxResults"):
			// Replaced by the pagination options below.
		case m.Kind == ops.KindBool:
			b.WriteString("    [" + m.Flag() + " | --no-" + ops.Kebab(m.Name) + "]\n")
		case m.Required:
			b.WriteString("    " + m.Flag() + " <value>\n")
		default:
			b.WriteString("    [" + m.Flag() + " <value>]\n")
		}
	}
	b.WriteString("    [--cli-input-json <value>]\n")
	if op.Paginated() {
		b.WriteString("    [--starting-token <value>]\n" +
			"    [--page-size <value>]\n" +
			"    [--max-items <value>]\n")
	}
	b.WriteString("\n")
	writeOptionsFor(&b, "Options", false, op)
	first := true
	for _, o := range cli.ExtOpts {
		if !cli.Contains(o.Cmds, op.Name) {
			continue
		}
		if first {
			b.WriteString("\nFleet sweep (ec2lite only; the output then says where each connection came from):\n")
			first = false
		}
		name := o.Name
		if o.Value {
			name += " <value>"
		}
		b.WriteString("  " + awscli.PadRight(name, 34) + " " + o.Help + "\n")
	}
	if !first {
		b.WriteString("  Output: {\"Regions\": [{\"Region\", \"Endpoints\": [{\"ClientVpnEndpointId\", \"Connections\"}]}]}.\n" +
			"  A region or endpoint that fails gets an \"Error\" member and is reported on stderr; the\n" +
			"  others are printed, and the exit code is then 254 (EC2 errors) or 255 (others). A listing\n" +
			"  (a region's endpoints, an endpoint's connections) that takes longer than ten read timeouts\n" +
			"  (--cli-read-timeout, default 60 s) fails.\n")
	}
	b.WriteString("\n")
	writeOptions(&b, "Global options", true)
	b.WriteString("\n" + paramFilesHelp())
	b.WriteString("Examples:\n\n")
	for _, ex := range op.Examples {
		b.WriteString("  " + cli.ProgramName + " " + op.Name + " " + ex + "\n")
	}
	return b.String()
}

// paramFilesHelp says how file:// values are read, and their bound.
func paramFilesHelp() string {
	return "Parameter files: a value file://PATH is the text of the file, fileb://PATH its bytes, as in\n" +
		"the AWS CLI; a file may hold at most " + strconv.Itoa(awscli.MaxParamFileSize>>20) + " MiB (ec2lite's limit), and Ctrl-C ends a\n" +
		"read that waits (a FIFO without a writer).\n\n"
}

func writeOptions(b *strings.Builder, title string, global bool) {
	writeOptionsFor(b, title, global, ops.Ops[0])
}

// writeOptionsFor lists the global options, or the options of op (with
// the help of op's own members where it has one).
func writeOptionsFor(b *strings.Builder, title string, global bool, op *ops.Op) {
	b.WriteString(title + ":\n")
	for _, s := range cli.OptSpecs {
		if s.Global != global || s.Own && s.Name != "--demo" && s.Name != "--help" || !s.Takes(op.Name) {
			continue
		}
		name := s.Name
		if s.Value {
			name += " <value>"
		}
		help := s.Help
		for _, m := range op.Members {
			if m.Flag() == s.Name && m.Help != "" {
				help = m.Help
			}
		}
		b.WriteString("  " + awscli.PadRight(name, 34) + " " + help + "\n")
	}
}
