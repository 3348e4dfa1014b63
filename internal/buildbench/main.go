// Command buildbench times how long the Go compiler takes over the package
// oagen generates and over ogen's, for the same operations of one spec, so
// that "builds faster than ogen's comparable output" is a measurement
// anyone can repeat. It is `make buildbench`.
//
// ogen cannot generate every operation of a real spec (on the OpenAI spec
// it rejects the `?beta=true` paths outright and skips 77 operations with
// `ignore_not_implemented`), so a package of the whole spec from oagen and
// ogen's partial one are not the same program. buildbench runs ogen first
// (client only, paths containing '?' removed), reads which operations it
// kept, generates oagen's package for exactly those, and builds each one
// in -runs rounds after changing a file, with dependencies already
// compiled: one build of each package per round.
// -full also times oagen's package of the whole spec.
//
//	go run ./internal/buildbench [-spec ../shared/corpus/specs/openai-openapi.yaml] [-runs 3] [-full] [-keep DIR]
//
// It needs the Go module proxy (ogen and its runtime dependencies).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/gen"
	"github.com/oagen/oagen/internal/gomod"
)

// ogenVersion is the ogen the peer kit (../shared/tools/peerbench) runs.
const ogenVersion = "v1.24.0"

// ogenConfig asks ogen for a client only, skipping what it cannot generate
// instead of failing.
const ogenConfig = `generator:
  ignore_not_implemented: ["all"]
  features:
    disable_all: true
    enable:
      - paths/client
`

func main() {
	spec := flag.String("spec", "../shared/corpus/specs/openai-openapi.yaml", "OpenAPI document")
	runs := flag.Int("runs", 3, "builds timed per package")
	full := flag.Bool("full", false, "also time oagen's package of the whole spec")
	keep := flag.String("keep", "", "work in this directory instead of a temporary one")
	flag.Parse()
	if err := run(*spec, *keep, *runs, *full, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "buildbench:", err)
		os.Exit(1)
	}
}

func run(spec, keep string, runs int, full bool, out io.Writer) error {
	dir := keep
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "oagen-buildbench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(spec)
	if err != nil {
		return err
	}
	ids, trimmed, err := operationIDs(src)
	if err != nil {
		return fmt.Errorf("%s: %w", spec, err)
	}
	ogenOps, err := runOgen(filepath.Join(dir, "ogen"), trimmed)
	if err != nil {
		return err
	}
	kept := sameOperations(ids, ogenOps)
	if len(kept) != len(ogenOps) {
		return fmt.Errorf("found %d of ogen's %d operations in the spec", len(kept), len(ogenOps))
	}
	fmt.Fprintf(out, "%s: %d operations; ogen generated %d\n\n", spec, len(ids), len(kept))
	pkgs := []struct{ name, dir, pkg string }{
		{"ogen " + ogenVersion + ", client only", filepath.Join(dir, "ogen"), "./api"},
	}
	if err := generate(filepath.Join(dir, "oagen-same"), spec, kept); err != nil {
		return err
	}
	pkgs = append(pkgs, struct{ name, dir, pkg string }{"oagen, the same operations", filepath.Join(dir, "oagen-same"), "./api"})
	if full {
		if err := generate(filepath.Join(dir, "oagen-full"), spec, nil); err != nil {
			return err
		}
		pkgs = append(pkgs, struct{ name, dir, pkg string }{"oagen, every operation", filepath.Join(dir, "oagen-full"), "./api"})
	}
	// Warm each package's dependencies, then build them in turn, one build
	// of each per round: these machines drift from minute to minute, and
	// in rounds every package meets the same minutes.
	var timed []*timedBuild
	for _, p := range pkgs {
		tb, err := prepareBuild(p.dir, p.pkg)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		defer tb.restore()
		timed = append(timed, tb)
	}
	for range runs {
		for i, tb := range timed {
			if err := tb.build(); err != nil {
				return fmt.Errorf("%s: %w", pkgs[i].name, err)
			}
		}
	}
	fmt.Fprintf(out, "%d rounds, each building every package once after a change to one of its files:\n\n", runs)
	fmt.Fprintln(out, "| package | source | build, min | build, median |")
	fmt.Fprintln(out, "|---|--:|--:|--:|")
	for i, p := range pkgs {
		size, err := sourceSize(filepath.Join(p.dir, p.pkg))
		if err != nil {
			return err
		}
		times := timed[i].times
		slices.Sort(times)
		fmt.Fprintf(out, "| %s | %.1f MB | %.1f s | %.1f s |\n", p.name, float64(size)/1e6,
			times[0].Seconds(), times[len(times)/2].Seconds())
	}
	return nil
}

