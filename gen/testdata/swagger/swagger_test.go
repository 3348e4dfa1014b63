package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSwaggerClient: a Swagger 2.0 document's base path, collection
// formats, body parameter, formData parameters, default error response,
// x-nullable (beside a $ref too) and API key header come through its
// conversion to OpenAPI 3.
func TestSwaggerClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("X-API-Key") != "k1" || r.Header.Get("Authorization") != "" {
			t.Errorf("the API key goes in the scheme's header: %v", r.Header)
		}
		switch r.Method + " " + r.URL.Path {
		case "GET /v2/pets":
			if q := r.URL.Query(); q.Get("tags") != "a,b" || q.Get("colors") != "red|blue" || len(q) != 2 || r.Header.Get("X-Trace") != "t1" {
				t.Errorf("query %q, X-Trace %q", r.URL.RawQuery, r.Header.Get("X-Trace"))
			}
			_, _ = io.WriteString(w, `{"pets":[{"name":"Rex","owner":null,"favorite":null}],"next":null}`)
		case "POST /v2/pets":
			b, _ := io.ReadAll(r.Body)
			if string(b) != `{"name":"Tom","kind":"cat"}` {
				t.Errorf("body %s", b)
			}
			w.WriteHeader(http.StatusTeapot)
			_, _ = io.WriteString(w, `{"code":7,"message":"no"}`)
		case "POST /v2/pets/p1/photo":
			if err := r.ParseMultipartForm(1 << 20); err != nil || r.FormValue("caption") != "hi" {
				t.Errorf("form %v %v", r.MultipartForm, err)
			}
			w.WriteHeader(http.StatusNoContent)
		default:
			t.Errorf("request %s %s", r.Method, r.URL)
		}
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL+"/v2"), WithMaxRetries(0), WithAPIKey("k1"))
	ctx := context.Background()
	list, err := c.ListPets(ctx, ListPetsParams{Tags: Some([]string{"a", "b"}), XTrace: "t1", Colors: Some([]string{"red", "blue"})})
	if err != nil || len(list.Pets) != 1 || !list.Pets[0].Owner.IsNull() || !list.Pets[0].Favorite.IsNull() || !list.Next.IsNull() {
		t.Fatalf("ListPets: %+v, %v", list, err)
	}
	if out, err := json.Marshal(list); err != nil || string(out) != `{"pets":[{"name":"Rex","owner":null,"favorite":null}],"next":null}` {
		t.Errorf("re-encoded %s, %v", out, err)
	}
	_, err = c.CreatePet(ctx, CreatePetRequest{Name: "Tom", Kind: Some(CreatePetRequestKindCat)})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("CreatePet: %v", err)
	}
	if e, ok := apiErr.AsError(); !ok || e.Code != 7 {
		t.Errorf("error body: %+v", e)
	}
	photo := File{Name: "p.png", Content: strings.NewReader("png")}
	if err := c.UploadPhoto(ctx, "p1", UploadPhotoRequest{Photo: photo, Caption: Some("hi")}); err != nil {
		t.Fatal(err)
	}
	var pet Pet
	pet.BFF = Some(Owner{City: Some("Oslo")})        // x-go-name beside a $ref names the field
	if PetSizeSmall != "s" || PetSizeMedium != "m" { // named by x-ms-enum
		t.Errorf("sizes %q %q", PetSizeSmall, PetSizeMedium)
	}
	if defaultBaseURL != "https://pets.example.com/v2" {
		t.Errorf("base URL %q", defaultBaseURL)
	}
}
