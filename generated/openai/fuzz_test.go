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

// FuzzSSEReader feeds arbitrary bytes to the event-stream reader, reading
// events and then JSON Lines: it must end (with io.EOF or an event per
// call), never panic, and every event it returns must be made of bytes that
// were in the input; a line, one that is in the input whole and not blank.
func FuzzSSEReader(f *testing.F) {
	for _, s := range []string{
		"event: a\ndata: b\n\n", "data: x\r\ndata: y\r\n\r\n", ": c\rdata: z\r\r", "data", "data:\n\n\n",
		"event: thread.run.created\ndata: {\"id\":\"r\"}", "\r\n\r\n\n\r", "data: [DONE]\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lines := range []bool{false, true} { // events, then JSON Lines
			r := newSSEReader(bytes.NewReader(data))
			r.lines = lines
			for i := 0; ; i++ {
				if i > len(data)+1 {
					t.Fatalf("more events than input bytes: the reader does not advance")
				}
				event, payload, err := r.next()
				if err != nil {
					if err != io.EOF {
						t.Fatalf("reading from memory failed: %v", err)
					}
					break
				}
				if len(event)+len(payload) > len(data) {
					t.Fatalf("event larger than the input")
				}
				if lines && (len(bytes.TrimSpace(payload)) == 0 || bytes.ContainsAny(payload, "\r\n") || !bytes.Contains(data, payload)) {
					t.Fatalf("line %q: blank, spanning lines, or not in the input", payload)
				}
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
		var d decoder
		v, err := decodeAssistantStreamEvent(&d, []byte(event), data)
		if err != nil {
			return
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("event %q decoded but does not encode: %v", event, err)
		}
	})
}

// FuzzCodecMatchesReference decodes mutated payloads with the generated
// codec and compares with encoding/json on generic values: JSON that
// encoding/json rejects must be rejected, and JSON the codec accepts must
// come back out as the same JSON value (the response types are open, so
// nothing may be dropped or changed).
func FuzzCodecMatchesReference(f *testing.F) {
	f.Add([]byte(`{"id":"run","status":"paused","instructions":null,"tools":[{"type":"function","function":{"name":"f","strict":null}}],"x":[1,2.5e3,"\u00e9\ud83d\ude00"]}`))
	f.Add([]byte(`{"event":"thread.run.step.delta","data":{"id":"s","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls"}}}}`))
	f.Add([]byte(`{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`))
	f.Add([]byte(`{"id":5,"created_at":"soon","usage":[1],"tools":[{"type":"function","function":7}]}`))
	f.Add([]byte("{\"id\":\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001<>&\u2028\",\"created_at\":-0,\"temperature\":1e-7}"))
	if corpus, ok := jsontest.CorpusDir(); ok {
		files, _ := filepath.Glob(filepath.Join(corpus, "payloads", "*", "*", "*.response.json"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		for _, newValue := range []func() interface {
			json.Unmarshaler
			json.Marshaler
		}{
			func() interface {
				json.Unmarshaler
				json.Marshaler
			} {
				return new(RunObject)
			},
			func() interface {
				json.Unmarshaler
				json.Marshaler
			} {
				return new(ListRunsResponse)
			},
			func() interface {
				json.Unmarshaler
				json.Marshaler
			} {
				return new(AssistantStreamEvent)
			},
		} {
			v := newValue()
			in := bytes.Clone(data)
			err := v.UnmarshalJSON(in)
			// What was decoded must not alias the input, which the caller
			// may reuse once UnmarshalJSON returns.
			copy(in, bytes.Repeat([]byte{'x'}, len(in)))
			if !valid {
				if err == nil {
					t.Fatalf("%T accepted invalid JSON %q", v, data)
				}
				continue
			}
			if err != nil || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
				continue // a value of another shape than the schema's
			}
			out, err := v.MarshalJSON()
			if err != nil {
				t.Fatalf("%T decoded %q but does not encode: %v", v, data, err)
			}
			if ok, where := jsontest.Equal(data, out); !ok {
				t.Fatalf("%T changed the JSON at %s\nin:  %s\nout: %s", v, where, data, out)
			}
			// Equal keeps the last of two members; a member written twice
			// (a field beside the value of another shape kept for it) is a
			// change all the same.
			if key := jsontest.RepeatedKey(out); key != "" && jsontest.RepeatedKey(data) == "" {
				t.Fatalf("%T wrote %q twice\nin:  %s\nout: %s", v, key, data, out)
			}
		}
	})
}
