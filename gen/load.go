package gen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/diag"
)

// Load reads the spec at path as Generate does (Swagger 2.0 converted,
// Redocly-style references inlined, a spec split over files bundled into
// one, whose components then include the other files' objects as
// "oagen/1"...) and builds nothing: for tools that look at the document
// beside the package generated from it, such as the corpus runner's test
// of the spec's examples.
func Load(path string) (*openapi3.T, error) {
	doc, _, err := loadFast(path, loadOptions{examples: true})
	return doc, err
}

// loadOptions is what loadFast may do otherwise than Prepare needs.
type loadOptions struct {
	// examples keeps a bundled spec's examples, which a package does not
	// need (see bundle).
	examples bool
	// fileByFile never bundles (see Config.FileByFile).
	fileByFile bool
}

// Bundles reports whether the spec at path is split over files that
// Prepare bundles into one document before loading it, unless
// Config.FileByFile says otherwise.
func Bundles(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil || !mayBundle(data) {
		return false
	}
	_, err = bundle(data, path, false)
	return err == nil
}

// mayBundle reports whether the spec data is one bundle is tried on: an
// OpenAPI 3 document in YAML that refers to other files. (Not a JSON one:
// GitHub's 10 MB has "$ref" members in its examples, and would be parsed
// once more for nothing.)
func mayBundle(data []byte) bool {
	return !isJSON(data) && !isSwagger2(data) && refersElsewhere(data)
}

// isJSON reports whether data is written as JSON: its first character
// past white space opens an object.
func isJSON(data []byte) bool {
	first := bytes.TrimLeft(data, " \t\r\n")
	return len(first) > 0 && first[0] == '{'
}

// shortcut is how loadFast took a shorter way than load; a build that
// reports anything is done again the long way (see Prepare), since its
// diagnostics are located through the origins of the spec's own files.
type shortcut struct {
	// pos is where keys are written, for a document loaded without
	// origins.
	pos *positions
	// bundled says the spec's files were bundled into one document (see
	// bundle), whose origins are not the files'.
	bundled bool
}

// load reads the document at path and resolves its references, keeping
// source positions so diagnostics can say file:line:col. It does not run
// doc.Validate: real specs fail it on harmless things (examples that
// contradict their schema, typo keywords) and the generator reports what it
// cannot generate itself.
func load(path string) (*openapi3.T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return loadData(data, path)
}

// loadFast loads a self-contained document, YAML or JSON (one file, no
// anchors), without kin-openapi's origins, which are a third of the time it
// takes to load the OpenAI spec: from one parse, which also gives the key
// lines that order struct fields (see loadParsed and positions); or, for a
// document loadParsed leaves to the loader, with the loader while another
// core parses it again for those lines. A spec split over files is bundled
// into one (see bundle), with its examples only when opt says so. Anything
// else is loaded as load does. Diagnostics are located through origins, so
// a build that reports any loads again with load.
func loadFast(path string, opt loadOptions) (*openapi3.T, shortcut, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, shortcut{}, err
	}
	return loadFastData(data, path, opt)
}

