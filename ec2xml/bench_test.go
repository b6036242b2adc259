package ec2xml

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecode tokenises the 1000-connection fixture, reading the text of
// every leaf element with ReadText, as the Client VPN codec does.
func BenchmarkDecode(b *testing.B) {
	for _, n := range []string{"1", "1000"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", "describe-connections-"+n+".xml"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run("connections="+n, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var d Decoder
			for b.Loop() {
				d.Reset(data)
				if err := readAllText(&d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNext is the bare token loop: Next and Text on every token.
func BenchmarkNext(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "ec2xml", "describe-connections-1000.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var d Decoder
	for b.Loop() {
		d.Reset(data)
		n := 0
		for {
			k, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if k == CharData {
				n += len(d.Text())
			}
		}
		if n == 0 {
			b.Fatal("no text")
		}
	}
}

var sink int

// readAllText walks a document, calling ReadText on every element that has
// no child elements and Next on the others.
func readAllText(d *Decoder) error {
	// The fixture's leaves are known by name: an element is read with
	// ReadText unless it is one of the containers.
	for {
		k, err := d.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if k != StartElement {
			continue
		}
		switch string(d.Name()) {
		case "DescribeClientVpnConnectionsResponse", "connections", "item", "status", "postureComplianceStatusSet":
			if string(d.Name()) == "item" && d.Depth() == 4 {
				break // a postureComplianceStatusSet item is a leaf
			}
			continue
		}
		t, err := d.ReadText()
		if err != nil {
			return err
		}
		sink += len(t)
	}
}
