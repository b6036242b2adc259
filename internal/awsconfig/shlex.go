package awsconfig

import (
	"errors"
	"strings"
)

// SplitCommand splits s into words as Python's shlex.split (POSIX mode, no comments) does.
// botocore uses it for section names ("profile x") and for credential_process command
// lines, which are run directly, not through a shell.
//
// Outside quotes a backslash escapes the next character; single quotes keep everything
// literally; inside double quotes a backslash escapes only '"' and '\'. Adjacent quoted and
// unquoted parts join into one word, and a pair of empty quotes is an empty word.
func SplitCommand(s string) ([]string, error) {
	var (
		words   []string
		word    strings.Builder
		inWord  bool
		rs      = []rune(s)
		isSpace = func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }
	)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isSpace(r):
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case r == '\\':
			if i+1 >= len(rs) {
				return nil, errors.New("no escaped character after a trailing backslash")
			}
			i++
			word.WriteRune(rs[i])
			inWord = true
		case r == '\'' || r == '"':
			inWord = true
			closed := false
			for i++; i < len(rs); i++ {
				c := rs[i]
				if c == r {
					closed = true
					break
				}
				if r == '"' && c == '\\' && i+1 < len(rs) && (rs[i+1] == '"' || rs[i+1] == '\\') {
					i++
					c = rs[i]
				}
				word.WriteRune(c)
			}
			if !closed {
				return nil, errors.New("no closing quotation")
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}
