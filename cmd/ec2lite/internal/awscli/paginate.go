package awscli

// Pagination as the AWS CLI does it (botocore/paginate.py, PageIterator),
// for every paginated operation (its result key: Connections,
// ClientVpnEndpoints):
//
//   - auto-pagination follows NextToken from page to page; the JSON and table
//     output merge the pages' result key and drop NextToken, the text output
//     prints page by page;
//   - --page-size sets MaxResults on every request;
//   - --max-items N stops after N items and prints a NextToken of the
//     AWS CLI's own: base64 of the JSON {"NextToken": TOKEN-OR-null,
//     "boto_truncate_amount": K} when it cut a page after K items (TOKEN is
//     the server token that fetched that page), or {"NextToken": TOKEN} when
//     it stopped on a page boundary (TOKEN is the server's next token);
//   - --starting-token accepts such a token, or a raw server token (and the
//     old "TOKEN___INDEX" form);
//   - a server token that repeats the previous one is an error:
//     "Error during pagination: The same next token was received twice: {'NextToken': 'x'}";
//   - a server token that repeats an older one (a cycle A, B, A), which
//     botocore follows forever, is an error too (ec2lite's own message):
//     "Error during pagination: The next token was received before, the pages repeat: {'NextToken': 'x'}".

import (
	"context"
	"encoding/base64"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"
)

// PaginationError is botocore's PaginationError (exit 255 unless code says otherwise).
type PaginationError struct {
	Msg  string
	Exit int
}

func (e *PaginationError) Error() string { return "Error during pagination: " + e.Msg }

// badStartingTokenError is the ValueError "Bad starting token: X" (exit 255).
type badStartingTokenError struct{ repr string }

func (e *badStartingTokenError) Error() string { return "Bad starting token: " + e.repr }

// pyCrashError is a Python exception the AWS CLI does not catch; it prints
// its text and exits 255.
type pyCrashError struct{ msg string }

func (e *pyCrashError) Error() string { return e.msg }

// StartingToken is a decoded --starting-token.
type StartingToken struct {
	// keys are the token's members other than boto_truncate_amount, in
	// order; a nil value is JSON null (Python None).
	Keys *Object
	// index is boto_truncate_amount: how many items of the first page to skip.
	Index int64
}

// NextToken returns the NextToken member: (value, true) for a string, (nil,
// true) for None, and false when absent.
func (t *StartingToken) NextToken() (any, bool) { return t.Keys.Get("NextToken") }

// DecodeStartingToken decodes a --starting-token as
// PageIterator._parse_starting_token does.
func DecodeStartingToken(s string) (*StartingToken, error) {
	raw, ok := pyB64Decode(s)
	if ok && utf8.Valid(raw) {
		v, err := ParsePyJSON(string(raw))
		if err == nil {
			switch v := v.(type) {
			case *Object:
				t := &StartingToken{Keys: &Object{}}
				for key, val := range v.All() {
					switch key {
					case "boto_encoded_keys":
						// Bytes members: ec2lite's tokens are strings; drop the marker.
					case "boto_truncate_amount":
						n, ok := val.(int64)
						if !ok {
							if b, isBool := val.(bool); isBool {
								n = map[bool]int64{false: 0, true: 1}[b]
							} else {
								return nil, &pyCrashError{"slice indices must be integers or None or have an __index__ method"}
							}
						}
						t.Index = n
					default:
						t.Keys.Set(key, val)
					}
				}
				return t, nil
			case []any:
				// list.pop('boto_encoded_keys', None) raises TypeError: fall back.
			default:
				return nil, &pyCrashError{"'" + PyTypeName(v) + "' object has no attribute 'pop'"}
			}
		}
	}
	return decodeDeprecatedToken(s)
}

// decodeDeprecatedToken handles what is not a base64 JSON token: a raw
// server token, or the old "TOKEN___INDEX".
func decodeDeprecatedToken(s string) (*StartingToken, error) {
	parts := strings.Split(s, "___")
	var index int64
	if len(parts) == 2 {
		if n, ok := PyInt(parts[1]); ok {
			index = n
			parts = parts[:1]
		} else {
			parts = []string{s}
		}
	}
	if len(parts) > 1 {
		return nil, &badStartingTokenError{s}
	}
	t := &StartingToken{Keys: &Object{}, Index: index}
	if parts[0] == "None" {
		t.Keys.Set("NextToken", nil)
	} else {
		t.Keys.Set("NextToken", parts[0])
	}
	return t, nil
}

