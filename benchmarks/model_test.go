package benchmarks

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	ec2litecreds "github.com/ec2lite/ec2lite/credentials"
)

// The three operations' inputs and outputs, the SDK's beside ec2lite's: the
// roots of the walk of TestModelMembers.
var modelRoots = []struct{ sdk, ours any }{
	{ec2.DescribeClientVpnConnectionsInput{}, clientvpn.DescribeClientVpnConnectionsInput{}},
	{ec2.DescribeClientVpnConnectionsOutput{}, clientvpn.DescribeClientVpnConnectionsOutput{}},
	{ec2.DescribeClientVpnEndpointsInput{}, clientvpn.DescribeClientVpnEndpointsInput{}},
	{ec2.DescribeClientVpnEndpointsOutput{}, clientvpn.DescribeClientVpnEndpointsOutput{}},
	{ec2.TerminateClientVpnConnectionsInput{}, clientvpn.TerminateClientVpnConnectionsInput{}},
	{ec2.TerminateClientVpnConnectionsOutput{}, clientvpn.TerminateClientVpnConnectionsOutput{}},
}

// TestModelMembers is the drift guard: it walks the SDK's types from the
// three operations' inputs and outputs, and ec2lite's beside them, and fails
// naming every member one side has and the other lacks, at any depth. The
// SDK's types are the generated form of the current EC2 model, so bumping
// service/ec2 in this module's go.mod is how ec2lite notices the model
// moving. Fields that are not model members are left out on both sides: the
// SDK's ResultMetadata and unexported fields, ec2lite's Empty and RequestID.
func TestModelMembers(t *testing.T) {
	w := drift{seen: map[reflect.Type]bool{}}
	for _, r := range modelRoots {
		ours := reflect.TypeOf(r.ours)
		w.walk(ours.Name(), reflect.TypeOf(r.sdk), ours)
	}
	for _, line := range w.log {
		t.Log(line)
	}
	for _, p := range w.problems {
		t.Error(p)
	}
	if w.shapes < 20 {
		t.Errorf("walked %d shapes; the three operations reach at least 20", w.shapes)
	}
}

// drift is the walk of TestModelMembers.
type drift struct {
	seen     map[reflect.Type]bool // SDK shapes walked
	shapes   int
	log      []string // one line per shape
	problems []string // one line per member missing from either side
}

// walk compares the members of the SDK's type sdk with ec2lite's ours, the
// types of the member at path, then walks the members they share.
func (w *drift) walk(path string, sdk, ours reflect.Type) {
	sdk, ours = elem(sdk), elem(ours)
	if sdk.Kind() != reflect.Struct {
		return
	}
	if ours.Kind() != reflect.Struct {
		w.problems = append(w.problems, fmt.Sprintf("%s: the SDK's %s is a structure, ec2lite's %s is not", path, sdk, ours))
		return
	}
	if w.seen[sdk] {
		return
	}
	w.seen[sdk] = true
	w.shapes++
	sdkMembers, ourMembers := members(sdk), members(ours)
	w.log = append(w.log, fmt.Sprintf("%s (%s): %d members", path, sdk.Name(), len(sdkMembers)))
	for _, name := range sdkMembers {
		f, _ := sdk.FieldByName(name)
		g, ok := ours.FieldByName(name)
		if !ok {
			w.problems = append(w.problems, fmt.Sprintf("ec2lite lacks %s.%s (SDK shape %s, type %s)", path, name, sdk.Name(), f.Type))
			continue
		}
		w.walk(path+"."+name, f.Type, g.Type)
	}
	for _, name := range ourMembers {
		if !slices.Contains(sdkMembers, name) {
			w.problems = append(w.problems, fmt.Sprintf("ec2lite has %s.%s, which the SDK's %s lacks", path, name, sdk.Name()))
		}
	}
}

// elem is the type a pointer or slice holds, through any depth.
func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

// members returns the model member names of a struct type of either side.
func members(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case !f.IsExported(), f.Name == "ResultMetadata", f.Name == "RequestID", f.Name == "Empty":
			continue
		}
		names = append(names, f.Name)
	}
	return names
}

