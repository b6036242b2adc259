package clientvpn

import (
	"context"
	"errors"

	"github.com/ec2lite/ec2lite/query"
)

// opTerminate is the operation name, also the prefix of its errors.
const opTerminate = "TerminateClientVpnConnections"

// TerminateClientVpnConnectionsInput is the input of
// TerminateClientVpnConnections. Zero values are not sent.
type TerminateClientVpnConnectionsInput struct {
	// ClientVpnEndpointId is the ID of the Client VPN endpoint (required).
	ClientVpnEndpointId string
	// ConnectionId is the connection to terminate.
	ConnectionId string
	// Username terminates every active connection of this user; EC2 allows
	// it only for a user with at most five connections. EC2 wants either
	// ConnectionId or Username; the client leaves that rule to EC2, as the
	// AWS CLI does.
	Username string
	// DryRun asks EC2 only whether the call would be allowed; see [DryRunAllowed].
	DryRun query.Bool
}

// TerminateClientVpnConnectionsOutput is the result of
// TerminateClientVpnConnections.
type TerminateClientVpnConnectionsOutput struct {
	ClientVpnEndpointId string `ec2:"clientVpnEndpointId"`
	// Username is the user whose connections were terminated, when the call
	// named one.
	Username string `ec2:"username"`
	// ConnectionStatuses are the states of the terminated connections,
	// before and after the call.
	ConnectionStatuses []TerminateConnectionStatus `ec2:"connectionStatuses"`
	// RequestID is EC2's request id; it is not a model member.
	RequestID string `ec2:"requestId,meta"`
	// Empty records the members present as empty elements.
	Empty Members
}

// TerminateConnectionStatus is the state of one terminated connection
// before the call (typically active) and after it (typically terminating).
type TerminateConnectionStatus struct {
	ConnectionId   string           `ec2:"connectionId"`
	PreviousStatus ConnectionStatus `ec2:"previousStatus"`
	CurrentStatus  ConnectionStatus `ec2:"currentStatus"`
	// Empty records the members present as empty elements.
	Empty Members
}

// terminateConnections is the TerminateClientVpnConnections operation.
var terminateConnections = operation[TerminateClientVpnConnectionsInput, TerminateClientVpnConnectionsOutput]{
	name:     opTerminate,
	validate: validateTerminate,
	encode:   appendTerminateClientVpnConnections,
}

// TerminateClientVpnConnections terminates one connection of a Client VPN
// endpoint (in.ConnectionId), or the active connections of one user
// (in.Username), and returns their states before and after. EC2 ends them
// asynchronously: they are listed as terminating, then terminated.
// in.ClientVpnEndpointId is required.
//
// Errors and retries are as for [Client.DescribeClientVpnConnections] (the
// AWS SDKs retry this operation too). Use
// [Client.CheckTerminateClientVpnConnections] for a dry run.
func (c *Client) TerminateClientVpnConnections(ctx context.Context, in *TerminateClientVpnConnectionsInput) (*TerminateClientVpnConnectionsOutput, error) {
	return terminateConnections.run(ctx, c, in)
}

// CheckTerminateClientVpnConnections asks EC2, with a dry run, whether the
// client's credentials may call TerminateClientVpnConnections with in
// (DryRun is forced on; *in is not modified), as
// [Client.CheckDescribeClientVpnConnections] does.
func (c *Client) CheckTerminateClientVpnConnections(ctx context.Context, in *TerminateClientVpnConnectionsInput) (bool, error) {
	return terminateConnections.check(ctx, c, in, func(in *TerminateClientVpnConnectionsInput) *query.Bool { return &in.DryRun })
}

func validateTerminate(in *TerminateClientVpnConnectionsInput) error {
	if in.ClientVpnEndpointId == "" {
		return errors.New("ClientVpnEndpointId is required")
	}
	return nil
}

// appendTerminateClientVpnConnections appends the form body, byte for byte
// as the AWS CLI sends it.
func appendTerminateClientVpnConnections(dst []byte, in *TerminateClientVpnConnectionsInput) []byte {
	var e query.Encoder
	beginBody(&e, dst, opTerminate)
	// Required: sent even when empty (see Client.SkipValidation).
	e.String("ClientVpnEndpointId", in.ClientVpnEndpointId)
	if in.ConnectionId != "" {
		e.String("ConnectionId", in.ConnectionId)
	}
	if in.Username != "" {
		e.String("Username", in.Username)
	}
	encodeDryRun(&e, in.DryRun)
	return e.Bytes()
}
