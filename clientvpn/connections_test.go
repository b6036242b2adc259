package clientvpn

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ec2lite/ec2lite/ec2xml"
	"github.com/ec2lite/ec2lite/query"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/clientvpn/golden")

var (
	queryDir     = filepath.Join("..", "testdata", "query")
	responsesDir = filepath.Join("..", "testdata", "clientvpn", "responses")
	goldenDir    = filepath.Join("..", "testdata", "clientvpn", "golden")
	benchDir     = filepath.Join("..", "testdata", "bench")
)

// TestAppendMatchesCLI checks the request body against the bodies the real
// AWS CLI sent for the same input (recorded by ../testdata/query/record.py).
func TestAppendMatchesCLI(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(queryDir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name   string
		Reason string
		Input  struct {
			ClientVpnEndpointId string
			Filters             []Filter
			NextToken           string
			MaxResults          int32
			DryRun              *bool
		}
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d recorded cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(queryDir, tc.Name+".body"))
			if err != nil {
				t.Fatal(err)
			}
			in := DescribeClientVpnConnectionsInput{
				ClientVpnEndpointId: tc.Input.ClientVpnEndpointId,
				Filters:             tc.Input.Filters,
				NextToken:           tc.Input.NextToken,
				MaxResults:          tc.Input.MaxResults,
			}
			if tc.Input.DryRun != nil {
				in.DryRun = query.BoolOf(*tc.Input.DryRun)
			}
			got := appendDescribeClientVpnConnections([]byte("prefix:"), &in)
			if !bytes.HasPrefix(got, []byte("prefix:")) {
				t.Fatalf("dst not kept: %q", got)
			}
			if diff := cmp.Diff(string(want), string(got[len("prefix:"):])); diff != "" {
				t.Errorf("%s: body differs from the AWS CLI's (-want +got):\n%s", tc.Reason, diff)
			}
		})
	}
}

func TestAppendBenchInput(t *testing.T) {
	// The benchmark input of ../shared/bench/INPUTS.md, in model order.
	in := DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
		Filters:             []Filter{{Name: "username", Values: []string{"alice", "bob"}}},
		MaxResults:          1000,
	}
	want := "Action=DescribeClientVpnConnections&Version=2016-11-15&ClientVpnEndpointId=cvpn-endpoint-0123456789abcdef0&Filter.1.Name=username&Filter.1.Value.1=alice&Filter.1.Value.2=bob&MaxResults=1000"
	if got := string(appendDescribeClientVpnConnections(nil, &in)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(want) != 189 {
		t.Errorf("body is %d bytes, the SDK's (same pairs, sorted) is 189", len(want))
	}
	buf := make([]byte, 0, 512)
	if n := testing.AllocsPerRun(100, func() { appendDescribeClientVpnConnections(buf[:0], &in) }); n > 1 {
		t.Errorf("encoding allocates %v times, want <= 1", n)
	}
}

// ---- decoding ----

// outputJSON renders out as the AWS CLI's JSON shows it: model names, model
// order, absent members omitted, present empty ones as "" / [] / {}; then
// RequestId (not a model member) last.
func outputJSON(out *DescribeClientVpnConnectionsOutput) []byte {
	var b bytes.Buffer
	str := func(s string) {
		q, _ := json.Marshal(s)
		b.Write(q)
	}
	b.WriteString("{")
	sep := ""
	field := func(name string) {
		b.WriteString(sep)
		sep = ","
		str(name)
		b.WriteString(":")
	}
	if Has(out, "Connections") {
		field("Connections")
		b.WriteString("[")
		for i, c := range out.Connections {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("{")
			csep := ""
			for j, name := range connectionMembers {
				if !Has(c, name) {
					continue
				}
				b.WriteString(csep)
				csep = ","
				str(name)
				b.WriteString(":")
				switch j {
				case cStatus:
					b.WriteString("{")
					ssep := ""
					if Has(c.Status, "Code") {
						b.WriteString(`"Code":`)
						str(string(c.Status.Code))
						ssep = ","
					}
					if Has(c.Status, "Message") {
						b.WriteString(ssep + `"Message":`)
						str(c.Status.Message)
					}
					b.WriteString("}")
				case cPostureComplianceStatuses:
					b.WriteString("[")
					for k, p := range c.PostureComplianceStatuses {
						if k > 0 {
							b.WriteString(",")
						}
						str(p)
					}
					b.WriteString("]")
				default:
					str(*c.str(j))
				}
			}
			b.WriteString("}")
		}
		b.WriteString("]")
	}
	if Has(out, "NextToken") {
		field("NextToken")
		str(out.NextToken)
	}
	field("RequestId")
	str(out.RequestID)
	b.WriteString("}")
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, b.Bytes(), "", "  "); err != nil {
		panic(err)
	}
	pretty.WriteByte('\n')
	return pretty.Bytes()
}

