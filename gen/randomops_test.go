package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestRandomOperations generates specs of operations with parameters of
// every place and style (named like the method's own arguments, or with
// spaces and brackets), bodies and responses of every media type, status
// ranges and defaults, and each kind of security scheme, as
// TestReferenceGraphs does for schemas. An operation that takes raw bytes
// and answers a stream crashed the build in 48 of 400 such specs.
func TestRandomOperations(t *testing.T) {
	generateAtRandom(t, 200, 30, 4, randomOperations)
}

// randomOperations is a spec of up to three paths of operations built at
// random from seed.
func randomOperations(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	pick := func(options ...any) any { return options[r.IntN(len(options))] }
	schema := func() any {
		return pick(
			map[string]any{"type": "string"}, map[string]any{"type": "integer"}, map[string]any{"type": "boolean"},
			map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
			map[string]any{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "string"}}},
			map[string]any{"$ref": "#/components/schemas/M"}, map[string]any{"type": "string", "format": "binary"},
			map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"$ref": "#/components/schemas/M"}}},
			map[string]any{}, map[string]any{"type": "string", "enum": []any{"a", "b"}},
		)
	}
	content := func() map[string]any {
		out := map[string]any{}
		for range 1 + r.IntN(3) {
			media := pick("application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain",
				"application/octet-stream", "text/event-stream", "application/vnd.api+json", "application/x-ndjson", "*/*")
			out[media.(string)] = map[string]any{"schema": schema()}
		}
		return out
	}
	names := []any{"id", "x-y", "a b", "Limit", "filter[x]", "type", "ctx", "body", "opts", "params", "c", "page", "out", "err", "p0"}
	paths := map[string]any{}
	for range 1 + r.IntN(3) {
		path := ""
		for range 1 + r.IntN(3) {
			// {out}, {err}, {p1}: named as the method's own variables
			// (go-swagger's fixtures have /{p0}/{p1}).
			path += "/" + pick("a", "b", "{id}", "{x-y}", "{type}", "{out}", "{err}", "{p1}", "{req}").(string)
		}
		ops := map[string]any{}
		for _, method := range []string{"get", "post", "put", "delete", "patch"} {
			if r.IntN(3) != 0 {
				continue
			}
			var params []any
			for _, v := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(path, -1) {
				if r.IntN(5) != 0 { // else undeclared
					params = append(params, map[string]any{"name": v[1], "in": "path", "required": true, "schema": schema()})
				}
			}
			for i := range r.IntN(4) {
				p := map[string]any{"name": fmt.Sprint(pick(names...), pick("", i)), "in": pick("query", "header", "cookie")}
				if r.IntN(5) == 0 {
					p["content"] = map[string]any{pick("application/json", "text/plain").(string): map[string]any{"schema": schema()}}
				} else {
					p["schema"] = schema()
				}
				if r.IntN(3) == 0 {
					p["style"] = pick("form", "simple", "deepObject", "spaceDelimited", "pipeDelimited", "label", "matrix")
				}
				if r.IntN(3) == 0 {
					p["explode"] = r.IntN(2) == 0
				}
				params = append(params, p)
			}
			op := map[string]any{"operationId": fmt.Sprint(pick("op", "getA", "String", "do", "Do", "new", "type"), r.IntN(3)), "parameters": params}
			if r.IntN(5) < 3 {
				op["requestBody"] = map[string]any{"required": r.IntN(2) == 0, "content": content()}
			}
			responses := map[string]any{}
			for range 1 + r.IntN(3) {
				resp := map[string]any{"description": "x"}
				if r.IntN(10) < 7 {
					resp["content"] = content()
				}
				responses[pick("200", "201", "204", "2XX", "400", "404", "default", "500").(string)] = resp
			}
			op["responses"] = responses
			ops[method] = op
		}
		if len(ops) == 0 {
			ops["get"] = map[string]any{"responses": map[string]any{"204": map[string]any{"description": "x"}}}
		}
		paths[path] = ops
	}
	doc := map[string]any{
		"openapi": "3.0.3", "info": map[string]any{"title": "operations", "version": "1"},
		"servers": []any{pick(map[string]any{"url": "https://x.example.com/v1"}, map[string]any{"url": "/api"},
			map[string]any{"url": "https://{h}.example.com", "variables": map[string]any{"h": map[string]any{"default": "api"}}})},
		"paths": paths,
		"components": map[string]any{
			"schemas": map[string]any{"M": map[string]any{"type": "object", "properties": map[string]any{"m": map[string]any{"type": "string"}}}},
			"securitySchemes": map[string]any{"k": pick(
				map[string]any{"type": "http", "scheme": "bearer"}, map[string]any{"type": "apiKey", "in": "query", "name": "key"},
				map[string]any{"type": "apiKey", "in": "cookie", "name": "sid"}, map[string]any{"type": "http", "scheme": "basic"})},
		},
		"security": []any{map[string]any{"k": []any{}}},
	}
	out, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return out
}
