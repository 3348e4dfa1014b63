package main

import (
	"errors"
	"io"
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
