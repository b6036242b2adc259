package cli

import (
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// ExtOpt is one of ec2lite's own options.
type ExtOpt struct {
	Name   string
	Value  bool
	Help   string
	Cmds   []string // the commands that take it
	Hidden bool     // for tests; not in help or completion
}

var ExtOpts = []ExtOpt{
	{Name: "--all-endpoints", Help: "Every Client VPN endpoint of the region(s) (DescribeClientVpnEndpoints, then each endpoint's connections).", Cmds: []string{OpName, "top", "metrics"}},
	{Name: "--regions", Value: true, Help: "Comma-separated regions to sweep, e.g. us-east-1,eu-west-1 (implies --all-endpoints).", Cmds: []string{OpName, "top", "metrics"}},
	{Name: "--interval", Value: true, Help: "top: the refresh interval (default 2s).", Cmds: []string{"top"}},
	{Name: "--sort", Value: true, Help: "top: the column to sort by (id, user, ip, status, age, in, out, total; a leading '-' reverses).", Cmds: []string{"top"}},
	{Name: "--cache", Value: true, Help: "metrics: scrapes within this interval reuse the last sample (default 15s; 0: sample on every scrape).", Cmds: []string{"metrics"}},
	{Name: "--fake-clock", Value: true, Hidden: true, Help: "--demo only: TIME[/STEP], a clock for the fake endpoint and the client that starts at TIME (RFC 3339) and moves on by STEP (default: --interval for top, --cache for metrics) at each sample.", Cmds: []string{"top", "metrics"}},
}

// ExtArgs are ec2lite's own options as given.
type ExtArgs struct {
	Given        []string // option names, in order
	AllEndpoints bool
	Regions      []string // nil: not given
	Interval     *time.Duration
	Cache        *time.Duration
	Sort         *string
	FakeClock    *time.Time
	FakeStep     *time.Duration
}

// ExtractExt takes ec2lite's own options out of argv (up to a "--"),
// returning them and the rest.
func ExtractExt(argv []string) (*ExtArgs, []string, error) {
	e := &ExtArgs{}
	var rest []string
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			rest = append(rest, argv[i:]...)
			break
		}
		name, inline, hasInline := strings.Cut(arg, "=")
		var spec *ExtOpt
		for k := range ExtOpts {
			if ExtOpts[k].Name == name {
				spec = &ExtOpts[k]
			}
		}
		if spec == nil {
			rest = append(rest, arg)
			continue
		}
		e.Given = append(e.Given, name)
		if !spec.Value {
			if hasInline {
				return nil, nil, &UsageError{"argument " + name + ": ignored explicit argument '" + inline + "'"}
			}
			e.AllEndpoints = true
			continue
		}
		v := inline
		if !hasInline {
			if i+1 >= len(argv) || strings.HasPrefix(argv[i+1], "--") {
				return nil, nil, &UsageError{"argument " + name + ": expected one argument"}
			}
			i++
			v = argv[i]
		}
		if err := e.set(name, v); err != nil {
			return nil, nil, err
		}
	}
	return e, rest, nil
}

func (e *ExtArgs) set(name, v string) error {
	switch name {
	case "--regions":
		e.Regions = nil
		for _, r := range strings.Split(v, ",") {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			if !clientvpn.ValidRegion(r) {
				return &UsageError{"argument --regions: invalid region name: " + awscli.PyReprStr(r)}
			}
			if !Contains(e.Regions, r) {
				e.Regions = append(e.Regions, r)
			}
		}
		if len(e.Regions) == 0 {
			return &UsageError{"argument --regions: expected at least one region"}
		}
	case "--interval", "--cache":
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || (name == "--interval" && d == 0) {
			return &UsageError{"argument " + name + ": invalid duration value: " + awscli.PyReprStr(v) + " (e.g. 2s, 500ms, 1m)"}
		}
		if name == "--interval" {
			e.Interval = &d
		} else {
			e.Cache = &d
		}
	case "--sort":
		e.Sort = &v
	case "--fake-clock":
		start, step, hasStep := strings.Cut(v, "/")
		t, err := time.Parse(time.RFC3339, start)
		if err != nil {
			return &UsageError{"argument --fake-clock: invalid value: " + awscli.PyReprStr(v) + " (want TIME or TIME/STEP, e.g. 2026-11-26T12:00:00Z/2s)"}
		}
		e.FakeClock = &t
		if hasStep {
			d, err := time.ParseDuration(step)
			if err != nil || d < 0 {
				return &UsageError{"argument --fake-clock: invalid step: " + awscli.PyReprStr(step)}
			}
			e.FakeStep = &d
		}
	}
	return nil
}

// FleetHelp returns the help of cmd, one of ec2lite's fleet commands (top,
// metrics): text (its description and synopsis), then its options:
// ec2lite's own, those it shares with describe-client-vpn-connections, and
// more (lines of its own), and a note on the global options.
func FleetHelp(cmd, text, more string) string {
	var b strings.Builder
	b.WriteString(text)
	b.WriteString("Options:\n")
	for _, o := range ExtOpts {
		if o.Hidden || !Contains(o.Cmds, cmd) {
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
	b.WriteString(more)
	b.WriteString("\nThe global options (--region, --profile, --endpoint-url, --demo, ...) work as for\n" +
		"describe-client-vpn-connections; with --regions, --endpoint-url is used for every region.\n")
	return b.String()
}
