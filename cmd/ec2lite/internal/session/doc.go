// Package session connects a command run to EC2 on the library's one
// session path. [Open] builds the client with clientvpn.NewFromOptions:
// the environment and the shared files as the AWS CLI reads them, with the
// command line's overrides (--profile, --region, --endpoint-url, the
// timeouts, --ca-bundle, --no-verify-ssl), and words its errors as the AWS
// CLI does, before parameter validation as the AWS CLI orders them; with
// --demo it starts the in-process fake endpoint. [Session.Connect] resolves
// the credentials once, after parameter validation, as botocore does (the
// client keeps the refreshing credential cache); a fleet's clients of other
// regions come from [Session.Client] (clientvpn.Client.ForRegion). --debug
// and --no-verify-ssl's warning come from the client's attempt hook
// (debug.go), which also keeps the last attempt for the AWS CLI's wording of
// a failed call ([Session.CallError], errors.go).
package session
