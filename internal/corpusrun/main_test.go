package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// examplesSample is a few specs whose examples `make corpus` checks with
// all the others: Jira's closed response schemas (whose responses carry
// members those forbid) and string examples holding JSON, and Twilio's
// nullable fields.
var examplesSample = []string{
	"specs/jira-software.v3.json",
	"specs/twilio-messaging_v1.json",
}

// TestExamplesSample runs the corpus runner on the sample: each package is
// as gofmt writes it, compiles and vets, and every example its spec gives of a request body or
// a response decodes and encodes back as the same JSON.
func TestExamplesSample(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and tests generated packages")
	}
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the sample specs live there")
	}
	results, err := run(corpus, examplesSample, "", "../..")
	if err != nil {
		t.Fatal(err)
	}
	roundTrips := regexp.MustCompile(`^(\d+) round trip`)
	for _, r := range results {
		m := roundTrips.FindStringSubmatch(r.checked)
		if r.outcome != "ok" || r.exFailed || m == nil {
			t.Errorf("%s: %s %s; examples: %s", r.spec, r.outcome, r.detail, r.checked)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n == 0 || n > r.examples {
			t.Errorf("%s: %d of %d examples round trip", r.spec, n, r.examples)
		}
	}
}

// TestSpecFilesAndFailures: -modules runs every YAML and JSON file below a
// module's directory but hidden ones, and sums up its failures by kind.
func TestSpecFilesAndFailures(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a.yaml", "sub/b.json", "sub/c.yml", "README.md", ".github/ci.yml"} {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := specFiles(root)
	if want := []string{"a.yaml", filepath.Join("sub", "b.json"), filepath.Join("sub", "c.yml")}; err != nil || !slices.Equal(files, want) {
		t.Errorf("specFiles: %q, %v; want %q", files, err, want)
	}
	var out strings.Builder
	failures(&out, []*result{
		{outcome: "ok"},
		{outcome: "failed", detail: `x.yml:1:1: #: not an OpenAPI document: no "openapi" member gives its version`},
		{outcome: "failed", detail: "x.yml:4:7: #/paths: a problem"},
		{outcome: "failed", detail: "x.json: #: cannot load: a problem"},
	})
	if want := "of the failures: 1 files are no OpenAPI document; of the others, 1 located to a line, 1 not\n\n"; out.String() != want {
		t.Errorf("failures: %q, want %q", out.String(), want)
	}
}
