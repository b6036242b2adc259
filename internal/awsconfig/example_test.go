package awsconfig_test

import (
	"fmt"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

func ExampleParse() {
	f, err := awsconfig.Parse([]byte(`# ~/.aws/config
[profile dev]
region = eu-west-1 # botocore keeps this text
s3 =
  addressing_style = path
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := f.Section("profile dev")
	fmt.Printf("%q\n", s.Values["region"].Text)
	fmt.Println(s.Values["s3"].Sub["addressing_style"])
	// Output:
	// "eu-west-1 # botocore keeps this text"
	// path
}
