package gen

import (
	"slices"
	"testing"
)

func TestTemplateNamesAreReserved(t *testing.T) {
	names := templateNames()
	for _, want := range []string{"Opt", "Some", "Null", "Client", "NewClient", "APIError", "Stream", "StreamError", "File", "record", "decoder", "readMapRaw", "packageName"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s is declared by the templates or the emitter but not reserved", want)
		}
	}
}
