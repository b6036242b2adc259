// Package cli is what every command of ec2lite shares, in the spirit of the
// go command's cmd/go/internal/base: the [Command] type of the command table
// (the table itself is in package main), the run's environment [Env]
// (streams, environment variables, clock, working directory), exit codes
// and the AWS CLI's error texts (errors.go), the command line as the AWS
// CLI's argparse setup reads it ([ParseArgs] and its option table,
// args.go), ec2lite's own options ([ExtractExt], ext.go), the profile's
// configuration with --output and --query ([Env.LoadConfig],
// [OutputAndQuery]) and the [Printer] of results.
//
// Exit codes are AWS CLI v2's, and messages the AWS CLI's wording (v1's
// where the two differ, see testdata/cli/README.md):
//
//	0    success
//	130  interrupted (Ctrl-C)
//	252  usage: unknown options, missing or malformed arguments, parameter validation
//	253  configuration: no credentials, no region
//	254  the service answered with an error (DryRunOperation included)
//	255  everything else: connection failures, unparsable answers, pagination
//	     errors, an unknown profile or a malformed config file (v2 2.9 exits 255 there)
//
// Every error prints "\n" + message + "\n" on stderr and nothing on stdout;
// usage errors print the usage text first.
package cli
