package openai

// This file is shared: gen's tests copy it next to a package generated from
// the official OpenAI spec, so both packages pass the same round trips. It
// may only use names both packages have; payloadTypes (in another file)
// says which type decodes which payload.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// roundTrip decodes data into a fresh value from newValue, encodes it
// again, and fails unless the result is the same JSON value.
func roundTrip(t *testing.T, newValue func() any, data []byte) {
	t.Helper()
	v := newValue()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decode: %v", err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if ok, where := jsontest.Equal(data, out); !ok {
		t.Fatalf("round trip changed the JSON at %s\nin:  %s\nout: %s", where, data, out)
	}
}

// TestCorpusPayloadsRoundTrip decodes and re-encodes every recorded body of
// the run operations: the spec's own examples and live API traffic, which
// breaks the schema (null instructions, missing required fields, members
// the spec does not declare).
func TestCorpusPayloadsRoundTrip(t *testing.T) {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); payload round trips need it")
	}
	payloads, err := jsontest.Payloads(corpus)
	if err != nil {
		t.Fatal(err)
	}
	tested := 0
	for _, p := range payloads {
		if p.SSE {
			continue
		}
		newValue, why := payloadType(p)
		t.Run(p.Path, func(t *testing.T) {
			if newValue == nil {
				t.Skip(why)
			}
			data, err := os.ReadFile(filepath.Join(corpus, p.Path))
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, newValue, data)
		})
		if newValue != nil {
			tested++
		}
	}
	if tested < 40 {
		t.Fatalf("only %d payloads were round-tripped; the corpus layout may have changed", tested)
	}
}

// payloadType returns the constructor for the type a payload decodes into,
// or why there is none.
func payloadType(p jsontest.Payload) (func() any, string) {
	key := p.Schema
	if key == "" {
		kind := ".response"
		if p.Request {
			kind = ".request"
		}
		key = p.Operation + kind
	}
	if f, ok := payloadTypes[key]; ok {
		return f, ""
	}
	return nil, "no type in this package for " + key
}
