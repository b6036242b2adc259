package version

import (
	"runtime"
	"strings"
	"testing"
)

func TestUserAgent(t *testing.T) {
	ua := UserAgent()
	if !strings.HasPrefix(ua, "ec2lite/"+Version+" go/") || !strings.HasSuffix(ua, " "+runtime.GOOS+"/"+runtime.GOARCH) {
		t.Errorf("UserAgent() = %q", ua)
	}
	if strings.Count(ua, " ") != 2 {
		t.Errorf("UserAgent() = %q, want three space-separated tokens", ua)
	}
}

func TestGoVersion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"go1.24.0", "1.24.0"},
		{"go1.26.8", "1.26.8"},
		{"devel go1.27-abcdef Tue Jan 1 00:00:00 2026 +0000", "devel"},
		{"", ""},
	} {
		if got := goVersion(tc.in); got != tc.want {
			t.Errorf("goVersion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
