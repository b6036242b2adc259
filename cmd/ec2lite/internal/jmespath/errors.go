package jmespath

import (
	"fmt"
	"strings"
)

// A ParseError reports an expression that does not compile. Its Error method
// returns the text of the exception jmespath.py raises for the same
// expression: a parse error with the expression and a caret under the
// column, a lexer error ("Bad jmespath expression: Unknown token #: ..."),
// an incomplete expression, an empty expression, or Python's "maximum
// recursion depth exceeded" for expressions nested too deeply.
type ParseError struct {
	// Expression is the expression that failed to compile.
	Expression string
	// Offset is the position of the error in Expression, counted in code
	// points as jmespath.py counts them.
	Offset int

	msg string
}

func (e *ParseError) Error() string { return e.msg }

// An Error reports a failure while evaluating a compiled expression: a
// function given an argument of the wrong type, an unknown function, the
// wrong number of arguments, or a Python exception jmespath.py lets through
// (comparing a string with a number, a zero slice step). Its Error method
// returns the text of the exception jmespath.py raises for the same
// expression and data, as the AWS CLI prints it.
type Error struct {
	msg string
}

func (e *Error) Error() string { return e.msg }

func runtimeErr(format string, args ...any) *Error {
	return &Error{fmt.Sprintf(format, args...)}
}

// typeError is jmespath.py's JMESPathTypeError.
func typeError(fn string, value any, actual string, expected []string) *Error {
	var b strings.Builder
	b.WriteByte('[')
	for i, t := range expected {
		if i > 0 {
			b.WriteString(", ")
		}
		PyReprString(&b, t)
	}
	b.WriteByte(']')
	return &Error{fmt.Sprintf("In function %s(), invalid type for value: %s, expected one of: %s, received: \"%s\"",
		fn, PyStr(value), b.String(), actual)}
}

const recursionMsg = "maximum recursion depth exceeded"

// parseError is jmespath.py's ParseError.
func parseError(expr string, pos int, value, typ, msg string) *ParseError {
	return &ParseError{Expression: expr, Offset: pos, msg: fmt.Sprintf(
		"%s: Parse error at column %d, token \"%s\" (%s), for expression:\n\"%s\"\n%s^",
		msg, pos, value, strings.ToUpper(typ), expr, strings.Repeat(" ", pos+1))}
}

// incompleteError is jmespath.py's IncompleteExpressionError.
func incompleteError(expr string, runes int) *ParseError {
	return &ParseError{Expression: expr, Offset: runes, msg: fmt.Sprintf(
		"Invalid jmespath expression: Incomplete expression:\n\"%s\"\n%s^", expr, strings.Repeat(" ", runes+1))}
}

// lexerError is jmespath.py's LexerError.
func lexerError(expr string, pos int, msg string) *ParseError {
	return &ParseError{Expression: expr, Offset: pos, msg: fmt.Sprintf(
		"Bad jmespath expression: %s:\n%s\n%s^", msg, expr, strings.Repeat(" ", pos))}
}
