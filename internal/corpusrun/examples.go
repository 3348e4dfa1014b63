package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/gen"
)

// example is one example a spec gives of a request body or a response, as
// the generated package's test reads it (testdata/examples.json): the
// method whose argument Arg (a body) or, with Arg -1, whose result type it
// decodes into, where the spec writes it, whether it is valid against its
// schema (kin-openapi's reading), and its JSON.
//
// An example of a stream (Stream set) is its events as the server sends
// them, JSON holding that text as a string, and Method names the stream's
// event decoder instead.
type example struct {
	Method string          `json:"method"`
	Arg    int             `json:"arg"`
	Where  string          `json:"where"`
	Valid  bool            `json:"valid"`
	Stream bool            `json:"stream,omitempty"`
	JSON   json.RawMessage `json:"json"`
}

// examplesTest is the test written beside a package that has examples. A
// valid example must decode and encode back as the same JSON value
// (nothing lost, nothing added); one its schema rejects may fail to decode,
// or (sent in a request type that additionalProperties: false closes) lose
// what the schema forbids. It prints one summary line that corpusrun reads.
const examplesTest = `package %s

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

func TestSpecExamples(t *testing.T) {
	data, err := os.ReadFile("testdata/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Method, Where string
		Arg           int
		Valid, Stream bool
		JSON          json.RawMessage
	}
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	var checked, invalidRejected, skipped int
	client := reflect.ValueOf((*Client)(nil))
	for _, ex := range examples {
		if ex.Stream {
			var text string
			if err := json.Unmarshal(ex.JSON, &text); err != nil {
				t.Fatal(err)
			}
			if checkStream(t, ex.Where, streamDecoders[ex.Method], text) {
				checked++
			}
			continue
		}
		m := client.MethodByName(ex.Method)
		if !m.IsValid() {
			t.Errorf("%%s: no method %%s", ex.Where, ex.Method)
			continue
		}
		var typ reflect.Type
		switch mt := m.Type(); {
		case ex.Arg < 0:
			if mt.NumOut() == 2 {
				typ = mt.Out(0)
			}
		case ex.Arg < mt.NumIn()-1: // before the options
			typ = mt.In(ex.Arg)
		}
		if typ == nil || typ.Kind() == reflect.Interface {
			skipped++ // no typed value: a raw body
			continue
		}
		v := reflect.New(typ)
		if err := json.Unmarshal(ex.JSON, v.Interface()); err != nil {
			if ex.Valid {
				t.Errorf("%%s: a valid example does not decode: %%v", ex.Where, err)
			} else {
				invalidRejected++
			}
			continue
		}
		out, err := json.Marshal(v.Elem().Interface())
		if err != nil {
			t.Errorf("%%s: decoded, but does not encode: %%v", ex.Where, err)
			continue
		}
		if ok, where := jsontest.Equal(ex.JSON, out); !ok {
			if ex.Valid {
				t.Errorf("%%s: encodes back differently, at %%s", ex.Where, where)
			} else {
				// A request type closed by additionalProperties: false
				// drops what its schema forbids.
				invalidRejected++
			}
			continue
		}
		checked++
	}
	fmt.Printf("examples: %%d round trip, %%d invalid and rejected or changed, %%d without a typed value\n", checked, invalidRejected, skipped)
}

// streamDecoders are the event decoders of the stream examples, by name.
var streamDecoders = map[string]func(d *decoder, event, data []byte) (any, error){%s
}

// checkStream reads the events of a stream example as the stream method
// would, and requires each to decode and encode back as its data (or, for
// an envelope union, as {"event": name, "data": data}).
func checkStream(t *testing.T, where string, decode func(d *decoder, event, data []byte) (any, error), text string) bool {
	if decode == nil {
		t.Errorf("%%s: no event decoder", where)
		return false
	}
	r := newSSEReader(strings.NewReader(text))
	var d decoder
	for i := 0; ; i++ {
		event, data, err := r.next()
		if err == io.EOF {
			return true
		}
		if err != nil || string(data) == "[DONE]" {
			return err == nil
		}
		v, err := decode(&d, event, data)
		if err != nil {
			t.Errorf("%%s: event %%d (%%s) does not decode: %%v", where, i, event, err)
			return false
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%%s: event %%d (%%s) decoded, but does not encode: %%v", where, i, event, err)
			return false
		}
		name, _ := json.Marshal(string(event))
		envelope := append(append(append(append([]byte(` + "`" + `{"event":` + "`" + `), name...), ` + "`" + `,"data":` + "`" + `...), data...), '}')
		if ok, _ := jsontest.Equal(data, out); !ok {
			if ok, at := jsontest.Equal(envelope, out); !ok {
				t.Errorf("%%s: event %%d (%%s) encodes back differently, at %%s", where, i, event, at)
				return false
			}
		}
	}
}
`

