package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var pydiffCount = flag.Int("pydiff", 400, "random trees to compare with the AWS CLI's formatter code")

// TestFormatMatchesAWSCLICode compares the three writers with the AWS CLI's
// own formatter code (awscli.formatter, awscli.text) on random trees made by
// testdata/cli/output/pydiff.py: odd shapes that no response has (lists of
// lists, lists mixing objects and scalars, numbers, empty keys) and widths
// from 1 to 300. It is skipped when python3 with awscli is not installed.
// Run more with -pydiff=20000.
func TestFormatMatchesAWSCLICode(t *testing.T) {
	if err := exec.Command("python3", "-c", "import awscli.formatter").Run(); err != nil {
		t.Skipf("skipped: python3 with the AWS CLI (awscli) is not available: %v", err)
	}
	out, err := exec.Command("python3", filepath.Join(goldenDir, "pydiff.py"), "1",
		fmt.Sprint(*pydiffCount)).Output()
	if err != nil {
		t.Fatalf("pydiff.py: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	fails := 0
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Input    string `json:"input"`
			Width    int    `json:"width"`
			JSON     string `json:"json"`
			Text     string `json:"text"`
			TextErr  string `json:"text_err"`
			Table    string `json:"table"`
			TableErr string `json:"table_err"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		v, err := decodeTree([]byte(rec.Input))
		if err != nil {
			t.Fatalf("case %d: %v", line, err)
		}
		check := func(kind, want, wantErr string, write func(*bytes.Buffer) error) {
			var b bytes.Buffer
			gotErr := ""
			if err := write(&b); err != nil {
				gotErr = err.Error()
			}
			if want == b.String() && wantErr == gotErr {
				return
			}
			if fails++; fails <= 5 {
				t.Errorf("case %d %s (width %d) of %s:\nerror: aws %q, ec2lite %q\n(-aws +ec2lite):\n%s",
					line, kind, rec.Width, rec.Input, wantErr, gotErr, cmp.Diff(want, b.String()))
			}
		}
		check("json", rec.JSON, "", func(b *bytes.Buffer) error { return WriteJSON(b, v) })
		check("text", rec.Text, rec.TextErr, func(b *bytes.Buffer) error { return WriteText(b, v) })
		check("table", rec.Table, rec.TableErr, func(b *bytes.Buffer) error { return WriteTable(b, "Title", v, rec.Width) })
	}
	if fails > 0 {
		t.Errorf("%d mismatches", fails)
	}
}
