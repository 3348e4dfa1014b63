package main

import (
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/cachegrind"
)

func TestLineParsesKitResults(t *testing.T) {
	m := line.FindStringSubmatch("BenchmarkPeers/oagen-direct/RunDecode-2          	  325604	      4350 ns/op	    1312 B/op	      10 allocs/op")
	if m == nil || m[1] != "oagen-direct" || m[2] != "RunDecode" || m[3] != "4350" {
		t.Fatalf("match = %q", m)
	}
	if line.MatchString("PEERBENCH-NOTE oagen-direct run: input as recorded") {
		t.Error("a note line matched")
	}
}

// TestKitBenchSelectsOnePeer: each level of the pattern is anchored, so
// ogen's does not also select ogen-stdjson, another peer of the kit.
func TestKitBenchSelectsOnePeer(t *testing.T) {
	levels := strings.Split(kitBench("ogen", "RunDecode"), "/")
	if len(levels) != 3 {
		t.Fatalf("pattern %q: want three levels, BenchmarkPeers/peer/op", kitBench("ogen", "RunDecode"))
	}
	for _, c := range []struct {
		name string
		want bool
	}{
		{"BenchmarkPeers/ogen/RunDecode", true},
		{"BenchmarkPeers/ogen-stdjson/RunDecode", false},
		{"BenchmarkPeers/ogen/RunDecodeStdlib", false},
		{"BenchmarkPeersX/ogen/RunDecode", false},
	} {
		got := true
		for k, part := range strings.Split(c.name, "/") {
			got = got && regexp.MustCompile(levels[k]).MatchString(part)
		}
		if got != c.want {
			t.Errorf("%s selected: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestParseTimeTakesItsOwnLine(t *testing.T) {
	out := []byte("goos: linux\nBenchmarkPeers/ogen/RunDecode-2 \t 1000\t 7000 ns/op\t 1391 B/op\t 22 allocs/op\n" +
		"BenchmarkPeers/oagen-direct/RunDecode-2 \t 1000\t 3500 ns/op\t 992 B/op\t 6 allocs/op\nPASS\n")
	if ns, err := parseTime(out, "oagen-direct", "RunDecode"); err != nil || ns != 3500 {
		t.Errorf("parseTime = %v, %v; want 3500", ns, err)
	}
	if _, err := parseTime(out, "oagen-direct", "ReqDecode"); err == nil || !strings.Contains(err.Error(), "ReqDecode") {
		t.Errorf("a missing result: err = %v; want one naming the operation", err)
	}
}

// TestAlternatePairsEachOperation holds the order of the runs to what makes
// a pair's ratio meaningful: the two peers' runs of an operation one right
// after the other, the peer that goes first swapped every round.
func TestAlternatePairsEachOperation(t *testing.T) {
	var calls []string
	s, err := alternate(3, "ogen", "oagen-direct", func(peer, op string) (float64, error) {
		calls = append(calls, peer+"/"+op)
		return float64(len(calls)), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 3 * len(kitOps()) * 2; len(calls) != want {
		t.Fatalf("%d runs; want %d", len(calls), want)
	}
	for i := 0; i < len(calls); i += 2 {
		round := i / (2 * len(kitOps()))
		first, second := "ogen", "oagen-direct"
		if round%2 == 1 {
			first, second = second, first
		}
		op := kitOps()[i/2%len(kitOps())]
		if calls[i] != first+"/"+op || calls[i+1] != second+"/"+op {
			t.Errorf("runs %d and %d: %s, %s; want %s/%s then %s/%s", i, i+1, calls[i], calls[i+1], first, op, second, op)
		}
	}
	for _, op := range kitOps() {
		if len(s["ogen"][op]) != 3 || len(s["oagen-direct"][op]) != 3 {
			t.Errorf("%s: samples %v and %v; want 3 each", op, s["ogen"][op], s["oagen-direct"][op])
		}
	}
	boom := errors.New("exit status 2")
	if _, err := alternate(2, "ogen", "oagen-direct", func(string, string) (float64, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v; want the timing's error", err)
	}
}

// TestWriteTimesPairsRounds: the machine halves its speed after the first
// two rounds, for both peers alike. Each round's ratio is then 2, and so
// is their median; the ratio of the medians (taken from different rounds)
// is not.
func TestWriteTimesPairsRounds(t *testing.T) {
	s := samples{"ogen": {}, "oagen-direct": {}}
	for _, op := range kitOps() {
		s["ogen"][op] = []float64{4000, 4000, 8000, 8000, 8000}
		s["oagen-direct"][op] = []float64{2000, 2000, 4000, 4000, 4000}
	}
	s["ogen"]["ReqDecode"] = []float64{4000, 3600, 8000, 7600, 8000}
	var out strings.Builder
	writeTimes(&out, "ogen", "oagen-direct", s)
	for _, want := range []string{
		"| RunDecode | 8000 (4000) | 4000 (2000) | 2.00× | 2.00× | 2.00× (2.00–2.00) |",
		"| ReqDecode | 7600 (3600) | 4000 (2000) | 1.90× | 1.80× | 2.00× (1.85–2.00) |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestQuartiles(t *testing.T) {
	for _, c := range []struct {
		x          []float64
		q1, q2, q3 float64
	}{
		{[]float64{5}, 5, 5, 5},
		{[]float64{2, 1}, 1, 1.5, 2},
		{[]float64{3, 1, 2}, 1, 2, 3},
		{[]float64{4, 1, 3, 2}, 1.5, 2.5, 3.5},
		{[]float64{5, 1, 4, 2, 3}, 1.5, 3, 4.5},
	} {
		if q1, q2, q3 := quartiles(c.x); q1 != c.q1 || q2 != c.q2 || q3 != c.q3 {
			t.Errorf("quartiles(%v) = %v, %v, %v; want %v, %v, %v", c.x, q1, q2, q3, c.q1, c.q2, c.q3)
		}
	}
}

func TestMedian(t *testing.T) {
	if got := median([]float64{3, 1, 2}); got != 2 {
		t.Errorf("median of 3 = %v", got)
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of 4 = %v", got)
	}
}

func TestWriteCounts(t *testing.T) {
	fake := map[string]cachegrind.Counts{
		"ogen/RunDecode": {Instructions: 48000, Misses: 300}, "oagen-direct/RunDecode": {Instructions: 24000, Misses: 200},
		"ogen/RunEncode": {Instructions: 31000, Misses: 120}, "oagen-direct/RunEncode": {Instructions: 12400, Misses: 60},
		"ogen/ReqDecode": {Instructions: 42000, Misses: 250}, "oagen-direct/ReqDecode": {Instructions: 21000, Misses: 120},
		"ogen/ReqEncode": {Instructions: 26000, Misses: 80}, "oagen-direct/ReqEncode": {Instructions: 13000, Misses: 100},
	}
	var asked []string
	var out strings.Builder
	err := writeCounts(&out, "ogen", "oagen-direct", 2000, func(peer, op string) (cachegrind.Counts, error) {
		asked = append(asked, peer+"/"+op)
		return fake[peer+"/"+op], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 8 {
		t.Errorf("counted %v; want both peers for each of the kit's four operations", asked)
	}
	for _, want := range []string{
		"| RunDecode | 48000 (300) | 24000 (200) | 2.00× |",
		"| RunEncode | 31000 (120) | 12400 (60) | 2.50× |",
		"| ReqDecode | 42000 (250) | 21000 (120) | 2.00× |",
		"| ReqEncode | 26000 (80) | 13000 (100) | 2.00× |",
		"one operation of 2000",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestWriteCountsRefusesSkippedBenchmarks(t *testing.T) {
	err := writeCounts(io.Discard, "ogen", "oagen-direct", 2000, func(peer, op string) (cachegrind.Counts, error) {
		if peer == "ogen" && op == "ReqDecode" {
			return cachegrind.Counts{Instructions: 3}, nil // what a skipped benchmark leaves
		}
		return cachegrind.Counts{Instructions: 20000}, nil
	})
	if err == nil || !strings.Contains(err.Error(), "ReqDecode") {
		t.Errorf("err = %v; want one naming ReqDecode", err)
	}
	boom := errors.New("valgrind: command not found")
	err = writeCounts(io.Discard, "ogen", "oagen-direct", 2000, func(string, string) (cachegrind.Counts, error) {
		return cachegrind.Counts{}, boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v; want the counter's error", err)
	}
}
