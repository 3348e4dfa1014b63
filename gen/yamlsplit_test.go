package gen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/oagen/oagen/internal/jsontest"
)

// sameTree says how b differs from a, parsed from the same text, or "":
// kind, style, tag, value, anchor, line and column of every node (comments
// aside, which the loader does not read).
func sameTree(a, b *yaml.Node, at string) string {
	switch {
	case a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor:
		return fmt.Sprintf("%s: %v %v %q %q, want %v %v %q %q", at, b.Kind, b.Style, b.Tag, b.Value, a.Kind, a.Style, a.Tag, a.Value)
	case a.Line != b.Line || a.Column != b.Column:
		return fmt.Sprintf("%s (%q): at %d:%d, want %d:%d", at, a.Value, b.Line, b.Column, a.Line, a.Column)
	case len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %d nodes under it, want %d", at, len(b.Content), len(a.Content))
	}
	for i := range a.Content {
		if msg := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); msg != "" {
			return msg
		}
	}
	return ""
}

// TestParseYAMLHalves: the OpenAI spec (block YAML) and GitHub's (JSON),
// parsed in halves, are the trees one parse gives.
func TestParseYAMLHalves(t *testing.T) {
	corpus, ok := jsontest.CorpusDir()
	if !ok {
		t.Skip("shared corpus not found (../shared/corpus or $OAGEN_CORPUS); the large specs live there")
	}
	for _, name := range []string{"openai-openapi.yaml", "github-api.github.com.json"} {
		data, err := os.ReadFile(filepath.Join(corpus, "specs", name))
		if err != nil {
			t.Fatal(err)
		}
		c, ok := jsonCut(data)
		if !isJSON(data) {
			c, ok = blockCut(data)
		}
		if !ok {
			t.Fatalf("%s: no point to cut at", name)
		}
		if _, ok := parseHalves(data, c); !ok {
			t.Fatalf("%s: the halves did not join", name)
		}
		var whole yaml.Node
		if err := yaml.Unmarshal(data, &whole); err != nil {
			t.Fatal(err)
		}
		got, err := parseYAML(data)
		if err != nil {
			t.Fatal(err)
		}
		if msg := sameTree(&whole, got, "#"); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
	}
}

// cutCases are documents with lines that look like a mapping's members
// and are not (in block, quoted and plain scalars, in flow collections),
// members of mappings at every depth, and a key given twice, which the
// parser takes in one tree and no cut may join (the loader refuses it).
var cutCases = []struct {
	doc   string
	joins bool
}{
	{`openapi: 3.1.0
info:
  title: x
  description: |
    a: b
    c:
  version: "1"
paths:
  /a:
    get:
      description: "multi
        line: quoted
        x"
      summary: plain
        folded on
      responses:
        '200':
          description: ok
components:
  # the schemas
  schemas:
    A:
      type: object

      properties:
        p: {type: string,
          format: uuid}
    B:
      enum: [a,
        b]
    C: {}
    'D': {}
    E: >
      folded
      F: not a key
    G:
      example: 2024-10-01
x-end: true
`, true},
	{`components:
  schemas:
    A: {}
    B: {}
    A: {}
`, false},
	{`a:
  b:
    c:
      d: 1
      e: 2
    f: 3
  g: 4
h: 5
`, true},
}

// TestCutsJoinAsOneParse cuts each case at every line a cut may be made at
// and requires the joined halves to be the tree one parse gives, or the
// cut to be refused; each case must allow some cut.
func TestCutsJoinAsOneParse(t *testing.T) {
	for _, c := range cutCases {
		if joined := blockCutsJoin(t, []byte(c.doc)); (joined > 0) != c.joins {
			t.Errorf("%d cuts joined in:\n%s", joined, c.doc)
		}
	}
}

