package ec2xml

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestDecodeErrorBotocore decodes every error example that botocore parsed
// into ../testdata/ec2xml/expected-parsed.botocore.json and compares code,
// message and request id with botocore's.
func TestDecodeErrorBotocore(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", "expected-parsed.botocore.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			File       string `json:"file"`
			StatusCode int    `json:"status_code"`
			Parsed     struct {
				Error            struct{ Code, Message string }
				ResponseMetadata struct{ RequestId string }
			} `json:"parsed"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range doc.Cases {
		if !strings.HasPrefix(c.File, "error") {
			continue
		}
		n++
		t.Run(c.File, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", c.File))
			if err != nil {
				t.Fatal(err)
			}
			got := DecodeError(c.StatusCode, body)
			want := &APIError{
				StatusCode: c.StatusCode,
				Code:       c.Parsed.Error.Code,
				Message:    c.Parsed.Error.Message,
				RequestID:  c.Parsed.ResponseMetadata.RequestId,
				Errors:     []ErrorDetail{{Code: c.Parsed.Error.Code, Message: c.Parsed.Error.Message}},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("DecodeError (-want +got):\n%s", diff)
			}
		})
	}
	if n < 8 {
		t.Fatalf("only %d error cases in the botocore file", n)
	}
}

func TestDecodeError(t *testing.T) {
	file := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	html := file("error-proxy.502.html")
	long := strings.Repeat("é", 200) // 400 bytes: the snapshot must not cut a character
	tests := []struct {
		name   string
		status int
		body   string
		want   *APIError
		cause  string // "" (none), "syntax" (a *SyntaxError) or "not-envelope" (ErrNotEnvelope)
		reason string
	}{
		{
			name: "ec2-several-errors", status: 400, body: file("error-multiple-errors.400.xml"),
			want: &APIError{
				StatusCode: 400, Code: "InvalidParameterValue", Message: "Value (x) for parameter MaxResults is invalid.",
				RequestID: "5e2f3f8a-0000-4000-8000-000000000001",
				Errors: []ErrorDetail{
					{Code: "InvalidParameterValue", Message: "Value (x) for parameter MaxResults is invalid."},
					{Code: "InvalidClientVpnEndpointId.NotFound", Message: "The Client VPN endpoint ID 'cvpn-endpoint-0' does not exist"},
					{Code: "UnknownParameter", Message: "The parameter Foo is not recognized"},
				},
			},
			reason: "every error is kept; the first gives Code and Message",
		},
		{
			name: "sts-query-envelope", status: 403, body: file("error-sts-ErrorResponse.403.xml"),
			want: &APIError{
				StatusCode: 403, Code: "AccessDenied",
				Message:   "User: arn:aws:iam::123456789012:user/example is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/example",
				RequestID: "c6104cbe-af31-11e0-8154-cbc7ccf896c7",
				Errors: []ErrorDetail{{Type: "Sender", Code: "AccessDenied",
					Message: "User: arn:aws:iam::123456789012:user/example is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/example"}},
			},
		},
		{
			name: "unknown-elements-skipped", status: 400,
			body: `<Response><Extra><Error><Code>No</Code></Error></Extra><Errors><Error><Detail><Code>No</Code></Detail><Code>A</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>`,
			want: &APIError{StatusCode: 400, Code: "A", Message: "m", RequestID: "r", Errors: []ErrorDetail{{Code: "A", Message: "m"}}},
		},
		{
			name: "bare-error", status: 400, body: `<Error><Code>A</Code><Message>m</Message><RequestId>r</RequestId></Error>`,
			want: &APIError{StatusCode: 400, Code: "A", Message: "m", RequestID: "r", Errors: []ErrorDetail{{Code: "A", Message: "m"}}},
		},
		{
			name: "html-502", status: 502, body: html,
			want: &APIError{StatusCode: 502, Code: "502", Message: "Bad Gateway", Body: html}, cause: "syntax",
			reason: "HTML that is no error envelope gives the generic error (nginx's <hr> is not closed: not XML)",
		},
		{
			name: "empty-503", status: 503, body: "",
			want: &APIError{StatusCode: 503, Code: "503", Message: "Service Unavailable"}, cause: "syntax",
			reason: "an empty body is no XML document",
		},
		{
			name: "xhtml-403", status: 403, body: "<html><body><h1>403 Forbidden</h1></body></html>\n",
			want:  &APIError{StatusCode: 403, Code: "403", Message: "Forbidden", Body: "<html><body><h1>403 Forbidden</h1></body></html>\n"},
			cause: "not-envelope", reason: "a well-formed page that is no envelope: the generic error, caused by ErrNotEnvelope",
		},
		{
			name: "xhtml-403-malformed-later", status: 403, body: "<html><body><h1>403</body></html>",
			want:  &APIError{StatusCode: 403, Code: "403", Message: "Forbidden", Body: "<html><body><h1>403</body></html>"},
			cause: "syntax", reason: "another root element is read to its end: a later syntax error is the cause",
		},
		{
			name: "truncated-xml", status: 500, body: `<Response><Errors><Error><Code>InternalError</Code><Mess`,
			want: &APIError{StatusCode: 500, Code: "500", Message: "Internal Server Error", Body: `<Response><Errors><Error><Code>InternalError</Code><Mess`}, cause: "syntax",
			reason: "malformed XML is not trusted, even in part",
		},
		{
			name: "dtd-rejected", status: 400, body: file("malformed-doctype-entity.xml"),
			want: &APIError{StatusCode: 400, Code: "400", Message: "Bad Request", Body: file("malformed-doctype-entity.xml")}, cause: "syntax",
		},
		{
			name: "no-code", status: 403, body: `<Response><Errors><Error><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>`,
			want:   &APIError{StatusCode: 403, Code: "Unknown", Message: "m", RequestID: "r", Errors: []ErrorDetail{{Message: "m"}}},
			reason: "a message without a code is kept, as botocore and the SDKs keep it; Code is botocore's Unknown",
		},
		{
			name: "empty-code", status: 503, body: `<Response><Errors><Error><Code></Code><Message>m</Message></Error></Errors></Response>`,
			want:   &APIError{StatusCode: 503, Code: "Unknown", Message: "m", Errors: []ErrorDetail{{Message: "m"}}},
			reason: "an empty Code element is no code; the message is kept whatever the status",
		},
		{
			name: "no-code-no-message", status: 403, body: `<Response><Errors><Error><Type>Sender</Type></Error></Errors></Response>`,
			want: &APIError{StatusCode: 403, Code: "403", Message: "Forbidden", Body: `<Response><Errors><Error><Type>Sender</Type></Error></Errors></Response>`}, cause: "not-envelope",
			reason: "with neither code nor message, the status stands for both",
		},
		{
			name: "snapshot-utf8-boundary", status: 504, body: "x" + long,
			want: &APIError{StatusCode: 504, Code: "504", Message: "Gateway Timeout", Body: "x" + long[:254]}, cause: "syntax",
			reason: "256 bytes would cut a two-byte character in half: the snapshot stops before it",
		},
		{
			name: "snapshot-invalid-utf8", status: 502, body: "bad\xff\xfebytes",
			want: &APIError{StatusCode: 502, Code: "502", Message: "Bad Gateway", Body: "bad\uFFFDbytes"}, cause: "syntax",
		},
		{
			name: "unknown-status", status: 599, body: "",
			want: &APIError{StatusCode: 599, Code: "599"}, cause: "syntax",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DecodeError(tc.status, []byte(tc.body))
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(APIError{}, "Cause")); diff != "" {
				t.Errorf("DecodeError (-want +got):\n%s\nreason: %s", diff, tc.reason)
			}
			var se *SyntaxError
			cause := ""
			switch {
			case errors.As(got.Cause, &se):
				cause = "syntax"
			case errors.Is(got.Cause, ErrNotEnvelope):
				cause = "not-envelope"
			case got.Cause != nil:
				cause = got.Cause.Error()
			}
			if cause != tc.cause {
				t.Errorf("Cause = %v (%q), want %q\nreason: %s", got.Cause, cause, tc.cause, tc.reason)
			}
		})
	}
}

func TestAPIErrorString(t *testing.T) {
	tests := []struct {
		err  *APIError
		want string
	}{
		{&APIError{StatusCode: 401, Code: "AuthFailure", Message: "AWS was not able to validate the provided access credentials", RequestID: "53deb9bb"},
			"AuthFailure: AWS was not able to validate the provided access credentials (HTTP 401, request id 53deb9bb)"},
		{&APIError{StatusCode: 502, Code: "502", Message: "Bad Gateway", Body: "<html>"},
			"502: Bad Gateway (HTTP 502)"},
		{&APIError{StatusCode: 400, Code: "A", Errors: []ErrorDetail{{Code: "A"}, {Code: "B"}}},
			"A (HTTP 400, 1 more error)"},
		{&APIError{StatusCode: 400, Code: "A", Message: "m", RequestID: "r", Errors: []ErrorDetail{{Code: "A"}, {Code: "B"}, {Code: "C"}}},
			"A: m (HTTP 400, request id r, 2 more errors)"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestAPIErrorAs(t *testing.T) {
	err := fmt.Errorf("clientvpn: DescribeClientVpnConnections: %w", DecodeError(412, []byte(`<Response><Errors><Error><Code>DryRunOperation</Code><Message>ok</Message></Error></Errors><RequestID>x</RequestID></Response>`)))
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != "DryRunOperation" || ae.StatusCode != 412 {
		t.Fatalf("errors.As = %v, %+v", errors.As(err, &ae), ae)
	}
}

// TestDecodeErrorGolden decodes every error and malformed body in
// ../testdata/ec2xml with the status code in its name (400 if none) and
// compares the *APIError and its message with the golden file
// ../testdata/ec2xml/golden/NAME.apierror (rewritten by go test -update).
func TestDecodeErrorGolden(t *testing.T) {
	var files []string
	for _, pattern := range []string{"error-*", "malformed-*"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", "ec2xml", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d error bodies found", len(files))
	}
	statusRE := regexp.MustCompile(`\.([1-5][0-9][0-9])\.`)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			status := 400
			if m := statusRE.FindStringSubmatch(name); m != nil {
				status, _ = strconv.Atoi(m[1])
			}
			e := DecodeError(status, body)
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			plain := *e
			plain.Cause = nil // as text below: errors do not encode as JSON
			if err := enc.Encode(plain); err != nil {
				t.Fatal(err)
			}
			got := b.String() + e.Error() + "\n"
			if e.Cause != nil {
				got += "cause: " + e.Cause.Error() + "\n"
			}
			golden := filepath.Join("..", "testdata", "ec2xml", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".apierror")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("DecodeError (-want +got):\n%s", diff)
			}
		})
	}
}
