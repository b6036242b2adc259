package awsrequest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
	"github.com/ec2lite/ec2lite/sigv4"
)

func ExampleClient_Do() {
	// A server that throttles the first request, answers the second and
	// refuses the others.
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>`)
		case 2:
			fmt.Fprint(w, `<GetExampleResponse><requestId>r-2</requestId></GetExampleResponse>`)
		default:
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r-3</RequestID></Response>`)
		}
	}))
	defer srv.Close()

	c := &awsrequest.Client{
		// Do not actually wait before the retry in this example.
		Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
	req := &awsrequest.Request{
		Operation: "GetExample",
		URL:       srv.URL + "/",
		Service:   "ec2",
		Region:    "us-east-1",
		Body:      []byte("Action=GetExample&Version=2016-11-15"),
		Credentials: func(context.Context) (sigv4.Credentials, error) {
			return sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}, nil
		},
	}
	err := c.Do(context.Background(), req, func(status int, body []byte) error {
		fmt.Printf("HTTP %d: %s\n", status, body)
		return nil
	})
	fmt.Println("calls:", calls.Load(), "error:", err)

	// A 4xx error is not retried; it comes back as an *ec2xml.APIError.
	err = c.Do(context.Background(), req, func(int, []byte) error { return nil })
	var apiErr *ec2xml.APIError
	fmt.Println(errors.As(err, &apiErr), apiErr.Code)
	fmt.Println(err)
	// Output:
	// HTTP 200: <GetExampleResponse><requestId>r-2</requestId></GetExampleResponse>
	// calls: 2 error: <nil>
	// true UnauthorizedOperation
	// GetExample: UnauthorizedOperation: You are not authorized to perform this operation. (HTTP 403, request id r-3)
}
