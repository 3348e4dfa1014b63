// Command icount counts the instructions one operation of each codec
// benchmark of generated/openai executes, under valgrind's cachegrind. It is
// `make icount`.
//
// On shared machines whose speed drifts by tens of percent, two versions of
// a codec a few percent apart cannot be told apart by time; instruction
// counts are the same from run to run. They are not a speed claim: time is
// what `make bench` and `make peerbench` measure. Each benchmark runs with
// -benchtime 1x and (n+1)x with the collector off; the difference, over n,
// is one operation without the test binary's start-up.
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
	fmt.Fprintf(out, "instructions per operation (cachegrind, %d operations, GOGC=off)\n\n| benchmark | instructions |\n|---|--:|\n", n)
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
		fmt.Fprintf(out, "| %s | %d |\n", strings.TrimPrefix(name, "Benchmark"), (many-one)/int64(n))
	}
	return nil
}

// refs is cachegrind's summary line of instructions executed.
var refs = regexp.MustCompile(`I\s+refs:\s+([\d,]+)`)

// instructions runs benchmark name for times iterations under cachegrind
// and returns the instructions the whole process executed.
func instructions(dir, bin, name string, times int) (int64, error) {
	cmd := exec.Command("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
		bin, "-test.run", "^$", "-test.bench", "^"+name+"$", "-test.benchtime", strconv.Itoa(times)+"x")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOGC=off", "GOMAXPROCS=1")
	report, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s under valgrind: %w\n%s", name, err, report)
	}
	count, err := parseRefs(report)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return count, nil
}

// parseRefs reads the instruction count out of cachegrind's report.
func parseRefs(report []byte) (int64, error) {
	m := refs.FindSubmatch(report)
	if m == nil {
		return 0, fmt.Errorf("no instruction count in valgrind's report:\n%s", report)
	}
	return strconv.ParseInt(strings.ReplaceAll(string(m[1]), ",", ""), 10, 64)
}
