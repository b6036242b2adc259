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
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// extOpt is one of ec2lite's own options.
type extOpt struct {
	name   string
	value  bool
	help   string
	cmds   []string // the commands that take it
	hidden bool     // for tests; not in help or completion
}

var extOpts = []extOpt{
	{name: "--all-endpoints", help: "Every Client VPN endpoint of the region(s) (DescribeClientVpnEndpoints, then each endpoint's connections).", cmds: []string{opName, "top", "metrics"}},
	{name: "--regions", value: true, help: "Comma-separated regions to sweep, e.g. us-east-1,eu-west-1 (implies --all-endpoints).", cmds: []string{opName, "top", "metrics"}},
	{name: "--interval", value: true, help: "top: the refresh interval (default 2s).", cmds: []string{"top"}},
	{name: "--sort", value: true, help: "top: the column to sort by (id, user, ip, status, age, in, out, total; a leading '-' reverses).", cmds: []string{"top"}},
	{name: "--cache", value: true, help: "metrics: scrapes within this interval reuse the last sample (default 15s; 0: sample on every scrape).", cmds: []string{"metrics"}},
	{name: "--fake-clock", value: true, hidden: true, help: "--demo only: TIME[/STEP], a clock for the fake endpoint and the client that starts at TIME (RFC 3339) and moves on by STEP (default: --interval for top, --cache for metrics) at each sample.", cmds: []string{"top", "metrics"}},
}

// extArgs are ec2lite's own options as given.
type extArgs struct {
	given        []string // option names, in order
	allEndpoints bool
	regions      []string // nil: not given
	interval     *time.Duration
	cache        *time.Duration
	sort         *string
	fakeClock    *time.Time
	fakeStep     *time.Duration
}

