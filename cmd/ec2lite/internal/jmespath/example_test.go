package jmespath_test

import (
	"fmt"
	"math"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

func connection(id, user, code string, ingress int64) *jmespath.Object {
	c := &jmespath.Object{}
	c.Set("ConnectionId", id)
	c.Set("Username", user)
	status := &jmespath.Object{}
	status.Set("Code", code)
	c.Set("Status", status)
	c.Set("IngressBytes", ingress)
	return c
}

func Example() {
	page := &jmespath.Object{}
	page.Set("Connections", []any{
		connection("cvpn-connection-1", "alice", "active", 9223372036854775807),
		connection("cvpn-connection-2", "bob", "terminated", 10),
	})

	e, err := jmespath.Compile("Connections[?Status.Code==`active`].{User: Username, Id: ConnectionId}")
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := e.Search(page)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range v.([]any) {
		for k, v := range c.(*jmespath.Object).All() {
			fmt.Println(k, v)
		}
	}

	sum, _ := jmespath.Search("sum(Connections[].IngressBytes)", page)
	fmt.Println(sum)
	// Output:
	// User alice
	// Id cvpn-connection-1
	// 9223372036854775817
}

func ExampleCompile() {
	_, err := jmespath.Compile("Connections[?Username == 'alice'")
	fmt.Println(err)
	// Output:
	// Invalid jmespath expression: Incomplete expression:
	// "Connections[?Username == 'alice'"
	//                                  ^
}

func ExampleError() {
	_, err := jmespath.Search("sort_by(Connections, &Status.Code)", map[string]any{})
	fmt.Println(err)
	page := &jmespath.Object{}
	page.Set("Connections", []any{&jmespath.Object{}})
	_, err = jmespath.Search("sort_by(Connections, &Status.Code)", page)
	fmt.Println(err)
	// Output:
	// In function sort_by(), invalid type for value: None, expected one of: ['array'], received: "null"
	// In function sort_by(), invalid type for value: {}, expected one of: ['string', 'number'], received: "null"
}

// The texts Python writes for a value: str() of a list, a float's repr, and
// json.dumps of a str, which escapes everything beyond ASCII.
func ExamplePyStr() {
	var o jmespath.Object
	o.Set("k", nil)
	fmt.Println(jmespath.PyStr([]any{1e16, 0.0001, "it's", nil, math.NaN(), &o}))
	fmt.Println(jmespath.PyFloat(math.Inf(1), true))
	fmt.Println(string(jmespath.AppendPyJSONString(nil, "café 😀")))
	// Output:
	// [1e+16, 0.0001, "it's", None, nan, {'k': None}]
	// Infinity
	// "caf\u00e9 \ud83d\ude00"
}
