package output

import (
	"fmt"
	"io"
	"math/big"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// formatError is a failure to format a value: either a value outside the
// tree's types, or a shape on which the AWS CLI's formatter raises a Python
// exception. Error returns the text the AWS CLI prints for it.
type formatError struct {
	msg string
}

func (e *formatError) Error() string { return e.msg }

// isScalar reports whether v is neither a list nor an object, like the AWS
// CLI's `not isinstance(v, (list, dict))`.
func isScalar(v any) bool {
	switch v.(type) {
	case []any, *awscli.Object:
		return false
	}
	return true
}

// checkValue returns an error for a value outside the tree's types.
func checkValue(v any) error {
	switch v.(type) {
	case nil, string, bool, int, int64, *big.Int, float64, []any, *awscli.Object, *jmespath.Expref:
		return nil
	}
	return &formatError{fmt.Sprintf("ec2lite: cannot format a value of type %T", v)}
}

// writeOnce writes b to w, reporting short writes as errors.
func writeOnce(w io.Writer, b []byte) error {
	n, err := w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	return err
}
