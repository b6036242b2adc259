package query

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// vectorDir holds copies of the public EC2 Query request test suites; see
// ../testdata/query/MANIFEST.md for their sources.
var vectorDir = filepath.Join("..", "testdata", "query", "vectors")

// t1422172800 is the timestamp of the suites' timestamp cases.
var t1422172800 = time.Unix(1422172800, 0)

// vectorCase translates test cases of the suites into encoder calls. One
// translation usually serves the same case in several suites (the botocore
// JSON is generated from the Smithy models). A case with skip set is not run;
// the string says why.
type vectorCase struct {
	ids     []string // "smithy:<id>", "botocore:<operation>/<n>", "legacy:<suite description>/<n>"
	action  string
	version string
	encode  func(e *Encoder)
	skip    string
}

var vectorCases = []vectorCase{
	{ids: []string{"smithy:Ec2QueryNoInputAndOutput", "botocore:NoInputAndOutput/0"}, action: "NoInputAndOutput", version: "2020-01-08",
		encode: func(e *Encoder) {}},
	{ids: []string{"smithy:Ec2QueryEmptyInputAndEmptyOutput", "botocore:EmptyInputAndEmptyOutput/0"}, action: "EmptyInputAndEmptyOutput", version: "2020-01-08",
		encode: func(e *Encoder) {}},
	{ids: []string{"smithy:Ec2QueryEndpointTrait", "botocore:EndpointOperation/0"}, action: "EndpointOperation", version: "2020-01-08",
		encode: func(e *Encoder) {}},
	{ids: []string{"smithy:Ec2QueryEndpointTraitWithHostLabel", "botocore:EndpointWithHostLabelOperation/0"}, action: "EndpointWithHostLabelOperation", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("Label", "bar") }},
	{ids: []string{"smithy:Ec2QueryHostWithPath", "botocore:HostWithPathOperation/0"}, action: "HostWithPathOperation", version: "2020-01-08",
		encode: func(e *Encoder) {}},
	{ids: []string{"smithy:Ec2NestedStructures", "botocore:NestedStructures/0"}, action: "NestedStructures", version: "2020-01-08",
		encode: func(e *Encoder) {
			m := e.Begin("Nested")
			e.String("StringArg", "foo")
			e.Bool("OtherArg", true)
			m2 := e.Begin("RecursiveArg")
			e.String("StringArg", "baz")
			e.End(m2)
			e.End(m)
		}},
	{ids: []string{"botocore:PutWithContentEncoding/0", "botocore:PutWithContentEncoding/1"},
		skip: "request compression (gzip of the body, Content-Encoding header) is a transport concern, not encoding"},
	{ids: []string{"smithy:Ec2ProtocolIdempotencyTokenAutoFill", "botocore:QueryIdempotencyTokenAutoFill/0", "legacy:Idempotency token auto fill/1"},
		skip: "idempotency-token auto-fill generates a UUID when unset: an operation's job (no ec2lite input has such a member yet), not the encoder's"},
	{ids: []string{"smithy:Ec2ProtocolIdempotencyTokenAutoFillIsSet", "botocore:QueryIdempotencyTokenAutoFill/1"}, action: "QueryIdempotencyTokenAutoFill", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("Token", "00000000-0000-4000-8000-000000000123") }},
	{ids: []string{"smithy:Ec2Lists", "botocore:QueryLists/0"}, action: "QueryLists", version: "2020-01-08",
		encode: func(e *Encoder) {
			e.Strings("ListArg", []string{"foo", "bar", "baz"})
			for i, hi := range []string{"hello", "hola"} {
				m := e.Item("ComplexListArg", i+1)
				e.String("Hi", hi)
				e.End(m)
			}
		}},
	{ids: []string{"smithy:Ec2EmptyQueryLists", "botocore:QueryLists/1"}, action: "QueryLists", version: "2020-01-08",
		encode: func(e *Encoder) { e.Strings("ListArg", []string{}) }},
	{ids: []string{"smithy:Ec2ListArgWithXmlNameMember", "botocore:QueryLists/2"}, action: "QueryLists", version: "2020-01-08",
		encode: func(e *Encoder) { e.Strings("ListArgWithXmlNameMember", []string{"A", "B"}) }},
	{ids: []string{"smithy:Ec2ListMemberWithXmlName", "botocore:QueryLists/3"}, action: "QueryLists", version: "2020-01-08",
		encode: func(e *Encoder) { e.Strings("Hi", []string{"A", "B"}) }},
	{ids: []string{"smithy:Ec2ListNestedStructWithList", "botocore:QueryLists/4"}, action: "QueryLists", version: "2020-01-08",
		encode: func(e *Encoder) {
			m := e.Begin("NestedWithList")
			e.Strings("ListArg", []string{"A", "B"})
			e.End(m)
		}},
	{ids: []string{"smithy:Ec2TimestampsInput", "botocore:QueryTimestamps/0"}, action: "QueryTimestamps", version: "2020-01-08",
		encode: func(e *Encoder) {
			e.Time("NormalFormat", t1422172800)
			e.EpochSeconds("EpochMember", t1422172800)
			e.EpochSeconds("EpochTarget", t1422172800)
		}},
	{ids: []string{"smithy:Ec2SimpleInputParamsStrings", "botocore:SimpleInputParams/0"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("Foo", "val1"); e.String("Bar", "val2") }},
	{ids: []string{"smithy:Ec2SimpleInputParamsStringAndBooleanTrue", "botocore:SimpleInputParams/1"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("Foo", "val1"); e.Bool("Baz", true) }},
	{ids: []string{"smithy:Ec2SimpleInputParamsStringsAndBooleanFalse", "botocore:SimpleInputParams/2"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Bool("Baz", false) }},
	{ids: []string{"smithy:Ec2SimpleInputParamsInteger", "botocore:SimpleInputParams/3"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Int("Bam", 10) }},
	{ids: []string{"smithy:Ec2SimpleInputParamsFloat", "botocore:SimpleInputParams/4"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Float("Boo", 10.8) }},
	{ids: []string{"smithy:Ec2SimpleInputParamsBlob", "botocore:SimpleInputParams/5"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Blob("Qux", []byte("value")) }},
	{ids: []string{"smithy:Ec2Enums", "botocore:SimpleInputParams/6"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("FooEnum", "Foo") }},
	{ids: []string{"smithy:Ec2Query", "botocore:SimpleInputParams/7"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("HasQueryName", "Hi") }},
	{ids: []string{"smithy:Ec2QueryIsPreferred", "botocore:SimpleInputParams/8"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("HasQueryAndXmlName", "Hi") }},
	{ids: []string{"smithy:Ec2XmlNameIsUppercased", "botocore:SimpleInputParams/9"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.String("UsesXmlName", "Hi") }},
	{ids: []string{"smithy:Ec2QueryNameDistinctFromXmlNameAndMemberName"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) {
			// The wire names come from the model (ec2QueryName, else capitalised xmlName); the caller passes them.
			e.String("QueryName", "value1")
			e.String("queryAndXmlName", "value2")
			e.String("XmlNameOnly", "value3")
		}},
	{ids: []string{"smithy:Ec2QuerySupportsNaNFloatInputs", "botocore:SimpleInputParams/10"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Float("FloatValue", nan()); e.Float("Boo", nan()) }},
	{ids: []string{"smithy:Ec2QuerySupportsInfinityFloatInputs", "botocore:SimpleInputParams/11"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Float("FloatValue", inf(1)); e.Float("Boo", inf(1)) }},
	{ids: []string{"smithy:Ec2QuerySupportsNegativeInfinityFloatInputs", "botocore:SimpleInputParams/12"}, action: "SimpleInputParams", version: "2020-01-08",
		encode: func(e *Encoder) { e.Float("FloatValue", inf(-1)); e.Float("Boo", inf(-1)) }},

	// The pre-Smithy botocore suite (botocore JSON models with locationName/queryName).
	{ids: []string{"legacy:Scalar members/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { e.String("Foo", "val1"); e.String("Bar", "val2") }},
	{ids: []string{"legacy:Structure with locationName and queryName applied to members/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) {
			e.String("Foo", "val1")
			e.String("BarLocationName", "val2")
			e.String("yuckQueryName", "val3")
		}},
	{ids: []string{"legacy:Nested structure members/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { m := e.Begin("Struct"); e.String("Scalar", "foo"); e.End(m) }},
	{ids: []string{"legacy:List types/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { e.Strings("ListArg", []string{"foo", "bar", "baz"}) }},
	{ids: []string{"legacy:List with location name applied to member/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { e.Strings("ListMemberName", []string{"a", "b", "c"}) }},
	{ids: []string{"legacy:List with locationName and queryName/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { e.Strings("ListQueryName", []string{"a", "b", "c"}) }},
	{ids: []string{"legacy:Base64 encoded Blobs/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { e.Blob("BlobArg", []byte("foo")) }},
	{ids: []string{"legacy:Timestamp values/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) {
			e.Time("TimeArg", t1422172800)
			e.EpochSeconds("TimeCustom", t1422172800)
			e.EpochSeconds("TimeFormat", t1422172800)
		}},
	{ids: []string{"legacy:Idempotency token auto fill/0"}, action: "OperationName", version: "2014-01-01",
		encode: func(e *Encoder) { e.String("Token", "abc123") }},
	{ids: []string{"legacy:Endpoint host trait/0"}, action: "StaticOp", version: "2014-01-01",
		encode: func(e *Encoder) { e.String("Name", "myname") }},
	{ids: []string{"legacy:Endpoint host trait/1"}, action: "MemberRefOp", version: "2014-01-01",
		encode: func(e *Encoder) { e.String("Name", "myname") }},
}

// loadBotocore reads a botocore protocol test file: id -> expected body.
func loadBotocore(t *testing.T, file, prefix string, legacy bool) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorDir, file))
	if err != nil {
		t.Fatal(err)
	}
	var suites []struct {
		Description string
		Cases       []struct {
			Given struct {
				Name string
			}
			Serialized struct {
				Body string
			}
		}
	}
	if err := json.Unmarshal(data, &suites); err != nil {
		t.Fatal(err)
	}
	bodies := make(map[string]string)
	for _, s := range suites {
		for i, c := range s.Cases {
			key := c.Given.Name
			if legacy {
				key = s.Description
			}
			bodies[fmt.Sprintf("%s:%s/%d", prefix, key, i)] = c.Serialized.Body
		}
	}
	return bodies
}

// loadSmithy reads the request test cases of the Smithy ec2Query models: id -> body.
func loadSmithy(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(vectorDir, "smithy", "*.smithy"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no smithy models: %v", err)
	}
	bodies := make(map[string]string)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		// Only the httpRequestTests blocks: they end where a response test block starts.
		for _, block := range strings.Split(text, "@httpRequestTests([")[1:] {
			if i := strings.Index(block, "@httpResponseTests"); i >= 0 {
				block = block[:i]
			}
			for _, part := range strings.Split(block, `id: "`)[1:] {
				id := part[:strings.IndexByte(part, '"')]
				b := strings.Index(part, `body: "`)
				if b < 0 {
					continue
				}
				body := part[b+len(`body: "`):]
				bodies["smithy:"+id] = body[:strings.IndexByte(body, '"')]
			}
		}
	}
	return bodies
}

func TestVectors(t *testing.T) {
	want := loadSmithy(t)
	for k, v := range loadBotocore(t, "botocore-input-ec2.json", "botocore", false) {
		want[k] = v
	}
	for k, v := range loadBotocore(t, "botocore-legacy-input-ec2.json", "legacy", true) {
		want[k] = v
	}
	seen := make(map[string]bool)
	for _, tc := range vectorCases {
		for _, id := range tc.ids {
			seen[id] = true
			t.Run(id, func(t *testing.T) {
				body, ok := want[id]
				if !ok {
					t.Fatalf("no such case in the suites")
				}
				if tc.skip != "" {
					t.Skip(tc.skip)
				}
				var e Encoder
				e.Reset(nil, tc.action, tc.version)
				tc.encode(&e)
				if diff := cmp.Diff(body, string(e.Bytes())); diff != "" {
					t.Errorf("body mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("suite case %s is neither translated nor skipped", id)
		}
	}
}
