package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli/output"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

// Env holds one invocation's environment. Tests build it in-process.
type Env struct {
	Ctx            context.Context
	Vars           map[string]string
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Now            func() time.Time
	Dir            string // resolves relative file:// paths; "" = the working directory
}

func (r *Env) Getenv(k string) string { return r.Vars[k] }

// Fail prints an error and returns its exit code.
func (r *Env) Fail(err error) int {
	var (
		ue *UsageError
		pe *awscli.ParamError
		ve *awscli.ValidationError
		ce *ConfigError
		pg *awscli.PaginationError
		qe *output.QueryError
	)
	switch {
	case r.Ctx != nil && r.Ctx.Err() != nil && errors.Is(err, r.Ctx.Err()):
		// Interrupted (a file:// read abandoned, a call cancelled): as
		// ErrorExit says it.
		io.WriteString(r.Stdout, "\n")
		return ExitInterrupt
	case errors.As(err, &ue):
		WriteUsageError(r.Stderr, ProgramName+": error: "+ue.Msg)
		return ExitUsage
	case errors.As(err, &pe), errors.As(err, &ve):
		WriteError(r.Stderr, err.Error())
		return ExitUsage
	case errors.As(err, &ce):
		WriteError(r.Stderr, ce.Msg)
		return ce.Exit
	case errors.As(err, &qe):
		WriteError(r.Stderr, qe.Error())
		return ExitUsage
	case errors.As(err, &pg):
		WriteError(r.Stderr, pg.Error())
		return pg.Exit
	}
	WriteError(r.Stderr, err.Error())
	return ExitOther
}

// LoadConfig reads the shared config and credentials files for the profile,
// with the AWS CLI's messages for a missing profile and a malformed file.
// With --demo, which ignores the user's configuration entirely, it reads
// nothing and returns nil.
func (r *Env) LoadConfig(a *Args) (*awsconfig.Config, error) {
	if a.Demo {
		return nil, nil
	}
	profile := ""
	if a.Profile != nil {
		profile = *a.Profile
	}
	cfg, err := awsconfig.Load(awsconfig.Options{Profile: profile, Getenv: r.Getenv})
	var fe *awsconfig.FileError
	var pnf *awsconfig.ProfileNotFoundError
	switch {
	case errors.As(err, &pnf):
		return nil, &ConfigError{Msg: "The config profile (" + pnf.Profile + ") could not be found", Exit: ExitOther}
	case errors.As(err, &fe):
		return nil, &ConfigError{Msg: "Unable to parse config file: " + fe.Path, Exit: ExitOther}
	}
	return cfg, err
}

// OutputAndQuery resolves --output (or the profile's output, cfg nil: none)
// and --query.
func OutputAndQuery(a *Args, cfg *awsconfig.Config) (string, *output.Query, error) {
	format := "json"
	if cfg != nil {
		format = cfg.Output()
	}
	if a.Output != nil {
		format = *a.Output
	}
	if !Contains(OutputChoices, format) {
		return "", nil, &ConfigError{Msg: "Unknown output type: " + format, Exit: ExitOther}
	}
	if a.Query == nil {
		return format, nil, nil
	}
	q, err := output.CompileQuery(*a.Query)
	if err != nil {
		return "", nil, err
	}
	return format, q, nil
}

// TerminalWidth returns stdout's width when it is a terminal.
func (r *Env) TerminalWidth() (int, bool) {
	f, ok := r.Stdout.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 80, false
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w <= 0 {
		return 80, true
	}
	return w, true
}

// ErrorExit prints err as run's fail does and returns the exit code.
func (r *Env) ErrorExit(ctx context.Context, err error) int {
	if ctx.Err() != nil {
		io.WriteString(r.Stdout, "\n")
		return ExitInterrupt
	}
	return r.Fail(err)
}
