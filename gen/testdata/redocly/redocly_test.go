package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestInlinedOperationsDecode: the operations given as $ref, their schemas'
// properties given as $ref and their discriminator mapping (relative to the
// operation's file) make the same types a bundled spec would.
func TestInlinedOperationsDecode(t *testing.T) {
	var created CreatePetResponse
	if err := json.Unmarshal([]byte(`{"kind":"dog","good":true}`), &created); err != nil {
		t.Fatal(err)
	}
	if dog, ok := created.AsDog(); !ok || !dog.Good.Value() {
		t.Errorf("decoded as %v %+v", created.Kind(), created)
	}
	pet := Pet{Name: "Rex", Age: Some(int64(3))}
	// The inlined properties keep the order their file writes them in.
	if out, err := json.Marshal(pet); err != nil || string(out) != `{"name":"Rex","age":3}` {
		t.Errorf("Pet encodes as %s, %v", out, err)
	}
}

// TestPathItemFileOperation: a path item in a file of its own whose
// operation is a $ref to a third file becomes a method, with the path
// item's parameter.
func TestPathItemFileOperation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/pets/p1" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"name":"Rex"}`))
	}))
	defer srv.Close()
	pet, err := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0)).GetPet(context.Background(), "p1")
	if err != nil || pet.Name != "Rex" {
		t.Fatalf("GetPet: %+v, %v", pet, err)
	}
}

// TestCookieAPIKey: an apiKey scheme in a cookie sends the key as that
// cookie, beside the cookies a header of the caller's sets.
func TestCookieAPIKey(t *testing.T) {
	var got []*http.Cookie
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Cookies()
		if len(r.Header["Cookie"]) != 1 {
			t.Errorf("Cookie headers %q, want one", r.Header["Cookie"])
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"name":"Rex"}`))
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0), WithAPIKey("s3cr3t"))
	if _, err := c.GetPet(context.Background(), "p1"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "session" || got[0].Value != "s3cr3t" {
		t.Errorf("cookies %v", got)
	}
	if _, err := c.GetPet(context.Background(), "p1", WithRequestHeader("Cookie", "theme=dark")); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].String() != "theme=dark" || got[1].String() != "session=s3cr3t" {
		t.Errorf("cookies %v", got)
	}
}