func decodeFile(t *testing.T, path string) (*DescribeClientVpnConnectionsOutput, []byte) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out DescribeClientVpnConnectionsOutput
	if err := decodeDescribeClientVpnConnections(body, &out); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return &out, body
}

// TestDecodeGolden decodes every response fixture and compares the result,
// rendered as the AWS CLI's JSON, with its golden file (-update rewrites).
func TestDecodeGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(responsesDir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, name := range []string{"describe-connections-1.xml", "describe-connections-100.xml"} {
		files = append(files, filepath.Join(benchDir, name))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".xml")
		t.Run(name, func(t *testing.T) {
			out, body := decodeFile(t, path)
			got := outputJSON(out)
			golden := filepath.Join(goldenDir, name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("decoded output differs from %s (-want +got):\n%s", golden, diff)
			}
			// The output must not share memory with the body.
			for i := range body {
				body[i] = 'X'
			}
			if again := outputJSON(out); !bytes.Equal(again, got) {
				t.Errorf("the output changed when the body was overwritten: decode retains body")
			}
		})
	}
}

// TestDecodeMatchesBotocore compares the decoder with botocore's parser on
// the same files: the shared examples (expected-parsed.botocore.json, from
// ../shared/vectors/examples) and every fixture in responses/
// (expected-parsed.local.botocore.json, from botocore_parse.py).
func TestDecodeMatchesBotocore(t *testing.T) {
	type parsedCase struct {
		File       string
		StatusCode int `json:"status_code"`
		RequestID  string
		Parsed     map[string]any
	}
	load := func(name string) []parsedCase {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "clientvpn", name))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct{ Cases []parsedCase }
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Cases
	}
	shared := map[string]string{ // shared example name -> copy in responses/
		"DERIVED.DescribeClientVpnConnections.response.edge-cases.xml":       "derived-edge-cases.xml",
		"DERIVED.DescribeClientVpnConnections.response.empty.xml":            "derived-empty.xml",
		"DERIVED.DescribeClientVpnConnections.response.from-cli-example.xml": "derived-from-cli-example.xml",
		"DescribeClientVpnConnections.response.api-reference.xml":            "api-reference.xml",
	}
	var cases []parsedCase
	for _, c := range load("expected-parsed.botocore.json") {
		local, ok := shared[c.File]
		if !ok {
			continue // an error envelope: ec2xml's business
		}
		meta, _ := c.Parsed["ResponseMetadata"].(map[string]any)
		c.RequestID, _ = meta["RequestId"].(string)
		delete(c.Parsed, "ResponseMetadata")
		c.File = local
		cases = append(cases, c)
	}
	if len(cases) != len(shared) {
		t.Fatalf("found %d of the %d shared examples", len(cases), len(shared))
	}
	cases = append(cases, load("expected-parsed.local.botocore.json")...)
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			out, _ := decodeFile(t, filepath.Join(responsesDir, c.File))
			var got map[string]any
			if err := json.Unmarshal(outputJSON(out), &got); err != nil {
				t.Fatal(err)
			}
			if got["RequestId"] != c.RequestID {
				t.Errorf("RequestId = %q, botocore %q", got["RequestId"], c.RequestID)
			}
			delete(got, "RequestId")
			if diff := cmp.Diff(c.Parsed, got); diff != "" {
				t.Errorf("differs from botocore (-botocore +ec2lite):\n%s", diff)
			}
		})
	}
}

