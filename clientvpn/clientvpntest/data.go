package clientvpntest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Connection status codes, as EC2 spells them.
const (
	StatusActive            = "active"
	StatusFailedToTerminate = "failed-to-terminate"
	StatusTerminating       = "terminating"
	StatusTerminated        = "terminated"
)

// Data is the state a [Server] serves: Client VPN endpoints and their connections.
//
// Times in Data are ages relative to the server's snapshot time (see [WithTime] and
// [WithLive]), so that one data set stays "current" whenever it is served.
type Data struct {
	Endpoints []Endpoint `json:"endpoints"`
}

// Endpoint is one Client VPN endpoint.
type Endpoint struct {
	ID          string       `json:"id"` // e.g. "cvpn-endpoint-0123456789abcdef0"
	Connections []Connection `json:"connections"`
}

// Connection is one client connection of an endpoint, in typed form. The server
// renders it as EC2 does: times as "2006-01-02 15:04:05" in UTC, counters as decimal
// strings, ConnectionEndTime "-" while the connection is not terminated.
type Connection struct {
	ID         string `json:"id"`                   // connectionId, e.g. "cvpn-connection-0a1b2c3d4e5f60718"
	Username   string `json:"username,omitempty"`   // empty for certificate authentication (element omitted)
	CommonName string `json:"commonName,omitempty"` // commonName (element omitted when empty)
	ClientIP   string `json:"clientIp,omitempty"`   // clientIp
	ClientIPv6 string `json:"clientIpv6,omitempty"` // clientIpv6Address (element omitted when empty)

	// Established is how long before the snapshot time the connection was established.
	Established time.Duration `json:"-"`
	// Ended is, for a terminated connection, how long before the snapshot time it ended.
	// EC2 lists terminated connections for 60 minutes; older ones are not served.
	// Ended is ignored unless Status is StatusTerminated.
	Ended time.Duration `json:"-"`

	Status        string `json:"status,omitempty"`        // status/code; empty means StatusActive
	StatusMessage string `json:"statusMessage,omitempty"` // status/message (element omitted when empty)

	IngressBytes   uint64 `json:"ingressBytes"`
	EgressBytes    uint64 `json:"egressBytes"`
	IngressPackets uint64 `json:"ingressPackets"`
	EgressPackets  uint64 `json:"egressPackets"`

	// Posture lists the posture compliance statuses (postureComplianceStatusSet/item).
	// A nil Posture omits the element; an empty non-nil one sends it empty
	// (<postureComplianceStatusSet/>), as EC2 does for some connections.
	Posture []string `json:"posture"`
}

// connectionJSON is a Connection in the data file format: durations as Go duration
// strings, fields in the documented order, posture omitted when nil.
type connectionJSON struct {
	ID             string    `json:"id"`
	Username       string    `json:"username,omitempty"`
	CommonName     string    `json:"commonName,omitempty"`
	ClientIP       string    `json:"clientIp,omitempty"`
	ClientIPv6     string    `json:"clientIpv6,omitempty"`
	Established    string    `json:"established"`
	Ended          string    `json:"ended,omitempty"`
	Status         string    `json:"status,omitempty"`
	StatusMessage  string    `json:"statusMessage,omitempty"`
	IngressBytes   uint64    `json:"ingressBytes"`
	EgressBytes    uint64    `json:"egressBytes"`
	IngressPackets uint64    `json:"ingressPackets"`
	EgressPackets  uint64    `json:"egressPackets"`
	Posture        *[]string `json:"posture,omitempty"`
}

