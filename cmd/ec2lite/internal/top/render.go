package top

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// Rendering the view: the columns that fit the screen, the rows, the
// totals and the key help, as text (a pure function of the state).

// keyHelp is the last line of the screen.
func (st *topState) keyHelp() string {
	if st.Multi {
		return "1-9 sort (again: reverse)  r reverse  space refresh  q quit"
	}
	return "1-8 sort (again: reverse)  r reverse  space refresh  q quit"
}

// render draws the screen: lines of at most w cells, at most h lines, each
// ending in "\n" (the terminal loop turns them into its escape sequences).
// It is a pure function of the state.
func (st *topState) render(w, h int) string {
	return st.draw(w, h, true)
}

// snapshot draws every row, without the key help: the output of top when
// standard output is not a terminal.
//
// Its columns are as wide as their widest value (nothing is cut), and w only
// places the right-hand side of the two summary lines.
func (st *topState) snapshot(w int) string {
	return st.draw(w, 0, false)
}

func (st *topState) draw(w, h int, keys bool) string {
	if !keys {
		h = len(st.rows) + len(st.Errs) + 5
	}
	if w < 20 {
		w = 20
	}
	if h < 5 {
		h = 5
	}
	var lines []string
	head := "ec2lite top - " + st.Title
	when, short := "", ""
	if !st.at.IsZero() {
		when = st.at.UTC().Format("2006-01-02 15:04:05") + " UTC, every " + st.Interval.String()
		short = st.at.UTC().Format("15:04:05") + " UTC"
	}
	if cellWidth(head)+2+cellWidth(when) > w {
		when = short
	}
	lines = append(lines, spread(head, when, w))

	counts := map[string]int{}
	var inSum, outSum float64
	var total uint64
	rated := false
	for _, r := range st.rows {
		counts[r.Status]++
		if r.hasRate {
			rated = true
			inSum += r.inRate
			outSum += r.outRate
		}
		total += r.total
	}
	summary := fmt.Sprintf("%d connections", len(st.rows))
	if st.count == 0 {
		summary = "sampling..."
	}
	rates := "in -  out -"
	if rated {
		rates = "in " + formatRate(inSum, true) + "  out " + formatRate(outSum, true)
	}
	if st.count > 0 {
		summary += ": " + rates + "  total " + formatBytes(total)
	}
	var parts []string
	for _, s := range []string{"active", "terminating", "failed-to-terminate", "terminated"} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	for s, n := range sortedCounts(counts) {
		if !cli.Contains([]string{"active", "terminating", "failed-to-terminate", "terminated"}, s) {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	lines = append(lines, spread(summary, strings.Join(parts, ", "), w))
	for _, e := range st.Errs {
		lines = append(lines, fit("error: "+e, w))
	}
	lines = append(lines, "")

	cols, widths, shortID := st.layout(w)
	rowWidth := w
	if !keys {
		cols, widths, shortID = st.naturalLayout()
		rowWidth = 1 << 30
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		text := strconv.Itoa(int(c)+1) + " " + topColumns[c].header
		if c == st.sortCol {
			if topColumns[c].desc != st.reverse {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		header[i] = cell(text, widths[c], topColumns[c].right)
	}
	lines = append(lines, fit(strings.TrimRight(strings.Join(header, " "), " "), rowWidth))

	room := h - len(lines)
	if keys {
		room-- // the key help takes the last line
	}
	shown := st.rows
	more := 0
	if room < 1 {
		room = 1
	}
	if len(shown) > room {
		more = len(shown) - (room - 1)
		shown = shown[:room-1]
	}
	for _, r := range shown {
		vals := make([]string, len(cols))
		for i, c := range cols {
			v := r.Value(c)
			if c == colID && shortID {
				v = strings.TrimPrefix(v, "cvpn-connection-")
			}
			vals[i] = cell(v, widths[c], topColumns[c].right)
		}
		lines = append(lines, fit(strings.TrimRight(strings.Join(vals, " "), " "), rowWidth))
	}
	if more > 0 {
		lines = append(lines, fit(fmt.Sprintf("… %d more (sorted by %s)", more, topColumns[st.sortCol].Name), w))
	}
	if keys {
		for len(lines) < h-1 {
			lines = append(lines, "")
		}
		if len(lines) >= h {
			lines = lines[:h-1] // a screen too small for even the header
		}
		lines = append(lines, fit(st.keyHelp(), w))
	}
	return strings.Join(lines, "\n") + "\n"
}

// minFlexWidth is the narrowest a flexible column gets.
const minFlexWidth = 8

// dropOrder is the order columns give way in when the screen is too narrow
// for all of them: the rates, the user and the connection stay longest.
var dropOrder = []topColumn{colIP, colTotal, colEndpoint, colStatus, colAge}

// layout chooses the columns that fit in w cells and their widths: first
// connection ids lose their "cvpn-connection-" prefix, then columns go in
// dropOrder; flexible columns share what the fixed ones leave.
func (st *topState) layout(w int) (cols []topColumn, widths map[topColumn]int, shortID bool) {
	cols = []topColumn{colID, colUser, colIP, colStatus, colAge, colIn, colOut, colTotal}
	if st.Multi {
		cols = append([]topColumn{colEndpoint}, cols...)
	}
	endpointWidth := 15
	for i := range st.rows {
		endpointWidth = max(endpointWidth, min(32, cellWidth(st.rows[i].Value(colEndpoint))))
	}
	colWidth := func(c topColumn) int {
		switch {
		case c == colID && shortID:
			return 17
		case c == colEndpoint:
			return endpointWidth
		case topColumns[c].width == 0:
			return minFlexWidth
		}
		return topColumns[c].width
	}
	need := func() int {
		n := len(cols) - 1 // one space between columns
		for _, c := range cols {
			n += colWidth(c)
		}
		return n
	}
	if need() > w {
		shortID = true
	}
	for _, d := range dropOrder {
		if need() <= w {
			break
		}
		cols = slices.DeleteFunc(cols, func(c topColumn) bool { return c == d })
	}
	widths = map[topColumn]int{}
	left := w - need()
	flex := 0
	for _, c := range cols {
		widths[c] = colWidth(c)
		if topColumns[c].width == 0 && c != colEndpoint {
			flex++
		}
	}
	for _, c := range cols {
		if topColumns[c].width != 0 || c == colEndpoint || left <= 0 {
			continue
		}
		extra := left / flex
		if c == colUser && widths[c]+extra > 24 {
			extra = 24 - widths[c] // a user name column wider than this is mostly blank
		}
		widths[c] += extra
		left -= extra
		flex--
	}
	return cols, widths, shortID
}

// naturalLayout gives every column the width of its widest value or header.
func (st *topState) naturalLayout() ([]topColumn, map[topColumn]int, bool) {
	cols := []topColumn{colID, colUser, colIP, colStatus, colAge, colIn, colOut, colTotal}
	if st.Multi {
		cols = append([]topColumn{colEndpoint}, cols...)
	}
	widths := map[topColumn]int{}
	for _, c := range cols {
		widths[c] = cellWidth(strconv.Itoa(int(c)+1)+" "+topColumns[c].header) + 2 // room for the sort mark
		if topColumns[c].width != 0 {
			widths[c] = max(widths[c], topColumns[c].width)
		}
		for i := range st.rows {
			widths[c] = max(widths[c], cellWidth(sanitize(st.rows[i].Value(c))))
		}
	}
	return cols, widths, false
}

// Value is the text of a row's column.
func (r *topRow) Value(c topColumn) string {
	switch c {
	case colID:
		return r.id
	case colUser:
		return r.user
	case colIP:
		return r.ip
	case colStatus:
		return r.Status
	case colAge:
		if r.age < 0 {
			return "-"
		}
		return formatAge(r.age)
	case colIn:
		if !r.hasRate {
			return "-"
		}
		return formatRate(r.inRate, false)
	case colOut:
		if !r.hasRate {
			return "-"
		}
		return formatRate(r.outRate, false)
	case colTotal:
		return formatBytes(r.total)
	case colEndpoint:
		return r.Region + "/" + strings.TrimPrefix(r.Endpoint, "cvpn-endpoint-")
	}
	return ""
}

// sortedCounts iterates over counts in key order.
func sortedCounts(m map[string]int) func(func(string, int) bool) {
	return func(yield func(string, int) bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// formatAge writes a duration in its two largest units: 45s, 12m05s, 3h41m, 2d04h.
func formatAge(d time.Duration) string {
	s := int64(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%dd%02dh", s/86400, s%86400/3600)
}

// formatBytes writes a byte count with a binary unit: 512B, 1.5K, 12.3M, 4.0G.
func formatBytes(n uint64) string {
	if n < 1024 {
		return strconv.FormatUint(n, 10) + "B"
	}
	v := float64(n)
	for _, u := range []string{"K", "M", "G", "T", "P"} {
		v /= 1024
		if v < 1024 {
			return trimUnit(v) + u
		}
	}
	return trimUnit(v/1024) + "E"
}

// formatRate writes bytes per second as formatBytes does, "/s" added when long.
func formatRate(r float64, long bool) string {
	s := formatBytes(uint64(r + 0.5))
	if long {
		s += "/s"
	}
	return s
}

func trimUnit(v float64) string {
	if v < 10 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// spread puts a on the left and b on the right of a w-cell line (b dropped
// when both do not fit).
func spread(a, b string, w int) string {
	a = sanitize(a)
	b = sanitize(b)
	gap := w - cellWidth(a) - cellWidth(b)
	if b == "" || gap < 2 {
		return fit(a, w)
	}
	return a + strings.Repeat(" ", gap) + b
}

// cell pads or cuts s to exactly n cells.
func cell(s string, n int, right bool) string {
	s = fit(s, n)
	pad := strings.Repeat(" ", n-cellWidth(s))
	if right {
		return pad + s
	}
	return s + pad
}

// fit cuts s to at most n cells, ending in "…" when cut; control
// characters become '?', so that data can never move the cursor.
func fit(s string, n int) string {
	s = sanitize(s)
	if cellWidth(s) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > n-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	b.WriteString("…")
	return b.String()
}

// sanitize replaces control characters and invalid UTF-8 with '?'.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}

// cellWidth is the number of terminal cells s takes.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// runeWidth is 2 for East Asian wide and fullwidth characters, 0 for
// combining marks, 1 otherwise.
func runeWidth(r rune) int {
	if r < utf8.RuneSelf {
		return 1
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
