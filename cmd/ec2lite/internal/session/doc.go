// Package session connects a command run to EC2 on the library's one
// session path. [Open] checks the settings of the command line and the
// profile (region, endpoint URL, timeouts, retries, CA bundle) with the AWS
// CLI's messages, in the AWS CLI's order (before parameter validation);
// with --demo it starts the in-process fake endpoint. [Session.Connect] (an
// operation's sequential calls) and [Session.ConnectFleet] (a fleet's
// concurrent calls) build the client with clientvpn.NewFromOptions, those
// settings as its overrides, and resolve the credentials once, after
// parameter validation, as botocore does. --debug and --no-verify-ssl's
// warning come from the client's attempt hook (debug.go), which also keeps
// the last attempt for the AWS CLI's wording of a failed call
// ([Session.CallError], errors.go).
//
// What the CLI still reads itself: Open reads the profile's region,
// endpoint URL, FIPS and dual-stack flags, max attempts, timeouts and CA
// bundle to word their errors as the AWS CLI does, before the library
// reads them again.
package session
