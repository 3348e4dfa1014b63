package gen

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/ir"
)

// buildYAML builds the IR of a spec given as text.
func buildYAML(t *testing.T, spec string, include ...string) (*ir.API, error) {
	t.Helper()
	return buildConfig(t, spec, Config{Package: "api", IncludeOps: include})
}

// buildConfig builds spec, written to a file, with cfg.
func buildConfig(t *testing.T, spec string, cfg Config) (*ir.API, error) {
	t.Helper()
	cfg.Spec = filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(cfg.Spec, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := load(cfg.Spec)
	if err != nil {
		return nil, err
	}
	return build(doc, cfg)
}

func mustBuild(t *testing.T, spec string, include ...string) *ir.API {
	t.Helper()
	api, err := buildYAML(t, spec, include...)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func typeNamed(t *testing.T, api *ir.API, name string) *ir.Type {
	t.Helper()
	for _, ty := range api.Types {
		if ty.Name == name {
			return ty
		}
	}
	t.Fatalf("no type %s", name)
	return nil
}

func fieldNamed(t *testing.T, ty *ir.Type, name string) *ir.Field {
	t.Helper()
	for _, f := range ty.Struct.Fields {
		if f.JSONName == name {
			return f
		}
	}
	t.Fatalf("%s has no field %s", ty.Name, name)
	return nil
}

func readSpec(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildNullableSpellings(t *testing.T) {
	pet := typeNamed(t, mustBuild(t, readSpec(t, "nullable")), "Pet")
	cases := []struct {
		field              string
		required, nullable bool
		wrapped            bool
	}{
		{"id", true, false, false},
		{"name", true, true, true},     // type: [string, "null"]
		{"tag", true, true, true},      // nullable: true
		{"owner", true, true, true},    // allOf [$ref, {nullable}]
		{"nickname", true, true, true}, // anyOf [string, null]
		{"age", false, false, true},
		{"home", false, true, true}, // $ref with a sibling nullable
		{"mood", false, true, true}, // enum with null
	}
	for _, c := range cases {
		f := fieldNamed(t, pet, c.field)
		if f.Required != c.required || f.Nullable != c.nullable || (f.Type.Kind == ir.ExprOpt) != c.wrapped {
			t.Errorf("%s: required=%v nullable=%v opt=%v, want %v %v %v", c.field, f.Required, f.Nullable, f.Type.Kind == ir.ExprOpt, c.required, c.nullable, c.wrapped)
		}
	}
	if owner := fieldNamed(t, pet, "owner").Type.Elem; owner.Kind != ir.ExprNamed || owner.Named.Name != "Owner" {
		t.Errorf("allOf [$ref, nullable] must be the referenced type, got %+v", owner)
	}
	labels := fieldNamed(t, pet, "labels").Type.Elem
	if labels.Kind != ir.ExprSlice || labels.Elem.Kind != ir.ExprOpt {
		t.Errorf("nullable array items must be Opt, got %+v", labels)
	}
	if extra := fieldNamed(t, pet, "extra").Type.Elem; extra.Kind != ir.ExprBuiltin || extra.Builtin != ir.Raw {
		t.Errorf("a schema-less value must stay raw JSON, got %+v", extra)
	}
}

func TestBuildUnionDispatch(t *testing.T) {
	api := mustBuild(t, readSpec(t, "unions"))
	shape := typeNamed(t, api, "Shape").Union
	if shape.TagProperty != "kind" || !slices.Equal(shape.Objects[0].Tags, []string{"circle"}) || shape.Objects[1].Label != "Square" {
		t.Errorf("discriminator mapping: tag %q, variants %+v", shape.TagProperty, shape.Objects)
	}
	choice := typeNamed(t, api, "Choice").Union
	if choice.ByToken[ir.JSONString] == nil || choice.ByToken[ir.JSONString].Label != "String" || len(choice.Objects) != 1 || choice.Objects[0].Label != "Named" {
		t.Errorf("string-or-object union: %+v", choice)
	}
	format := typeNamed(t, api, "Format").Union
	if format.TagProperty != "type" || format.Objects[0].Label != "JSONSchema" || format.Objects[1].Label != "Text" {
		t.Errorf("const-tagged union: tag %q %+v", format.TagProperty, format.Objects)
	}
	if vc := format.ByToken[ir.JSONString].ValueConstructors; len(vc) != 1 || vc[0].Name != "FormatAuto" {
		t.Errorf("one-value string variant constructors: %+v", vc)
	}
	amount := typeNamed(t, api, "Amount").Union
	if amount.ByToken[ir.JSONInteger].Label != "Integer" || amount.ByToken[ir.JSONNumber].Label != "Number" || amount.ByToken[ir.JSONBool].Label != "Boolean" {
		t.Errorf("token dispatch: %+v", amount.ByToken)
	}
	byReq := typeNamed(t, api, "ByRequired").Union
	if byReq.TagProperty != "" || len(byReq.Objects[0].Required) != 2 || len(byReq.Objects[1].Required) != 1 {
		t.Errorf("required-set dispatch must try the larger set first: %+v %+v", byReq.Objects[0], byReq.Objects[1])
	}
	event := typeNamed(t, api, "Event").Union
	var labels []string
	for _, v := range event.Variants {
		labels = append(labels, v.Label)
	}
	if event.TagProperty != "event" || !slices.Equal(labels, []string{"StartBegin", "StartEnd", "Stop"}) {
		t.Errorf("flattened event union: tag %q labels %v", event.TagProperty, labels)
	}
	model := typeNamed(t, api, "Model")
	if model.Kind != ir.KindAlias || model.Target.Named.Name != "KnownModel" {
		t.Errorf("anyOf [string, enum] must be the open enum, got %+v", model)
	}
}

func TestBuildAllOfAndClosed(t *testing.T) {
	api := mustBuild(t, readSpec(t, "allof"))
	dog := typeNamed(t, api, "Dog")
	var names []string
	for _, f := range dog.Struct.Fields {
		names = append(names, f.JSONName)
	}
	if !slices.Equal(names, []string{"id", "created", "bark", "name"}) {
		t.Errorf("merged fields in part order: %v", names)
	}
	if !fieldNamed(t, dog, "id").Required || !fieldNamed(t, dog, "bark").Required || fieldNamed(t, dog, "name").Required {
		t.Error("required lists of all parts must merge")
	}
	if !typeNamed(t, api, "Closed").Struct.Closed || typeNamed(t, api, "Dog").Struct.Closed {
		t.Error("only additionalProperties: false closes a struct")
	}
	if typeNamed(t, api, "ClosedReply").Struct.Closed {
		t.Error("additionalProperties: false closes only a struct a request sends")
	}
	mixed := typeNamed(t, api, "Mixed").Struct
	if mixed.ExtraField != "AdditionalProperties" || mixed.Extra.Builtin != ir.Int64 {
		t.Errorf("typed additional properties: %+v", mixed)
	}
}

func TestBuildBreaksValueCycles(t *testing.T) {
	api := mustBuild(t, readSpec(t, "recursive"))
	node := typeNamed(t, api, "Node")
	next := fieldNamed(t, node, "next").Type
	if next.Kind != ir.ExprOpt || next.Elem.Kind != ir.ExprPointer {
		t.Errorf("Node.next must be Opt[*Node], got %+v", next)
	}
	if children := fieldNamed(t, node, "children").Type.Elem; children.Elem.Kind != ir.ExprNamed {
		t.Errorf("a slice already breaks the cycle: %+v", children)
	}
	a, b := fieldNamed(t, typeNamed(t, api, "A"), "b").Type, fieldNamed(t, typeNamed(t, api, "B"), "a").Type
	if (a.Kind == ir.ExprPointer) == (b.Kind == ir.ExprOpt && b.Elem.Kind == ir.ExprPointer) {
		t.Errorf("exactly one field of the A-B loop must become a pointer: %+v / %+v", a, b)
	}
}

func TestBuildIncludeOpsKeepsReachableSchemas(t *testing.T) {
	spec := `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/A"}}}}
  /b:
    get:
      operationId: getB
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/B"}}}}
components:
  schemas:
    A: {type: object, properties: {c: {$ref: "#/components/schemas/C"}}}
    B: {type: object, properties: {x: {type: string}}}
    C: {type: string, enum: [x]}
`
	api := mustBuild(t, spec, "getA")
	var names []string
	for _, ty := range api.Types {
		names = append(names, ty.Name)
	}
	if !slices.Equal(names, []string{"A", "C"}) || len(api.Operations) != 1 || api.Operations[0].Name != "GetA" {
		t.Fatalf("types %v, operations %d", names, len(api.Operations))
	}
	if _, err := buildYAML(t, spec, "getZ"); err == nil {
		t.Fatal("an unknown operation in IncludeOps must be an error")
	}
}

// Build names one read function per container type a decoder meets, in the
// package namespace: a schema whose name spells like a container
// (SliceString beside []string) gets a suffix, the template's readMapRaw
// is never taken, and a free-form object reads as one JSON value.
func TestBuildNamesReaders(t *testing.T) {
	api := mustBuild(t, `
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Holder:
      type: object
      properties:
        strings: {type: array, items: {type: string}}
        named: {$ref: "#/components/schemas/SliceString"}
        free: {type: object, additionalProperties: true}
        mixed: {type: object, additionalProperties: {enum: [[1], {a: 1}]}} # no type: raw values
        counts: {type: array, items: {type: array, items: {type: integer}}}
    SliceString:
      type: object
      properties:
        x: {type: string}
`)
	got := map[string]string{}
	for _, r := range api.Readers {
		got[r.Name] = fmt.Sprintf("%#v", goType(r.Type))
	}
	want := map[string]string{
		"readOptSliceString":     "Opt[[]string]",
		"readOptSliceString2":    "Opt[SliceString]",
		"readOptString":          "Opt[string]",
		"readSliceString":        "[]string",
		"readOptSliceSliceInt64": "Opt[[][]int64]",
		"readSliceSliceInt64":    "[][]int64",
		"readSliceInt64":         "[]int64",
		"readOptObject":          "Opt[json.RawMessage]",
		"readOptMapRaw":          "Opt[map[string]json.RawMessage]",
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%s reads %q, want %q (all: %v)", name, got[name], typ, got)
		}
	}
	for _, r := range api.Readers {
		if r.Name == "readMapRaw" || isMapRaw(r.Type) {
			t.Errorf("%s: maps of raw values are the template's readMapRaw", r.Name)
		}
	}
	if !slices.IsSortedFunc(api.Readers, func(a, b *ir.Reader) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("readers are not sorted by name")
	}
}

func TestArticle(t *testing.T) {
	for name, want := range map[string]string{
		"AssistantTool": "an", "Item": "an", "ErrorEvent": "an", "Object": "an", "Update": "an", "Unknown": "an",
		"User": "a", "Usage": "a", "URL": "a", "RunStep": "a", "MessageContent": "a", "": "a",
	} {
		if got := article(name); got != want {
			t.Errorf("article(%q) = %q, want %q", name, got, want)
		}
	}
}

// A free-form object is its JSON, except as a styled parameter, whose
// members the parameter styles spell out from a map; as a JSON parameter
// (content: application/json) it is its JSON again.
func TestFreeFormParameters(t *testing.T) {
	api := mustBuild(t, `
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: filter, in: query, style: deepObject, explode: true, schema: {type: object}}
        - {name: where, in: query, content: {application/json: {schema: {type: object}}}}
        - {name: X-Labels, in: header, schema: {$ref: "#/components/schemas/Labels"}}
      responses:
        "204": {description: none}
components:
  schemas:
    Labels: {type: object, additionalProperties: true}
`)
	got := map[string]string{}
	for _, p := range append(api.Operations[0].QueryParams, api.Operations[0].HeaderParams...) {
		got[p.Name] = fmt.Sprintf("%#v", goType(p.Type))
	}
	want := map[string]string{
		"filter":   "map[string]json.RawMessage",
		"where":    "json.RawMessage",
		"X-Labels": "map[string]json.RawMessage",
	}
	if !maps.Equal(got, want) {
		t.Fatalf("parameter types %v, want %v", got, want)
	}
	if labels := typeNamed(t, api, "Labels"); labels.Kind != ir.KindAlias || fmt.Sprintf("%#v", goType(labels.Target)) != "json.RawMessage" {
		t.Fatalf("Labels is %v over %#v, want an alias of json.RawMessage", labels.Kind, goType(labels.Target))
	}
}

// TestSeveralTypesInAllOf: an allOf part of several types is not a union
// part (whose variants must be objects): it adds no fields, as a part of
// one scalar type does.
func TestSeveralTypesInAllOf(t *testing.T) {
	api := mustBuild(t, `
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Named:
      allOf:
        - properties: {name: {type: string}}
        - type: [string, number]
`)
	found := false
	for _, typ := range api.Types {
		if typ.Name == "Named" {
			found = true
			if typ.Kind != ir.KindStruct || len(typ.Struct.Fields) != 1 {
				t.Errorf("Named: kind %v, %+v", typ.Kind, typ.Struct)
			}
		}
	}
	if !found {
		t.Error("no type Named")
	}
}

// TestSchemeKeysBuild: with no security of the document's, the main
// scheme is the one most operations ask for; an operation that asks for
// another scheme sent the same way sends that scheme's key, one that asks
// for a scheme sent another way (or for the main one among others) the
// main key.
func TestSchemeKeysBuild(t *testing.T) {
	api := mustBuild(t, `openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    alpha: {type: http, scheme: bearer}
    zeta: {type: http, scheme: bearer}
    q: {type: apiKey, in: query, name: key}
paths:
  /a: {get: {operationId: a, security: [{zeta: []}], responses: {"204": {description: ok}}}}
  /b: {get: {operationId: b, security: [{zeta: []}], responses: {"204": {description: ok}}}}
  /c: {get: {operationId: c, security: [{alpha: []}], responses: {"204": {description: ok}}}}
  /d: {get: {operationId: d, security: [{q: []}], responses: {"204": {description: ok}}}}
  /e: {get: {operationId: e, security: [{alpha: []}, {zeta: []}], responses: {"204": {description: ok}}}}
  /f: {get: {operationId: f, security: [{q: []}, {alpha: []}], responses: {"204": {description: ok}}}}
  /g: {get: {operationId: g, security: [{zeta: []}], responses: {"204": {description: ok}}}}
`)
	if api.Auth.Scheme != "zeta" {
		t.Errorf("main scheme %q, want zeta", api.Auth.Scheme)
	}
	if len(api.Keys) != 1 || api.Keys[0].Scheme != "alpha" || api.Keys[0].Option != "WithAlpha" || strings.Join(api.Keys[0].Ops, " ") != "C E F" {
		t.Fatalf("keys %+v", *api.Keys[0])
	}
	var got []string
	for _, op := range api.Operations {
		got = append(got, fmt.Sprintf("%s%d", op.Name, op.Key))
	}
	if strings.Join(got, " ") != "A0 B0 C1 D0 E1 F1 G0" {
		t.Errorf("operation keys %s", strings.Join(got, " "))
	}
}

// TestAuthSchemes: the API key goes as an HTTP bearer scheme says, else in
// the header of an apiKey scheme, else as HTTP basic's user:password, else
// (no scheme the client can send) as a bearer token; a configured
// environment variable holds either way.
func TestAuthSchemes(t *testing.T) {
	for _, c := range []struct {
		schemes          string
		in, name, prefix string
	}{
		{"", "header", "Authorization", "Bearer "},
		{"{k: {type: apiKey, in: header, name: x-api-key}}", "header", "X-Api-Key", ""},
		{"{k: {type: apiKey, in: header, name: X-Key}, z: {type: http, scheme: bearer}}", "header", "Authorization", "Bearer "},
		{"{k: {type: apiKey, in: query, name: api_key}}", "query", "api_key", ""},
		{"{k: {type: apiKey, in: cookie, name: session}}", "cookie", "session", ""},
		{"{a: {type: apiKey, in: cookie, name: c}, b: {type: apiKey, in: query, name: q}}", "query", "q", ""},
		{"{a: {type: apiKey, in: query, name: q}, b: {type: apiKey, in: header, name: H}}", "header", "H", ""},
		{"{a: {type: apiKey, in: query, name: q1}, b: {type: apiKey, in: query, name: q2}}", "query", "q1", ""},
		{"{a: {type: http, scheme: basic}, b: {type: apiKey, in: cookie, name: c}}", "cookie", "c", ""},
		{"{b: {type: http, scheme: basic}}", "header", "Authorization", "Basic "},
		{"{b: {type: http, scheme: basic}, k: {type: apiKey, in: header, name: K}}", "header", "K", ""},
		{"{k: {type: apiKey, in: header, name: authorization, description: Bearer token}}", "header", "Authorization", "Bearer "},
	} {
		spec := "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\n"
		if c.schemes != "" {
			spec += "components:\n  securitySchemes: " + c.schemes + "\n"
		}
		api, err := buildConfig(t, spec, Config{Package: "api", APIKeyEnv: "KEY"})
		if err != nil {
			t.Fatal(err)
		}
		if a := api.Auth; a.In != c.in || a.Name != c.name || a.Prefix != c.prefix || a.EnvVar != "KEY" || a.Basic != (c.prefix == "Basic ") {
			t.Errorf("%s: %+v, want %s %s %q", c.schemes, a, c.in, c.name, c.prefix)
		}
	}
}

// TestShortNames: a component named like a namespace path is named for
// its last part when no other component's name, short or whole, is the
// same; otherwise, and for names of two parts, the whole name is kept.
func TestShortNames(t *testing.T) {
	api := mustBuild(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    io.k8s.api.apps.v1.Deployment: {type: object, properties: {spec: {$ref: "#/components/schemas/acme.billing.Invoice"}}}
    acme.billing.Invoice: {type: object, properties: {total: {type: integer}}}
    io.example.v1.Widget: {type: object}
    io.example.v2.Widget: {type: object}
    acme.shop.Order: {type: object}
    Order: {type: object}
    Pet.Create: {type: object}
`)
	for _, name := range []string{"Deployment", "Invoice", "IoExampleV1Widget", "IoExampleV2Widget", "AcmeShopOrder", "Order", "PetCreate"} {
		typeNamed(t, api, name)
	}
	if f := fieldNamed(t, typeNamed(t, api, "Deployment"), "spec"); f.Type.Kind != ir.ExprOpt || f.Type.Elem.Named == nil || f.Type.Elem.Named.Name != "Invoice" {
		t.Errorf("Deployment.Spec is %+v", f.Type)
	}
}

// TestStreamWithRawBody: an operation that takes its body as raw bytes
// and answers a stream generates; looking for the stream flag in a body
// with no type dereferenced nil (found by generating random operations:
// 48 of 400 specs hit it).
func TestStreamWithRawBody(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: s, version: "1"}
paths:
  /transcribe:
    post:
      operationId: transcribe
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        "200":
          description: words as they come
          content:
            text/event-stream:
              schema: {type: object, properties: {text: {type: string}}}
`
	path := writeSpec(t, "spec.yaml", spec)
	files, err := Generate(Config{Spec: path, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == "client.gen.go" && !strings.Contains(string(f.Content), "func (c *Client) TranscribeStream(ctx context.Context, body io.Reader") {
			t.Errorf("no stream method taking the raw body:\n%s", f.Content)
		}
	}
}
