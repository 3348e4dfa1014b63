package gen

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDisplayPath: diagnostics name a file relative to the working
// directory when that is shorter, as the user most likely typed it, and
// leave a relative path as given.
func TestDisplayPath(t *testing.T) {
	root := t.TempDir()
	wd := filepath.Join(root, "work", "repo")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)
	for _, c := range []struct{ path, want string }{
		{filepath.Join(wd, "spec", "openapi.yaml"), filepath.Join("spec", "openapi.yaml")},
		{filepath.Join(root, "work", "shared", "openai.yaml"), filepath.Join("..", "shared", "openai.yaml")},
		{"/x.yaml", "/x.yaml"}, // ../../../(...)/x.yaml would be longer
		{filepath.Join("..", "specs", "a.yaml"), filepath.Join("..", "specs", "a.yaml")},
	} {
		if got := displayPath(c.path); got != c.want {
			t.Errorf("displayPath(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}
