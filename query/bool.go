package query

import "strconv"

// Bool is an optional boolean: [Unset] (the zero value), [True] or [False].
//
// EC2 inputs use plain values in which the zero value means "not set". A
// boolean is the exception: the AWS CLI's --no-dry-run sends DryRun=false,
// which differs from not sending DryRun at all, so the input needs three
// states. Assign [True] or [False], or convert a bool with [BoolOf].
type Bool uint8

// The three values of a [Bool].
const (
	Unset Bool = iota // not sent
	True              // sent as "true"
	False             // sent as "false"
)

// BoolOf returns [True] or [False].
func BoolOf(v bool) Bool {
	if v {
		return True
	}
	return False
}

// IsSet reports whether b is [True] or [False].
func (b Bool) IsSet() bool { return b == True || b == False }

// Value reports whether b is [True]; it is false for [Unset] and [False].
func (b Bool) Value() bool { return b == True }

// String returns "true", "false" or "unset".
func (b Bool) String() string {
	switch b {
	case True:
		return "true"
	case False:
		return "false"
	case Unset:
		return "unset"
	}
	return "Bool(" + strconv.Itoa(int(b)) + ")"
}
