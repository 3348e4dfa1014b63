// Package templates holds the spec-independent Go that every generated
// package carries: the Opt wrapper, the JSON helpers the generated codecs
// call, and the client core. Each file is real Go with the package name left
// as a template parameter, so it reads like the code it becomes.
package templates

import "embed"

// FS holds the *.go.tmpl files.
//
//go:embed *.go.tmpl
var FS embed.FS
