// Package testbin compiles a package's tests into a binary that the
// measuring commands (internal/icount, internal/peerpair) run many times:
// once built, each run starts at once, where `go test` would check the
// build again before every one.
package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Build compiles the tests of the package in dir into a binary in a new
// temporary directory, and returns its path and a function that removes
// the directory.
func Build(dir string) (bin string, remove func(), err error) {
	tmp, err := os.MkdirTemp("", "testbin")
	if err != nil {
		return "", nil, err
	}
	remove = func() { os.RemoveAll(tmp) }
	bin = filepath.Join(tmp, "pkg.test")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Dir, build.Stderr = dir, os.Stderr
	// The package is its own module or this one's, never part of a
	// workspace some parent directory might hold.
	build.Env = append(os.Environ(), "GOWORK=off")
	if err := build.Run(); err != nil {
		remove()
		return "", nil, fmt.Errorf("building the test binary: %w", err)
	}
	return bin, remove, nil
}
