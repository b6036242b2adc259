package awscli

import (
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// TestPyInt checks PyInt against Python 3.11's int(s): every row's value
// and outcome were printed by python3 (rows beyond int64 are ones Python
// accepts and ec2lite refuses).
func TestPyInt(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"\uff15", 5, true},
		{"1_000", 1000, true},
		{"_1", 0, false},
		{"1_", 0, false},
		{"1__0", 0, false},
		{"+_1", 0, false},
		{"-0", 0, true},
		{" 12 ", 12, true},
		{"\u00a012\u3000", 12, true},
		{"\u0661\u0662", 12, true},
		{"1\u0662", 12, true},
		{"0_0", 0, true},
		{"00", 0, true},
		{"+", 0, false},
		{"-", 0, false},
		{"", 0, false},
		{"1 2", 0, false},
		{"\u001c5\u001f", 0, false},
		{"\u200b5", 0, false},
		{"\uff11_\uff12", 12, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false /* beyond int64 */},
		{"-9223372036854775808", -9223372036854775808, true},
		{"-9223372036854775809", 0, false /* beyond int64 */},
		{"\u0663_\u0663", 33, true},
		{"0x10", 0, false},
		{"1.0", 0, false},
		{"\U0001d7ce\U0001d7d9", 1, true},
		{"\u00b2", 0, false},
		{"\u2155", 0, false},
		{"\u0e53", 3, true},
		{"\U0001fbf5", 5, true},
		{"\u0009\u000a\u000b\u000c\u000d7\u000d", 7, true},
		{"\u00857\u0085", 7, true},
		{"- 1", 0, false},
		{"+-1", 0, false},
		{"1_0_0", 100, true},
		{"\uff11\uff12\uff13\uff14\uff15", 12345, true},
		{"\u06f1\u0967\u0be7", 111, true},
		{"18446744073709551616", 0, false /* beyond int64 */},
		{"99999999999999999999", 0, false /* beyond int64 */},
		{"1e3", 0, false},
		{" ", 0, false},
		{"_", 0, false},
		{"\u007f1", 0, false},
	}
	for _, c := range cases {
		got, ok := PyInt(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("PyInt(%q) = %d, %v; Python's int(): %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// FuzzPyInt: PyInt never panics, agrees with strconv.ParseInt on ASCII
// input without underscores (after int()'s ASCII white space is stripped),
// and reads any string of Unicode decimal digits as its ASCII twin.
func FuzzPyInt(f *testing.F) {
	for _, s := range []string{"５", "1_000", " -12 ", "٣_٣", "9223372036854775807", "-9223372036854775808", "+_1", "\x1c5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := PyInt(s)
		ascii := true
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x7f || s[i] == '_' {
				ascii = false
			}
		}
		if ascii {
			want, err := strconv.ParseInt(strings.Trim(s, " \t\n\v\f\r"), 10, 64)
			if ok != (err == nil) || ok && got != want {
				t.Errorf("PyInt(%q) = %d, %v; strconv.ParseInt: %d, %v", s, got, ok, want, err)
			}
		}
		if !ok {
			return
		}
		var twin strings.Builder
		for _, c := range s {
			if d, isDigit := pyDecimal(c); isDigit {
				twin.WriteByte(byte('0' + d))
			} else {
				twin.WriteRune(c)
			}
		}
		if n, ok2 := PyInt(twin.String()); !ok2 || n != got {
			t.Errorf("PyInt(%q) = %d but PyInt(%q) = %d, %v", s, got, twin.String(), n, ok2)
		}
	})
}

// TestPySlice checks pySliceFrom and pySliceTo against Python's l[i:] and
// l[:i] for l = [0, 1, 2, 3, 4], as python3 printed them.
func TestPySlice(t *testing.T) {
	l := []int{0, 1, 2, 3, 4}
	cases := []struct {
		i        int64
		from, to []int
	}{
		{-7, []int{0, 1, 2, 3, 4}, []int{}},
		{-5, []int{0, 1, 2, 3, 4}, []int{}},
		{-2, []int{3, 4}, []int{0, 1, 2}},
		{0, []int{0, 1, 2, 3, 4}, []int{}},
		{3, []int{3, 4}, []int{0, 1, 2}},
		{5, []int{}, []int{0, 1, 2, 3, 4}},
		{9, []int{}, []int{0, 1, 2, 3, 4}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.from, pySliceFrom(l, c.i)); diff != "" {
			t.Errorf("l[%d:] mismatch (-want +got):\n%s", c.i, diff)
		}
		if diff := cmp.Diff(c.to, pySliceTo(l, c.i)); diff != "" {
			t.Errorf("l[:%d] mismatch (-want +got):\n%s", c.i, diff)
		}
	}
}

// TestPyType checks PyType against Python's str(type(v)) for each kind of
// tree value.
func TestPyType(t *testing.T) {
	expref, err := jmespath.Compile("&a")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := expref.Search(nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		v    any
		want string
	}{
		{nil, "<class 'NoneType'>"},
		{"s", "<class 'str'>"},
		{true, "<class 'bool'>"},
		{int64(1), "<class 'int'>"},
		{big.NewInt(1), "<class 'int'>"},
		{1.5, "<class 'float'>"},
		{[]any{}, "<class 'list'>"},
		{&Object{}, "<class 'dict'>"},
		{ref, "<class 'jmespath.visitor._Expression'>"},
	}
	for _, c := range cases {
		if got := PyType(c.v); got != c.want {
			t.Errorf("PyType(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
}
