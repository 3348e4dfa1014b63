// Command corpusrun generates every spec of the shared corpus and reports,
// per spec, whether oagen produced a package that compiles and vets, failed
// cleanly with located errors, or broke (a panic, Go that does not compile,
// or a file gofmt would change). It is `make corpus`; the default tests run a sample of it. A
// spec bundled from its files (gen.Bundles) is generated a second time,
// loaded file by file instead (gen.Config.FileByFile), and the two packages
// must be the same: the summary lists any that are not.
//
// With -modules it runs instead on every YAML and JSON file of Go modules
// that hold OpenAPI documents among other files (go-swagger's fixtures,
// libopenapi's test specs), fetched through the module proxy: `make
// extcorpus`. Files that are no document are expected to fail, with a
// located error.
//
//	go run ./internal/corpusrun [-corpus ../shared/corpus] [-keep DIR]
//	go run ./internal/corpusrun -modules path@version[/dir],...
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/oagen/oagen/gen"
	"github.com/oagen/oagen/internal/gomod"
)

// result is what happened to one spec.
type result struct {
	spec    string
	pkg     string
	ops     int
	types   int
	took    time.Duration
	outcome string // ok, failed, panic, broken
	detail  string // the first error

	examples int    // examples the spec gives of its methods' bodies and responses
	checked  string // what their test said (see examplesTest), or its first failure
	exFailed bool

	// split says the spec is split over files, which were bundled;
	// unbundled names the first file that loading it file by file made
	// differently, or says how that failed ("" when it is the same).
	split     bool
	unbundled string
}

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "the shared corpus")
	keep := flag.String("keep", "", "write the generated module here instead of a temporary directory")
	modules := flag.String("modules", "", "comma-separated module@version[/dir] to run on all the YAML and JSON files of, instead of the corpus")
	flag.Parse()
	if *modules != "" {
		for _, m := range strings.Split(*modules, ",") {
			if err := runModule(m, *keep); err != nil {
				fmt.Fprintln(os.Stderr, "corpusrun:", err)
				os.Exit(1)
			}
		}
		return
	}
	specs, err := standaloneSpecs(*corpus)
	var results []*result
	if err == nil {
		// Run from this repository's root, as make corpus does.
		results, err = run(*corpus, specs, *keep, ".")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusrun:", err)
		os.Exit(1)
	}
	report(os.Stdout, results)
}

// run generates specs (paths in corpus) into packages of one module, in
// keep or a temporary directory, then compiles, vets and tests them. root
// is this repository's root, which the module refers to.
func run(corpus string, specs []string, keep, root string) ([]*result, error) {
	var err error
	dir := keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "oagen-corpus-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if root, err = filepath.Abs(root); err != nil {
		return nil, err
	}
	// A module inside this one's path, so that the example tests can use
	// internal/jsontest.
	if err := gomod.Write(dir, "github.com/oagen/oagen/corpus", filepath.Join(root, "go.sum"), root); err != nil {
		return nil, err
	}
	var results []*result
	for i, spec := range specs {
		r := generate(filepath.Join(corpus, spec), fmt.Sprintf("p%03d", i), dir)
		r.spec = spec
		if r.outcome == "ok" {
			if r.examples, err = writeExamples(filepath.Join(corpus, spec), r.pkg, dir); err != nil {
				return nil, fmt.Errorf("%s: examples: %w", spec, err)
			}
		}
		results = append(results, r)
	}
	if err := vet(dir, results); err != nil {
		return nil, err
	}
	if err := testExamples(dir, results); err != nil {
		return nil, err
	}
	return results, nil
}

// standaloneSpecs lists the corpus specs that are whole OpenAPI documents,
// from MANIFEST.tsv (fragments and overlays are referenced by others).
func standaloneSpecs(corpus string) ([]string, error) {
	f, err := os.Open(filepath.Join(corpus, "MANIFEST.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var specs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 11 || !strings.HasPrefix(cols[0], "specs/") || !strings.HasPrefix(cols[10], "load ") {
			continue
		}
		specs = append(specs, cols[0])
	}
	sort.Strings(specs)
	return specs, sc.Err()
}