// writeExamples writes the package's example test and its data when spec
// has examples of request bodies or responses of operations the package
// has methods for, and returns how many.
func writeExamples(spec, pkg, dir string) (int, error) {
	methods, err := clientMethods(filepath.Join(dir, pkg, "client.gen.go"))
	if err != nil {
		return 0, err
	}
	examples, err := specExamples(spec, methods)
	if err != nil || len(examples) == 0 {
		return 0, err
	}
	data, err := json.MarshalIndent(examples, "", "\t")
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Join(dir, pkg, "testdata"), 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, pkg, "testdata", "examples.json"), data, 0o644); err != nil {
		return 0, err
	}
	var decoders strings.Builder
	for _, name := range slices.Compact(slices.Sorted(maps.Values(methods.decoders))) { // streams can share one
		fmt.Fprintf(&decoders, "\n\t%q: func(d *decoder, event, data []byte) (any, error) { return %s(d, event, data) },", name, name)
	}
	test := fmt.Sprintf(examplesTest, pkg, decoders.String())
	return len(examples), os.WriteFile(filepath.Join(dir, pkg, "examples_test.go"), []byte(test), 0o644)
}

// operationLine is the line of a method's doc comment that names its
// operation ("POST /threads/{thread_id}/runs").
var operationLine = regexp.MustCompile(`^([A-Z]+) (/\S*)$`)

// methodsOf is what a generated client.gen.go says of its operations,
// each by "METHOD /path": the first method whose doc comment names it (the
// plain one, emitted before its Stream and Pages forms), and the event
// decoder its stream method hands to newStream or newLineStream.
type methodsOf struct {
	names    map[string]string
	decoders map[string]string
}

func clientMethods(file string) (methodsOf, error) {
	m := methodsOf{names: map[string]string{}, decoders: map[string]string{}}
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
	if err != nil {
		return m, err
	}
	decoders := map[string]string{} // by the plain method's name
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Doc == nil {
			continue
		}
		doc := fd.Doc.Text()
		if stream := streamLine.FindStringSubmatch(doc); stream != nil && stream[1] == fd.Name.Name {
			if decoder := streamDecoder(fd); decoder != "" {
				decoders[stream[2]] = decoder
			}
		}
		for _, line := range strings.Split(doc, "\n") {
			if op := operationLine.FindStringSubmatch(line); op != nil {
				if _, seen := m.names[op[1]+" "+op[2]]; !seen {
					m.names[op[1]+" "+op[2]] = fd.Name.Name
				}
			}
		}
	}
	for key, name := range m.names {
		if decoder := decoders[name]; decoder != "" {
			m.decoders[key] = decoder
		}
	}
	return m, nil
}

// streamLine opens the doc comment of a stream method: "CreateRunStream is
// CreateRun answered as a stream ...".
var streamLine = regexp.MustCompile(`^(\w+) is (\w+) answered as a stream`)

// streamDecoder is the event decoder a stream method hands to newStream
// or newLineStream, or "".
func streamDecoder(fd *ast.FuncDecl) string {
	var name string
	ast.Inspect(fd, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 3 {
			return true
		}
		if fn, ok := call.Fun.(*ast.Ident); ok && (fn.Name == "newStream" || fn.Name == "newLineStream") {
			if arg, ok := call.Args[1].(*ast.Ident); ok {
				name = arg.Name
			}
		}
		return true
	})
	return name
}

