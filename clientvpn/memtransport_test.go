package clientvpn

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
)

// cycleTransport serves n pages by cycling through a few recorded page
// bodies and chaining them with its own tokens ("page-2", "page-3", …), so
// that a listing of any length can be walked without holding n bodies in
// memory. It does per request what internal/memtransport does (read the
// request body, check the action, pick the page by NextToken) and serves the
// recorded bytes uncopied, with the token element spliced in by an
// io.MultiReader.
type cycleTransport struct {
	bodies [][]byte // recorded pages, each cut just before its <nextToken> or closing tag
	n      int
	calls  atomic.Int64
}

const rootClose = "</DescribeClientVpnConnectionsResponse>\n"

func newCycleTransport(n int, pages ...[]byte) (*cycleTransport, error) {
	t := &cycleTransport{n: n}
	for i, p := range pages {
		cut := bytes.Index(p, []byte("<nextToken>"))
		if cut < 0 {
			cut = bytes.Index(p, []byte(rootClose[:len(rootClose)-1]))
		}
		if cut < 0 {
			return nil, fmt.Errorf("page %d: no closing root element", i+1)
		}
		t.bodies = append(t.bodies, p[:cut])
	}
	return t, nil
}

func (t *cycleTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.calls.Add(1)
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("Action") != "DescribeClientVpnConnections" || !strings.HasPrefix(req.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		return nil, fmt.Errorf("cycleTransport: unexpected request %q", body)
	}
	page := 1
	if tok := form.Get("NextToken"); tok != "" {
		page, err = strconv.Atoi(strings.TrimPrefix(tok, "page-"))
		if err != nil || page < 2 || page > t.n {
			return nil, fmt.Errorf("cycleTransport: unknown NextToken %q", tok)
		}
	}
	tail := rootClose
	if page < t.n {
		tail = "<nextToken>page-" + strconv.Itoa(page+1) + "</nextToken>\n" + rootClose
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"text/xml;charset=UTF-8"}},
		Body:          io.NopCloser(io.MultiReader(bytes.NewReader(t.bodies[(page-1)%len(t.bodies)]), strings.NewReader(tail))),
		ContentLength: -1,
		Request:       req,
	}, nil
}
