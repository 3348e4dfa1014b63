package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"runtime"
	"slices"
	"testing"
)

// benchRequest is the create-run request the peer benchmark kit
// (../shared/tools/peerbench) uses, so the figures compare.
const benchRequest = `{"assistant_id":"asst_pk7Qm2VxR4tLw9Zc1bN8dF3h","model":"gpt-4o","instructions":"You are a concise support assistant. Use the tools to look facts up before answering.","additional_instructions":"Answer in one short paragraph.","additional_messages":[{"role":"user","content":"Which warehouse ships order 8812, and when will it arrive?","metadata":{"channel":"web"}}],"tools":[{"type":"function","function":{"name":"get_order_status","description":"Look up the shipping status of an order by its number","parameters":{"type":"object","properties":{"order_id":{"type":"string","description":"The order number, e.g. 8812"},"include_eta":{"type":"boolean","description":"Also return the estimated arrival date"}},"required":["order_id"]},"strict":false}},{"type":"code_interpreter"}],"metadata":{"tenant":"acme","request_id":"req_7f3a9c"},"temperature":0.7,"top_p":1,"max_prompt_tokens":20000,"max_completion_tokens":2000,"truncation_strategy":{"type":"last_messages","last_messages":10},"tool_choice":"auto","parallel_tool_calls":true,"response_format":"auto"}`

// benchRun is the recorded run the peer kit decodes (requires_action with a
// function tool call, "instructions": null as the live API sends it).
func benchRun(tb testing.TB) []byte {
	return recorded(tb, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")
}

func BenchmarkRunDecode(b *testing.B) { benchRunDecode(b, benchRun(b)) }

// benchRunDecode times decoding data as a run.
func benchRunDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var run RunObject
		if err := run.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunScan checks the recorded run without building anything: the
// floor under BenchmarkRunDecode, so the two say how much of decoding is
// the scan itself.
func BenchmarkRunScan(b *testing.B) {
	data := benchRun(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := newDecoder(data)
		if err := d.finish(d.skip()); err != nil {
			b.Fatal(err)
		}
	}
}

// runLike builds, from a decoded run and the chunk its decoder filled, a
// value holding the same allocations decoding the recorded run makes (the
// chunk, with the strings and the parameters' copy, the record, the tool
// slice and union box, the tool-call slice, the metadata map), without
// reading any JSON. BenchmarkRunAllocFloor times it: with BenchmarkRunScan,
// the part of decoding that is not the generated code's choice.
func runLike(src *RunObject, filled []byte) RunObject {
	fn, _ := src.Tools[0].AsFunction()
	action := src.RequiredAction.Value()
	params := fn.Function.Parameters.Value()
	chunk := append(slices.Grow([]byte(nil), cap(filled)), filled[:len(filled)-len(params)]...)
	chunk = append(chunk, params...)
	var r RunObject
	r.rec = &record{}
	f := fn
	f.Function.Parameters = Some(FunctionParameters(chunk[len(chunk)-len(params):]))
	r.Tools = make([]AssistantTool, 1)
	r.Tools[0] = AssistantToolOfFunction(f)
	action.SubmitToolOutputs.ToolCalls = slices.Clone(action.SubmitToolOutputs.ToolCalls)
	r.RequiredAction = Some(action)
	r.Metadata = Some(make(Metadata))
	return r
}

// decodedRun decodes the recorded run as UnmarshalJSON does, and returns
// it with the chunk its decoder filled.
func decodedRun(tb testing.TB) (RunObject, []byte) {
	var run RunObject
	d := newDecoder(benchRun(tb))
	if err := d.finish(run.decodeJSON(&d)); err != nil {
		tb.Fatal(err)
	}
	return run, d.chunk
}

var sinkRun RunObject

func BenchmarkRunAllocFloor(b *testing.B) {
	src, filled := decodedRun(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkRun = runLike(&src, filled)
	}
}

// TestRunAllocFloorIsDecoding keeps BenchmarkRunAllocFloor honest: it must
// allocate what decoding the run does, as often and as much.
func TestRunAllocFloorIsDecoding(t *testing.T) {
	data := benchRun(t)
	src, filled := decodedRun(t)
	decodes, decoded := allocated(func() {
		var run RunObject
		if err := run.UnmarshalJSON(data); err != nil {
			t.Fatal(err)
		}
		sinkRun = run
	})
	builds, built := allocated(func() { sinkRun = runLike(&src, filled) })
	// Counts must match; bytes within 1%, the room a stray allocation of
	// the runtime's during the count can take.
	if decodes != builds || built*100 < decoded*99 || built*100 > decoded*101 {
		t.Errorf("decoding allocates %d times, %d B; runLike %d times, %d B", decodes, decoded, builds, built)
	}
}

// allocated returns how many allocations, and bytes, one call of f makes:
// the mean of 1,000, on one P as testing.AllocsPerRun counts, so that
// other goroutines add as little as they can.
func allocated(f func()) (count, bytes uint64) {
	const runs = 1000
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f() // anything done once, out of the count
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.Mallocs - before.Mallocs) / runs, (after.TotalAlloc - before.TotalAlloc) / runs
}

