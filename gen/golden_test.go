package gen

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/oagen/oagen/internal/gomod"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the generator's output")

// runtimeFiles come from templates/ unchanged in every case; goldens leave
// them out so a template change does not touch every case.
var runtimeFiles = map[string]bool{}

func init() {
	for _, name := range templateFiles {
		runtimeFiles[name] = true
	}
}

// goldenCase generates the spec of one testdata case twice, requiring the
// same bytes both times.
func goldenCase(t *testing.T, dir string) ([]File, error) {
	t.Helper()
	cfg := Config{}
	if _, err := os.Stat(filepath.Join(dir, "config.yaml")); err == nil {
		fc, err := LoadConfig(filepath.Join(dir, "config.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg = fc.Config()
	}
	cfg.Spec, cfg.Package = filepath.Join(dir, "spec.yaml"), "api"
	first, err1 := Generate(cfg)
	second, err2 := Generate(cfg)
	if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
		t.Fatalf("two runs disagree: %v / %v", err1, err2)
	}
	if d := cmp.Diff(first, second); d != "" {
		t.Fatalf("two runs produced different output (map order leaking?):\n%s", d)
	}
	return first, err1
}

// TestGolden compares each case under testdata/ with its expected output:
// the *.gen.go files, or stderr.txt for a spec that must fail.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/spec.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, spec := range dirs {
		dir := filepath.Dir(spec)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, err := goldenCase(t, dir)
			want := map[string][]byte{}
			if err != nil {
				want["stderr.txt"] = []byte(err.Error() + "\n")
			} else {
				for _, f := range files {
					if !runtimeFiles[f.Name] {
						want[f.Name] = f.Content
					}
				}
			}
			if *update {
				writeGolden(t, dir, want)
				return
			}
			got := readGolden(t, dir)
			for name := range want {
				if _, ok := got[name]; !ok {
					t.Errorf("%s: missing golden file (run go test ./gen -update)", name)
				}
			}
			for name, g := range got {
				w, ok := want[name]
				if !ok {
					t.Errorf("%s: golden file the generator no longer produces", name)
					continue
				}
				if d := cmp.Diff(string(g), string(w)); d != "" {
					t.Errorf("%s differs (-golden +generated):\n%s", name, d)
				}
			}
		})
	}
}

func readGolden(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".gen.go") || e.Name() == "stderr.txt" {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = b
		}
	}
	return out
}

func writeGolden(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	for name := range readGolden(t, dir) {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range want {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGoldenCompiles builds and vets every golden case that generates, with
// the runtime files, as packages of one temporary module, and runs the
// hand-written *_test.go a case directory may hold against its package.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: compiling generated packages takes several seconds")
	}
	dirs, _ := filepath.Glob("testdata/*/spec.yaml")
	mod := newTempModule(t)
	n := 0
	for _, spec := range dirs {
		dir := filepath.Dir(spec)
		files, err := goldenCase(t, dir)
		if err != nil {
			continue
		}
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		for _, name := range tests {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, File{Name: filepath.Base(name), Content: src})
		}
		writeFiles(t, filepath.Join(mod, filepath.Base(dir)), files)
		n++
	}
	if n == 0 {
		t.Fatal("no golden case generated")
	}
	goCmd(t, mod, "vet", "./...")
	t.Log(goCmd(t, mod, "test", "-count=1", "./..."))
}

// newTempModule makes a module that can build generated packages offline:
// it requires what they import, with this repository's go.sum.
func newTempModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sum, err := os.ReadFile("../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	gm := gomod.ForGenerated("github.com/oagen/oagen/gentest", root)
	writeFiles(t, dir, []File{{Name: "go.mod", Content: gm}, {Name: "go.sum", Content: sum}})
	return dir
}

// differing names the files that differ between want and got (both as
// Generate returns them, sorted by name), byte for byte, and those only
// one of them has.
func differing(want, got []File) []string {
	have := filesByName(got)
	var out []string
	for _, f := range want {
		if g, ok := have[f.Name]; !ok || !bytes.Equal(f.Content, g) {
			out = append(out, f.Name)
		}
		delete(have, f.Name)
	}
	for name := range have {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

func writeFiles(t *testing.T, dir string, files []File) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String()
}
