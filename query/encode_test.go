package query

import (
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func nan() float64         { return math.NaN() }
func inf(sign int) float64 { return math.Inf(sign) }

func TestAppendEscape(t *testing.T) {
	// want values are Python's urllib.parse.quote_plus(s, safe="").
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"a b", "a+b"},
		{"*", "%2A"},
		{"~", "~"},
		{"_.-~", "_.-~"},
		{"+/=", "%2B%2F%3D"},
		{"%", "%25"},
		{"&=?#;", "%26%3D%3F%23%3B"},
		{"Zo\u00eb \u03a9mega \u6771\u4eac", "Zo%C3%AB+%CE%A9mega+%E6%9D%B1%E4%BA%AC"},
		{"\U0001F600", "%F0%9F%98%80"},
		{"\x00\x7f\n\t", "%00%7F%0A%09"},
		{"!'()", "%21%27%28%29"},
		{"A-Z a-z 0-9", "A-Z+a-z+0-9"},
		{"\u00e9", "%C3%A9"},
	}
	for _, tt := range tests {
		if got := string(AppendEscape(nil, tt.in)); got != tt.want {
			t.Errorf("AppendEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(appendEscapedBytes(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("appendEscapedBytes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFloat(t *testing.T) {
	// want values are Python's repr(float), which botocore sends.
	tests := []struct {
		in   float64
		want string
	}{
		{10.8, "10.8"},
		{1e+16, "1e+16"},
		{1000000000000000.0, "1000000000000000.0"},
		{123.0, "123.0"},
		{0.0001, "0.0001"},
		{1e-05, "1e-05"},
		{1.5e-05, "1.5e-05"},
		{math.Copysign(0, -1), "-0.0"},
		{0, "0.0"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{1e+100, "1e+100"},
		{5e-324, "5e-324"},
		{1.7976931348623157e+308, "1.7976931348623157e+308"},
		{1.2345678901234568e+16, "1.2345678901234568e+16"},
		{100.0, "100.0"},
		{-2.5, "-2.5"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, tt := range tests {
		if got := string(appendPythonFloat(nil, tt.in)); got != tt.want {
			t.Errorf("float %v = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEncoder(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		encode func(e *Encoder)
		want   string
	}{
		{
			name:   "filters",
			reason: "lists of structures with nested lists, 1-based",
			encode: func(e *Encoder) {
				for i, f := range []struct {
					name   string
					values []string
				}{{"username", []string{"alice", "bob"}}, {"status", nil}} {
					m := e.Item("Filter", i+1)
					e.String("Name", f.name)
					e.Strings("Value", f.values)
					e.End(m)
				}
				e.Int("MaxResults", 5)
			},
			want: "Action=A&Version=V&Filter.1.Name=username&Filter.1.Value.1=alice&Filter.1.Value.2=bob&Filter.2.Name=status&MaxResults=5",
		},
		{
			name:   "explicit-false",
			reason: "Bool writes false: the caller decides what is set",
			encode: func(e *Encoder) { e.Bool("DryRun", false) },
			want:   "Action=A&Version=V&DryRun=false",
		},
		{
			name:   "empty-string",
			reason: "String writes an empty value when asked, as botocore does for a set \"\"",
			encode: func(e *Encoder) { e.String("Foo", "") },
			want:   "Action=A&Version=V&Foo=",
		},
		{
			name:   "time-micro",
			reason: "a non-zero microsecond gives six fractional digits, in UTC; nanoseconds dropped",
			encode: func(e *Encoder) {
				e.Time("T", time.Date(2015, 1, 25, 9, 0, 0, 123456789, time.FixedZone("x", 3600)))
				e.Time("U", time.Date(2015, 1, 25, 8, 0, 0, 999, time.UTC))
			},
			want: "Action=A&Version=V&T=2015-01-25T08%3A00%3A00.123456Z&U=2015-01-25T08%3A00%3A00Z",
		},
		{
			name:   "numbers",
			reason: "Int, Uint extremes",
			encode: func(e *Encoder) {
				e.Int("I", math.MinInt64)
				e.Uint("U", math.MaxUint64)
			},
			want: "Action=A&Version=V&I=-9223372036854775808&U=18446744073709551615",
		},
		{
			name:   "escaped-names",
			reason: "keys are percent-encoded like values",
			encode: func(e *Encoder) {
				m := e.Begin("a b")
				e.String("c*d", "~")
				e.End(m)
			},
			want: "Action=A&Version=V&a+b.c%2Ad=~",
		},
		{
			name:   "long-blob",
			reason: "a blob larger than the stack buffer",
			encode: func(e *Encoder) { e.Blob("B", make([]byte, 60)) },
			want:   "Action=A&Version=V&B=" + strings.Repeat("A", 80),
		},
		{
			name:   "scalar-list",
			reason: "an empty name inside Item writes the item itself: lists of non-strings",
			encode: func(e *Encoder) {
				for i, p := range []int64{22, 443} {
					m := e.Item("Port", i+1)
					e.Int("", p)
					e.End(m)
				}
				m := e.Begin("Flags")
				m2 := e.Item("On", 1)
				e.Bool("", true)
				e.End(m2)
				e.End(m)
				e.String("", "top") // no prefix: an empty key
			},
			want: "Action=A&Version=V&Port.1=22&Port.2=443&Flags.On.1=true&=top",
		},
		{
			name:   "end-twice",
			reason: "End with a stale mark does not corrupt the prefix",
			encode: func(e *Encoder) {
				m := e.Begin("X")
				e.End(m)
				e.End(Mark(99))
				e.String("Y", "1")
			},
			want: "Action=A&Version=V&Y=1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e Encoder
			e.Reset(nil, "A", "V")
			tt.encode(&e)
			if diff := cmp.Diff(tt.want, string(e.Bytes())); diff != "" {
				t.Errorf("%s: body mismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestResetAppends(t *testing.T) {
	var e Encoder
	e.Reset([]byte("x"), "A", "V")
	m := e.Begin("N")
	e.Reset(e.Bytes()[:0], "B", "W") // Reset drops the prefix
	_ = m
	e.String("K", "v")
	if got, want := string(e.Bytes()), "Action=B&Version=W&K=v"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBool(t *testing.T) {
	tests := []struct {
		b          Bool
		set, value bool
		str        string
	}{
		{Unset, false, false, "unset"},
		{True, true, true, "true"},
		{False, true, false, "false"},
		{BoolOf(true), true, true, "true"},
		{BoolOf(false), true, false, "false"},
		{Bool(7), false, false, "Bool(7)"},
	}
	for _, tt := range tests {
		if tt.b.IsSet() != tt.set || tt.b.Value() != tt.value || tt.b.String() != tt.str {
			t.Errorf("%d: IsSet=%v Value=%v String=%q, want %v %v %q", tt.b, tt.b.IsSet(), tt.b.Value(), tt.b.String(), tt.set, tt.value, tt.str)
		}
	}
}

func TestEncoderAllocs(t *testing.T) {
	var e Encoder
	buf := make([]byte, 0, 512)
	values := []string{"alice", "bob"}
	e.Reset(buf, "A", "V")
	m := e.Item("Filter", 1)
	e.End(m)
	allocs := testing.AllocsPerRun(100, func() {
		e.Reset(buf[:0], "DescribeClientVpnConnections", "2016-11-15")
		e.String("ClientVpnEndpointId", "cvpn-endpoint-0123456789abcdef0")
		m := e.Item("Filter", 1)
		e.String("Name", "username")
		e.Strings("Value", values)
		e.End(m)
		e.Int("MaxResults", 1000)
		e.Time("T", time.Unix(1, 5000))
		e.Float("F", 1.5)
	})
	if allocs != 0 {
		t.Errorf("a reused Encoder allocates %v times per body, want 0", allocs)
	}
}

// FuzzRoundTrip checks that whatever the encoder writes, a form parser reads
// back the same parameters in the same order.
func FuzzRoundTrip(f *testing.F) {
	f.Add("DescribeClientVpnConnections", "2016-11-15", "Filter", "username", "alice bob*~", "tok+/=", int64(5), true)
	f.Add("A", "V", "a b", "c.d", "\x00\xff", "", int64(-1), false)
	f.Add("Zoë", "東京", "😀", "&=", "%zz", ";", int64(0), true)
	f.Fuzz(func(t *testing.T, action, version, list, name, value, token string, n int64, b bool) {
		var e Encoder
		e.Reset(nil, action, version)
		m := e.Item(list, 1)
		e.String(name, value)
		e.Strings("Value", []string{value, token})
		e.End(m)
		m = e.Begin(list)
		e.Bool("B", b)
		e.End(m)
		e.String("NextToken", token)
		e.Int("N", n)
		e.Blob("Blob", []byte(value))
		e.Float("F", float64(n)/3)
		body := string(e.Bytes())

		key := list + ".1." + name
		if name == "" {
			key = list + ".1" // an empty member name writes the prefix itself (lists of scalars)
		}
		want := [][2]string{
			{"Action", action}, {"Version", version},
			{key, value},
			{list + ".1.Value.1", value}, {list + ".1.Value.2", token},
			{list + ".B", map[bool]string{true: "true", false: "false"}[b]},
			{"NextToken", token},
		}
		// url.ParseQuery loses the order, so split on '&' ourselves and
		// unescape each side with url.QueryUnescape, then cross-check with ParseQuery.
		var got [][2]string
		for _, kv := range strings.Split(body, "&") {
			k, v, _ := strings.Cut(kv, "=")
			uk, err := url.QueryUnescape(k)
			if err != nil {
				t.Fatalf("key %q: %v", k, err)
			}
			uv, err := url.QueryUnescape(v)
			if err != nil {
				t.Fatalf("value %q: %v", v, err)
			}
			got = append(got, [2]string{uk, uv})
		}
		if diff := cmp.Diff(want, got[:len(want)]); diff != "" {
			t.Errorf("round trip of %q (-want +got):\n%s", body, diff)
		}
		q, err := url.ParseQuery(body)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", body, err)
		}
		for _, kv := range got {
			found := false
			for _, v := range q[kv[0]] {
				if v == kv[1] {
					found = true
				}
			}
			if !found {
				t.Errorf("ParseQuery lost %q=%q", kv[0], kv[1])
			}
		}
		for i := 0; i < len(body); i++ {
			c := body[i]
			if c != '&' && c != '=' && c != '%' && c != '+' && !unreserved[c] {
				t.Fatalf("unescaped byte %q in %q", c, body)
			}
		}
	})
}
