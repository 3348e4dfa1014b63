package gen

import (
	"bytes"
	"go/format"
	"testing"
)

// Generated files from templates are not reformatted (it would double the
// time generation takes), so the templates themselves must be gofmt-clean.
func TestTemplatesAreFormatted(t *testing.T) {
	files, err := emitTemplates("x")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		formatted, err := format.Source(f.Content)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(formatted, f.Content) {
			t.Errorf("%s: the template is not gofmt-clean", f.Name)
		}
	}
}
