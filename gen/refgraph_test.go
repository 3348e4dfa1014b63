package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReferenceGraphs generates specs whose components refer to
// themselves and to each other through every kind of schema (allOf, oneOf,
// anyOf, not, items, properties, additionalProperties, discriminators with
// and without mappings) and requires each to generate, or fail with
// diagnostics, and a sample to compile and vet. Such graphs made the
// generator recurse until it ran out of stack (a schema that was only
// itself, an allOf naming its own schema in a union, a base that extended
// itself), follow aliases of each other for ever, or write a pointer to an
// alias that crashes Go's type checker; byte-level fuzzing (FuzzLoadBuild)
// found none of them. The seeds are fixed, so a failure is reproducible.
func TestReferenceGraphs(t *testing.T) {
	generateAtRandom(t, 300, 40, 2, referenceGraph)
}

// generateAtRandom generates n specs that spec makes from seeds 0 to n-1:
// each must generate, or fail with located diagnostics (an internal error
// or a hang fails the test), at least one in minShare must generate, and
// the first compiled of those must compile and vet.
func generateAtRandom(t *testing.T, n, compiled, minShare int, spec func(seed uint64) []byte) {
	t.Helper()
	dir := t.TempDir()
	mod := newTempModule(t)
	generated := 0
	for seed := range n {
		path := filepath.Join(dir, fmt.Sprintf("s%03d.json", seed))
		if err := os.WriteFile(path, spec(uint64(seed)), 0o644); err != nil {
			t.Fatal(err)
		}
		pkg := fmt.Sprintf("g%03d", seed)
		files, err := Generate(Config{Spec: path, Package: pkg})
		if err != nil {
			if !strings.Contains(err.Error(), "#/") || strings.Contains(err.Error(), "internal error") {
				t.Errorf("seed %d: an error that is no located diagnostic: %v", seed, err)
			}
			continue
		}
		if generated++; generated <= compiled {
			writeFiles(t, filepath.Join(mod, pkg), files)
		}
	}
	if generated < n/minShare {
		t.Fatalf("only %d of %d specs generated: they are not exercising the builder", generated, n)
	}
	goCmd(t, mod, "vet", "./...")
}

// referenceGraph is a spec of five components built at random from seed,
// referring to each other and to themselves.
func referenceGraph(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	names := []string{"A", "B", "C", "D", "E"}
	ref := func() map[string]any {
		return map[string]any{"$ref": "#/components/schemas/" + names[r.IntN(len(names))]}
	}
	var schema func(depth int) map[string]any
	schema = func(depth int) map[string]any {
		if depth > 2 || r.IntN(4) == 0 {
			if r.IntN(5) < 3 {
				return ref()
			}
			return []map[string]any{
				{"type": "string"}, {"type": "integer"}, {},
				{"type": "object", "properties": map[string]any{"k": map[string]any{"type": "string"}}},
				{"type": "string", "enum": []any{"x", "y"}},
			}[r.IntN(5)]
		}
		list := func() []any {
			out := make([]any, 1+r.IntN(3))
			for i := range out {
				out[i] = schema(depth + 1)
			}
			return out
		}
		switch r.IntN(9) {
		case 0:
			return map[string]any{"allOf": list()}
		case 1:
			return map[string]any{"oneOf": list()}
		case 2:
			return map[string]any{"anyOf": list()}
		case 3:
			return map[string]any{"type": "array", "items": schema(depth + 1)}
		case 4:
			s := map[string]any{"type": "object", "properties": map[string]any{"p": schema(depth + 1), "kind": map[string]any{"type": "string"}}}
			if r.IntN(2) == 0 {
				s["required"] = []any{"p"}
			}
			return s
		case 5:
			return map[string]any{"type": "object", "additionalProperties": schema(depth + 1)}
		case 6:
			return map[string]any{"not": schema(depth + 1)}
		case 7:
			return map[string]any{"allOf": []any{schema(depth + 1)}, "nullable": true}
		}
		d := map[string]any{"propertyName": "kind"}
		if r.IntN(2) == 0 {
			m := map[string]any{}
			for i := range 1 + r.IntN(3) {
				m[fmt.Sprintf("v%d", i)] = ref()["$ref"]
			}
			d["mapping"] = m
		}
		s := map[string]any{"type": "object", "properties": map[string]any{"kind": map[string]any{"type": "string"}}, "discriminator": d}
		if r.IntN(2) == 0 {
			s["allOf"] = []any{ref()}
		}
		if r.IntN(3) == 0 {
			s["oneOf"] = []any{ref(), ref()}
		}
		return s
	}
	comps := map[string]any{}
	for _, n := range names {
		s := schema(0)
		if s["$ref"] == "#/components/schemas/"+n {
			s = map[string]any{"type": "string"} // the loader refuses a schema that is only its own $ref
		}
		comps[n] = s
	}
	op := map[string]any{
		"operationId": "op",
		"requestBody": map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": ref()}}},
		"responses": map[string]any{"200": map[string]any{"description": "ok",
			"content": map[string]any{"application/json": map[string]any{"schema": ref()}}}},
	}
	doc := map[string]any{
		"openapi": "3.0.3", "info": map[string]any{"title": "graph", "version": "1"},
		"paths":      map[string]any{"/x": map[string]any{"post": op}},
		"components": map[string]any{"schemas": comps},
	}
	out, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return out
}
