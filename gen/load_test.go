package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (path: content) under a new directory and returns
// the directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestErrorsInOtherFilesAreLocated: a file the spec refers to that is not
// YAML, is not what its place calls for (properties as a list), or holds a
// forbidden reference leading nowhere, is named in the diagnostic with its
// own line, not the spec's file.
func TestErrorsInOtherFilesAreLocated(t *testing.T) {
	const spec = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: \"models/region.yaml\"}\n"
	for _, c := range []struct{ region, want string }{
		{"type: object\ndescription: Another file: of the same name.\n", "region.yaml:2:1: #: cannot load: "},
		{"type: object\nproperties:\n  - code\n", "region.yaml:3:1: #: cannot load: "},
		{"type: object\nproperties:\n  $ref: missing.yaml\n", "region.yaml:3:3: #/properties: $ref \"missing.yaml\""},
	} {
		dir := writeTree(t, map[string]string{"spec.yaml": spec, "models/region.yaml": c.region})
		_, err := Prepare(Config{Spec: filepath.Join(dir, "spec.yaml"), Package: "p"})
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "spec.yaml:") {
			t.Errorf("%q: error %v, want %q", c.region, err, c.want)
		}
	}
}

// TestDisplayPath: diagnostics name a file relative to the working
// directory when that is shorter, as the user most likely typed it, and
// leave a relative path as given.
func TestDisplayPath(t *testing.T) {
	root := t.TempDir()
	wd := filepath.Join(root, "work", "repo")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)
	for _, c := range []struct{ path, want string }{
		{filepath.Join(wd, "spec", "openapi.yaml"), filepath.Join("spec", "openapi.yaml")},
		{filepath.Join(root, "work", "shared", "openai.yaml"), filepath.Join("..", "shared", "openai.yaml")},
		{"/x.yaml", "/x.yaml"}, // ../../../(...)/x.yaml would be longer
		{filepath.Join("..", "specs", "a.yaml"), filepath.Join("..", "specs", "a.yaml")},
	} {
		if got := displayPath(c.path); got != c.want {
			t.Errorf("displayPath(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// TestTuplesLoad: items given as a list of schemas (a tuple), which
// kin-openapi cannot read in either Swagger 2.0 or OpenAPI 3.0 ("cannot
// unmarshal array into value of type openapi3.Schema"), is a list of any
// values, in an OpenAPI document (ogen's sample.json) as in a Swagger one
// (golden swagger).
func TestTuplesLoad(t *testing.T) {
	spec := writeSpec(t, "spec.json", `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
		"components": {"schemas": {"Point": {"type": "object", "properties": {
			"xy": {"type": "array", "items": [{"type": "number"}, {"type": "number"}], "additionalItems": false}}}}}}`)
	if all := generatedText(t, spec); !strings.Contains(all, "\tXy Opt[[]json.RawMessage]") {
		t.Errorf("no Xy of raw elements in:\n%s", all)
	}
}

// TestNotOpenAPI: a file that is no OpenAPI document (a CI workflow, a
// JSON Schema, a file of shared schemas) loads as an object without paths,
// and made an empty package; it is an error.
func TestNotOpenAPI(t *testing.T) {
	for name, text := range map[string]string{
		"go.yml":    "name: Go\non: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n",
		"Book.json": `{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"name": {"type": "string"}}}`,
	} {
		_, err := Prepare(Config{Spec: writeSpec(t, name, text), Package: "p"})
		if err == nil || !strings.Contains(err.Error(), name+":1:1: #: not an OpenAPI document") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSchemaAndContentLocated: a parameter with both a schema and content,
// which the loader refuses without saying which, is located.
func TestSchemaAndContentLocated(t *testing.T) {
	spec := writeSpec(t, "spec.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - name: q
          in: query
          schema: {type: string}
          content:
            application/json: {schema: {type: object}}
      responses: {"204": {description: none}}
`)
	_, err := Prepare(Config{Spec: spec, Package: "p"})
	want := "spec.yaml:11:11: #/paths/~1a/get/parameters/0: a parameter takes a schema or content, not both"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
