package clientvpn

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestConnectionHas(t *testing.T) {
	var full Connection
	for i := 0; i < numConnectionMembers; i++ {
		if p := full.str(i); p != nil {
			*p = "x"
		}
	}
	full.Status.Code = StatusActive
	full.PostureComplianceStatuses = []string{"compliant"}

	emptyStatus := Connection{}
	MarkPresent(&emptyStatus, "Status")
	emptyPosture := Connection{PostureComplianceStatuses: []string{}}
	MarkPresent(&emptyPosture, "PostureComplianceStatuses")
	statusWithEmptyMessage := Connection{}
	MarkPresent(&statusWithEmptyMessage.Status, "Message")

	tests := []struct {
		name   string
		c      Connection
		member string
		want   bool
		reason string
	}{
		{"zero", Connection{}, "Username", false, "a zero field is absent"},
		{"set", Connection{Username: "alice"}, "Username", true, "a non-empty field is present"},
		{"ipv6", Connection{ClientIpv6Address: "2001:db8::1"}, "ClientIpv6Address", true, "the newest member"},
		{"empty-status", emptyStatus, "Status", true, "<status/> is present"},
		{"empty-status-code", emptyStatus, "Username", false, "marking one member marks only it"},
		{"status-member", statusWithEmptyMessage, "Status", true, "a status with a present empty message is present"},
		{"empty-posture", emptyPosture, "PostureComplianceStatuses", true, "<postureComplianceStatusSet/> is present"},
		{"unknown", full, "NoSuchMember", false, "unknown names are never present"},
		{"lower-case", full, "username", false, "names are the model's, case-sensitive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Has(tt.c, tt.member); got != tt.want {
				t.Errorf("Has(%q) = %v, want %v: %s", tt.member, got, tt.want, tt.reason)
			}
		})
	}
	for _, name := range connectionMembers {
		if !Has(full, name) {
			t.Errorf("full connection: Has(%q) = false", name)
		}
		if Has(Connection{}, name) {
			t.Errorf("zero connection: Has(%q) = true", name)
		}
	}
}

func TestStatusAndOutputHas(t *testing.T) {
	var st ConnectionStatus
	if Has(st, "Code") || Has(st, "Message") {
		t.Error("zero status has members")
	}
	MarkPresent(&st, "Message")
	MarkPresent(&st, "Bogus")
	if Has(st, "Code") || !Has(st, "Message") || Has(st, "Bogus") {
		t.Errorf("after MarkPresent(Message): Code %v Message %v", Has(st, "Code"), Has(st, "Message"))
	}
	if !Has(ConnectionStatus{Code: StatusTerminated}, "Code") {
		t.Error("set code absent")
	}

	var out DescribeClientVpnConnectionsOutput
	if Has(out, "Connections") || Has(out, "NextToken") || Has(out, "RequestId") {
		t.Error("zero output has members")
	}
	MarkPresent(&out, "Connections")
	if !Has(out, "Connections") || Has(out, "NextToken") {
		t.Error("MarkPresent(Connections)")
	}
	if !Has(DescribeClientVpnConnectionsOutput{NextToken: "t"}, "NextToken") {
		t.Error("set NextToken absent")
	}
	if !Has(DescribeClientVpnConnectionsOutput{Connections: make([]Connection, 1)}, "Connections") {
		t.Error("non-empty Connections absent")
	}
}

func TestStatusCodeKnown(t *testing.T) {
	for _, c := range []ConnectionStatusCode{StatusActive, StatusFailedToTerminate, StatusTerminating, StatusTerminated} {
		if !c.Known() {
			t.Errorf("%q not known", c)
		}
	}
	for _, c := range []ConnectionStatusCode{"", "Active", "hibernating"} {
		if c.Known() {
			t.Errorf("%q known", c)
		}
	}
}

func TestTimeAccessors(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return tm
	}
	tests := []struct {
		name    string
		value   string
		want    time.Time
		ended   bool
		wantErr bool
		reason  string
	}{
		{"ok", "2019-08-12 07:57:14", at("2019-08-12T07:57:14Z"), true, false, "the wire format, UTC"},
		{"leap-day", "2024-02-29 23:59:59", at("2024-02-29T23:59:59Z"), true, false, "a leap day"},
		{"not-ended", "-", time.Time{}, false, false, "\"-\" means not ended (EndTime only)"},
		{"empty", "", time.Time{}, false, true, "an absent value is an error, not a zero time"},
		{"iso", "2019-08-12T07:57:14Z", time.Time{}, false, true, "not EC2's layout"},
		{"bad-month", "2019-13-12 07:57:14", time.Time{}, false, true, "month 13"},
		{"trailing", "2019-08-12 07:57:14 ", time.Time{}, false, true, "trailing space"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Connection{Timestamp: tt.value, ConnectionEstablishedTime: tt.value, ConnectionEndTime: tt.value}
			end, ended, err := c.EndTime()
			if (err != nil) != tt.wantErr || !end.Equal(tt.want) || ended != tt.ended {
				t.Errorf("EndTime() = %v, %v, %v; want %v, %v, error %v (%s)", end, ended, err, tt.want, tt.ended, tt.wantErr, tt.reason)
			}
			if err == nil && end.Location() != time.UTC {
				t.Errorf("EndTime location %v, want UTC", end.Location())
			}
			for name, f := range map[string]func() (time.Time, error){"Time": c.Time, "EstablishedTime": c.EstablishedTime} {
				got, err := f()
				wantErr := tt.wantErr || tt.value == "-"
				if (err != nil) != wantErr || (!wantErr && !got.Equal(tt.want)) {
					t.Errorf("%s() = %v, %v; want %v, error %v", name, got, err, tt.want, wantErr)
				}
				var pe *ParseError
				if err != nil && !errors.As(err, &pe) {
					t.Errorf("%s error %T is not a *ParseError", name, err)
				}
			}
		})
	}
}

