package clientvpntest_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/sigv4"
)

// describe sends a signed DescribeClientVpnConnections request with the example keys.
func describe(srv *clientvpntest.Server, params url.Values) (status int, body []byte) {
	params.Set("Action", "DescribeClientVpnConnections")
	params.Set("Version", "2016-11-15")
	form := params.Encode()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	var signer sigv4.Signer
	err = signer.Sign(req, sigv4.Input{
		Credentials: sigv4.Credentials{
			AccessKeyID:     clientvpntest.DefaultAccessKeyID,
			SecretAccessKey: clientvpntest.DefaultSecretAccessKey,
		},
		Service:     "ec2",
		Region:      clientvpntest.DefaultRegion,
		PayloadHash: sigv4.HashPayload([]byte(form)),
		Time:        time.Now(),
	})
	if err != nil {
		log.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	return resp.StatusCode, body
}

func Example() {
	srv := clientvpntest.NewServer(clientvpntest.WithTime(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)))
	defer srv.Close()

	status, body := describe(srv, url.Values{
		"ClientVpnEndpointId": {clientvpntest.SampleEndpointID},
		"Filter.1.Name":       {"username"},
		"Filter.1.Value.1":    {"bob"},
	})
	var out struct {
		Connections []struct {
			ID          string `xml:"connectionId"`
			Established string `xml:"connectionEstablishedTime"`
			Status      string `xml:"status>code"`
		} `xml:"connections>item"`
	}
	if err := xml.Unmarshal(body, &out); err != nil {
		log.Fatal(err)
	}
	fmt.Println(status)
	for _, c := range out.Connections {
		fmt.Println(c.ID, c.Established, c.Status)
	}
	// Output:
	// 200
	// cvpn-connection-00668867a40f18253 2026-11-25 07:18:53 active
	// cvpn-connection-0b1c2d3e4f5a69788 2026-11-25 11:10:00 terminated
}

func ExampleServer_InjectFaults() {
	srv := clientvpntest.NewServer()
	defer srv.Close()

	srv.InjectFaults(clientvpntest.Throttle(), clientvpntest.HTTPError(502))
	for i := 0; i < 3; i++ {
		status, body := describe(srv, url.Values{"ClientVpnEndpointId": {clientvpntest.EmptyEndpointID}})
		var e struct {
			Code string `xml:"Errors>Error>Code"`
		}
		xml.Unmarshal(body, &e)
		fmt.Println(status, e.Code, len(body) > 0)
	}
	fmt.Println(srv.Requests(), "requests")
	// Output:
	// 503 RequestLimitExceeded true
	// 502  true
	// 200  true
	// 3 requests
}

func ExampleParseData() {
	data, err := clientvpntest.ParseData([]byte(`{"endpoints": [{
		"id": "cvpn-endpoint-0aaaaaaaaaaaaaaaa",
		"connections": [{"id": "cvpn-connection-0bbbbbbbbbbbbbbbb", "username": "zoë", "established": "90m"}]
	}]}`))
	if err != nil {
		log.Fatal(err)
	}
	srv := clientvpntest.NewServer(clientvpntest.WithData(data), clientvpntest.WithTime(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)))
	defer srv.Close()
	_, body := describe(srv, url.Values{"ClientVpnEndpointId": {"cvpn-endpoint-0aaaaaaaaaaaaaaaa"}})
	for _, line := range strings.Split(string(body), "\n") {
		if strings.Contains(line, "username") || strings.Contains(line, "EstablishedTime") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// <username>zoë</username>
	// <connectionEstablishedTime>2026-11-25 10:30:00</connectionEstablishedTime>
}
