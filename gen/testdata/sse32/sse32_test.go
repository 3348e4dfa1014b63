package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// serve answers every request with body as a text/event-stream.
func serve(t *testing.T, body string) *Client {
	return serveAs(t, "text/event-stream", body, nil)
}

// serveAs answers every request with body as the media type, which the
// request must accept, after checking the request with check (when set).
func serveAs(t *testing.T, media, body string, check func(*http.Request)) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != media {
			t.Errorf("Accept %q, want %q", r.Header.Get("Accept"), media)
		}
		if check != nil {
			check(r)
		}
		w.Header().Set("Content-Type", media)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
}

// collect reads a stream to its end.
func collect[T any](t *testing.T, s *Stream[T]) []T {
	t.Helper()
	var out []T
	for v, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestItemSchemaDataDeclared: an itemSchema whose data member is a schema
// streams values of it, whatever the other SSE fields say.
func TestItemSchemaDataDeclared(t *testing.T) {
	c := serve(t, "event: changed\nid: 1\ndata: {\"title\":\"milk\",\"done\":true}\n\nid: 2\ndata: {\"title\":\"eggs\"}\n\n")
	todos := collect(t, c.WatchTodosStream(context.Background()))
	if len(todos) != 2 || todos[0].Title != "milk" || !todos[0].Done.Value() || todos[1].Title != "eggs" || todos[1].Done.IsSet() {
		t.Errorf("todos %+v", todos)
	}
}

// TestItemSchemaContentSchema: data that is a string holding JSON
// (contentMediaType and contentSchema) streams values of the content
// schema.
func TestItemSchemaContentSchema(t *testing.T) {
	c := serve(t, "data: {\"n\":1}\n\ndata: {\"n\":9007199254740993}\n\n")
	ticks := collect(t, c.WatchTicksStream(context.Background()))
	if len(ticks) != 2 || ticks[0].N != 1 || ticks[1].N != 9007199254740993 {
		t.Errorf("ticks %+v", ticks)
	}
}

// TestItemSchemaText: data that is a plain string streams the text of each
// event, lines joined as SSE joins them, with no JSON in between.
func TestItemSchemaText(t *testing.T) {
	c := serve(t, "data: started\n\ndata: two\ndata: lines\n\nretry: 10\ndata: {not json}\n\n")
	lines := collect(t, c.TailLogStream(context.Background()))
	if len(lines) != 3 || lines[0] != "started" || lines[1] != "two\nlines" || lines[2] != "{not json}" {
		t.Errorf("lines %q", lines)
	}
}

// TestItemSchemaEnvelope: a union of {event, data} items is told apart by
// the event name, as the 3.0 convention's envelopes are.
func TestItemSchemaEnvelope(t *testing.T) {
	c := serve(t, "event: kitten\ndata: {\"purrs\":true}\n\nevent: puppy\ndata: {\"barks\":3}\n\n")
	pets := collect(t, c.WatchPetsStream(context.Background()))
	if len(pets) != 2 {
		t.Fatalf("pets %+v", pets)
	}
	kitten, ok := pets[0].AsKitten()
	puppy, ok2 := pets[1].AsPuppy()
	if !ok || !ok2 || !kitten.Data.Purrs.Value() || puppy.Data.Barks.Value() != 3 {
		t.Errorf("pets %+v", pets)
	}
}

// TestJSONLines: a JSON Lines response described by an itemSchema streams
// one value per line; blank lines, CRLF endings and a last line without
// its ending are all read.
func TestJSONLines(t *testing.T) {
	c := serveAs(t, "application/jsonl", "{\"title\":\"milk\"}\r\n\n{\"title\":\"eggs\",\"done\":false}", nil)
	todos := collect(t, c.ExportTodosStream(context.Background()))
	if len(todos) != 2 || todos[0].Title != "milk" || todos[1].Title != "eggs" || !todos[1].Done.IsSet() {
		t.Errorf("todos %+v", todos)
	}
}

// TestNDJSONStreamFlag: an NDJSON response beside a JSON one, described by
// an array schema as before 3.2, streams its items, and the stream method
// asks for the stream in the body.
func TestNDJSONStreamFlag(t *testing.T) {
	c := serveAs(t, "application/x-ndjson", "{\"n\":1}\n{\"n\":2}\n", func(r *http.Request) {
		if b, _ := io.ReadAll(r.Body); string(b) != `{"stream":true}` {
			t.Errorf("body %s", b)
		}
	})
	ticks := collect(t, c.GenerateTicksStream(context.Background(), GenerateTicksRequest{}))
	if len(ticks) != 2 || ticks[0].N != 1 || ticks[1].N != 2 {
		t.Errorf("ticks %+v", ticks)
	}
	bad := serveAs(t, "application/x-ndjson", "{\"n\":1}\n{\"n\":\n", nil)
	var err error
	for _, err = range bad.GenerateTicksStream(context.Background(), GenerateTicksRequest{}).All() {
	}
	if err == nil {
		t.Error("a line that is not JSON must end the stream with an error")
	}
}
