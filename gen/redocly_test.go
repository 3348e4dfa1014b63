package gen

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/jsontest"
)

// TestInlineForbiddenRefsKeepsLines: the references OpenAPI forbids are
// replaced on their own lines, so the file keeps its line count and every
// other line, and what replaced them is what they pointed to.
func TestInlineForbiddenRefsKeepsLines(t *testing.T) {
	out, inLines, outLines := inlineKeepingLines(t, "testdata/redocly/spec.yaml")
	changed := 0
	for i := range inLines {
		if inLines[i] != outLines[i] {
			changed++
			if !strings.Contains(inLines[i], "$ref") {
				t.Errorf("line %d changed: %q to %q", i+1, inLines[i], outLines[i])
			}
		}
	}
	if changed != 3 { // the tag's description and the two operations
		t.Errorf("%d lines changed, want 3:\n%s", changed, out)
	}
	type operation struct {
		OperationID string `yaml:"operationId"`
		Description string
	}
	var doc struct {
		Tags  []struct{ Description string }
		Paths map[string]struct{ Get, Post operation }
	}
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	const desc = "Pets, described in a file of their own.\n"
	if len(doc.Tags) != 1 || doc.Tags[0].Description != desc {
		t.Errorf("tags: %+v", doc.Tags)
	}
	list, create := doc.Paths["/pets"].Get, doc.Paths["/pets"].Post
	if list.OperationID != "listPets" || list.Description != desc || create.OperationID != "createPet" {
		t.Errorf("operations: %+v, %+v", list, create)
	}
	if !bytes.Contains(out, []byte(`"$ref":"resources/pets/models/pet.yaml"`)) {
		t.Errorf("the inlined operation's references are not relative to the spec:\n%s", out)
	}
}

// TestForbiddenRefErrorsAreLocated: a forbidden reference that leads
// nowhere is an error at its own line and column.
func TestForbiddenRefErrorsAreLocated(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	doc := "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /x:\n    get:\n      $ref: \"ops/missing.yaml\"\n    put: {$ref: \"other.yaml\"}\n"
	if err := os.WriteFile(spec, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Prepare(Config{Spec: spec, Package: "p"})
	// The first in the file is the one reported.
	if err == nil || !strings.Contains(err.Error(), "spec.yaml:6:7: #/paths/~1x/get: ") || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("error: %v", err)
	}
}

// inlineKeepingLines inlines the forbidden references of the file at path
// and requires the result to have as many lines; it returns the result and
// both files' lines.
func inlineKeepingLines(t *testing.T, path string) (out []byte, inLines, outLines []string) {
	t.Helper()
	in, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out, err = inlineForbiddenRefs(in, path); err != nil {
		t.Fatal(err)
	}
	inLines, outLines = strings.Split(string(in), "\n"), strings.Split(string(out), "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("%d lines became %d:\n%s", len(inLines), len(outLines), out)
	}
	return out, inLines, outLines
}

// TestJSONRefsKeepLines: in JSON, a forbidden reference written across
// lines is replaced by its value and as many newlines, so every line after
// it keeps its number; the references JSON allows are left alone.
func TestJSONRefsKeepLines(t *testing.T) {
	out, inLines, outLines := inlineKeepingLines(t, "testdata/jsonrefs/spec.yaml")
	for i, line := range inLines {
		if strings.Contains(line, `"x-`) && line != outLines[i] {
			t.Errorf("line %d moved or changed: %q is %q", i+1, line, outLines[i])
		}
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if bytes.Contains(out, []byte(`"$ref": "operations.json`)) || !bytes.Contains(out, []byte(`"operationId":"listPets"`)) {
		t.Errorf("the operation is not inlined:\n%s", out)
	}
	if !bytes.Contains(out, []byte(`{"$ref":"#/components/schemas/Pet"}`)) {
		t.Errorf("the operation's reference back into the spec is not one within it:\n%s", out)
	}
}

// TestJSONMayHaveForbiddenRefs: the check that spares a JSON spec a YAML
// parse finds a forbidden reference however it is spaced, and passes over
// the references JSON specs are full of.
func TestJSONMayHaveForbiddenRefs(t *testing.T) {
	checkRefGate(t, jsonMayHaveForbiddenRefs, map[string]bool{
		`{"paths":{"/x":{"get":{"$ref":"op.json"}}}}`:                         true,
		"{\"paths\": {\"/x\": {\"get\": {\n\t\"$ref\": \"op.json\"\n}}}}":     true,
		`{"content": {"application/json" : { "$ref": "#/x"}}}`:                true,
		`{"description": {"$ref": "#/x-texts/a"}}`:                            true,
		`{"schema": {"$ref": "#/components/schemas/A"}}`:                      false,
		`{"paths": {"/x": {"$ref": "paths/x.json"}}}`:                         false,
		`{"items": {"$ref": "#/components/schemas/A"}, "get": {"x": "$ref"}}`: false,
		`{"examples": {"a": {"value": {"$ref": "not a reference"}}}}`:         false,
	}, "github-api.github.com.json")
}

// FuzzInlineForbiddenRefs: whatever a file holds, inlining does not panic,
// and what it returns has the file's line count. The file stands in the
// redocly golden case, so its references can reach real files.
func FuzzInlineForbiddenRefs(f *testing.F) {
	for _, seed := range []string{"testdata/redocly/spec.yaml", "testdata/redocly/resources/pets/pets_list.yaml", "testdata/redocly/resources/pets/models/pet.yaml", "testdata/onefile/spec.yaml", "testdata/jsonrefs/spec.yaml"} {
		data, err := os.ReadFile(seed)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := inlineForbiddenRefs(data, "testdata/redocly/spec.yaml")
		if err != nil {
			return
		}
		if got, want := bytes.Count(out, []byte("\n")), bytes.Count(data, []byte("\n")); got != want {
			t.Errorf("%d lines became %d:\n%s\n->\n%s", want, got, data, out)
		}
	})
}

