package openai

import "testing"

// TestFewerAllocationsThanOgen holds the codecs to part of the bar the
// speed work set (issue 5): each of the kit's four operations allocates
// less often, and fewer bytes, than ogen's. Time is for the benchmarks and
// `make peerbench` to say; allocations can be counted exactly here.
func TestFewerAllocationsThanOgen(t *testing.T) {
	if raceBuild {
		t.Skip("the race detector's build allocates where a plain one does not (see race_test.go)")
	}
	data := benchRun(t)
	var run RunObject
	if err := run.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	reqData := []byte(benchRequest)
	var req CreateRunRequest
	if err := req.UnmarshalJSON(reqData); err != nil {
		t.Fatal(err)
	}
	// ogen's figures are what ogen v1.24.0's generated codecs allocate for
	// the same four operations in the peer kit (../shared/tools/peerbench),
	// on the same inputs: the same in every run of the kit, since they
	// depend on the code and the input, not on the machine.
	ops := []struct {
		name                 string
		ogenCount, ogenBytes uint64
		op                   func()
	}{
		{"Run decode", 22, 1391, func() {
			var v RunObject
			if err := v.UnmarshalJSON(data); err != nil {
				t.Fatal(err)
			}
			sinkRun = v
		}},
		{"Run encode", 9, 4384, func() {
			if _, err := run.MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		}},
		{"request decode", 29, 2448, func() {
			var v CreateRunRequest
			if err := v.UnmarshalJSON(reqData); err != nil {
				t.Fatal(err)
			}
			sinkRequest = v
		}},
		{"request encode", 10, 3328, func() {
			if _, err := req.MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, o := range ops {
		count, bytes := allocated(o.op)
		t.Logf("%s: %d allocations, %d B (ogen %d, %d B)", o.name, count, bytes, o.ogenCount, o.ogenBytes)
		if count >= o.ogenCount || bytes >= o.ogenBytes {
			t.Errorf("%s allocates %d times, %d B an operation; ogen %d times, %d B", o.name, count, bytes, o.ogenCount, o.ogenBytes)
		}
	}
}

var sinkRequest CreateRunRequest
