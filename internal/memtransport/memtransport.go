// Package memtransport provides an in-memory http.RoundTripper that serves
// recorded DescribeClientVpnConnections pages, for benchmarks.
//
// It behaves as the transport specified by the shared benchmark kit (its
// INPUTS.md): per request it reads the whole request body into a pooled buffer
// and closes it, checks that the request is a signed DescribeClientVpnConnections
// POST to https://ec2.us-east-1.amazonaws.com/, picks the page named by the
// body's NextToken (none: the first page) and answers 200 with the page's bytes,
// uncopied. Anything else gets a 400 with an EC2 error body whose code,
// MemTransportRejected, is not retryable, so a broken client fails loudly
// instead of measuring an error path. Both sides of the comparison, ec2lite and
// the AWS SDK for Go v2 in ../../benchmarks, use this one transport.
package memtransport

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Load returns the file dir/name; a name ending in .gz is decompressed.
func Load(dir, name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil || !strings.HasSuffix(name, ".gz") {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("memtransport: %s: %w", name, err)
	}
	return io.ReadAll(zr)
}

// LoadPages returns dir/pages/page-01.xml.gz through page-NN.xml.gz, decompressed.
func LoadPages(dir string, n int) ([][]byte, error) {
	pages := make([][]byte, n)
	for i := range pages {
		var err error
		if pages[i], err = Load(dir, fmt.Sprintf("pages/page-%02d.xml.gz", i+1)); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// Transport answers DescribeClientVpnConnections requests from memory.
// It is safe for concurrent use.
type Transport struct {
	pages  []page
	tokens map[string]int // NextToken -> index of the page it asks for
	calls  atomic.Int64
}

type page struct {
	body      []byte
	requestID []string
}

var xmlContentType = []string{"text/xml;charset=UTF-8"}

// New returns a Transport that serves pages[0] to a request without NextToken
// and pages[i+1] to a request whose NextToken is the <nextToken> of pages[i].
func New(pages ...[]byte) (*Transport, error) {
	if len(pages) == 0 {
		return nil, fmt.Errorf("memtransport: no pages")
	}
	t := &Transport{tokens: make(map[string]int)}
	for i, b := range pages {
		rid, _ := firstElement(b, "requestId")
		t.pages = append(t.pages, page{body: b, requestID: []string{rid}})
		if tok, ok := firstElement(b, "nextToken"); ok {
			if i+1 == len(pages) {
				return nil, fmt.Errorf("memtransport: page %d has a nextToken but is the last page", i+1)
			}
			t.tokens[unescapeXML(tok)] = i + 1
		}
	}
	return t, nil
}

// Calls reports how many requests t has answered.
func (t *Transport) Calls() int64 { return t.calls.Load() }

var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.calls.Add(1)
	bp := bodyBuffers.Get().(*[]byte)
	defer bodyBuffers.Put(bp)
	body := (*bp)[:0]
	if req.Body != nil {
		var err error
		body, err = readInto(body, req.Body)
		req.Body.Close()
		*bp = body
		if err != nil {
			return nil, err
		}
	}

	if req.Method != http.MethodPost || req.URL.Scheme != "https" || req.URL.Host != "ec2.us-east-1.amazonaws.com" ||
		(req.URL.Path != "/" && req.URL.Path != "") ||
		!strings.HasPrefix(req.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") ||
		!strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") ||
		!bytes.Contains(body, []byte("Action=DescribeClientVpnConnections")) ||
		!bytes.Contains(body, []byte("Version=2016-11-15")) {
		return reject(req, "request is not a signed DescribeClientVpnConnections POST to https://ec2.us-east-1.amazonaws.com/"), nil
	}
	idx := 0
	if tok, ok := formValue(body, "NextToken"); ok {
		i, known := t.tokens[tok]
		if !known {
			return reject(req, "unknown NextToken"), nil
		}
		idx = i
	}
	p := &t.pages[idx]
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": xmlContentType, "X-Amzn-Requestid": p.requestID},
		Body:          &pageReader{r: *bytes.NewReader(p.body)},
		ContentLength: int64(len(p.body)),
		Request:       req,
	}, nil
}

// readInto appends everything r yields to buf, growing it only when full.
func readInto(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

type pageReader struct{ r bytes.Reader }

func (p *pageReader) Read(b []byte) (int, error) { return p.r.Read(b) }
func (p *pageReader) Close() error               { return nil }

func reject(req *http.Request, msg string) *http.Response {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<Response><Errors><Error><Code>MemTransportRejected</Code><Message>` + msg +
		`</Message></Error></Errors><RequestID>00000000-0000-4000-8000-000000000000</RequestID></Response>`)
	return &http.Response{
		Status:        "400 Bad Request",
		StatusCode:    http.StatusBadRequest,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": xmlContentType},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// formValue returns the decoded value of key in a form-encoded body.
func formValue(body []byte, key string) (string, bool) {
	for len(body) > 0 {
		var pair []byte
		pair, body, _ = bytes.Cut(body, []byte("&"))
		k, v, _ := bytes.Cut(pair, []byte("="))
		if string(k) == key {
			s, err := url.QueryUnescape(string(v))
			return s, err == nil
		}
	}
	return "", false
}

// firstElement returns the raw text of the first <name>…</name> in b.
func firstElement(b []byte, name string) (string, bool) {
	_, rest, ok := bytes.Cut(b, []byte("<"+name+">"))
	if !ok {
		return "", false
	}
	v, _, ok := bytes.Cut(rest, []byte("</"+name+">"))
	return string(v), ok
}

var xmlUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")

func unescapeXML(s string) string { return xmlUnescaper.Replace(s) }