// EncodeResumeToken is TokenEncoder.encode of {"NextToken": tok, ...}:
// json.dumps (", " and ": " separators, ASCII only) and base64.
func EncodeResumeToken(keys *Object, truncate int64, hasTruncate bool) string {
	if !hasTruncate {
		return encodeResumeToken(keys, "")
	}
	return encodeResumeToken(keys, strconv.FormatInt(truncate, 10))
}

// encodeResumeToken is EncodeResumeToken with boto_truncate_amount as
// decimal text (a Python int of any size), or without it when truncate is
// "".
func encodeResumeToken(keys *Object, truncate string) string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for key, val := range keys.All() {
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.Write(jmespath.AppendPyJSONString(nil, key))
		b.WriteString(": ")
		switch v := val.(type) {
		case nil:
			b.WriteString("null")
		case string:
			b.Write(jmespath.AppendPyJSONString(nil, v))
		default:
			b.WriteString(PyStr(v))
		}
	}
	if truncate != "" {
		if keys.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"boto_truncate_amount": `)
		b.WriteString(truncate)
	}
	b.WriteByte('}')
	return base64.StdEncoding.EncodeToString([]byte(b.String()))
}

// tokenRepeatError is the PaginationError msg {'NextToken': repr(tok)}.
func tokenRepeatError(msg, tok string) *PaginationError {
	var b strings.Builder
	b.WriteString(msg)
	b.WriteString("{'NextToken': ")
	PyReprString(&b, tok)
	b.WriteString("}")
	return &PaginationError{Msg: b.String(), Exit: 255}
}

// Page is one response as the paginator hands it on: the items of its
// result key, possibly cut, and whether the response had that element.
type Page struct {
	Out *Object // the whole response
	// Items are the page's items after --starting-token and --max-items cuts.
	Items []any
	// Has reports the result key's element (present, possibly empty).
	Has bool
}

// Paginator runs PageIterator's loop over the pages of one operation.
type Paginator struct {
	// Call makes one call with the input (NextToken and MaxResults already
	// set from --starting-token and --page-size), its NextToken replaced by
	// *token when token is not nil, and returns the response's tree.
	Call      func(ctx context.Context, token *string) (*Object, error)
	ResultKey string         // the paged list: "Connections", "ClientVpnEndpoints"
	MaxItems  *int64         // --max-items; nil: all
	Start     *StartingToken // --starting-token; nil: none
}

// Run fetches the pages, handing each to onPage, and returns the resume
// token ("" when none).
func (p *Paginator) Run(ctx context.Context, onPage func(Page) error) (string, error) {
	var token *string // nil: the input's own
	// next holds the input token of the current request, as botocore's
	// next_token dict: {"NextToken": value-or-None}.
	next := &Object{}
	next.Set("NextToken", nil)
	if p.Start != nil {
		next = p.Start.Keys
	}
	var total int64
	first := true
	var prev *string
	seen := map[string]bool{} // every server token received: a cycle repeats one
	for {
		out, err := p.Call(ctx, token)
		if err != nil {
			return "", err
		}
		pg := Page{Out: out}
		if v, ok := out.Get(p.ResultKey); ok {
			pg.Items, _ = v.([]any)
			pg.Has = true
		}
		var startCut int64
		if first {
			if p.Start != nil {
				startCut = p.Start.Index
				pg.Items = pySliceFrom(pg.Items, startCut)
			}
			first = false
		}
		n := int64(len(pg.Items))
		if p.MaxItems != nil && total+n > *p.MaxItems {
			// botocore's _truncate_response: keep = n - (total + n - max),
			// sliced as Python's l[:keep]; a negative --max-items keeps all
			// but the last -max items of the first page. Written without the
			// subtraction that would overflow for a very negative max.
			keep := *p.MaxItems - total
			pg.Items = pySliceTo(pg.Items, keep)
			pg.Has = true // botocore sets the cut list, even an empty one
			// boto_truncate_amount is keep + the starting token's cut, a
			// Python int: never wrapped around.
			amount := new(big.Int).Add(big.NewInt(keep), big.NewInt(startCut))
			resume := encodeResumeToken(next, amount.String())
			return resume, onPage(pg)
		}
		if err := onPage(pg); err != nil {
			return "", err
		}
		total += n
		v, _ := out.Get("NextToken")
		tok, _ := v.(string)
		if tok == "" {
			return "", nil
		}
		next = &Object{}
		next.Set("NextToken", tok)
		if p.MaxItems != nil && total == *p.MaxItems {
			return EncodeResumeToken(next, 0, false), nil
		}
		if prev != nil && *prev == tok {
			return "", tokenRepeatError("The same next token was received twice: ", tok)
		}
		if seen[tok] {
			return "", tokenRepeatError("The next token was received before, the pages repeat: ", tok)
		}
		seen[tok] = true
		token = &tok
		prev = &tok
	}
}
