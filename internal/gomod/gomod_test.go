package gomod

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestWriteBuildsAsIs builds a package importing what generated code
// imports in a module Write made, with go.mod taken as it is (no
// -mod=mod): nothing in it may need updating.
func TestWriteBuildsAsIs(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, "example.com/gen", "../../go.sum", ""); err != nil {
		t.Fatal(err)
	}
	src := "package p\n\nimport _ \"github.com/oapi-codegen/runtime\"\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
}
