package benchmarks

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
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
