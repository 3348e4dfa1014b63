// Package gomod writes the go.mod of a throwaway module that builds
// generated packages offline: it requires exactly what generated code
// imports, at the versions this repository's go.sum holds. The golden and
// corpus tests and the corpus runner all build through it, so the runtime
// version generated code needs is written down once.
package gomod

import (
	"fmt"
	"os"
	"path/filepath"
)

// requirements are what a generated package imports (oapi-codegen/runtime)
// and what that needs, matching go.sum.
const requirements = `require github.com/oapi-codegen/runtime v1.9.0

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
)
`

// ForGenerated returns the go.mod of module path; when replace is not
// empty, that module also requires github.com/oagen/oagen from the
// directory replace (tests that import its internal packages).
func ForGenerated(path, replace string) []byte {
	mod := fmt.Sprintf("module %s\n\ngo 1.26.0\n\n%s", path, requirements)
	if replace != "" {
		mod += "\nrequire github.com/oagen/oagen v0.0.0\n\nreplace github.com/oagen/oagen => " + replace + "\n"
	}
	return []byte(mod)
}

// Write makes dir a module named path that builds generated packages
// offline: the go.mod of ForGenerated (replace as there) and a copy of the
// go.sum at sumFile (this repository's, which holds what they need).
func Write(dir, path, sumFile, replace string) error {
	sum, err := os.ReadFile(sumFile)
	if err != nil {
		return fmt.Errorf("reading this repository's go.sum (run from its root): %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), ForGenerated(path, replace), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)
}