// operationIDs returns the operationIds of the document and the document
// without the paths that carry a query string, which ogen rejects.
func operationIDs(src []byte) ([]string, []byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil, fmt.Errorf("empty document")
	}
	paths := member(doc.Content[0], "paths")
	if paths == nil {
		return nil, nil, fmt.Errorf("no paths")
	}
	var ids []string
	var keptPaths []*yaml.Node
	for i := 0; i+1 < len(paths.Content); i += 2 {
		if strings.Contains(paths.Content[i].Value, "?") {
			continue
		}
		keptPaths = append(keptPaths, paths.Content[i], paths.Content[i+1])
		item := paths.Content[i+1]
		for j := 0; j+1 < len(item.Content); j += 2 {
			if id := member(item.Content[j+1], "operationId"); id != nil {
				ids = append(ids, id.Value)
			}
		}
	}
	paths.Content = keptPaths
	trimmed, err := yaml.Marshal(&doc)
	return ids, trimmed, err
}

// member is the value of key in a YAML mapping, or nil.
func member(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// invokes is how ogen's client documents each method it generated, naming
// the operationId.
var invokes = regexp.MustCompile(`(?m)^\s*// \w+ invokes (\S+) operation\.`)

// runOgen generates ogen's client into dir/api and makes dir a module that
// builds it; it returns the Go names of the operations ogen kept.
func runOgen(dir string, spec []byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for name, content := range map[string]string{
		"spec.yaml": string(spec), "ogen.yml": ogenConfig, "go.mod": "module buildbench/ogen\n\ngo 1.26\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return nil, err
		}
	}
	if err := command(dir, "go", "run", "github.com/ogen-go/ogen/cmd/ogen@"+ogenVersion, "-clean", "-config", "ogen.yml", "-target", "api", "-package", "api", "spec.yaml"); err != nil {
		return nil, err
	}
	// The runtime at the generator's own version, then what it needs.
	if err := command(dir, "go", "get", "github.com/ogen-go/ogen@"+ogenVersion); err != nil {
		return nil, err
	}
	if err := command(dir, "go", "mod", "tidy"); err != nil {
		return nil, err
	}
	client, err := os.ReadFile(filepath.Join(dir, "api", "oas_client_gen.go"))
	if err != nil {
		return nil, err
	}
	var ops []string
	for _, m := range invokes.FindAllSubmatch(client, -1) {
		ops = append(ops, string(m[1]))
	}
	slices.Sort(ops)
	return slices.Compact(ops), nil
}

// sameOperations returns the operationIds of ids (in spec order) that ogen
// kept.
func sameOperations(ids, ogenOps []string) []string {
	var kept []string
	for _, id := range ids {
		if slices.Contains(ogenOps, id) {
			kept = append(kept, id)
		}
	}
	return kept
}

// generate writes oagen's package for the operations ops (every one when
// ops is nil) into dir/api, in a module that builds it.
func generate(dir, spec string, ops []string) error {
	files, err := gen.Generate(gen.Config{Spec: spec, Package: "api", IncludeOps: ops})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "api"), 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, "api", f.Name), f.Content, 0o644); err != nil {
			return err
		}
	}
	return gomod.Write(dir, "buildbench/oagen", "go.sum", "")
}

// timedBuild times builds of one package, each after appending a comment
// to one of its files so that the package itself is compiled again.
type timedBuild struct {
	dir, pkg string
	touched  string
	original []byte
	times    []time.Duration
}

// prepareBuild builds pkg once, which compiles its dependencies.
func prepareBuild(dir, pkg string) (*timedBuild, error) {
	if err := command(dir, "go", "build", pkg); err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, pkg, "*.go"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no Go files in %s", pkg)
	}
	original, err := os.ReadFile(files[0])
	if err != nil {
		return nil, err
	}
	return &timedBuild{dir: dir, pkg: pkg, touched: files[0], original: original}, nil
}

func (tb *timedBuild) build() error {
	stamp := fmt.Appendf(bytes.Clone(tb.original), "\n// build %d %d\n", len(tb.times), time.Now().UnixNano())
	if err := os.WriteFile(tb.touched, stamp, 0o644); err != nil {
		return err
	}
	start := time.Now()
	if err := command(tb.dir, "go", "build", tb.pkg); err != nil {
		return err
	}
	tb.times = append(tb.times, time.Since(start))
	return nil
}

// restore puts the touched file back as it was generated.
func (tb *timedBuild) restore() { os.WriteFile(tb.touched, tb.original, 0o644) }

func sourceSize(dir string) (int64, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return 0, err
	}
	var n int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return 0, err
		}
		n += st.Size()
	}
	return n, nil
}

// command runs name in dir, returning its output with the error.
func command(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, lastLines(out, 20))
	}
	return nil
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
