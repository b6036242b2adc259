package output

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jmespath/go-jmespath"
)

// modelOrder is the EC2 model's member order for the DescribeClientVpnConnections
// output, as the CLI would pass it to fromJMESPath after the query's own keys.
var modelOrder = []string{
	"Connections", "NextToken",
	"ClientVpnEndpointId", "Timestamp", "ConnectionId", "Username", "ConnectionEstablishedTime",
	"IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets", "ClientIp", "ClientIpv6Address",
	"CommonName", "Status", "ConnectionEndTime", "PostureComplianceStatuses",
	"Code", "Message",
}

// TestQueryGolden runs each recorded --query through go-jmespath over the
// tree of the unqueried response, converts the result with fromJMESPath and
// the key-order hint, and requires the AWS CLI's JSON, text and table bytes.
func TestQueryGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(goldenDir, "connections.json"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := decodeTree(data)
	if err != nil {
		t.Fatal(err)
	}
	input := ToJMESPath(tree)
	for _, c := range loadCases(t) {
		i := slices.Index(c.Args, "--query")
		if i < 0 || c.ExitCode != 0 || c.Tty != 0 {
			continue
		}
		expr := c.Args[i+1]
		t.Run(c.Name, func(t *testing.T) {
			res, err := jmespath.Search(expr, input)
			if err != nil {
				t.Fatal(err)
			}
			v := FromJMESPath(res, append(KeyOrder(expr), modelOrder...))
			want, err := os.ReadFile(filepath.Join(goldenDir, c.Name))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			switch {
			case strings.HasSuffix(c.Name, ".json"):
				err = WriteJSON(&got, v)
			case strings.HasSuffix(c.Name, ".txt"):
				err = WriteText(&got, v)
			default:
				err = WriteTable(&got, "DescribeClientVpnConnections", v, 80)
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("%s: (-aws +ec2lite):\n%s", expr, diff)
			}
		})
	}
}

func TestJMESPathKeyOrder(t *testing.T) {
	tests := []struct {
		expr, reason string
		want         []string
	}{
		{"Connections[].{Id: ConnectionId, User: Username}", "", []string{"Id", "User"}},
		{`{"b c": a, "q\"x": b, 'x': c}`, "quoted keys are JSON strings; a raw string is not a key", []string{"b c", `q"x`}},
		{"{z: a[1:2], y: {x: `{\"no\": 1}`, w: b}}", "slices and literals are not keys; nested hashes are", []string{"z", "y", "x", "w"}},
		{"Connections[?Username=='a:b'].ConnectionId", "no hash", nil},
		{"{a: b", "unterminated", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, KeyOrder(tt.expr)); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestFromJMESPath(t *testing.T) {
	in := map[string]any{
		"b": []any{1.0, 1.5, 1e20, math.Copysign(0, -1), "s", nil, true},
		"a": map[string]any{"y": 2.0, "x": 1.0},
		"c": "z",
	}
	got := FromJMESPath(in, []string{"c", "x"})
	var b bytes.Buffer
	if err := WriteJSON(&b, got); err != nil {
		t.Fatal(err)
	}
	want := `{
    "c": "z",
    "a": {
        "x": 1,
        "y": 2
    },
    "b": [
        1,
        1.5,
        1e+20,
        -0.0,
        "s",
        null,
        true
    ]
}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("hinted keys first, then sorted; whole numbers as int (-want +got):\n%s", diff)
	}
	back := ToJMESPath(got)
	if diff := cmp.Diff(map[string]any{
		"b": []any{1.0, 1.5, 1e20, math.Copysign(0, -1), "s", nil, true},
		"a": map[string]any{"y": 2.0, "x": 1.0},
		"c": "z",
	}, back); diff != "" {
		t.Errorf("toJMESPath(fromJMESPath(x)) (-want +got):\n%s", diff)
	}
}
