package clientvpntest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runOp runs `aws ec2 OP --endpoint-url URL args...`.
func (a *awsCLI) runOp(op string, extraEnv []string, args ...string) (stdout, stderr string, code int) {
	a.t.Helper()
	cmd := exec.Command(a.path, append([]string{"ec2", op, "--endpoint-url", a.srv.URL}, args...)...)
	cmd.Env = append(append([]string(nil), a.env...), extraEnv...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		a.t.Fatalf("running aws: %v", err)
	}
	return out.String(), errb.String(), code
}

// TestAWSCLIOperations points every major version of the AWS CLI found on
// PATH at a server for TerminateClientVpnConnections and
// DescribeClientVpnEndpoints.
func TestAWSCLIOperations(t *testing.T) {
	for major, path := range findAWSCLIs(t) {
		t.Run(fmt.Sprintf("v%d", major), func(t *testing.T) { testAWSCLIOperations(t, path, major) })
	}
}

func testAWSCLIOperations(t *testing.T, path string, major int) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	cli := newAWSCLI(t, srv, path, major)
	type cliEndpoint struct {
		ClientVpnEndpointId string
		Status              struct{ Code, Message string }
		TransportProtocol   string
		VpnPort             int
		SplitTunnel         bool
		Tags                []struct{ Key, Value string }
		DnsServers          []string
	}
	endpoints := func(args ...string) []cliEndpoint {
		t.Helper()
		out, errOut, code := cli.runOp("describe-client-vpn-endpoints", nil, append([]string{"--output", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var v struct{ ClientVpnEndpoints []cliEndpoint }
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return v.ClientVpnEndpoints
	}
	t.Run("describe endpoints", func(t *testing.T) {
		all := endpoints()
		if len(all) != 3 || all[0].ClientVpnEndpointId != SampleEndpointID || !all[0].SplitTunnel || all[0].VpnPort != 443 ||
			len(all[0].Tags) != 2 || all[0].Tags[1].Value != "platform & infra" || all[1].TransportProtocol != "tcp" ||
			all[1].VpnPort != 1194 || all[2].Status.Code != "deleted" || len(all[1].DnsServers) != 0 {
			t.Errorf("the CLI read: %+v", all)
		}
		before := srv.Requests()
		paged := endpoints("--page-size", "5", "--filters", "Name=transport-protocol,Values=udp")
		if len(paged) != 2 || srv.Requests()-before != 1 {
			t.Errorf("filtered: %d endpoints in %d requests", len(paged), srv.Requests()-before)
		}
		ids := endpoints("--client-vpn-endpoint-ids", DeletedEndpointID)
		if len(ids) != 1 || ids[0].ClientVpnEndpointId != DeletedEndpointID {
			t.Errorf("by id: %+v", ids)
		}
	})
	t.Run("terminate", func(t *testing.T) {
		out, errOut, code := cli.runOp("terminate-client-vpn-connections", nil, "--client-vpn-endpoint-id", SampleEndpointID, "--username", "dave")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var v struct {
			ClientVpnEndpointId, Username string
			ConnectionStatuses            []struct {
				ConnectionId                  string
				PreviousStatus, CurrentStatus struct{ Code string }
			}
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if v.Username != "dave" || len(v.ConnectionStatuses) != 2 || v.ConnectionStatuses[0].CurrentStatus.Code != "terminating" {
			t.Errorf("the CLI read: %+v", v)
		}
		// The next listing shows them terminating, the one after terminated.
		for _, want := range []string{"terminating\tterminating", "terminated\tterminated"} {
			out, errOut, code := cli.run(nil, "--client-vpn-endpoint-id", SampleEndpointID, "--output", "text",
				"--filters", "Name=username,Values=dave", "--query", "Connections[].Status.Code")
			if code != 0 || strings.TrimSpace(out) != want {
				t.Errorf("listing after terminate: exit %d %q %s, want %q", code, out, errOut, want)
			}
		}
	})
	exitAPI := map[int]int{1: 255, 2: 254}[major]
	for _, tt := range []struct {
		name, op string
		args     []string
		wantErr  string
	}{
		{"both", "terminate-client-vpn-connections", []string{"--client-vpn-endpoint-id", SampleEndpointID, "--username", "bob", "--connection-id", "cvpn-connection-00668867a40f18253"},
			"An error occurred (InvalidParameterCombination) when calling the TerminateClientVpnConnections operation: Only one of ConnectionId and Username can be specified"},
		{"neither", "terminate-client-vpn-connections", []string{"--client-vpn-endpoint-id", SampleEndpointID},
			"An error occurred (MissingParameter) when calling the TerminateClientVpnConnections operation: The request must contain the parameter ConnectionId or Username"},
		{"dry run", "terminate-client-vpn-connections", []string{"--client-vpn-endpoint-id", SampleEndpointID, "--username", "bob", "--dry-run"},
			"An error occurred (DryRunOperation) when calling the TerminateClientVpnConnections operation: Request would have succeeded, but DryRun flag is set."},
		{"unknown endpoint", "describe-client-vpn-endpoints", []string{"--client-vpn-endpoint-ids", "cvpn-endpoint-00000000000000000"},
			"An error occurred (InvalidClientVpnEndpointId.NotFound) when calling the DescribeClientVpnEndpoints operation: Endpoint cvpn-endpoint-00000000000000000 does not exist"},
		{"bad filter", "describe-client-vpn-endpoints", []string{"--filters", "Name=vpc-id,Values=x"},
			"An error occurred (InvalidParameterValue) when calling the DescribeClientVpnEndpoints operation: The filter 'vpc-id' is invalid"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := cli.runOp(tt.op, nil, tt.args...)
			if code != exitAPI || strings.TrimSpace(errOut) != tt.wantErr || out != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit %d and stderr:\n%s", code, out, errOut, exitAPI, tt.wantErr)
			}
		})
	}
}

// TestAWSCLIOperationsGolden records the AWS CLI v1's output of the new
// operations on the sample data at the fixed snapshot time, in its three
// formats, into testdata/awscli/ (rewrite with -update): the reference for
// `ec2lite describe-client-vpn-endpoints --demo` and
// `ec2lite terminate-client-vpn-connections --demo`.
func TestAWSCLIOperationsGolden(t *testing.T) {
	path, ok := findAWSCLIs(t)[1]
	if !ok {
		t.Skip("AWS CLI v1 (the version the goldens were recorded with) not found on PATH")
	}
	for _, g := range []struct {
		name, op string
		args     []string
	}{
		{"endpoints", "describe-client-vpn-endpoints", nil},
		{"terminate", "terminate-client-vpn-connections", []string{"--client-vpn-endpoint-id", SampleEndpointID, "--username", "dave"}},
	} {
		for _, format := range []string{"json", "text", "table"} {
			t.Run(g.name+"."+format, func(t *testing.T) {
				srv := NewServer(WithTime(fixedNow)) // fresh: terminate changes the data
				defer srv.Close()
				cli := newAWSCLI(t, srv, path, 1)
				out, errOut, code := cli.runOp(g.op, []string{"COLUMNS=120"}, append([]string{"--output", format}, g.args...)...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				path := filepath.Join("testdata", "awscli", g.name+"."+format)
				if *update {
					if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), out); diff != "" {
					t.Errorf("%s (-want +got):\n%s", path, diff)
				}
			})
		}
	}
}
