package sigv4

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCanonicalPath(t *testing.T) {
	tests := []struct {
		path      string
		normalize bool
		want      string
		reason    string
	}{
		{"", true, "/", "an empty path is /"},
		{"", false, "/", "an empty path is / without normalisation too"},
		{"/", true, "/", ""},
		{"/example/..", true, "/", "aws-c-auth get-relative-normalized"},
		{"/example1/example2/../..", true, "/", "aws-c-auth get-relative-relative-normalized"},
		{"/./", true, "/", "aws-c-auth get-slash-dot-slash-normalized"},
		{"/./example", true, "/example", "aws-c-auth get-slash-pointless-dot-normalized"},
		{"//example//", true, "/example/", "empty segments collapse; the trailing slash stays"},
		{"//example//", false, "//example//", "aws-c-auth get-slashes-unnormalized"},
		{"/example/..", false, "/example/..", "aws-c-auth get-relative-unnormalized"},
		{"/example space/", true, "/example%20space/", "aws-c-auth get-space-normalized"},
		{"/ሴ", true, "/%E1%88%B4", "raw UTF-8 is encoded once"},
		{"/%E1%88%B4", true, "/%25E1%2588%25B4", "an encoded path is encoded again"},
		{"/example/$delete", true, "/example/%24delete", "aws4_testsuite get-special-character"},
		{"/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", true, "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "unreserved characters stay"},
		{"/..", true, "/", "going above the root stays at the root"},
		{"/a/b/../../../c", true, "/c", ""},
		{"/a/%2E%2E/b", true, "/a/%252E%252E/b", "an encoded dot segment is not a dot segment"},
		{"a/b", true, "/a/b", "a relative path gets its leading slash"},
		{"a/b", false, "/a/b", "a relative path gets its leading slash without normalisation too"},
		{"/a/./b/../c/", true, "/a/c/", ""},
		{"/a+b=c", true, "/a%2Bb%3Dc", "'+' and '=' are encoded in paths"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var c scratch
			got := string(appendCanonicalPath(nil, &c, tt.path, tt.normalize))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("canonical path of %q (normalize %v) (-want +got):\n%s\n%s", tt.path, tt.normalize, diff, tt.reason)
			}
		})
	}
}

func TestURIPath(t *testing.T) {
	tests := []struct {
		url  *url.URL
		want string
	}{
		{&url.URL{Path: "/a b"}, "/a%20b"},
		{&url.URL{Path: "/a/b", RawPath: "/a%2Fb"}, "/a%2Fb"},
		{&url.URL{Opaque: "/example space/"}, "/example space/"},
		{&url.URL{Opaque: "//example.com//x//"}, "//x//"},
		{&url.URL{Opaque: "//example.com"}, ""},
		{&url.URL{Opaque: "mailto"}, ""},
	}
	for _, tt := range tests {
		if got := uriPath(tt.url); got != tt.want {
			t.Errorf("uriPath(%#v) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	tests := []struct {
		raw, want, reason string
	}{
		{"", "", ""},
		{"Param2=value2&Param1=value1", "Param1=value1&Param2=value2", "sorted by key"},
		{"Param1=value2&Param1=value1", "Param1=value1&Param1=value2", "then by value"},
		{"Param-3=Value3&Param=Value2&%E1%88%B4=Value1", "%E1%88%B4=Value1&Param=Value2&Param-3=Value3", "sorted by encoded key"},
		{"ሴ=bar", "%E1%88%B4=bar", "raw UTF-8 is encoded"},
		{"Param1", "Param1=", "a key without '=' gets an empty value"},
		{"Param1=", "Param1=", ""},
		{"&&a=1&&b=2&", "a=1&b=2", "empty parameters are dropped"},
		{"a+b=c+d", "a%20b=c%20d", "'+' reads as a space"},
		{"a%2Bb=1", "a%2Bb=1", "an encoded '+' stays"},
		{"k=%7e%41", "k=~A", "unreserved characters are decoded"},
		{"k=%2f", "k=%2F", "hex is upper-cased"},
		{"%zz=1&k=%4", "%25zz=1&k=%254", "a malformed escape is a literal '%'"},
		{"k=v=w", "k=v%3Dw", "only the first '=' separates"},
		{"b=1&B=1&a=1", "B=1&a=1&b=1", "byte order: upper case first"},
		{"k=a b", "k=a%20b", "a raw space"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			var c scratch
			got := string(c.appendQuery(nil, tt.raw, nil))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("canonical query of %q (-want +got):\n%s\n%s", tt.raw, diff, tt.reason)
			}
			// The canonical form is its own canonical form.
			if again := string(c.appendQuery(nil, got, nil)); again != got {
				t.Errorf("canonical query of %q is %q, not itself", got, again)
			}
		})
	}
}

func TestTrimmedHeaderValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"value1", "value1"},
		{" value1", "value1"},
		{`"a   b   c"`, `"a b c"`},
		{"  a \t b\r\n c  ", "a b c"},
		{"a\tb", "a b"},
		{"\t", ""},
		{"a b", "a b"},
		{"é  日本", "é 日本"},
		{"a\x1fb", "a b"},
	}
	for _, tt := range tests {
		if got := string(appendTrimmed(nil, tt.in)); got != tt.want {
			t.Errorf("trimmed %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRequestHost(t *testing.T) {
	tests := []struct {
		url, host   string
		want        string
		wantRemoved bool
	}{
		{"https://ec2.us-east-1.amazonaws.com/", "", "ec2.us-east-1.amazonaws.com", false},
		{"https://ec2.us-east-1.amazonaws.com:443/", "", "ec2.us-east-1.amazonaws.com", true},
		{"http://example.com:80/", "", "example.com", true},
		{"http://example.com:443/", "", "example.com:443", false},
		{"https://example.com:80/", "", "example.com:80", false},
		{"https://example.com:8443/", "", "example.com:8443", false},
		{"https://[::1]:443/", "", "[::1]", true},
		{"https://[::1]/", "", "[::1]", false},
		{"https://[::1]:8443/", "", "[::1]:8443", false},
		{"https://10.0.0.1/", "", "10.0.0.1", false},
		{"https://10.0.0.1:443/", "", "10.0.0.1", true},
		{"https://127.0.0.1:9000/", "override.example:443", "override.example", true},
		{"https://127.0.0.1:9000/", "override.example", "override.example", false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		got, removed := requestHost(&http.Request{URL: u, Host: tt.host})
		if got != tt.want || removed != tt.wantRemoved {
			t.Errorf("requestHost(%s, Host %q) = %q, %v; want %q, %v", tt.url, tt.host, got, removed, tt.want, tt.wantRemoved)
		}
	}
}

func TestAppendAmzDate(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	times := []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(2100, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 2, 29, 1, 2, 3, 0, time.UTC),
		time.Date(2026, 11, 25, 13, 0, 0, 0, time.FixedZone("CET", 3600)),
	}
	for i := 0; i < 5000; i++ {
		times = append(times, time.Unix(r.Int63n(maxUnix-minUnix+1)+minUnix, r.Int63n(1e9)))
	}
	for _, tm := range times {
		want := tm.UTC().Format("20060102T150405Z")
		if got := string(appendAmzDate(nil, tm)); got != want {
			t.Fatalf("appendAmzDate(%v) = %s, want %s", tm, got, want)
		}
	}
}

func TestHashPayload(t *testing.T) {
	tests := []struct{ body, want string }{
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"Param1=value1", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"},
		{benchBody, benchPayloadHash},
	}
	for _, tt := range tests {
		if got := HashPayload([]byte(tt.body)); got != tt.want {
			t.Errorf("HashPayload(%q) = %s, want %s", tt.body, got, tt.want)
		}
	}
}

// TestManyParametersAndHeaders covers the sort used above twelve entries.
func TestManyParametersAndHeaders(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var params, wantParams []string
	req := mustRequest(t, "GET", "https://example.amazonaws.com/")
	var wantHeaders []string
	for i := 0; i < 20; i++ {
		p := fmt.Sprintf("k%02d=v%d", i/2, i%2) // repeated keys, values in order
		params = append(params, p)
		wantParams = append(wantParams, p)
		name := fmt.Sprintf("x-h%02d", i)
		req.Header.Set(name, fmt.Sprintf(" v%d ", i))
		wantHeaders = append(wantHeaders, fmt.Sprintf("%s:v%d", name, i))
	}
	r.Shuffle(len(params), func(i, j int) { params[i], params[j] = params[j], params[i] })
	req.URL.RawQuery = strings.Join(params, "&")
	var tr trace
	in := testInput()
	in.Credentials.SessionToken = ""
	if err := new(Signer).sign(req, in, &tr); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(tr.canonicalRequest, "\n")
	if diff := cmp.Diff(strings.Join(wantParams, "&"), lines[2]); diff != "" {
		t.Errorf("canonical query (-want +got):\n%s", diff)
	}
	wantHeaders = append([]string{"host:example.amazonaws.com", "x-amz-date:20261125T120000Z"}, wantHeaders...)
	if diff := cmp.Diff(wantHeaders, lines[3:3+len(wantHeaders)]); diff != "" {
		t.Errorf("canonical headers (-want +got):\n%s", diff)
	}
}

// TestHeaderKeysThatLowerCaseAlike: two map keys with the same lower-case
// name are one canonical header, in an order that does not depend on map order.
func TestHeaderKeysThatLowerCaseAlike(t *testing.T) {
	var first string
	for i := 0; i < 20; i++ {
		req := mustRequest(t, "GET", "https://example.amazonaws.com/")
		req.Header["X-Dup"] = []string{"b", "a"}
		req.Header["x-dup"] = []string{"c"}
		var tr trace
		if err := new(Signer).sign(req, testInput(), &tr); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(tr.canonicalRequest, "\nx-dup:b,a,c\n") {
			t.Fatalf("canonical request:\n%s", tr.canonicalRequest)
		}
		if i == 0 {
			first = tr.canonicalRequest
		} else if tr.canonicalRequest != first {
			t.Fatalf("canonical request depends on map order")
		}
	}
}

// TestTrimmedMatchesFields compares appendTrimmed with a plain definition on
// random values.
func TestTrimmedMatchesFields(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	alphabet := []string{"a", "b", " ", " ", "\t", "\n", "\x1c", "é", "\x00", "~"}
	isWS := func(r rune) bool { return r < 0x80 && isSpace(byte(r)) }
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for l := r.Intn(40); l > 0; l-- {
			sb.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		v := sb.String()
		want := strings.Join(strings.FieldsFunc(v, isWS), " ")
		if got := string(appendTrimmed([]byte("x:"), v)); got != "x:"+want {
			t.Fatalf("appendTrimmed(%q) = %q, want %q", v, got[2:], want)
		}
	}
}
