package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestJSONRefsInlined: the operation, media type, description and
// properties given as $refs written across lines in a JSON spec make the
// types and methods a bundled spec would.
func TestJSONRefsInlined(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"name":"Rex","age":3}]`))
	}))
	defer srv.Close()
	pets, err := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0)).ListPets(context.Background())
	if err != nil || len(pets) != 1 || pets[0].Name != "Rex" || pets[0].Age.Value() != 3 {
		t.Fatalf("ListPets: %+v, %v", pets, err)
	}
	var _ func(*Client, context.Context, Pet, ...RequestOption) error = (*Client).CreatePet
}

// TestQueryAPIKey: an apiKey scheme in the query sends the key as that
// parameter, escaped, beside the call's own; an error never shows it.
func TestQueryAPIKey(t *testing.T) {
	const key = "k 1&x=y"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Get("api key") != key || q.Get("page") != "2" || len(q) != 2 {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		if r.Header.Get("Authorization") != "" {
			t.Errorf("Authorization %q sent too", r.Header.Get("Authorization"))
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0), WithAPIKey(key))
	if _, err := c.ListPets(context.Background(), WithQuery("page", "2")); err != nil {
		t.Fatal(err)
	}
	// Without a key nothing is added.
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			t.Errorf("query %q without a key", r.URL.RawQuery)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	})
	if _, err := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0), WithAPIKey("")).ListPets(context.Background()); err != nil {
		t.Fatal(err)
	}

	failing := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0), WithAPIKey("secret"),
		WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
			if r.URL.Query().Get("api key") != "secret" {
				t.Errorf("query %q", r.URL.RawQuery)
			}
			return http.DefaultClient.Do(r.WithContext(canceled()))
		})))
	_, err := failing.ListPets(context.Background())
	if err == nil || strings.Contains(err.Error(), "secret") || !errors.Is(err, context.Canceled) {
		t.Errorf("error %v: want context.Canceled, without the key", err)
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