func generate(spec, pkg, dir string) *result {
	r := &result{pkg: pkg}
	start := time.Now()
	files, err := gen.Generate(gen.Config{Spec: spec, Package: pkg})
	r.took = time.Since(start)
	if err != nil {
		r.outcome, r.detail = "failed", firstLine(err.Error())
		if strings.Contains(err.Error(), "internal error") {
			r.outcome = "panic"
		}
		return r
	}
	if err := os.MkdirAll(filepath.Join(dir, pkg), 0o755); err != nil {
		r.outcome, r.detail = "broken", err.Error()
		return r
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, pkg, f.Name), f.Content, 0o644); err != nil {
			r.outcome, r.detail = "broken", err.Error()
			return r
		}
		// oagen formats its output itself (internal/gofmt), holding it to
		// go/format's bytes; here it is held to them on every spec.
		if formatted, err := format.Source(f.Content); err != nil || !bytes.Equal(formatted, f.Content) {
			r.outcome, r.detail = "broken", f.Name+" is not as gofmt writes it"
			return r
		}
		if f.Name == "client.gen.go" {
			r.ops = bytes.Count(f.Content, []byte("\nfunc (c *Client) "))
		}
		if f.Name == "types.gen.go" {
			r.types = bytes.Count(f.Content, []byte("\ntype "))
		}
	}
	r.outcome = "ok"
	if gen.Bundles(spec) {
		r.split, r.unbundled = true, sameUnbundled(spec, pkg, files)
	}
	return r
}

// sameUnbundled holds the package generated from the bundled spec (see
// gen.Config.FileByFile) to the one generated file by file: "" when they
// are the same, else the first file that differs or the error.
func sameUnbundled(spec, pkg string, bundled []gen.File) string {
	byFile, err := gen.Generate(gen.Config{Spec: spec, Package: pkg, FileByFile: true})
	if err != nil {
		return "file by file: " + firstLine(err.Error())
	}
	if len(byFile) != len(bundled) {
		return fmt.Sprintf("file by file: %d files, bundled %d", len(byFile), len(bundled))
	}
	for i := range byFile {
		if byFile[i].Name != bundled[i].Name || !bytes.Equal(byFile[i].Content, bundled[i].Content) {
			return byFile[i].Name + " differs"
		}
	}
	return ""
}

var pkgLine = regexp.MustCompile(`(?m)^(?:vet: )?\.?/?(p\d{3,})/([^\s:]+:\d+:\d+: .*)$`)

// vet type-checks and vets every generated package in one go command and
// marks the packages it complains about as broken.
func vet(dir string, results []*result) error {
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	_ = cmd.Run() // failures are read from the output, per package
	byPkg := map[string]*result{}
	for _, r := range results {
		byPkg[r.pkg] = r
	}
	for _, m := range pkgLine.FindAllStringSubmatch(buf.String(), -1) {
		if r := byPkg[m[1]]; r != nil && r.outcome == "ok" {
			r.outcome, r.detail = "broken", m[2]
		}
	}
	if buf.Len() > 0 && len(pkgLine.FindAllString(buf.String(), -1)) == 0 && strings.Contains(buf.String(), "error") {
		return fmt.Errorf("go vet failed outside any package:\n%s", buf.String())
	}
	return nil
}

func report(out io.Writer, results []*result) {
	fmt.Fprintf(out, "| spec | ops | types | generate | result | first error | examples |\n|---|---|---|---|---|---|---|\n")
	counts := map[string]int{}
	examples, exFailed := 0, 0
	for _, r := range results {
		counts[r.outcome]++
		ex := ""
		if r.examples > 0 {
			examples += r.examples
			ex = fmt.Sprintf("%d: %s", r.examples, r.checked)
			if r.exFailed {
				exFailed++
			}
		}
		fmt.Fprintf(out, "| %s | %d | %d | %s | %s | %s | %s |\n", r.spec, r.ops, r.types, r.took.Round(time.Millisecond), r.outcome,
			strings.ReplaceAll(r.detail, "|", "\\|"), strings.ReplaceAll(ex, "|", "\\|"))
	}
	loadable := 0
	for _, r := range results {
		if !strings.Contains(r.detail, "cannot load") {
			loadable++
		}
	}
	pct := 0.0
	if loadable > 0 {
		pct = 100 * float64(counts["ok"]) / float64(loadable)
	}
	fmt.Fprintf(out, "\n%d generated and compiled, %d failed cleanly, %d panics, %d broken (%.1f%% of the %d specs kin-openapi loads compile)\n",
		counts["ok"], counts["failed"], counts["panic"], counts["broken"], pct, loadable)
	fmt.Fprintf(out, "%d request and response examples in the specs; the example tests of %d packages failed\n", examples, exFailed)
	split, differ := 0, []string{}
	for _, r := range results {
		if r.split {
			split++
			if r.unbundled != "" {
				differ = append(differ, r.spec+": "+r.unbundled)
			}
		}
	}
	fmt.Fprintf(out, "%d specs bundled from their files: %d give the same package loaded file by file, %d do not\n", split, split-len(differ), len(differ))
	for _, d := range differ {
		fmt.Fprintf(out, "  %s\n", d)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
