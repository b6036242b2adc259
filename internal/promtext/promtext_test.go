package promtext

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		in     []Family
		want   string
	}{
		{
			name:   "empty",
			reason: "no families, no bytes",
			want:   "",
		},
		{
			name:   "no samples",
			reason: "a family without samples is still declared, so that the page's shape does not depend on the data",
			in:     []Family{{Name: "up", Help: "Whether it worked.", Type: Gauge}},
			want:   "# HELP up Whether it worked.\n# TYPE up gauge\n",
		},
		{
			name:   "sorted",
			reason: "families by name, labels by name, samples by label set",
			in: []Family{
				{Name: "b_total", Help: "B.", Type: Counter, Samples: []Sample{
					{Labels: []Label{{"z", "1"}, {"a", "2"}}, Value: 3},
					{Labels: []Label{{"a", "1"}, {"z", "9"}}, Value: 4},
					{Labels: []Label{{"a", "1"}}, Value: 5},
				}},
				{Name: "a", Help: "A.", Type: Untyped, Samples: []Sample{{Value: 1}}},
			},
			want: "# HELP a A.\n# TYPE a untyped\na 1\n" +
				"# HELP b_total B.\n# TYPE b_total counter\n" +
				"b_total{a=\"1\"} 5\nb_total{a=\"1\",z=\"9\"} 4\nb_total{a=\"2\",z=\"1\"} 3\n",
		},
		{
			name:   "escapes",
			reason: "label values escape backslash, double quote and newline; help text backslash and newline only",
			in: []Family{{Name: "m", Help: "say \"hi\"\\\nbye", Type: Gauge, Samples: []Sample{
				{Labels: []Label{{"user", "o'neil&co \"x\"\\y\nz"}}, Value: 1},
			}}},
			want: "# HELP m say \"hi\"\\\\\\nbye\n# TYPE m gauge\nm{user=\"o'neil&co \\\"x\\\"\\\\y\\nz\"} 1\n",
		},
		{
			name:   "utf8",
			reason: "UTF-8 passes through; an invalid byte becomes U+FFFD",
			in: []Family{{Name: "m", Help: "h", Type: Gauge, Samples: []Sample{
				{Labels: []Label{{"user", "yamada.太郎"}}, Value: 1},
				{Labels: []Label{{"user", "bad\xffbyte"}}, Value: 2},
			}}},
			want: "# HELP m h\n# TYPE m gauge\nm{user=\"bad\uFFFDbyte\"} 2\nm{user=\"yamada.太郎\"} 1\n",
		},
		{
			name:   "values",
			reason: "integers below 2^53 in decimal, others shortest round-trip, specials as the format spells them",
			in: []Family{{Name: "v", Help: "h", Type: Gauge, Samples: []Sample{
				{Labels: []Label{{"k", "a"}}, Value: 0},
				{Labels: []Label{{"k", "b"}}, Value: 1e6},
				{Labels: []Label{{"k", "c"}}, Value: 0.25},
				{Labels: []Label{{"k", "d"}}, Value: 18446744073709551615},
				{Labels: []Label{{"k", "e"}}, Value: math.NaN()},
				{Labels: []Label{{"k", "f"}}, Value: math.Inf(1)},
				{Labels: []Label{{"k", "g"}}, Value: math.Inf(-1)},
				{Labels: []Label{{"k", "h"}}, Value: -42},
				{Labels: []Label{{"k", "i"}}, Value: 1 << 53},
				{Labels: []Label{{"k", "j"}}, Value: 1.5e-7},
			}}},
			want: "# HELP v h\n# TYPE v gauge\n" +
				"v{k=\"a\"} 0\nv{k=\"b\"} 1000000\nv{k=\"c\"} 0.25\nv{k=\"d\"} 1.8446744073709552e+19\n" +
				"v{k=\"e\"} NaN\nv{k=\"f\"} +Inf\nv{k=\"g\"} -Inf\nv{k=\"h\"} -42\nv{k=\"i\"} 9.007199254740992e+15\n" +
				"v{k=\"j\"} 1.5e-07\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.in); err != nil {
				t.Fatalf("Write: %v (%s)", err, tt.reason)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("Write (%s) (-want +got):\n%s", tt.reason, diff)
			}
			if _, err := Parse(buf.String()); err != nil {
				t.Errorf("Parse(Write(...)): %v", err)
			}
		})
	}
}

