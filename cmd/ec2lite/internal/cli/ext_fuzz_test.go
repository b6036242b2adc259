package cli

import (
	"strings"
	"testing"
)

// FuzzExtractExt checks that taking ec2lite's own options out of a command
// line never panics, and leaves the rest in order, untouched.
func FuzzExtractExt(f *testing.F) {
	f.Add("top\x00--interval\x002s\x00--sort=-user\x00--demo")
	f.Add("describe-client-vpn-connections\x00--regions\x00us-east-1,eu-west-1\x00--all-endpoints\x00--\x00--regions")
	f.Add("metrics\x00--cache\x00\x00--fake-clock=2026-11-26T12:00:00Z/2s")
	f.Add("--all-endpoints=x\x00--interval")
	f.Fuzz(func(t *testing.T, line string) {
		argv := strings.Split(line, "\x00")
		ext, rest, err := ExtractExt(argv)
		if err != nil {
			return
		}
		// rest is a subsequence of argv.
		i := 0
		for _, r := range rest {
			for i < len(argv) && argv[i] != r {
				i++
			}
			if i == len(argv) {
				t.Fatalf("rest %q is not a subsequence of %q", rest, argv)
			}
			i++
		}
		if len(ext.Given)+len(rest) > len(argv) {
			t.Fatalf("%d options and %d left from %d arguments", len(ext.Given), len(rest), len(argv))
		}
	})
}
