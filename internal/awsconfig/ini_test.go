package awsconfig

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// golden is what testdata/credentials/ini/botocore_golden.py records for each file.
type golden struct {
	Error       string                    `json:"error"`
	Sections    map[string]map[string]any `json:"sections"`
	Profiles    []string                  `json:"profiles"`
	Services    []string                  `json:"services"`
	SSOSessions []string                  `json:"sso_sessions"`
}

// TestParseMatchesBotocore parses every INI file in testdata/credentials/ini and compares the
// result with botocore's own parse of the same file (recorded by botocore_golden.py).
func TestParseMatchesBotocore(t *testing.T) {
	compareDir(t, filepath.Join("..", "..", "testdata", "credentials", "ini"))
}

// compareDir compares Parse with botocore on every NAME.ini of dir that has a NAME.botocore.json.
func compareDir(t *testing.T, dir string) {
	files, err := filepath.Glob(filepath.Join(dir, "*.ini"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no INI fixtures: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".ini")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(strings.TrimSuffix(path, ".ini") + ".botocore.json")
			if err != nil {
				t.Fatal(err)
			}
			var want golden
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			f, err := Parse(data)
			if want.Error != "" {
				if err == nil {
					t.Fatalf("Parse succeeded; botocore fails with %s", want.Error)
				}
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("error %v is not a *SyntaxError", err)
				}
				if strings.Contains(err.Error(), "wJalr") || strings.Contains(err.Error(), "delimiter") {
					t.Errorf("error %q quotes the file's text", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v; botocore parses the file", err)
			}
			got := golden{Sections: map[string]map[string]any{}, Profiles: []string{}, Services: []string{}, SSOSessions: []string{}}
			for _, s := range f.Sections {
				m := map[string]any{}
				for k, v := range s.Values {
					if v.Sub != nil {
						sub := map[string]any{}
						for sk, sv := range v.Sub {
							sub[sk] = sv
						}
						m[k] = sub
					} else {
						m[k] = v.Text
					}
				}
				got.Sections[s.Name] = m
				if kind, pname, ok := classify(s.Name); ok {
					switch kind {
					case "profile":
						got.Profiles = append(got.Profiles, pname)
					case "services":
						got.Services = append(got.Services, pname)
					case "sso-session":
						got.SSOSessions = append(got.SSOSessions, pname)
					}
				}
			}
			sort.Strings(got.Profiles)
			sort.Strings(got.Services)
			sort.Strings(got.SSOSessions)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse differs from botocore (-botocore +ours):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		reason   string
	}{
		{"no section", "region = x\n", 1, "an option before any header"},
		{"no delimiter", "[default]\n\naws_secret_access_key SECRETVALUE\n", 3, "a key without '=' must not be echoed"},
		{"duplicate section", "[a]\n[b]\n[a]\n", 3, "strict configparser"},
		{"duplicate key", "[a]\nk = 1\nK = 2\n", 3, "keys are case-insensitive"},
		{"nested without =", "[a]\ns3 =\n  SECRETVALUE\n", 2, "the option's line"},
		{"invalid utf-8", "[a]\nk = 1\nv = \xff\n", 3, "configparser reads UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse error = %v, want *SyntaxError (%s)", err, tt.reason)
			}
			if se.Line != tt.line {
				t.Errorf("line = %d, want %d (%s)", se.Line, tt.line, tt.reason)
			}
			if strings.Contains(err.Error(), "SECRETVALUE") {
				t.Errorf("error %q quotes the file", err)
			}
		})
	}
}

func TestSplitCommand(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{in: `profile "my name"`, want: []string{"profile", "my name"}},
		{in: `a  b	c`, want: []string{"a", "b", "c"}},
		{in: `'it''s'`, want: []string{"its"}},
		{in: `"a\"b\\c\d"`, want: []string{`a"b\c\d`}},
		{in: `a\ b ''`, want: []string{"a b", ""}},
		{in: `/bin/echo '{"Version": 1}'`, want: []string{"/bin/echo", `{"Version": 1}`}},
		{in: `"unclosed`, err: true},
		{in: `trailing\`, err: true},
		{in: ``, want: nil},
	}
	for _, tt := range tests {
		got, err := SplitCommand(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("SplitCommand(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("SplitCommand(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "credentials", "ini", "*.ini"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range file.Sections {
			if seen[s.Name] {
				t.Fatalf("section %q twice", s.Name)
			}
			seen[s.Name] = true
			for k, v := range s.Values {
				if k != strings.ToLower(k) {
					t.Fatalf("key %q not lower-case", k)
				}
				if v.Sub == nil && strings.HasPrefix(v.Text, "\n") {
					t.Fatalf("nested value %q not parsed", v.Text)
				}
			}
		}
	})
}

// TestParseMatchesBotocoreDir runs the differential comparison on a directory of random files
// made by testdata/credentials/ini/differential.py (skipped unless INI_BOTOCORE_DIR is set):
//
//	python3 testdata/credentials/ini/differential.py /tmp/inidiff
//	INI_BOTOCORE_DIR=/tmp/inidiff go test -run BotocoreDir ./internal/awsconfig
func TestParseMatchesBotocoreDir(t *testing.T) {
	dir := os.Getenv("INI_BOTOCORE_DIR")
	if dir == "" {
		t.Skip("INI_BOTOCORE_DIR not set")
	}
	compareDir(t, dir)
}
