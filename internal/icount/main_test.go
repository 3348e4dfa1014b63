package main

import "testing"

func TestParseRefs(t *testing.T) {
	report := []byte("==13948== Cachegrind, a high-precision tracing profiler\n==13948== \n==13948== I   refs:      690,280,430\n")
	if got, err := parseRefs(report); err != nil || got != 690280430 {
		t.Errorf("parseRefs = %d, %v; want 690280430", got, err)
	}
	if _, err := parseRefs([]byte("valgrind: command not found")); err == nil {
		t.Error("a report without a count must be an error")
	}
}
