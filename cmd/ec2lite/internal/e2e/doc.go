// Package e2e holds black-box tests of the ec2lite command: they build the
// binary once (TestMain runs go build on github.com/ec2lite/ec2lite/cmd/ec2lite)
// and run it as a user would, with a controlled environment (no inherited
// AWS_* variables; HOME is a fresh temporary directory holding the test's own
// config and credentials files), against servers started inside the test on
// 127.0.0.1: net/http/httptest servers that stall, redirect, loop their
// pagination tokens, list a connection twice or echo tokens back, and the
// command's own fake-endpoint. Nothing here reads the command's internals, so
// the tests hold however cmd/ec2lite is laid out.
//
// Every run of the binary has a deadline (a hang is a failure, not a stuck
// test), every server and child process is stopped by t.Cleanup, and every
// loop is bounded.
//
// Where the expected answer is the AWS CLI's, it is a golden file in
// testdata/: what AWS CLI v2 printed (its stdout, stderr and exit code, with
// AWS CLI v1's beside it for reference), recorded against the same servers.
// testdata/README.md gives the recording command and the normalisation applied
// before comparing (the server URLs and the temporary HOME become placeholders,
// and v2's "aws" program name and usage banner become ec2lite's). The AWS CLI
// is needed only to record, never to test.
//
// Run them with
//
//	go test ./cmd/ec2lite/internal/e2e/
//
// and re-record the goldens with
//
//	go test ./cmd/ec2lite/internal/e2e/ -run TestDropIn -record
package e2e
