package openai

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/oagen/oagen/internal/jsontest"
)

func sseServer(t *testing.T, body string) (*fakeAPI, *atomic.Int32) {
	var count atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
			t.Errorf("Accept = %q", r.Header.Get("Accept"))
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, body)
	})
	return api, &count
}

// TestStreamReplaysRecordedRun replays the stream recorded from the live
// API: every event decodes into its variant, in order, and the stream ends
// at [DONE] without error.
func TestStreamReplaysRecordedRun(t *testing.T) {
	body := recorded(t, "openai-dotnet/StreamingRunWorks/02.createRun.200.response.sse")
	api, count := sseServer(t, string(body))
	stream := api.client().CreateRunStream(context.Background(), "thread_1", CreateRunRequest{AssistantID: "asst_1"}, CreateRunParams{})
	var kinds, names []string
	var text strings.Builder
	for ev, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, ev.Kind().String())
		var envelope struct{ Event string }
		if err := json.Unmarshal([]byte(mustJSON(t, ev)), &envelope); err != nil {
			t.Fatal(err)
		}
		names = append(names, envelope.Event)
		if d, ok := ev.AsThreadMessageDelta(); ok {
			for _, part := range d.Data.Delta.Content.Value() {
				if txt, ok := part.AsText(); ok {
					text.WriteString(txt.Text.Value().Value.Value())
				}
			}
		}
	}
	if kinds[0] != "ThreadRunCreated" || kinds[len(kinds)-1] != "ThreadRunCompleted" || text.Len() == 0 {
		t.Fatalf("events %v, text %q", kinds, text.String())
	}
	for _, k := range kinds {
		if k == "Unknown" {
			t.Fatalf("a recorded event did not decode: %v", kinds)
		}
	}
	var sent []string // every event the server sent but the closing [DONE]
	for _, ev := range jsontest.SplitSSE(body) {
		if ev.Data != "[DONE]" {
			sent = append(sent, ev.Name)
		}
	}
	if !slices.Equal(names, sent) {
		t.Fatalf("the events' names as decoded:\n%v\nas sent:\n%v", names, sent)
	}
	if !strings.Contains(string(api.bodies[0]), `"stream":true`) || count.Load() != 1 {
		t.Fatalf("request %s, %d attempts", api.bodies[0], count.Load())
	}
	t.Logf("%d events: %s; assistant text: %q", len(kinds), strings.Join(kinds, " "), text.String())
}

// TestStreamEventsKeepTheirStrings: the events of a stream share string
// chunks, so every event kept while later ones decode must still hold what
// it held: each one encodes as the same event decoded on its own does.
// Many short deltas, so the chunks fill, grow and are replaced.
func TestStreamEventsKeepTheirStrings(t *testing.T) {
	var body strings.Builder
	var datas []string
	for i := range 400 {
		// Every third value has escapes, and every third non-ASCII: those
		// are written into the shared chunks' free room (see spare).
		value := strings.Repeat("ab", i%29) + [...]string{``, `\n\"quoted\"\tend`, `é日本`}[i%3]
		data := `{"id":"msg_` + strings.Repeat("x", i%37) + `","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"` + value + `"}}]}}`
		datas = append(datas, data)
		body.WriteString("event: thread.message.delta\ndata: " + data + "\n\n")
	}
	events, err := collect(t, body.String())
	if err != nil || len(events) != len(datas) {
		t.Fatalf("%d events, %v", len(events), err)
	}
	for i, ev := range events {
		var alone decoder
		want, err := decodeAssistantStreamEvent(&alone, []byte("thread.message.delta"), []byte(datas[i]))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := mustJSON(t, ev), mustJSON(t, want); got != want {
			t.Fatalf("event %d changed after later events decoded:\n got %s\nwant %s", i, got, want)
		}
	}
}

func collect(t *testing.T, body string) ([]AssistantStreamEvent, error) {
	t.Helper()
	api, _ := sseServer(t, body)
	stream := api.client().CreateRunStream(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{})
	var out []AssistantStreamEvent
	for stream.Next() {
		out = append(out, stream.Current())
	}
	return out, stream.Err()
}

const runCreated = `{"id":"run_1","object":"thread.run","status":"queued"}`

