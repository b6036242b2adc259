package ops

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli/output"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// TestQueryKeysInModelOrder checks that --query sees the members of a
// converted response in model order, as the AWS CLI's keys() does: the tree
// keeps the struct's field order and the engine searches it as it is.
func TestQueryKeysInModelOrder(t *testing.T) {
	conn := clientvpn.Connection{
		ClientVpnEndpointId: "cvpn-endpoint-1", Timestamp: "t", ConnectionId: "cvpn-connection-1",
		Username: "alice", ConnectionEstablishedTime: "t", IngressBytes: "1", EgressBytes: "2",
		IngressPackets: "3", EgressPackets: "4", ClientIp: "10.0.0.1", ClientIpv6Address: "::1",
		CommonName: "alice", Status: clientvpn.ConnectionStatus{Code: "active", Message: "m"},
		ConnectionEndTime: "-", PostureComplianceStatuses: []string{"compliant"},
		AuthorizationPolicyLastEvaluatedTime: "t",
	}
	fields := func(typ reflect.Type) []any {
		var names []any
		for i := range typ.NumField() {
			if f := typ.Field(i); modelField(f) {
				names = append(names, f.Name)
			}
		}
		return names
	}
	tree := ConnectionsTree([]clientvpn.Connection{conn})
	for _, tt := range []struct {
		query string
		want  []any
	}{
		{"[0].keys(@)", fields(reflect.TypeOf(conn))},
		{"[0].Status.keys(@)", fields(reflect.TypeOf(conn.Status))},
	} {
		q, err := output.CompileQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := q.Search(tree)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-model +query):\n%s", tt.query, diff)
		}
	}
}

// TestOpsMatchParser checks that the parser of package cli knows every
// operation of Ops as one, with an option for each member.
func TestOpsMatchParser(t *testing.T) {
	var names []string
	for _, op := range Ops {
		names = append(names, op.Name)
		for _, m := range op.Members {
			if m.Kind == KindBool {
				continue
			}
			found := false
			for _, s := range cli.OptSpecs {
				if s.Name == m.Flag() && s.Takes(op.Name) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no option %s in cli.OptSpecs", op.Name, m.Flag())
			}
		}
	}
	if diff := cmp.Diff(names, cli.Operations); diff != "" {
		t.Errorf("cli.Operations (-ops.Ops +cli.Operations):\n%s", diff)
	}
}

// TestOutputSkeleton: every operation's output skeleton is made from its
// output type as botocore's ArgumentGenerator(use_member_names=True) makes
// it from the model.
func TestOutputSkeleton(t *testing.T) {
	for _, op := range Ops {
		o, ok := outputSkeleton(reflect.TypeOf(op.Output)).(*awscli.Object)
		if !ok || o.Len() == 0 {
			t.Errorf("%s: output skeleton %v", op.Name, o)
		}
	}
	o := outputSkeleton(reflect.TypeOf(clientvpn.DescribeClientVpnConnectionsOutput{})).(*awscli.Object)
	conns, _ := o.Get("Connections")
	c := conns.([]any)[0].(*awscli.Object)
	got := map[string]any{}
	for _, k := range []string{"ConnectionId", "PostureComplianceStatuses"} {
		got[k], _ = c.Get(k)
	}
	status, _ := c.Get("Status")
	got["Status.Code"], _ = status.(*awscli.Object).Get("Code")
	got["NextToken"], _ = o.Get("NextToken")
	want := map[string]any{"ConnectionId": "ConnectionId", "PostureComplianceStatuses": []any{"String"}, "Status.Code": "Code", "NextToken": "NextToken"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DescribeClientVpnConnections output skeleton (-want +got):\n%s", diff)
	}
	eo := outputSkeleton(reflect.TypeOf(clientvpn.DescribeClientVpnEndpointsOutput{})).(*awscli.Object)
	eps, _ := eo.Get("ClientVpnEndpoints")
	sg, _ := eps.([]any)[0].(*awscli.Object).Get("SecurityGroupIds")
	if diff := cmp.Diff([]any{"SecurityGroupId"}, sg); diff != "" {
		t.Errorf("SecurityGroupIds shows its member shape, as AWS CLI v2 (-want +got):\n%s", diff)
	}
}
