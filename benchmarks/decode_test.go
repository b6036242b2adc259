package benchmarks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/ec2lite/ec2lite/internal/memtransport"
)

// expected is the part of fixtures/expected.json these tests read.
type expected struct {
	Files []struct {
		File        string `json:"file"`
		Connections int    `json:"connections"`
		Digest      string `json:"digest"`
	} `json:"files"`
}

// digestOf returns the expected digest of the named fixture file.
func (e expected) digestOf(name string) string {
	for _, f := range e.Files {
		if f.File == name {
			return f.Digest
		}
	}
	return "(no digest for " + name + ")"
}

func loadExpected(t *testing.T) expected {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e expected
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// digest is the fixture kit's digest over decoded connections (INPUTS.md).
func digest(conns []types.ClientVpnConnection) string {
	var sb strings.Builder
	line := func(name, v string) {
		if v != "" {
			sb.WriteString(name + "=" + v + "\n")
		}
	}
	for _, c := range conns {
		s := aws.ToString
		line("clientVpnEndpointId", s(c.ClientVpnEndpointId))
		line("timestamp", s(c.Timestamp))
		line("connectionId", s(c.ConnectionId))
		line("username", s(c.Username))
		line("connectionEstablishedTime", s(c.ConnectionEstablishedTime))
		line("ingressBytes", s(c.IngressBytes))
		line("egressBytes", s(c.EgressBytes))
		line("ingressPackets", s(c.IngressPackets))
		line("egressPackets", s(c.EgressPackets))
		line("clientIp", s(c.ClientIp))
		line("clientIpv6Address", s(c.ClientIpv6Address))
		line("commonName", s(c.CommonName))
		if c.Status != nil {
			line("status.code", string(c.Status.Code))
			line("status.message", s(c.Status.Message))
		}
		line("connectionEndTime", s(c.ConnectionEndTime))
		for _, p := range c.PostureComplianceStatuses {
			line("postureComplianceStatus", p)
		}
		sb.WriteString("\n")
	}
	sum := sha256.Sum256([]byte(sb.String()))
	return hex.EncodeToString(sum[:])
}

// TestSDKDecodesFixtures checks that the SDK side measures the success path:
// it decodes every fixture to the kit's digest.
func TestSDKDecodesFixtures(t *testing.T) {
	want := loadExpected(t)
	for _, n := range []int{1, 100, 1000} {
		name := "describe-connections-" + strconv.Itoa(n) + ".xml"
		t.Run(name, func(t *testing.T) {
			body, err := memtransport.Load(fixtures, name)
			if err != nil {
				t.Fatal(err)
			}
			rt, err := memtransport.New(body)
			if err != nil {
				t.Fatal(err)
			}
			out, err := newClient(rt).DescribeClientVpnConnections(context.Background(), benchInput())
			if err != nil {
				t.Fatal(err)
			}
			if got, w := digest(out.Connections), want.digestOf(name); got != w || len(out.Connections) != n {
				t.Errorf("%d connections, digest %s; want %d, %s", len(out.Connections), got, n, w)
			}
		})
	}
}