// extractExt takes ec2lite's own options out of argv (up to a "--"),
// returning them and the rest.
func extractExt(argv []string) (*extArgs, []string, error) {
	e := &extArgs{}
	var rest []string
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			rest = append(rest, argv[i:]...)
			break
		}
		name, inline, hasInline := strings.Cut(arg, "=")
		var spec *extOpt
		for k := range extOpts {
			if extOpts[k].name == name {
				spec = &extOpts[k]
			}
		}
		if spec == nil {
			rest = append(rest, arg)
			continue
		}
		e.given = append(e.given, name)
		if !spec.value {
			if hasInline {
				return nil, nil, &usageError{"argument " + name + ": ignored explicit argument '" + inline + "'"}
			}
			e.allEndpoints = true
			continue
		}
		v := inline
		if !hasInline {
			if i+1 >= len(argv) || strings.HasPrefix(argv[i+1], "--") {
				return nil, nil, &usageError{"argument " + name + ": expected one argument"}
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

func (e *extArgs) set(name, v string) error {
	switch name {
	case "--regions":
		e.regions = nil
		for _, r := range strings.Split(v, ",") {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			if !clientvpn.ValidRegion(r) {
				return &usageError{"argument --regions: invalid region name: " + awscli.PyReprStr(r)}
			}
			if !contains(e.regions, r) {
				e.regions = append(e.regions, r)
			}
		}
		if len(e.regions) == 0 {
			return &usageError{"argument --regions: expected at least one region"}
		}
	case "--interval", "--cache":
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || (name == "--interval" && d == 0) {
			return &usageError{"argument " + name + ": invalid duration value: " + awscli.PyReprStr(v) + " (e.g. 2s, 500ms, 1m)"}
		}
		if name == "--interval" {
			e.interval = &d
		} else {
			e.cache = &d
		}
	case "--sort":
		e.sort = &v
	case "--fake-clock":
		start, step, hasStep := strings.Cut(v, "/")
		t, err := time.Parse(time.RFC3339, start)
		if err != nil {
			return &usageError{"argument --fake-clock: invalid value: " + awscli.PyReprStr(v) + " (want TIME or TIME/STEP, e.g. 2026-11-26T12:00:00Z/2s)"}
		}
		e.fakeClock = &t
		if hasStep {
			d, err := time.ParseDuration(step)
			if err != nil || d < 0 {
				return &usageError{"argument --fake-clock: invalid step: " + awscli.PyReprStr(step)}
			}
			e.fakeStep = &d
		}
	}
	return nil
}

// runExtra runs the command line when it is one of ec2lite's own commands or
// uses ec2lite's own options where they belong; otherwise it returns false
// and run goes on with argv as the AWS CLI would parse it.
func (r *runner) runExtra(argv []string) (int, bool) {
	ext, rest, extErr := extractExt(argv)
	if extErr != nil {
		rest = argv
	}
	a, err := parseArgs(rest)
	if err != nil {
		return 0, false
	}
	if a.command == "ec2" && len(a.extra) > 0 {
		a.command, a.extra = a.extra[0], a.extra[1:]
	}
	switch {
	case a.command == "help" && len(a.extra) > 0 && extraHelp(a.extra[0]) != "":
		io.WriteString(r.stdout, extraHelp(a.extra[0]))
		return exitOK, true
	case a.command == "top" || a.command == "metrics":
		if a.help || contains(a.extra, "help") {
			io.WriteString(r.stdout, extraHelp(a.command))
			return exitOK, true
		}
	case a.command == opName && (extErr != nil || len(ext.given) > 0) && !a.help && !contains(a.extra, "help"):
	default:
		return 0, false
	}
	if extErr != nil {
		writeUsageError(r.stderr, programName+": error: "+extErr.Error())
		return exitUsage, true
	}
	var unknown []string
	for _, name := range ext.given {
		for _, o := range extOpts {
			if o.name == name && !contains(o.cmds, a.command) {
				unknown = append(unknown, name)
			}
		}
	}
	unknown = append(append(unknown, a.unknown...), a.extra...)
	if len(unknown) > 0 {
		writeUsageError(r.stderr, "Unknown options: "+strings.Join(unknown, ", "))
		return exitUsage, true
	}
	if ext.fakeClock != nil && !a.demo {
		writeUsageError(r.stderr, programName+": error: --fake-clock works with --demo only")
		return exitUsage, true
	}
	switch a.command {
	case "top":
		return r.top(a, ext), true
	case "metrics":
		return r.metrics(a, ext), true
	}
	return r.sweepDescribe(a, ext), true
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
	for _, o := range extOpts {
		if o.hidden || !contains(o.cmds, cmd) {
			continue
		}
		name := o.name
		if o.value {
			name += " <value>"
		}
		b.WriteString("  " + awscli.PadRight(name, 34) + " " + o.help + "\n")
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

// fleetFor resolves configuration, credentials and clients for a sampling
// command. With --demo it starts one fake endpoint per region (live: the
// counters grow with time), serving the sample data; the returned function
// stops them.
func (r *runner) fleetFor(a *args, ext *extArgs, live bool, step time.Duration) (*fleet, func(), error) {
	f := &fleet{all: ext.allEndpoints || ext.regions != nil, now: r.now}
	if a.endpointID != nil && *a.endpointID != "" {
		if f.all {
			return nil, nil, &usageError{"--client-vpn-endpoint-id cannot be combined with --all-endpoints or --regions"}
		}
		f.endpointID = *a.endpointID
	}
	if !f.all && f.endpointID == "" {
		if !a.demo {
			return nil, nil, &usageError{"one of the arguments --client-vpn-endpoint-id --all-endpoints --regions is required"}
		}
		f.endpointID = clientvpntest.SampleEndpointID
	}
	var err error
	if f.filters, f.pageSize, err = r.extraFilters(a); err != nil {
		return nil, nil, err
	}

	if a.demo {
		regions := ext.regions
		if regions == nil {
			regions = []string{clientvpntest.DefaultRegion}
			if a.region != nil && *a.region != "" {
				regions = []string{*a.region}
			}
		}
		opts := []clientvpntest.Option{}
		if live {
			opts = append(opts, clientvpntest.WithLive())
		}
		var clock *stepClock
		if ext.fakeClock != nil {
			if ext.fakeStep != nil {
				step = *ext.fakeStep
			}
			clock = &stepClock{t: ext.fakeClock.UTC(), step: step}
			opts = append(opts, clientvpntest.WithClock(clock.Now), clientvpntest.WithTime(clock.t))
			f.now = clock.Now
		}
		var servers []*clientvpntest.Server
		stop := func() {
			for _, s := range servers {
				s.Close()
			}
		}
		for _, reg := range regions {
			srv := clientvpntest.NewServer(append(opts, clientvpntest.WithRegion(reg))...)
			servers = append(servers, srv)
			c := &clientvpn.Client{Region: reg, Endpoint: srv.URL, Credentials: demoCredentials, HTTPClient: srv.Client(), Now: f.now}
			f.regions = append(f.regions, regionClient{region: reg, client: c})
		}
		if clock != nil {
			f.advance = clock.advance
		}
		return f, stop, nil
	}

	cfg, err := r.loadConfig(a)
	if err != nil {
		return nil, nil, err
	}
	sa := *a
	if ext.regions != nil && (a.region == nil || *a.region == "") {
		sa.region = &ext.regions[0] // any region will do: each client gets its own below
	}
	st, _, err := r.settings(&sa, cfg, "json")
	if err != nil {
		return nil, nil, err
	}
	if err := r.credentials(&sa, st); err != nil {
		return nil, nil, err
	}
	tr, err := newTransport(st.transport)
	if err != nil {
		return nil, nil, err
	}
	hc := &http.Client{Transport: tr}
	regions := ext.regions
	if regions == nil {
		regions = []string{st.region}
	}
	for _, reg := range regions {
		c := &clientvpn.Client{Region: reg, Credentials: st.creds, Endpoint: st.endpoint, UseFIPS: st.useFIPS, UseDualStack: st.useDual,
			HTTPClient: hc, MaxAttempts: st.maxAttempts, Now: r.now}
		f.regions = append(f.regions, regionClient{region: reg, client: c})
	}
	return f, tr.CloseIdleConnections, nil
}

// extraFilters reads --filters (and --cli-input-json's Filters) and
// --page-size for a sweep.
func (r *runner) extraFilters(a *args) ([]clientvpn.Filter, int32, error) {
	if a.cliInputJSON == nil && a.filters == nil && a.pageSize == nil {
		return nil, 0, nil
	}
	b := *a
	b.endpointID = nil
	params, err := buildParams(&b, awscli.ParamFiles{Dir: r.dir, Home: r.getenv("HOME")})
	if err != nil {
		return nil, 0, err
	}
	if a.pageSize != nil {
		n, _ := awscli.PyInt(*a.pageSize)
		params.Set("MaxResults", n)
	}
	params.Set("ClientVpnEndpointId", "x")
	in, err := toInput(params)
	if err != nil {
		return nil, 0, err
	}
	return in.Filters, in.MaxResults, nil
}

// stepClock is the --fake-clock: a time that moves only when told to.
type stepClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *stepClock) advance() {
	c.mu.Lock()
	c.t = c.t.Add(c.step)
	c.mu.Unlock()
}

// errorExit prints err as run's fail does and returns the exit code.
func (r *runner) errorExit(ctx context.Context, err error) int {
	if ctx.Err() != nil {
		io.WriteString(r.stdout, "\n")
		return exitInterrupt
	}
	return r.fail(err)
}