// blockCutsJoin cuts data at every line a block-style cut may be made at,
// fails t where the joined halves are not the tree one parse gives (or one
// parse refuses the document), and returns how many cuts joined.
func blockCutsJoin(t *testing.T, data []byte) int {
	var whole yaml.Node
	wholeErr := yaml.Unmarshal(data, &whole)
	joined := 0
	for at := 0; at < len(data); at = bytes.IndexByte(data[at:], '\n') + at + 1 {
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			break
		}
		indent, _, ok := mappingKey(data[at : at+end])
		if !ok {
			continue
		}
		headers, ok := headersAbove(data, at, indent)
		if !ok {
			continue
		}
		n, ok := parseHalves(data, cut{first: data[:at], headers: headers, at: at})
		if !ok {
			continue
		}
		joined++
		if wholeErr != nil {
			t.Errorf("cut at %q joined a document one parse refuses (%v)", data[at:at+end], wholeErr)
		} else if msg := sameTree(&whole, n, "#"); msg != "" {
			t.Errorf("cut at %q: %s", data[at:at+end], msg)
		}
	}
	return joined
}

// FuzzCuts: any cut of any document that joins gives the tree one parse
// gives, block-style at every line, JSON where jsonCut cuts.
func FuzzCuts(f *testing.F) {
	for _, c := range cutCases {
		f.Add(c.doc)
	}
	for _, c := range jsonCutCases {
		f.Add(c.doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		blockCutsJoin(t, []byte(doc))
		jsonCutJoins(t, []byte(doc))
	})
}

// jsonCutJoins cuts data where jsonCut does, fails t where the joined
// halves are not the tree one parse gives (or one parse refuses the
// document), and reports whether they joined.
func jsonCutJoins(t *testing.T, data []byte) bool {
	c, ok := jsonCut(data)
	if !ok {
		return false
	}
	n, ok := parseHalves(data, c)
	if !ok {
		return false
	}
	var whole yaml.Node
	if err := yaml.Unmarshal(data, &whole); err != nil {
		t.Errorf("a JSON cut at %q joined a document one parse refuses (%v)", data[c.at:min(len(data), c.at+30)], err)
	} else if msg := sameTree(&whole, n, "#"); msg != "" {
		t.Errorf("cut at %q: %s", data[c.at:min(len(data), c.at+30)], msg)
	}
	return true
}

// jsonCutCases are JSON documents, written a member a line, with what
// looks like a member inside strings and arrays, and a key given twice.
var jsonCutCases = []struct {
	doc   string
	joins bool
}{
	{`{
  "openapi": "3.1.0",
  "info": {
    "title": "x",
    "description": "a,\n  \"b\": {"
  },
  "paths": {
    "/a": {
      "get": {
        "tags": [
          "x",
          "y"
        ],
        "responses": {
          "200": {
            "description": "ok"
          }
        }
      }
    },
    "/b": {}
  },
  "components": {
    "schemas": {
      "A": {"type": "object"},
      "B": {
        "enum": ["a",
          "b"]
      },
      "C": {}
    }
  },
  "x-end": true
}
`, true},
	{`{
  "components": {
    "schemas": {
      "A": {},
      "B": {},
      "A": {}
    }
  }
}
`, false},
}

// TestJSONCutsJoinAsOneParse cuts each JSON case at every line from its
// middle on that jsonCut would cut at, by cutting what is left of it after
// each cut, and requires the joined halves to be the tree one parse gives.
func TestJSONCutsJoinAsOneParse(t *testing.T) {
	for _, c := range jsonCutCases {
		var whole yaml.Node
		if err := yaml.Unmarshal([]byte(c.doc), &whole); err != nil {
			t.Fatal(err)
		}
		joined := 0
		// jsonCut cuts from the middle on: pad the front so that every
		// line of the case comes after the middle once.
		for pad := 0; pad <= len(c.doc); pad += 8 {
			data := append([]byte(strings.Repeat(" ", pad)), c.doc...)
			data = append(data, strings.Repeat(" ", max(0, len(c.doc)-pad))...)
			if jsonCutJoins(t, data) {
				joined++
			}
		}
		if (joined > 0) != c.joins {
			t.Errorf("%d cuts joined in:\n%s", joined, c.doc)
		}
	}
}
