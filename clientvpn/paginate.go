package clientvpn

import (
	"context"
	"errors"
	"iter"
)

// ErrRepeatedNextToken reports that EC2 answered a page with a NextToken it
// had already given: following it would loop forever, so the listing stops
// there, incomplete.
var ErrRepeatedNextToken = errors.New("clientvpn: EC2 repeated a NextToken; the listing is incomplete")

// Connections returns an iterator over the connections of every page of
// DescribeClientVpnConnections, starting at in.NextToken (empty: the first
// page) and following each page's NextToken. *in is not modified.
//
// The iterator yields each connection with a nil error. When a call fails it
// yields one zero Connection with the error and stops: a listing that ends
// without an error is complete. A NextToken that repeats one already
// followed is reported as [ErrRepeatedNextToken] rather than looped on.
// Only one page is held in memory at a time. Breaking out of the loop stops
// the calls.
//
//	for conn, err := range client.Connections(ctx, in) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(conn.ConnectionId)
//	}
func (c *Client) Connections(ctx context.Context, in *DescribeClientVpnConnectionsInput) iter.Seq2[Connection, error] {
	return pages(ctx, c, &describeConnections, in,
		func(in *DescribeClientVpnConnectionsInput) *string { return &in.NextToken },
		func(out *DescribeClientVpnConnectionsOutput) ([]Connection, string) {
			return out.Connections, out.NextToken
		})
}

// tokenLoop detects a cycle in the sequence of NextTokens in constant memory
// (Brent's algorithm): it remembers the token seen at pages 1, 2, 4, 8, …
// and reports a repeat when a later token equals it. A token equal to the
// one just followed is caught at once by the caller; a longer cycle is
// caught within twice its length.
type tokenLoop struct {
	saved string
	pages int // tokens seen
	power int // next page at which saved is replaced
}

func (l *tokenLoop) repeated(tok string) bool {
	if l.pages > 0 && tok == l.saved {
		return true
	}
	l.pages++
	if l.pages >= l.power {
		l.saved = tok
		l.power = 2 * max(l.power, 1)
	}
	return false
}
