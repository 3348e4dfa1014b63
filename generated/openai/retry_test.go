package openai

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// failing answers the first n requests with status (or drops the
// connection when status is 0), then succeeds.
func failing(n int32, status int, header http.Header) (http.HandlerFunc, *atomic.Int32) {
	var count atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) <= n {
			if status == 0 {
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close()
				return
			}
			for k, v := range header {
				w.Header()[k] = v
			}
			writeJSON(w, status, []byte(`{"error":{"message":"try again"}}`))
			return
		}
		writeJSON(w, 200, []byte(`{"id":"run_1"}`))
	}, &count
}

func TestRetriesTransientFailures(t *testing.T) {
	for _, status := range []int{0, 408, 409, 429, 500, 503} {
		handler, count := failing(2, status, nil)
		api := newFakeAPI(t, handler)
		run, err := api.client().GetRun(context.Background(), "t", "r")
		if err != nil || run.ID != "run_1" || count.Load() != 3 {
			t.Errorf("status %d: %v after %d attempts", status, err, count.Load())
		}
	}
}

func TestGivesUpAfterMaxRetries(t *testing.T) {
	handler, count := failing(10, 502, nil)
	api := newFakeAPI(t, handler)
	_, err := api.client(WithMaxRetries(3)).GetRun(context.Background(), "t", "r")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || count.Load() != 4 {
		t.Fatalf("%v after %d attempts", err, count.Load())
	}
}

func TestDoesNotRetryClientErrors(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 422} {
		handler, count := failing(1, status, nil)
		api := newFakeAPI(t, handler)
		if _, err := api.client().GetRun(context.Background(), "t", "r"); err == nil || count.Load() != 1 {
			t.Errorf("status %d: %v after %d attempts", status, err, count.Load())
		}
	}
}

func TestHonoursRetryAfter(t *testing.T) {
	for name, h := range map[string]http.Header{
		"Retry-After-Ms": {"Retry-After-Ms": {"150"}},
		"Retry-After":    {"Retry-After": {"1"}},
	} {
		handler, _ := failing(1, 429, h)
		api := newFakeAPI(t, handler)
		start := time.Now()
		if _, err := api.client().GetRun(context.Background(), "t", "r"); err != nil {
			t.Fatal(err)
		}
		want := map[string]time.Duration{"Retry-After-Ms": 150 * time.Millisecond, "Retry-After": time.Second}[name]
		if took := time.Since(start); took < want {
			t.Errorf("%s: retried after %v, want at least %v", name, took, want)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	c := NewClient(WithRetryDelay(100*time.Millisecond, time.Second))
	now := time.Now()
	date := now.Add(3 * time.Second).UTC().Format(http.TimeFormat)
	if d, ok := retryAfter(http.Header{"Retry-After": {date}}, now); !ok || d < 2*time.Second || d > 3*time.Second {
		t.Fatalf("HTTP date Retry-After: %v %v", d, ok)
	}
	far := &http.Response{Header: http.Header{"Retry-After": {"3600"}}}
	for attempt := range 6 {
		d := c.retryDelay(far, attempt) // an hour is over the cap: backoff instead
		hi := min(100*time.Millisecond<<attempt, time.Second)
		if d > hi || d < hi*3/4 {
			t.Errorf("attempt %d: delay %v outside [%v, %v]", attempt, d, hi*3/4, hi)
		}
	}
}

func TestDoesNotRetryABodyThatCannotBeReplayed(t *testing.T) {
	handler, count := failing(1, 500, nil)
	api := newFakeAPI(t, handler)
	body := io.MultiReader(strings.NewReader(`{"metadata":{}}`)) // not an io.Seeker
	_, err := api.client().ModifyRun(context.Background(), "t", "r", ModifyRunRequest{}, WithRequestBody(body))
	if err == nil || count.Load() != 1 {
		t.Fatalf("%v after %d attempts", err, count.Load())
	}
}

func TestPerAttemptTimeoutIsRetried(t *testing.T) {
	var count atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		writeJSON(w, 200, []byte(`{"id":"run_1"}`))
	})
	if _, err := api.client(WithTimeout(100*time.Millisecond)).GetRun(context.Background(), "t", "r"); err != nil || count.Load() != 2 {
		t.Fatalf("%v after %d attempts", err, count.Load())
	}
}

func TestMiddlewareSeesEveryAttempt(t *testing.T) {
	handler, _ := failing(1, 503, nil)
	api := newFakeAPI(t, handler)
	var statuses []int
	mw := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		req.Header.Set("X-Attempt", "yes")
		resp, err := next(req)
		if err == nil {
			statuses = append(statuses, resp.StatusCode)
		}
		return resp, err
	}
	if _, err := api.client(WithMiddleware(mw)).GetRun(context.Background(), "t", "r"); err != nil {
		t.Fatal(err)
	}
	if len(statuses) != 2 || statuses[0] != 503 || statuses[1] != 200 || api.seen[1].Header.Get("X-Attempt") != "yes" {
		t.Fatalf("middleware saw %v", statuses)
	}
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	handler, count := failing(100, 500, http.Header{"Retry-After": {"30"}})
	api := newFakeAPI(t, handler)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := api.client(WithMaxRetries(5)).GetRun(ctx, "t", "r")
	if err == nil || time.Since(start) > 5*time.Second || count.Load() != 1 {
		t.Fatalf("%v after %v and %d attempts", err, time.Since(start), count.Load())
	}
}
