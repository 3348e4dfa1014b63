package cachegrind

import (
	"strings"
	"testing"
)

func TestParseReport(t *testing.T) {
	report := []byte("==13948== Cachegrind, a high-precision tracing profiler\n==13948== \n==13948== I   refs:      690,280,430\n==13948== I1  misses:      6,306,958\n==13948== LLi misses:         11,204\n")
	if got, err := parseReport(report); err != nil || got != (Counts{690280430, 6306958}) {
		t.Errorf("parseReport = %+v, %v; want {690280430 6306958}", got, err)
	}
	for _, bad := range []string{"valgrind: command not found", "==1== I   refs:      690,280,430\n"} {
		if _, err := parseReport([]byte(bad)); err == nil {
			t.Errorf("%q: a report without both counts must be an error", bad)
		}
	}
}

// TestPerOpNeedsOperations requires PerOp to refuse n = 0 itself, before
// it runs anything: the binary here does not exist, so an error from
// running it would not say what was wrong.
func TestPerOpNeedsOperations(t *testing.T) {
	_, err := PerOp(".", "no-such-binary", "^BenchmarkX$", 0)
	if err == nil || !strings.Contains(err.Error(), "at least 1") {
		t.Errorf("PerOp with n = 0: %v; want the refusal of the count, not a division by zero or a failed run", err)
	}
}