// benchExpected is ../testdata/bench/expected.json.
type benchExpected struct {
	Files []struct {
		File        string
		Gzip        bool
		RequestID   string `json:"requestId"`
		Connections int
		NextToken   string `json:"nextToken"`
		Digest      string
	}
	Samples []struct {
		File       string
		Index      int
		Why        string
		Connection map[string]any
	}
}

// digest is the digest of ../shared/bench/INPUTS.md: per connection, lines
// name=value for the non-empty values in a fixed order, then an empty line.
func digest(conns []Connection) string {
	h := sha256.New()
	for _, c := range conns {
		line := func(name, v string) {
			if v != "" {
				io.WriteString(h, name+"="+v+"\n")
			}
		}
		line("clientVpnEndpointId", c.ClientVpnEndpointId)
		line("timestamp", c.Timestamp)
		line("connectionId", c.ConnectionId)
		line("username", c.Username)
		line("connectionEstablishedTime", c.ConnectionEstablishedTime)
		line("ingressBytes", c.IngressBytes)
		line("egressBytes", c.EgressBytes)
		line("ingressPackets", c.IngressPackets)
		line("egressPackets", c.EgressPackets)
		line("clientIp", c.ClientIp)
		line("clientIpv6Address", c.ClientIpv6Address)
		line("commonName", c.CommonName)
		line("status.code", string(c.Status.Code))
		line("status.message", c.Status.Message)
		line("connectionEndTime", c.ConnectionEndTime)
		for _, p := range c.PostureComplianceStatuses {
			line("postureComplianceStatus", p)
		}
		io.WriteString(h, "\n")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sampleJSON renders a connection with the XML element names, as the
// samples of expected.json do.
func sampleJSON(c Connection) map[string]any {
	m := make(map[string]any)
	for i, name := range connectionMembers {
		if !Has(c, name) {
			continue
		}
		el := strings.ToLower(name[:1]) + name[1:]
		switch i {
		case cStatus:
			st := map[string]any{}
			if Has(c.Status, "Code") {
				st["code"] = string(c.Status.Code)
			}
			if Has(c.Status, "Message") {
				st["message"] = c.Status.Message
			}
			m["status"] = st
		case cPostureComplianceStatuses:
			l := []any{}
			for _, p := range c.PostureComplianceStatuses {
				l = append(l, p)
			}
			m["postureComplianceStatusSet"] = l
		default:
			m[el] = *c.str(i)
		}
	}
	return m
}

// TestDecodeBenchFixtures checks the benchmark fixtures (copies of
// ../shared/bench/fixtures in ../testdata/bench), the three single pages and
// the ten gzipped pages of the paginated listing, against expected.json.
func TestDecodeBenchFixtures(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(benchDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp benchExpected
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	decoded := make(map[string]*DescribeClientVpnConnectionsOutput)
	checked := 0
	for _, f := range exp.Files {
		if !f.Gzip {
			checked++
		}
		t.Run(f.File, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(benchDir, f.File))
			if err != nil {
				t.Fatal(err)
			}
			if f.Gzip {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			out := new(DescribeClientVpnConnectionsOutput)
			if err := decodeDescribeClientVpnConnections(body, out); err != nil {
				t.Fatal(err)
			}
			decoded[f.File] = out
			if len(out.Connections) != f.Connections || out.RequestID != f.RequestID || out.NextToken != f.NextToken {
				t.Errorf("got %d connections, requestId %q, nextToken %q; want %d, %q, %q",
					len(out.Connections), out.RequestID, out.NextToken, f.Connections, f.RequestID, f.NextToken)
			}
			if got := digest(out.Connections); got != f.Digest {
				t.Errorf("digest %s, want %s", got, f.Digest)
			}
		})
	}
	if checked != 3 {
		t.Errorf("checked %d plain fixtures, want 3", checked)
	}
	for _, s := range exp.Samples {
		out := decoded[s.File]
		if out == nil {
			continue
		}
		if s.Index >= len(out.Connections) {
			t.Errorf("%s: sample %d out of range", s.File, s.Index)
			continue
		}
		if diff := cmp.Diff(s.Connection, sampleJSON(out.Connections[s.Index])); diff != "" {
			t.Errorf("%s[%d] (%s) (-want +got):\n%s", s.File, s.Index, s.Why, diff)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, body, reason string
	}{
		{"empty", "", "no root element"},
		{"whitespace", "  \n", "no root element"},
		{"truncated", `<DescribeClientVpnConnectionsResponse><connections><item><username>al`, "input ends inside an element"},
		{"truncated-after-item", `<DescribeClientVpnConnectionsResponse><connections><item></item>`, "input ends inside connections"},
		{"mismatched", `<R><connections><item><username>a</clientIp></item></connections></R>`, "end tag does not match"},
		{"bad-entity", `<R><requestId>&bogus;</requestId></R>`, "unknown entity"},
		{"dtd", `<!DOCTYPE R [<!ENTITY x "y">]><R><requestId>&x;</requestId></R>`, "DTDs are rejected"},
		{"trailing", `<R></R><R></R>`, "a second root"},
		{"html", `<html><body><h1>502 Bad Gateway</h1></body>`, "truncated HTML"},
		{"not-xml", `{"Connections": []}`, "JSON is not XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out DescribeClientVpnConnectionsOutput
			err := decodeDescribeClientVpnConnections([]byte(tt.body), &out)
			if err == nil {
				t.Fatalf("%s: no error", tt.reason)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%s: error %T %v is not a *DecodeError", tt.reason, err, err)
			}
			if de.Offset < 0 || de.Offset > int64(len(tt.body)) {
				t.Errorf("offset %d outside the body of %d bytes", de.Offset, len(tt.body))
			}
			if len(de.Near) > 2*snapshotRadius || !strings.Contains(tt.body, de.Near) {
				t.Errorf("Near %q is not a short piece of the body", de.Near)
			}
			if msg := err.Error(); strings.HasPrefix(msg, "clientvpn:") || strings.HasPrefix(msg, "decoding") ||
				!strings.HasSuffix(msg, fmt.Sprintf("(near %q)", de.Near)) {
				t.Errorf("error text %q: want the cause and the snapshot, no package or operation (the call's error adds them)", err)
			}
		})
	}
}

func TestDecodeSyntaxErrorUnwraps(t *testing.T) {
	for _, body := range []string{`<R><a></b></R>`, `<?xml v="1.0"?><R/>`} {
		var out DescribeClientVpnConnectionsOutput
		err := decodeDescribeClientVpnConnections([]byte(body), &out)
		var se *ec2xml.SyntaxError
		var de *DecodeError
		if !errors.As(err, &se) || !errors.As(err, &de) {
			t.Fatalf("%q: error %v is not a *DecodeError wrapping an *ec2xml.SyntaxError", body, err)
		}
		if de.Offset != se.Offset {
			t.Errorf("%q: DecodeError at %d, SyntaxError at %d", body, de.Offset, se.Offset)
		}
	}
}

func TestDecodeResetsOutput(t *testing.T) {
	out := DescribeClientVpnConnectionsOutput{NextToken: "old", Connections: make([]Connection, 3), Empty: 3}
	if err := decodeDescribeClientVpnConnections([]byte(`<R><requestId>r</requestId></R>`), &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DescribeClientVpnConnectionsOutput{RequestID: "r"}, out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestDecodeAllocs checks the memory plan: at most 3 allocations per
// connection on the 1000-connection fixture.
func TestDecodeAllocs(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(benchDir, "describe-connections-1000.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var out DescribeClientVpnConnectionsOutput
	allocs := testing.AllocsPerRun(5, func() {
		if err := decodeDescribeClientVpnConnections(body, &out); err != nil {
			t.Fatal(err)
		}
	})
	if perConn := allocs / 1000; perConn > 3 {
		t.Errorf("%.0f allocations for 1000 connections (%.2f each), want <= 3 each", allocs, perConn)
	} else {
		t.Logf("%.0f allocations for 1000 connections (%.2f each)", allocs, perConn)
	}
}

// ---- fuzzing ----

// referenceDecode is a slow decoder built on encoding/xml that applies the
// same rules as decodeDescribeClientVpnConnections: the first element is the
// root, whatever its name; requestId, nextToken and connections are read
// from its children; every child of connections is a connection; an
// element's text is the concatenation of its own character data (children
// skipped); the last of repeated scalar elements (and of repeated <status>
// and posture sets) wins; repeated <connections> add up; unknown elements
// are skipped. Like ec2xml it rejects DTDs, takes a leading UTF-8 BOM,
// nesting deeper than 256 and content after the root.
func referenceDecode(body []byte) (*DescribeClientVpnConnectionsOutput, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(body))
	depth := 0
	rootDone := false
	next := func() (xml.Token, error) {
		for {
			tok, err := d.Token()
			if err != nil {
				return nil, err
			}
			switch t := tok.(type) {
			case xml.Directive:
				return nil, errors.New("DTD or directive")
			case xml.StartElement:
				if rootDone {
					return nil, errors.New("second root")
				}
				depth++
				if depth > ec2xml.DefaultMaxDepth {
					return nil, errors.New("too deep")
				}
				return t.Copy(), nil
			case xml.EndElement:
				depth--
				if depth == 0 {
					rootDone = true
				}
				return t, nil
			case xml.CharData:
				if depth == 0 {
					if len(bytes.TrimLeft(t, " \t\r\n")) > 0 {
						return nil, errors.New("text outside the root")
					}
					continue
				}
				return t.Copy(), nil
			}
		}
	}
	var skip func() error
	skip = func() error {
		for {
			tok, err := next()
			if err != nil {
				return err
			}
			switch tok.(type) {
			case xml.StartElement:
				if err := skip(); err != nil {
					return err
				}
			case xml.EndElement:
				return nil
			}
		}
	}
	text := func() (string, error) {
		var s []byte
		for {
			tok, err := next()
			if err != nil {
				return "", err
			}
			switch t := tok.(type) {
			case xml.CharData:
				s = append(s, t...)
			case xml.StartElement:
				if err := skip(); err != nil {
					return "", err
				}
			case xml.EndElement:
				return string(s), nil
			}
		}
	}
	// children calls f for each child element start, after which f must
	// consume the child through its end.
	children := func(f func(name string) error) error {
		for {
			tok, err := next()
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.StartElement:
				if err := f(t.Name.Local); err != nil {
					return err
				}
			case xml.EndElement:
				return nil
			}
		}
	}
	fields := map[string]int{}
	for i, name := range connectionMembers {
		fields[strings.ToLower(name[:1])+name[1:]] = i
	}
	fields["postureComplianceStatusSet"] = cPostureComplianceStatuses

	out := &DescribeClientVpnConnectionsOutput{}
	for {
		tok, err := next()
		if err == io.EOF {
			return nil, errNoRoot
		}
		if err != nil {
			return nil, err
		}
		if _, ok := tok.(xml.StartElement); ok {
			break
		}
	}
	var hasConns, hasNext bool
	err := children(func(name string) error {
		var err error
		switch name {
		case "requestId":
			out.RequestID, err = text()
		case "nextToken":
			hasNext = true
			out.NextToken, err = text()
		case "connections":
			hasConns = true
			err = children(func(string) error {
				var c Connection
				var present Members
				err := children(func(name string) error {
					i, ok := fields[name]
					if !ok {
						return skip()
					}
					present |= 1 << uint(i)
					switch i {
					case cStatus:
						c.Status = ConnectionStatus{}
						return children(func(name string) error {
							v := ""
							var err error
							switch name {
							case "code":
								v, err = text()
								c.Status.Code = ConnectionStatusCode(v)
								c.Status.Empty &^= 1
								if v == "" {
									c.Status.Empty |= 1
								}
							case "message":
								v, err = text()
								c.Status.Message = v
								c.Status.Empty &^= 2
								if v == "" {
									c.Status.Empty |= 2
								}
							default:
								err = skip()
							}
							return err
						})
					case cPostureComplianceStatuses:
						c.PostureComplianceStatuses = nil
						return children(func(string) error {
							v, err := text()
							c.PostureComplianceStatuses = append(c.PostureComplianceStatuses, v)
							return err
						})
					default:
						v, err := text()
						*c.str(i) = v
						return err
					}
				})
				for i := range connectionMembers {
					if present.has(i) && reflect.ValueOf(c).Field(i).IsZero() {
						c.Empty |= 1 << uint(i)
					}
				}
				out.Connections = append(out.Connections, c)
				return err
			})
		default:
			err = skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, err := next(); err != io.EOF {
		if err == nil {
			err = errors.New("content after the root")
		}
		return nil, err
	}
	if hasConns && len(out.Connections) == 0 {
		out.Empty |= 1
	}
	if hasNext && out.NextToken == "" {
		out.Empty |= 2
	}
	return out, nil
}

func TestReferenceDecodeAgrees(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(responsesDir, "*.xml"))
	files = append(files, filepath.Join(benchDir, "describe-connections-100.xml"))
	for _, path := range files {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := referenceDecode(body)
		if err != nil {
			t.Fatalf("%s: reference: %v", path, err)
		}
		var got DescribeClientVpnConnectionsOutput
		if err := decodeDescribeClientVpnConnections(body, &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, &got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-reference +decoder):\n%s", filepath.Base(path), diff)
		}
	}
}

// FuzzDecode checks that the decoder never panics, never retains the body,
// and, whenever both it and the encoding/xml reference accept an input,
// decodes the same value. (Inputs that only one of them accepts are
// strictness differences of the XML layer, which ec2xml's own differential
// fuzz target covers.)
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(responsesDir, "*.xml"))
	files = append(files, filepath.Join(benchDir, "describe-connections-1.xml"))
	for _, path := range files {
		body, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Add([]byte(`<R><connections><item><status><code>a</code></status><status><message/></status></item></connections><connections/></R>`))
	f.Add([]byte(`<R><nextToken>a</nextToken><nextToken/><connections><x><username>u<b>no</b>v</username></x></connections></R>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		orig := bytes.Clone(body)
		var got DescribeClientVpnConnectionsOutput
		err := decodeDescribeClientVpnConnections(body, &got)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset > int64(len(body)) {
				t.Fatalf("error %v: not a *DecodeError with an offset inside the body", err)
			}
			return
		}
		if !bytes.Equal(body, orig) {
			t.Fatal("the decoder modified the body")
		}
		rendered := outputJSON(&got)
		for i := range body {
			body[i] ^= 0xff
		}
		if !bytes.Equal(rendered, outputJSON(&got)) {
			t.Fatal("the output changed when the body was overwritten")
		}
		want, refErr := referenceDecode(orig)
		if refErr != nil {
			return
		}
		if diff := cmp.Diff(want, &got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("decoder and encoding/xml reference disagree on %q (-reference +decoder):\n%s", orig, diff)
		}
	})
}

// connectionMembers are the model member names of Connection, in model order.
var connectionMembers = memberNames(reflect.TypeOf(Connection{}))

// memberNames returns the model members of a decoded struct type: its
// leading fields with an ec2 tag that is not ",meta".
func memberNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		tag, ok := t.Field(i).Tag.Lookup("ec2")
		if !ok || strings.HasSuffix(tag, ",meta") {
			break
		}
		names = append(names, t.Field(i).Name)
	}
	return names
}

// TestConnectionDecoderTags keeps the hand-written connection decoder in
// step with Connection's ec2 tags, which Has and the generic decoder read:
// every tag maps to its field's index, and the member count is right.
func TestConnectionDecoderTags(t *testing.T) {
	ct := reflect.TypeOf(Connection{})
	if len(connectionMembers) != numConnectionMembers {
		t.Fatalf("%d tagged members, numConnectionMembers %d", len(connectionMembers), numConnectionMembers)
	}
	for i := range numConnectionMembers {
		f := ct.Field(i)
		if got := connectionElement([]byte(f.Tag.Get("ec2"))); got != i {
			t.Errorf("connectionElement(%q) = %d, want %d (field %s)", f.Tag.Get("ec2"), got, i, f.Name)
		}
		var c Connection
		if p := c.str(i); p != nil && reflect.ValueOf(&c).Elem().Field(i).Addr().Interface() != p {
			t.Errorf("str(%d) is not field %s", i, f.Name)
		}
	}
	if got := connectionElement([]byte("bogus")); got != -1 {
		t.Errorf("connectionElement(bogus) = %d, want -1", got)
	}
}
