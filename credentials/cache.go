package credentials

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Default refresh windows of a Cache, as botocore's RefreshableCredentials.
const (
	DefaultAdvisoryWindow  = 15 * time.Minute
	DefaultMandatoryWindow = 10 * time.Minute
)

// refreshTimeout bounds one refresh, which no caller can cancel: longer than the
// credential_process timeout, short enough that a hung provider cannot wedge the Cache.
const refreshTimeout = 2 * time.Minute

// Cache is a Provider that remembers the credentials of another provider until they come
// close to expiring. Credentials without an expiry are kept forever.
//
// Within AdvisoryWindow of the expiry, Retrieve refreshes but keeps returning the old
// credentials if the refresh fails, and callers arriving while a refresh is under way get the
// old credentials at once. Within MandatoryWindow (and after expiry), callers wait for the
// refresh and get its error if it fails. Errors are never cached: the next call tries again.
// At most one refresh runs at a time; it runs detached from any one caller's cancellation
// (each caller still stops waiting when its own ctx is done), so a caller that gives up
// does not spoil the refresh for the others.
//
// A Cache is safe for concurrent use by multiple goroutines. Use NewCache or set Provider;
// the zero windows mean the defaults. Fields must not change after first use.
type Cache struct {
	Provider        Provider
	AdvisoryWindow  time.Duration
	MandatoryWindow time.Duration

	now func() time.Time // nil means time.Now; set by this package's tests

	mu     sync.Mutex
	creds  Credentials
	have   bool
	flight *flight // the refresh under way, nil when none
}

type flight struct {
	done  chan struct{}
	creds Credentials
	err   error
}

// String describes c for logs: its provider's type and the cached
// credentials' access key ID, source and expiry, never a secret or token.
func (c *Cache) String() string {
	if c == nil {
		return "<nil>"
	}
	c.mu.Lock()
	cur, have := c.creds, c.have
	c.mu.Unlock()
	s := fmt.Sprintf("credentials.Cache{Provider: %T", c.Provider)
	if have {
		s += ", Credentials: " + cur.String()
	}
	return s + "}"
}

// Format implements fmt.Formatter: every verb (%v, %+v, %#v, %s, %q, …)
// prints String, so that no verb can print the cached secret or token.
func (c *Cache) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	fmt.Fprint(f, c.String())
}

// NewCache returns a Cache around p with the default windows.
func NewCache(p Provider) *Cache { return &Cache{Provider: p} }

// Retrieve returns the cached credentials, refreshing them when needed.
func (c *Cache) Retrieve(ctx context.Context) (Credentials, error) {
	advisory, mandatory := c.AdvisoryWindow, c.MandatoryWindow
	if advisory <= 0 {
		advisory = DefaultAdvisoryWindow
	}
	if mandatory <= 0 {
		mandatory = DefaultMandatoryWindow
	}
	if mandatory > advisory {
		advisory = mandatory
	}

	c.mu.Lock()
	now := clock(c.now)
	cur, have := c.creds, c.have
	mustWait := true
	if have {
		switch {
		case !cur.CanExpire() || now.Before(cur.Expires.Add(-advisory)):
			c.mu.Unlock()
			return cur, nil
		case now.Before(cur.Expires.Add(-mandatory)):
			// Advisory window: only the caller that starts the refresh waits for it.
			mustWait = false
		}
	}
	f := c.flight
	if f != nil && !mustWait {
		c.mu.Unlock()
		return cur, nil
	}
	if f == nil {
		f = &flight{done: make(chan struct{})}
		c.flight = f
		go c.refresh(context.WithoutCancel(ctx), f)
	}
	c.mu.Unlock()

	select {
	case <-f.done:
	case <-ctx.Done():
		return Credentials{}, ctx.Err()
	}
	if f.err != nil {
		if have && !mustWait {
			return cur, nil // advisory refresh failed: the old credentials are still good
		}
		return Credentials{}, f.err
	}
	return f.creds, nil
}

// refresh calls the provider once and publishes the result to the flight's waiters.
func (c *Cache) refresh(ctx context.Context, f *flight) {
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	creds, err := c.Provider.Retrieve(ctx)
	if err == nil {
		creds, err = checkExpiry(firstNonEmpty(creds.Source, "Cache"), creds, clock(c.now))
	}
	c.mu.Lock()
	f.creds, f.err = creds, err
	if err == nil {
		c.creds, c.have = creds, true
	}
	c.flight = nil
	c.mu.Unlock()
	close(f.done)
}

// Invalidate forgets the cached credentials, so that the next Retrieve fetches new ones
// (after an ExpiredToken error, for example).
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.creds, c.have = Credentials{}, false
	c.mu.Unlock()
}
