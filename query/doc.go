// Package query encodes request bodies of the Amazon EC2 Query protocol.
//
// An EC2 request is an application/x-www-form-urlencoded POST body: Action and
// Version first, then the operation's input members in model order. Lists are
// always flattened and numbered from 1 (Filter.1.Name, Filter.1.Value.1),
// nested structures join member names with dots, booleans are true and false,
// timestamps ISO 8601 in UTC, blobs base64. An empty list sends nothing.
//
// [Encoder] appends such a body to a caller's []byte, percent-encoding keys and
// values exactly as botocore (and so the AWS CLI) does: Python's
// urllib.parse.quote_plus, which keeps A-Z a-z 0-9 and "_.-~", writes a space as
// "+" and every other byte of the UTF-8 text as %XX with upper-case hex ("*"
// becomes %2A). For the same input, the bytes are the ones the AWS CLI sends.
//
// The encoder knows nothing about operations: an operation's codec calls one
// method per member, in model order, and decides itself which members are set
// (in ec2lite inputs the zero value means "not set"; see [Bool] for the one
// case where false must be told from unset).
package query
