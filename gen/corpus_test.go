package gen

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// corpusSample is a few specs of each kind from the shared corpus, and the
// whole OpenAI spec; `make corpus` runs all of them.
var corpusSample = []string{
	"openai-openapi.yaml",
	"twilio-messaging_v1.json",
	"k8s-autoscaling-v2.json",
	"oai-examples/v3.0/petstore-expanded.yaml",
	"oai-examples/v3.1/webhook-example.yaml",
	"ogen-positive/field_name_discrimination.json",
	"ogen-positive/nullable_type_discrimination.json",
	"ogen-positive/issue1710_stream.yml",
	"oapi-codegen/aggregates/anyof/spec.yaml",
	"oapi-codegen/schemas/enums/spec.yaml",
	"oapi-codegen/paths/path_edge_cases/spec.yaml",
	"ogen-examples/redoc/oneOfHoist.json",
	// Split over 2,900 files, with Redocly's references to operations,
	// descriptions and properties (see redocly.go).
	"digitalocean/DigitalOcean-public.v2.yaml",
}

// TestCorpusSample generates the sample and requires every package to
// compile and vet: real specs, not just the golden cases.
func TestCorpusSample(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: compiles the full OpenAI package (about 300k lines)")
	}
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the sample specs live there")
	}
	mod := newTempModule(t)
	for i, spec := range corpusSample {
		path := filepath.Join(corpus, "specs", spec)
		pkg := fmt.Sprintf("s%02d", i)
		files, err := Generate(Config{Spec: path, Package: pkg})
		if err != nil {
			t.Errorf("%s: %v", spec, err)
			continue
		}
		writeFiles(t, filepath.Join(mod, pkg), files)
	}
	goCmd(t, mod, "vet", "./...")
}
