package main

import "testing"

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
