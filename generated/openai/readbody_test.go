package openai

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"testing/iotest"
)

func response(body io.Reader, length int64) *http.Response {
	return &http.Response{StatusCode: 200, Body: io.NopCloser(body), ContentLength: length}
}

// replay answers r as net/http hands a server's answer over: status 200,
// contentType, body with its length (or -1, unknown, as for a stream).
// It first copies r's body into sent, as a transport sends it.
func replay(r *http.Request, sent io.Writer, contentType string, body []byte, length int64) (*http.Response, error) {
	if _, err := io.Copy(sent, r.Body); err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {contentType}},
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: length, Request: r}, nil
}

// TestReadBody reads bodies whose Content-Length is right, short, long and
// unknown: every byte sent comes back, and a body that ends early is an
// error, whichever way the reader hands out its bytes.
func TestReadBody(t *testing.T) {
	body := strings.Repeat("0123456789", 300)
	for _, tc := range []struct {
		name    string
		length  int64
		sent    string
		wantErr bool
	}{
		{"exact", int64(len(body)), body, false},
		{"unknown", -1, body, false},
		{"zero announced", 0, body, false},
		{"more than announced", 10, body, false},
		{"one more than announced", int64(len(body) - 1), body, false},
		{"less than announced", int64(len(body) + 5), body, true},
		{"empty", 0, "", false},
		{"beyond the presize limit", maxPresized + 1, body, false},
	} {
		for _, wrap := range []struct {
			name string
			r    func(io.Reader) io.Reader
		}{
			{"whole", func(r io.Reader) io.Reader { return r }},
			{"byte at a time", iotest.OneByteReader},
			{"data with EOF", iotest.DataErrReader},
		} {
			got, err := readBody(response(wrap.r(strings.NewReader(tc.sent)), tc.length))
			if tc.wantErr {
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("%s, %s: err = %v, want io.ErrUnexpectedEOF", tc.name, wrap.name, err)
				}
				continue
			}
			if err != nil || string(got) != tc.sent {
				t.Errorf("%s, %s: got %d bytes, %v; want the %d sent", tc.name, wrap.name, len(got), err, len(tc.sent))
			}
		}
	}
	failing := errors.New("connection reset")
	if _, err := readBody(response(iotest.ErrReader(failing), 100)); !errors.Is(err, failing) {
		t.Errorf("a failing read: err = %v", err)
	}
	if _, err := readBody(response(io.MultiReader(strings.NewReader(body), iotest.ErrReader(failing)), int64(len(body)))); !errors.Is(err, failing) {
		t.Errorf("a read failing after the announced bytes: err = %v", err)
	}
}

// TestReadBodyOneAllocation: a body of announced length costs one
// allocation, where io.ReadAll grows its buffer several times.
func TestReadBodyOneAllocation(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 1689)
	r := bytes.NewReader(body)
	resp := response(r, int64(len(body)))
	allocs := testing.AllocsPerRun(100, func() {
		r.Reset(body)
		if got, err := readBody(resp); err != nil || len(got) != len(body) {
			t.Fatalf("%d bytes, %v", len(got), err)
		}
	})
	if allocs != 1 {
		t.Errorf("readBody: %v allocations per body, want 1", allocs)
	}
}

// countingReader counts the reads made of it.
type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(p []byte) (int, error) { c.reads++; return c.r.Read(p) }

// doerFunc is a Doer made of a function.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestClientReadsAnnouncedBodyOnce: the client reads a response of known
// length into one buffer of that length, in one read and one for the end,
// rather than growing a buffer read after read.
func TestClientReadsAnnouncedBodyOnce(t *testing.T) {
	run := recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")
	body := &countingReader{r: bytes.NewReader(run)}
	c := NewClient(WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(body), ContentLength: int64(len(run)), Request: r}, nil
	})))
	if _, err := c.GetRun(context.Background(), "thread_1", "run_1"); err != nil {
		t.Fatal(err)
	}
	if body.reads != 2 {
		t.Errorf("%d reads of a %d-byte body, want 2 (the body, then its end)", body.reads, len(run))
	}
}

// TestResponsesReuseTheConnection: reading a body to its announced length
// must still let the transport put the connection back for the next call.
func TestResponsesReuseTheConnection(t *testing.T) {
	run := recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, run) })
	c := api.client()
	for i := range 3 {
		var reused bool
		ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
			GotConn: func(info httptrace.GotConnInfo) { reused = info.Reused },
		})
		if _, err := c.GetRun(ctx, "thread_1", "run_1"); err != nil {
			t.Fatal(err)
		}
		if i > 0 && !reused {
			t.Fatalf("call %d opened a new connection", i+1)
		}
	}
}
