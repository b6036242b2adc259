package awscli

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPaginatorTokenRepeats checks that Run stops on a server token it has
// received before, the previous one (botocore's check) or an older one (a
// cycle, which botocore follows forever), after as few calls as it takes.
func TestPaginatorTokenRepeats(t *testing.T) {
	tests := []struct {
		reason string
		next   map[string]string // the server: request token -> next token
		calls  []string          // the request tokens sent
		err    string
	}{
		{
			reason: "a pagination that ends",
			next:   map[string]string{"": "A", "A": "B", "B": ""},
			calls:  []string{"", "A", "B"},
		},
		{
			reason: "the previous token again: botocore's error",
			next:   map[string]string{"": "A", "A": "A"},
			calls:  []string{"", "A"},
			err:    "Error during pagination: The same next token was received twice: {'NextToken': 'A'}",
		},
		{
			reason: "a cycle A, B, A",
			next:   map[string]string{"": "A", "A": "B", "B": "A"},
			calls:  []string{"", "A", "B"},
			err:    "Error during pagination: The next token was received before, the pages repeat: {'NextToken': 'A'}",
		},
		{
			reason: "a longer cycle back to the second token",
			next:   map[string]string{"": "A", "A": "B", "B": "C", "C": "B"},
			calls:  []string{"", "A", "B", "C"},
			err:    "Error during pagination: The next token was received before, the pages repeat: {'NextToken': 'B'}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			var calls []string
			p := &Paginator{ResultKey: "Connections", Call: func(_ context.Context, token *string) (*Object, error) {
				tok := ""
				if token != nil {
					tok = *token
				}
				calls = append(calls, tok)
				if len(calls) > 10 {
					t.Fatalf("%d calls: the paginator does not stop", len(calls))
				}
				out := &Object{}
				out.Set("Connections", []any{})
				if n := tt.next[tok]; n != "" {
					out.Set("NextToken", n)
				}
				return out, nil
			}}
			_, err := p.Run(context.Background(), func(Page) error { return nil })
			got := ""
			if err != nil {
				got = err.Error()
				if pe, ok := err.(*PaginationError); !ok || pe.Exit != 255 {
					t.Errorf("error %T %v: want a *PaginationError with exit 255", err, err)
				}
			}
			if got != tt.err {
				t.Errorf("error: got %q, want %q", got, tt.err)
			}
			if diff := cmp.Diff(tt.calls, calls); diff != "" {
				t.Errorf("request tokens (-want +got):\n%s", diff)
			}
		})
	}
}
