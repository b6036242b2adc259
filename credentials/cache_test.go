package credentials

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// testClock is a settable clock safe for concurrent reads.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func creds(key string, exp time.Time) Credentials {
	return Credentials{AccessKeyID: key, SecretAccessKey: secret, Expires: exp, Source: "Test"}
}

func TestCacheWindows(t *testing.T) {
	clk := &testClock{now: t0}
	exp := t0.Add(time.Hour)
	var fail bool
	p := &countingProvider{next: func(n int) (Credentials, error) {
		if fail {
			return Credentials{}, errors.New("refresh failed")
		}
		return creds("KEY"+string(rune('0'+n)), exp.Add(time.Duration(n-1)*time.Hour)), nil
	}}
	c := &Cache{Provider: p, now: clk.Now}
	ctx := context.Background()
	steps := []struct {
		name    string
		at      time.Time
		fail    bool
		wantKey string
		wantErr bool
		calls   int
	}{
		{"first call fetches", t0, false, "KEY1", false, 1},
		{"fresh: cached", t0.Add(44 * time.Minute), false, "KEY1", false, 1},
		{"advisory window, refresh fails: old credentials", t0.Add(46 * time.Minute), true, "KEY1", false, 2},
		{"advisory window, refresh works", t0.Add(47 * time.Minute), false, "KEY3", false, 3},
		{"cached again", t0.Add(90 * time.Minute), false, "KEY3", false, 3},
		{"mandatory window, refresh fails: error", t0.Add(171 * time.Minute), true, "", true, 4},
		{"errors are not cached", t0.Add(171 * time.Minute), true, "", true, 5},
		{"past expiry, refresh fails: error, never the expired ones", t0.Add(4 * time.Hour), true, "", true, 6},
		{"past expiry, refresh works", t0.Add(4 * time.Hour), false, "KEY7", false, 7},
	}
	for _, s := range steps {
		clk.Set(s.at)
		fail = s.fail
		got, err := c.Retrieve(ctx)
		if (err != nil) != s.wantErr || got.AccessKeyID != s.wantKey || p.Calls() != s.calls {
			t.Errorf("%s: got %s, %v after %d calls; want %s, error %v, %d calls", s.name, got.AccessKeyID, err, p.Calls(), s.wantKey, s.wantErr, s.calls)
		}
	}
}

func TestCacheNoExpiry(t *testing.T) {
	p := &countingProvider{next: func(int) (Credentials, error) { return creds("STATIC", time.Time{}), nil }}
	c := NewCache(p)
	for i := 0; i < 5; i++ {
		if got, err := c.Retrieve(context.Background()); err != nil || got.AccessKeyID != "STATIC" {
			t.Fatalf("got %v, %v", got, err)
		}
	}
	if p.Calls() != 1 {
		t.Errorf("%d calls, want 1", p.Calls())
	}
	c.Invalidate()
	c.Retrieve(context.Background())
	if p.Calls() != 2 {
		t.Errorf("after Invalidate: %d calls, want 2", p.Calls())
	}
}

func TestCacheRejectsExpired(t *testing.T) {
	p := &countingProvider{next: func(int) (Credentials, error) { return creds("OLD", t0.Add(-time.Second)), nil }}
	c := &Cache{Provider: p, now: fixedClock(t0)}
	_, err := c.Retrieve(context.Background())
	checkErr(t, err, false, "expired at 2025-12-31T23:59:59Z")
}

// TestCacheConcurrent runs many goroutines against an empty cache whose provider blocks:
// exactly one refresh runs and everyone gets its result. Run with -race.
func TestCacheConcurrent(t *testing.T) {
	release := make(chan struct{})
	p := &countingProvider{next: func(n int) (Credentials, error) {
		<-release
		return creds("SHARED", t0.Add(time.Hour)), nil
	}}
	clk := &testClock{now: t0}
	c := &Cache{Provider: p, now: clk.Now}
	const n = 64
	var wg sync.WaitGroup
	started := make(chan struct{}, n)
	results := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started <- struct{}{}
			got, err := c.Retrieve(context.Background())
			if err == nil && got.AccessKeyID != "SHARED" {
				err = errors.New("wrong credentials " + got.AccessKeyID)
			}
			results <- err
		}()
	}
	for i := 0; i < n; i++ {
		<-started
	}
	close(release)
	wg.Wait()
	close(results)
	for err := range results {
		if err != nil {
			t.Error(err)
		}
	}
	if p.Calls() != 1 {
		t.Errorf("%d refreshes, want 1", p.Calls())
	}

	// In the advisory window, while one caller refreshes, the others get the old
	// credentials at once.
	clk.Set(t0.Add(47 * time.Minute))
	block := make(chan struct{})
	entered := make(chan struct{})
	p.next = nil
	p2 := &countingProvider{next: func(int) (Credentials, error) {
		close(entered)
		<-block
		return creds("NEW", t0.Add(2*time.Hour)), nil
	}}
	c.mu.Lock()
	c.Provider = p2
	c.mu.Unlock()
	done := make(chan Credentials)
	go func() {
		got, _ := c.Retrieve(context.Background())
		done <- got
	}()
	<-entered
	for i := 0; i < 8; i++ {
		got, err := c.Retrieve(context.Background())
		if err != nil || got.AccessKeyID != "SHARED" {
			t.Errorf("during an advisory refresh got %v, %v; want the old credentials", got, err)
		}
	}
	close(block)
	if got := <-done; got.AccessKeyID != "NEW" {
		t.Errorf("the refreshing caller got %s, want NEW", got.AccessKeyID)
	}
	if got, _ := c.Retrieve(context.Background()); got.AccessKeyID != "NEW" {
		t.Errorf("after the refresh got %s, want NEW", got.AccessKeyID)
	}
}

// A caller whose context ends stops waiting; the refresh goes on for the others.
func TestCacheCallerCancel(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{})
	p := &countingProvider{next: func(int) (Credentials, error) {
		close(entered)
		<-release
		return creds("K", t0.Add(time.Hour)), nil
	}}
	c := &Cache{Provider: p, now: fixedClock(t0)}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		_, err := c.Retrieve(ctx)
		errc <- err
	}()
	<-entered
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller got %v, want context.Canceled", err)
	}
	got := make(chan Credentials)
	go func() {
		cr, _ := c.Retrieve(context.Background())
		got <- cr
	}()
	close(release)
	if cr := <-got; cr.AccessKeyID != "K" {
		t.Errorf("second caller got %v", cr)
	}
	if p.Calls() != 1 {
		t.Errorf("%d refreshes, want 1", p.Calls())
	}
}
