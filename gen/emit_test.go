package gen

import "testing"

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