// TestModelMembersReportsDrift checks that the walk notices drift both
// ways, at the top and in a nested shape.
func TestModelMembersReportsDrift(t *testing.T) {
	type status struct{ Code, Message, Extra string }
	type connection struct {
		ClientVpnEndpointId, Timestamp, ConnectionId, Username, ConnectionEstablishedTime string
		IngressBytes, EgressBytes, IngressPackets, EgressPackets, ClientIp                string
		ClientIpv6Address, CommonName                                                     string
		Status                                                                            status
		ConnectionEndTime                                                                 string
		PostureComplianceStatuses                                                         []string
		Empty                                                                             clientvpn.Members
	}
	type output struct {
		Connections []connection
		RequestID   string
	}
	w := drift{seen: map[reflect.Type]bool{}}
	w.walk("out", reflect.TypeOf(ec2.DescribeClientVpnConnectionsOutput{}), reflect.TypeOf(output{}))
	want := []string{
		"ec2lite lacks out.Connections.AuthorizationPolicyLastEvaluatedTime (SDK shape ClientVpnConnection, type *string)",
		"ec2lite has out.Connections.Status.Extra, which the SDK's ClientVpnConnectionStatus lacks",
		"ec2lite lacks out.NextToken (SDK shape DescribeClientVpnConnectionsOutput, type *string)",
	}
	if diff := cmp.Diff(want, w.problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestModelElementNames checks ec2lite's element names against the SDK's
// deserializers: for each operation it writes a response that sets every
// member of ec2lite's output types, under the element names of their ec2
// tags (lists as item elements, two items each), and decodes it with both
// clients. Every member must come back, equal, from both: a wrong name or a
// wrong list wrapper on ec2lite's side leaves the SDK's member empty.
func TestModelElementNames(t *testing.T) {
	ctx := context.Background()
	var ours *clientvpn.Client // one per case: a Client's fields are read at its first call
	tests := []struct {
		name  string
		out   reflect.Type // ec2lite's output type
		calls func(rt http.RoundTripper) (sdk, ours any, err error)
	}{
		{"DescribeClientVpnConnections", reflect.TypeOf(clientvpn.DescribeClientVpnConnectionsOutput{}),
			func(rt http.RoundTripper) (any, any, error) {
				s, err := newClient(rt).DescribeClientVpnConnections(ctx, &ec2.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: aws.String(endpointID)})
				if err != nil {
					return nil, nil, err
				}
				o, err := ours.DescribeClientVpnConnections(ctx, &clientvpn.DescribeClientVpnConnectionsInput{ClientVpnEndpointId: endpointID})
				return s, o, err
			}},
		{"DescribeClientVpnEndpoints", reflect.TypeOf(clientvpn.DescribeClientVpnEndpointsOutput{}),
			func(rt http.RoundTripper) (any, any, error) {
				s, err := newClient(rt).DescribeClientVpnEndpoints(ctx, &ec2.DescribeClientVpnEndpointsInput{})
				if err != nil {
					return nil, nil, err
				}
				o, err := ours.DescribeClientVpnEndpoints(ctx, &clientvpn.DescribeClientVpnEndpointsInput{})
				return s, o, err
			}},
		{"TerminateClientVpnConnections", reflect.TypeOf(clientvpn.TerminateClientVpnConnectionsOutput{}),
			func(rt http.RoundTripper) (any, any, error) {
				s, err := newClient(rt).TerminateClientVpnConnections(ctx, &ec2.TerminateClientVpnConnectionsInput{ClientVpnEndpointId: aws.String(endpointID), Username: aws.String("u")})
				if err != nil {
					return nil, nil, err
				}
				o, err := ours.TerminateClientVpnConnections(ctx, &clientvpn.TerminateClientVpnConnectionsInput{ClientVpnEndpointId: endpointID, Username: "u"})
				return s, o, err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(`<` + tt.name + `Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>`)
			writeMembers(&b, tt.out, "")
			b.WriteString(`</` + tt.name + `Response>`)
			body := b.String()
			ours = &clientvpn.Client{
				Region:      region,
				Credentials: ec2litecreds.Static{Credentials: ec2litecreds.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey}},
				HTTPClient:  &http.Client{Transport: fixedBody(body)},
				MaxAttempts: 1,
			}
			sdk, got, err := tt.calls(fixedBody(body))
			if err != nil {
				t.Fatalf("%v\nbody: %s", err, body)
			}
			var problems []string
			compareValues(&problems, tt.name, reflect.ValueOf(sdk).Elem(), reflect.ValueOf(got).Elem())
			for _, p := range problems {
				t.Error(p)
			}
			if t.Failed() {
				t.Logf("body: %s", body)
			}
		})
	}
}

