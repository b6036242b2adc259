package fleet

import (
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/ops"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/session"
)

// For resolves configuration, credentials and clients for a sampling
// command. With --demo it starts one fake endpoint per region (live: the
// counters grow with time), serving the sample data; the returned function
// stops them.
func For(r *cli.Env, a *cli.Args, ext *cli.ExtArgs, live bool, step time.Duration) (*Fleet, func(), error) {
	f := &Fleet{All: ext.AllEndpoints || ext.Regions != nil, Now: r.Now}
	if a.EndpointID != nil && *a.EndpointID != "" {
		if f.All {
			return nil, nil, &cli.UsageError{Msg: "--client-vpn-endpoint-id cannot be combined with --all-endpoints or --regions"}
		}
		f.EndpointID = *a.EndpointID
	}
	if !f.All && f.EndpointID == "" {
		if !a.Demo {
			return nil, nil, &cli.UsageError{Msg: "one of the arguments --client-vpn-endpoint-id --all-endpoints --regions is required"}
		}
		f.EndpointID = clientvpntest.SampleEndpointID
	}
	var err error
	if f.Filters, f.PageSize, err = extraFilters(r, a); err != nil {
		return nil, nil, err
	}

	if a.Demo {
		regions := ext.Regions
		if regions == nil {
			regions = []string{clientvpntest.DefaultRegion}
			if a.Region != nil && *a.Region != "" {
				regions = []string{*a.Region}
			}
		}
		opts := []clientvpntest.Option{}
		if live {
			opts = append(opts, clientvpntest.WithLive())
		}
		var clock *StepClock
		if ext.FakeClock != nil {
			if ext.FakeStep != nil {
				step = *ext.FakeStep
			}
			clock = NewStepClock(ext.FakeClock.UTC(), step)
			opts = append(opts, clientvpntest.WithClock(clock.Now), clientvpntest.WithTime(clock.t))
			f.Now = clock.Now
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
			c, err := session.Demo(r, a, reg, srv.URL, srv.Client(), f.Now)
			if err != nil {
				stop()
				return nil, nil, err
			}
			f.Regions = append(f.Regions, RegionClient{Region: reg, Client: c})
		}
		if clock != nil {
			f.Advance = clock.Advance
		}
		return f, stop, nil
	}

	cfg, err := r.LoadConfig(a)
	if err != nil {
		return nil, nil, err
	}
	sa := *a
	if ext.Regions != nil && (a.Region == nil || *a.Region == "") {
		sa.Region = &ext.Regions[0] // any region will do: each client gets its own below
	}
	sess, err := session.Open(r, &sa, cfg, "json")
	if err != nil {
		return nil, nil, err
	}
	if err := sess.ConnectFleet(r, &sa); err != nil {
		return nil, nil, err
	}
	regions := ext.Regions
	if regions == nil {
		regions = []string{sess.Region()}
	}
	for _, reg := range regions {
		f.Regions = append(f.Regions, RegionClient{Region: reg, Client: sess.Client(reg)})
	}
	f.ListTimeout = EndpointTimeoutReads * sess.ReadTimeout()
	return f, sess.Close, nil
}

// extraFilters reads --filters (and --cli-input-json's Filters) and
// --page-size for a sweep.
func extraFilters(r *cli.Env, a *cli.Args) ([]clientvpn.Filter, int32, error) {
	if a.CliInputJSON == nil && a.Filters == nil && a.PageSize == nil {
		return nil, 0, nil
	}
	b := *a
	b.EndpointID = nil
	params, err := ops.BuildParams(&b, awscli.ParamFiles{Dir: r.Dir, Home: r.Getenv("HOME"), Ctx: r.Ctx})
	if err != nil {
		return nil, 0, err
	}
	if a.PageSize != nil {
		n, _ := awscli.PyInt(*a.PageSize)
		params.Set("MaxResults", n)
	}
	params.Set("ClientVpnEndpointId", "x")
	in, err := ops.ToInput(params)
	if err != nil {
		return nil, 0, err
	}
	return in.Filters, in.MaxResults, nil
}

// stepClock is the --fake-clock: a time that moves only when told to.
// NewStepClock returns a clock that reads start until Advance moves it on by step.
func NewStepClock(start time.Time, step time.Duration) *StepClock {
	return &StepClock{t: start, step: step}
}

type StepClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *StepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *StepClock) Advance() {
	c.mu.Lock()
	c.t = c.t.Add(c.step)
	c.mu.Unlock()
}