func TestWriteDoesNotModifyInput(t *testing.T) {
	in := []Family{
		{Name: "z", Help: "z", Type: Gauge, Samples: []Sample{{Labels: []Label{{"b", "1"}, {"a", "2"}}, Value: 1}, {Labels: []Label{{"a", "1"}}, Value: 2}}},
		{Name: "a", Help: "a", Type: Gauge},
	}
	before := cloneFamilies(in)
	if _, err := Append(nil, in); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, in, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("input modified (-before +after):\n%s", diff)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      []Family
		wantErr string
	}{
		{"bad metric name", []Family{{Name: "1abc", Type: Gauge}}, `invalid metric name "1abc"`},
		{"empty metric name", []Family{{Name: "", Type: Gauge}}, `invalid metric name ""`},
		{"dash in name", []Family{{Name: "a-b", Type: Gauge}}, `invalid metric name "a-b"`},
		{"duplicate family", []Family{{Name: "a", Type: Gauge}, {Name: "a", Type: Counter}}, "metric family a given twice"},
		{"unknown type", []Family{{Name: "a", Type: "histogram"}}, `unknown type "histogram"`},
		{"reserved label", []Family{{Name: "a", Type: Gauge, Samples: []Sample{{Labels: []Label{{"__name__", "x"}}}}}}, `invalid label name "__name__"`},
		{"colon in label", []Family{{Name: "a", Type: Gauge, Samples: []Sample{{Labels: []Label{{"a:b", "x"}}}}}}, `invalid label name "a:b"`},
		{"repeated label", []Family{{Name: "a", Type: Gauge, Samples: []Sample{{Labels: []Label{{"x", "1"}, {"x", "2"}}}}}}, "label x given twice"},
		{"repeated sample", []Family{{Name: "a", Type: Gauge, Samples: []Sample{
			{Labels: []Label{{"x", "1"}, {"y", "2"}}}, {Labels: []Label{{"y", "2"}, {"x", "1"}}},
		}}}, `two samples with the labels {x="1",y="2"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "promtext: ") {
				t.Fatalf("Write error = %v, want one containing %q", err, tt.wantErr)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %q before failing", buf.String())
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, page, reason string
	}{
		{"no newline", "# HELP a h\n# TYPE a gauge\na 1", "the last line ends with a newline"},
		{"no help", "# TYPE a gauge\na 1\n", "HELP comes first"},
		{"no type", "# HELP a h\na 1\n", "TYPE follows HELP"},
		{"type of other", "# HELP a h\n# TYPE b gauge\n", "TYPE names the family"},
		{"unknown type", "# HELP a h\n# TYPE a summary\n", "only counter, gauge, untyped"},
		{"wrong sample name", "# HELP a h\n# TYPE a gauge\nb 1\n", "samples carry the family name"},
		{"unsorted families", "# HELP b h\n# TYPE b gauge\n# HELP a h\n# TYPE a gauge\n", "families sorted"},
		{"repeated family", "# HELP a h\n# TYPE a gauge\n# HELP a h\n# TYPE a gauge\n", "families unique"},
		{"unsorted labels", "# HELP a h\n# TYPE a gauge\na{z=\"1\",b=\"2\"} 1\n", "labels sorted"},
		{"unsorted samples", "# HELP a h\n# TYPE a gauge\na{x=\"2\"} 1\na{x=\"1\"} 1\n", "samples sorted"},
		{"repeated sample", "# HELP a h\n# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n", "samples unique"},
		{"trailing comma", "# HELP a h\n# TYPE a gauge\na{x=\"1\",} 1\n", "no trailing comma"},
		{"timestamp", "# HELP a h\n# TYPE a gauge\na 1 1700000000000\n", "no timestamps"},
		{"bad escape", "# HELP a h\n# TYPE a gauge\na{x=\"\\t\"} 1\n", "only \\\\ \\\" \\n"},
		{"quote in help", "# HELP a say \\\"x\\\"\n# TYPE a gauge\n", "help text does not escape quotes"},
		{"bad value", "# HELP a h\n# TYPE a gauge\na one\n", "values are floats"},
		{"hex value", "# HELP a h\n# TYPE a gauge\na 0x10\n", "values are decimal"},
		{"blank line", "# HELP a h\n# TYPE a gauge\n\n", "no blank lines"},
		{"reserved label", "# HELP a h\n# TYPE a gauge\na{__x=\"1\"} 1\n", "label names not reserved"},
		{"invalid utf8", "# HELP a h\xff\n# TYPE a gauge\n", "UTF-8 only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f, err := Parse(tt.page); err == nil {
				t.Errorf("Parse(%q) = %+v, want an error (%s)", tt.page, f, tt.reason)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	in := []Family{
		{Name: "conn_bytes_total", Help: "Bytes.\nMore \\ text.", Type: Counter, Samples: []Sample{
			{Labels: []Label{{"user", "a\"b"}, {"dir", "in"}}, Value: 12},
			{Labels: []Label{{"user", "a\"b"}, {"dir", "out"}}, Value: 1e300},
		}},
		{Name: "up", Help: "", Type: Gauge, Samples: []Sample{{Value: 1}}},
	}
	page, err := Append(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(string(page))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, page)
	}
	want := []Family{
		{Name: "conn_bytes_total", Help: "Bytes.\nMore \\ text.", Type: Counter, Samples: []Sample{
			{Labels: []Label{{"dir", "in"}, {"user", "a\"b"}}, Value: 12},
			{Labels: []Label{{"dir", "out"}, {"user", "a\"b"}}, Value: 1e300},
		}},
		{Name: "up", Type: Gauge, Samples: []Sample{{Value: 1}}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Parse(Write(in)) (-want +got):\n%s", diff)
	}
}

func cloneFamilies(in []Family) []Family {
	out := make([]Family, len(in))
	for i, f := range in {
		out[i] = f
		out[i].Samples = make([]Sample, len(f.Samples))
		for j, s := range f.Samples {
			out[i].Samples[j] = Sample{Labels: append([]Label(nil), s.Labels...), Value: s.Value}
		}
	}
	return out
}

// FuzzParse checks that Parse never panics, and that whatever it accepts
// Write renders back to the same page: the format is canonical.
func FuzzParse(f *testing.F) {
	f.Add("# HELP a h\n# TYPE a gauge\na{x=\"1\\n\\\"\\\\\"} 1.5\n")
	f.Add("# HELP a_total h\\\\\n# TYPE a_total counter\na_total 1\na_total{x=\"y\"} NaN\n")
	f.Add("# HELP up x\n# TYPE up untyped\nup +Inf\n")
	f.Fuzz(func(t *testing.T, page string) {
		fams, err := Parse(page)
		if err != nil {
			return
		}
		for _, fam := range fams {
			for _, s := range fam.Samples {
				if math.IsNaN(s.Value) {
					return // NaN != NaN; skip the comparison
				}
			}
		}
		out, err := Append(nil, fams)
		if err != nil {
			t.Fatalf("Write of a parsed page: %v\n%q", err, page)
		}
		again, err := Parse(string(out))
		if err != nil {
			t.Fatalf("Parse(Write(Parse(page))): %v\n%q", err, out)
		}
		if diff := cmp.Diff(fams, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}

// FuzzWrite writes a family built from fuzz input and checks that Parse
// accepts the page and gives the values back.
func FuzzWrite(f *testing.F) {
	f.Add("m", "help\n\\", "user", "o'neil&co\"\n", 1.5)
	f.Add("a:b_c", "", "x", "\xff", math.Copysign(0, -1))
	f.Fuzz(func(t *testing.T, name, help, label, value string, v float64) {
		in := []Family{{Name: name, Help: help, Type: Gauge, Samples: []Sample{{Labels: []Label{{label, value}}, Value: v}}}}
		page, err := Append(nil, in)
		if err != nil {
			return
		}
		fams, err := Parse(string(page))
		if err != nil {
			t.Fatalf("Parse(Write): %v\n%q", err, page)
		}
		got := fams[0].Samples[0]
		if got.Labels[0].Value != string([]rune(value)) || fams[0].Help != string([]rune(help)) {
			t.Fatalf("round trip changed text: %q", page)
		}
		if !(got.Value == v || math.IsNaN(v) && math.IsNaN(got.Value)) {
			t.Fatalf("value %v came back as %v", v, got.Value)
		}
	})
}
