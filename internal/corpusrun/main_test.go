package main

import (
	"regexp"
	"strconv"
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

// TestExamplesSample runs the corpus runner on the sample: each package
// compiles and vets, and every example its spec gives of a request body or
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
