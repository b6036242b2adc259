package top

// `ec2lite top`: the state of the live view and its rendering. Rendering is
// a pure function of the state and the screen size (render), so that it is
// tested with goldens; the terminal loop is in topterm.go.
//
// Rates come from successive samples: (counter now − counter before) ÷
// (time between the samples), per connection. A connection seen for the
// first time has no rate yet ("-"). A counter that went down was reset: as
// Prometheus's rate() does, the rate restarts from zero, counting the new
// value as the bytes moved since the previous sample.

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
)

// topColumn is a sortable column of the view.
type topColumn int

const (
	colID topColumn = iota
	colUser
	colIP
	colStatus
	colAge
	colIn
	colOut
	colTotal
	colEndpoint // region and endpoint, shown with --all-endpoints
	numColumns
)

// topColumns names the columns: the --sort name, the header, the width
// (0: flexible), and whether it sorts biggest first.
var topColumns = [numColumns]struct {
	Name, header string
	width        int
	right, desc  bool
}{
	colID:       {"id", "CONNECTION", 33, false, false},
	colUser:     {"user", "USER", 0, false, false},
	colIP:       {"ip", "CLIENT IP", 15, false, false},
	colStatus:   {"status", "STATUS", 19, false, false},
	colAge:      {"age", "AGE", 7, true, true},
	colIn:       {"in", "IN/s", 9, true, true},
	colOut:      {"out", "OUT/s", 9, true, true},
	colTotal:    {"total", "TOTAL", 9, true, true},
	colEndpoint: {"endpoint", "REGION/ENDPOINT", 0, false, false}, // width: the longest value (endpoint ids without "cvpn-endpoint-")
}

// parseSortColumn reads --sort: a column name, a leading '-' reversing it.
func parseSortColumn(s string) (topColumn, bool, error) {
	rev := strings.HasPrefix(s, "-")
	name := strings.TrimPrefix(s, "-")
	for c := topColumn(0); c < numColumns; c++ {
		if topColumns[c].Name == name {
			return c, rev, nil
		}
	}
	names := make([]string, numColumns)
	for c := range names {
		names[c] = topColumns[c].Name
	}
	return 0, false, &cli.UsageError{Msg: "argument --sort: invalid choice: " + awscli.PyReprStr(s) + " (choose from " + strings.Join(names, ", ") + ")"}
}

// topRow is one connection on screen.
type topRow struct {
	Region, Endpoint, id, user, ip, Status string
	age                                    time.Duration // -1: unknown
	inRate, outRate                        float64
	hasRate                                bool
	total                                  uint64 // ingress + egress bytes
}

// counterPoint is what a connection's counters were at a sample.
type counterPoint struct {
	at      time.Time
	in, out uint64
}

// topState is the view's state: the last sample, the rows computed from it,
// the sort order, and the counters of the previous sample.
type topState struct {
	Title    string // what is watched: an endpoint, or "all endpoints of …"
	Interval time.Duration
	Multi    bool // rows come from several endpoints: show where
	sortCol  topColumn
	reverse  bool

	at    time.Time // the last sample's time
	rows  []topRow
	Errs  []string
	prev  map[string]counterPoint // region/endpoint/connection id → counters
	count int                     // samples taken
}

func newTopState(title string, interval time.Duration, multi bool) *topState {
	return &topState{Title: title, Interval: interval, Multi: multi, sortCol: colIn, prev: map[string]counterPoint{}}
}

