package main

import (
	"io"
	"slices"
	"testing"
)

func TestWriteTableGolden(t *testing.T) {
	runGolden(t, ".table", func(w io.Writer, c goldenCase, v any) error {
		width := 80
		if c.Tty != 0 {
			width = c.Tty
		}
		color := colorOff
		if slices.Contains(c.Args, "on") {
			color = colorOn
			if c.Tty != 0 {
				color = colorTerminal
			}
		}
		return writeTableColor(w, "DescribeClientVpnConnections", v, width, color)
	})
}
