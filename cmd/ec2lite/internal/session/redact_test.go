package session

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRedactText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=0123abcdef",
			"Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=" + redacted},
		{"https://h/?X-Amz-Signature=abc123&X-Amz-Security-Token=tok%2Fen&a=b", "https://h/?X-Amz-Signature=" + redacted + "&X-Amz-Security-Token=" + redacted + "&a=b"},
		{"<SecretAccessKey>abc/def</SecretAccessKey><SessionToken>xyz</SessionToken>", "<SecretAccessKey>" + redacted + "</SecretAccessKey><SessionToken>" + redacted + "</SessionToken>"},
		{`{"SecretAccessKey": "abc", "SessionToken": "t"}`, `{"SecretAccessKey": "` + redacted + `", "SessionToken": "` + redacted + `"}`},
		{"aws_secret_access_key = abc", "aws_secret_access_key = " + redacted},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, redactText(tt.in)); diff != "" {
			t.Errorf("redactText(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
