package sigv4_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
)

func ExampleSigner_Sign() {
	body := "Action=DescribeRegions&Version=2016-11-15"
	req, err := http.NewRequest(http.MethodPost, "https://ec2.us-east-1.amazonaws.com/", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")

	var signer sigv4.Signer // the zero value is ready; keep one per client
	err = signer.Sign(req, sigv4.Input{
		Credentials: sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
		Service:     "ec2",
		Region:      "us-east-1",
		PayloadHash: sigv4.HashPayload([]byte(body)),
		Time:        time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), // normally time.Now()
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(req.Header.Get("X-Amz-Date"))
	fmt.Println(req.Header.Get("Authorization"))
	// Output:
	// 20261125T120000Z
	// AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=c8f20b6ded9f3dad41c29e77f417f27f3aad9106b8e6a745b811a99cd9e5cfcf
}

// The signature agrees with botocore's SigV4QueryAuth for the same request.
func ExampleSigner_Presign() {
	req, err := http.NewRequest(http.MethodGet, "https://ec2.us-east-1.amazonaws.com/?Action=DescribeRegions&Version=2016-11-15", nil)
	if err != nil {
		panic(err)
	}
	var signer sigv4.Signer
	u, err := signer.Presign(req, sigv4.Input{
		Credentials: sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
		Service:     "ec2",
		Region:      "us-east-1",
		PayloadHash: sigv4.HashPayload(nil),
		Time:        time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC),
	}, 15*time.Minute)
	if err != nil {
		panic(err)
	}
	for _, p := range strings.Split(u.RawQuery, "&") {
		fmt.Println(p)
	}
	// Output:
	// Action=DescribeRegions
	// Version=2016-11-15
	// X-Amz-Algorithm=AWS4-HMAC-SHA256
	// X-Amz-Credential=AKIDEXAMPLE%2F20261125%2Fus-east-1%2Fec2%2Faws4_request
	// X-Amz-Date=20261125T120000Z
	// X-Amz-SignedHeaders=host
	// X-Amz-Expires=900
	// X-Amz-Signature=e1d99f7ca7f43cd97cf75c57b763f63666659292d1ecb9dac4e8f2ddbbe993fd
}

func ExampleHashPayload() {
	fmt.Println(sigv4.HashPayload(nil))
	fmt.Println(sigv4.HashPayload([]byte("Param1=value1")))
	// Output:
	// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
	// 9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e
}
