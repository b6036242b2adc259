package jmespath

// trickyQueries are hand-written queries at the edges of Python's semantics,
// compared with jmespath.py by TestDifferential over trickyDoc.
var trickyQueries = []string{
	"to_number('1_000')", "to_number(' 12 ')", "to_number('１２')", "to_number('1e5')", "to_number('.5')",
	"to_number('5.')", "to_number('inf')", "to_number('-Infinity')", "to_number('nan')", "to_number('0x10')",
	"to_number('1__0')", "to_number('_1')", "to_number('+-1')", "to_number('1e')", "to_number('')",
	"to_number('  ')", "to_number('1.5e-3')", "to_number(`true`)", "to_number(&a)", "to_number('-0')",
	"to_number('+7')", "to_number('1_0.5')", "to_number('١٢٣')", "to_number('\u00a012\u00a0')", "to_number('1e400')",
	"to_string(`1e16`)", "to_string(`1.5`)", "to_string(`-0.0`)", "to_string('é')", "to_string(`\"é😀\"`)",
	"to_string(`[1,\"\\u007f\"]`)", "to_string(&a)", "to_string(`1e22`)", "to_string(`0.0001`)", "to_string(`0.00001`)",
	"to_string(`123456789012345678`)", "to_string(`1234567890123456.0`)", "to_string(`12345678901234567.0`)",
	"abs(`-9223372036854775808`)", "abs(`-1.5`)", "ceil(`-0.5`)", "floor(`1e300`)", "ceil(`1e400`)",
	"floor(to_number('nan'))", "floor(`-2`)", "ceil(`2.0000001`)",
	"sum([`1e308`, `1e308`])", "sum([`1.5`, `18446744073709551615`])", "sum([`1`, `" + bigInt400 + "`, `1.5`])",
	"sum([`1.5`, `" + bigInt400 + "`])", "sum(`[]`)", "sum([`9223372036854775807`, `1`])", "sum([`-9223372036854775808`, `-1`])",
	"avg([`1`, `2`])", "avg(`[]`)", "avg(`[10000000000000000000000001, 1]`)", "avg([`" + bigInt400 + "`])",
	"max(`[1, 2.5, 2]`)", "max(`[\"a\",\"b\"]`)", "max(`[]`)", "max(`[1, \"a\"]`)", "min(`[2.0, 2]`)", "max(`[2, 2.0]`)",
	"max_by(`[{\"a\":1},{\"a\":\"x\"}]`, &a)", "min_by(`[{\"a\":1},{\"a\":\"x\"}]`, &a)", "max_by(`[{\"a\":\"x\"},{\"a\":1}]`, &a)",
	"min_by(`[{\"a\":1},{\"a\":null}]`, &a)", "max_by(`[]`, &a)", "min_by(`[{\"a\":2},{\"a\":1.0},{\"a\":1}]`, &a)",
	"sort(`[3, 1.5, 2]`)", "sort(`[\"b\",\"a\",\"B\",\"é\",\"😀\"]`)", "sort(`[1, \"a\"]`)", "sort(`[]`)",
	"sort_by(`[{\"a\":2,\"i\":0},{\"a\":1.0,\"i\":1},{\"a\":1,\"i\":2}]`, &a)", "sort_by(`[{\"a\":1},{\"a\":\"x\"}]`, &a)",
	"sort_by(`[{\"a\":true}]`, &a)", "sort_by(`[]`, &a)", "sort_by(`[3,1,2]`, &@)",
	"sort([to_number('nan'), `1`, `0`])", "sort([`2`, to_number('nan'), `1`, `0`])", "max([to_number('nan'), `1`])", "max([`1`, to_number('nan')])",
	"contains('abc', `1`)", "contains(`[1]`, `true`)", "contains(`[1.0]`, `1`)", "contains('abc', 'bc')", "contains(`[[1]]`, `[true]`)",
	"`1` == `1.0`", "`true` == `1`", "`[1]` == `[true]`", "`{\"a\":1}` == `{\"a\":true}`", "`0` == `false`", "`2` == `true`",
	"`0.0` == `false`", "`1` != `true`", "`{\"a\":1,\"b\":2}` == `{\"b\":2,\"a\":1}`",
	"`1` < `1.5`", "'a' < 'b'", "`1` < 'a'", "'a' >= `1`", "`true` < `1`", "`9007199254740993` > `9007199254740992.0`",
	"`18446744073709551615` == `18446744073709551616.0`", "`null` < `1`", "'é' > 'z'",
	"!`0`", "!`0.0`", "!`[]`", "!''", "!`{}`", "!&a", "!`1`", "!`false`",
	"merge(`{}`, `[[\"k\", 1]]`)", "merge(`{}`, 'ab')", "merge(`{}`, `[\"ab\", \"cd\"]`)", "merge(`{}`, `[1]`)",
	"merge(`{}`, `null`)", "merge(`{}`, `[[1,2,3]]`)", "merge(`{}`, `[[[1],2]]`)", "merge(`{\"b\":1,\"a\":2}`, `{\"a\":3,\"c\":4}`)",
	"merge(`{}`, '')", "merge(`{}`, `1.5`)", "merge(`{}`, `[{\"x\":1,\"y\":2}]`)", "merge(`1`)", "merge()",
	"type(&a)", "type(`1.5`)", "type(to_number('nan'))", "type(@)",
	"reverse('日本😀')", "length('😀')", "join(', ', `[\"a\",\"b\"]`)", "join(', ', `[\"a\",1]`)", "reverse(`[]`)",
	"`[1,2,3]`[5:-10:-1]", "`[1,2,3]`[-100:100]", "`[1,2,3]`[::-2]", "foo[18446744073709551616]", "`[0]`[-9223372036854775809]",
	"`[1,2,3]`[18446744073709551616:]", "`[1,2,3]`[:-18446744073709551616:-1]",
	"`  foo`", "`foo\\`bar`", "`\"a\\u00e9\"`", "`[1, 2`", "`tab\\there`", "`a\"b`", "`\\ud83d\\ude00`", "`\"\\ud83d\\ude00\"`",
	"\"\\u00e9\"", "\"\\x\"", "\"\\u12\"", "\"a\\\"b\"", "'a\\\\b'", "'a\\'b'", "\"tab\there\"", "`\"tab\there\"`",
	"a[?]", "[]]", "{}", "{a}", "{a:}", "a..b", ".a", "a[1:2:3:4]", "a[1.5]", "f(", "\"f\"(a)", "@(a)", "a[*",
	"||", "!", "a | ", "&", "a[?a==]", "-1", "--1", "a[-]", "a[?a==`1`", "foo[0]bar", "{a: b c: d}", "abs(`1` `2`)",
	"length(a b)", "not_null()", "length()", "abs(`1`, `2`)", "to_array(@)", "values(@)", "map(&a, `[{\"a\":1}, 2]`)",
	"*", "@.*", "[*]", "[]", "`[[1,[2]],3]`[]", "`{\"a\":{\"b\":1},\"c\":2}`.*.b", "a.[b, c]", "a.{x: b}", "a.\"b\"",
	"Connections[0].* | length(@)", "keys(Connections[0])", "values(Connections[0].Status)",
	"Connections[?IngressBytes > `100`].IngressBytes", "sum(Connections[].to_number(IngressBytes))",
	"Connections[].[IngressBytes, EgressBytes][]", "max(Connections[].EgressBytes)", "min_by(Connections, &EgressBytes).Username",
	"sort_by(Connections, &Username)[].Username", "Connections[?contains(PostureComplianceStatuses, 'compliant')].Username",
	"Connections[?Status.Code == 'active' && !Status.Message].Username", "Connections[*].Status.Message || 'none'",
	"to_string(Connections[0].EgressBytes)", "to_string(Connections)", "Connections[].Username | join(',', @)",
}

const bigInt400 = "1" + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
	"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
	"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
	"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"

const trickyDoc = `{"Connections":[{"ClientVpnEndpointId":"cvpn-endpoint-0","Username":"bob","IngressBytes":"18446744073709551615",` +
	`"EgressBytes":18446744073709551615,"Status":{"Code":"active","Message":"é\ud83d\ude00"},"PostureComplianceStatuses":["compliant"]},` +
	`{"Username":"alice","IngressBytes":"1000000146","EgressBytes":1.5e300,"Status":{"Code":"terminated"},"PostureComplianceStatuses":[]},` +
	`{"Username":"carol","IngressBytes":"7","EgressBytes":-0.0,"Status":{"Code":"active"}}],"NextToken":null}`