// loadFastData is loadFast of a document already read from path.
func loadFastData(data []byte, path string, opt loadOptions) (*openapi3.T, shortcut, error) {
	if isSwagger2(data) {
		doc, pos, err := loadSwagger2(data, path)
		return doc, shortcut{pos: pos}, err
	}
	if !opt.fileByFile && mayBundle(data) {
		// Other files, whose lines positions cannot give: bundled into
		// one document if they can be, which loads far faster.
		if one, err := bundle(data, path, opt.examples); err == nil {
			if doc, err := loadBundled(one, path); err == nil {
				return doc, shortcut{bundled: true}, nil
			}
		}
	}
	if !isJSON(data) && refersElsewhere(data) {
		// Other files, not bundled (or not to be: FileByFile), which the
		// fast path would load once for nothing before the parse below
		// found them. JSON, never bundled, goes on regardless: its parse
		// tells a reference from a "$ref" member of an example, which
		// GitHub's spec has and this look at the bytes cannot, and takes
		// no wall time, done on another core while kin-openapi loads. (Of
		// the corpus's YAML, only one DigitalOcean schema file, no spec of
		// its own, is misread so.)
		doc, err := loadData(data, path)
		return doc, shortcut{}, err
	}
	// A raw U+0085 is a line break to YAML and a character to JSON: the
	// loader reads JSON holding one as JSON, and so is left to it.
	if !mayNeedInlining(data) && !bytes.Contains(data, []byte("\u0085")) {
		doc, pos, ok, elsewhere := loadParsed(data, path)
		if ok {
			return doc, shortcut{pos: pos}, nil
		}
		if elsewhere {
			// Anchors, or references into other files: what the way below
			// comes to when its parse says so.
			doc, err := loadData(data, path)
			return doc, shortcut{}, err
		}
	}
	parsed := make(chan *positions, 1)
	go func() {
		var pos *positions
		defer func() {
			recover() // a parser bug costs the fast path, not the run
			parsed <- pos
		}()
		var n yaml.Node
		if yaml.Unmarshal(data, &n) == nil && selfContained(&n) {
			pos = newPositions(&n)
		}
	}()
	doc, err := loadWith(data, path, false)
	pos := <-parsed
	if err != nil || pos == nil {
		doc, err := loadData(data, path)
		return doc, shortcut{}, err
	}
	return doc, shortcut{pos: pos}, nil
}

// refersElsewhere reports whether a YAML document has a $ref that does not
// start with '#': one into another file, which would be loaded twice if
// loadFast found it out only from its parse.
func refersElsewhere(data []byte) bool {
	for rest := data; ; {
		i := bytes.Index(rest, []byte("$ref"))
		if i < 0 {
			return false
		}
		rest = rest[i+len("$ref"):]
		value := bytes.TrimLeft(rest, "'\" \t")
		if len(value) == 0 || value[0] != ':' {
			continue // a $ref in some text, not a key
		}
		value = bytes.TrimLeft(value[1:], " \t'\"")
		if len(value) > 0 && value[0] != '#' {
			return true
		}
	}
}

// loadData loads a document already read from path; references to other
// files resolve relative to path.
func loadData(data []byte, path string) (*openapi3.T, error) {
	if isSwagger2(data) {
		doc, _, err := loadSwagger2(data, path)
		return doc, err
	}
	doc, err := loadWith(data, path, true)
	if err != nil && strings.Contains(err.Error(), "cannot unmarshal array into value of type openapi3.Schema") {
		// Tuples (items: [...]), which the loader cannot read: loaded
		// again with them as lists of any values, without origins (the
		// rewritten document's lines are not the file's).
		var n yaml.Node
		if yaml.Unmarshal(data, &n) == nil && tuplesAsLists(&n) {
			if js, jerr := jsonOf(n.Content[0]); jerr == nil {
				if doc, terr := loadWith(js, path, false); terr == nil {
					return doc, nil
				}
			}
		}
	}
	return doc, err
}

