package gen

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
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
	corpus, _ := filepath.Glob("../../shared/corpus/specs/*.*")
	corpusDirs, _ := filepath.Glob("../../shared/corpus/specs/*/*.yaml")
	paths = append(append(paths, corpus...), corpusDirs...)
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
