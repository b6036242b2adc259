package main

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
)

// botocoreSample is the sample data without the members that botocore
// 1.43.11, the model the recorded AWS CLI goldens were made with, does not
// know (ConnectionLogOptions.IncludeAuthorizationPolicyContext,
// DevicePostureOptions, AuthorizationPolicyLastEvaluatedTime): served to the
// AWS CLI, the sample would lose them, and the goldens would not show them.
func botocoreSample() clientvpntest.Data {
	d := clientvpntest.SampleData()
	for i := range d.Endpoints {
		e := &d.Endpoints[i]
		e.LogAuthorizationPolicyContext = false
		e.TrustProviders = nil
		for j := range e.Connections {
			e.Connections[j].PolicyEvaluated = 0
		}
	}
	return d
}

// TestModelMembersPrinted checks that the members of the current EC2 model
// that botocore 1.43.11 lacks are printed, in model order, in every format,
// where the sample data (--demo) has them.
func TestModelMembersPrinted(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		want   string
		reason string
	}{
		{
			name: "endpoint-json",
			args: []string{"describe-client-vpn-endpoints", "--demo", "--query", "ClientVpnEndpoints[0].[ConnectionLogOptions,DevicePostureOptions]"},
			want: `[
    {
        "Enabled": true,
        "CloudwatchLogGroup": "/aws/clientvpn/engineering",
        "CloudwatchLogStream": "connections",
        "IncludeAuthorizationPolicyContext": true
    },
    {
        "TrustProviders": [
            {
                "TrustProviderType": "crowdstrike",
                "TenantId": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "PublicSigningKeyUrl": "https://assets-public.falcon.crowdstrike.com/zta/jwk.json"
            }
        ]
    }
]
`,
			reason: "model order inside both shapes",
		},
		{
			name: "endpoint-text",
			args: []string{"describe-client-vpn-endpoints", "--demo", "--output", "text", "--query", "ClientVpnEndpoints[0].[ConnectionLogOptions,DevicePostureOptions]"},
			want: "/aws/clientvpn/engineering\tconnections\tTrue\tTrue\n\t\t\t\n" +
				"TRUSTPROVIDERS\thttps://assets-public.falcon.crowdstrike.com/zta/jwk.json\t0f1e2d3c4b5a69788796a5b4c3d2e1f0\tcrowdstrike\n",
			reason: "the AWS CLI's text formatter on the same value (awscli.text.format_text) gives these bytes",
		},
		{
			name: "endpoint-table",
			args: []string{"describe-client-vpn-endpoints", "--demo", "--output", "table", "--query", "ClientVpnEndpoints[0].DevicePostureOptions"},
			want: `----------------------------------------------------------------------------------------
|                              DescribeClientVpnEndpoints                              |
+--------------------------------------------------------------------------------------+
||                                   TrustProviders                                   ||
|+----------------------+-------------------------------------------------------------+|
||  PublicSigningKeyUrl |  https://assets-public.falcon.crowdstrike.com/zta/jwk.json  ||
||  TenantId            |  0f1e2d3c4b5a69788796a5b4c3d2e1f0                           ||
||  TrustProviderType   |  crowdstrike                                                ||
|+----------------------+-------------------------------------------------------------+|
`,
			reason: "the AWS CLI's table formatter (awscli.formatter.TableFormatter) on the same value gives these bytes",
		},
	}
	env := isolatedEnv(t)
	keyTests := []struct {
		name string
		args []string
		want []string
	}{
		{
			name: "connection",
			args: []string{"describe-client-vpn-connections", "--demo", "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
				"--query", "Connections[?ConnectionId=='cvpn-connection-97488e74f860e146f'] | [0]"},
			want: []string{"ClientVpnEndpointId", "Timestamp", "ConnectionId", "Username", "ConnectionEstablishedTime",
				"IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets", "ClientIp", "CommonName", "Status",
				"ConnectionEndTime", "PostureComplianceStatuses", "AuthorizationPolicyLastEvaluatedTime"},
		},
		{
			name: "connection-without",
			args: []string{"describe-client-vpn-connections", "--demo", "--client-vpn-endpoint-id", clientvpntest.SampleEndpointID,
				"--query", "Connections[?ConnectionId=='cvpn-connection-0b1c2d3e4f5a69788'] | [0]"},
			want: []string{"ClientVpnEndpointId", "Timestamp", "ConnectionId", "Username", "ConnectionEstablishedTime",
				"IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets", "ClientIp", "CommonName", "Status",
				"ConnectionEndTime"},
		},
		{
			name: "endpoint",
			args: []string{"describe-client-vpn-endpoints", "--demo", "--query", "ClientVpnEndpoints[0]"},
			want: []string{"ClientVpnEndpointId", "Description", "Status", "CreationTime", "DnsName", "ClientCidrBlock",
				"DnsServers", "SplitTunnel", "VpnProtocol", "TransportProtocol", "VpnPort", "ServerCertificateArn",
				"AuthenticationOptions", "ConnectionLogOptions", "Tags", "SecurityGroupIds", "VpcId", "SelfServicePortalUrl",
				"ClientConnectOptions", "SessionTimeoutHours", "ClientLoginBannerOptions", "ClientRouteEnforcementOptions",
				"DisconnectOnSessionTimeout", "EndpointIpAddressType", "TrafficIpAddressType", "DevicePostureOptions"},
		},
	}
	for _, tt := range keyTests {
		t.Run(tt.name+"-keys", func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), env, tt.args...)
			var keys []string
			for _, line := range strings.Split(stdout, "\n") {
				if k, ok := strings.CutPrefix(line, `    "`); ok && !strings.HasPrefix(k, " ") {
					keys = append(keys, k[:strings.IndexByte(k, '"')])
				}
			}
			if diff := cmp.Diff(tt.want, keys); code != 0 || diff != "" {
				t.Errorf("exit %d, stderr %q; keys in stdout order (-want +got):\n%s", code, stderr, diff)
			}
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), env, tt.args...)
			if code != 0 || stdout != tt.want {
				t.Errorf("exit %d, stderr %q\nstdout:\n%s\nwant:\n%s", code, stderr, stdout, tt.want)
			}
		})
	}
}
