// Command peerpair times two peers of a peerbench module (the one `make
// peerbench` leaves behind) in pairs: each operation of one peer, then the
// same of the other, round after round, and prints their medians, minimums
// and ratios per operation, the median of the pairs' own ratios among them.
// `make peerbench` runs it after the kit.
//
// The peer kit runs each peer's benchmarks back to back, so on a shared
// machine whose speed drifts by tens of percent from minute to minute, the
// peer benchmarked last meets a different machine from the first. Here the
// two runs of a pair are a second or so apart.
//
// With -counted n it also counts, under valgrind's cachegrind (see
// internal/cachegrind), the instructions and instruction-cache misses of one
// operation of each peer, from n operations: figures that are the same on
// a slow day and a fast one, which the timed ratios are not.
//
//	go run ./internal/peerpair -dir OUT/run/bench [-a ogen] [-b oagen-direct] [-rounds 10] [-counted 10000]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"

	"github.com/oagen/oagen/internal/cachegrind"
	"github.com/oagen/oagen/internal/testbin"
)

func main() {
	dir := flag.String("dir", "", "the peerbench module (OUT/run/bench of make peerbench)")
	a := flag.String("a", "ogen", "the peer ratios divide by")
	b := flag.String("b", "oagen-direct", "the peer compared with it")
	rounds := flag.Int("rounds", 10, "rounds; each runs every operation of both peers once")
	benchtime := flag.String("benchtime", "300ms", "go test -benchtime of each run")
	counted := flag.Int("counted", 0, "when above 0, also count instructions under cachegrind over this many operations (needs valgrind)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "peerpair: -dir is required")
		os.Exit(2)
	}
	if *rounds < 1 && *counted < 1 {
		fmt.Fprintln(os.Stderr, "peerpair: nothing to do: -rounds 0 is for -counted alone")
		os.Exit(2)
	}
	if err := measure(*dir, *a, *b, *rounds, *benchtime, *counted, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "peerpair:", err)
		os.Exit(1)
	}
}

// measure builds the kit's test binary once and runs what the flags ask
// of it, writing to out: the timed rounds, then the counts.
func measure(dir, a, b string, rounds int, benchtime string, counted int, out io.Writer) error {
	bin, remove, err := testbin.Build(dir)
	if err != nil {
		return err
	}
	defer remove()
	if rounds > 0 {
		s, err := alternate(rounds, a, b, timed(dir, bin, benchtime))
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%d rounds, each operation of both peers back to back, -benchtime %s: ns/op median (min), and %s ÷ %s\n\n", rounds, benchtime, a, b)
		writeTimes(out, a, b, s)
	}
	if counted > 0 {
		return writeCounts(out, a, b, counted, func(peer, op string) (cachegrind.Counts, error) {
			return cachegrind.PerOp(dir, bin, kitBench(peer, op), counted)
		})
	}
	return nil
}

// kitBench is the -test.bench pattern of one operation of one peer in the
// kit's test binary: BenchmarkPeers/peer/op.
func kitBench(peer, op string) string {
	return "^BenchmarkPeers$/^" + regexp.QuoteMeta(peer) + "$/^" + regexp.QuoteMeta(op) + "$"
}

// kitOps are the operations the peer kit benchmarks for every peer.
func kitOps() []string { return []string{"RunDecode", "RunEncode", "ReqDecode", "ReqEncode"} }

// writeCounts writes the table of what count returns for each operation
// of peers a and b.
func writeCounts(out io.Writer, a, b string, n int, count func(peer, op string) (cachegrind.Counts, error)) error {
	fmt.Fprintf(out, "\ncounted under cachegrind, one operation of %d, collector off (I1: a 32 KB 8-way cache), and %s ÷ %s\n\n", n, a, b)
	fmt.Fprintf(out, "| op | %s instructions (I1 misses) | %s instructions (I1 misses) | ratio of instructions |\n|---|--:|--:|--:|\n", a, b)
	for _, op := range kitOps() {
		x, err := count(a, op)
		if err != nil {
			return err
		}
		y, err := count(b, op)
		if err != nil {
			return err
		}
		// A skipped benchmark runs nothing more for more operations: the
		// difference is start-up noise, a few instructions either way.
		if x.Instructions < 100 || y.Instructions < 100 {
			return fmt.Errorf("%s: next to no instructions counted (%s %d, %s %d): is the benchmark skipped?", op, a, x.Instructions, b, y.Instructions)
		}
		fmt.Fprintf(out, "| %s | %d (%d) | %d (%d) | %.2f× |\n", op, x.Instructions, x.Misses, y.Instructions, y.Misses,
			float64(x.Instructions)/float64(y.Instructions))
	}
	return nil
}

