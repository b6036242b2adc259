package ec2xml

import (
	"errors"
	"strconv"
)

// ErrMaxDepth is matched (with errors.Is) by the [*SyntaxError] returned when
// elements nest deeper than [Decoder.MaxDepth].
var ErrMaxDepth = errors.New("ec2xml: maximum nesting depth exceeded")

// ErrTooLarge is matched (with errors.Is) by the error of a response body
// that exceeds its reader's limit (the clientvpn client's MaxResponseBytes).
var ErrTooLarge = errors.New("ec2xml: response body too large")

// A SyntaxError reports malformed, truncated or unsupported input.
// Offset is the byte offset in the input at which the problem was detected;
// for unexpected end of input it is the input's length.
type SyntaxError struct {
	Offset int64
	Msg    string

	err error // a sentinel such as ErrMaxDepth, for errors.Is
}

// Error returns "ec2xml: syntax error at offset N: MSG".
func (e *SyntaxError) Error() string {
	return "ec2xml: syntax error at offset " + strconv.FormatInt(e.Offset, 10) + ": " + e.Msg
}

// Unwrap returns [ErrMaxDepth] for a nesting error and nil otherwise.
func (e *SyntaxError) Unwrap() error { return e.err }
