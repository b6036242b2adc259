package output

import (
	"slices"
)

// Rendering a table (awscli/table.py, MultiTable.render and its helpers):
// the sections of table.go laid out in boxes, with the AWS CLI's colours.

const (
	ansiReset    = "\x1b[0m"
	ansiRowStart = "\x1b[1m\x1b[34m" // colorama Style.BRIGHT + Fore.BLUE
	ansiBarStart = "\x1b[2m\x1b[33m" // colorama Style.DIM + Fore.YELLOW
)

// render is MultiTable.render.
func (t *multiTable) render() []byte {
	maxWidth := t.maxWidth()
	if maxWidth > t.width {
		t.convertToVertical()
		maxWidth = t.maxWidth()
	}
	r := tableRenderer{bar: "|"}
	if t.color {
		r.bar, r.reset, r.rowStart = ansiBarStart+"|"+ansiReset, ansiReset, ansiRowStart
	}
	lines := 1
	for _, s := range t.sections {
		lines += 5 + len(s.rows)
	}
	r.b = make([]byte, 0, lines*(max(maxWidth, 0)+1))
	r.b = appendRepeat(r.b, '-', maxWidth)
	r.b = append(r.b, '\n')
	r.b = append(r.b, r.reset...)
	for _, s := range t.sections {
		r.section(s, maxWidth)
	}
	return r.b
}

// tableRenderer appends a rendered table to b.
type tableRenderer struct {
	b        []byte
	bar      string // an indentation bar
	reset    string // colorama's reset after each write, with colours
	rowStart string // starts a coloured value
	indent   int
}

// startLine and endLine wrap a line in the section's indentation bars, as
// table.py's IndentedStream does; with colours each of its four writes
// (bars, text, bars, newline) is followed by colorama's reset.
func (r *tableRenderer) startLine() {
	for range r.indent {
		r.b = append(r.b, r.bar...)
	}
	r.b = append(r.b, r.reset...)
}

func (r *tableRenderer) endLine() {
	r.b = append(r.b, r.reset...)
	for range r.indent {
		r.b = append(r.b, r.bar...)
	}
	r.b = append(r.b, r.reset...)
	r.b = append(r.b, '\n')
	r.b = append(r.b, r.reset...)
}

// section is MultiTable._render_section.
func (r *tableRenderer) section(s *tableSection, maxWidth int) {
	r.indent = s.indent
	maxWidth -= 2 * s.indent
	if s.title != nil && *s.title != "" {
		r.startLine()
		r.b = appendCenter(r.b, *s.title, maxWidth, "|", "|", textLength(*s.title))
		r.endLine()
		if len(s.headers) == 0 && len(s.rows) == 0 {
			r.startLine()
			r.b = append(r.b, '+')
			r.b = appendRepeat(r.b, '-', maxWidth-2)
			r.b = append(r.b, '+')
			r.endLine()
		}
	}
	if len(s.headers) > 0 {
		widths := s.columnWidths(4, maxWidth)
		r.lineBreak(widths)
		r.startLine()
		for i := 0; i < len(widths) && i < len(s.headers); i++ {
			left := ""
			if i == 0 {
				left = "|"
			}
			r.b = appendCenter(r.b, s.headers[i], widths[i], left, "|", textLength(s.headers[i]))
		}
		r.endLine()
	}
	if len(s.rows) > 0 {
		widths := s.columnWidths(4, maxWidth)
		if len(widths) == 0 {
			return
		}
		r.lineBreak(widths)
		for _, row := range s.rows {
			r.startLine()
			for i := 0; i < len(widths) && i < len(row); i++ {
				left := ""
				if i == 0 {
					left = "|"
				}
				r.b = r.appendLeft(row[i], widths[i], left, "|")
			}
			r.endLine()
		}
		r.lineBreak(widths)
	}
}

// lineBreak writes +-----+------+ for the column widths.
func (r *tableRenderer) lineBreak(widths []int) {
	r.startLine()
	for i, w := range widths {
		if i == 0 {
			r.b = append(r.b, '+')
			r.b = appendRepeat(r.b, '-', w-2)
		} else {
			r.b = appendRepeat(r.b, '-', w-1)
		}
		r.b = append(r.b, '+')
	}
	r.endLine()
}

// floorDiv is Python's // on ints.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// appendCenter is table.py's center_text; edges are ASCII.
func appendCenter(b []byte, text string, length int, left, right string, textLen int) []byte {
	charStart := floorDiv(length, 2) - floorDiv(textLen, 2) - 1
	b = append(b, left...)
	b = appendRepeat(b, ' ', charStart)
	b = append(b, text...)
	soFar := len(left) + charStart + textLen
	b = appendRepeat(b, ' ', length-len(right)-soFar)
	return append(b, right...)
}

// appendLeft is table.py's align_left with left_padding=2 for a row value,
// coloured when the renderer has colours; edges are ASCII.
func (r *tableRenderer) appendLeft(text string, length int, left, right string) []byte {
	b := r.b
	textLen := textLength(text)
	padding := 0
	if length-(textLen+2+len(left)+len(right)) >= 0 {
		padding = 2
	}
	b = append(b, left...)
	b = appendRepeat(b, ' ', padding)
	if r.rowStart != "" {
		b = append(b, r.rowStart...)
		b = append(b, text...)
		b = append(b, r.reset...)
	} else {
		b = append(b, text...)
	}
	b = appendRepeat(b, ' ', length-(len(left)+padding+textLen)-len(right))
	return append(b, right...)
}

// appendRepeat appends n copies of c; none when n <= 0, like Python's c * n.
func appendRepeat(b []byte, c byte, n int) []byte {
	if n <= 0 {
		return b
	}
	b = slices.Grow(b, n)
	for ; n > 0; n-- {
		b = append(b, c)
	}
	return b
}
