// Command compare runs ec2lite's benchmarks and the AWS SDK for Go v2's on the
// same inputs, interleaved in one run, and prints a table of medians and
// ratios, benchstat's statistics where benchstat can be fetched, and the size
// and build time of a minimal program for each side.
//
// Run it from the benchmarks folder:
//
//	go run ./cmd/compare                 # 6 interleaved rounds
//	go run ./cmd/compare -count 10 -cold # more rounds, and cold build times
//
// The project's side is every package of the parent module that defines
// BenchmarkSign, BenchmarkDescribe or BenchmarkPaginateAll (sigv4 and
// clientvpn); the SDK's side is this module's package. Each round runs one
// side then the other, alternating which goes first, so that drift on a
// shared machine hits both alike.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	projectBench = `^Benchmark(Sign|Describe|PaginateAll)$`
	sdkBench     = `^Benchmark(Sign|SignSmithy|Describe|PaginateAll)$`
	benchstat    = "golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da"
)

// target is a performance goal: ec2lite's median over the SDK's median for
// one unit must not exceed ratio (or, with absolute set, ec2lite's median
// must not exceed it).
type target struct {
	bench, unit string
	ratio       float64
	absolute    bool
}

var targets = []target{
	{"Sign", "ns/op", 0.33, false},
	{"Sign", "allocs/op", 5, true},
	{"Describe/connections=1", "ns/op", 0.20, false},
	{"Describe/connections=1000", "ns/op", 0.10, false},
	{"Describe/connections=1000", "B/op", 0.25, false},
	{"PaginateAll", "ns/op", 0.10, false},
}

func main() {
	count := flag.Int("count", 6, "interleaved rounds")
	benchtime := flag.String("benchtime", "1s", "-benchtime for each benchmark in each round")
	cold := flag.Bool("cold", false, "also measure cold build times (empty GOCACHE, three builds each)")
	raw := flag.String("raw", "", "if set, copy the raw benchmark outputs into this folder")
	flag.Parse()
	if err := run(*count, *benchtime, *cold, *raw); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

type binary struct{ path, dir string }

func run(count int, benchtime string, cold bool, rawDir string) error {
	here, err := os.Getwd()
	if err != nil {
		return err
	}
	root := filepath.Dir(here)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return fmt.Errorf("run me from the benchmarks folder of ec2lite: %w", err)
	}
	tmp, err := os.MkdirTemp("", "ec2lite-compare")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	fmt.Printf("== ec2lite vs aws-sdk-go-v2: %s, %d rounds, -benchtime %s\n", goVersion(), count, benchtime)
	sdk := binary{filepath.Join(tmp, "sdk.test"), here}
	if err := command(here, nil, "go", "test", "-c", "-o", sdk.path, ".").Run(); err != nil {
		return fmt.Errorf("building the SDK benchmarks: %w", err)
	}
	var project []binary
	for _, pkg := range []string{"sigv4", "clientvpn"} {
		b := binary{filepath.Join(tmp, pkg+".test"), filepath.Join(root, pkg)}
		if err := command(root, nil, "go", "test", "-c", "-o", b.path, "./"+pkg).Run(); err != nil {
			return fmt.Errorf("building ./%s benchmarks: %w", pkg, err)
		}
		project = append(project, b)
	}

	var projectOut, sdkOut bytes.Buffer
	for r := 1; r <= count; r++ {
		fmt.Fprintf(os.Stderr, "round %d/%d\n", r, count)
		sides := []func() error{
			func() error { return runBench(&projectOut, projectBench, benchtime, project...) },
			func() error { return runBench(&sdkOut, sdkBench, benchtime, sdk) },
		}
		if r%2 == 0 {
			sides[0], sides[1] = sides[1], sides[0]
		}
		for _, side := range sides {
			if err := side(); err != nil {
				return err
			}
		}
	}
	if rawDir != "" {
		if err := os.MkdirAll(rawDir, 0o755); err != nil {
			return err
		}
		os.WriteFile(filepath.Join(rawDir, "ec2lite.txt"), projectOut.Bytes(), 0o644)
		os.WriteFile(filepath.Join(rawDir, "sdk.txt"), sdkOut.Bytes(), 0o644)
	}

	ours, theirs := medians(projectOut.Bytes()), medians(sdkOut.Bytes())
	printTable(os.Stdout, ours, theirs)
	printBenchstat(tmp, projectOut.Bytes(), sdkOut.Bytes())
	return printSizes(tmp, here, root, cold)
}

func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "go (unknown version)"
	}
	return strings.TrimSpace(string(out))
}

func command(dir string, env []string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

func runBench(out io.Writer, re, benchtime string, bins ...binary) error {
	for _, b := range bins {
		cmd := command(b.dir, nil, b.path, "-test.run", "^$", "-test.bench", re, "-test.benchmem",
			"-test.count", "1", "-test.benchtime", benchtime)
		var buf bytes.Buffer
		cmd.Stdout = &buf
		if err := cmd.Run(); err != nil {
			os.Stderr.Write(buf.Bytes())
			return fmt.Errorf("%s: %w", filepath.Base(b.path), err)
		}
		out.Write(buf.Bytes())
	}
	return nil
}

// medians maps benchmark name (without "Benchmark" and the -N suffix) and
// unit to the median of the values seen.
func medians(raw []byte) map[string]map[string]float64 {
	samples := map[string]map[string][]float64{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if samples[name] == nil {
				samples[name] = map[string][]float64{}
			}
			samples[name][f[i+1]] = append(samples[name][f[i+1]], v)
		}
	}
	med := map[string]map[string]float64{}
	for name, units := range samples {
		med[name] = map[string]float64{}
		for unit, v := range units {
			sort.Float64s(v)
			m := v[len(v)/2]
			if len(v)%2 == 0 {
				m = (v[len(v)/2-1] + v[len(v)/2]) / 2
			}
			med[name][unit] = m
		}
	}
	return med
}

