package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"encoding/json"
	"testing"
)

// TestOneTypePerSchemaFile: a schema in a file of its own is one type
// wherever it is reached from (the assignments below compile only if the
// fields share it), and decodes through any of them.
func TestOneTypePerSchemaFile(t *testing.T) {
	var thing Thing
	var place Place
	var job APIJob
	place.Region = thing.Region // models/region.yaml, from thing.yaml and site.yaml
	job.Region = place.Region   // and from jobs.yaml as ./region.yaml
	place.Thing = Some(thing)   // models/thing.yaml, from site.yaml and the operations

	body := `{"region":{"slug":"nyc1"},"thing":{"name":"a","legacy_region":{"code":3}}}`
	if err := json.Unmarshal([]byte(body), &place); err != nil {
		t.Fatal(err)
	}
	if place.Region.Value().Slug.Value() != "nyc1" || place.Thing.Value().LegacyRegion.Value().Code.Value() != 3 {
		t.Errorf("decoded as %+v", place)
	}
	if out, err := json.Marshal(place); err != nil || string(out) != body {
		t.Errorf("encodes as %s, %v", out, err)
	}
}

// TestFileThatRefersToItself: node.yaml's children are node.yaml, the one
// type Node, to any depth.
func TestFileThatRefersToItself(t *testing.T) {
	body := `{"name":"root","children":[{"name":"leaf","children":[]}]}`
	var n Node
	if err := json.Unmarshal([]byte(body), &n); err != nil {
		t.Fatal(err)
	}
	var leaf Node = n.Children.Value()[0]
	if leaf.Name.Value() != "leaf" {
		t.Errorf("decoded as %+v", n)
	}
	if out, err := json.Marshal(n); err != nil || string(out) != body {
		t.Errorf("encodes as %s, %v", out, err)
	}
}
