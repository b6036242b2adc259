// Package ops runs the EC2 operations of ec2lite
// (describe-client-vpn-connections, terminate-client-vpn-connections,
// describe-client-vpn-endpoints), described as data in [Ops]: each one's
// command name, EC2 name, members (model order, with their kinds), paged
// list, help and skeleton. One generic path serves them all ([Run]): flags
// and --cli-input-json to botocore-style parameters, botocore's validation
// into the typed input, the call (with pagination), and the decoded output
// into the value tree the writers print (tree.go).
package ops
