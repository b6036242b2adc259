// Package version holds ec2lite's version, for the User-Agent header and the
// CLI's --version output.
package version

import (
	"runtime"
	"strings"
)

// Version is the ec2lite release this tree builds.
const Version = "0.1.0"

// UserAgent returns the User-Agent value ec2lite sends:
// "ec2lite/VERSION go/GOVERSION OS/ARCH", e.g.
// "ec2lite/0.1.0 go/1.24.0 linux/amd64".
func UserAgent() string {
	return "ec2lite/" + Version + " go/" + goVersion(runtime.Version()) + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// goVersion turns runtime.Version's "go1.24.0" into "1.24.0"; a development
// toolchain's "devel go1.25-abcdef Tue …" becomes "devel".
func goVersion(v string) string {
	if f := strings.Fields(v); len(f) > 0 {
		v = f[0]
	}
	return strings.TrimPrefix(v, "go")
}
