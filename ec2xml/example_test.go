package ec2xml_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/ec2lite/ec2lite/ec2xml"
)

func ExampleDecoder() {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>7263df00-d3ed-4f32-a3b9-88177EXAMPLE</requestId>
    <connections>
        <item><connectionId>cvpn-connection-1</connectionId><username>alice &amp; bob</username><futureField><x/></futureField></item>
        <item><connectionId>cvpn-connection-2</connectionId><username><![CDATA[O'Neil]]></username></item>
    </connections>
</DescribeClientVpnConnectionsResponse>`)

	d := ec2xml.NewDecoder(body)
	for {
		kind, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		if kind != ec2xml.StartElement {
			continue
		}
		switch string(d.Name()) {
		case "requestId", "connectionId", "username":
			name := string(d.Name())
			text, err := d.ReadText()
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Printf("%s=%s\n", name, text)
		case "futureField":
			d.Skip() // unknown elements are skipped
		}
	}
	// Output:
	// requestId=7263df00-d3ed-4f32-a3b9-88177EXAMPLE
	// connectionId=cvpn-connection-1
	// username=alice & bob
	// connectionId=cvpn-connection-2
	// username=O'Neil
}

func ExampleDecoder_syntaxError() {
	d := ec2xml.NewDecoder([]byte(`<Response><Errors></Response>`))
	var err error
	for err == nil {
		_, err = d.Next()
	}
	var se *ec2xml.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Offset, err)
	}
	// Output:
	// 18 ec2xml: syntax error at offset 18: element <Errors> closed by </Response>
}

func ExampleDecodeError() {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>53deb9bb-b3f5-484c-82aa-a0cb60c2be0a</RequestID></Response>`)
	err := error(ec2xml.DecodeError(401, body))

	var apiErr *ec2xml.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.StatusCode, apiErr.RequestID)
	}
	fmt.Println(err)

	// A body that is not an error envelope, such as a proxy's HTML page.
	fmt.Println(ec2xml.DecodeError(502, []byte("<html><body>Bad Gateway</body></html>")))
	// Output:
	// AuthFailure 401 53deb9bb-b3f5-484c-82aa-a0cb60c2be0a
	// AuthFailure: AWS was not able to validate the provided access credentials (HTTP 401, request id 53deb9bb-b3f5-484c-82aa-a0cb60c2be0a)
	// 502: Bad Gateway (HTTP 502)
}
