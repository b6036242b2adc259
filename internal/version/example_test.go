package version_test

import (
	"fmt"
	"strings"

	"github.com/ec2lite/ec2lite/internal/version"
)

func ExampleUserAgent() {
	ua := version.UserAgent()
	fmt.Println(strings.HasPrefix(ua, "ec2lite/"+version.Version+" go/"))
	// Output: true
}
