package ops

// From decoded responses to the value tree the writers of package output print:
// members in the EC2 model's order, an absent element omitted, an empty one
// printed as "" (or [] for a list), counters left as the strings EC2 sent.

import (
	"github.com/ec2lite/ec2lite/clientvpn"
)

// ConnectionsTree converts connections (the fleet sweep's listing) with the
// generic conversion of every operation's output (modelTree).
func ConnectionsTree(conns []clientvpn.Connection) []any {
	return modelTree(conns).([]any)
}
