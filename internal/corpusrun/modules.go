package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// runModule fetches module m (path@version, optionally followed by a
// directory inside it) through the module proxy and runs every YAML and
// JSON file below that directory as a spec, printing the usual table and a
// summary of the failures.
func runModule(m, keep string) error {
	path, rest, ok := strings.Cut(m, "@")
	if !ok {
		return fmt.Errorf("%s: want module@version[/dir]", m)
	}
	version, sub, _ := strings.Cut(rest, "/")
	dir, err := moduleDir(path + "@" + version)
	if err != nil {
		return err
	}
	root := filepath.Join(dir, filepath.FromSlash(sub))
	specs, err := specFiles(root)
	if err != nil {
		return err
	}
	if keep != "" {
		keep = filepath.Join(keep, strings.NewReplacer("/", "_", "@", "_").Replace(m))
	}
	fmt.Printf("## %s: %d YAML and JSON files\n\n", m, len(specs))
	results, err := run(root, specs, keep, ".")
	if err != nil {
		return err
	}
	report(os.Stdout, results)
	failures(os.Stdout, results)
	return nil
}

// moduleDir downloads mod (path@version) and returns its directory in the
// module cache.
func moduleDir(mod string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", mod)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", mod, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out.Bytes(), &info); err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s%v", mod, info.Error, err)
	}
	return info.Dir, nil
}

// specFiles lists the YAML and JSON files below root, relative to it,
// leaving out hidden directories.
func specFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".json":
			rel, err := filepath.Rel(root, path)
			out = append(out, rel)
			return err
		}
		return nil
	})
	return out, err
}

// located is an error that names a file, line and column.
var located = regexp.MustCompile(`^\S+:\d+:\d+: `)

// failures sums up why specs failed: files that are no OpenAPI document,
// and the other failures, located to a line or not.
func failures(out io.Writer, results []*result) {
	notDocs, placed, unplaced := 0, 0, 0
	for _, r := range results {
		switch {
		case r.outcome != "failed":
		case strings.Contains(r.detail, "not an OpenAPI document"):
			notDocs++
		case located.MatchString(r.detail):
			placed++
		default:
			unplaced++
		}
	}
	fmt.Fprintf(out, "of the failures: %d files are no OpenAPI document; of the others, %d located to a line, %d not\n\n", notDocs, placed, unplaced)
}