// TestMayHaveForbiddenRefs: the line check that spares a spec in one file a
// second parse finds each kind of forbidden reference, block and flow, and
// passes over references OpenAPI allows.
func TestMayHaveForbiddenRefs(t *testing.T) {
	checkRefGate(t, mayHaveForbiddenRefs, map[string]bool{
		"paths:\n  /x:\n    get:\n      $ref: '#/x-ops/a'\n":                   true,
		"paths:\n  /x:\n    post: {$ref: '#/x-ops/a'}\n":                       true,
		"a:\n  description:\n    \"$ref\": '#/x-texts/a'\n":                    true,
		"s:\n  properties:\n    $ref: '#/x-props/s'\n":                         true,
		"content:\n  application/json:\n    $ref: '#/x-media/a'\n":             true,
		"content:\n  'application/json': { $ref: '#/x-media/a' }\n":            true,
		"paths:\n  /x:\n    $ref: 'paths/x.yaml'\n":                            false, // a path item may be a reference
		"schema:\n  $ref: '#/components/schemas/A'\n":                          false,
		"items: {$ref: '#/components/schemas/A'}\n":                            false,
		"description: a $ref in text\nproperties:\n  a: {type: string}\n":      false,
		"get:\n  summary: x\n  # $ref: commented\n  responses: {}\n":           false,
		"paths:\n  /x:\n    get: # listed\n      $ref: '#/x-ops/a'\n":          true,
		"properties:\n  description:\n    $ref: '#/components/schemas/Text'\n": true, // a false alarm: one parse
	}, "openai-openapi.yaml")
}

// checkRefGate runs check, a test for forbidden references that spares a
// file a parse, over cases, and over spec from the corpus, which has none
// and must not be parsed again.
func checkRefGate(t *testing.T, check func([]byte) bool, cases map[string]bool, spec string) {
	t.Helper()
	for doc, want := range cases {
		if got := check([]byte(doc)); got != want {
			t.Errorf("%q: %v, want %v", doc, got, want)
		}
	}
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		return
	}
	data, err := os.ReadFile(filepath.Join(corpus, "specs", spec))
	if err != nil {
		t.Fatal(err)
	}
	if check(data) {
		t.Errorf("%s would be parsed again", spec)
	}
}

// TestForbiddenRefWithinTheFile: a reference within the file ("#/...")
// resolves in the tree already parsed, so it works for a spec given as
// bytes that is not on disk (the path below does not exist).
func TestForbiddenRefWithinTheFile(t *testing.T) {
	doc := "openapi: 3.0.3\npaths:\n  /x:\n    get:\n      $ref: '#/x-ops/get'\nx-ops:\n  get:\n    operationId: getX\n"
	out, err := inlineForbiddenRefs([]byte(doc), filepath.Join(t.TempDir(), "absent", "spec.yaml"))
	if err != nil || !bytes.Contains(out, []byte(`{"operationId":"getX"}`)) {
		t.Errorf("got %s, %v", out, err)
	}
}

// TestIsPathItem: a file is taken for a path item (whose operations may be
// inlined) only when every key at its root is a path item's.
func TestIsPathItem(t *testing.T) {
	for doc, want := range map[string]bool{
		"get:\n  $ref: op.yaml\n":                                    true,
		"parameters: []\nsummary: s\npost: {$ref: op.yaml}\n":        true,
		"x-internal: true\ndelete: {$ref: op.yaml}\n":                true,
		"summary: only a summary\n":                                  false, // no operation
		"type: object\nproperties:\n  get: {type: string}\n":         false, // a schema
		"get: {$ref: a.yaml}\nGetThing: {type: object}\n":            false, // components of a kind
		"description: d\ncontent:\n  application/json: {}\nget: 1\n": false, // a response
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
			t.Fatal(err)
		}
		if got := isPathItem(n.Content[0]); got != want {
			t.Errorf("%q: %v, want %v", doc, got, want)
		}
	}
}

// TestWriteStringReadsBack: a string written as JSON for a document the
// loader reads (bundled, or inlined in place of a reference) reads back the
// same through encoding/json and through YAML, which takes U+0085, U+2028
// and U+2029 inside quotes as line breaks and folds them into spaces.
func TestWriteStringReadsBack(t *testing.T) {
	for _, s := range []string{
		"", "plain", `a "quote" and a \ backslash`, "tab\tnewline\nreturn\r",
		"\x00\x01\x1f\x7f", "<b>&amp;</b>", "é, 😀, \ufffd",
		"next line\u0085, line separator\u2028, paragraph separator\u2029",
	} {
		var b bytes.Buffer
		writeString(&b, s)
		var fromJSON, fromYAML string
		if err := json.Unmarshal(b.Bytes(), &fromJSON); err != nil || fromJSON != s {
			t.Errorf("%q written as %s reads back through JSON as %q, %v", s, b.Bytes(), fromJSON, err)
		}
		if err := yaml.Unmarshal(b.Bytes(), &fromYAML); err != nil || fromYAML != s {
			t.Errorf("%q written as %s reads back through YAML as %q, %v", s, b.Bytes(), fromYAML, err)
		}
	}
	var b bytes.Buffer
	writeString(&b, "bad \xff byte")
	if got := b.String(); got != `"bad \ufffd byte"` {
		t.Errorf("a byte that is no UTF-8 written as %s", got)
	}
}
