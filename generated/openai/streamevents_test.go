package openai

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// TestRecordedStreamEventsDecode feeds every event of every recorded stream
// through the AssistantStreamEvent union, in the {"event","data"} shape the
// spec gives it: each must land in its own variant (the event name selects
// it) and encode back unchanged. One spec example carries malformed JSON;
// that event must fail cleanly.
func TestRecordedStreamEventsDecode(t *testing.T) {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); stream replays need it")
	}
	payloads, err := jsontest.Payloads(corpus)
	if err != nil {
		t.Fatal(err)
	}
	events, malformed := 0, 0
	for _, p := range payloads {
		if !p.SSE {
			continue
		}
		data, err := os.ReadFile(filepath.Join(corpus, p.Path))
		if err != nil {
			t.Fatal(err)
		}
		for i, ev := range jsontest.SplitSSE(data) {
			payload := ev.Data
			if payload == "[DONE]" {
				payload = string(mustJSONString(payload)) // the done event's data is the string [DONE]
			}
			wire := `{"event":` + string(mustJSONString(ev.Name)) + `,"data":` + payload + `}`
			var se AssistantStreamEvent
			if !json.Valid([]byte(payload)) {
				// Malformed data must be reported, by the union's own decoder
				// too (json.Unmarshal would reject it before calling it).
				malformed++
				if err := se.UnmarshalJSON([]byte(wire)); err == nil {
					t.Errorf("%s event %d: malformed data decoded without error", p.Path, i)
				}
				continue
			}
			if err := json.Unmarshal([]byte(wire), &se); err != nil {
				t.Errorf("%s event %d (%s): %v", p.Path, i, ev.Name, err)
				continue
			}
			if se.Kind().String() != kindName(ev.Name) {
				t.Errorf("%s event %d: %q decoded as %s", p.Path, i, ev.Name, se.Kind())
			}
			out, err := json.Marshal(se)
			if err != nil {
				t.Fatal(err)
			}
			if ok, where := jsontest.Equal([]byte(wire), out); !ok {
				t.Errorf("%s event %d: round trip changed %s", p.Path, i, where)
			}
			events++
		}
	}
	if malformed == 0 {
		t.Error("the spec examples' malformed events were not seen; the corpus may have changed")
	}
	if events < 100 {
		t.Fatalf("only %d events seen; the corpus layout may have changed", events)
	}
	t.Logf("%d events, %d with malformed data", events, malformed)
}

func mustJSONString(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

// kindName is the variant label for an event name: thread.run.step.delta
// is ThreadRunStepDelta.
func kindName(event string) string {
	out := []byte{}
	upper := true
	for i := 0; i < len(event); i++ {
		c := event[i]
		if c == '.' || c == '_' {
			upper = true
			continue
		}
		if upper && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		upper = false
		out = append(out, c)
	}
	return string(out)
}
