package clientvpntest

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math/bits"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/ec2lite/ec2lite/sigv4"
)

// maxBodyBytes bounds the request bodies the server reads.
const maxBodyBytes = 1 << 20

// hiddenAfter is EC2's rule: terminated connections are listed for 60 minutes.
const hiddenAfter = 60 * time.Minute

// handler serves the EC2 Query API subset. It is safe for concurrent use.
type handler struct {
	cfg     *config
	signer  sigv4.Signer
	created time.Time // clock reading at creation, for WithLive

	mu      sync.Mutex
	data    Data
	faults  []Fault
	calls   int
	pending map[string]bool // terminating connections (pendingKey): shown by a describe yet?

	logMu sync.Mutex
}

func newHandler(cfg *config) *handler {
	return &handler{cfg: cfg, created: cfg.clock(), data: cfg.data, faults: append([]Fault(nil), cfg.faults...)}
}

// LogEntry describes one request the server answered.
type LogEntry struct {
	Time        time.Time     // when the request arrived (server clock)
	Method      string        // HTTP method
	Path        string        // URL path
	Action      string        // the Action parameter, if any
	AccessKeyID string        // the access key the request was signed with, if any
	Status      int           // HTTP status answered (0 when the connection was reset)
	Code        string        // EC2 error code; "" on success and for HTML error pages
	RequestID   string        // the request id answered, "" when none was sent
	Connections int           // connections in the page, on success
	Fault       string        // the injected fault, "" when none
	Duration    time.Duration // time spent answering
}

// String formats e as one log line (see [WithLog]).
func (e LogEntry) String() string {
	var b []byte
	b = e.Time.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
	b = fmt.Appendf(b, " %s %s", e.Method, e.Path)
	if e.Action != "" {
		b = append(b, ' ')
		b = append(b, e.Action...)
	}
	switch {
	case e.Status == 0:
		b = append(b, " -"...)
	case e.Code != "":
		b = fmt.Appendf(b, " %d %s", e.Status, e.Code)
	case e.Status >= 300:
		b = fmt.Appendf(b, " %d %s", e.Status, http.StatusText(e.Status))
	default:
		b = fmt.Appendf(b, " %d OK %d connections", e.Status, e.Connections)
	}
	if e.AccessKeyID != "" {
		b = append(b, " key="...)
		b = append(b, e.AccessKeyID...)
	}
	if e.Fault != "" {
		b = append(b, " fault="...)
		b = strconv.AppendQuote(b, e.Fault)
	}
	if e.RequestID != "" {
		b = append(b, " id="...)
		b = append(b, e.RequestID...)
	}
	b = append(b, ' ')
	b = append(b, e.Duration.Round(10*time.Microsecond).String()...)
	return string(b)
}

func (h *handler) log(e LogEntry) {
	if h.cfg.logF != nil {
		h.cfg.logF(e)
	}
	if h.cfg.logW != nil {
		line := e.String() + "\n"
		h.logMu.Lock()
		io.WriteString(h.cfg.logW, line)
		h.logMu.Unlock()
	}
}

