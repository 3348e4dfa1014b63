// Command peerpair runs two peers of a peerbench module (the one `make
// peerbench` leaves behind) in alternation, one short round each at a time,
// and prints their medians, minimums and ratios per operation. It is `make
// peerpair`.
//
// The peer kit runs each peer's benchmarks back to back, so on a shared
// machine whose speed drifts by tens of percent from minute to minute, the
// peer benchmarked last meets a different machine from the first. Here both
// meet the same minutes.
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
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"

	"github.com/oagen/oagen/internal/cachegrind"
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
	err := run(*dir, *a, *b, *rounds, *benchtime, os.Stdout)
	if err == nil && *counted > 0 {
		err = countPeers(*dir, *a, *b, *counted, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "peerpair:", err)
		os.Exit(1)
	}
}

// kitOps are the operations the peer kit benchmarks for every peer.
func kitOps() []string { return []string{"RunDecode", "RunEncode", "ReqDecode", "ReqEncode"} }

// countPeers counts one operation of each of the kit's operations for
// peers a and b under cachegrind, from n operations each.
func countPeers(dir, a, b string, n int, out io.Writer) error {
	bin, remove, err := cachegrind.Build(dir)
	if err != nil {
		return err
	}
	defer remove()
	return writeCounts(out, a, b, n, func(peer, op string) (cachegrind.Counts, error) {
		pattern := "^BenchmarkPeers$/^" + regexp.QuoteMeta(peer) + "$/^" + op + "$"
		return cachegrind.PerOp(dir, bin, pattern, n)
	})
}

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

// samples holds ns/op by peer and operation.
type samples map[string]map[string][]float64

func run(dir, a, b string, rounds int, benchtime string, out io.Writer) error {
	if rounds < 1 { // -counted alone: main refuses -rounds 0 without it
		return nil
	}
	s := samples{a: {}, b: {}}
	for i := range rounds {
		order := []string{a, b}
		if i%2 == 1 { // neither always goes first
			order = []string{b, a}
		}
		for _, peer := range order {
			if err := bench(dir, peer, benchtime, s[peer]); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "%d alternating rounds, -benchtime %s: ns/op median (min), and %s ÷ %s\n\n", rounds, benchtime, a, b)
	fmt.Fprintf(out, "| op | %s | %s | ratio of medians | ratio of minimums |\n|---|--:|--:|--:|--:|\n", a, b)
	for _, op := range slices.Sorted(maps.Keys(s[a])) {
		x, y := s[a][op], s[b][op]
		if len(y) == 0 {
			continue
		}
		fmt.Fprintf(out, "| %s | %.0f (%.0f) | %.0f (%.0f) | %.2f× | %.2f× |\n", op,
			median(x), slices.Min(x), median(y), slices.Min(y), median(x)/median(y), slices.Min(x)/slices.Min(y))
	}
	return nil
}

// line is a benchmark result line of the kit: BenchmarkPeers/peer/op-N.
var line = regexp.MustCompile(`^BenchmarkPeers/([^/]+)/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

// bench runs every operation of peer once and adds the results to ops.
func bench(dir, peer, benchtime string, ops map[string][]float64) error {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "Peers/^"+regexp.QuoteMeta(peer)+"$/",
		"-benchmem", "-count", "1", "-benchtime", benchtime, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	output, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", peer, err, output)
	}
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(output))
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil || m[1] != peer {
			continue
		}
		ns, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return err
		}
		ops[m[2]] = append(ops[m[2]], ns)
		found++
	}
	if found == 0 {
		return fmt.Errorf("no results for peer %q in:\n%s", peer, output)
	}
	return nil
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