func TestCountAccessors(t *testing.T) {
	tests := []struct {
		value   string
		want    uint64
		wantErr bool
	}{
		{"0", 0, false},
		{"32302", 32302, false},
		{"18446744073709551615", 18446744073709551615, false},
		{"18446744073709551616", 0, true},
		{"-1", 0, true},
		{"", 0, true},
		{"+5", 0, true},
		{" 5", 0, true},
		{"1e3", 0, true},
	}
	for _, tt := range tests {
		c := Connection{IngressBytes: tt.value, EgressBytes: tt.value, IngressPackets: tt.value, EgressPackets: tt.value}
		for name, f := range map[string]func() (uint64, error){
			"IngressBytesCount": c.IngressBytesCount, "EgressBytesCount": c.EgressBytesCount,
			"IngressPacketsCount": c.IngressPacketsCount, "EgressPacketsCount": c.EgressPacketsCount,
		} {
			got, err := f()
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("%s(%q) = %d, %v; want %d, error %v", name, tt.value, got, err, tt.want, tt.wantErr)
			}
		}
	}
}

func TestParseError(t *testing.T) {
	_, err := Connection{IngressBytes: "x1"}.IngressBytesCount()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("%T", err)
	}
	want := ParseError{Member: "IngressBytes", Value: "x1"}
	if diff := cmp.Diff(want, *pe, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Err" }, cmp.Ignore())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, strconv.ErrSyntax) {
		t.Errorf("%v does not wrap strconv.ErrSyntax", err)
	}
	if got := err.Error(); got != `clientvpn: bad IngressBytes "x1": strconv.ParseUint: parsing "x1": invalid syntax` {
		t.Errorf("Error() = %s", got)
	}
	_, err = Connection{}.Time()
	if got := err.Error(); got != `clientvpn: bad Timestamp "": empty or absent` {
		t.Errorf("Error() = %s", got)
	}
}

func ExampleHas() {
	// <username/> decodes to "" with Username present; an absent
	// <clientIpv6Address> decodes to "" too, but is not present.
	var out DescribeClientVpnConnectionsOutput
	err := decodeDescribeClientVpnConnections([]byte(`<DescribeClientVpnConnectionsResponse>
  <connections><item><connectionId>cvpn-connection-1</connectionId><username/></item></connections>
</DescribeClientVpnConnectionsResponse>`), &out)
	if err != nil {
		panic(err)
	}
	c := out.Connections[0]
	fmt.Printf("Username %q present=%v\n", c.Username, Has(c, "Username"))
	fmt.Printf("ClientIpv6Address %q present=%v\n", c.ClientIpv6Address, Has(c, "ClientIpv6Address"))
	fmt.Printf("NextToken present=%v\n", Has(out, "NextToken"))
	// Output:
	// Username "" present=true
	// ClientIpv6Address "" present=false
	// NextToken present=false
}

func ExampleConnection_EndTime() {
	c := Connection{
		ConnectionEstablishedTime: "2019-08-12 07:57:14",
		ConnectionEndTime:         "-",
		IngressBytes:              "18446744073709551615",
	}
	start, _ := c.EstablishedTime()
	_, ended, _ := c.EndTime()
	n, _ := c.IngressBytesCount()
	fmt.Println(start, ended, n)
	// Output: 2019-08-12 07:57:14 +0000 UTC false 18446744073709551615
}

// TestHasValues checks what Has accepts: a struct or a pointer to one, of
// any decoded type; anything else is never present.
func TestHasValues(t *testing.T) {
	ep := ClientVpnEndpoint{VpnPort: 443}
	MarkPresent(&ep.DevicePostureOptions, "TrustProviders")
	var nilConn *Connection
	tests := []struct {
		name   string
		v      any
		member string
		want   bool
		reason string
	}{
		{"value", ep, "VpnPort", true, "a set field is present"},
		{"pointer", &ep, "VpnPort", true, "a pointer is looked through"},
		{"nested-marked", ep.DevicePostureOptions, "TrustProviders", true, "MarkPresent of a nested struct"},
		{"unset", ep, "SplitTunnel", false, "an unset field is absent"},
		{"not-a-member", ep, "Empty", false, "Empty is not a member"},
		{"nil-pointer", nilConn, "Username", false, "a nil pointer has nothing"},
		{"not-a-struct", "Username", "Username", false, "a string has no members"},
		{"nil", nil, "Username", false, "nil has no members"},
		{"input", DescribeClientVpnConnectionsInput{ClientVpnEndpointId: "x"}, "ClientVpnEndpointId", false, "inputs have no presence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Has(tt.v, tt.member); got != tt.want {
				t.Errorf("Has(%T, %q) = %v, want %v: %s", tt.v, tt.member, got, tt.want, tt.reason)
			}
		})
	}
	for _, v := range []any{ep, (*ClientVpnEndpoint)(nil), &DescribeClientVpnConnectionsInput{}, nil} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MarkPresent(%T) did not panic", v)
				}
			}()
			MarkPresent(v, "VpnPort")
		}()
	}
}
