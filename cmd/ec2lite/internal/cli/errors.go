package cli

import (
	"io"
)

const (
	ExitOK        = 0
	ExitInterrupt = 130
	ExitUsage     = 252
	ExitConfig    = 253
	ExitService   = 254
	ExitOther     = 255
)

// ConfigError is a configuration problem with its own exit code.
type ConfigError struct {
	Msg  string
	Exit int
}

func (e *ConfigError) Error() string { return e.Msg }

const (
	MsgNoCredentials = `Unable to locate credentials. You can configure credentials by running "aws configure".`
	MsgNoRegion      = `You must specify a region. You can also configure your region by running "aws configure".`
)

// UsageText is the AWS CLI's usage banner, for ec2lite.
const UsageText = "usage: " + ProgramName + " [options] <command> [parameters]\n" +
	"To see help text, you can run:\n\n" +
	"  " + ProgramName + " help\n" +
	"  " + ProgramName + " <command> help\n"

// WriteUsageError prints an argparse-style error as AWS CLI v2 does.
func WriteUsageError(w io.Writer, msg string) {
	io.WriteString(w, "\n"+UsageText+"\n"+msg+"\n\n")
}

// WriteError prints "\n" + msg + "\n".
func WriteError(w io.Writer, msg string) {
	io.WriteString(w, "\n"+msg+"\n")
}
