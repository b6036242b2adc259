package output

import (
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteTableGolden(t *testing.T) {
	runGolden(t, ".table", func(w io.Writer, c goldenCase, v any) error {
		width := 80
		if c.Tty != 0 {
			width = c.Tty
		}
		color := ColorOff
		if slices.Contains(c.Args, "on") {
			color = ColorOn
			if c.Tty != 0 {
				color = ColorTerminal
			}
		}
		return WriteTableColor(w, "DescribeClientVpnConnections", v, width, color)
	})
}

func TestTextLength(t *testing.T) {
	// Values from awscli.table.get_text_length (Python 3.11, Unicode 14.0).
	tests := []struct {
		s    string
		want int
	}{
		{"a", 1}, {"é", 2}, {"李", 2}, {"ｶ", 1}, {"Ａ", 2}, {"🚀", 2}, {"\u0301", 2},
		{"\u0378", 2}, {"Ω", 2}, {"К", 2}, {"أ", 1}, {"👩\u200d💻", 5}, {"", 0},
		{"\xff", 1},
	}
	for _, tt := range tests {
		if got := textLength(tt.s); got != tt.want {
			t.Errorf("textLength(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	// Expected bytes from awscli.formatter.TableFormatter (--color off).
	tests := []struct {
		name    string
		v       any
		width   int
		want    string
		wantErr string
		reason  string
	}{
		{name: "falsy", v: "", width: 80, reason: "Python's `if not current`: nothing at all"},
		{name: "zero", v: int64(0), width: 80},
		{name: "scalar", v: "x", width: 80, want: "---\n|T|\n+-+\n", reason: "a scalar prints only the title"},
		{name: "one key", v: obj("k", "v"), width: 80, want: "------------\n|     T    |\n+----+-----+\n|  k |  v  |\n+----+-----+\n",
			reason: "a single scalar member prints as key | value"},
		{name: "ragged", v: []any{[]any{"a", "b"}, []any{"c"}}, width: 80, wantErr: "Row should have 2 elements, instead it has 1"},
		{name: "width 1", v: obj("a", "1", "b", "2"), width: 1,
			want:   "------------\n|     T    |\n+----+-----+\n|  a |  1  |\n|  b |  2  |\n+----+-----+\n",
			reason: "too wide for the terminal: the one-row section turns into key/value rows"},
		{name: "width 0", v: obj("a", "1", "b", "2"), width: 0,
			want: "------------\n|     T    |\n+----+-----+\n|  a |  1  |\n|  b |  2  |\n+----+-----+\n"},
		{name: "wide enough", v: obj("a", "1", "b", "2"), width: 80,
			want: "------------\n|     T    |\n+----+-----+\n|  a |  b  |\n+----+-----+\n|  1 |  2  |\n+----+-----+\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := WriteTable(&b, "T", tt.v, tt.width)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Errorf("err = %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// FuzzWriteTable checks that writeTable and writeText never panic, for any
// JSON value and any width (also 0 and negative), that a failing writeTable
// writes nothing, and that a table ends in a newline.
func FuzzWriteTable(f *testing.F) {
	f.Add(`{"Connections": [{"a": "李雷", "b": [1, 2], "c": {"d": null}}, {"a": "x"}]}`, 80)
	f.Add(`[["a", "b"], ["c"]]`, 1)
	f.Add(`[{"": ""}, "", [], {"a": [[]]}]`, 0)
	f.Add(`{"k": "🚀\u0378\u0301"}`, -5)
	f.Fuzz(func(t *testing.T, in string, width int) {
		v, err := decodeTree([]byte(in))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteTable(&b, "DescribeClientVpnConnections", v, width); err != nil {
			if b.Len() != 0 {
				t.Fatalf("wrote %q and failed with %v", b.String(), err)
			}
		} else if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
			t.Fatalf("table does not end in a newline: %q", b.String())
		}
		b.Reset()
		WriteText(&b, v)
		WriteTableColor(&b, "", v, width, ColorTerminal)
	})
}