// samples holds ns/op by peer and operation, one a round.
type samples map[string]map[string][]float64

// timing returns one timed run (ns/op) of operation op of peer.
type timing func(peer, op string) (float64, error)

// alternate times every operation of the kit for peers a and b, rounds
// times: in each round, operation by operation, one peer right after the
// other, the first of the two swapped every round. A pair is then a second
// or so apart, where the kit's own runs of one peer after the other are
// minutes apart, so both meet the machine at nearly the same speed, and
// the ratio of a round's pair says more than the ratio of two medians.
func alternate(rounds int, a, b string, timeOne timing) (samples, error) {
	s := samples{a: {}, b: {}}
	for i := range rounds {
		order := []string{a, b}
		if i%2 == 1 { // neither always goes first
			order = []string{b, a}
		}
		for _, op := range kitOps() {
			for _, peer := range order {
				ns, err := timeOne(peer, op)
				if err != nil {
					return nil, err
				}
				s[peer][op] = append(s[peer][op], ns)
			}
		}
	}
	return s, nil
}

// writeTimes writes the table of samples s of peers a and b: medians and
// minimums, their ratios, and the median of the rounds' own ratios with
// the quartiles around it.
func writeTimes(out io.Writer, a, b string, s samples) {
	fmt.Fprintf(out, "| op | %s | %s | ratio of medians | ratio of minimums | median of the rounds' ratios (quartiles) |\n|---|--:|--:|--:|--:|--:|\n", a, b)
	for _, op := range kitOps() {
		x, y := s[a][op], s[b][op] // one a round each (see alternate)
		ratios := make([]float64, len(x))
		for i := range x {
			ratios[i] = x[i] / y[i]
		}
		q1, q2, q3 := quartiles(ratios)
		fmt.Fprintf(out, "| %s | %.0f (%.0f) | %.0f (%.0f) | %.2f× | %.2f× | %.2f× (%.2f–%.2f) |\n", op,
			median(x), slices.Min(x), median(y), slices.Min(y), median(x)/median(y), slices.Min(x)/slices.Min(y), q2, q1, q3)
	}
}

// line is a benchmark result line of the kit: BenchmarkPeers/peer/op-N.
var line = regexp.MustCompile(`^BenchmarkPeers/([^/]+)/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

// timed returns a timing that runs one benchmark of the kit's test binary
// bin, in dir, for benchtime.
func timed(dir, bin, benchtime string) timing {
	return func(peer, op string) (float64, error) {
		cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", kitBench(peer, op), "-test.benchtime", benchtime)
		cmd.Dir = dir
		output, err := cmd.CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("%s %s: %w\n%s", peer, op, err, output)
		}
		return parseTime(output, peer, op)
	}
}

// parseTime returns the ns/op output gives for op of peer.
func parseTime(output []byte, peer, op string) (float64, error) {
	sc := bufio.NewScanner(bytes.NewReader(output))
	for sc.Scan() {
		if m := line.FindStringSubmatch(sc.Text()); m != nil && m[1] == peer && m[2] == op {
			return strconv.ParseFloat(m[3], 64)
		}
	}
	return 0, fmt.Errorf("no result for %s %s (is the benchmark skipped?) in:\n%s", peer, op, output)
}

// quartiles returns the medians of the lower half of x, of x, and of its
// upper half (the middle value, for an odd count, in neither half).
func quartiles(x []float64) (q1, q2, q3 float64) {
	s := slices.Sorted(slices.Values(x))
	n := len(s)
	if n < 2 {
		return s[0], s[0], s[0]
	}
	return median(s[:n/2]), median(s), median(s[(n+1)/2:])
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
