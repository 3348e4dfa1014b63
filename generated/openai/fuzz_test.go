package openai

import (
	"encoding/json"
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
