package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ec2lite/ec2lite/credentials"
)

// The default chain, cached: what clientvpn.NewFromEnvironment uses.
func ExampleNewDefaultChain() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	config := filepath.Join(dir, "config")
	os.WriteFile(config, []byte("[profile dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"), 0o600)

	env := map[string]string{"AWS_CONFIG_FILE": config, "AWS_PROFILE": "dev", "HOME": dir}
	creds := credentials.NewCache(credentials.NewDefaultChain(credentials.ChainOptions{
		Getenv: func(k string) string { return env[k] }, // nil reads the process environment
	}))
	c, err := creds.Retrieve(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.AccessKeyID, c.Source)
	// Output: AKIDEXAMPLE Profile(dev)
}

// Credentials print without their secrets, whatever the verb.
func ExampleCredentials_String() {
	c := credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SessionToken: "token"}
	fmt.Printf("%v\n%+v\n", c, c)
	// Output:
	// {AccessKeyID: AKIDEXAMPLE, SecretAccessKey: <redacted>, SessionToken: <redacted>}
	// {AccessKeyID: AKIDEXAMPLE, SecretAccessKey: <redacted>, SessionToken: <redacted>}
}

// When nothing is configured, the error matches ErrNoCredentials and lists every reason.
func ExampleChain() {
	chain := credentials.Chain{
		credentials.Env{Getenv: func(string) string { return "" }},
		credentials.Static{},
	}
	_, err := chain.Retrieve(context.Background())
	fmt.Println(errors.Is(err, credentials.ErrNoCredentials))
	fmt.Println(err)
	// Output:
	// true
	// credentials: unable to locate credentials
	// 	credentials: Env: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set
	// 	credentials: Static: no access key ID and secret access key
}
