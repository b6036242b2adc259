package clientvpn

import (
	"context"
	"errors"
	"fmt"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
	"github.com/ec2lite/ec2lite/query"
)

// operation is what distinguishes one EC2 operation from another: its name,
// what it refuses before sending, how its input is encoded and how its
// answer is decoded. Everything else (signing, sending, retrying, error
// answers, pagination) is shared, so adding an operation is one file holding
// its types, an operation value and its methods.
type operation[In, Out any] struct {
	name string
	// validate checks what EC2 would refuse; in is not nil.
	validate func(in *In) error
	// encode appends the whole form body to dst: Action, Version, then the
	// set members of in in model order (see beginBody). It owns its
	// query.Encoder, which stays on its stack.
	encode func(dst []byte, in *In) []byte
	// decode decodes a success body into a zero *out; nil means the generic,
	// struct-tag driven decoder (see decodeInto).
	decode func(body []byte, out *Out) error
}

// apiVersion is the EC2 API version ec2lite speaks.
const apiVersion = "2016-11-15"

// A DecodeError reports a response body that could not be decoded, with the
// byte offset where decoding stopped and a short snapshot of the body there.
type DecodeError struct {
	Operation string // e.g. "DescribeClientVpnConnections"
	Offset    int64  // byte offset in the body
	Near      string // up to 64 bytes of the body before Offset and 64 after
	Err       error  // the cause, often an *ec2xml.SyntaxError
}

// Error returns the cause and the snapshot, "CAUSE (near "…")", with "at
// byte N: " before the cause unless it is an [ec2xml.SyntaxError] that gives
// the offset itself. The operation and the package are named once, by the
// error of the call that wraps it:
//
//	clientvpn: DescribeClientVpnConnections: decoding response (HTTP 200): ec2xml: syntax error at offset 36: … (near "…")
func (e *DecodeError) Error() string {
	var se *ec2xml.SyntaxError
	if errors.As(e.Err, &se) && se.Offset == e.Offset {
		return fmt.Sprintf("%v (near %q)", e.Err, e.Near)
	}
	return fmt.Sprintf("at byte %d: %v (near %q)", e.Offset, e.Err, e.Near)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// beginBody starts the form body of operation action: Action, Version.
func beginBody(e *query.Encoder, dst []byte, action string) {
	e.Reset(dst, action, apiVersion)
}

// call makes one call: validate, encode, then sign, send, retry and read
// through the client's pipeline, and decode into out (a zero value).
func (op *operation[In, Out]) call(ctx context.Context, c *Client, in *In, out *Out) error {
	if in == nil {
		return fmt.Errorf("clientvpn: %s: nil input", op.name)
	}
	if !c.SkipValidation {
		if err := op.validate(in); err != nil {
			return fmt.Errorf("clientvpn: %s: %w", op.name, err)
		}
	}
	if err := c.init(); err != nil {
		return fmt.Errorf("clientvpn: %s: %w", op.name, err)
	}
	req := awsrequest.Request{
		Operation:   op.name,
		URL:         c.url,
		Service:     service,
		Region:      c.Region,
		Body:        op.encode(make([]byte, 0, 256), in),
		Credentials: c.creds,
	}
	err := c.pipe.Do(ctx, &req, func(_ int, body []byte) error {
		if op.decode != nil {
			return op.decode(body, out)
		}
		return decodeInto(op.name, body, out)
	})
	if err != nil {
		return fmt.Errorf("clientvpn: %w", err)
	}
	return nil
}

// run is call with a new output: the body of every operation method.
func (op *operation[In, Out]) run(ctx context.Context, c *Client, in *In) (*Out, error) {
	out := new(Out)
	if err := op.call(ctx, c, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// check is the dry run of an operation: the call with DryRun forced on (a
// copy of *in), read with [DryRunAllowed].
func (op *operation[In, Out]) check(ctx context.Context, c *Client, in *In, dryRun func(*In) *query.Bool) (bool, error) {
	var dry *In // nil stays nil, to be refused
	if in != nil {
		cp := *in
		*dryRun(&cp) = query.True
		dry = &cp
	}
	_, err := op.run(ctx, c, dry)
	return DryRunAllowed(err)
}

// validMaxResults checks a MaxResults of 5-1000 (zero: not set).
func validMaxResults(n int32) error {
	if n != 0 && (n < 5 || n > 1000) {
		return fmt.Errorf("MaxResults is %d; it must be within 5-1000 when set", n)
	}
	return nil
}

// encodeFilters writes Filter.N.Name and Filter.N.Value.M.
func encodeFilters(e *query.Encoder, filters []Filter) {
	for i, f := range filters {
		m := e.Item("Filter", i+1)
		if f.Name != "" {
			e.String("Name", f.Name)
		}
		e.Strings("Value", f.Values)
		e.End(m)
	}
}

// encodeDryRun writes DryRun when it is set.
func encodeDryRun(e *query.Encoder, b query.Bool) {
	if b.IsSet() {
		e.Bool("DryRun", b.Value())
	}
}
