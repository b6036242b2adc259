package top

import (
	"testing"
)

// FuzzParseSortColumn checks that no --sort value makes parseSortColumn
// panic, and that a value it accepts names a column.
func FuzzParseSortColumn(f *testing.F) {
	for _, s := range []string{"in", "-user", "endpoint", "", "-", "--", "bogus", "TOTAL"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, _, err := parseSortColumn(s)
		if err == nil && (c < 0 || c >= numColumns) {
			t.Fatalf("parseSortColumn(%q) = column %d, out of range", s, c)
		}
	})
}