// specExamples lists the examples of the request bodies and responses of
// operations with a method in methods: of a JSON request body, and of the
// JSON response of an operation with exactly one 2xx response with JSON
// content (so the method's result is that response's type).
func specExamples(spec string, methods methodsOf) ([]example, error) {
	doc, err := gen.Load(spec)
	if err != nil {
		return nil, err
	}
	var out []example
	for _, path := range doc.Paths.InMatchingOrder() {
		// The body follows the context and one argument per path
		// parameter.
		bodyArg := 1 + strings.Count(path, "{")
		ops := doc.Paths.Value(path).Operations()
		for _, method := range slices.Sorted(maps.Keys(ops)) {
			op := ops[method]
			name := methods.names[method+" "+path]
			if name == "" {
				continue
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				out = contentExamples(out, doc, op.RequestBody.Value.Content, name, bodyArg, method+" "+path+" request")
				out = oaiMetaExamples(out, doc, op, op.RequestBody.Value.Content, name, bodyArg, method+" "+path+" request", curlJSON)
			}
			if op.Responses == nil {
				continue
			}
			var code string
			var content openapi3.Content
			n := 0
			for c, r := range op.Responses.Map() {
				if len(c) == 3 && c[0] == '2' && r.Value != nil && jsonContent(r.Value.Content) != nil {
					code, content, n = c, r.Value.Content, n+1
				}
			}
			if n == 1 {
				out = contentExamples(out, doc, content, name, -1, method+" "+path+" "+code)
				out = oaiMetaExamples(out, doc, op, content, name, -1, method+" "+path+" "+code, responseJSON)
			}
			if decoder := methods.decoders[method+" "+path]; decoder != "" {
				out = oaiMetaStreams(out, op, decoder, method+" "+path)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Where < out[j].Where })
	return out, nil
}

// contentExamples appends the examples of content's JSON media types to
// out.
func contentExamples(out []example, doc *openapi3.T, content openapi3.Content, method string, arg int, where string) []example {
	for _, ct := range slices.Sorted(maps.Keys(content)) {
		mt := content[ct]
		if !isJSON(ct) || mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		add := func(label string, v any) {
			if v == nil {
				return
			}
			v = jsonText(v, mt.Schema.Value)
			if rounded(v) {
				return // not the example the spec writes
			}
			data, err := json.Marshal(v)
			if err != nil {
				return
			}
			out = append(out, example{Method: method, Arg: arg, Where: where + " " + ct + label, Valid: valid(doc, mt.Schema.Value, v), JSON: data})
		}
		add(" example", mt.Example)
		for _, k := range slices.Sorted(maps.Keys(mt.Examples)) {
			if e := mt.Examples[k]; e != nil && e.Value != nil {
				add(" examples."+k, e.Value.Value)
			}
		}
	}
	return out
}

// oaiMetaExamples appends the examples OpenAI's spec keeps in an
// operation's x-oaiMeta (one, or a list) whose JSON text, as text finds it
// in one (responseJSON, curlJSON), is JSON: a streamed response's example
// is its events, and some elide with "..." or comments.
func oaiMetaExamples(out []example, doc *openapi3.T, op *openapi3.Operation, content openapi3.Content, method string, arg int, where string, text func(map[string]any) (string, string)) []example {
	mt := jsonContent(content)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return out
	}
	for i, e := range oaiMetaList(op) {
		data, kind := text(e)
		var v any
		if json.Unmarshal([]byte(data), &v) != nil || rounded(v) {
			continue
		}
		out = append(out, example{Method: method, Arg: arg, Where: fmt.Sprintf("%s x-oaiMeta %s example %d", where, kind, i), Valid: valid(doc, mt.Schema.Value, v), JSON: json.RawMessage(data)})
	}
	return out
}

// responseJSON is an x-oaiMeta example's response.
func responseJSON(e map[string]any) (string, string) {
	text, _ := e["response"].(string)
	return text, "response"
}

// curlBody finds the JSON body of a curl command (-d '{...}').
var curlBody = regexp.MustCompile(`(?s)-d '(\{.*?\}|\[.*?\])'`)

// curlJSON is the body of an x-oaiMeta example's curl command.
func curlJSON(e map[string]any) (string, string) {
	request := e["request"]
	if r, ok := request.(map[string]any); ok {
		request = r["curl"]
	}
	curl, _ := request.(string)
	if m := curlBody.FindStringSubmatch(curl); m != nil {
		return m[1], "curl"
	}
	return "", "curl"
}

// oaiMetaStreams appends the stream examples in an operation's x-oaiMeta:
// responses that are not JSON but events (data: lines), for the operation's
// event decoder.
func oaiMetaStreams(out []example, op *openapi3.Operation, decoder, where string) []example {
	for i, e := range oaiMetaList(op) {
		text, _ := responseJSON(e)
		if json.Valid([]byte(text)) || !strings.Contains(text, "data:") {
			continue
		}
		data, err := json.Marshal(text)
		if err != nil {
			continue
		}
		out = append(out, example{Method: decoder, Arg: -1, Where: fmt.Sprintf("%s x-oaiMeta stream example %d", where, i), Valid: true, Stream: true, JSON: data})
	}
	return out
}

