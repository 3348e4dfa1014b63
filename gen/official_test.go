package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// runOps are the run operations of the official OpenAI spec (its
// operationId says "Ouputs").
var runOps = []string{
	"createRun", "getRun", "listRuns", "modifyRun", "cancelRun", "submitToolOuputsToRun",
	"listRunSteps", "getRunStep", "createThreadAndRun",
}

// officialPayloadTypes is payloadTypes for the package generated from the
// official spec: the same names, less the stream-only schemas the run
// operations do not reach there, plus createThreadAndRun's request.
const officialPayloadTypes = `package openai

var payloadTypes = map[string]func() any{
	"createRun.request":              func() any { return new(CreateRunRequest) },
	"createRun.response":             func() any { return new(RunObject) },
	"getRun.response":                func() any { return new(RunObject) },
	"cancelRun.response":             func() any { return new(RunObject) },
	"modifyRun.request":              func() any { return new(ModifyRunRequest) },
	"modifyRun.response":             func() any { return new(RunObject) },
	"submitToolOuputsToRun.request":  func() any { return new(SubmitToolOutputsRunRequest) },
	"submitToolOuputsToRun.response": func() any { return new(RunObject) },
	"createThreadAndRun.request":     func() any { return new(CreateThreadAndRunRequest) },
	"createThreadAndRun.response":    func() any { return new(RunObject) },
	"listRuns.response":              func() any { return new(ListRunsResponse) },
	"listRunSteps.response":          func() any { return new(ListRunStepsResponse) },
	"getRunStep.response":            func() any { return new(RunStepObject) },
	"RunObject":                      func() any { return new(RunObject) },
	"RunStepObject":                  func() any { return new(RunStepObject) },
}
`

// TestOfficialSpecRunOperations generates the run operations of the
// unedited official OpenAI spec, then vets the package and runs the same
// payload round-trip test generated/openai runs, against it.
func TestOfficialSpecRunOperations(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and tests a generated package")
	}
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the official spec lives there")
	}
	files, err := Generate(Config{
		Spec:       filepath.Join(corpus, "specs", "openai-openapi.yaml"),
		Package:    "openai",
		IncludeOps: runOps,
	})
	if err != nil {
		t.Fatal(err)
	}
	shared, err := os.ReadFile("../generated/openai/roundtrip_test.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files,
		File{Name: "roundtrip_test.go", Content: shared},
		File{Name: "payloadtypes_test.go", Content: []byte(officialPayloadTypes)},
	)
	abs, err := filepath.Abs(corpus)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("OAGEN_CORPUS", abs) // the test runs in a temporary module, away from ../shared
	mod := newTempModule(t)
	writeFiles(t, filepath.Join(mod, "openai"), files)
	goCmd(t, mod, "vet", "./...")
	out := goCmd(t, mod, "test", "-count=1", "-v", "-run", "TestCorpusPayloadsRoundTrip", "./openai")
	passed := strings.Count(out, "--- PASS: TestCorpusPayloadsRoundTrip/")
	t.Logf("%d payloads round-tripped through the package generated from the official spec", passed)
	if passed < 40 {
		t.Fatalf("only %d payloads passed:\n%s", passed, out)
	}
}
