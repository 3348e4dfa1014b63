package gen

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/jsontest"
)

func parsePositions(t *testing.T, src string) (*yaml.Node, *positions) {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return &n, newPositions(&n)
}

func TestPositionsKeyLines(t *testing.T) {
	var many strings.Builder
	for i := range 40 { // past indexFrom, so the mapping is indexed
		fmt.Fprintf(&many, "    s%02d: {type: string}\n", i)
	}
	src := `openapi: 3.1.0
paths:
  /a/{b}~c:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                properties:
                  zeta: {type: string}
                  alpha: {type: string}
components:
  schemas:
` + many.String() + `    Last:
      allOf:
        - properties:
            one: {type: string}
            two: {type: string}
`
	_, p := parsePositions(t, src)
	got := p.keyPlaces("#/paths/~1a~1{b}~0c/get/responses/200/content/application~1json/schema/properties")
	if got["zeta"].line != 11 || got["alpha"].line != 12 || len(got) != 2 {
		t.Errorf("escaped path: %v", got)
	}
	if got := p.keyPlaces("#/components/schemas/Last/allOf/0/properties"); got["one"].line != 58 || got["two"].line != 59 {
		t.Errorf("through the index and a sequence: %v", got)
	}
	if got := p.keyPlaces("#/components/schemas/s07"); got["type"].line != 22 {
		t.Errorf("an indexed member: %v", got)
	}
	for _, missing := range []string{"#/components/schemas/Nope/properties", "#/components/schemas/Last/allOf/1", "#/components/schemas/Last/allOf/x", "other.yaml#/a", "#/components/schemas/s01/type"} {
		if got := p.keyPlaces(missing); got != nil {
			t.Errorf("%s: %v, want nil", missing, got)
		}
	}
}

func TestSelfContained(t *testing.T) {
	for src, want := range map[string]bool{
		"a: {$ref: '#/b'}\nb: {type: string}\n":           true,
		"a: {$ref: 'other.yaml#/b'}\n":                    false,
		"a: &x {type: string}\nb: *x\n":                   false,
		"base: &b {type: string}\nc:\n  <<: *b\n  d: 1\n": false,
		// A "$ref" member of an example is data (GitHub's), and so is a
		// property named $ref (SCIM's members, in GitHub's spec).
		`{"a": {"examples": {"x": {"value": {"$ref": "refs/heads/main"}}}}}`:               true,
		"a:\n  example:\n    $ref: other.yaml\n":                                           true,
		`{"s": {"properties": {"$ref": {"type": "string"}, "value": {"type": "string"}}}}`: true,
		"a:\n  example: &x {b: 1}\n":                                                       false,
		"a:\n  example: {b: 1}\n  schema: {$ref: 'other.yaml#/S'}\n":                       false,
		`{"a": {"examples": {"x": {"value": 1}}, "schema": {"$ref": "other.json#/S"}}}`:    false,
	} {
		n, _ := parsePositions(t, src)
		if got := selfContained(n); got != want {
			t.Errorf("%q: selfContained = %v, want %v", src, got, want)
		}
	}
}

// TestFastLoadMatchesOrigins holds loadFast to the slow path it replaces:
// for each spec, building from positions either succeeds with the very
// files the origins give, or fails so Prepare falls back (the last spec
// does: its pointers do not all lead to the schema). A full-corpus run of
// this comparison: 106 YAML specs took the fast path, 101 identical, 5 fell
// back, none differed; since JSON takes it too, 54 JSON specs do, none
// falls back, and the whole corpus generates what it did through origins.
func TestFastLoadMatchesOrigins(t *testing.T) {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the specs live there")
	}
	// GitHub's, for the "$ref" members of its examples and properties.
	specs := append(corpusSample[:len(corpusSample):len(corpusSample)], "github-api.github.com.json", "oapi-codegen/aggregates/allof/spec.yaml")
	fellBack := 0
	for _, spec := range specs {
		path := filepath.Join(corpus, "specs", spec)
		cfg := Config{Spec: path, Package: "p"}
		doc, short, err := loadFast(path, loadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		pos := short.pos
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// A one-file spec takes the fast path: YAML with no "$ref" to another
		// file, and JSON, all of it one file here (GitHub's "$ref" members
		// of examples make the look at its bytes say otherwise; its parse
		// tells them from references).
		switch oneFile := !refersElsewhere(data) || isJSON(data); {
		case oneFile && pos == nil:
			t.Errorf("%s: a one-file spec did not take the fast path", spec)
		case !oneFile && pos != nil:
			t.Errorf("%s: a spec split over files took the fast path", spec)
		}
		if pos == nil {
			continue
		}
		odoc, err := load(path)
		if err != nil {
			t.Fatal(err)
		}
		slow, slowErr := build(odoc, cfg)
		fast, fastErr := buildAt(doc, pos, cfg)
		if errors.Is(fastErr, errUnplaced) {
			fellBack++
			continue
		}
		if (fastErr != nil) != (slowErr != nil) {
			t.Errorf("%s: fast build %v, with origins %v", spec, fastErr, slowErr)
			continue
		}
		if fastErr != nil {
			continue // diagnostics: Prepare reports them from origins
		}
		want, err1 := emit(slow)
		got, err2 := emit(fast)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", spec, err1, err2)
		}
		for _, name := range differing(want, got) {
			t.Errorf("%s: %s differs between the fast load and origins", spec, name)
		}
	}
	if fellBack != 1 {
		t.Errorf("%d specs fell back, want 1 (allof/spec.yaml)", fellBack)
	}
	// And Prepare's fallback gives what origins give.
	path := filepath.Join(corpus, "specs", "oapi-codegen/aggregates/allof/spec.yaml")
	files, err := Generate(Config{Spec: path, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	odoc, err := load(path)
	if err != nil {
		t.Fatal(err)
	}
	api, err := build(odoc, Config{Spec: path, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := emit(api)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !bytes.Equal(want[i].Content, filesByName(files)[want[i].Name]) {
			t.Errorf("fallback: %s differs", want[i].Name)
		}
	}
}

func filesByName(files []File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Name] = f.Content
	}
	return m
}

func TestRefersElsewhere(t *testing.T) {
	for src, want := range map[string]bool{
		"a: {$ref: '#/b'}\nb:\n  $ref: \"#/c\"\n":               false,
		"a:\n  $ref: other.yaml#/b\n":                           true,
		"a: {\"$ref\": \"./b.json\"}\n":                         true,
		"description: see the $ref keyword\nx: {$ref: '#/y'}\n": false,
		"a: {$ref: 'https://example.com/s.yaml'}\n":             true,
	} {
		if got := refersElsewhere([]byte(src)); got != want {
			t.Errorf("%q: %v, want %v", src, got, want)
		}
	}
}
