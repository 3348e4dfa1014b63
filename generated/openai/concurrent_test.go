package openai

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
)

// TestConcurrentUse shares what users share between goroutines: one
// Client (its doc promises it is safe for concurrent use), one input
// buffer decoded by many goroutines at once (decoding must only read it:
// strings are copied out, never unescaped in place), and one value encoded
// by many at once (encoding must only read it). Every goroutine's results
// must equal what one goroutine got alone, and the shared input must come
// out unchanged. `make race` runs it under the race detector, which also
// checks every memory access.
func TestConcurrentUse(t *testing.T) {
	run := recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")
	sse := recorded(t, "openai-dotnet/StreamingRunWorks/02.createRun.200.response.sse")
	pristine, input := slices.Clone(run), slices.Clone(run) // input is the one shared

	var req CreateRunRequest
	if err := req.UnmarshalJSON([]byte(benchRequest)); err != nil {
		t.Fatal(err)
	}
	wantReq, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var want RunObject
	if err := want.UnmarshalJSON(slices.Clone(run)); err != nil {
		t.Fatal(err)
	}
	wantRun, err := want.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}

	streamReq := req
	streamReq.Stream = Some(true) // what CreateRunStream sends
	wantStreamReq, err := streamReq.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}

	// The Doer answers a stream's request with the recording of one, any
	// other with the run, and fails a call whose body is not the request's
	// encoding alone (the client encodes the shared request in each).
	c := NewClient(WithAPIKey("sk-test"), WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
		contentType, answer, length, want := "application/json", run, int64(len(run)), wantReq
		if r.Header.Get("Accept") == "text/event-stream" {
			contentType, answer, length, want = "text/event-stream", sse, -1, wantStreamReq
		}
		var sent bytes.Buffer
		resp, err := replay(r, &sent, contentType, answer, length)
		if err == nil && !bytes.Equal(sent.Bytes(), want) {
			err = fmt.Errorf("request body %s, want %s", sent.Bytes(), want)
		}
		return resp, err
	})))
	ctx := context.Background()
	streamed := func() ([]string, error) {
		s := c.CreateRunStream(ctx, "thread_1", req, CreateRunParams{})
		defer s.Close()
		var events []string
		for ev, err := range s.All() {
			if err != nil {
				return nil, err
			}
			b, err := ev.MarshalJSON()
			if err != nil {
				return nil, err
			}
			events = append(events, string(b))
		}
		return events, nil
	}
	wantEvents, err := streamed()
	if err != nil || len(wantEvents) != 43 {
		t.Fatalf("one goroutine alone: %d events, %v; want the recording's 43", len(wantEvents), err)
	}

	// once runs every shared use one time and says what differed.
	once := func() error {
		var v RunObject
		if err := v.UnmarshalJSON(input); err != nil {
			return fmt.Errorf("decoding the shared input: %w", err)
		}
		if got, err := v.MarshalJSON(); err != nil || !bytes.Equal(got, wantRun) {
			return fmt.Errorf("decoding the shared input gave %s (%v)", got, err)
		}
		if got, err := want.MarshalJSON(); err != nil || !bytes.Equal(got, wantRun) {
			return fmt.Errorf("encoding the shared run gave %s (%v)", got, err)
		}
		if got, err := req.MarshalJSON(); err != nil || !bytes.Equal(got, wantReq) {
			return fmt.Errorf("encoding the shared request gave %s (%v)", got, err)
		}
		r, err := c.CreateRun(ctx, "thread_1", req, CreateRunParams{})
		if err != nil {
			return fmt.Errorf("CreateRun: %w", err)
		}
		if got, err := r.MarshalJSON(); err != nil || !bytes.Equal(got, wantRun) {
			return fmt.Errorf("CreateRun returned %s (%v)", got, err)
		}
		events, err := streamed()
		if err != nil || !slices.Equal(events, wantEvents) {
			return fmt.Errorf("CreateRunStream: %d events (%v), want the same %d as alone", len(events), err, len(wantEvents))
		}
		return nil
	}

	const goroutines, rounds = 8, 10
	errs := make([]error, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for range rounds {
				if errs[g] = once(); errs[g] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	for g, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	}
	if !bytes.Equal(input, pristine) || !bytes.Equal(run, pristine) {
		t.Error("decoding changed its input")
	}
}