func BenchmarkRunEncode(b *testing.B) { benchRunEncode(b, benchRun(b)) }

// benchRunEncode times encoding the run data decodes to.
func benchRunEncode(b *testing.B, data []byte) {
	var run RunObject
	if err := run.UnmarshalJSON(data); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRequestDecode(b *testing.B) {
	data := []byte(benchRequest)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var req CreateRunRequest
		if err := req.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRequestEncode(b *testing.B) {
	var req CreateRunRequest
	if err := req.UnmarshalJSON([]byte(benchRequest)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := req.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchText is the kind of text strings carry in real traffic, which the
// recorded run lacks: paragraphs, quotes, a code block, and languages
// other than English, so escapes and non-ASCII runs are decoded and
// encoded on every line.
const benchText = "You are a support assistant for an online shop.\n\n" +
	"When a customer asks about an order, call \"get_order_status\" first; never guess a date.\n" +
	"- Answer in the customer's language: français (« Où est ma commande ? »), español, 日本語（ご注文はどこですか？）.\n" +
	"- Quote order numbers as `#8812`, and tools' answers as JSON:\n\n" +
	"```json\n{\"order_id\": \"8812\", \"status\": \"shipped\", \"eta\": \"2025-11-04\"}\n```\n\n" +
	"Keep answers under 120 words.\tThank the customer — briefly.\n"

// textRun is the recorded run with benchText as its instructions and a
// tool call's arguments of escaped JSON, as function calls carry them.
func textRun(tb testing.TB) []byte {
	text, err := json.Marshal(benchText)
	if err != nil {
		tb.Fatal(err)
	}
	args, err := json.Marshal(`{"day_of_week":"Thursday","note":"the customer said \"soon\"\nand nothing else","tags":["é","日本"]}`)
	if err != nil {
		tb.Fatal(err)
	}
	data := benchRun(tb)
	for _, r := range [][2]string{
		{`"instructions": null`, `"instructions": ` + string(text)},
		{`"arguments": "{\"day_of_week\":\"Thursday\"}"`, `"arguments": ` + string(args)},
	} {
		if !bytes.Contains(data, []byte(r[0])) {
			tb.Fatalf("the recorded run has no %s", r[0])
		}
		data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
	}
	return data
}

func BenchmarkTextRunDecode(b *testing.B) { benchRunDecode(b, textRun(b)) }

func BenchmarkTextRunEncode(b *testing.B) { benchRunEncode(b, textRun(b)) }

// BenchmarkRunDecodeStdlib is what json.Unmarshal users get: encoding/json
// validates the input, then calls UnmarshalJSON.
func BenchmarkRunDecodeStdlib(b *testing.B) {
	data := benchRun(b)
	b.ReportAllocs()
	for b.Loop() {
		var run RunObject
		if err := json.Unmarshal(data, &run); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreamDecode reads a recorded run stream (43 events) through
// the SSE reader and the event decoder; MB/s is stream throughput.
func BenchmarkStreamDecode(b *testing.B) {
	data := recorded(b, "openai-dotnet/StreamingRunWorks/02.createRun.200.response.sse")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := newStream(io.NopCloser(bytes.NewReader(data)), decodeAssistantStreamEvent, nil)
		n := 0
		for s.Next() {
			n++
		}
		if s.Err() != nil || n != 43 {
			b.Fatalf("%d events, %v", n, s.Err())
		}
	}
}

// BenchmarkClientCreateRun is one whole CreateRun call: options, request
// encoding, headers, the Doer (replaying the recorded run, with its
// Content-Length, as net/http hands it over) and reading and decoding the
// response. What it adds to Run decode plus request encode is the client's
// own cost per call.
func BenchmarkClientCreateRun(b *testing.B) {
	var req CreateRunRequest
	if err := req.UnmarshalJSON([]byte(benchRequest)); err != nil {
		b.Fatal(err)
	}
	run := benchRun(b)
	c := NewClient(WithAPIKey("sk-bench"), WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
		return replay(r, io.Discard, "application/json", run, int64(len(run)))
	})))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CreateRun(ctx, "thread_abc", req, CreateRunParams{}); err != nil {
			b.Fatal(err)
		}
	}
}
