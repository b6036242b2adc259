package awsrequest

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// decision is what a test keeps of an Attempt's outcome.
type decision struct {
	N, Status        int
	Retryable, Retry bool
	Delay            time.Duration
	Failed           bool
}

// TestTraceDecisions: the hook sees each attempt's outcome and the retry
// decision the call made: a transport failure (no status), a throttling
// answer, a clock-skew retry (immediate, same attempt number), success.
func TestTraceDecisions(t *testing.T) {
	local := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	skew := fail(401, "AuthFailure")
	skew.date = local.Add(10 * time.Minute).Format(http.TimeFormat)
	c, _, _ := newClient(t, reply{err: errors.New("connection reset by peer")}, fail(503, "Throttling"), skew, ok())
	c.Now = func() time.Time { return local }
	c.MaxAttempts = 5
	var got []decision
	c.Trace = func(a *Attempt) {
		got = append(got, decision{a.N, a.StatusCode, a.Retryable, a.Retry, a.Delay, a.Err != nil})
		if a.MaxAttempts != 5 || a.Operation != "DescribeClientVpnConnections" || a.Method != http.MethodPost || a.URL != testURL {
			t.Errorf("attempt %d: %+v", a.N, a)
		}
		if a.StatusCode == 0 && (a.ResponseHeader != nil || a.ResponseBody != nil) {
			t.Errorf("attempt %d: an answer without a status", a.N)
		}
	}
	if err := c.Do(context.Background(), newRequest(), decodeInto(new(string))); err != nil {
		t.Fatal(err)
	}
	want := []decision{
		{N: 1, Retryable: true, Retry: true, Delay: time.Second, Failed: true},
		{N: 2, Status: 503, Retryable: true, Retry: true, Delay: 2 * time.Second, Failed: true},
		{N: 3, Status: 401, Retry: true, Failed: true},
		{N: 3, Status: 200},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decisions (-want +got):\n%s", diff)
	}
}

// TestTraceBodyTooLarge: the hook of an attempt whose body is over the
// limit sees the part read, up to the limit, so that a caller can show it.
func TestTraceBodyTooLarge(t *testing.T) {
	body := strings.Repeat("<x>", 40)
	c, _, _ := newClient(t, reply{status: 200, body: body})
	c.MaxBodyBytes = 10
	c.MaxAttempts = 1
	var got []byte
	c.Trace = func(a *Attempt) { got = append([]byte(nil), a.ResponseBody...) }
	err := c.Do(context.Background(), newRequest(), decodeInto(new(string)))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if string(got) != body[:10] {
		t.Errorf("ResponseBody = %q, want the first 10 bytes %q", got, body[:10])
	}
}
