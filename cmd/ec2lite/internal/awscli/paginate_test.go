package awscli

import (
	"context"
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pagedServer answers Paginator.Call with pages of the given sizes: item
// "iN" numbered across pages, page k's NextToken "tK+1" (none on the last).
func pagedServer(sizes []int) func(ctx context.Context, token *string) (*Object, error) {
	return func(ctx context.Context, token *string) (*Object, error) {
		k := 0
		if token != nil {
			fmt.Sscanf(*token, "t%d", &k)
		}
		first := 0
		for _, n := range sizes[:k] {
			first += n
		}
		items := make([]any, sizes[k])
		for i := range items {
			items[i] = fmt.Sprintf("i%d", first+i)
		}
		out := &Object{}
		out.Set("Connections", items)
		if k+1 < len(sizes) {
			out.Set("NextToken", fmt.Sprintf("t%d", k+1))
		}
		return out, nil
	}
}

// runPages runs a Paginator over pages of sizes with --max-items max and
// returns the items handed on and the resume token decoded.
func runPages(t *testing.T, sizes []int, max *int64) ([]any, string, error) {
	t.Helper()
	p := &Paginator{Call: pagedServer(sizes), ResultKey: "Connections", MaxItems: max}
	var got []any
	resume, err := p.Run(context.Background(), func(pg Page) error {
		got = append(got, pg.Items...)
		return nil
	})
	if resume != "" {
		raw, derr := base64.StdEncoding.DecodeString(resume)
		if derr != nil {
			t.Fatalf("resume token %q is not base64: %v", resume, derr)
		}
		resume = string(raw)
	}
	return got, resume, err
}

func items(from, to int) []any {
	var l []any
	for i := from; i < to; i++ {
		l = append(l, fmt.Sprintf("i%d", i))
	}
	return l
}

func ptr(n int64) *int64 { return &n }

// TestPaginatorMaxItems checks the --max-items cut against what botocore's
// PageIterator does (values worked out from botocore/paginate.py, and the
// -1 and -2 rows recorded from AWS CLI v2 against the fake endpoint).
func TestPaginatorMaxItems(t *testing.T) {
	cases := []struct {
		reason     string
		sizes      []int
		max        *int64
		wantItems  []any
		wantResume string
	}{
		{"no --max-items: every page", []int{2, 3}, nil, items(0, 5), ""},
		{"a cut inside the second page", []int{2, 3}, ptr(3), items(0, 3), `{"NextToken": "t1", "boto_truncate_amount": 1}`},
		{"a stop on a page boundary", []int{2, 3}, ptr(2), items(0, 2), `{"NextToken": "t1"}`},
		{"more than there is", []int{2, 3}, ptr(99), items(0, 5), ""},
		{"-1: all but the last item of the first page", []int{13}, ptr(-1), items(0, 12), `{"NextToken": null, "boto_truncate_amount": -1}`},
		{"-2: all but the last two", []int{13}, ptr(-2), items(0, 11), `{"NextToken": null, "boto_truncate_amount": -2}`},
		{"a negative cut is on the first page only", []int{3, 4}, ptr(-1), items(0, 2), `{"NextToken": null, "boto_truncate_amount": -1}`},
		{"beyond the first page's length: nothing", []int{3, 4}, ptr(-5), nil, `{"NextToken": null, "boto_truncate_amount": -5}`},
		{"0 on a full first page: nothing", []int{3}, ptr(0), nil, `{"NextToken": null, "boto_truncate_amount": 0}`},
		{"0 on an empty first page: the next token", []int{0, 3}, ptr(0), nil, `{"NextToken": "t1"}`},
		{"-1 on an empty first page", []int{0, 3}, ptr(-1), nil, `{"NextToken": null, "boto_truncate_amount": -1}`},
		{"the smallest int64", []int{3}, ptr(-1 << 63), nil, `{"NextToken": null, "boto_truncate_amount": -9223372036854775808}`},
		{"the largest int64", []int{3}, ptr(1<<63 - 1), items(0, 3), ""},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			got, resume, err := runPages(t, c.sizes, c.max)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.wantItems, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if resume != c.wantResume {
				t.Errorf("resume token = %s, want %s", resume, c.wantResume)
			}
		})
	}
}

// FuzzPaginatorMaxItems: no page sizes and --max-items make the cut panic,
// and the items handed on are botocore's: the first max when max >= 0, the
// first page but its last -max items when max < 0.
func FuzzPaginatorMaxItems(f *testing.F) {
	f.Add([]byte{13}, int64(-1), int64(0))
	f.Add([]byte{2, 3, 0, 4}, int64(4), int64(1))
	f.Add([]byte{0, 0, 1}, int64(0), int64(-2))
	f.Add([]byte{5}, int64(-1<<63), int64(1<<63-1))
	f.Fuzz(func(t *testing.T, raw []byte, maxItems, start int64) {
		if len(raw) == 0 || len(raw) > 8 {
			return
		}
		sizes := make([]int, len(raw))
		all := 0
		for i, b := range raw {
			sizes[i] = int(b % 16)
			all += sizes[i]
		}
		got, _, err := runPages(t, sizes, &maxItems)
		if err != nil {
			t.Fatal(err)
		}
		var want int
		switch {
		case maxItems < 0:
			want = sizes[0] + int(max(maxItems, -1000))
			if want < 0 {
				want = 0
			}
		case maxItems > int64(all):
			want = all
		default:
			want = int(maxItems)
		}
		if diff := cmp.Diff(items(0, want), got); diff != "" {
			t.Errorf("sizes %v, --max-items %d (-want +got):\n%s", sizes, maxItems, diff)
		}

		// With a starting token's cut of the first page as well: no panic,
		// and never more items than there are.
		keys := &Object{}
		keys.Set("NextToken", nil)
		p := &Paginator{Call: pagedServer(sizes), ResultKey: "Connections", MaxItems: &maxItems, Start: &StartingToken{Keys: keys, Index: start}}
		n := 0
		if _, err := p.Run(context.Background(), func(pg Page) error { n += len(pg.Items); return nil }); err != nil {
			t.Fatal(err)
		}
		if n > all {
			t.Errorf("sizes %v, --max-items %d, start %d: %d items handed on of %d", sizes, maxItems, start, n, all)
		}
	})
}
