package main

// From decoded responses to the value tree the writers print (format.go):
// members in the EC2 model's order, an absent element omitted, an empty one
// printed as "" (or [] for a list), counters left as the strings EC2 sent.

import "github.com/ec2lite/ec2lite/clientvpn"

// modelKeyOrder lists every member name of the response in model order, the
// key-order hint for --query results.
var modelKeyOrder = []string{
	"Connections", "NextToken",
	"ClientVpnEndpointId", "Timestamp", "ConnectionId", "Username", "ConnectionEstablishedTime",
	"IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets", "ClientIp",
	"ClientIpv6Address", "CommonName", "Status", "ConnectionEndTime", "PostureComplianceStatuses",
	"Code", "Message",
}

// connectionTree converts one connection.
func connectionTree(c *clientvpn.Connection) *Object {
	o := &Object{members: make([]member, 0, 15)}
	str := func(name, v string) {
		if c.Has(name) {
			o.Set(name, v)
		}
	}
	str("ClientVpnEndpointId", c.ClientVpnEndpointId)
	str("Timestamp", c.Timestamp)
	str("ConnectionId", c.ConnectionId)
	str("Username", c.Username)
	str("ConnectionEstablishedTime", c.ConnectionEstablishedTime)
	str("IngressBytes", c.IngressBytes)
	str("EgressBytes", c.EgressBytes)
	str("IngressPackets", c.IngressPackets)
	str("EgressPackets", c.EgressPackets)
	str("ClientIp", c.ClientIp)
	str("ClientIpv6Address", c.ClientIpv6Address)
	str("CommonName", c.CommonName)
	if c.Has("Status") {
		st := &Object{}
		if c.Status.Has("Code") {
			st.Set("Code", string(c.Status.Code))
		}
		if c.Status.Has("Message") {
			st.Set("Message", c.Status.Message)
		}
		o.Set("Status", st)
	}
	str("ConnectionEndTime", c.ConnectionEndTime)
	if c.Has("PostureComplianceStatuses") {
		l := make([]any, len(c.PostureComplianceStatuses))
		for i, s := range c.PostureComplianceStatuses {
			l[i] = s
		}
		o.Set("PostureComplianceStatuses", l)
	}
	return o
}

func connectionsTree(conns []clientvpn.Connection) []any {
	l := make([]any, len(conns))
	for i := range conns {
		l[i] = connectionTree(&conns[i])
	}
	return l
}

// outputTree converts one whole response (--no-paginate and friends): its
// Connections and NextToken as EC2 sent them; the request id is dropped, as
// the AWS CLI drops ResponseMetadata.
func outputTree(out *clientvpn.DescribeClientVpnConnectionsOutput) *Object {
	o := &Object{}
	if out.Has("Connections") {
		o.Set("Connections", connectionsTree(out.Connections))
	}
	if out.Has("NextToken") {
		o.Set("NextToken", out.NextToken)
	}
	return o
}
