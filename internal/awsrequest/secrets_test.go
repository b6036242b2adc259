package awsrequest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/sigv4"
)

// Recognisable fake credentials: no error Do returns may contain the secret
// key, the session token or the signature of a request it sent, even when
// the server quotes the request back (as a misbehaving proxy or a debugging
// endpoint might).
const (
	leakSecret = "SECRETSECRETSECRETSECRETSECRETSECRET0123"
	leakToken  = "TOKENTOKENTOKENTOKENTOKENTOKENTOKEN+/TOKENTOKEN=="
)

var leakSigRE = regexp.MustCompile(`Signature=([0-9a-f]{64})`)

func TestErrorsNeverCarrySecrets(t *testing.T) {
	var mu sync.Mutex
	var sigs []string
	echo := func(w http.ResponseWriter, r *http.Request) string {
		body, _ := io.ReadAll(r.Body)
		auth := r.Header.Get("Authorization")
		mu.Lock()
		if m := leakSigRE.FindStringSubmatch(auth); m != nil {
			sigs = append(sigs, m[1])
		}
		mu.Unlock()
		return "Authorization: " + auth + "\nX-Amz-Security-Token: " + r.Header.Get("X-Amz-Security-Token") + "\n" + string(body)
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		creds   func(context.Context) (sigv4.Credentials, error)
	}{
		{name: "HTML error page quoting the request", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, "<html><body><pre>"+echo(w, r)+"</pre></body></html>")
		}},
		{name: "HTML error page with the signature first", handler: func(w http.ResponseWriter, r *http.Request) {
			e := echo(w, r)
			m := leakSigRE.FindString(e)
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, m+" "+e)
		}},
		{name: "XML error message quoting the request", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, "<Response><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>"+
				strings.ReplaceAll(echo(w, r), "&", "&amp;")+"</Message></Error></Errors><RequestID>r</RequestID></Response>")
		}},
		{name: "STS error quoting the token", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token "+
				r.Header.Get("X-Amz-Security-Token")+" is invalid. "+leakSigRE.FindString(echo(w, r))+"</Message></Error><RequestId>r</RequestId></ErrorResponse>")
		}},
		{name: "undecodable 200 quoting the request", handler: func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "<html>"+echo(w, r)+"</html>")
		}},
		{name: "credentials error", handler: func(w http.ResponseWriter, r *http.Request) {}, creds: func(context.Context) (sigv4.Credentials, error) {
			return sigv4.Credentials{}, errors.New("credentials: Process: command failed")
		}},
		{name: "signing error", handler: func(w http.ResponseWriter, r *http.Request) {}, creds: func(context.Context) (sigv4.Credentials, error) {
			return sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: leakSecret, SessionToken: "bad\ntoken" + leakToken}, nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			c := &Client{HTTPClient: srv.Client(), MaxAttempts: 1}
			creds := tt.creds
			if creds == nil {
				creds = func(context.Context) (sigv4.Credentials, error) {
					return sigv4.Credentials{AccessKeyID: "AKIDLEAKTEST", SecretAccessKey: leakSecret, SessionToken: leakToken}, nil
				}
			}
			r := &Request{Operation: "DescribeClientVpnConnections", URL: srv.URL, Service: "ec2", Region: "us-east-1",
				Body: []byte(testBody), Credentials: creds}
			err := c.Do(context.Background(), r, func(int, []byte) error {
				return errors.New("not an EC2 response")
			})
			if err == nil {
				t.Fatal("no error")
			}
			texts := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
			var apiErr *ec2xml.APIError
			if errors.As(err, &apiErr) {
				texts = append(texts, apiErr.Message, apiErr.Body, fmt.Sprintf("%#v", apiErr))
				for _, d := range apiErr.Errors {
					texts = append(texts, d.Message)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, text := range texts {
				for _, bad := range append([]string{leakSecret, leakToken, "SECRETSECRETSECRET", "TOKENTOKENTOKEN"}, sigs...) {
					if strings.Contains(text, bad) {
						t.Errorf("error text contains %q:\n%s", bad, text)
					}
				}
			}
		})
	}
}
