// Package session connects a command run to EC2: it resolves region,
// endpoint, retries, timeouts and CA bundle from flags, environment and
// the shared configuration files ([resolveSettings]), the credentials
// ([resolveCredentials]), builds the transport, and returns clients
// ([Session.Connect]); it logs --debug through the attempt log and words a
// failed call as the AWS CLI does ([Session.CallError], errors.go).
//
// It is the CLI's side of the library's one session path: when
// clientvpn builds the *Client from environment and overrides and reports
// each attempt through its hook, this package shrinks to those calls and
// the AWS CLI's wording of errors.
package session
