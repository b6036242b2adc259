package benchmarks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	smithycreds "github.com/aws/smithy-go/aws-http-auth/credentials"
	smithysigv4 "github.com/aws/smithy-go/aws-http-auth/sigv4"
	smithyv4 "github.com/aws/smithy-go/aws-http-auth/v4"

	"github.com/ec2lite/ec2lite/internal/memtransport"
)

// The canonical inputs of the benchmark kit (INPUTS.md).
const (
	fixtures   = "../testdata/bench"
	accessKey  = "AKIDEXAMPLE"
	secretKey  = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	region     = "us-east-1"
	endpoint   = "https://ec2.us-east-1.amazonaws.com/"
	endpointID = "cvpn-endpoint-0123456789abcdef0"
	signBody   = "Action=DescribeClientVpnConnections&ClientVpnEndpointId=cvpn-endpoint-0123456789abcdef0" +
		"&Filter.1.Name=username&Filter.1.Value.1=alice&Filter.1.Value.2=bob&MaxResults=1000&Version=2016-11-15"
	wantAuthorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, " +
		"SignedHeaders=content-length;content-type;host;x-amz-date, " +
		"Signature=b90154f7083f06183555f6a1d09a3708221d2c630e4243a3b334f997475cb033"
)

var signTime = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func signRequest(tb testing.TB) *http.Request {
	req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(signBody))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Content-Length", strconv.Itoa(len(signBody)))
	return req
}

// resetHeaders removes what a signer added, leaving the pre-built set.
func resetHeaders(h http.Header) {
	delete(h, "Authorization")
	delete(h, "X-Amz-Date")
	delete(h, "X-Amz-Security-Token")
	delete(h, "Host")
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// BenchmarkSign signs the pre-built request with aws/signer/v4, one Signer
// reused so that its derived-key cache is warm.
func BenchmarkSign(b *testing.B) {
	ctx := context.Background()
	signer := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey}
	req := signRequest(b)
	body := []byte(signBody)
	b.ReportAllocs()
	for b.Loop() {
		resetHeaders(req.Header)
		if err := signer.SignHTTP(ctx, creds, req, hexSHA256(body), "ec2", region, signTime); err != nil {
			b.Fatal(err)
		}
	}
	if got := req.Header.Get("Authorization"); got != wantAuthorization {
		b.Fatalf("Authorization = %q", got)
	}
}

// signedHeaders makes the smithy signer sign content-length and content-type
// too, as aws/signer/v4 does for this request.
type signedHeaders struct{}

func (signedHeaders) IsSigned(h string) bool {
	return h == "host" || h == "content-type" || h == "content-length" || strings.HasPrefix(h, "x-amz-")
}

// BenchmarkSignSmithy is BenchmarkSign with smithy-go's aws-http-auth signer,
// which derives the signing key on every call.
func BenchmarkSignSmithy(b *testing.B) {
	signer := smithysigv4.New(func(o *smithyv4.SignerOptions) { o.HeaderRules = signedHeaders{} })
	creds := smithycreds.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey}
	req := signRequest(b)
	body := []byte(signBody)
	b.ReportAllocs()
	for b.Loop() {
		resetHeaders(req.Header)
		sum := sha256.Sum256(body)
		err := signer.SignRequest(&smithysigv4.SignRequestInput{
			Request: req, PayloadHash: sum[:], Credentials: creds,
			Service: "ec2", Region: region, Time: signTime,
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if got := req.Header.Get("Authorization"); got != wantAuthorization {
		b.Fatalf("Authorization = %q", got)
	}
}

func newClient(rt http.RoundTripper) *ec2.Client {
	return ec2.NewFromConfig(aws.Config{
		Region:      region,
		Credentials: aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(accessKey, secretKey, "")),
		HTTPClient:  &http.Client{Transport: rt},
	})
}

func benchInput() *ec2.DescribeClientVpnConnectionsInput {
	return &ec2.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: aws.String(endpointID),
		Filters:             []types.Filter{{Name: aws.String("username"), Values: []string{"alice", "bob"}}},
		MaxResults:          aws.Int32(1000),
	}
}

// BenchmarkDescribe makes one DescribeClientVpnConnections call per op.
func BenchmarkDescribe(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run("connections="+strconv.Itoa(n), func(b *testing.B) {
			body, err := memtransport.Load(fixtures, "describe-connections-"+strconv.Itoa(n)+".xml")
			if err != nil {
				b.Fatal(err)
			}
			rt, err := memtransport.New(body)
			if err != nil {
				b.Fatal(err)
			}
			client, in, ctx := newClient(rt), benchInput(), context.Background()
			b.ReportAllocs()
			for b.Loop() {
				out, err := client.DescribeClientVpnConnections(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				if len(out.Connections) != n {
					b.Fatalf("got %d connections, want %d", len(out.Connections), n)
				}
			}
		})
	}
}

// BenchmarkPaginateAll walks the ten 1000-connection pages with a fresh
// paginator per op.
func BenchmarkPaginateAll(b *testing.B) {
	pages, err := memtransport.LoadPages(fixtures, 10)
	if err != nil {
		b.Fatal(err)
	}
	rt, err := memtransport.New(pages...)
	if err != nil {
		b.Fatal(err)
	}
	client, in, ctx := newClient(rt), benchInput(), context.Background()
	b.ReportAllocs()
	for b.Loop() {
		p := ec2.NewDescribeClientVpnConnectionsPaginator(client, in)
		total := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			total += len(out.Connections)
		}
		if total != 10000 {
			b.Fatalf("got %d connections, want 10000", total)
		}
	}
}