// MarshalJSON encodes c in the data file format (see the package documentation).
func (c Connection) MarshalJSON() ([]byte, error) {
	j := connectionJSON{
		ID: c.ID, Username: c.Username, CommonName: c.CommonName, ClientIP: c.ClientIP, ClientIPv6: c.ClientIPv6,
		Established: c.Established.String(), Status: c.Status, StatusMessage: c.StatusMessage,
		IngressBytes: c.IngressBytes, EgressBytes: c.EgressBytes, IngressPackets: c.IngressPackets, EgressPackets: c.EgressPackets,
	}
	if c.status() == StatusTerminated {
		j.Ended = c.Ended.String()
	}
	if c.Posture != nil {
		j.Posture = &c.Posture
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes c from the data file format. Unknown fields are errors.
func (c *Connection) UnmarshalJSON(b []byte) error {
	var j connectionJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	*c = Connection{
		ID: j.ID, Username: j.Username, CommonName: j.CommonName, ClientIP: j.ClientIP, ClientIPv6: j.ClientIPv6,
		Status: j.Status, StatusMessage: j.StatusMessage,
		IngressBytes: j.IngressBytes, EgressBytes: j.EgressBytes, IngressPackets: j.IngressPackets, EgressPackets: j.EgressPackets,
	}
	if j.Posture != nil {
		c.Posture = *j.Posture
		if c.Posture == nil {
			c.Posture = []string{}
		}
	}
	var err error
	if c.Established, err = parseAge("established", j.Established); err != nil {
		return err
	}
	if j.Ended != "" {
		if c.Ended, err = parseAge("ended", j.Ended); err != nil {
			return err
		}
	}
	return nil
}

func parseAge(field, s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("%s: missing (a Go duration such as \"2h30m\")", field)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", field, err)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s: %q is negative (it is an age before the snapshot time)", field, s)
	}
	return d, nil
}

func (c *Connection) status() string {
	if c.Status == "" {
		return StatusActive
	}
	return c.Status
}

// ParseData decodes a data file (the JSON format described in the package
// documentation) and validates it. Unknown fields are errors, so that typos show.
func ParseData(b []byte) (Data, error) {
	var d Data
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Data{}, fmt.Errorf("clientvpntest: data: %w", err)
	}
	if dec.More() {
		return Data{}, errors.New("clientvpntest: data: trailing data after the JSON object")
	}
	if err := d.Validate(); err != nil {
		return Data{}, err
	}
	return d, nil
}

// LoadData reads and decodes the data file at path; see [ParseData].
func LoadData(path string) (Data, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Data{}, fmt.Errorf("clientvpntest: %w", err)
	}
	d, err := ParseData(b)
	if err != nil {
		return Data{}, fmt.Errorf("%w (in %s)", err, path)
	}
	return d, nil
}

// MarshalIndent encodes d in the data file format, indented for people.
func (d Data) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Validate reports the first problem that would make d unservable: an empty or
// duplicate endpoint id, an empty or duplicate connection id within an endpoint,
// an unknown status code, or a negative age.
func (d Data) Validate() error {
	seen := make(map[string]bool)
	for i, e := range d.Endpoints {
		if e.ID == "" {
			return fmt.Errorf("clientvpntest: data: endpoints[%d]: empty id", i)
		}
		if seen[e.ID] {
			return fmt.Errorf("clientvpntest: data: endpoints[%d]: duplicate id %q", i, e.ID)
		}
		seen[e.ID] = true
		conns := make(map[string]bool)
		for j, c := range e.Connections {
			where := fmt.Sprintf("clientvpntest: data: endpoint %s: connections[%d]", e.ID, j)
			if c.ID == "" {
				return fmt.Errorf("%s: empty id", where)
			}
			if conns[c.ID] {
				return fmt.Errorf("%s: duplicate id %q", where, c.ID)
			}
			conns[c.ID] = true
			switch c.status() {
			case StatusActive, StatusFailedToTerminate, StatusTerminating, StatusTerminated:
			default:
				return fmt.Errorf("%s: unknown status %q (want one of %s)", where, c.Status,
					strings.Join([]string{StatusActive, StatusFailedToTerminate, StatusTerminating, StatusTerminated}, ", "))
			}
			if c.Established < 0 || c.Ended < 0 {
				return fmt.Errorf("%s: negative age", where)
			}
			if c.status() == StatusTerminated && c.Ended > c.Established {
				return fmt.Errorf("%s: ended (%v ago) before it was established (%v ago)", where, c.Ended, c.Established)
			}
		}
	}
	return nil
}

// clone returns a deep copy of d, so that a Server never shares slices with its caller.
func (d Data) clone() Data {
	out := Data{Endpoints: make([]Endpoint, len(d.Endpoints))}
	for i, e := range d.Endpoints {
		conns := make([]Connection, len(e.Connections))
		for j, c := range e.Connections {
			if c.Posture != nil {
				c.Posture = append([]string(nil), c.Posture...)
			}
			conns[j] = c
		}
		out.Endpoints[i] = Endpoint{ID: e.ID, Connections: conns}
	}
	return out
}
