package clientvpntest

import (
	"fmt"
	"net/http"
	"time"
)

var terminateSpec = paramSpec{
	action:   actionTerminate,
	scalars:  []string{"ClientVpnEndpointId", "ConnectionId", "Username"},
	required: []string{"ClientVpnEndpointId"},
}

// maxUserTerminations is EC2's limit on terminating by username: "This
// option can only be used if the user has established up to five
// connections."
const maxUserTerminations = 5

// terminateRule checks the parameter rules of TerminateClientVpnConnections
// that come before any lookup: exactly one of ConnectionId and Username.
func terminateRule(p *params) *apiError {
	connID, user := p.scalars["ConnectionId"], p.scalars["Username"]
	switch {
	case connID == "" && user == "":
		return &apiError{http.StatusBadRequest, "MissingParameter", "The request must contain the parameter ConnectionId or Username"}
	case connID != "" && user != "":
		return &apiError{http.StatusBadRequest, "InvalidParameterCombination", "Only one of ConnectionId and Username can be specified"}
	}
	return nil
}

// termination is one connection's change of state.
type termination struct {
	id             string
	previous, code string
	message        string // previous status message
}

// pendingKey names a connection in handler.pending.
func pendingKey(endpointID, connID string) string { return endpointID + "\x00" + connID }

// terminate answers TerminateClientVpnConnections. An active or
// failed-to-terminate connection becomes terminating: the next
// DescribeClientVpnConnections that lists it shows it terminating, and
// later ones show it terminated, ended at the time of this call (so it is
// listed for 60 minutes more). A connection already terminating or
// terminated is reported unchanged.
func (h *handler) terminate(p *params, elapsed time.Duration) (func(b []byte, id string) []byte, int, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	endpointID := p.scalars["ClientVpnEndpointId"]
	ep := h.endpoint(endpointID)
	if ep == nil {
		return nil, 0, &apiError{http.StatusBadRequest, "InvalidClientVpnEndpointId.NotFound", fmt.Sprintf("Endpoint %s does not exist", endpointID)}
	}
	h.settle(ep)
	connID, user := p.scalars["ConnectionId"], p.scalars["Username"]
	var targets []*Connection
	for i := range ep.Connections {
		c := &ep.Connections[i]
		if !h.listed(c, elapsed) {
			continue
		}
		switch {
		case connID != "" && c.ID == connID:
			targets = append(targets, c)
		case user != "" && c.Username == user && (c.status() == StatusActive || c.status() == StatusFailedToTerminate):
			targets = append(targets, c)
		}
	}
	if connID != "" && len(targets) == 0 {
		return nil, 0, &apiError{http.StatusBadRequest, "InvalidClientVpnConnectionId.NotFound", fmt.Sprintf("Connection %s does not exist", connID)}
	}
	if len(targets) > maxUserTerminations {
		return nil, 0, errInvalidParameterValue(fmt.Sprintf("User %s has more than %d active connections: terminate them by ConnectionId", user, maxUserTerminations))
	}
	changes := make([]termination, len(targets))
	for i, c := range targets {
		t := termination{id: c.ID, previous: c.status(), code: c.status(), message: c.StatusMessage}
		if t.previous == StatusActive || t.previous == StatusFailedToTerminate {
			t.code = StatusTerminating
			c.Status, c.StatusMessage = StatusTerminating, ""
			c.Ended = -elapsed // an age before the snapshot time, which moves on under WithLive
			if h.pending == nil {
				h.pending = map[string]bool{}
			}
			h.pending[pendingKey(ep.ID, c.ID)] = false
		}
		changes[i] = t
	}
	return func(b []byte, id string) []byte {
		return appendTerminateResponse(b, id, endpointID, user, changes)
	}, len(changes), nil
}

// listed reports whether c is still listed (EC2's 60-minute rule).
func (h *handler) listed(c *Connection, elapsed time.Duration) bool {
	return c.status() != StatusTerminated || c.Ended+elapsed <= hiddenAfter
}

// settle moves the connections of ep that a describe has shown terminating
// to terminated. h.mu is held.
func (h *handler) settle(ep *Endpoint) {
	if len(h.pending) == 0 {
		return
	}
	for i := range ep.Connections {
		c := &ep.Connections[i]
		key := pendingKey(ep.ID, c.ID)
		if seen, ok := h.pending[key]; ok && seen {
			delete(h.pending, key)
			if c.Status == StatusTerminating {
				c.Status = StatusTerminated
			}
		}
	}
}

// shown records that a describe listed c (terminating, if pending). h.mu is held.
func (h *handler) shown(endpointID string, c *Connection) {
	if len(h.pending) == 0 {
		return
	}
	key := pendingKey(endpointID, c.ID)
	if _, ok := h.pending[key]; ok {
		h.pending[key] = true
	}
}

// appendTerminateResponse appends the TerminateClientVpnConnections response.
func appendTerminateResponse(b []byte, requestID, endpointID, user string, changes []termination) []byte {
	const ind = "            "
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, `<TerminateClientVpnConnectionsResponse xmlns="`+ec2Namespace+`">`+"\n"...)
	b = appendElem(b, "    ", "requestId", requestID)
	b = appendElem(b, "    ", "clientVpnEndpointId", endpointID)
	if user != "" {
		b = appendElem(b, "    ", "username", user)
	}
	if len(changes) == 0 {
		b = append(b, "    <connectionStatuses/>\n"...)
	} else {
		b = append(b, "    <connectionStatuses>\n"...)
		for _, t := range changes {
			b = append(b, "        <item>\n"...)
			b = appendElem(b, ind, "connectionId", t.id)
			b = append(b, ind+"<previousStatus>\n"...)
			b = appendElem(b, ind+"    ", "code", t.previous)
			if t.message != "" {
				b = appendElem(b, ind+"    ", "message", t.message)
			}
			b = append(b, ind+"</previousStatus>\n"...)
			b = append(b, ind+"<currentStatus>\n"...)
			b = appendElem(b, ind+"    ", "code", t.code)
			b = append(b, ind+"</currentStatus>\n"...)
			b = append(b, "        </item>\n"...)
		}
		b = append(b, "    </connectionStatuses>\n"...)
	}
	b = append(b, "</TerminateClientVpnConnectionsResponse>\n"...)
	return b
}
