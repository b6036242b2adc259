// Package jmespath evaluates JMESPath expressions as the AWS CLI does.
//
// The AWS CLI evaluates --query with Python's jmespath package (version
// 1.1.0). This package is a port of it: the same grammar with the same
// leniencies (legacy backtick literals that are not JSON are strings; the
// arguments of a function and the pairs of a multi-select hash need no
// commas), the same results, and the same errors, with the text of
// jmespath.py's exceptions. It passes the JMESPath compliance suite, and a
// differential test compares it with jmespath.py on random queries.
//
// # Values
//
// Expressions are evaluated over, and return, the tree of values the CLI
// prints:
//
//	nil                 null
//	string              a string
//	bool                true or false
//	int64, int, uint64  an integer; *big.Int for any size
//	float64             a number with a fraction or an exponent
//	[]any               a list
//	*Object             an object that keeps its keys in insertion order
//
// Results use int64 for integers that fit and *big.Int for the others, so
// that sum() of 64-bit counters is exact, as in Python. Integers and floats
// stay apart as in Python: `1.0` is a float, avg() returns a float, ceil()
// and floor() return integers. Objects built by an expression (multi-select
// hashes, merge(), literals) keep their keys in the order Python's dict
// would: the expression's order, then first insertion. An expression
// reference that ends up in a result, as in the query "&Username", is an
// *Expref.
//
// # Python's texts
//
// [PyStr], [PyRepr], [PyReprString], [PyFloat] and [AppendPyJSONString]
// write values as Python's str(), repr() and json.dumps do, and
// [PyTypeName] and [PyIsSpace] are type(v).__name__ and str.isspace; the
// CLI's output and messages use them too, so that each text is written in
// one place.
//
// # Errors
//
// [Compile] returns a *ParseError for an expression that does not parse,
// including the empty expression; the AWS CLI reports these before sending
// any request. [Expression.Search] returns an *Error for a failure while
// evaluating: a function given a value of the wrong type, an unknown
// function, the wrong number of arguments (jmespath.py checks function names
// and arity only when the function is called), or a Python exception that
// jmespath.py lets through, such as comparing a string with a number using
// "<". The Error method of both returns the text the AWS CLI prints for the
// exception.
//
// Expressions nested more deeply than Python's recursion limit allows (about
// 500 parentheses, 330 lists, literals 987 deep) fail to compile with
// "maximum recursion depth exceeded", as they do in the AWS CLI; so results
// are never nested much more deeply than the data searched.
package jmespath
