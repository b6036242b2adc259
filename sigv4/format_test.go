package sigv4

import (
	"fmt"
	"strings"
	"testing"
)

func TestCredentialsFormatRedacts(t *testing.T) {
	const secret, token = "SECRETSECRETSECRETSECRETSECRETSECRET0123", "TOKENTOKENTOKENTOKENTOKEN+/=="
	c := Credentials{AccessKeyID: "AKIDFORMAT", SecretAccessKey: secret, SessionToken: token}
	in := Input{Credentials: c, Service: "ec2", Region: "us-east-1"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10v"} {
		for _, v := range []any{c, &c, in, &in, []Credentials{c}, map[string]Credentials{"k": c}} {
			got := fmt.Sprintf(verb, v)
			if strings.Contains(got, "SECRETSECRET") || strings.Contains(got, "TOKENTOKEN") {
				t.Errorf("fmt.Sprintf(%q, %T) = %s", verb, v, got)
			}
			if !strings.Contains(got, "AKIDFORMAT") && verb != "%x" && verb != "%d" {
				t.Errorf("fmt.Sprintf(%q, %T) = %s hides the access key id", verb, v, got)
			}
		}
	}
	if got, want := fmt.Sprint(Credentials{AccessKeyID: "A"}), `{AccessKeyID: A, SecretAccessKey: "", SessionToken: ""}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
