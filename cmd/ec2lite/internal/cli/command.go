package cli

// A Command is one command of ec2lite. Package main lists every command in
// one table; dispatch, the command list of the help, the shell completions
// and "Invalid choice" are all rendered from it, so a new command is its
// package plus one entry there.
type Command struct {
	Name  string // the command word: "describe-client-vpn-connections", "top"
	Usage string // the command column of the help's command list; "" means Name
	Short string // the one line of the help's command list

	// Help returns the text of `ec2lite help NAME`, `NAME --help` and
	// `NAME help`; nil means the top help.
	Help func() string

	// Run runs the command from the line as the AWS CLI's parser reads it.
	// It is nil for a command of ec2lite's own (top, metrics), which only
	// RunFleet runs.
	Run func(r *Env, a *Args) int

	// RunFleet, when set, runs the command with ec2lite's own options
	// (--all-endpoints, --regions, --interval, ...; see ExtOpts): always
	// when Run is nil, else when one of them is given, so that
	// describe-client-vpn-connections --all-endpoints hands over to the
	// fleet sweep.
	RunFleet func(r *Env, a *Args, ext *ExtArgs) int
}

// Column returns the command column of the help's command list.
func (c *Command) Column() string {
	if c.Usage != "" {
		return c.Usage
	}
	return c.Name
}

// ShiftEC2 turns `ec2 COMMAND ...`, as typed for `aws`, into `COMMAND ...`.
func (a *Args) ShiftEC2() {
	if a.Command == "ec2" && len(a.Extra) > 0 {
		a.Command, a.Extra = a.Extra[0], a.Extra[1:]
	}
}

// HelpAsked reports whether the line asks for the command's help: --help,
// or a "help" argument after the command.
func (a *Args) HelpAsked() bool { return a.Help || Contains(a.Extra, "help") }
