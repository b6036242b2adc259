package top

// `ec2lite top` on a terminal: raw mode, the alternate screen, a redraw on
// every sample, key and resize. Sampling runs in its own goroutine so that
// keys answer while a sample is in flight.

import (
	"context"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/fleet"
)

const defaultTopInterval = 2 * time.Second

func Run(r *cli.Env, a *cli.Args, ext *cli.ExtArgs) int {
	interval := defaultTopInterval
	if ext.Interval != nil {
		interval = *ext.Interval
	}
	var sortCol topColumn = colIn
	reverse := false
	if ext.Sort != nil {
		var err error
		if sortCol, reverse, err = parseSortColumn(*ext.Sort); err != nil {
			return r.Fail(err)
		}
	}
	f, stop, err := fleet.For(r, a, ext, true, interval)
	if err != nil {
		return r.ErrorExit(r.Ctx, err)
	}
	defer stop()

	title := f.EndpointID + " (" + f.Regions[0].Region + ")"
	if f.All {
		title = "all endpoints of " + fleet.JoinRegions(f)
	}
	st := newTopState(title, interval, f.All)
	st.sortCol, st.reverse = sortCol, reverse
	st.Sort()

	out, tty := r.Stdout.(*os.File)
	tty = tty && term.IsTerminal(int(out.Fd()))
	if !tty {
		s := f.Sample(r.Ctx)
		if r.Ctx.Err() != nil {
			return cli.ExitInterrupt
		}
		st.update(s)
		st.Errs = nil // on stderr instead
		io.WriteString(r.Stdout, st.snapshot(snapshotWidth))
		for _, err := range s.Errs() {
			cli.WriteError(r.Stderr, err.Error())
		}
		return s.ExitCode(r.Ctx)
	}
	return topTerminal(r, f, st, out)
}

// quitKey reports whether key k ends the live view, and with which exit
// code: q and Ctrl-D 0, Ctrl-C 130 (an interrupt, as the README says and
// as the AWS CLI exits on Ctrl-C).
func quitKey(k byte) (int, bool) {
	switch k {
	case 3: // Ctrl-C
		return cli.ExitInterrupt, true
	case 'q', 'Q', 4: // Ctrl-D
		return cli.ExitOK, true
	}
	return 0, false
}

// snapshotWidth is the width of the snapshot printed to a non-terminal.
const snapshotWidth = 132

// topTerminal runs the live view until q, Ctrl-C or an interrupt.
func topTerminal(r *cli.Env, f *fleet.Fleet, st *topState, out *os.File) int {
	ctx, cancel := context.WithCancel(r.Ctx)
	defer cancel()

	// Keys, from a terminal on stdin in raw mode (no echo, no line
	// buffering; Ctrl-C arrives as a byte, not a signal).
	keys := make(chan byte, 16)
	if in, ok := r.Stdin.(*os.File); ok && term.IsTerminal(int(in.Fd())) {
		old, err := term.MakeRaw(int(in.Fd()))
		if err == nil {
			defer term.Restore(int(in.Fd()), old)
		}
		go readKeys(in, keys)
	}

	// Samples: one now, then one per interval, or at once on request.
	samples := make(chan *fleet.Sample)
	refresh := make(chan struct{}, 1)
	go func() {
		for {
			s := f.Sample(ctx)
			select {
			case samples <- s:
			case <-ctx.Done():
				return
			}
			t := time.NewTimer(st.Interval)
			select {
			case <-t.C:
			case <-refresh:
				t.Stop()
			case <-ctx.Done():
				t.Stop()
				return
			}
		}
	}()

	io.WriteString(out, "\x1b[?1049h\x1b[?25l") // alternate screen, cursor hidden
	defer io.WriteString(out, "\x1b[?25h\x1b[?1049l")

	w, h := termSize(out)
	draw := func() { io.WriteString(out, screenBytes(st.render(w, h))) }
	draw()
	resize := time.NewTicker(250 * time.Millisecond)
	defer resize.Stop()
	for {
		select {
		case <-ctx.Done(): // SIGINT or SIGTERM
			return cli.ExitInterrupt
		case s := <-samples:
			if ctx.Err() != nil {
				return cli.ExitInterrupt
			}
			st.update(s)
			draw()
		case k, ok := <-keys:
			if !ok {
				keys = nil // stdin closed: q is gone, Ctrl-C still interrupts
				continue
			}
			if code, quit := quitKey(k); quit {
				return code
			}
			switch {
			case k >= '1' && k <= '9':
				c := topColumn(k - '1')
				if c == colEndpoint && !st.Multi {
					continue
				}
				st.setSort(c)
			case k == 'r' || k == 'R':
				st.reverse = !st.reverse
				st.Sort()
			case k == ' ':
				select {
				case refresh <- struct{}{}:
				default:
				}
				continue
			case k == 12: // Ctrl-L: redraw
			default:
				continue
			}
			draw()
		case <-resize.C:
			if nw, nh := termSize(out); nw != w || nh != h {
				w, h = nw, nh
				io.WriteString(out, "\x1b[2J")
				draw()
			}
		}
	}
}

// readKeys sends the bytes read from in, until it fails.
func readKeys(in io.Reader, keys chan<- byte) {
	buf := make([]byte, 64)
	for {
		n, err := in.Read(buf)
		for _, b := range buf[:n] {
			keys <- b
		}
		if err != nil {
			close(keys)
			return
		}
	}
}

func termSize(f *os.File) (int, int) {
	w, h, err := term.GetSize(int(f.Fd()))
	if err != nil || w <= 0 || h <= 0 {
		return 80, 24
	}
	return w, h
}

// screenBytes turns rendered lines into a redraw: cursor home, each line
// followed by erase-to-end-of-line, CR LF between lines (raw mode does not
// add the CR), nothing after the last line (so the screen never scrolls),
// then erase below.
func screenBytes(screen string) string {
	lines := strings.Split(strings.TrimSuffix(screen, "\n"), "\n")
	var b strings.Builder
	b.WriteString("\x1b[H")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(l)
		b.WriteString("\x1b[K")
	}
	b.WriteString("\x1b[J")
	return b.String()
}

// Help returns the text of `ec2lite help top`.
func Help() string {
	return cli.FleetHelp("top", "top\n\nA live view of the connections of a Client VPN endpoint (or of every endpoint with\n"+
		"--all-endpoints, of several regions with --regions): per connection its user, client IP,\n"+
		"status, age and ingress/egress rates computed from successive samples, with totals.\n"+
		"Keys: 1-8 sort by a column (again: reverse), r reverse, space refresh now, q or Ctrl-C quit.\n"+
		"When standard output is not a terminal it prints one snapshot as text and exits.\n\n"+
		"Synopsis:\n\n  top (--client-vpn-endpoint-id <value> | --all-endpoints | --regions <value>)\n"+
		"    [--interval <value>] [--sort <value>] [--filters <value>]\n\n", "")
}
