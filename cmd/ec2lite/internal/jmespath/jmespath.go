package jmespath

// Expression is a compiled JMESPath expression. It is safe for concurrent
// use by multiple goroutines.
type Expression struct {
	expr string
	root *node
}

// Compile parses a JMESPath expression. A failure is a *ParseError whose
// text is what jmespath.py raises for it, the empty expression included.
// Compile does not check function names or the number of arguments:
// jmespath.py reports those only when the function is called, as Search
// does.
func Compile(expr string) (*Expression, error) {
	root, err := parse(expr)
	if err != nil {
		return nil, err
	}
	return &Expression{expr: expr, root: root}, nil
}

// MustCompile is like Compile but panics if the expression does not parse.
func MustCompile(expr string) *Expression {
	e, err := Compile(expr)
	if err != nil {
		panic("jmespath: Compile(" + expr + "): " + err.Error())
	}
	return e
}

// String returns the source text of the expression.
func (e *Expression) String() string { return e.expr }

// Search evaluates the expression against data, a value of the tree
// described in the package documentation, and returns the result in the
// same tree. The result may share lists, objects and literal values with
// data and with the expression: callers must not modify it. A failure is an
// *Error.
func (e *Expression) Search(data any) (any, error) {
	in := interp{}
	return in.visit(e.root, data)
}

// Search compiles expr and evaluates it against data.
func Search(expr string, data any) (any, error) {
	e, err := Compile(expr)
	if err != nil {
		return nil, err
	}
	return e.Search(data)
}