// oaiMetaList is the examples of an operation's x-oaiMeta: one, or a list.
func oaiMetaList(op *openapi3.Operation) []map[string]any {
	meta, _ := op.Extensions["x-oaiMeta"].(map[string]any)
	var list []any
	switch ex := meta["examples"].(type) {
	case []any:
		list = ex
	case map[string]any:
		list = []any{ex}
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		out[i], _ = e.(map[string]any)
	}
	return out
}

// jsonText returns the value a string example holds as JSON text when its
// schema is not a string's (Atlassian's specs write every example so), and
// v otherwise.
func jsonText(v any, s *openapi3.Schema) any {
	text, ok := v.(string)
	if !ok || s.Type.Includes("string") || s.Type == nil && (len(s.OneOf) > 0 || len(s.AnyOf) > 0) {
		return v
	}
	var parsed any
	if json.Unmarshal([]byte(text), &parsed) != nil {
		return v
	}
	return parsed
}

// rounded reports whether v holds an integer beyond float64's exact range
// (2^53): kin-openapi reads examples into float64, so such a number is no
// longer the one the spec writes (DigitalOcean's 9223372036854775807
// arrives as 9223372036854775808, which overflows an int64).
func rounded(v any) bool {
	switch v := v.(type) {
	case float64:
		return math.Abs(v) > 1<<53 && v == math.Trunc(v)
	case []any:
		return slices.ContainsFunc(v, rounded)
	case map[string]any:
		for _, e := range v {
			if rounded(e) {
				return true
			}
		}
	}
	return false
}

// valid reports whether v satisfies s, as kin-openapi reads it; a schema it
// cannot apply (it panics on some invalid ones) counts as not.
func valid(doc *openapi3.T, s *openapi3.Schema, v any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	opts := []openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	return s.VisitJSON(v, opts...) == nil
}

// jsonContent is the JSON entry of a content map, the first by name.
func jsonContent(c openapi3.Content) *openapi3.MediaType {
	for _, ct := range slices.Sorted(maps.Keys(c)) {
		if isJSON(ct) {
			return c[ct]
		}
	}
	return nil
}

func isJSON(ct string) bool {
	base, _, _ := strings.Cut(ct, ";")
	base = strings.TrimSpace(strings.ToLower(base))
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

// testExamples runs the example tests of the packages that have them, in
// one go command, and records what each said: its summary line, or its
// first failure and how many there were.
func testExamples(dir string, results []*result) error {
	args := []string{"test", "-json", "-run", "^TestSpecExamples$"}
	byPkg := map[string]*result{}
	for _, r := range results {
		if r.examples > 0 && r.outcome == "ok" {
			args = append(args, "./"+r.pkg)
			byPkg["github.com/oagen/oagen/corpus/"+r.pkg] = r
		}
	}
	if len(byPkg) == 0 {
		return nil
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if len(stdout) == 0 && err != nil {
		return fmt.Errorf("go test: %v\n%s", err, stderr.String())
	}
	failures := map[*result]int{}
	dec := json.NewDecoder(bytes.NewReader(stdout))
	for {
		var ev struct{ Action, Package, Test, Output string }
		if err := dec.Decode(&ev); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("go test -json: %w", err)
		}
		r := byPkg[ev.Package]
		if r == nil {
			continue
		}
		line := strings.TrimSpace(ev.Output)
		switch {
		case ev.Action == "fail" && ev.Test == "":
			r.exFailed = true
		case ev.Action != "output":
		case strings.HasPrefix(line, "examples: ") && !r.exFailed:
			if failures[r] == 0 {
				r.checked = strings.TrimPrefix(line, "examples: ")
			}
		case strings.HasPrefix(line, "examples_test.go:") || strings.HasPrefix(line, "panic:"):
			if failures[r]++; failures[r] == 1 {
				r.checked = line
			}
		}
	}
	for r, n := range failures {
		r.exFailed = true
		r.checked = fmt.Sprintf("%d failed; the first: %s", n, r.checked)
	}
	return nil
}
