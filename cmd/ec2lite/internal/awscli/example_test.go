package awscli

import (
	"fmt"
)

// The --filters shorthand parses as the AWS CLI parses it.
func ExampleParseShorthand() {
	o, _ := ParseShorthand(`Name=username,Values=alice,'bob,jr'`, nil)
	fmt.Println(plain(o))
	_, err := ParseShorthand("Name=username,Values=[alice", nil)
	fmt.Println(err)
	// Output:
	// map[Name:username Values:[alice bob,jr]]
	// Expected: ',', received: 'EOF' for input:
	// Name=username,Values=[alice
	//                            ^
}

// A --max-items resume token is base64 of botocore's JSON.
func ExampleEncodeResumeToken() {
	keys := &Object{}
	keys.Set("NextToken", nil)
	tok := EncodeResumeToken(keys, 2, true)
	fmt.Println(tok)
	st, _ := DecodeStartingToken(tok)
	next, _ := st.NextToken()
	fmt.Println(next, st.Index)
	// Output:
	// eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==
	// <nil> 2
}