// update takes in a new sample, computing rates against the previous one.
// Connections not in the new sample are forgotten.
func (st *topState) update(s *fleet.Sample) {
	st.count++
	st.at = s.Time
	st.rows = st.rows[:0]
	st.Errs = st.Errs[:0]
	for _, err := range s.Errs() {
		st.Errs = append(st.Errs, err.Error())
	}
	next := make(map[string]counterPoint, len(st.prev))
	for _, rs := range s.Regions {
		for _, es := range rs.Endpoints {
			for i := range es.Connections {
				c := &es.Connections[i]
				row := topRow{Region: rs.Region, Endpoint: es.ID, id: c.ConnectionId, user: c.Username,
					ip: c.ClientIp, Status: string(c.Status.Code), age: -1}
				if row.user == "" {
					row.user = c.CommonName
				}
				if row.ip == "" {
					row.ip = c.ClientIpv6Address
				}
				if est, err := c.EstablishedTime(); err == nil {
					end := s.Time
					if t, ended, err := c.EndTime(); err == nil && ended {
						end = t
					}
					if d := end.Sub(est); d >= 0 {
						row.age = d
					}
				}
				in, inErr := c.IngressBytesCount()
				out, outErr := c.EgressBytesCount()
				row.total = in + out
				if row.total < in {
					row.total = ^uint64(0)
				}
				if inErr == nil && outErr == nil {
					key := rs.Region + "/" + es.ID + "/" + c.ConnectionId
					if p, ok := st.prev[key]; ok {
						if dt := s.Time.Sub(p.at).Seconds(); dt > 0 {
							row.inRate = float64(counterDelta(p.in, in)) / dt
							row.outRate = float64(counterDelta(p.out, out)) / dt
							row.hasRate = true
						}
					}
					next[key] = counterPoint{at: s.Time, in: in, out: out}
				}
				st.rows = append(st.rows, row)
			}
		}
	}
	st.prev = next
	st.Sort()
}

// counterDelta is how much a counter moved from before to now: a counter
// that went down was reset, and now is what it counted since.
func counterDelta(before, now uint64) uint64 {
	if now < before {
		return now
	}
	return now - before
}

// setSort sorts by a column: the same column again flips the order.
func (st *topState) setSort(c topColumn) {
	if c == st.sortCol {
		st.reverse = !st.reverse
	} else {
		st.sortCol, st.reverse = c, false
	}
	st.Sort()
}

func (st *topState) Sort() {
	desc := topColumns[st.sortCol].desc != st.reverse
	slices.SortStableFunc(st.rows, func(a, b topRow) int {
		var c int
		switch st.sortCol {
		case colID:
			c = strings.Compare(a.id, b.id)
		case colUser:
			c = strings.Compare(a.user, b.user)
		case colIP:
			c = compareIP(a.ip, b.ip)
		case colStatus:
			c = strings.Compare(a.Status, b.Status)
		case colAge:
			c = cmp.Compare(a.age, b.age)
		case colIn:
			c = cmp.Compare(rateKey(a.hasRate, a.inRate), rateKey(b.hasRate, b.inRate))
		case colOut:
			c = cmp.Compare(rateKey(a.hasRate, a.outRate), rateKey(b.hasRate, b.outRate))
		case colTotal:
			c = cmp.Compare(a.total, b.total)
		case colEndpoint:
			c = cmp.Or(strings.Compare(a.Region, b.Region), strings.Compare(a.Endpoint, b.Endpoint))
		}
		if desc {
			c = -c
		}
		// Ties: by place and id, always ascending, so that the order is stable.
		return cmp.Or(c, strings.Compare(a.Region, b.Region), strings.Compare(a.Endpoint, b.Endpoint), strings.Compare(a.id, b.id))
	})
}

// rateKey orders "no rate yet" below every rate.
func rateKey(has bool, r float64) float64 {
	if !has {
		return -1
	}
	return r
}

// compareIP orders dotted IPv4 addresses numerically, others as text after them.
func compareIP(a, b string) int {
	pa, oka := ipv4Key(a)
	pb, okb := ipv4Key(b)
	switch {
	case oka && okb:
		return cmp.Compare(pa, pb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}

func ipv4Key(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return 0, false
	}
	var k uint32
	for _, p := range parts {
		n, err := strconv.ParseUint(p, 10, 8)
		if err != nil {
			return 0, false
		}
		k = k<<8 | uint32(n)
	}
	return k, true
}
