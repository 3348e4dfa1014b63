package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/jsontest"
)

// TestLoadParsedAsLoader: a document loadParsed takes comes out as
// kin-openapi's loader gives it, for the specs of the corpus (JSON among
// them) and the golden cases' YAML, and for the scalars the loader tags
// before decoding.
// (The JSON of the documents is compared; every golden case and the
// generated package also go through loadParsed.)
func TestLoadParsedAsLoader(t *testing.T) {
	paths, err := filepath.Glob("testdata/*/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if corpus, ok := jsontest.CorpusDir(); ok {
		top, _ := filepath.Glob(filepath.Join(corpus, "specs", "*.*"))
		dirs, _ := filepath.Glob(filepath.Join(corpus, "specs", "*", "*.yaml"))
		paths = append(append(paths, top...), dirs...)
	} else {
		t.Log("shared corpus not found (../shared/corpus or $OAGEN_CORPUS): only the golden cases' specs are compared")
	}
	dir := t.TempDir()
	for name, doc := range map[string]string{
		"tags.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n" +
			"        200:\n          description: !local ok\n          content:\n            application/json:\n" +
			"              schema: {type: string, format: date}\n              example: 2024-10-01\nx-codes: {1: one, true: yes}\n",
		"inf.yaml":     "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-n: .inf\n",
		"anchors.yaml": "openapi: 3.1.0\ninfo: &i {title: t, version: '1'}\npaths: {}\nx-info: *i\n",
		"nullkey.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-m: {~: 1}\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	taken := 0
	tagsTaken := false
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, ok, _ := loadParsed(data, path)
		want, wantErr := loadWith(data, path, false)
		if !ok {
			continue
		}
		taken++
		tagsTaken = tagsTaken || filepath.Base(path) == "tags.yaml"
		if wantErr != nil {
			t.Errorf("%s: taken, and the loader fails: %v", path, wantErr)
			continue
		}
		got, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, wantJSON) {
			t.Errorf("%s: not as the loader gives it\n got: %.400s\nwant: %.400s", path, got, wantJSON)
		}
	}
	if !tagsTaken {
		t.Error("tags.yaml: not taken")
	}
	if taken < len(paths)/2 {
		t.Errorf("loadParsed took %d of %d documents", taken, len(paths))
	}
	for _, name := range []string{"inf.yaml", "nullkey.yaml"} {
		path := filepath.Join(dir, name)
		data, _ := os.ReadFile(path)
		if _, _, ok, _ := loadParsed(data, path); ok {
			t.Errorf("%s: taken, where the loader refuses it", name)
		}
	}
	// Anchors: positions cannot place what an alias repeats, so the
	// loader with origins loads it, and loadFast says it took no shortcut.
	path := filepath.Join(dir, "anchors.yaml")
	data, _ := os.ReadFile(path)
	if _, _, ok, elsewhere := loadParsed(data, path); ok || !elsewhere {
		t.Errorf("anchors.yaml: taken %v, not self-contained %v", ok, elsewhere)
	}
	if doc, fast, err := loadFastData(data, path, loadOptions{}); err != nil || fast.pos != nil || doc.Extensions["x-info"] == nil {
		t.Errorf("anchors.yaml: loaded with positions %v, error %v", fast.pos != nil, err)
	}
}

// TestDecodeDocInHalves: decodeDoc, which decodes the later component
// schemas of a large spec on another core, gives the document one decode
// gives, refuses a schema name given in both halves as one decode does, and
// leaves the parsed tree (which positions read) as it was.
func TestDecodeDocInHalves(t *testing.T) {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the large specs live there")
	}
	paths, _ := filepath.Glob(filepath.Join(corpus, "specs", "*.*"))
	split := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n, err := parseYAML(data)
		if err != nil || !selfContained(n) || !asKinReads(n) {
			continue
		}
		if _, second := splitSchemas(n); second != nil {
			split++
		}
		before := mappings(n)
		want := &openapi3.T{}
		wantErr := n.Decode(want)
		got, err := decodeDoc(n)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, one decode's %v", path, err, wantErr)
			continue
		}
		if after := mappings(n); after != before {
			t.Errorf("%s: the tree had %d mappings, then %d", path, before, after)
		}
		if err != nil {
			continue
		}
		gotJSON, _ := json.Marshal(got)
		wantJSON, _ := json.Marshal(want)
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("%s: not as one decode gives it", path)
		}
	}
	if split < 2 {
		t.Errorf("the schemas of %d corpus specs were decoded in halves, want the large ones (OpenAI, GitHub, ...)", split)
	}

	var doc strings.Builder
	doc.WriteString("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n")
	for i := range 300 {
		fmt.Fprintf(&doc, "    S%d: {type: object}\n", i)
	}
	for _, c := range []struct {
		tail    string
		refused bool
	}{
		{"    S300: {type: string}\n", false},
		{"    S7: {type: string}\n", true},               // a name of the first half's
		{"  schemas:\n    S301: {type: string}\n", true}, // the schemas given twice
	} {
		n, err := parseYAML([]byte(doc.String() + c.tail))
		if err != nil {
			t.Fatal(err)
		}
		if _, second := splitSchemas(n); second == nil {
			t.Fatalf("%q: not split", c.tail)
		}
		wantErr := n.Decode(&openapi3.T{})
		got, err := decodeDoc(n)
		switch {
		case (err != nil) != c.refused || (wantErr != nil) != c.refused:
			t.Errorf("%q: error %v, one decode's %v", c.tail, err, wantErr)
		case err == nil && len(got.Components.Schemas) != 301:
			t.Errorf("%q: %d schemas, want 301", c.tail, len(got.Components.Schemas))
		}
	}
}
