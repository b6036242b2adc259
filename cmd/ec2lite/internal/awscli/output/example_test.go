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

// Example_query applies a --query to a tree; the multi-select hash keeps
// its keys in the order the expression wrote them, as the AWS CLI does.
func Example_query() {
	conn := &awscli.Object{}
	conn.Set("ConnectionId", "cvpn-connection-1")
	conn.Set("Username", "alice")
	root := &awscli.Object{}
	root.Set("Connections", []any{conn})
	q, err := CompileQuery("Connections[0].{User: Username, Id: ConnectionId}")
	if err != nil {
		panic(err)
	}
	result, err := q.Search(root)
	if err != nil {
		panic(err)
	}
	WriteJSON(os.Stdout, result)
	// Output:
	// {
	//     "User": "alice",
	//     "Id": "cvpn-connection-1"
	// }
}
