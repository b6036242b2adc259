package query

import (
	"encoding/base64"
	"math"
	"strconv"
	"time"
)

// An Encoder appends the members of one EC2 Query request to a form body.
//
// Each method writes one "&key=value" pair, or several for a list, where key
// is the current prefix (see [Encoder.Begin] and [Encoder.Item]) followed by
// name. The methods write unconditionally: the caller skips members that are
// not set. Inside [Encoder.Item] or [Encoder.Begin], a method called with an
// empty name writes the prefix itself, for lists of scalars other than
// strings ([Encoder.Strings] writes those in one call):
//
//	for i, p := range ports {
//		m := e.Item("Port", i+1)
//		e.Int("", int64(p)) // Port.1=22
//		e.End(m)
//	}
//
// The zero Encoder is not ready for use; call [Encoder.Reset] first.
// An Encoder may be reused for another body after Reset. It is not safe for
// concurrent use.
type Encoder struct {
	buf    []byte
	prefix []byte // the escaped key prefix, ending in '.' when not empty
}

// Reset starts a new body appended to dst: "Action=action&Version=version".
func (e *Encoder) Reset(dst []byte, action, version string) {
	e.buf = dst
	e.prefix = e.prefix[:0]
	e.buf = append(e.buf, "Action="...)
	e.buf = appendEscaped(e.buf, action)
	e.buf = append(e.buf, "&Version="...)
	e.buf = appendEscaped(e.buf, version)
}

// Bytes returns the body: dst as given to [Encoder.Reset] with the encoded
// parameters appended. The result aliases the encoder's buffer until the next Reset.
func (e *Encoder) Bytes() []byte { return e.buf }

// key appends "&<prefix><name>=", or "&<prefix without its final dot>="
// when name is empty.
func (e *Encoder) key(name string) {
	e.buf = append(e.buf, '&')
	if name == "" && len(e.prefix) > 0 {
		e.buf = append(e.buf, e.prefix[:len(e.prefix)-1]...)
	} else {
		e.buf = append(e.buf, e.prefix...)
		e.buf = appendEscaped(e.buf, name)
	}
	e.buf = append(e.buf, '=')
}

// String writes name=v, percent-encoded.
func (e *Encoder) String(name, v string) {
	e.key(name)
	e.buf = appendEscaped(e.buf, v)
}

// Bool writes name=true or name=false.
func (e *Encoder) Bool(name string, v bool) {
	e.key(name)
	e.buf = strconv.AppendBool(e.buf, v)
}

// Int writes a signed integer in decimal.
func (e *Encoder) Int(name string, v int64) {
	e.key(name)
	e.buf = strconv.AppendInt(e.buf, v, 10)
}

// Uint writes an unsigned integer in decimal.
func (e *Encoder) Uint(name string, v uint64) {
	e.key(name)
	e.buf = strconv.AppendUint(e.buf, v, 10)
}

// Float writes a float or double as botocore does: Python's repr of the
// value ("10.8", "1e+16", "1.5e-05", "3.0"), and NaN, Infinity or -Infinity.
func (e *Encoder) Float(name string, v float64) {
	e.key(name)
	e.buf = appendPythonFloat(e.buf, v)
}

// Time writes t in ISO 8601 in UTC, the EC2 default timestamp format:
// 2015-01-25T08:00:00Z, or with six fractional digits when t has a non-zero
// microsecond (2015-01-25T08:00:00.123456Z); nanoseconds below a microsecond
// are dropped, as botocore's datetime has none.
func (e *Encoder) Time(name string, t time.Time) {
	e.key(name)
	t = t.UTC()
	layout := "2006-01-02T15:04:05Z"
	if t.Nanosecond()/1000 != 0 {
		t = t.Truncate(time.Microsecond)
		layout = "2006-01-02T15:04:05.000000Z"
	}
	// ':' is escaped to %3A, so format into the body and escape in place.
	var tmp [32]byte
	e.buf = appendEscapedBytes(e.buf, t.AppendFormat(tmp[:0], layout))
}

// EpochSeconds writes t as whole seconds since the Unix epoch, for members
// with the epoch-seconds timestampFormat trait.
func (e *Encoder) EpochSeconds(name string, t time.Time) {
	e.key(name)
	e.buf = strconv.AppendInt(e.buf, t.Unix(), 10)
}

