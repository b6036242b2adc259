package ec2xml

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// digestFields is the order of the lines of the benchmark digest
// (../shared/bench/INPUTS.md).
var digestFields = []string{
	"clientVpnEndpointId", "timestamp", "connectionId", "username", "connectionEstablishedTime",
	"ingressBytes", "egressBytes", "ingressPackets", "egressPackets", "clientIp", "clientIpv6Address",
	"commonName", "status.code", "status.message", "connectionEndTime",
}

// fixtureDigest decodes a DescribeClientVpnConnections response with Next
// and ReadText, as a codec would, and returns the request id, the number of
// connections and the digest of expected.json.
func fixtureDigest(data []byte) (requestID string, n int, digest string, err error) {
	d := NewDecoder(data)
	h := sha256.New()
	var fields map[string]string
	var posture []string
	var path []string
	for {
		k, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", 0, "", err
		}
		switch k {
		case StartElement:
			name := string(d.Name())
			p := strings.Join(append(path, name), "/")
			switch p {
			case "DescribeClientVpnConnectionsResponse/requestId":
				t, err := d.ReadText()
				if err != nil {
					return "", 0, "", err
				}
				requestID = string(t)
				continue
			case "DescribeClientVpnConnectionsResponse/connections/item":
				fields, posture = map[string]string{}, nil
			case "DescribeClientVpnConnectionsResponse/connections/item/postureComplianceStatusSet/item":
				t, err := d.ReadText()
				if err != nil {
					return "", 0, "", err
				}
				posture = append(posture, string(t))
				continue
			case "DescribeClientVpnConnectionsResponse", "DescribeClientVpnConnectionsResponse/connections",
				"DescribeClientVpnConnectionsResponse/connections/item/status",
				"DescribeClientVpnConnectionsResponse/connections/item/postureComplianceStatusSet":
			default:
				if len(path) >= 3 && path[2] == "item" {
					t, err := d.ReadText()
					if err != nil {
						return "", 0, "", err
					}
					key := name
					if len(path) == 4 {
						key = "status." + name
					}
					fields[key] = string(t)
					continue
				}
				if err := d.Skip(); err != nil {
					return "", 0, "", err
				}
				continue
			}
			path = append(path, name)
		case EndElement:
			if len(path) == 3 {
				n++
				for _, f := range digestFields {
					if v := fields[f]; v != "" {
						io.WriteString(h, f+"="+v+"\n")
					}
				}
				for _, v := range posture {
					io.WriteString(h, "postureComplianceStatus="+v+"\n")
				}
				io.WriteString(h, "\n")
			}
			path = path[:len(path)-1]
		}
	}
	return requestID, n, hex.EncodeToString(h.Sum(nil)), nil
}

// TestFixtureDigest decodes the benchmark fixtures and checks the digests
// recorded by the fixture generator (the AWS SDK decodes to the same).
func TestFixtureDigest(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Files []struct {
			File, RequestID, Digest string
			Connections             int
		}
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range exp.Files {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", f.File))
		if os.IsNotExist(err) {
			continue // only some fixtures are copied into this repository
		}
		checked++
		t.Run(f.File, func(t *testing.T) {
			if err != nil {
				t.Fatal(err)
			}
			id, n, digest, err := fixtureDigest(data)
			if err != nil {
				t.Fatal(err)
			}
			if id != f.RequestID || n != f.Connections || digest != f.Digest {
				t.Errorf("got request id %s, %d connections, digest %s; want %s, %d, %s", id, n, digest, f.RequestID, f.Connections, f.Digest)
			}
		})
	}
	if checked < 2 {
		t.Fatalf("only %d fixtures found", checked)
	}
}

// TestDecodeAllocs checks that a reused Decoder reads the whole 1000-connection
// fixture, text included, without allocating.
func TestDecodeAllocs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", "describe-connections-1000.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var d Decoder
	allocs := testing.AllocsPerRun(5, func() {
		d.Reset(data)
		if err := readAllText(&d); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per document, want 0", allocs)
	}
}
