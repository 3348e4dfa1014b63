package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"net/http"
	"net/http/httptest"
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
