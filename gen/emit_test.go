package gen

import (
	"strings"
	"testing"
)

func TestAsMethodDoc(t *testing.T) {
	for text, want := range map[string]string{
		"Create a run.":                        "CreateRun creates a run.",
		"Get a repository":                     "CreateRun gets a repository",
		"Search issues and pull requests":      "CreateRun searches issues and pull requests",
		"Create or update a secret":            "CreateRun creates or updates a secret",
		"Modify a run.":                        "CreateRun modifies a run.",
		"read the specified Deployment":        "CreateRun reads the specified Deployment",
		"list or watch objects of kind Pod":    "CreateRun lists or watches objects of kind Pod",
		"List of runs":                         "List of runs",
		"Returns a list of runs.":              "Returns a list of runs.",
		"Creates a run.":                       "Creates a run.",
		"Cancel":                               "Cancel",
		"Runs a thread":                        "Runs a thread",
		"Copy a file and  remove the original": "CreateRun copies a file and  remove the original",
	} {
		if got := asMethodDoc("CreateRun", text); got != want {
			t.Errorf("asMethodDoc(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestCommentsFromAnyText: spec text may hold what Go source may not, even
// in a comment (a byte order mark inside a description, as Microsoft's Bot
// Connector spec has, made gofmt fail: "illegal byte order mark"); the
// package renders, and the comment keeps the rest of the text.
func TestCommentsFromAnyText(t *testing.T) {
	spec := writeSpec(t, "spec.yaml", "openapi: 3.0.0\n"+
		"info: {title: t, version: '1', description: \"Bot\\uFEFF Connector\\0 API\\r\\nv3\"}\n"+
		"paths:\n  /a:\n    get:\n      operationId: getA\n      description: \"Gets\\u0007 A\\uFEFF.\"\n"+
		"      responses: {'204': {description: none}}\n")
	all := generatedText(t, spec)
	for _, want := range []string{"Bot Connector  API", "GetA gets  A."} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the package", want)
		}
	}
}

// generatedText is the package generated from spec, its files joined.
func generatedText(t *testing.T, spec string) string {
	t.Helper()
	plan, err := Prepare(Config{Spec: spec, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := plan.Render()
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		all.Write(f.Content)
	}
	return all.String()
}
