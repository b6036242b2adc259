package clientvpn

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// Members is a set of the members of one struct type, one bit per member in
// EC2 model order: it records which members a response contained as empty
// elements. It is how decoded values tell "absent" from "empty".
//
// Fields are plain values. In an input, a zero value means "not set"; the one
// exception is DryRun, a [github.com/ec2lite/ec2lite/query.Bool] (Unset,
// True or False), because the AWS CLI's --no-dry-run sends DryRun=false.
//
// In a decoded output, a non-empty field was present in EC2's answer; but the
// AWS CLI (and any faithful printer) tells an absent element (key omitted)
// from an empty one (<username/>, printed as ""; <postureComplianceStatusSet/>,
// printed as []), and a zero field cannot say which. So every decoded struct
// ([DescribeClientVpnConnectionsOutput], [Connection], [ConnectionStatus], and
// those of the other operations, such as [ClientVpnEndpoint]) carries an
// Empty field of this type, and [Has] answers with EC2 model member names.
// For boolean and integer members, Empty records those present as false or 0
// (<splitTunnel>false</splitTunnel>):
//
//	if clientvpn.Has(c, "ClientIpv6Address") { ... }  // present, possibly ""
//
// Has reports a member present when its field is non-zero or it is in Empty.
// Values built by hand therefore need no presence bookkeeping (a set field is
// present, an unset one absent), and a decoded value compares equal to the
// same value built by hand unless EC2 sent empty elements. [MarkPresent] adds
// a member to Empty when a hand-built value must show an empty element.
//
// The members of a struct are its leading fields with an ec2 struct tag (the
// element name EC2 sends); field i is bit i.
type Members uint64

func (m Members) has(i int) bool { return m&(1<<uint(i)) != 0 }

// Has reports whether member (an EC2 model member name such as "Username",
// "SplitTunnel" or "PostureComplianceStatuses") was present in the response
// v was decoded from, even if empty, false or 0. v is a decoded struct of
// this package ([Connection], [ClientVpnEndpoint], an output, …) or a
// pointer to one. Has is false for a name that is not a member of v's type
// (names are case-sensitive) and for a v of any other type.
func Has(v any, member string) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return false
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return false
	}
	si := infoOf(rv.Type())
	i, ok := si.names[member]
	if !ok || si.empty < 0 {
		return false
	}
	return Members(rv.Field(si.empty).Uint()).has(i) || !rv.Field(i).IsZero()
}

// MarkPresent records member as present in *v even when its field is zero,
// for a value built by hand that must show an empty element. v is a pointer
// to a struct of this package with an Empty field; names that are not
// members of its type are ignored. MarkPresent panics if v is not such a
// pointer.
func MarkPresent(v any, member string) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("clientvpn: MarkPresent of %T, not a pointer to a struct", v))
	}
	rv = rv.Elem()
	si := infoOf(rv.Type())
	if si.empty < 0 {
		panic("clientvpn: MarkPresent of *" + rv.Type().String() + ", which has no Empty field")
	}
	if i, ok := si.names[member]; ok {
		f := rv.Field(si.empty)
		f.SetUint(f.Uint() | 1<<uint(i))
	}
}

// Filter is a filter of a Describe call: a name and the values it matches.
// A filter without values is sent with its name only.
type Filter struct {
	Name   string
	Values []string
}

// TimeLayout is the layout of the times EC2 sends for Client VPN
// connections, in UTC: "2019-08-12 07:57:14".
const TimeLayout = "2006-01-02 15:04:05"

// A ParseError reports a wire value that a typed accessor could not parse.
type ParseError struct {
	Member string // the model member name, e.g. "IngressBytes"
	Value  string // the value as EC2 sent it
	Err    error  // the underlying error
}

func (e *ParseError) Error() string {
	return "clientvpn: bad " + e.Member + " " + strconv.Quote(e.Value) + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// errEmpty is the reason given for an absent or empty value.
var errEmpty = emptyError{}

type emptyError struct{}

func (emptyError) Error() string { return "empty or absent" }

func parseTime(member, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, &ParseError{member, s, errEmpty}
	}
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}, &ParseError{member, s, err}
	}
	return t, nil
}

func parseCount(member, s string) (uint64, error) {
	if s == "" {
		return 0, &ParseError{member, s, errEmpty}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, &ParseError{member, s, err}
	}
	return n, nil
}
