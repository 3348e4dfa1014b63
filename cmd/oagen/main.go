// Command oagen generates a Go package from an OpenAPI document.
//
//	oagen -spec openapi.yaml -o ./openai -package openai [-include-ops id,id] [-check]
//	oagen -config oagen.yaml [-check]
//	oagen -version
//
// Flags given on the command line override the config file (see
// gen.FileConfig for its keys).
//
// It writes *.gen.go files into the output directory and removes stale ones
// it owns. With -check it writes nothing and exits 1 when any file would
// change. A spec it cannot generate exits 2 with one located diagnostic per
// line: file:line:col: #/json/pointer: message.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/oagen/oagen/gen"
)

// Exit codes.
const (
	exitOK    = 0
	exitStale = 1 // -check found differences
	exitSpec  = 2 // bad spec, bad flags or I/O failure
)

// override sets *dst to flag when the flag was given.
func override(dst *string, flag string) {
	if flag != "" {
		*dst = flag
	}
}

func main() {
	// A generation run is short and most of what it allocates stays live
	// until the end (the parsed spec, the rendered files), so collecting
	// garbage is mostly wasted work: the collector runs only near a 1 GiB
	// soft limit (the full OpenAI spec peaks near 450 MB resident). GOGC or
	// GOMEMLIMIT, when set, still win.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(1 << 30)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("oagen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	spec := fs.String("spec", "", "OpenAPI document (YAML or JSON)")
	out := fs.String("o", "", "output directory")
	pkg := fs.String("package", "", "Go package name (default: the output directory's name)")
	include := fs.String("include-ops", "", "comma-separated operationIds to keep, with every schema they reach")
	apiKeyEnv := fs.String("api-key-env", "", "environment variable NewClient reads the bearer token from")
	configPath := fs.String("config", "", "oagen.yaml with the settings below and more (headers, streaming)")
	check := fs.Bool("check", false, "write nothing; exit 1 naming the files that would change")
	showVersion := fs.Bool("version", false, "print oagen's module version and exit")
	if err := fs.Parse(args); err != nil {
		return exitSpec
	}
	if *showVersion {
		fmt.Fprintln(stdout, "oagen", version())
		return exitOK
	}
	fc := &gen.FileConfig{}
	if *configPath != "" {
		var err error
		if fc, err = gen.LoadConfig(*configPath); err != nil {
			fmt.Fprintln(stderr, "oagen:", err)
			return exitSpec
		}
	}
	override(&fc.Spec, *spec)
	override(&fc.Output, *out)
	override(&fc.Package, *pkg)
	override(&fc.APIKeyEnv, *apiKeyEnv)
	if *include != "" {
		fc.IncludeOps = nil
		for _, id := range strings.Split(*include, ",") {
			if id = strings.TrimSpace(id); id != "" {
				fc.IncludeOps = append(fc.IncludeOps, id)
			}
		}
	}
	if fc.Spec == "" || fc.Output == "" {
		fmt.Fprintln(stderr, "oagen: a spec and an output directory are required (-spec and -o, or -config)")
		fs.Usage()
		return exitSpec
	}
	if fc.Package == "" {
		fc.Package = filepath.Base(filepath.Clean(fc.Output))
	}
	plan, err := gen.Prepare(fc.Config())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitSpec
	}
	// The parsed spec is garbage now; one collection hands its memory to
	// rendering, which would otherwise fault in fresh pages (3% of a
	// full-OpenAI run).
	runtime.GC()
	files, err := plan.Render()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitSpec
	}
	changed, err := sync(fc.Output, files, *check)
	if err != nil {
		fmt.Fprintln(stderr, "oagen:", err)
		return exitSpec
	}
	if *check && len(changed) > 0 {
		for _, name := range changed {
			fmt.Fprintln(stdout, filepath.Join(fc.Output, name))
		}
		return exitStale
	}
	return exitOK
}

// sync makes dir hold exactly files among the *.gen.go files that carry the
// oagen header, and returns the names that differ (changed, new or stale).
// With dryRun it only compares.
func sync(dir string, files []gen.File, dryRun bool) ([]string, error) {
	if !dryRun {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	want := map[string]bool{}
	var changed []string
	for _, f := range files {
		want[f.Name] = true
		path := filepath.Join(dir, f.Name)
		old, err := os.ReadFile(path)
		if err == nil && bytes.Equal(old, f.Content) {
			continue
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		changed = append(changed, f.Name)
		if !dryRun {
			if err := os.WriteFile(path, f.Content, 0o644); err != nil {
				return nil, err
			}
		}
	}
	stale, err := staleFiles(dir, want)
	if err != nil {
		return nil, err
	}
	for _, name := range stale {
		changed = append(changed, name)
		if !dryRun {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(changed)
	return changed, nil
}

// staleFiles lists generated files in dir that this run did not produce.
// Only files whose first line is oagen's header count: oagen never removes
// what it did not write.
func staleFiles(dir string, want map[string]bool) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".gen.go") || want[name] {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(data, []byte(gen.Header)) {
			out = append(out, name)
		}
	}
	return out, nil
}

// version is the oagen module version the binary was built from: a tag
// such as v0.4.0 when it runs as a dependency (go tool oagen), "(devel)"
// when built inside this repository. It is for bug reports; generated
// files never carry it, so output depends on the spec alone.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(unknown)"
}
