package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// TestIsSwagger2: a Swagger 2.0 document is told by its swagger member,
// however quoted, in YAML or JSON; an OpenAPI 3 document that mentions
// swagger is not one.
func TestIsSwagger2(t *testing.T) {
	for doc, want := range map[string]bool{
		"swagger: \"2.0\"\ninfo: {}\n":                          true,
		"info: {}\n'swagger': '2.0'\n":                          true,
		`{"info": {}, "swagger": "2.0"}`:                        true,
		"openapi: 3.0.3\ninfo: {description: 'swagger: 2.0'}\n": false,
		"openapi: 3.0.3\nx-swagger: \"2.0\"\n":                  false,
		`{"openapi": "3.1.0", "x": {"swagger": "2.0"}}`:         false,
		"swagger: \"3.0\"\n":                                    false,
		"\ufeffswagger: '2.0'\n":                                true, // after a byte order mark
		"---\n  swagger: \"2.0\"\n  info: {}\n":                 true, // a document indented as a whole (go-swagger's fixtures)
		"# c\n\n  info: {}\n  swagger: '2.0'\n":                 true,
		"openapi: 3.0.3\ninfo:\n  swagger: '2.0'\n":             false, // not at the top level
		"  openapi: 3.0.3\n  info:\n    swagger: '2.0'\n":       false,
	} {
		if got := isSwagger2([]byte(doc)); got != want {
			t.Errorf("%q: %v, want %v", doc, got, want)
		}
	}
}

// TestSwaggerPointer: each place the conversion moves something to is
// translated back to where the Swagger 2.0 document writes it.
func TestSwaggerPointer(t *testing.T) {
	data, err := os.ReadFile("testdata/swagger/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	plain, converted := newPositions(&n), newPositions(&n)
	converted.swagger = true
	for v3, v2 := range map[string]string{
		"#/components/schemas/Pet/properties/owner":                                        "#/definitions/Pet/properties/owner",
		"#/paths/~1pets/get/responses/200/content/application~1json/schema/properties":     "#/paths/~1pets/get/responses/200/schema/properties",
		"#/paths/~1pets/post/requestBody/content/application~1json/schema/properties":      "#/paths/~1pets/post/parameters/0/schema/properties",
		"#/paths/~1pets/get/parameters/1":                                                  "#/paths/~1pets/get/parameters/1",
		"#/paths/~1pets~1{id}~1photo/post/requestBody/content/multipart~1form-data/schema": "#/paths/~1pets~1{id}~1photo/post/parameters",
		"#": "#",
	} {
		if got := swaggerPointer(converted.root, v3); got != v2 {
			t.Errorf("%s: %s, want %s", v3, got, v2)
		}
		if converted.node(v3) == nil || converted.node(v3) != plain.node(v2) {
			t.Errorf("%s does not lead to %s", v3, v2)
		}
	}
	places := converted.keyPlaces("#/paths/~1pets~1{id}~1photo/post/requestBody/content/multipart~1form-data/schema/properties")
	if places["photo"].line == 0 || places["caption"].compare(places["photo"]) <= 0 {
		t.Errorf("formData places: %v", places)
	}
}

// TestSwaggerJSONYAMLCannotRead: JSON that YAML cannot read (a surrogate
// pair escape) still converts, without positions.
func TestSwaggerJSONYAMLCannotRead(t *testing.T) {
	spec := `{"swagger": "2.0", "info": {"title": "\ud83d\ude00", "version": "1"}, "paths": {"/a": {"get": {"operationId": "getA", "responses": {"204": {"description": "none"}}}}}}`
	doc, pos, err := loadSwagger2([]byte(spec), "spec.json")
	if err != nil || pos != nil || doc.Info.Title != "\U0001F600" || doc.Paths.Find("/a") == nil {
		t.Fatalf("%+v, %v, %v", doc, pos, err)
	}
}

// TestExcessiveAliasing: a document whose aliases expand a billion-fold is
// an error, as the YAML decoder makes it for the OpenAPI loader, not a
// generator run out of memory; in a Swagger document, and in what a
// forbidden reference inlines.
func TestExcessiveAliasing(t *testing.T) {
	laughs := "x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 9; i++ {
		laughs += fmt.Sprintf("x-a%d: &a%d [%s]\n", i, i, strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9)+fmt.Sprintf("*a%d", i-1))
	}
	swagger := "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n" + laughs
	if _, _, err := loadSwagger2([]byte(swagger), "spec.yaml"); err == nil || !strings.Contains(err.Error(), "excessive aliasing") {
		t.Errorf("swagger: %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "laughs.yaml"), []byte("description:\n  "+strings.ReplaceAll(laughs, "\n", "\n  ")), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := "openapi: 3.0.3\ninfo:\n  title: t\n  version: \"1\"\n  description:\n    $ref: laughs.yaml#/description/x-a8\npaths: {}\n"
	if _, err := inlineForbiddenRefs([]byte(spec), filepath.Join(dir, "spec.yaml")); err == nil || !strings.Contains(err.Error(), "excessive aliasing") {
		t.Errorf("inlined: %v", err)
	}
}

// TestSwaggerWrongKindLocated: a Swagger member of the wrong kind, which
// decoding reports by Go field only ("cannot unmarshal string into field
// Operation.tags of type []string"), is located; a member of that name
// elsewhere (a property named tags) is not blamed.
func TestSwaggerWrongKindLocated(t *testing.T) {
	spec := writeSpec(t, "spec.yaml", `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pets:
    post:
      operationId: addPet
      tags: pets
      responses: {"204": {description: none}}
definitions:
  Pet:
    type: object
    properties:
      tags: {type: string}
`)
	_, err := Prepare(Config{Spec: spec, Package: "p"})
	want := "/spec.yaml:7:7: #/paths/~1pets/post/tags: tags cannot be a string here (it is read as []string)"
	if err == nil || !strings.HasSuffix(err.Error(), want) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
