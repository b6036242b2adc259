package output

import (
	"os"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// Example_output builds a small tree and prints it in the three formats.
func Example_output() {
	status := &awscli.Object{}
	status.Set("Code", "active")
	conn := &awscli.Object{}
	conn.Set("ConnectionId", "cvpn-connection-1")
	conn.Set("Username", "李雷")
	conn.Set("Status", status)
	conn.Set("PostureComplianceStatuses", []any{"compliant"})
	root := &awscli.Object{}
	root.Set("Connections", []any{conn})

	WriteJSON(os.Stdout, root)
	WriteText(os.Stdout, root)
	WriteTable(os.Stdout, "DescribeClientVpnConnections", root, 80)
	// Output:
	// {
	//     "Connections": [
	//         {
	//             "ConnectionId": "cvpn-connection-1",
	//             "Username": "李雷",
	//             "Status": {
	//                 "Code": "active"
	//             },
	//             "PostureComplianceStatuses": [
	//                 "compliant"
	//             ]
	//         }
	//     ]
	// }
	// CONNECTIONS	cvpn-connection-1	李雷
	// POSTURECOMPLIANCESTATUSES	compliant
	// STATUS	active
	// -------------------------------------
	// |   DescribeClientVpnConnections    |
	// +-----------------------------------+
	// ||           Connections           ||
	// |+--------------------+------------+|
	// ||    ConnectionId    | Username   ||
	// |+--------------------+------------+|
	// ||  cvpn-connection-1 |  李雷      ||
	// |+--------------------+------------+|
	// |||   PostureComplianceStatuses   |||
	// ||+-------------------------------+||
	// |||  compliant                    |||
	// ||+-------------------------------+||
	// |||            Status             |||
	// ||+-------------+-----------------+||
	// |||  Code       |  active         |||
	// ||+-------------+-----------------+||
}

// Example_query converts a go-jmespath result back into a tree, with the
// multi-select hash's keys in the order the expression wrote them.
func Example_query() {
	expr := "Connections[0].{User: Username, Id: ConnectionId}"
	result := map[string]any{"User": "alice", "Id": "cvpn-connection-1"} // as jmespath.Search returns it
	WriteJSON(os.Stdout, FromJMESPath(result, KeyOrder(expr)))
	// Output:
	// {
	//     "User": "alice",
	//     "Id": "cvpn-connection-1"
	// }
}