func printTable(w io.Writer, ours, theirs map[string]map[string]float64) {
	fmt.Fprintf(w, "\n%-28s %-10s %14s %14s %12s  %s\n", "benchmark (median)", "unit", "ec2lite", "aws-sdk-go-v2", "ec2lite/SDK", "target")
	rows := []struct{ label, ours, theirs string }{
		{"Sign", "Sign", "Sign"},
		{"Describe/connections=1", "Describe/connections=1", "Describe/connections=1"},
		{"Describe/connections=1000", "Describe/connections=1000", "Describe/connections=1000"},
		{"PaginateAll", "PaginateAll", "PaginateAll"},
		{"Sign vs smithy aws-http-auth", "Sign", "SignSmithy"},
	}
	for _, row := range rows {
		for i, unit := range []string{"ns/op", "B/op", "allocs/op"} {
			o, haveO := ours[row.ours][unit]
			t, haveT := theirs[row.theirs][unit]
			if !haveO && !haveT {
				continue
			}
			label := ""
			if i == 0 {
				label = row.label
			}
			ratio := "-"
			if haveO && haveT && t > 0 {
				ratio = fmt.Sprintf("%.3gx", o/t)
			}
			goal := ""
			if row.ours == row.theirs {
				goal = verdict(row.ours, unit, o, t, haveO, haveT)
			}
			fmt.Fprintf(w, "%-28s %-10s %14s %14s %12s  %s\n", label, unit, number(o, haveO), number(t, haveT), ratio, goal)
		}
	}
}

func verdict(bench, unit string, ours, theirs float64, haveOurs, haveTheirs bool) string {
	for _, t := range targets {
		if t.bench != bench || t.unit != unit {
			continue
		}
		switch {
		case !haveOurs:
			return "missing"
		case t.absolute && ours <= t.ratio:
			return fmt.Sprintf("<= %g: met", t.ratio)
		case t.absolute:
			return fmt.Sprintf("<= %g: MISSED", t.ratio)
		case !haveTheirs || theirs == 0:
			return "no SDK figure"
		case ours/theirs <= t.ratio:
			return fmt.Sprintf("<= %gx: met", t.ratio)
		default:
			return fmt.Sprintf("<= %gx: MISSED", t.ratio)
		}
	}
	return ""
}

func number(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// printBenchstat prints benchstat's comparison when benchstat can be run; the
// median table stands without it.
func printBenchstat(tmp string, ours, theirs []byte) {
	var common bytes.Buffer
	for _, line := range bytes.SplitAfter(theirs, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte("BenchmarkSignSmithy")) {
			common.Write(line)
		}
	}
	a, b := filepath.Join(tmp, "aws-sdk-go-v2"), filepath.Join(tmp, "ec2lite")
	os.WriteFile(a, common.Bytes(), 0o644)
	os.WriteFile(b, ours, 0o644)
	fmt.Println("\n== benchstat (base = aws-sdk-go-v2)")
	cmd := exec.Command("go", "run", benchstat, "-ignore", "pkg", "aws-sdk-go-v2", "ec2lite")
	cmd.Dir = tmp
	cmd.Stdout = os.Stdout
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	if err := cmd.Run(); err != nil {
		lines := strings.Split(strings.TrimSpace(errBuf.String()), "\n")
		fmt.Printf("(benchstat unavailable: %s; the median table above stands)\n", lines[len(lines)-1])
	}
}

// printSizes builds each minimal program and the CLI stripped, and with cold
// set also times three builds of each with an empty GOCACHE.
func printSizes(tmp, here, root string, cold bool) error {
	type program struct{ name, dir, pkg string }
	programs := []program{
		{"bare (net/http + JSON)", here, "./size/bare"},
		{"ec2lite (one call)", here, "./size/ec2lite"},
		{"aws-sdk-go-v2 (one call)", here, "./size/sdk"},
		{"ec2lite CLI", root, "./cmd/ec2lite"},
	}
	fmt.Println("\n== stripped binaries (go build -trimpath -ldflags=\"-s -w\")")
	fmt.Printf("%-26s %12s %12s", "program", "bytes", "vs bare")
	if cold {
		fmt.Printf(" %22s", "cold build s (3 runs)")
	}
	fmt.Println()
	var bare int64
	for i, p := range programs {
		out := filepath.Join(tmp, fmt.Sprintf("size-%d", i))
		if err := command(p.dir, nil, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, p.pkg).Run(); err != nil {
			return fmt.Errorf("building %s: %w", p.pkg, err)
		}
		st, err := os.Stat(out)
		if err != nil {
			return err
		}
		if i == 0 {
			bare = st.Size()
		}
		fmt.Printf("%-26s %12d %+12d", p.name, st.Size(), st.Size()-bare)
		if cold {
			var runs []string
			for k := 0; k < 3; k++ {
				cache := filepath.Join(tmp, fmt.Sprintf("gocache-%d-%d", i, k))
				start := time.Now()
				if err := command(p.dir, []string{"GOCACHE=" + cache}, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, p.pkg).Run(); err != nil {
					return fmt.Errorf("cold build of %s: %w", p.pkg, err)
				}
				runs = append(runs, fmt.Sprintf("%.1f", time.Since(start).Seconds()))
				os.RemoveAll(cache)
			}
			fmt.Printf(" %22s", strings.Join(runs, " "))
		}
		fmt.Println()
	}
	return nil
}
