package cli

import (
	"strings"
	"testing"
)

// FuzzParseArgs: command-line parsing never panics.
func FuzzParseArgs(f *testing.F) {
	f.Add("describe-client-vpn-connections\x00--filters\x00Name=a,Values=b\x00--output=text")
	f.Add("--max-items\x00abc\x00--dry-run=1\x00-5\x00--")
	f.Fuzz(func(t *testing.T, joined string) {
		ParseArgs(strings.Split(joined, "\x00"))
	})
}
