// Package cachegrind counts what one operation of a Go benchmark executes
// under valgrind's cachegrind: its instructions, and its misses in a
// simulated 32 KB, 8-way first-level instruction cache with 64-byte lines
// (what these machines' cores have). It serves `make icount` (oagen's own
// codecs) and `make peerbench` (oagen beside ogen, in the peer kit's test
// binary).
//
// On shared machines whose speed drifts by tens of percent, counts are the
// same from run to run where time is not; they are not a speed claim (time
// is what `make bench` and `make peerbench` measure), but they tell two
// versions of a codec, or two peers, apart on any day. It needs valgrind
// (Debian: apt install valgrind).
package cachegrind

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// Counts are what a process, or one operation, executed and missed.
type Counts struct{ Instructions, Misses int64 }

// PerOp counts one operation of the benchmark that pattern (a -test.bench
// pattern, sub-benchmarks separated by slashes) selects in test binary bin,
// run in dir: it runs the benchmark with -benchtime 1x and (n+1)x, collector
// off, and returns the difference over n, which leaves out the binary's
// start-up and anything done once. The pattern should select one benchmark.
func PerOp(dir, bin, pattern string, n int) (Counts, error) {
	if n < 1 {
		return Counts{}, fmt.Errorf("operations counted must be at least 1, not %d", n)
	}
	one, err := process(dir, bin, pattern, 1)
	if err != nil {
		return Counts{}, err
	}
	many, err := process(dir, bin, pattern, n+1)
	if err != nil {
		return Counts{}, err
	}
	return Counts{(many.Instructions - one.Instructions) / int64(n), (many.Misses - one.Misses) / int64(n)}, nil
}

// process runs the benchmarks pattern selects for times iterations under
// cachegrind and returns what the whole process executed and missed.
func process(dir, bin, pattern string, times int) (Counts, error) {
	cmd := exec.Command("valgrind", "--tool=cachegrind", "--cache-sim=yes", "--I1=32768,8,64", "--cachegrind-out-file=/dev/null",
		bin, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", strconv.Itoa(times)+"x")
	cmd.Dir = dir
	// One P, so that the runtime starts no other worker whose work would
	// land in the count; no collector, whose cycles would not scale with
	// the operations.
	cmd.Env = append(os.Environ(), "GOGC=off", "GOMAXPROCS=1")
	report, err := cmd.CombinedOutput()
	if err != nil {
		return Counts{}, fmt.Errorf("%s under valgrind: %w\n%s", pattern, err, report)
	}
	c, err := parseReport(report)
	if err != nil {
		return Counts{}, fmt.Errorf("%s: %w", pattern, err)
	}
	return c, nil
}

// refs and misses are cachegrind's summary lines of instructions executed
// and first-level instruction-cache misses.
var (
	refs   = regexp.MustCompile(`I\s+refs:\s+([\d,]+)`)
	misses = regexp.MustCompile(`I1\s+misses:\s+([\d,]+)`)
)

// parseReport reads the instruction and miss counts out of cachegrind's
// report.
func parseReport(report []byte) (Counts, error) {
	var c Counts
	for _, f := range []struct {
		re   *regexp.Regexp
		into *int64
		what string
	}{{refs, &c.Instructions, "instruction count"}, {misses, &c.Misses, "I1 miss count"}} {
		m := f.re.FindSubmatch(report)
		if m == nil {
			return Counts{}, fmt.Errorf("no %s in valgrind's report:\n%s", f.what, report)
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(string(m[1]), ",", ""), 10, 64)
		if err != nil {
			return Counts{}, err
		}
		*f.into = n
	}
	return c, nil
}
