package ops

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

// TestOutputKeyOrder checks the computed key order against the hand-written
// one of describe-client-vpn-connections, and that it keeps every struct of
// every output in model order.
func TestOutputKeyOrder(t *testing.T) {
	if diff := cmp.Diff(ModelKeyOrder, outputKeyOrder(reflect.TypeOf(clientvpn.DescribeClientVpnConnectionsOutput{}))); diff != "" {
		t.Errorf("(-modelKeyOrder +computed):\n%s", diff)
	}
	outputs := map[string]reflect.Type{
		cli.OpName:       reflect.TypeOf(clientvpn.DescribeClientVpnConnectionsOutput{}),
		cli.CmdTerminate: reflect.TypeOf(clientvpn.TerminateClientVpnConnectionsOutput{}),
		cli.CmdEndpoints: reflect.TypeOf(clientvpn.DescribeClientVpnEndpointsOutput{}),
	}
	for _, op := range Ops {
		rank := map[string]int{}
		for i, k := range outputKeyOrder(reflect.TypeOf(op.Output)) {
			rank[k] = i
		}
		seen := map[reflect.Type]bool{}
		var check func(typ reflect.Type)
		check = func(typ reflect.Type) {
			for typ.Kind() == reflect.Slice {
				typ = typ.Elem()
			}
			if typ.Kind() != reflect.Struct || seen[typ] {
				return
			}
			seen[typ] = true
			prev := ""
			for i := range typ.NumField() {
				f := typ.Field(i)
				if !modelField(f) {
					continue
				}
				if _, ok := rank[f.Name]; !ok {
					t.Errorf("%s: %s.%s not in the key order", op.Name, typ.Name(), f.Name)
				}
				if prev != "" && rank[prev] >= rank[f.Name] {
					t.Errorf("%s: %s.%s sorts after %s", op.Name, typ.Name(), prev, f.Name)
				}
				prev = f.Name
				check(f.Type)
			}
		}
		check(outputs[op.Name])
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
