package awsrequest

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadAll(t *testing.T) {
	body := strings.Repeat("0123456789", 1000) // 10,000 bytes
	tests := []struct {
		name    string
		r       io.Reader
		limit   int64
		buf     []byte
		want    string
		wantErr error
	}{
		{name: "fits", r: strings.NewReader(body), limit: 10000, want: body},
		{name: "max-limit", r: strings.NewReader(body), limit: math.MaxInt64, want: body},
		{name: "one-over", r: strings.NewReader(body), limit: 9999, wantErr: ErrTooLarge},
		{name: "far-over", r: strings.NewReader(body), limit: 10, wantErr: ErrTooLarge},
		{name: "empty", r: strings.NewReader(""), limit: 10, want: ""},
		{name: "one-byte-reads", r: iotest.OneByteReader(strings.NewReader(body)), limit: 10000, want: body},
		{name: "data-with-eof", r: iotest.DataErrReader(strings.NewReader(body)), limit: 10000, want: body},
		{name: "reader-error", r: iotest.TimeoutReader(strings.NewReader(body)), limit: 10000, wantErr: iotest.ErrTimeout},
		{name: "reused-buffer", r: strings.NewReader(body), limit: 10000, buf: make([]byte, 3, 20000), want: body},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(tc.r, tc.limit, tc.buf)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				if errors.Is(err, ErrTooLarge) && int64(len(got)) > tc.limit+1 {
					t.Errorf("read %d bytes past a limit of %d", len(got), tc.limit)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("read %d bytes, want %d", len(got), len(tc.want))
			}
			if tc.buf != nil && &got[0] != &tc.buf[:1][0] {
				t.Errorf("the buffer with enough capacity was not reused")
			}
		})
	}
}

func TestReadAllTooLargeMessage(t *testing.T) {
	_, err := readAll(bytes.NewReader(make([]byte, 100)), 50, nil)
	if want := "ec2xml: response body too large: more than 50 bytes"; err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestReadAllNoProgress(t *testing.T) {
	if _, err := readAll(zeroReader{}, 10, nil); err != io.ErrNoProgress {
		t.Fatalf("error %v, want io.ErrNoProgress", err)
	}
}

func TestReadAllAllocs(t *testing.T) {
	body := []byte(strings.Repeat("x", 4096))
	buf := make([]byte, 0, 8192)
	r := bytes.NewReader(body)
	allocs := testing.AllocsPerRun(100, func() {
		r.Reset(body)
		var err error
		if buf, err = readAll(r, DefaultMaxBodyBytes, buf); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per ReadAll into a large enough buffer, want 0", allocs)
	}
}
