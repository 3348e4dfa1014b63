package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"

	"github.com/oagen/oagen/templates"
)

// templateNames lists the top-level identifiers the templates declare
// (Opt, Client, File, record, ...). Schemas, operations and generated
// helpers that would take one of them get a numeric suffix instead. The
// list is read from the templates themselves, so it cannot drift from them.
func templateNames() []string {
	var names []string
	for _, name := range sortedKeys(templateFiles) {
		src, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			panic("embedded template missing: " + name) // a build of oagen without its templates
		}
		text := strings.ReplaceAll(string(src), "{{.Package}}", "x")
		file, err := parser.ParseFile(token.NewFileSet(), name, text, parser.SkipObjectResolution)
		if err != nil {
			panic("template " + name + " does not parse: " + err.Error())
		}
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						names = append(names, s.Name.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names = append(names, n.Name)
						}
					}
				}
			}
		}
	}
	// Declared by the emitter in every package (WithBasicAuth in those
	// whose key is a user and password).
	return append(names, "defaultBaseURL", "packageName", "apiKeyEnv", "defaultHeaders", "WithBasicAuth", "authKeys", "keyEnvs")
}
