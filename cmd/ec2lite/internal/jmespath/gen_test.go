package jmespath

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A seeded random grammar of queries and Client VPN documents for the
// differential test against jmespath.py.

var connFields = []string{"ClientVpnEndpointId", "Timestamp", "ConnectionId", "Username",
	"ConnectionEstablishedTime", "IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets",
	"ClientIp", "ClientIpv6Address", "CommonName", "Status", "ConnectionEndTime", "PostureComplianceStatuses"}

var counterFields = []string{"IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets"}

var genStrings = []string{"", "active", "terminated", "failed-to-terminate", "alice", "bob", "Bob", "ålice", "日本",
	"😀", "a'b", `a"b`, `back\slash`, "tab\there", "line\nbreak", "-", "2019-08-12 07:57:14", "10.0.0.1",
	"cvpn-connection-0123", "cvpn-endpoint-0abc", "compliant", "non-compliant", "1", "42", " 7 ", "1e3", "inf",
	"-0", "1_000", "nan", "０１２", "ab", "zz", "Z", "\u00a0x"}

var genInts = []string{"0", "1", "-1", "2", "42", "-7", "1000", "9007199254740993", "18446744073709551615",
	"-9223372036854775808", "9223372036854775807", "1000000000000000000000000000000", "32302", "3940"}

var genFloats = []string{"1.5", "-0.0", "0.1", "2.5", "1e16", "1e-07", "1e+308", "3.0", "100.0", "-2.75", "1.0",
	"123456789.125", "Infinity", "-Infinity"}

type gen struct {
	r *rand.Rand
}

