package query_test

import (
	"fmt"

	"github.com/ec2lite/ec2lite/query"
)

func Example() {
	type filter struct {
		Name   string
		Values []string
	}
	filters := []filter{{"username", []string{"alice", "bob smith"}}, {"status", nil}}
	dryRun := query.False // what --no-dry-run sends; query.Unset sends nothing

	var e query.Encoder
	e.Reset(nil, "DescribeClientVpnConnections", "2016-11-15")
	e.String("ClientVpnEndpointId", "cvpn-endpoint-0123456789abcdef0")
	for i, f := range filters {
		m := e.Item("Filter", i+1)
		e.String("Name", f.Name)
		e.Strings("Value", f.Values) // an empty list sends nothing
		e.End(m)
	}
	if dryRun.IsSet() {
		e.Bool("DryRun", dryRun.Value())
	}
	fmt.Println(string(e.Bytes()))
	// Output:
	// Action=DescribeClientVpnConnections&Version=2016-11-15&ClientVpnEndpointId=cvpn-endpoint-0123456789abcdef0&Filter.1.Name=username&Filter.1.Value.1=alice&Filter.1.Value.2=bob+smith&Filter.2.Name=status&DryRun=false
}

func ExampleAppendEscape() {
	fmt.Println(string(query.AppendEscape(nil, "a b*c~d/é")))
	// Output: a+b%2Ac~d%2F%C3%A9
}
