// Package gomod writes the go.mod of a throwaway module that builds
// generated packages offline: it requires exactly what generated code
// imports, at the versions this repository's go.sum holds. The golden and
// corpus tests and the corpus runner all build through it, so the runtime
// version generated code needs is written down once.
package gomod

import "fmt"

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
	mod := fmt.Sprintf("module %s\n\ngo 1.26\n\n%s", path, requirements)
	if replace != "" {
		mod += "\nrequire github.com/oagen/oagen v0.0.0\n\nreplace github.com/oagen/oagen => " + replace + "\n"
	}
	return []byte(mod)
}
