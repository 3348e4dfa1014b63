package gen

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/jsontest"
)

// bundledAndFileByFile builds the spec at path from its files bundled into
// one document and from kin-openapi's file-by-file load, and returns the
// files each gives, or the build errors.
func bundledAndFileByFile(t *testing.T, path string) (bundled, byFile []File, bundledErr, byFileErr error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	one, err := bundle(data, path, false)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc, err := loadBundled(one, path)
	if err != nil {
		t.Fatalf("%s: the bundled document does not load: %v", path, err)
	}
	slow, err := load(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	cfg := Config{Spec: path, Package: "p"}
	fromBundle, bundledErr := build(doc, cfg)
	fromFiles, byFileErr := build(slow, cfg)
	if bundledErr == nil {
		if bundled, err = emit(fromBundle); err != nil {
			t.Fatal(err)
		}
	}
	if byFileErr == nil {
		if byFile, err = emit(fromFiles); err != nil {
			t.Fatal(err)
		}
	}
	return bundled, byFile, bundledErr, byFileErr
}

// TestBundleMatchesFileByFile holds bundle to the load it replaces: a spec
// split over files, bundled into one document, builds the very package
// kin-openapi's file-by-file load gives (which took DigitalOcean's spec 4 s
// and 25,955 file parses). testdata/bundle has each kind of reference the
// bundler places: a path item, parameters, a request body, responses used
// twice (one holding a schema inline, which each use gets its own types of,
// one only referring to its schema), schemas by file and by fragment, a
// chain of references, allOf parts from other files (each use its own
// copy), and a discriminator mapping to files.
func TestBundleMatchesFileByFile(t *testing.T) {
	specs := []string{"testdata/bundle/spec.yaml", "testdata/sharedfiles/spec.yaml", "testdata/redocly/spec.yaml"}
	if corpus, ok := jsontest.CorpusDir(); ok {
		for _, spec := range []string{
			"digitalocean/DigitalOcean-public.v2.yaml",
			"oapi-codegen/references/multipackage/discriminated_union_allof/spec.yaml",
			"oapi-codegen/references/multipackage/response_cast/spec-other.yaml",
			"oapi-codegen/references/overlays/external_json_ref/spec/spec.yaml",
		} {
			specs = append(specs, filepath.Join(corpus, "specs", spec))
		}
	} else {
		t.Log("shared corpus not found (../shared/corpus or $OAGEN_CORPUS): DigitalOcean's spec and oapi-codegen's are not compared")
	}
	for _, path := range specs {
		bundled, byFile, bundledErr, byFileErr := bundledAndFileByFile(t, path)
		if bundledErr != nil || byFileErr != nil {
			t.Errorf("%s: build errors: bundled %v, file by file %v", path, bundledErr, byFileErr)
			continue
		}
		for _, name := range differing(byFile, bundled) {
			t.Errorf("%s: %s differs between the bundled document and the file-by-file load", path, name)
		}
	}
}

// TestBundleCopiesWhatTheLoaderCopies pins what the comparison above
// relies on in testdata/bundle: a response holding a schema inline gives
// each operation its own type, as the file-by-file load always has, while
// one only referring to its schema is one component; schemas are one
// component each, and reach the builder with what the spec wrote.
func TestBundleCopiesWhatTheLoaderCopies(t *testing.T) {
	files, err := Generate(Config{Spec: "testdata/bundle/spec.yaml", Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	var types string
	for _, f := range files {
		if f.Name == "types.gen.go" {
			types = string(f.Content)
		}
	}
	for _, want := range []string{
		"type CreateOwnerResponse struct", "type GetOwnerResponse struct", // the response holding a schema, per use
		"type Owner struct", "type Pet struct", "type Problem struct", // schemas, by file and fragment
		"type Alias struct", // the chain's first link names it
	} {
		if !strings.Contains(types, want) {
			t.Errorf("types.gen.go has no %q", want)
		}
	}
	data, err := os.ReadFile("testdata/bundle/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	one, err := bundle(data, "testdata/bundle/spec.yaml", true)
	if err != nil {
		t.Fatal(err)
	}
	text := string(one)
	for what, n := range map[string]int{
		`"x-oagen-ref":"models/owner.yaml"`:        3, // the component Owner, and in each copy of the owner response
		`"x-oagen-ref":"../models/pet.yaml"`:       1,
		`"x-oagen-ref":"./pet.yaml"`:               1, // the same file, as written there
		`"x-oagen-ref":"responses.yaml#/notFound"`: 2,
		`"x-oagen-ref":"responses.yaml#/owner"`:    2,
	} {
		if got := strings.Count(text, what); got != n {
			t.Errorf("%s appears %d times in the bundled document, want %d", what, got, n)
		}
	}
	// One component for the schema both pet.yaml references lead to, one
	// per use for the response with a schema inline.
	if got := strings.Count(text, `"description":"A response holding a schema inline, used by two operations."`); got != 2 {
		t.Errorf("the response holding a schema is in the bundle %d times, want 2 (one per use)", got)
	}
	if got := strings.Count(text, `"description":"A response that only refers to its schema, used by two operations."`); got != 1 {
		t.Errorf("the response referring to its schema is in the bundle %d times, want 1", got)
	}
}

// TestBundleExamples: the package needs no examples, so Prepare's bundle
// leaves them out (DigitalOcean's load takes a quarter less time), while
// Load, for tools that read them, keeps them.
func TestBundleExamples(t *testing.T) {
	const path = "testdata/bundle/spec.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{false, true} {
		one, err := bundle(data, path, keep)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(one), `"example":`); got != keep {
			t.Errorf("examples kept: %v, want %v", got, keep)
		}
	}
	doc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	mt := doc.Paths.Value("/owners/{id}").Get.Responses.Status(200).Value.Content.Get("application/json")
	if ex, ok := mt.Example.(map[string]any); !ok || ex["status"] != "new" {
		t.Errorf("Load's example of getOwner's response: %#v", mt.Example)
	}
}

// TestFileByFile: Config.FileByFile loads a spec split over files as
// kin-openapi does, unbundled, and the package is the same; Bundles says
// which specs that concerns.
func TestFileByFile(t *testing.T) {
	const path = "testdata/bundle/spec.yaml"
	if !Bundles(path) || Bundles("testdata/onefile/spec.yaml") || Bundles("testdata/brokenrefs/spec.yaml") {
		t.Fatal("Bundles does not tell a spec bundled from files from one in one file, or one the bundler leaves")
	}
	if _, short, err := loadFast(path, loadOptions{fileByFile: true}); err != nil || short.bundled {
		t.Fatalf("FileByFile bundled the spec (%v)", err)
	}
	bundled, err := Generate(Config{Spec: path, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	byFile, err := Generate(Config{Spec: path, Package: "p", FileByFile: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range differing(byFile, bundled) {
		t.Errorf("%s differs", name)
	}
}

// TestBundleGivesUp: what the bundler does not model is left to the
// file-by-file load, which still generates the package (or says what is
// wrong): a reference back into the spec's own file, a remote one, YAML
// anchors, a cycle of allOf parts across files, and a $ref in a place the
// bundler does not know the kind of; and a spec whose only references to
// other files are data (an example's) is loaded as it is.
func TestBundleGivesUp(t *testing.T) {
	const head = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: \"models/a.yaml\"}\n"
	for _, c := range []struct {
		name   string
		spec   string
		files  map[string]string
		why    string
		builds bool
	}{
		{"back into the spec", head + "components:\n  schemas:\n    B: {type: object, properties: {b: {type: string}}}\n",
			map[string]string{"models/a.yaml": "type: object\nproperties:\n  b: {$ref: \"../spec.yaml#/components/schemas/B\"}\n"},
			"back into the spec's", true},
		{"remote", head, map[string]string{"models/a.yaml": "type: object\nproperties:\n  b: {$ref: \"https://example.com/b.yaml\"}\n"},
			"remote", false},
		{"anchors", head, map[string]string{"models/a.yaml": "type: object\nproperties:\n  b: &b {type: string}\n  c: *b\n"},
			"anchors", true},
		{"allOf cycle", head, map[string]string{
			"models/a.yaml": "allOf:\n  - $ref: b.yaml\n",
			"models/b.yaml": "allOf:\n  - $ref: a.yaml\n  - {type: object, properties: {b: {type: string}}}\n"},
			"cycle", true},
		{"only in examples", "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {type: object}\n              example: {$ref: \"models/a.yaml\"}\n",
			nil, "no reference to another file", true},
		{"unmodelled place", head, map[string]string{"models/a.yaml": "type: object\nx-where: {$ref: c.yaml}\nproperties:\n  b: {type: string}\nnotAKeyword: {$ref: c.yaml}\n", "models/c.yaml": "type: string\n"},
			"a place the bundler does not model", true},
	} {
		files := map[string]string{"spec.yaml": c.spec}
		for k, v := range c.files {
			files[k] = v
		}
		dir := writeTree(t, files)
		path := filepath.Join(dir, "spec.yaml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bundle(data, path, true); !isNoBundle(err) || !strings.Contains(err.Error(), c.why) {
			t.Errorf("%s: bundle gave %v, want it to give up (%s)", c.name, err, c.why)
		}
		_, short, err := loadFast(path, loadOptions{})
		if short.bundled {
			t.Errorf("%s: loaded bundled", c.name)
		}
		if c.builds {
			if _, err := Generate(Config{Spec: path, Package: "p"}); err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
		} else if err == nil {
			t.Errorf("%s: loaded without error", c.name)
		}
	}
}

// TestBundledDiagnosticsNameTheirFile: a build from the bundled document
// that reports anything is done again from the files, so each diagnostic
// names the file and line it is about (testdata/multifile's golden
// stderr.txt), not a place in the bundle.
func TestBundledDiagnosticsNameTheirFile(t *testing.T) {
	path := filepath.Join("testdata", "multifile", "spec.yaml")
	if _, short, err := loadFast(path, loadOptions{}); err != nil || !short.bundled {
		t.Fatalf("not bundled: %v", err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "multifile", "stderr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Prepare(Config{Spec: path, Package: "p"})
	if err == nil || strings.TrimSpace(err.Error()) != strings.TrimSpace(string(want)) {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestBundleMatchesMappingsByLocation: a discriminator mapping that names
// a variant's file other than its $ref does ("./cat.yaml" for "cat.yaml")
// matches it once bundled, since both lead to one location; the
// file-by-file load compares their text, and leaves the variants untagged.
func TestBundleMatchesMappingsByLocation(t *testing.T) {
	const spec = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: \"models/animal.yaml\"}\n"
	dir := writeTree(t, map[string]string{
		"spec.yaml":          spec,
		"models/animal.yaml": "oneOf:\n  - $ref: cat.yaml\n  - $ref: dog.yaml\ndiscriminator:\n  propertyName: kind\n  mapping:\n    cat: ./cat.yaml\n    dog: ./dog.yaml\n",
		"models/cat.yaml":    "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n  lives: {type: integer}\n",
		"models/dog.yaml":    "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n  good: {type: boolean}\n",
	})
	// Also what shows Config.FileByFile reaches the load: it gives the
	// file-by-file load's package, untagged.
	for _, fileByFile := range []bool{false, true} {
		files, err := Generate(Config{Spec: filepath.Join(dir, "spec.yaml"), Package: "p", FileByFile: fileByFile})
		if err != nil {
			t.Fatal(err)
		}
		unions := string(filesByName(files)["unions.gen.go"])
		if tagged := strings.Contains(unions, `AnimalOfCat returns an Animal holding v, its kind set to "cat" when empty.`); tagged == fileByFile {
			t.Errorf("FileByFile %v: variants tagged by their mapped kinds: %v\n%s", fileByFile, tagged, unions)
		}
	}
}

// FuzzBundle feeds mutated two-file specs (spec.yaml, and models.yaml it
// refers to) to bundle and to the file-by-file load: bundle must never
// panic, and where both loads and both builds succeed, the packages must
// be the same. `go test ./gen -fuzz FuzzBundle` explores.
func FuzzBundle(f *testing.F) {
	if spec, err := os.ReadFile("testdata/multifile/spec.yaml"); err == nil {
		if models, err := os.ReadFile("testdata/multifile/models.yaml"); err == nil {
			f.Add(spec, models)
		}
	}
	f.Add([]byte(bundleFuzzSpec), []byte(bundleFuzzModels))
	f.Fuzz(func(t *testing.T, spec, models []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "spec.yaml")
		if os.WriteFile(path, spec, 0o644) != nil || os.WriteFile(filepath.Join(dir, "models.yaml"), models, 0o644) != nil {
			t.Fatal("cannot write the spec")
		}
		one, err := bundle(spec, path, false)
		if err != nil {
			return
		}
		doc, err := loadBundled(one, path)
		if err != nil {
			return // loaded file by file instead
		}
		slow, err := load(path)
		if err != nil {
			return
		}
		cfg := Config{Spec: path, Package: "fuzz"}
		fromBundle, err1 := buildRecovering(doc, cfg)
		fromFiles, err2 := buildRecovering(slow, cfg)
		if err1 != nil || err2 != nil {
			return // Prepare reports the file-by-file build's diagnostics
		}
		want, err1 := emit(fromFiles)
		got, err2 := emit(fromBundle)
		if err1 != nil || err2 != nil {
			t.Fatalf("emit: %v, %v", err1, err2)
		}
		for _, name := range differing(want, got) {
			t.Errorf("%s differs between the bundled document and the file-by-file load", name)
		}
	})
}

// buildRecovering is build, with a panic (a builder bug FuzzLoadBuild is
// for) as an error, so FuzzBundle compares only what both builds make.
func buildRecovering(doc *openapi3.T, cfg Config) (api *ir.API, err error) {
	defer recoverBug(cfg.Spec, &err)
	return build(doc, cfg)
}

const bundleFuzzSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    parameters:
      - $ref: "models.yaml#/params/id"
    get:
      operationId: getA
      responses:
        "200":
          $ref: "models.yaml#/responses/a"
        default:
          $ref: "models.yaml#/responses/problem"
    post:
      operationId: postA
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: "models.yaml#/schemas/base"
                - {type: object, properties: {extra: {type: string}}}
      responses:
        "200":
          $ref: "models.yaml#/responses/a"
components:
  schemas:
    A: {$ref: "models.yaml#/schemas/a"}
    Pet: {$ref: "models.yaml#/schemas/pet"}
`

const bundleFuzzModels = `params:
  id: {name: id, in: path, required: true, schema: {type: string}}
responses:
  a:
    description: ok
    content:
      application/json:
        schema:
          type: object
          properties:
            a: {$ref: "#/schemas/a"}
            state: {type: string, enum: [on, off]}
  problem:
    description: problem
    content:
      application/json:
        schema: {$ref: "#/schemas/problem"}
schemas:
  base:
    type: object
    required: [id]
    properties:
      id: {type: integer}
      kind: {type: string, enum: [x, y]}
  a:
    allOf:
      - $ref: "#/schemas/base"
      - type: object
        properties:
          tags: {type: array, items: {$ref: "#/schemas/alias"}}
  alias: {$ref: "#/schemas/problem"}
  problem:
    type: object
    properties:
      detail: {type: string}
  pet:
    oneOf:
      - $ref: "#/schemas/cat"
      - $ref: "#/schemas/dog"
    discriminator:
      propertyName: kind
      mapping:
        cat: "#/schemas/cat"
        dog: "#/schemas/dog"
  cat: {type: object, required: [kind], properties: {kind: {type: string}, lives: {type: integer}}}
  dog: {type: object, required: [kind], properties: {kind: {type: string}, good: {type: boolean}}}
`

// isNoBundle reports whether err says only that a spec is not bundled
// (and why).
func isNoBundle(err error) bool {
	var e errNoBundle
	return errors.As(err, &e)
}
