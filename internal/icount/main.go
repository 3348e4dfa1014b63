// Command icount counts the instructions one operation of each codec
// benchmark of generated/openai executes, and the instruction-cache misses
// it takes, under valgrind's cachegrind (see internal/cachegrind). It is
// `make icount`.
//
// On shared machines whose speed drifts by tens of percent, two versions of
// a codec a few percent apart cannot be told apart by time; instruction
// counts are the same from run to run. They are not a speed claim: time is
// what `make bench` and `make peerbench` measure.
//
// Decoding a large response runs through more code than the simulated
// 32 KB instruction cache holds (about 33 KB for the recorded run), so
// code size costs time as instructions do: a change that saves
// instructions by writing more code at every member can come out slower.
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
	"regexp"
	"strings"

	"github.com/oagen/oagen/internal/cachegrind"
	"github.com/oagen/oagen/internal/testbin"
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
	bin, remove, err := testbin.Build(dir)
	if err != nil {
		return err
	}
	defer remove()
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
		c, err := cachegrind.PerOp(dir, bin, "^"+name+"$", n)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "| %s | %d | %d |\n", strings.TrimPrefix(name, "Benchmark"), c.Instructions, c.Misses)
	}
	return nil
}