func TestSSEFraming(t *testing.T) {
	cases := map[string]string{
		"LF":               "event: thread.run.created\ndata: " + runCreated + "\n\n",
		"CRLF":             "event: thread.run.created\r\ndata: " + runCreated + "\r\n\r\n",
		"CR":               "event: thread.run.created\rdata: " + runCreated + "\r\r",
		"comments":         ": keep-alive\n\n: x\nevent: thread.run.created\n: inside\ndata: " + runCreated + "\n\n",
		"no space":         "event:thread.run.created\ndata:" + runCreated + "\n\n",
		"multi-line data":  "event: thread.run.created\ndata: {\"id\":\"run_1\",\ndata: \"status\":\"queued\"}\n\n",
		"no final blank":   "event: thread.run.created\ndata: " + runCreated,
		"no final newline": "event: thread.run.created\ndata: " + runCreated + "\n",
		"then DONE":        "event: thread.run.created\ndata: " + runCreated + "\n\nevent: done\ndata: [DONE]\n\nevent: thread.run.created\ndata: " + runCreated + "\n\n",
		"ignored fields":   "id: 7\nretry: 100\nevent: thread.run.created\ndata: " + runCreated + "\n\n",
	}
	for name, body := range cases {
		events, err := collect(t, body)
		if err != nil || len(events) != 1 {
			t.Errorf("%s: %d events, %v", name, len(events), err)
			continue
		}
		run, ok := events[0].AsThreadRunCreated()
		if !ok || run.Data.ID != "run_1" || run.Data.Status != RunStatusQueued {
			t.Errorf("%s: %+v", name, events[0])
		}
	}
}

func TestSSELargeEvent(t *testing.T) {
	big := strings.Repeat("x", 8<<20)
	events, err := collect(t, "event: thread.message.delta\ndata: {\"id\":\"m\",\"object\":\"thread.message.delta\",\"delta\":{\"content\":[{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\""+big+"\"}}]}}\n\n")
	if err != nil || len(events) != 1 {
		t.Fatalf("%d events, %v", len(events), err)
	}
	d, _ := events[0].AsThreadMessageDelta()
	txt, _ := d.Data.Delta.Content.Value()[0].AsText()
	if len(txt.Text.Value().Value.Value()) != 8<<20 {
		t.Fatal("the 8 MiB text did not survive")
	}
}

func TestSSEErrorsAndUnknownEvents(t *testing.T) {
	_, err := collect(t, "event: thread.run.created\ndata: {\"id\": tru\n\n")
	if err == nil || !strings.Contains(err.Error(), "thread.run.created") {
		t.Fatalf("malformed data: %v", err)
	}
	events, err := collect(t, "event: thread.run.created\ndata: "+runCreated+"\n\nevent: error\ndata: {\"code\":\"server_error\",\"message\":\"The server had an error\"}\n\n")
	var se *StreamError
	if len(events) != 1 || !errors.As(err, &se) || se.Message != "The server had an error" {
		t.Fatalf("error event: %d events, %v", len(events), err)
	}
	events, err = collect(t, "event: thread.run.teleported\ndata: {\"where\":\"mars\"}\n\nevent: thread.note\ndata: plain text\n\n")
	if err != nil || len(events) != 2 || events[0].Kind() != AssistantStreamEventKindUnknown {
		t.Fatalf("unknown events: %v %v", events, err)
	}
	if string(events[0].Raw()) != `{"event":"thread.run.teleported","data":{"where":"mars"}}` || string(events[1].Raw()) != `{"event":"thread.note","data":"plain text"}` {
		t.Fatalf("unknown events must be kept whole: %s / %s", events[0].Raw(), events[1].Raw())
	}
}

// A stream that has started is never sent again: re-sending create-run
// would start a second run.
func TestStartedStreamIsNotRetried(t *testing.T) {
	var count atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: thread.run.created\ndata: "+runCreated+"\n\n")
		w.(http.Flusher).Flush()
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close() // the connection drops mid-stream
	})
	stream := api.client(WithMaxRetries(5)).CreateRunStream(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{})
	n := 0
	for stream.Next() {
		n++
	}
	if n != 1 || stream.Err() == nil || count.Load() != 1 {
		t.Fatalf("%d events, err %v, %d requests", n, stream.Err(), count.Load())
	}
}