// loadWith is loadData, with or without origins.
func loadWith(data []byte, path string, origins bool) (*openapi3.T, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	loader := newLoader(origins)
	loader.IsExternalRefsAllowed = true
	// Every file gets the references OpenAPI forbids (and Redocly allows)
	// inlined before the loader parses it (see inlineForbiddenRefs), once:
	// the loader reads a file again for each reference to it.
	inlined := map[string][]byte{}
	lastRead := "" // the file read most recently
	loader.ReadFromURIFunc = func(l *openapi3.Loader, u *url.URL) ([]byte, error) {
		data, err := openapi3.DefaultReadFromURI(l, u)
		if err != nil || u.Host != "" || u.Scheme != "" && u.Scheme != "file" {
			return data, err
		}
		if out, ok := inlined[u.Path]; ok {
			return out, nil
		}
		out, err := inlineForbiddenRefs(data, filepath.FromSlash(u.Path))
		if err == nil {
			inlined[u.Path] = out
			lastRead = u.Path
		}
		return out, err
	}
	written := data
	if data, err = inlineForbiddenRefs(data, abs); err != nil {
		return nil, locateLoadError(path, err)
	}
	doc, err := loadRecovering(loader, data, abs)
	if err != nil {
		if broken := brokenRefs(written, abs); broken.Len() > 0 && isRefError(err) {
			return nil, broken.Err()
		}
		if strings.Contains(err.Error(), "cannot contain both schema and content in a parameter") {
			if both := schemaAndContent(written, path); both.Len() > 0 {
				return nil, both.Err()
			}
		}
		// The loader's message gives a line but not the file. It parses
		// the spec before reading any other file, and each file as soon as
		// it has read it, stopping at the first that fails: a file that
		// does not parse is the last one read, if any was.
		if lastRead != "" && strings.Contains(err.Error(), "failed to unmarshal data") {
			return nil, locateLoadError(filepath.FromSlash(lastRead), err)
		}
		return nil, locateLoadError(path, err)
	}
	return doc, nil
}

// loadBundled loads a document bundle made: with origins, which order
// struct fields, and with nothing to inline and no other file to read.
func loadBundled(data []byte, path string) (*openapi3.T, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return loadRecovering(newLoader(true), data, abs)
}

// newLoader is kin-openapi's loader, keeping source positions (origins)
// or not.
func newLoader(origins bool) *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = origins
	loader.Context = context.Background()
	return loader
}

// schemaAndContent locates the parameters of the document data (read from
// path) that give both a schema and content, which the loader refuses
// without saying which (libopenapi's burgershop has one).
func schemaAndContent(data []byte, path string) *diag.List {
	list := &diag.List{}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return list
	}
	eachMember(&doc, "#", func(param, key, _ *yaml.Node, ptr string) {
		if key.Value == "content" && child(param, "in") != nil && child(param, "schema") != nil {
			list.Add(diag.Loc{File: displayPath(path), Line: key.Line, Col: key.Column, Pointer: ptr},
				"a parameter takes a schema or content, not both")
		}
	})
	return list
}

// loadRecovering turns a panic inside the loader (seen on malformed input)
// into an error, so a bad spec never crashes the generator.
func loadRecovering(loader *openapi3.Loader, data []byte, path string) (doc *openapi3.T, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("the OpenAPI loader failed on this document: %v", r)
		}
	}()
	return loader.LoadFromDataWithPath(data, &url.URL{Path: filepath.ToSlash(path)})
}

var yamlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// locateLoadError gives a load failure a location: the reference that
// could not be inlined, or else the file, and the line (and column) when
// the parser's message names one.
func locateLoadError(path string, err error) error {
	if de := (*diag.Error)(nil); errors.As(err, &de) {
		var l diag.List
		l.Add(de.Loc, "%s", de.Msg)
		return l.Err()
	}
	loc := diag.Loc{File: displayPath(path), Pointer: "#"}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		loc.Line, _ = strconv.Atoi(m[1])
		loc.Col = 1
		if m[2] != "" {
			loc.Col, _ = strconv.Atoi(m[2])
		}
	}
	var l diag.List
	l.Add(loc, "cannot load: %v", err)
	return l.Err()
}

// displayPath writes an absolute path relative to the working directory
// when that is shorter (../specs/openai.yaml rather than /home/...), so
// diagnostics read the way the user most likely named the file, whether
// the loader or the user gave it.
func displayPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && len(rel) < len(p) {
		return rel
	}
	return p
}

// locOf returns the diagnostic location of an element with the given origin.
func locOf(pointer string, origin *openapi3.Origin) diag.Loc {
	loc := diag.Loc{Pointer: pointer}
	if origin != nil && origin.Key != nil {
		loc.File = displayPath(origin.Key.File)
		loc.Line = origin.Key.Line
		loc.Col = origin.Key.Column
	}
	return loc
}