func (g *gen) pick(l []string) string { return l[g.r.IntN(len(l))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func jsonStr(s string) string { return string(AppendPyJSONString(nil, s)) }

// scalarJSON returns a random JSON scalar.
func (g *gen) scalarJSON() string {
	switch g.r.IntN(7) {
	case 0, 1:
		return jsonStr(g.pick(genStrings))
	case 2:
		return g.pick(genInts)
	case 3:
		return g.pick(genFloats)
	case 4:
		return g.pick([]string{"true", "false"})
	case 5:
		return "null"
	}
	return jsonStr(g.pick(genStrings))
}

func (g *gen) valueJSON(depth int) string {
	if depth <= 0 || g.chance(0.6) {
		return g.scalarJSON()
	}
	n := g.r.IntN(4)
	parts := make([]string, n)
	if g.chance(0.5) {
		for i := range parts {
			parts[i] = g.valueJSON(depth - 1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	for i := range parts {
		parts[i] = jsonStr(g.pick([]string{"a", "b", "Code", "Username", "k"})) + ":" + g.valueJSON(depth-1)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// document returns a DescribeClientVpnConnections-shaped JSON document.
func (g *gen) document() string {
	var b strings.Builder
	b.WriteString(`{"Connections":[`)
	n := g.r.IntN(5)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		first := true
		for _, f := range connFields {
			if g.chance(0.12) {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			b.WriteString(jsonStr(f) + ":")
			switch {
			case f == "Status":
				if g.chance(0.1) {
					b.WriteString("null")
					break
				}
				fmt.Fprintf(&b, `{"Code":%s`, jsonStr(g.pick([]string{"active", "terminated", "failed-to-terminate", ""})))
				if g.chance(0.5) {
					fmt.Fprintf(&b, `,"Message":%s`, g.scalarJSON())
				}
				b.WriteByte('}')
			case f == "PostureComplianceStatuses":
				k := g.r.IntN(3)
				b.WriteByte('[')
				for j := 0; j < k; j++ {
					if j > 0 {
						b.WriteByte(',')
					}
					b.WriteString(jsonStr(g.pick([]string{"compliant", "non-compliant", "unknown", "ab"})))
				}
				b.WriteByte(']')
			case strings.Contains(strings.Join(counterFields, ","), f):
				switch g.r.IntN(4) {
				case 0:
					b.WriteString(jsonStr(g.pick([]string{"32302", "0", "18446744073709551615", "1024"})))
				case 1:
					b.WriteString(g.pick(genInts))
				case 2:
					b.WriteString(g.pick(genFloats))
				default:
					b.WriteString(g.pick([]string{"18446744073709551615", "1000000000", "123", "7"}))
				}
			case g.chance(0.1):
				b.WriteString(g.valueJSON(2))
			default:
				b.WriteString(jsonStr(g.pick(genStrings)))
			}
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	if g.chance(0.5) {
		fmt.Fprintf(&b, `,"NextToken":%s`, jsonStr(g.pick([]string{"tok", "", "eyJ2IjoxfQ=="})))
	}
	b.WriteByte('}')
	return b.String()
}

var funcArity = map[string]int{"abs": 1, "avg": 1, "ceil": 1, "contains": 2, "ends_with": 2, "floor": 1,
	"join": 2, "keys": 1, "length": 1, "map": 2, "max": 1, "max_by": 2, "merge": 2, "min": 1, "min_by": 2,
	"not_null": 2, "reverse": 1, "sort": 1, "sort_by": 2, "starts_with": 2, "sum": 1, "to_array": 1,
	"to_number": 1, "to_string": 1, "type": 1, "values": 1}

var funcNames = func() []string {
	var l []string
	for k := range funcArity {
		l = append(l, k)
	}
	// Map order is random; sort for a deterministic grammar.
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j] < l[j-1]; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	return l
}()

func (g *gen) field() string {
	switch g.r.IntN(10) {
	case 0:
		return `"` + g.pick(connFields) + `"`
	case 1:
		return g.pick([]string{"Code", "Message", "nope", "a", "b", "k"})
	case 2:
		return g.pick([]string{"Connections", "NextToken", "Status"})
	}
	return g.pick(connFields)
}

func (g *gen) literal() string {
	switch g.r.IntN(9) {
	case 0:
		return "`" + strings.ReplaceAll(g.valueJSON(2), "`", "\\`") + "`"
	case 1:
		// Legacy literals: not JSON, read as strings.
		return "`" + g.pick([]string{"active", "foo bar", " alice", "terminated", "1.2.3", "a\\\"b", "x\\`y", "{bad", "ab\"c"}) + "`"
	case 2:
		return "'" + strings.ReplaceAll(g.pick(genStrings), "'", `\'`) + "'"
	case 3:
		return "`" + g.pick(genInts) + "`"
	case 4:
		return "`" + g.pick(genFloats) + "`"
	case 5:
		return "`" + g.pick([]string{"true", "false", "null", "[]", "{}", `""`}) + "`"
	}
	return "`" + jsonStr(g.pick(genStrings)) + "`"
}

func (g *gen) cond(depth int) string {
	ops := []string{"==", "!=", "<", "<=", ">", ">="}
	switch g.r.IntN(6) {
	case 0:
		return g.expr(depth-1) + " " + g.pick(ops) + " " + g.literal()
	case 1:
		return "!" + g.cond(depth-1)
	case 2:
		return g.cond(depth-1) + g.pick([]string{" && ", " || "}) + g.cond(depth-1)
	case 3:
		return g.expr(depth - 1)
	}
	return g.field() + " " + g.pick(ops) + " " + g.pick([]string{g.literal(), g.field(), "@"})
}

func (g *gen) call(depth int) string {
	name := g.pick(funcNames)
	if g.chance(0.03) {
		name = "nope"
	}
	n := funcArity[name]
	if g.chance(0.08) {
		n = g.r.IntN(4)
	} else if name == "not_null" || name == "merge" {
		n = 1 + g.r.IntN(3)
	}
	args := make([]string, n)
	for i := range args {
		switch {
		case (name == "sort_by" || name == "min_by" || name == "max_by") && i == 1 && !g.chance(0.05):
			args[i] = "&" + g.expr(depth-1)
		case name == "map" && i == 0 && !g.chance(0.05):
			args[i] = "&" + g.expr(depth-1)
		case (name == "sort_by" || name == "min_by" || name == "max_by" || name == "map") && !g.chance(0.2):
			args[i] = g.pick([]string{"Connections", "Connections[]", "Connections[*].Status", "@", "[]"})
		case name == "merge" && i > 0 && g.chance(0.3):
			args[i] = g.pick([]string{"`null`", "`1`", "'ab'", "`[[\"k\", 1]]`", "Connections", "`{\"z\":1}`", "'x'", "``"})
		case g.chance(0.03):
			args[i] = "&" + g.field()
		case g.chance(0.3):
			args[i] = g.literal()
		default:
			args[i] = g.expr(depth - 1)
		}
	}
	return name + "(" + strings.Join(args, ", ") + ")"
}

func (g *gen) expr(depth int) string {
	if depth <= 0 {
		switch g.r.IntN(4) {
		case 0:
			return g.literal()
		case 1:
			return "@"
		}
		return g.field()
	}
	switch g.r.IntN(20) {
	case 0:
		return g.field()
	case 1:
		return "Connections[" + g.pick([]string{"0", "-1", "1", "5", "*", "", "?" + g.cond(depth-1)}) + "]." + g.field()
	case 2:
		return "Connections[" + g.pick([]string{"0:2", "::-1", "1:", ":-1", "::2", "-2:", "::0", "5:1:-1"}) + "]" + g.pick([]string{"", "." + g.field(), "[0]"})
	case 3:
		return "Connections[?" + g.cond(depth-1) + "]" + g.pick([]string{"", "." + g.field(), ".{A: " + g.field() + "}", "[]"})
	case 4:
		return g.expr(depth-1) + " | " + g.expr(depth-1)
	case 5:
		return "[" + g.expr(depth-1) + ", " + g.expr(depth-1) + "]"
	case 6:
		return "{" + g.pick([]string{"A", "Id", `"x y"`, "B"}) + ": " + g.expr(depth-1) + ", " + g.pick([]string{"A", "B", "C"}) + ": " + g.expr(depth-1) + "}"
	case 7, 8, 9:
		return g.call(depth)
	case 10:
		return g.literal()
	case 11:
		return "Connections[*]." + g.pick([]string{"Status.Code", "[Username, ClientIp]", "{U: Username, S: Status}", "*", g.field()})
	case 12:
		return "(" + g.cond(depth-1) + ")"
	case 13:
		return g.expr(depth-1) + "." + g.field()
	case 14:
		return "Connections[0]." + g.pick([]string{"*", g.field(), "Status.*", "PostureComplianceStatuses[]", "PostureComplianceStatuses[0]"})
	case 15:
		return g.expr(depth-1) + "[]"
	case 16:
		return "*." + g.field()
	case 17:
		return g.expr(depth-1) + g.pick([]string{" || ", " && "}) + g.expr(depth-1)
	case 18:
		return "Connections[]." + g.pick(counterFields) + " | " + g.pick([]string{"sum(@)", "max(@)", "min(@)", "avg(@)", "sort(@)", "[0]", "map(&to_number(@), @)", "sum(map(&to_number(@), @))"})
	}
	return "Connections[" + g.pick([]string{"0", "-1"}) + "]." + g.pick(connFields)
}

// query returns a random query, sometimes damaged into one that does not
// parse.
func (g *gen) query() string {
	q := g.expr(1 + g.r.IntN(3))
	if g.chance(0.1) && len(q) > 1 {
		rs := []rune(q)
		i := g.r.IntN(len(rs))
		switch g.r.IntN(3) {
		case 0:
			rs = append(rs[:i], rs[i+1:]...)
		case 1:
			ins := []rune(g.pick([]string{"[", "]", "(", ")", ".", ",", "=", "#", "'", "`", "\"", "-", "&", "|", "!", "{", "}", ":", "?", "*", " "}))
			rs = append(rs[:i], append(ins, rs[i:]...)...)
		default:
			rs = rs[:i]
		}
		q = string(rs)
	}
	return q
}
