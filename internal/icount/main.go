// Command icount counts the instructions one operation of each codec
// benchmark of generated/openai executes, and the instruction-cache misses
// it takes, under valgrind's cachegrind. It is `make icount`.
//
// On shared machines whose speed drifts by tens of percent, two versions of
// a codec a few percent apart cannot be told apart by time; instruction
// counts are the same from run to run. They are not a speed claim: time is
// what `make bench` and `make peerbench` measure. Each benchmark runs with
// -benchtime 1x and (n+1)x with the collector off; the difference, over n,
// is one operation without the test binary's start-up.
//
// The misses are cachegrind's simulation of a 32 KB, 8-way first-level
// instruction cache with 64-byte lines, what these machines' cores have.
// Decoding a large response runs through more code than that (about 33 KB
// for the recorded run), so code size costs time as instructions do: a
// change that saves instructions by writing more code at every member can
// come out slower.
//
//	go run ./internal/icount [-n 20000] [-bench 'Run|Request']
//
// It needs valgrind (Debian: apt install valgrind).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	n := flag.Int("n", 20000, "operations counted per benchmark")
	filter := flag.String("bench", "^(RunDecode|RunScan|RunEncode|RequestDecode|RequestEncode)$", "benchmarks to count, by name without Benchmark")
	dir := flag.String("dir", "generated/openai", "the package whose benchmarks to count")
	flag.Parse()
	if err := run(*dir, *filter, *n, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "icount:", err)
		os.Exit(1)
	}
}

func run(dir, filter string, n int, out io.Writer) error {
	if n < 1 {
		return fmt.Errorf("-n must be at least 1")
	}
	match, err := regexp.Compile(filter)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "icount")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "pkg.test")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Dir, build.Stderr = dir, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the test binary: %w", err)
	}
	list := exec.Command(bin, "-test.list", "^Benchmark")
	list.Dir = dir
	names, err := list.Output()
	if err != nil {
		return fmt.Errorf("listing benchmarks: %w", err)
	}
	fmt.Fprintf(out, "per operation (cachegrind, %d operations, GOGC=off; I1 32 KB 8-way)\n\n| benchmark | instructions | I1 misses |\n|---|--:|--:|\n", n)
	for _, name := range strings.Fields(string(names)) {
		if !match.MatchString(strings.TrimPrefix(name, "Benchmark")) {
			continue
		}
		one, err := instructions(dir, bin, name, 1)
		if err != nil {
			return err
		}
		many, err := instructions(dir, bin, name, n+1)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "| %s | %d | %d |\n", strings.TrimPrefix(name, "Benchmark"), (many.refs-one.refs)/int64(n), (many.misses-one.misses)/int64(n))
	}
	return nil
}

// refs and misses are cachegrind's summary lines of instructions executed
// and first-level instruction-cache misses.
var (
	refs   = regexp.MustCompile(`I\s+refs:\s+([\d,]+)`)
	misses = regexp.MustCompile(`I1\s+misses:\s+([\d,]+)`)
)

// counts are one process's totals.
type counts struct{ refs, misses int64 }

// instructions runs benchmark name for times iterations under cachegrind
// and returns what the whole process executed and missed.
func instructions(dir, bin, name string, times int) (counts, error) {
	cmd := exec.Command("valgrind", "--tool=cachegrind", "--cache-sim=yes", "--I1=32768,8,64", "--cachegrind-out-file=/dev/null",
		bin, "-test.run", "^$", "-test.bench", "^"+name+"$", "-test.benchtime", strconv.Itoa(times)+"x")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOGC=off", "GOMAXPROCS=1")
	report, err := cmd.CombinedOutput()
	if err != nil {
		return counts{}, fmt.Errorf("%s under valgrind: %w\n%s", name, err, report)
	}
	c, err := parseReport(report)
	if err != nil {
		return counts{}, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// parseReport reads the instruction and miss counts out of cachegrind's
// report.
func parseReport(report []byte) (counts, error) {
	var c counts
	for _, f := range []struct {
		re   *regexp.Regexp
		into *int64
		what string
	}{{refs, &c.refs, "instruction count"}, {misses, &c.misses, "I1 miss count"}} {
		m := f.re.FindSubmatch(report)
		if m == nil {
			return counts{}, fmt.Errorf("no %s in valgrind's report:\n%s", f.what, report)
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(string(m[1]), ",", ""), 10, 64)
		if err != nil {
			return counts{}, err
		}
		*f.into = n
	}
	return c, nil
}
