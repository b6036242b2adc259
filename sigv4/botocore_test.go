package sigv4

import (
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestBotocoreDifferential requires the signer to agree with botocore on
// random requests: testdata/sigv4/botocore-differential.json, written by
// testdata/sigv4/gen_botocore.py (see its doc string).
func TestBotocoreDifferential(t *testing.T) {
	var doc struct {
		Cases []struct {
			ID               string      `json:"id"`
			Method           string      `json:"method"`
			URL              string      `json:"url"`
			Headers          [][2]string `json:"headers"`
			Body             string      `json:"body"`
			AccessKeyID      string      `json:"access_key_id"`
			SecretAccessKey  string      `json:"secret_access_key"`
			SessionToken     string      `json:"session_token"`
			Region           string      `json:"region"`
			Service          string      `json:"service"`
			Time             time.Time   `json:"time"`
			PayloadHash      string      `json:"payload_hash"`
			CanonicalRequest string      `json:"canonical_request"`
			StringToSign     string      `json:"string_to_sign"`
			Authorization    string      `json:"authorization"`
		} `json:"cases"`
	}
	data := readFile(t, filepath.Join(vectorDir, "botocore-differential.json"))
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 300 {
		t.Errorf("found %d cases, want at least 300", len(doc.Cases))
	}
	var s Signer // one signer for all: exercises the key cache and its bound
	for _, tc := range doc.Cases {
		t.Run(tc.ID, func(t *testing.T) {
			u, err := url.Parse(tc.URL)
			if err != nil {
				t.Fatal(err)
			}
			// The generator writes paths net/url keeps as they are.
			rest := strings.TrimPrefix(tc.URL, u.Scheme+"://"+u.Host)
			wirePath, _, _ := strings.Cut(rest, "?")
			if u.EscapedPath() != wirePath {
				t.Fatalf("net/url changed the path %q to %q; fix the generator", wirePath, u.EscapedPath())
			}
			req := &http.Request{Method: tc.Method, URL: u, Header: http.Header{}}
			for _, h := range tc.Headers {
				req.Header.Add(h[0], h[1])
			}
			in := Input{
				Credentials: Credentials{AccessKeyID: tc.AccessKeyID, SecretAccessKey: tc.SecretAccessKey, SessionToken: tc.SessionToken},
				Region:      tc.Region, Service: tc.Service, PayloadHash: tc.PayloadHash, Time: tc.Time,
			}
			if !strings.Contains(strings.ToLower(tc.CanonicalRequest), "x-amz-content-sha256:") {
				if got := HashPayload([]byte(tc.Body)); got != tc.PayloadHash {
					t.Fatalf("HashPayload(body) = %s, botocore used %s", got, tc.PayloadHash)
				}
			}
			var tr trace
			if err := s.sign(req, in, &tr); err != nil {
				t.Fatal(err)
			}
			checkTrace(t, tr, tc.CanonicalRequest, tc.StringToSign)
			if diff := cmp.Diff(tc.Authorization, req.Header.Get("Authorization")); diff != "" {
				t.Errorf("Authorization (-want +got):\n%s", diff)
			}
		})
	}
	if n := s.cachedKeys(); n > maxCacheKeys {
		t.Errorf("key cache holds %d keys, bound is %d", n, maxCacheKeys)
	}
}

// TestBotocorePresignDifferential requires Presign to agree with botocore's
// SigV4QueryAuth (the presign_cases of botocore-differential.json).
func TestBotocorePresignDifferential(t *testing.T) {
	var doc struct {
		Cases []struct {
			ID               string      `json:"id"`
			URL              string      `json:"url"`
			Headers          [][2]string `json:"headers"`
			AccessKeyID      string      `json:"access_key_id"`
			SecretAccessKey  string      `json:"secret_access_key"`
			SessionToken     string      `json:"session_token"`
			Region           string      `json:"region"`
			Service          string      `json:"service"`
			Time             time.Time   `json:"time"`
			Expires          int         `json:"expires"`
			PayloadHash      string      `json:"payload_hash"`
			CanonicalRequest string      `json:"canonical_request"`
			StringToSign     string      `json:"string_to_sign"`
			PresignedURL     string      `json:"presigned_url"`
		} `json:"presign_cases"`
	}
	data := readFile(t, filepath.Join(vectorDir, "botocore-differential.json"))
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 100 {
		t.Errorf("found %d presign cases, want at least 100", len(doc.Cases))
	}
	var s Signer
	for _, tc := range doc.Cases {
		t.Run(tc.ID, func(t *testing.T) {
			u, err := url.Parse(tc.URL)
			if err != nil {
				t.Fatal(err)
			}
			req := &http.Request{Method: http.MethodGet, URL: u, Host: u.Host, Header: http.Header{}}
			for _, h := range tc.Headers {
				req.Header.Add(h[0], h[1])
			}
			in := Input{
				Credentials: Credentials{AccessKeyID: tc.AccessKeyID, SecretAccessKey: tc.SecretAccessKey, SessionToken: tc.SessionToken},
				Region:      tc.Region, Service: tc.Service, PayloadHash: tc.PayloadHash, Time: tc.Time,
			}
			var tr trace
			got, err := s.presign(req, in, time.Duration(tc.Expires)*time.Second, &tr)
			if err != nil {
				t.Fatal(err)
			}
			checkTrace(t, tr, tc.CanonicalRequest, tc.StringToSign)
			want, err := url.Parse(tc.PresignedURL)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.Query(), got.Query()); diff != "" {
				t.Errorf("presigned query parameters (-botocore +sigv4):\n%s", diff)
			}
		})
	}
}
