package output

// The JMESPath bridge: --query compiled and searched with ec2lite's own
// engine (package jmespath, a port of jmespath.py 1.1.0), which searches the
// tree as it is and keeps its key order.

import "github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"

// Query is a compiled --query expression. It is safe for concurrent use.
type Query struct {
	expr *jmespath.Expression
}

// CompileQuery compiles the --query expression q. Its error is a
// *QueryError worded as the AWS CLI words it.
func CompileQuery(q string) (*Query, error) {
	expr, err := jmespath.Compile(q)
	if err != nil {
		return nil, &QueryError{msg: "Bad value for --query " + q + ": " + err.Error()}
	}
	return &Query{expr: expr}, nil
}

// Search applies q to the tree v and returns the result, a tree that may
// share values with v. A failure is a *jmespath.Error whose text is
// jmespath.py's, as the AWS CLI prints it (exit 255).
func (q *Query) Search(v any) (any, error) {
	return q.expr.Search(v)
}

// QueryError is a --query expression that does not compile. Its text is the
// AWS CLI's (exit 252): "Bad value for --query Q: " and the text of
// jmespath.py's exception.
type QueryError struct{ msg string }

func (e *QueryError) Error() string { return e.msg }
