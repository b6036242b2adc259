package clientvpn

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// ErrRepeatedNextToken reports that EC2 answered a page with a NextToken it
// had already given: following it would loop forever, so the listing stops
// there, incomplete.
var ErrRepeatedNextToken = errors.New("clientvpn: EC2 repeated a NextToken; the listing is incomplete")

// pages returns the iterator of a paged operation over the items of every
// page, starting at in's NextToken (token returns a pointer to it) and
// following each page's; items returns a page's items and NextToken. *in is
// not modified. See [Client.Connections] for the contract.
func pages[In, Out, Item any](ctx context.Context, c *Client, op *operation[In, Out], in *In,
	token func(*In) *string, items func(*Out) ([]Item, string)) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		var zero Item
		if in == nil {
			yield(zero, fmt.Errorf("clientvpn: %s: nil input", op.name))
			return
		}
		page := *in
		var seen tokenLoop
		for {
			var out Out
			if err := op.call(ctx, c, &page, &out); err != nil {
				yield(zero, err)
				return
			}
			list, next := items(&out)
			for i := range list {
				if !yield(list[i], nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if next == *token(&page) || seen.repeated(next) {
				yield(zero, fmt.Errorf("%w (after %d pages)", ErrRepeatedNextToken, seen.pages))
				return
			}
			*token(&page) = next
		}
	}
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