// response is an answer built in memory before it is sent.
type response struct {
	status      int
	contentType string
	requestID   string
	body        []byte
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := h.cfg.clock()
	h.mu.Lock()
	h.calls++
	call := h.calls
	var fault Fault
	if len(h.faults) > 0 {
		fault = h.faults[0]
		h.faults = h.faults[1:]
	}
	h.mu.Unlock()

	entry := LogEntry{Time: now, Method: r.Method, Path: r.URL.Path}
	if fault.kind != faultNone {
		entry.Fault = fault.String()
	}
	defer func() {
		entry.Duration = h.cfg.clock().Sub(now)
		h.log(entry)
	}()

	// Reading the whole body first also lets net/http notice a client that hangs
	// up during a Delay (it watches the connection only once the body is consumed).
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	switch fault.kind {
	case faultReset:
		resetConnection(w)
		return
	case faultDelay:
		t := time.NewTimer(fault.delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
		now = h.cfg.clock()
	}

	resp := h.answer(r, body, err, now, call, &entry, fault)
	entry.Status, entry.RequestID = resp.status, resp.requestID

	hdr := w.Header()
	hdr.Set("Content-Type", resp.contentType)
	hdr.Set("Content-Length", strconv.Itoa(len(resp.body)))
	hdr.Set("Date", now.UTC().Format(http.TimeFormat))
	hdr.Set("Server", "AmazonEC2")
	if resp.requestID != "" {
		hdr.Set("X-Amzn-Requestid", resp.requestID)
	}
	if fault.kind == faultTruncate {
		writeTruncated(w, resp)
		return
	}
	w.WriteHeader(resp.status)
	if r.Method != http.MethodHead {
		w.Write(resp.body)
	}
}

// answer computes the response to r.
func (h *handler) answer(r *http.Request, body []byte, err error, now time.Time, call int, entry *LogEntry, fault Fault) response {
	snapshot := h.cfg.start
	if h.cfg.live {
		snapshot = snapshot.Add(now.Sub(h.created))
	}
	if err != nil {
		return h.errorResponse(&apiError{http.StatusBadRequest, "InvalidRequest", "The request body could not be read."}, nil, snapshot, call)
	}
	if len(body) > maxBodyBytes {
		return h.errorResponse(&apiError{http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "The request body is too large."}, nil, snapshot, call)
	}
	form, ferr := requestForm(r, body)
	entry.Action = form.Get("Action")

	switch fault.kind {
	case faultAPIError:
		entry.Code = fault.code
		return h.errorResponse(&apiError{fault.status, fault.code, fault.message}, form, snapshot, call)
	case faultHTML:
		return response{status: fault.status, contentType: "text/html", body: htmlErrorBody(fault.status)}
	}

	if !h.cfg.skipAuth {
		ak, aerr := h.authenticate(r, body, now)
		entry.AccessKeyID = ak
		if aerr != nil {
			entry.Code = aerr.code
			return h.errorResponse(aerr, form, snapshot, call)
		}
	}
	if ferr != nil {
		entry.Code = ferr.code
		return h.errorResponse(ferr, form, snapshot, call)
	}
	var elapsed time.Duration
	if h.cfg.live {
		elapsed = now.Sub(h.created)
	}
	render, count, aerr := h.dispatch(form, snapshot, elapsed)
	if aerr != nil {
		entry.Code = aerr.code
		return h.errorResponse(aerr, form, snapshot, call)
	}
	entry.Connections = count
	id := h.requestID("ok", form, snapshot, call)
	return response{
		status:      http.StatusOK,
		contentType: "text/xml;charset=UTF-8",
		requestID:   id,
		body:        render(make([]byte, 0, 512+1000*count), id),
	}
}

// dispatch parses the request of its action and answers it: a function
// that renders the answer with a request id, and the number of items in it
// (connections, endpoints or connection statuses). Parameter errors come
// first, then DryRun, then the lookups.
func (h *handler) dispatch(form url.Values, snapshot time.Time, elapsed time.Duration) (func(b []byte, id string) []byte, int, *apiError) {
	action, aerr := checkAction(form)
	if aerr != nil {
		return nil, 0, aerr
	}
	switch action {
	case actionTerminate:
		p, aerr := parseParams(form, &terminateSpec)
		if aerr == nil {
			aerr = terminateRule(&p)
		}
		if aerr == nil && p.dryRun {
			aerr = errDryRun
		}
		if aerr != nil {
			return nil, 0, aerr
		}
		return h.terminate(&p, elapsed)
	case actionEndpoints:
		p, aerr := parseParams(form, &endpointsSpec)
		if aerr == nil && p.dryRun {
			aerr = errDryRun
		}
		if aerr != nil {
			return nil, 0, aerr
		}
		return h.describeEndpoints(&p, snapshot)
	}
	req, aerr := parseDescribeRequest(form)
	if aerr == nil && req.DryRun {
		aerr = errDryRun
	}
	if aerr != nil {
		return nil, 0, aerr
	}
	page, next, aerr := h.describe(&req, snapshot, elapsed)
	if aerr != nil {
		return nil, 0, aerr
	}
	return func(b []byte, id string) []byte { return appendDescribeResponse(b, id, page, next) }, len(page), nil
}

// requestForm returns the request parameters: the URL query (without the
// presigning parameters) plus, for POST, the form-encoded body.
func requestForm(r *http.Request, body []byte) (url.Values, *apiError) {
	form, err := url.ParseQuery(r.URL.RawQuery)
	malformed := err != nil
	for k := range authQueryParams {
		delete(form, k)
	}
	if r.Method == http.MethodPost && len(body) > 0 {
		bf, err := url.ParseQuery(string(body))
		malformed = malformed || err != nil
		for k, vs := range bf {
			form[k] = append(form[k], vs...)
		}
	}
	if malformed {
		return form, &apiError{http.StatusBadRequest, "MalformedQueryString", "The query string is malformed."}
	}
	return form, nil
}

func (h *handler) errorResponse(e *apiError, form url.Values, snapshot time.Time, call int) response {
	id := h.requestID(e.code, form, snapshot, call)
	return response{
		status:      e.status,
		contentType: "text/xml;charset=UTF-8",
		requestID:   id,
		body:        appendErrorResponse(nil, e.code, e.message, id),
	}
}

// requestID derives a UUID from what determines the answer: the outcome, the
// parameters and the snapshot time (and, under WithLive, the call number). Frozen
// servers thus answer repeated requests byte for byte the same.
func (h *handler) requestID(outcome string, form url.Values, snapshot time.Time, call int) string {
	hs := sha256.New()
	io.WriteString(hs, outcome)
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range form[k] {
			fmt.Fprintf(hs, "\x00%s=%s", k, v)
		}
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(snapshot.UnixNano()))
	hs.Write(b[:])
	if h.cfg.live {
		binary.BigEndian.PutUint64(b[:], uint64(call))
		hs.Write(b[:])
	}
	u := hs.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x40 // version 4 layout
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	x := hex.EncodeToString(u)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// describe lists the connections of one page.
func (h *handler) describe(req *describeRequest, snapshot time.Time, elapsed time.Duration) ([]connView, string, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var ep *Endpoint
	for i := range h.data.Endpoints {
		if h.data.Endpoints[i].ID == req.EndpointID {
			ep = &h.data.Endpoints[i]
			break
		}
	}
	if ep == nil {
		return nil, "", &apiError{http.StatusBadRequest, "InvalidClientVpnEndpointId.NotFound",
			fmt.Sprintf("Endpoint %s does not exist", req.EndpointID)}
	}
	offset := 0
	if req.NextToken != "" {
		var ok bool
		if offset, ok = decodeToken(req, req.NextToken); !ok {
			return nil, "", errInvalidNextToken
		}
	}
	size := req.MaxResults
	if size == 0 {
		size = defaultPageSize
	}
	h.settle(ep)
	var page []connView
	n := 0
	next := ""
	for i := range ep.Connections {
		c := &ep.Connections[i]
		if !h.listed(c, elapsed) {
			continue
		}
		if !req.matches(c) {
			continue
		}
		n++
		if n <= offset {
			continue
		}
		if len(page) == size {
			next = encodeToken(req, offset+size)
			break
		}
		page = append(page, h.view(ep.ID, c, i, snapshot, elapsed))
		h.shown(ep.ID, c)
	}
	return page, next, nil
}

// view renders c at the snapshot time. Connection times are fixed relative to the
// server's start; under WithLive the snapshot moves on by elapsed and the counters of
// connections that are not terminated grow with it.
func (h *handler) view(endpointID string, c *Connection, i int, snapshot time.Time, elapsed time.Duration) connView {
	base := snapshot.Add(-elapsed).Truncate(time.Second).UTC()
	cc := *c // a copy: the XML is built after h.mu is released, and terminate changes c
	v := connView{
		endpointID: endpointID, c: &cc,
		timestamp: snapshot.Truncate(time.Second).UTC(),
		est:       base.Add(-c.Established),
		in:        c.IngressBytes, out: c.EgressBytes, inP: c.IngressPackets, outP: c.EgressPackets,
	}
	if c.PolicyEvaluated != 0 {
		v.policy = base.Add(-c.PolicyEvaluated)
	}
	if c.status() == StatusTerminated {
		v.end = base.Add(-c.Ended)
		v.timestamp = v.end
		return v
	}
	if secs := uint64(elapsed / time.Second); secs > 0 {
		inRate, outRate := uint64(1200+97*i), uint64(400+31*i)
		v.in = addSat(v.in, secs*inRate)
		v.out = addSat(v.out, secs*outRate)
		v.inP = addSat(v.inP, secs*(inRate/700+1))
		v.outP = addSat(v.outP, secs*(outRate/700+1))
	}
	return v
}

func addSat(a, b uint64) uint64 {
	s, carry := bits.Add64(a, b, 0)
	if carry != 0 {
		return ^uint64(0)
	}
	return s
}

// resetConnection drops the connection without an answer.
func resetConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tc, ok := conn.(*net.TCPConn); ok {
				tc.SetLinger(0)
			}
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// writeTruncated sends the status and headers of resp with the full Content-Length,
// then half of the body, then closes the connection.
func writeTruncated(w http.ResponseWriter, resp response) {
	half := resp.body[:len(resp.body)/2]
	if hj, ok := w.(http.Hijacker); ok {
		if conn, buf, err := hj.Hijack(); err == nil {
			defer conn.Close()
			writeRawResponse(buf.Writer, w.Header(), resp.status, half)
			return
		}
	}
	w.WriteHeader(resp.status)
	w.Write(half)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler)
}

func writeRawResponse(bw *bufio.Writer, hdr http.Header, status int, body []byte) {
	fmt.Fprintf(bw, "HTTP/1.1 %03d %s\r\n", status, http.StatusText(status))
	hdr.Write(bw)
	bw.WriteString("\r\n")
	bw.Write(body)
	bw.Flush()
}
