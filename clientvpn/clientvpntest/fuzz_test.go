package clientvpntest

import (
	"encoding/xml"
	"io"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// encodeDescribeRequest is the inverse of parseDescribeRequest, for round trips.
func encodeDescribeRequest(req describeRequest) url.Values {
	v := url.Values{}
	v.Set("Action", actionDescribe)
	v.Set("Version", apiVersion)
	v.Set("ClientVpnEndpointId", req.EndpointID)
	for i, f := range req.Filters {
		n := strconv.Itoa(i + 1)
		v.Set("Filter."+n+".Name", f.Name)
		for j, val := range f.Values {
			v.Set("Filter."+n+".Value."+strconv.Itoa(j+1), val)
		}
	}
	if req.MaxResults != 0 {
		v.Set("MaxResults", strconv.Itoa(req.MaxResults))
	}
	if req.NextToken != "" {
		v.Set("NextToken", req.NextToken)
	}
	if req.DryRun {
		v.Set("DryRun", "true")
	}
	return v
}

// FuzzParseDescribeRequest checks that the form and filter parser never panics,
// that what it accepts is valid, and that accepted requests survive a round trip.
func FuzzParseDescribeRequest(f *testing.F) {
	for _, s := range []string{
		form("ClientVpnEndpointId", SampleEndpointID),
		form("ClientVpnEndpointId", SampleEndpointID, "Filter.1.Name", "username", "Filter.1.Value.1", "alice",
			"Filter.1.Value.2", "bob", "Filter.2.Name", "connection-id", "Filter.2.Value.1", "c", "MaxResults", "5", "DryRun", "true"),
		form("ClientVpnEndpointId", "x", "Filter.10.Name", "username", "Filter.10.Value.3", "a b", "NextToken", "+/Ey=="),
		form("ClientVpnEndpointId", "x", "Filter.01.Name", "username"),
		form("ClientVpnEndpointId", "x", "Filter.1.Value.1.", "v", "MaxResults", " 7 "),
		"Action=DescribeClientVpnConnections&Version=2016-11-15&ClientVpnEndpointId=a&ClientVpnEndpointId=b",
		"Action=DescribeInstances",
		"%zz=1&Action=DescribeClientVpnConnections",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		form, _ := url.ParseQuery(body)
		req, aerr := parseDescribeRequest(form)
		if aerr != nil {
			if aerr.status < 400 || aerr.code == "" || aerr.message == "" {
				t.Fatalf("bad error %+v", aerr)
			}
			return
		}
		if req.EndpointID == "" {
			t.Fatal("accepted without an endpoint id")
		}
		if req.MaxResults != 0 && (req.MaxResults < minMaxResults || req.MaxResults > maxMaxResults) {
			t.Fatalf("accepted MaxResults %d", req.MaxResults)
		}
		for _, fl := range req.Filters {
			if fl.Name != "connection-id" && fl.Name != "username" || len(fl.Values) == 0 {
				t.Fatalf("accepted filter %+v", fl)
			}
		}
		again, aerr := parseDescribeRequest(encodeDescribeRequest(req))
		if aerr != nil {
			t.Fatalf("re-encoded request rejected: %v", aerr)
		}
		if diff := cmp.Diff(req, again); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}

// FuzzToken checks that token decoding never panics and never accepts a token
// that encodeToken did not make for the same listing.
func FuzzToken(f *testing.F) {
	req := describeRequest{EndpointID: SampleEndpointID}
	f.Add(encodeToken(&req, 5))
	f.Add(encodeToken(&req, 0))
	f.Add("eyJ2IjoiMiIsImMiOiJhYmMifQ==")
	f.Add("")
	f.Fuzz(func(t *testing.T, tok string) {
		off, ok := decodeToken(&req, tok)
		if ok && encodeToken(&req, off) != tok {
			t.Fatalf("accepted %q as offset %d, which encodes as %q", tok, off, encodeToken(&req, off))
		}
	})
}

func TestTokenRoundTrip(t *testing.T) {
	reqs := []describeRequest{
		{EndpointID: SampleEndpointID},
		{EndpointID: SampleEndpointID, Filters: []filter{{"username", []string{"alice", "bob"}}}},
		{EndpointID: SampleEndpointID, Filters: []filter{{"username", []string{"alicebob"}}}},
	}
	for i := range reqs {
		for _, off := range []int{1, 5, 999, 1 << 20} {
			tok := encodeToken(&reqs[i], off)
			for j := range reqs {
				got, ok := decodeToken(&reqs[j], tok)
				if want := i == j; ok != want || ok && got != off {
					t.Errorf("token of request %d offset %d decoded for request %d: %d, %v", i, off, j, got, ok)
				}
			}
		}
	}
}

// FuzzParseAuthorization checks that the Authorization parser never panics and
// that what it accepts prints back to something it parses the same way.
func FuzzParseAuthorization(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=abc")
	f.Add("AWS4-HMAC-SHA256 Credential=AK/d/r/s/aws4_request,SignedHeaders=host,Signature=")
	f.Add("AWS4-HMAC-SHA256 Credential=a/b/c/d/e/aws4_request")
	f.Add("AWS AKIDEXAMPLE:sig")
	f.Fuzz(func(t *testing.T, v string) {
		a, aerr := parseAuthorization(v)
		if aerr != nil {
			return
		}
		b, aerr := parseAuthorization(a.String())
		if aerr != nil {
			t.Fatalf("%q reprinted as %q: %v", v, a.String(), aerr)
		}
		if a.String() != b.String() {
			t.Fatalf("%q then %q", a.String(), b.String())
		}
	})
}

// FuzzParseData checks that the data file parser never panics and that accepted
// data survive MarshalIndent and ParseData.
func FuzzParseData(f *testing.F) {
	b, _ := SampleData().MarshalIndent()
	f.Add(string(b))
	f.Add(`{"endpoints":[{"id":"e","connections":[{"id":"c","established":"1h","ended":"1m","status":"terminated","posture":[]}]}]}`)
	f.Add(`{"endpoints":null}`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseData([]byte(s))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "clientvpntest: ") {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		out, err := d.MarshalIndent()
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseData(out)
		if err != nil {
			t.Fatalf("re-marshalled data rejected: %v\n%s", err, out)
		}
		if diff := cmp.Diff(d, again); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}

// FuzzHandler sends arbitrary bodies through the whole handler (signature checks
// off): it must never panic, and must always answer well-formed XML with one of
// the statuses this operation can produce.
func FuzzHandler(f *testing.F) {
	f.Add(form("ClientVpnEndpointId", SampleEndpointID, "MaxResults", "5"))
	f.Add(form("ClientVpnEndpointId", SampleEndpointID, "Filter.1.Name", "username", "Filter.1.Value.1", "o'neil&co"))
	f.Add(form("ClientVpnEndpointId", EmptyEndpointID, "DryRun", "true"))
	f.Add(form("ClientVpnEndpointId", SampleEndpointID, "NextToken", encodeToken(&describeRequest{EndpointID: SampleEndpointID}, 5)))
	srv := NewUnstartedServer(WithoutAuth(), WithTime(fixedNow))
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, body string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httpRequest(body))
		switch rec.Code {
		case 200, 400, 412:
		default:
			t.Fatalf("status %d for %q", rec.Code, body)
		}
		dec := xml.NewDecoder(rec.Body)
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("answer is not well-formed XML: %v", err)
			}
		}
	})
}
