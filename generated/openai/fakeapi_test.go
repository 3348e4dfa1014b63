package openai

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/oagen/oagen/internal/jsontest"
)

const testKey = "sk-test-0123456789abcdef"

// fakeAPI is an httptest server that checks every request the client sends
// against spec/openai-runs.yaml (path, query, headers, body, credentials)
// and then answers with the test's handler.
type fakeAPI struct {
	t      *testing.T
	srv    *httptest.Server
	router routers.Router
	mu     sync.Mutex
	seen   []*http.Request
	bodies [][]byte
	handle http.HandlerFunc
	// rejected collects validation failures instead of failing the test,
	// for tests that send invalid requests on purpose.
	rejected  []error
	expectBad bool
}

func newFakeAPI(t *testing.T, handle http.HandlerFunc) *fakeAPI {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("../../spec/openai-runs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeAPI{t: t, handle: handle}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	doc.Servers = openapi3.Servers{{URL: f.srv.URL + "/v1"}}
	if f.router, err = legacy.NewRouter(doc); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fakeAPI) client(opts ...Option) *Client {
	return NewClient(append([]Option{WithBaseURL(f.srv.URL + "/v1"), WithAPIKey(testKey), WithRetryDelay(0, 0)}, opts...)...)
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.seen = append(f.seen, r.Clone(context.Background()))
	f.bodies = append(f.bodies, body)
	f.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	// The router matches absolute URLs on the decoded path; match on the
	// escaped path, so an escaped "/" inside a parameter stays inside it.
	routed := r.Clone(r.Context())
	routed.URL.Scheme, routed.URL.Host = "http", r.Host
	routed.URL.Path, routed.URL.RawPath = r.URL.EscapedPath(), ""
	route, pathParams, err := f.router.FindRoute(routed)
	if err != nil {
		f.t.Errorf("%s %s: no such operation in the spec: %v", r.Method, r.URL, err)
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	input := &openapi3filter.RequestValidationInput{
		Request: routed, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
			if in.RequestValidationInput.Request.Header.Get("Authorization") != "Bearer "+testKey {
				return errors.New("missing bearer token")
			}
			return nil
		}},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), input); err != nil {
		f.mu.Lock()
		f.rejected = append(f.rejected, err)
		f.mu.Unlock()
		if !f.expectBad {
			f.t.Errorf("%s %s: request does not match the spec: %v", r.Method, r.URL, err)
		}
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if got := r.Header.Get("OpenAI-Beta"); got != "assistants=v2" {
		f.t.Errorf("OpenAI-Beta header = %q", got)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	f.handle(w, r)
}

func (f *fakeAPI) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.seen)
}

// recorded returns a payload from the shared corpus, or skips the test.
func recorded(tb testing.TB, rel string) []byte {
	tb.Helper()
	b := recordedOrNil(rel)
	if b == nil {
		tb.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); this test replays recorded traffic")
	}
	return b
}

// recordedOrNil returns a payload from the shared corpus, or nil.
func recordedOrNil(rel string) []byte {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(corpus, "payloads", rel))
	if err != nil {
		return nil
	}
	return b
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "req_123")
	w.WriteHeader(status)
	w.Write(body)
}
