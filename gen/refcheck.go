package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/diag"
)

// A reference that leads nowhere (a misspelt component, a file that was
// moved) is the commonest mistake in a hand-edited spec. kin-openapi stops
// at the first one and names neither the file nor the line it is written
// on; brokenRefs, run only once the loader has failed, finds every one,
// each located where it is written.

// brokenRefs reports the references in the document data, read from file,
// and in the files it refers to, whose file cannot be read or parsed or
// whose fragment names nothing there. References to other hosts are not
// followed (the loader reports those).
func brokenRefs(data []byte, file string) *diag.List {
	c := &refChecker{files: yamlFiles{}, failed: map[string]error{}, list: &diag.List{}}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return c.list // the loader's own message says why it does not parse
	}
	c.files[file] = doc.Content[0]
	c.walk(doc.Content[0], file, "#", false)
	return c.list
}

// isRefError reports whether err, from the loader, is about a reference
// it could not resolve: only then do brokenRefs' findings replace it, so a
// reference the checker misreads cannot hide another error.
func isRefError(err error) bool {
	// A reference to a file that is not there fails as the open does.
	return strings.Contains(err.Error(), "resolv") || strings.Contains(err.Error(), "no such file")
}

// refChecker holds the files parsed so far, by path, and those that could
// not be.
type refChecker struct {
	files  yamlFiles
	failed map[string]error
	list   *diag.List
}

// walk checks the references in n, the value at ptr of file; names says
// n maps names (of properties, schemas...) to objects. The values of
// examples, defaults, enums and extensions are data, not OpenAPI: a "$ref"
// member there is not a reference.
func (c *refChecker) walk(n *yaml.Node, file, ptr string, names bool) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			at := ptr + "/" + escapeToken(key.Value)
			switch {
			case names:
				c.walk(value, file, at, false)
			case key.Value == "$ref":
				if value.Kind == yaml.ScalarNode {
					c.check(key, value.Value, file, ptr)
				}
			case key.Value == "examples" && value.Kind == yaml.MappingNode:
				// Example objects by name, whose value is data (in a
				// schema, examples is a list of data).
				for j := 0; j+1 < len(value.Content); j += 2 {
					c.walkExample(value.Content[j+1], file, at+"/"+escapeToken(value.Content[j].Value))
				}
			case isDataKey(key.Value):
			default:
				c.walk(value, file, at, isNameMap(key.Value))
			}
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			c.walk(e, file, fmt.Sprintf("%s/%d", ptr, i), false)
		}
	}
}

// walkExample checks the reference an Example object n may be.
func (c *refChecker) walkExample(n *yaml.Node, file, ptr string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if key, value := n.Content[i], n.Content[i+1]; key.Value == "$ref" && value.Kind == yaml.ScalarNode {
			c.check(key, value.Value, file, ptr)
		}
	}
}

// check reports reference ref, written at key in file (the value at ptr),
// when it leads nowhere; a file it leads to is checked in turn, once.
func (c *refChecker) check(key *yaml.Node, ref, file, ptr string) {
	loc := diag.Loc{File: displayPath(file), Line: key.Line, Col: key.Column, Pointer: ptr}
	target, frag, _ := strings.Cut(ref, "#")
	if strings.Contains(target, "://") {
		return
	}
	if target == "" {
		target = file
	} else {
		if u, err := url.PathUnescape(target); err == nil {
			target = u
		}
		target = filepath.Join(filepath.Dir(file), filepath.FromSlash(target))
	}
	doc, err := c.file(target)
	if err != nil {
		c.list.Add(loc, "$ref %q: %v", ref, err)
		return
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	value, at := doc, "#"
	for token := range strings.SplitSeq(strings.TrimPrefix(frag, "/"), "/") {
		if token == "" {
			continue
		}
		next := child(value, unescapeToken(token))
		if next == nil {
			where := at
			if target != file {
				where = displayPath(target) + at
			}
			if where == "#" {
				where = "the document"
			}
			c.list.Add(loc, "$ref %q: %s has no %q%s", ref, where, unescapeToken(token), suggestion(value, unescapeToken(token)))
			return
		}
		value, at = next, at+"/"+token
	}
}

// file returns the parsed document at path, reading it, and checking its
// own references, the first time.
func (c *refChecker) file(path string) (*yaml.Node, error) {
	if err, ok := c.failed[path]; ok {
		return nil, err
	}
	_, read := c.files[path]
	doc, err := c.files.load(path)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = fmt.Errorf("cannot read %s: %w", displayPath(path), pe.Err)
	}
	if err != nil {
		c.failed[path] = err
		return nil, err
	}
	if !read {
		c.walk(doc, path, "#", false)
	}
	return doc, nil
}

// suggestion names the key of mapping n nearest to the missing key, when
// one is close enough to be a slip of the keyboard: ` (did you mean "Pet"?)`.
func suggestion(n *yaml.Node, missing string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	best, bestDist := "", max(2, len(missing)/4)+1
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k != missing {
			if d := editDistance(strings.ToLower(k), strings.ToLower(missing)); d < bestDist {
				best, bestDist = k, d
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