func TestStreamRetriedBeforeItStarts(t *testing.T) {
	var count atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) == 1 {
			writeJSON(w, 503, []byte(`{"error":{"message":"busy"}}`))
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: thread.run.created\ndata: "+runCreated+"\n\ndata: [DONE]\n\n")
	})
	stream := api.client().CreateRunStream(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{})
	n := 0
	for range stream.All() {
		n++
	}
	if n != 1 || stream.Err() != nil || count.Load() != 2 {
		t.Fatalf("%d events, %v, %d requests", n, stream.Err(), count.Load())
	}
	_, err := collectFailing(t)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("a failed start must surface as the stream's error: %v", err)
	}
}

func collectFailing(t *testing.T) (int, error) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, []byte(`{"error":{"message":"bad"}}`))
	})
	stream := api.client().CreateRunStream(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{})
	n := 0
	for _, err := range stream.All() {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// slowStream writes one event, then waits for the client to go away.
func slowStream(t *testing.T, gone chan<- struct{}) *fakeAPI {
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: thread.run.created\ndata: "+runCreated+"\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			close(gone)
		case <-time.After(10 * time.Second):
		}
	})
}

func waitGoroutines(t *testing.T, limit int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > limit && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > limit {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left, want at most %d:\n%s", n, limit, buf[:runtime.Stack(buf, true)])
	}
}

func TestStreamStopsOnBreakAndCancel(t *testing.T) {
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	before := runtime.NumGoroutine()

	gone := make(chan struct{})
	api := slowStream(t, gone)
	c := api.client(WithHTTPClient(&http.Client{Transport: transport}))
	for range c.CreateRunStream(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{}).All() {
		break // stopping early closes the body
	}
	select {
	case <-gone:
	case <-time.After(3 * time.Second):
		t.Fatal("breaking out of the loop did not close the connection")
	}

	gone2 := make(chan struct{})
	api2 := slowStream(t, gone2)
	ctx, cancel := context.WithCancel(context.Background())
	stream := api2.client(WithHTTPClient(&http.Client{Transport: transport})).CreateRunStream(ctx, "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{})
	if !stream.Next() {
		t.Fatal(stream.Err())
	}
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	if stream.Next() || !errors.Is(stream.Err(), context.Canceled) {
		t.Fatalf("after cancel: %v", stream.Err())
	}
	select {
	case <-gone2:
	case <-time.After(3 * time.Second):
		t.Fatal("cancelling the context did not close the connection")
	}
	api.srv.Close()
	api2.srv.Close()
	transport.CloseIdleConnections()
	waitGoroutines(t, before+2)
}

// TestStreamOutlivesTimeout: WithTimeout bounds a stream only until its
// headers arrive; events that come later than that still arrive. (The
// timeout leaves the headers room on a loaded machine.)
func TestStreamOutlivesTimeout(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: thread.run.created\ndata: "+runCreated+"\n\n")
		w.(http.Flusher).Flush()
		time.Sleep(600 * time.Millisecond) // well past the timeout below
		io.WriteString(w, "event: thread.run.queued\ndata: "+runCreated+"\n\ndata: [DONE]\n\n")
	})
	stream := api.client(WithTimeout(200*time.Millisecond)).CreateRunStream(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{})
	var kinds []string
	for ev, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, ev.Kind().String())
	}
	if strings.Join(kinds, " ") != "ThreadRunCreated ThreadRunQueued" {
		t.Fatalf("events %v", kinds)
	}
}

// TestSSEReaderByteAtATime: a body that arrives one byte per read (every
// line spans buffer fills, CR and LF of one ending arrive apart) reads as
// the same events as one that arrives whole.
func TestSSEReaderByteAtATime(t *testing.T) {
	body := "event: a\r\ndata: {\"x\":1}\r\n\r\n: note\rdata: 2\rdata: 3\r\revent: b\ndata:" +
		strings.Repeat("y", 40) + "\n\nevent: c\ndata: last"
	read := func(r io.Reader) []string {
		s := newSSEReader(r)
		var out []string
		for {
			event, data, err := s.next()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(event)+"|"+string(data))
		}
	}
	whole := read(strings.NewReader(body))
	bytewise := read(iotest.OneByteReader(strings.NewReader(body)))
	want := []string{`a|{"x":1}`, "|2\n3", "b|" + strings.Repeat("y", 40), "c|last"}
	if !slices.Equal(whole, want) || !slices.Equal(bytewise, want) {
		t.Fatalf("whole %q\nbyte at a time %q\nwant %q", whole, bytewise, want)
	}
}
