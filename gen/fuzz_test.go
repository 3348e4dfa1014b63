package gen

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// FuzzLoadBuild feeds mutated specs through load and build: a malformed
// spec must give an error, never a panic. It calls the stages directly,
// because Generate turns a panic into an internal error and would hide it.
// Seeds are the golden specs; `go test ./gen -fuzz FuzzLoadBuild` explores.
func FuzzLoadBuild(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/spec.yaml")
	if corpus, ok := jsontest.CorpusDir(); ok {
		// The corpus's small specs seed the fuzzer with real-world shapes.
		for _, pattern := range []string{"specs/ogen-positive/*", "specs/oapi-codegen/*/*/spec.yaml", "specs/oai-examples/*/*"} {
			matches, _ := filepath.Glob(filepath.Join(corpus, pattern))
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && !st.IsDir() && st.Size() < 64<<10 {
					seeds = append(seeds, m)
				}
			}
		}
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		const path = "fuzz/spec.yaml" // never read: the spec comes as bytes
		cfg := Config{Spec: path, Package: "fuzz"}
		doc, err := loadData(spec, path)
		if err != nil {
			return
		}
		api, err := build(doc, cfg)
		if err != nil {
			return
		}
		want, err := emit(api)
		if err != nil {
			t.Fatalf("emit failed on a spec that built: %v", err)
		}
		// The fast load (no origins, field order from positions) either
		// gives the same files or fails, so Prepare takes the path above.
		fdoc, fast, err := loadFastData(spec, path, loadOptions{})
		pos := fast.pos
		if err != nil || pos == nil {
			return
		}
		fapi, err := buildAt(fdoc, pos, cfg)
		if pos.swagger {
			// Converted from Swagger 2.0: positions are the only source of
			// field order (the path above had none), so there is nothing
			// to compare with; the build must only not break.
			if err == nil {
				if _, err := emit(fapi); err != nil {
					t.Fatalf("emit failed on the converted Swagger document: %v", err)
				}
			}
			return
		}
		if err != nil {
			if !errors.Is(err, errUnplaced) {
				t.Fatalf("the fast load reported %v where origins built", err)
			}
			return
		}
		got, err := emit(fapi)
		if err != nil {
			t.Fatalf("emit failed on the fast path: %v", err)
		}
		if d := differing(want, got); len(d) > 0 {
			t.Fatalf("the fast load changed %s", d)
		}
	})
}
