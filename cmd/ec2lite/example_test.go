package main

import "fmt"

// The --filters shorthand parses as the AWS CLI parses it.
func Example_parseShorthand() {
	o, _ := parseShorthand(`Name=username,Values=alice,'bob,jr'`, nil)
	fmt.Println(toJMESPath(o))
	_, err := parseShorthand("Name=username,Values=[alice", nil)
	fmt.Println(err)
	// Output:
	// map[Name:username Values:[alice bob,jr]]
	// Expected: ',', received: 'EOF' for input:
	// Name=username,Values=[alice
	//                            ^
}

// A --max-items resume token is base64 of botocore's JSON.
func Example_encodeResumeToken() {
	keys := &Object{}
	keys.Set("NextToken", nil)
	tok := encodeResumeToken(keys, 2, true)
	fmt.Println(tok)
	st, _ := decodeStartingToken(tok)
	next, _ := st.nextToken()
	fmt.Println(next, st.index)
	// Output:
	// eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==
	// <nil> 2
}
