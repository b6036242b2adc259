package awscli

// closeMatches is Python's difflib.get_close_matches(word, possibilities,
// n=3, cutoff=0.8), which the AWS CLI uses to suggest a choice after an
// invalid one ("Invalid choice: 'jsn', maybe you meant:\n\n  * json").

import (
	"sort"
	"strings"
)

func CloseMatches(word string, possibilities []string) []string {
	type scored struct {
		score float64
		s     string
	}
	var res []scored
	w := []rune(word)
	for _, p := range possibilities {
		if r := seqRatio([]rune(p), w); r >= 0.8 {
			res = append(res, scored{r, p})
		}
	}
	// heapq.nlargest(3, (score, x)): by score, then by string, descending.
	sort.SliceStable(res, func(i, j int) bool {
		if res[i].score != res[j].score {
			return res[i].score > res[j].score
		}
		return res[i].s > res[j].s
	})
	if len(res) > 3 {
		res = res[:3]
	}
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.s
	}
	return out
}

// seqRatio is SequenceMatcher(None, a, b).ratio() for short sequences (no
// junk, no autojunk: it applies from 200 elements on).
func seqRatio(a, b []rune) float64 {
	t := len(a) + len(b)
	if t == 0 {
		return 1
	}
	return 2 * float64(matchingChars(a, b)) / float64(t)
}

// matchingChars sums the sizes of SequenceMatcher's matching blocks: the
// longest match (earliest in a, then in b), recursively on both sides.
func matchingChars(a, b []rune) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	besti, bestj, bestk := 0, 0, 0
	// j2len[j] = length of the match ending at a[i-1], b[j-1].
	prev := make([]int, len(b)+1)
	for i := 0; i < len(a); i++ {
		cur := make([]int, len(b)+1)
		for j := 0; j < len(b); j++ {
			if a[i] == b[j] {
				k := prev[j] + 1
				cur[j+1] = k
				if k > bestk {
					besti, bestj, bestk = i-k+1, j-k+1, k
				}
			}
		}
		prev = cur
	}
	if bestk == 0 {
		return 0
	}
	return bestk + matchingChars(a[:besti], b[:bestj]) + matchingChars(a[besti+bestk:], b[bestj+bestk:])
}

// InvalidChoice is the AWS CLI argparser's message for a value outside choices.
func InvalidChoice(value string, choices []string) string {
	msg := "Invalid choice, valid choices are:\n\n" + ChoiceColumns(choices)
	if m := CloseMatches(value, choices); len(m) > 0 {
		msg += "\n\n\nInvalid choice: " + PyReprStr(value) + ", maybe you meant:\n"
		for _, w := range m {
			msg += "\n  * " + w
		}
	}
	return msg
}

func IsNegativeNumber(s string) bool {
	// argparse's '^-\d+$|^-\d*\.\d+$'
	t := s[1:]
	if t == "" {
		return false
	}
	dot := false
	digits := 0
	for i, c := range t {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
			if i == len(t)-1 {
				return false
			}
		default:
			return false
		}
	}
	return digits > 0
}

// ChoiceColumns lays out choices as the AWS CLI's argparse error does:
// two per line, each '%-40s', joined by " | ".
func ChoiceColumns(choices []string) string {
	var lines []string
	for i := 0; i < len(choices); i += 2 {
		line := PadRight(choices[i], 40)
		if i+1 < len(choices) {
			line += " | " + PadRight(choices[i+1], 40)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func PadRight(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
