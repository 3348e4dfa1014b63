package openai

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// FuzzDecode feeds arbitrary bytes to the generated decoders of the run
// types and the stream event union: they must return an error or a value,
// never panic, and a value they accept must encode, and decode again to the
// same encoding.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"assistant_id":"a","tool_choice":"auto","response_format":{"type":"json_schema","json_schema":{"name":"x"}}}`,
		`{"id":"run","status":"queued","instructions":null,"tools":[{"type":"function","function":{"name":"f"}}]}`,
		`{"event":"thread.message.delta","data":{"id":"m","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"hi"}}]}}}`,
		`{"event":"done","data":"[DONE]"}`, `"auto"`, `null`, `[]`, `{"a":{"b":[1,{"c":"\u00e9"}]}}`,
	} {
		f.Add([]byte(s))
	}
	if corpus, ok := jsontest.CorpusDir(); ok {
		files, _ := filepath.Glob(filepath.Join(corpus, "payloads", "openai-dotnet", "*", "*.json"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, newValue := range []func() json.Unmarshaler{
			func() json.Unmarshaler { return new(CreateRunRequest) },
			func() json.Unmarshaler { return new(RunObject) },
			func() json.Unmarshaler { return new(AssistantStreamEvent) },
			func() json.Unmarshaler { return new(AssistantsAPIToolChoiceOption) },
		} {
			v := newValue()
			if err := v.UnmarshalJSON(data); err != nil {
				continue
			}
			first, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%T decoded %q but does not encode: %v", v, data, err)
			}
			again := newValue()
			if err := json.Unmarshal(first, again); err != nil {
				t.Fatalf("%T: own encoding %s does not decode: %v", v, first, err)
			}
			second, err := json.Marshal(again)
			if err != nil {
				t.Fatal(err)
			}
			if ok, where := jsontest.Equal(first, second); !ok {
				t.Fatalf("%T: encoding is not stable at %s: %s then %s", v, where, first, second)
			}
		}
	})
}

// FuzzSSEReader feeds arbitrary bytes to the event-stream reader: it must
// end (with io.EOF or an event per call), never panic, and every event it
// returns must be made of bytes that were in the input.
func FuzzSSEReader(f *testing.F) {
	for _, s := range []string{
		"event: a\ndata: b\n\n", "data: x\r\ndata: y\r\n\r\n", ": c\rdata: z\r\r", "data", "data:\n\n\n",
		"event: thread.run.created\ndata: {\"id\":\"r\"}", "\r\n\r\n\n\r", "data: [DONE]\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newSSEReader(bytes.NewReader(data))
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("more events than input bytes: the reader does not advance")
			}
			event, payload, err := r.next()
			if err != nil {
				if err != io.EOF {
					t.Fatalf("reading from memory failed: %v", err)
				}
				return
			}
			if len(event)+len(payload) > len(data) {
				t.Fatalf("event larger than the input")
			}
		}
	})
}

// FuzzStreamEventDecode feeds event names and data to the generated event
// decoder: an error or a value, never a panic, and a value that encodes.
func FuzzStreamEventDecode(f *testing.F) {
	f.Add("thread.run.created", []byte(`{"id":"run_1","status":"queued"}`))
	f.Add("thread.message.delta", []byte(`{"id":"m","delta":{"content":[{"index":0,"type":"text","text":{"value":"hi"}}]}}`))
	f.Add("error", []byte(`{"message":"boom"}`))
	f.Add("thread.unknown", []byte(`not json`))
	f.Fuzz(func(t *testing.T, event string, data []byte) {
		v, err := decodeAssistantStreamEvent(event, data)
		if err != nil {
			return
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("event %q decoded but does not encode: %v", event, err)
		}
	})
}