// Blob writes b in standard base64 (with padding), percent-encoded.
func (e *Encoder) Blob(name string, b []byte) {
	e.key(name)
	n := base64.StdEncoding.EncodedLen(len(b))
	var small [64]byte
	var tmp []byte
	if n <= len(small) {
		tmp = small[:n]
	} else {
		tmp = make([]byte, n)
	}
	base64.StdEncoding.Encode(tmp, b)
	e.buf = appendEscapedBytes(e.buf, tmp)
}

// Strings writes a flattened list of strings: name.1=vs[0], name.2=vs[1], ...
// An empty list writes nothing.
func (e *Encoder) Strings(name string, vs []string) {
	for i, v := range vs {
		e.buf = append(e.buf, '&')
		e.buf = append(e.buf, e.prefix...)
		e.buf = appendEscaped(e.buf, name)
		e.buf = append(e.buf, '.')
		e.buf = strconv.AppendInt(e.buf, int64(i+1), 10)
		e.buf = append(e.buf, '=')
		e.buf = appendEscaped(e.buf, v)
	}
}

// A Mark records a key prefix, to be restored by [Encoder.End].
type Mark int

// Begin enters the nested structure name: the members written until the
// matching [Encoder.End] get keys "name.Member". It returns the mark to pass to End.
//
//	m := e.Begin("Placement")
//	e.String("AvailabilityZone", az) // Placement.AvailabilityZone=...
//	e.End(m)
func (e *Encoder) Begin(name string) Mark {
	m := e.mark()
	e.prefix = appendEscaped(e.prefix, name)
	e.prefix = append(e.prefix, '.')
	return m
}

// Item enters element i (1-based) of the flattened list of structures name:
// members written until the matching [Encoder.End] get keys "name.i.Member".
//
//	for i, f := range filters {
//		m := e.Item("Filter", i+1)
//		e.String("Name", f.Name)      // Filter.1.Name=...
//		e.Strings("Value", f.Values)  // Filter.1.Value.1=...
//		e.End(m)
//	}
func (e *Encoder) Item(name string, i int) Mark {
	m := e.mark()
	e.prefix = appendEscaped(e.prefix, name)
	e.prefix = append(e.prefix, '.')
	e.prefix = strconv.AppendInt(e.prefix, int64(i), 10)
	e.prefix = append(e.prefix, '.')
	return m
}

// mark returns the current prefix length, giving the prefix room to grow
// without reallocation on first use.
func (e *Encoder) mark() Mark {
	if e.prefix == nil {
		e.prefix = make([]byte, 0, 64)
	}
	return Mark(len(e.prefix))
}

// End leaves the structure or list element entered by the [Encoder.Begin]
// or [Encoder.Item] call that returned m.
func (e *Encoder) End(m Mark) {
	if int(m) <= len(e.prefix) && m >= 0 {
		e.prefix = e.prefix[:m]
	}
}

// appendPythonFloat formats v like Python 3's repr(float): the shortest
// round-tripping digits, in fixed notation when the decimal exponent is in
// [-4, 16) (always with a fractional part, "3.0"), scientific otherwise
// ("1e+16", "1.5e-05": at least two exponent digits).
func appendPythonFloat(dst []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, "NaN"...)
	case math.IsInf(v, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(v, -1):
		return append(dst, "-Infinity"...)
	}
	var tmp [32]byte
	s := strconv.AppendFloat(tmp[:0], v, 'e', -1, 64) // [-]d[.ddd]e±XX
	if s[0] == '-' {
		dst = append(dst, '-')
		s = s[1:]
	}
	epos := 0
	for epos < len(s) && s[epos] != 'e' {
		epos++
	}
	mant, exps := s[:epos], s[epos+1:]
	exp, _ := strconv.Atoi(string(exps))
	var dbuf [24]byte
	digits := dbuf[:0]
	for _, c := range mant {
		if c != '.' {
			digits = append(digits, c)
		}
	}
	if exp < -4 || exp >= 16 {
		dst = append(dst, digits[0])
		if len(digits) > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		} else {
			dst = append(dst, '+')
		}
		if exp < 10 {
			dst = append(dst, '0')
		}
		return strconv.AppendInt(dst, int64(exp), 10)
	}
	if exp < 0 {
		dst = append(dst, "0."...)
		for i := -1; i > exp; i-- {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	}
	// exp >= 0: integer part is digits[:exp+1], zero-padded.
	for i := 0; i <= exp; i++ {
		if i < len(digits) {
			dst = append(dst, digits[i])
		} else {
			dst = append(dst, '0')
		}
	}
	dst = append(dst, '.')
	if exp+1 < len(digits) {
		return append(dst, digits[exp+1:]...)
	}
	return append(dst, '0')
}
