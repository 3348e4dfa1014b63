package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// TestBrokenRefsSwagger: a Swagger 2.0 document's reference that leads
// nowhere is located where it is written, as in OpenAPI 3 (the golden case
// brokenrefs), not reported at the root by the conversion.
func TestBrokenRefsSwagger(t *testing.T) {
	spec := `swagger: "2.0"
info: {title: s, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          schema: {$ref: "#/definitions/Bee"}
definitions:
  Be: {type: object}
`
	path := writeSpec(t, "swagger.yaml", spec)
	_, err := Generate(Config{Spec: path, Package: "p"})
	want := `swagger.yaml:10:20: #/paths/~1a/get/responses/200/schema: $ref "#/definitions/Bee": #/definitions has no "Bee" (did you mean "Be"?)`
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("got %v\nwant one ending in %s", err, want)
	}
	// A reference to a file that is not there, which the conversion
	// reported as the open that failed.
	path = writeSpec(t, "swagger.yaml", strings.Replace(spec, `"#/definitions/Bee"`, `"bee.yaml"`, 1))
	_, err = Generate(Config{Spec: path, Package: "p"})
	want = `swagger.yaml:10:20: #/paths/~1a/get/responses/200/schema: $ref "bee.yaml": cannot read `
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant one with %s", err, want)
	}
}

// TestBrokenRefsOnlyForRefErrors: a spec that fails to load for another
// reason keeps the loader's message, even when the checker would find a
// broken reference too.
func TestBrokenRefsOnlyForRefErrors(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: s, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses: [not, a, map]
components:
  schemas:
    A: {$ref: "#/components/schemas/Nowhere"}
`
	path := writeSpec(t, "spec.yaml", spec)
	if broken := brokenRefs([]byte(spec), path); broken.Len() != 1 {
		t.Fatalf("the checker found %d broken references, want the one", broken.Len())
	}
	_, err := Generate(Config{Spec: path, Package: "p"})
	if err == nil || strings.Contains(err.Error(), "Nowhere") {
		t.Errorf("got %v, want the loader's error about responses", err)
	}
}

// TestNoBrokenRefsInCorpus: the checker finds nothing in specs that load,
// among them DigitalOcean's 2,900 files of relative references, and
// OpenAI's and GitHub's escaped pointers (~1 in paths).
func TestNoBrokenRefsInCorpus(t *testing.T) {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the specs live there")
	}
	for _, spec := range []string{
		"digitalocean/DigitalOcean-public.v2.yaml",
		"openai-openapi.yaml",
		"github-api.github.com.json",
		"oapi-codegen/references/multipackage/discriminated_union_allof/spec.yaml",
		"oapi-codegen/references/overlays/external_json_ref/spec/spec.yaml",
	} {
		path, err := filepath.Abs(filepath.Join(corpus, "specs", spec))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := brokenRefs(data, path).Err(); err != nil {
			t.Errorf("%s: %v", spec, err)
		}
	}
}

func TestSuggestion(t *testing.T) {
	for _, c := range []struct{ a, b string }{{"Pet", "Pett"}, {"Pet", "pet"}, {"Thing", "Thng"}} {
		if d := editDistance(strings.ToLower(c.a), strings.ToLower(c.b)); d > 1 {
			t.Errorf("editDistance(%q, %q) = %d", c.a, c.b, d)
		}
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance(kitten, sitting) = %d, want 3", d)
	}
}

// writeSpec writes text to a file of that name in a temporary directory
// and returns its path.
func writeSpec(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