// writeMembers writes an element for every member of ec2lite's struct type
// t, named by its ec2 tag: strings as "v-PATH" (enums too), booleans true,
// integers 7, structures recursively, lists as two item elements.
func writeMembers(b *strings.Builder, t reflect.Type, path string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("ec2")
		if !ok || strings.HasSuffix(tag, ",meta") {
			continue
		}
		b.WriteString("<" + tag + ">")
		if f.Type.Kind() == reflect.Slice {
			for j := range 2 {
				b.WriteString("<item>")
				writeValue(b, f.Type.Elem(), fmt.Sprintf("%s.%s[%d]", path, f.Name, j))
				b.WriteString("</item>")
			}
		} else {
			writeValue(b, f.Type, path+"."+f.Name)
		}
		b.WriteString("</" + tag + ">")
	}
}

func writeValue(b *strings.Builder, t reflect.Type, path string) {
	switch t.Kind() {
	case reflect.String:
		b.WriteString("v-" + path)
	case reflect.Bool:
		b.WriteString("true")
	case reflect.Int32, reflect.Int64:
		b.WriteString("7")
	case reflect.Struct:
		writeMembers(b, t, path)
	default:
		panic("writeValue: " + t.String())
	}
}

// compareValues compares the SDK's decoded value with ec2lite's, member by
// member of the SDK's type, and records every difference and every member
// the SDK left unset.
func compareValues(problems *[]string, path string, sdk, ours reflect.Value) {
	if sdk.Kind() == reflect.Pointer {
		if sdk.IsNil() {
			*problems = append(*problems, fmt.Sprintf("%s: the SDK read nothing (ec2lite's element name or list wrapper differs from the model's)", path))
			return
		}
		sdk = sdk.Elem()
	}
	switch sdk.Kind() {
	case reflect.String:
		if sdk.String() == "" || sdk.String() != ours.String() {
			*problems = append(*problems, fmt.Sprintf("%s: SDK %q, ec2lite %q", path, sdk.String(), ours.String()))
		}
	case reflect.Bool:
		if !sdk.Bool() || ours.Bool() != sdk.Bool() {
			*problems = append(*problems, fmt.Sprintf("%s: SDK %v, ec2lite %v", path, sdk.Bool(), ours.Bool()))
		}
	case reflect.Int32, reflect.Int64:
		if sdk.Int() != 7 || ours.Int() != sdk.Int() {
			*problems = append(*problems, fmt.Sprintf("%s: SDK %d, ec2lite %d", path, sdk.Int(), ours.Int()))
		}
	case reflect.Slice:
		if sdk.Len() != 2 || ours.Len() != sdk.Len() {
			*problems = append(*problems, fmt.Sprintf("%s: SDK %d items, ec2lite %d", path, sdk.Len(), ours.Len()))
			return
		}
		for i := range sdk.Len() {
			compareValues(problems, fmt.Sprintf("%s[%d]", path, i), sdk.Index(i), ours.Index(i))
		}
	case reflect.Struct:
		for _, name := range members(sdk.Type()) {
			g := ours.FieldByName(name)
			if !g.IsValid() {
				continue // TestModelMembers reports it
			}
			compareValues(problems, path+"."+name, sdk.FieldByName(name), g)
		}
	default:
		*problems = append(*problems, fmt.Sprintf("%s: no comparison for %s", path, sdk.Type()))
	}
}

// fixedBody answers every request with one XML body, HTTP 200.
type fixedBody string

func (f fixedBody) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Header:        http.Header{"Content-Type": {"text/xml;charset=UTF-8"}},
		Body:          io.NopCloser(strings.NewReader(string(f))),
		ContentLength: int64(len(f)),
		Request:       req,
	}, nil
}
