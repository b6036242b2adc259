package main

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
)

const defaultTopInterval = 2 * time.Second

func (r *runner) top(a *args, ext *extArgs) int {
	interval := defaultTopInterval
	if ext.interval != nil {
		interval = *ext.interval
	}
	var sortCol topColumn = colIn
	reverse := false
	if ext.sort != nil {
		var err error
		if sortCol, reverse, err = parseSortColumn(*ext.sort); err != nil {
			return r.fail(err)
		}
	}
	f, stop, err := r.fleetFor(a, ext, true, interval)
	if err != nil {
		return r.errorExit(r.ctx, err)
	}
	defer stop()

	title := f.endpointID + " (" + f.regions[0].region + ")"
	if f.all {
		title = "all endpoints of " + joinRegions(f)
	}
	st := newTopState(title, interval, f.all)
	st.sortCol, st.reverse = sortCol, reverse
	st.sort()

	out, tty := r.stdout.(*os.File)
	tty = tty && term.IsTerminal(int(out.Fd()))
	if !tty {
		s := f.sample(r.ctx)
		if r.ctx.Err() != nil {
			return exitInterrupt
		}
		st.update(s)
		st.errs = nil // on stderr instead
		io.WriteString(r.stdout, st.snapshot(snapshotWidth))
		for _, err := range s.errs() {
			writeError(r.stderr, err.Error())
		}
		return s.exitCode(r.ctx)
	}
	return r.topTerminal(f, st, out)
}

// snapshotWidth is the width of the snapshot printed to a non-terminal.
const snapshotWidth = 132

// topTerminal runs the live view until q, Ctrl-C or an interrupt.
func (r *runner) topTerminal(f *fleet, st *topState, out *os.File) int {
	ctx, cancel := context.WithCancel(r.ctx)
	defer cancel()

	// Keys, from a terminal on stdin in raw mode (no echo, no line
	// buffering; Ctrl-C arrives as a byte, not a signal).
	keys := make(chan byte, 16)
	if in, ok := r.stdin.(*os.File); ok && term.IsTerminal(int(in.Fd())) {
		old, err := term.MakeRaw(int(in.Fd()))
		if err == nil {
			defer term.Restore(int(in.Fd()), old)
		}
		go readKeys(in, keys)
	}

	// Samples: one now, then one per interval, or at once on request.
	samples := make(chan *fleetSample)
	refresh := make(chan struct{}, 1)
	go func() {
		for {
			s := f.sample(ctx)
			select {
			case samples <- s:
			case <-ctx.Done():
				return
			}
			t := time.NewTimer(st.interval)
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
		case <-ctx.Done():
			return exitOK
		case s := <-samples:
			if ctx.Err() != nil {
				return exitOK
			}
			st.update(s)
			draw()
		case k, ok := <-keys:
			if !ok {
				keys = nil // stdin closed: q is gone, Ctrl-C still interrupts
				continue
			}
			switch {
			case k == 'q' || k == 'Q' || k == 3 || k == 4: // q, Ctrl-C, Ctrl-D
				return exitOK
			case k >= '1' && k <= '9':
				c := topColumn(k - '1')
				if c == colEndpoint && !st.multi {
					continue
				}
				st.setSort(c)
			case k == 'r' || k == 'R':
				st.reverse = !st.reverse
				st.sort()
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
