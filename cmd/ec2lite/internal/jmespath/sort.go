package jmespath

import (
	"math"
	"slices"
	"strings"
)

// Sorting as Python sorts, for sort, sort_by, min_by and max_by.

func fnSort(_ *interp, a []any) (any, error) {
	l := a[0].([]any)
	if len(l) == 0 {
		return []any{}, nil
	}
	_, strs := l[0].(string)
	out := make([]any, len(l))
	for i, j := range sortOrder(l, strs) {
		out[i] = l[j]
	}
	return out, nil
}

// pySort sorts l as Python's list.sort does with the given less: stably,
// and for fewer than 64 items with Python's exact algorithm (a run, then a
// binary insertion sort), so that even a comparison that is not a total
// order (NaN) gives Python's result.
func pySort[T any](l []T, less func(a, b T) bool) {
	n := len(l)
	if n < 2 {
		return
	}
	if n >= 64 {
		slices.SortStableFunc(l, func(a, b T) int {
			if less(a, b) {
				return -1
			}
			if less(b, a) {
				return 1
			}
			return 0
		})
		return
	}
	run := 2
	if less(l[1], l[0]) {
		for run < n && less(l[run], l[run-1]) {
			run++
		}
		slices.Reverse(l[:run])
	} else {
		for run < n && !less(l[run], l[run-1]) {
			run++
		}
	}
	for start := run; start < n; start++ {
		pivot := l[start]
		lo, hi := 0, start
		for lo < hi {
			p := lo + (hi-lo)>>1
			if less(pivot, l[p]) {
				hi = p
			} else {
				lo = p + 1
			}
		}
		copy(l[lo+1:start+1], l[lo:start])
		l[lo] = pivot
	}
}

// sortOrder returns the positions of keys in the order Python's sorted
// puts them. Keys are all strings (strs) or all numbers. Strings, and
// numbers without NaN, are totally ordered, so a sort that breaks ties by
// position gives Python's (stable) result; with a NaN the order depends on
// Python's algorithm, which pySort follows. Sorting positions rather than
// values moves no pointers.
func sortOrder(keys []any, strs bool) []int32 {
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	if strs {
		s := make([]string, len(keys))
		for i, k := range keys {
			s[i] = k.(string)
		}
		slices.SortFunc(order, func(a, b int32) int {
			if c := strings.Compare(s[a], s[b]); c != 0 {
				return c
			}
			return int(a - b)
		})
		return order
	}
	for _, k := range keys {
		if f, ok := k.(float64); ok && math.IsNaN(f) {
			pySort(order, func(a, b int32) bool { return pyLess(keys[a], keys[b]) })
			return order
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c, _ := cmpNum(keys[a], keys[b]); c != 0 {
			return c
		}
		return int(a - b)
	})
	return order
}
