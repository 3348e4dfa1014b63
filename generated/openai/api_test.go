package openai

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decodeRequest(t *testing.T, body string) CreateRunRequest {
	t.Helper()
	var req CreateRunRequest
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if ok, where := jsontest.Equal([]byte(body), []byte(mustJSON(t, req))); !ok {
		t.Fatalf("round trip of %s changed %s: %s", body, where, mustJSON(t, req))
	}
	return req
}

func TestZeroRequestSendsOnlyWhatWasSet(t *testing.T) {
	got := mustJSON(t, CreateRunRequest{AssistantID: "asst_1"})
	if got != `{"assistant_id":"asst_1"}` {
		t.Fatalf("got %s", got)
	}
	got = mustJSON(t, CreateRunRequest{
		AssistantID:  "asst_1",
		Temperature:  Some(0.2),
		Instructions: Null[string](),
	})
	if got != `{"assistant_id":"asst_1","instructions":null,"temperature":0.2}` {
		t.Fatalf("got %s", got)
	}
}

func TestToolChoiceVariants(t *testing.T) {
	req := decodeRequest(t, `{"assistant_id":"a","tool_choice":"required"}`)
	tc, ok := req.ToolChoice.Get()
	if !ok || tc.Kind() != AssistantsAPIToolChoiceOptionKindString {
		t.Fatalf("string tool_choice decoded as %v", tc.Kind())
	}
	if s, _ := tc.AsString(); s != AssistantsAPIToolChoiceOptionStringRequired {
		t.Fatalf("got %q", s)
	}
	if _, ok := tc.AsNamedToolChoice(); ok {
		t.Fatal("a string variant must not read as the object variant")
	}

	req = decodeRequest(t, `{"assistant_id":"a","tool_choice":{"type":"function","function":{"name":"get_weather"}}}`)
	named, ok := req.ToolChoice.Value().AsNamedToolChoice()
	if !ok || named.Type != AssistantsNamedToolChoiceTypeFunction || named.Function.Value().Name != "get_weather" {
		t.Fatalf("named tool choice: %+v ok=%v", named, ok)
	}

	// Built in Go, the same values encode to the same JSON.
	got := mustJSON(t, CreateRunRequest{AssistantID: "a", ToolChoice: Some(AssistantsAPIToolChoiceOptionAuto())})
	if got != `{"assistant_id":"a","tool_choice":"auto"}` {
		t.Fatalf("got %s", got)
	}
	got = mustJSON(t, AssistantsAPIToolChoiceOptionOfNamedToolChoice(AssistantsNamedToolChoice{
		Type:     AssistantsNamedToolChoiceTypeFunction,
		Function: Some(AssistantsNamedToolChoiceFunction{Name: "f"}),
	}))
	if got != `{"type":"function","function":{"name":"f"}}` {
		t.Fatalf("got %s", got)
	}
}

func TestResponseFormatVariants(t *testing.T) {
	cases := []struct {
		json string
		kind AssistantsAPIResponseFormatOptionKind
	}{
		{`"auto"`, AssistantsAPIResponseFormatOptionKindString},
		{`{"type":"text"}`, AssistantsAPIResponseFormatOptionKindText},
		{`{"type":"json_object"}`, AssistantsAPIResponseFormatOptionKindJSONObject},
		{`{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object","properties":{"t":{"type":"number"}}},"strict":true}}`, AssistantsAPIResponseFormatOptionKindJSONSchema},
		{`{"json_schema":{"name":"w"},"type":"json_schema"}`, AssistantsAPIResponseFormatOptionKindJSONSchema},
		{`{"type":"xml","root":"run"}`, AssistantsAPIResponseFormatOptionKindUnknown},
	}
	for _, c := range cases {
		req := decodeRequest(t, `{"assistant_id":"a","response_format":`+c.json+`}`)
		rf := req.ResponseFormat.Value()
		if rf.Kind() != c.kind {
			t.Errorf("%s: kind %v, want %v", c.json, rf.Kind(), c.kind)
		}
		if _, ok := rf.AsText(); ok != (c.kind == AssistantsAPIResponseFormatOptionKindText) {
			t.Errorf("%s: AsText ok=%v", c.json, ok)
		}
		if c.kind == AssistantsAPIResponseFormatOptionKindUnknown && string(rf.Raw()) != c.json {
			t.Errorf("unknown variant kept %s, want %s", rf.Raw(), c.json)
		}
	}
	js, _ := decodeRequest(t, cases[3].json[:0]+`{"assistant_id":"a","response_format":`+cases[3].json+`}`).ResponseFormat.Value().AsJSONSchema()
	if js.JSONSchema.Name != "w" || !js.JSONSchema.Strict.Value() || string(js.JSONSchema.Schema.Value()) != `{"type":"object","properties":{"t":{"type":"number"}}}` {
		t.Fatalf("json_schema variant: %+v", js.JSONSchema)
	}
	got := mustJSON(t, AssistantsAPIResponseFormatOptionOfText(ResponseFormatText{}))
	if got != `{"type":"text"}` {
		t.Fatalf("a discriminator left empty must encode its constant, got %s", got)
	}
	if got := mustJSON(t, AssistantsAPIResponseFormatOptionAuto()); got != `"auto"` {
		t.Fatalf("got %s", got)
	}
}

func TestMessageContentStringOrParts(t *testing.T) {
	req := decodeRequest(t, `{"assistant_id":"a","additional_messages":[
		{"role":"user","content":"hello"},
		{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"high"}},{"type":"image_file","image_file":{"file_id":"file_1"}}]}]}`)
	msgs := req.AdditionalMessages.Value()
	if s, ok := msgs[0].Content.AsString(); !ok || s != "hello" {
		t.Fatalf("string content: %q %v", s, ok)
	}
	parts, ok := msgs[1].Content.AsArray()
	if !ok || len(parts) != 3 {
		t.Fatalf("parts: %v %v", parts, ok)
	}
	want := []MessageContentPartKind{MessageContentPartKindText, MessageContentPartKindImageURL, MessageContentPartKindImageFile}
	for i, p := range parts {
		if p.Kind() != want[i] {
			t.Errorf("part %d: kind %v, want %v", i, p.Kind(), want[i])
		}
	}
	if u, _ := parts[1].AsImageURL(); u.ImageURL.URL != "https://x/y.png" || u.ImageURL.Detail.Value() != ImageDetailHigh {
		t.Fatalf("image_url part: %+v", u)
	}
}

func TestEveryNullableFieldKeepsNull(t *testing.T) {
	body := `{"assistant_id":"a","model":null,"reasoning_effort":null,"instructions":null,
		"additional_instructions":null,"additional_messages":null,"tools":null,"metadata":null,
		"temperature":null,"top_p":null,"stream":null,"max_prompt_tokens":null,
		"max_completion_tokens":null,"truncation_strategy":null,"tool_choice":null,
		"response_format":null}`
	req := decodeRequest(t, body)
	for name, isNull := range map[string]bool{
		"model": req.Model.IsNull(), "instructions": req.Instructions.IsNull(),
		"temperature": req.Temperature.IsNull(), "tool_choice": req.ToolChoice.IsNull(),
		"response_format": req.ResponseFormat.IsNull(), "metadata": req.Metadata.IsNull(),
		"truncation_strategy": req.TruncationStrategy.IsNull(), "reasoning_effort": req.ReasoningEffort.IsNull(),
	} {
		if !isNull {
			t.Errorf("%s: null did not decode as Null", name)
		}
	}
}

func TestOpenEnumsAndUnknownMembers(t *testing.T) {
	req := decodeRequest(t, `{"assistant_id":"a","model":"ft:gpt-4o:acme","reasoning_effort":"extreme",
		"truncation_strategy":{"type":"sliding","last_messages":3,"window":9}}`)
	if req.Model.Value() != "ft:gpt-4o:acme" || req.ReasoningEffort.Value() != "extreme" {
		t.Fatalf("open enum values: %q %q", req.Model.Value(), req.ReasoningEffort.Value())
	}
	if req.TruncationStrategy.Value().Type != "sliding" {
		t.Fatalf("unknown enum value in a nested struct: %q", req.TruncationStrategy.Value().Type)
	}
	if got := mustJSON(t, CreateRunRequest{AssistantID: "a", Model: Some(AssistantSupportedModelsGpt4o)}); got != `{"assistant_id":"a","model":"gpt-4o"}` {
		t.Fatalf("got %s", got)
	}
}

// CreateRunRequest says additionalProperties: false, so its encoder writes
// declared fields only; open types nested in it keep undeclared members.
func TestClosedRequestWritesDeclaredFieldsOnly(t *testing.T) {
	var req CreateRunRequest
	body := `{"assistant_id":"a","x_new":{"nested":[1,2]},"truncation_strategy":{"type":"auto","window":9}}`
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		t.Fatal(err)
	}
	if got := mustJSON(t, req); got != `{"assistant_id":"a","truncation_strategy":{"type":"auto","window":9}}` {
		t.Fatalf("got %s", got)
	}
}

func TestUnknownToolVariantRoundTrips(t *testing.T) {
	req := decodeRequest(t, `{"assistant_id":"a","tools":[{"type":"code_interpreter"},{"type":"web_browser","depth":2},{"type":"function","function":{"name":"f","parameters":{"type":"object"},"strict":null}}]}`)
	tools := req.Tools.Value()
	if tools[0].Kind() != AssistantToolKindCodeInterpreter || tools[1].Kind() != AssistantToolKindUnknown || tools[2].Kind() != AssistantToolKindFunction {
		t.Fatalf("kinds: %v %v %v", tools[0].Kind(), tools[1].Kind(), tools[2].Kind())
	}
	fn, _ := tools[2].AsFunction()
	if fn.Function.Name != "f" || !fn.Function.Strict.IsNull() {
		t.Fatalf("function tool: %+v", fn.Function)
	}
	got := mustJSON(t, AssistantToolOfFunction(AssistantToolsFunction{Function: FunctionObject{Name: "f"}}))
	if got != `{"type":"function","function":{"name":"f"}}` {
		t.Fatalf("got %s", got)
	}
}

// A real server breaks the schema: instructions is declared a non-nullable
// string but arrives null, and required fields go missing. The value still
// decodes, encodes back to what was received, and a field set afterwards is
// sent as set.
func TestSchemaDeviationsRoundTrip(t *testing.T) {
	body := `{"id":"run_1","object":"thread.run","created_at":1,"thread_id":"t","assistant_id":"a",
		"status":"queued","required_action":null,"last_error":null,"expires_at":null,"started_at":null,
		"cancelled_at":null,"failed_at":null,"completed_at":null,"model":"gpt-4o","instructions":null,
		"tools":[],"metadata":{},"usage":null,"incomplete_details":null,"max_prompt_tokens":9007199254740993,
		"max_completion_tokens":null,"truncation_strategy":{"type":"auto","last_messages":null},
		"tool_choice":"auto","parallel_tool_calls":true,"response_format":"auto","tool_resources":{"code_interpreter":{"file_ids":[]}}}`
	var run RunObject
	if err := json.Unmarshal([]byte(body), &run); err != nil {
		t.Fatal(err)
	}
	out := mustJSON(t, run)
	if ok, where := jsontest.Equal([]byte(body), []byte(out)); !ok {
		t.Fatalf("changed at %s: %s", where, out)
	}
	if run.MaxPromptTokens.Value() != 9007199254740993 {
		t.Fatalf("int64 precision lost: %d", run.MaxPromptTokens.Value())
	}
	run.Instructions = "be brief"
	if !strings.Contains(mustJSON(t, run), `"instructions":"be brief"`) {
		t.Fatal("a field set after decoding must be sent as set")
	}

	var missing RunObject
	if err := json.Unmarshal([]byte(`{"id":"run_2","status":"paused"}`), &missing); err != nil {
		t.Fatal(err)
	}
	if got := mustJSON(t, missing); got != `{"id":"run_2","status":"paused"}` {
		t.Fatalf("missing required fields must stay missing, got %s", got)
	}
	if missing.Status != "paused" {
		t.Fatalf("unknown status: %q", missing.Status)
	}
}

// TestRepeatedMembersLastWins: a member that comes twice counts as its last
// occurrence, as in encoding/json, including a required one whose last
// occurrence is null (the field goes back to zero) or follows a null or an
// empty discriminator.
func TestRepeatedMembersLastWins(t *testing.T) {
	for _, tc := range []struct {
		body string
		want func(RunObject) bool
	}{
		{`{"tools":[{"type":"code_interpreter"}],"tools":null}`, func(r RunObject) bool { return r.Tools == nil }},
		{`{"tools":null,"tools":[]}`, func(r RunObject) bool { return r.Tools != nil && len(r.Tools) == 0 }},
		{`{"model":"gpt-4o","model":null}`, func(r RunObject) bool { return r.Model == "" }},
		{`{"model":null,"model":""}`, func(r RunObject) bool { return r.Model == "" }},
		{`{"created_at":5,"created_at":null}`, func(r RunObject) bool { return r.CreatedAt == 0 }},
		{`{"status":"queued","status":null}`, func(r RunObject) bool { return r.Status == "" }},
		{`{"object":"","object":"thread.run"}`, func(r RunObject) bool { return r.Object == "thread.run" }},
		{`{"object":"thread.run","object":""}`, func(r RunObject) bool { return r.Object == "" }},
	} {
		var run RunObject
		if err := run.UnmarshalJSON([]byte(tc.body)); err != nil {
			t.Fatalf("%s: %v", tc.body, err)
		}
		if !tc.want(run) {
			t.Errorf("%s: decoded %+v", tc.body, run)
		}
		var last map[string]any // encoding/json: the last occurrence
		if err := json.Unmarshal([]byte(tc.body), &last); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(last)
		if ok, where := jsontest.Equal(want, []byte(mustJSON(t, run))); !ok {
			t.Errorf("%s: encodes as %s, want %s (at %s)", tc.body, mustJSON(t, run), want, where)
		}
	}
	// A required struct: null after a value leaves the zero struct, and null
	// goes back out.
	body := `{"id":"c","type":"function","function":{"name":"f","arguments":"{}"},"function":null}`
	var call RunToolCallObject
	if err := call.UnmarshalJSON([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if call.Function.Name != "" || mustJSON(t, call) != `{"id":"c","type":"function","function":null}` {
		t.Errorf("%s: decoded %+v, encodes as %s", body, call, mustJSON(t, call))
	}
}

func TestMalformedJSONIsAnError(t *testing.T) {
	for _, body := range []string{
		`{"id":`, `{"id":"a",}`, `{"id" "a"}`, `[1,2]`, `{"created_at":"soon}`, `{"created_at":[1,}`,
		`{"tool_choice":{"type":1,}}`, `{"tools":[{"type":"function","function":7]}`, `{"x":[}`, `{"x":tru}`,
		`{"created_at":"soon"` + strings.Repeat(" ", 3),
	} {
		var run RunObject
		if err := run.UnmarshalJSON([]byte(body)); err == nil {
			t.Errorf("%s: decoded without error", body)
		}
	}
}

// TestValueOfAnotherShape: a member whose value is valid JSON of another
// shape than the schema's decodes without error, leaves its field as
// decoding left it, and encodes back as it came; the later of two
// occurrences counts. Invalid JSON stays an error, and so does a mismatch
// under a key written with escapes (its place is not known).
func TestValueOfAnotherShape(t *testing.T) {
	for _, c := range []struct {
		in, want string // want: what encoding gives, when not in itself
		check    func(RunObject) bool
	}{
		{in: `{"id":"r","created_at":"soon","model":"m"}`, check: func(r RunObject) bool { return r.CreatedAt == 0 && r.Model == "m" }},
		{in: `{"id":5,"object":"thread.run"}`, check: func(r RunObject) bool { return r.ID == "" && r.Object == "thread.run" }},
		{in: `{"usage":5,"temperature":"hot","top_p":[1]}`, check: func(r RunObject) bool { return !r.Usage.IsSet() && !r.Temperature.IsSet() }},
		{in: `{"tool_choice":{"type":1}}`},
		{in: `{"tools":[{"type":"function","function":7}]}`},
		{in: `{"required_action":{"type":"submit_tool_outputs","submit_tool_outputs":{"tool_calls":[{"id":"c","type":"function","function":{"name":1,"arguments":"{}"}}]}}}`},
		{in: `{"zzz":1,"created_at":[1,{"a":"}]\"{["}],"model":"m","yyy":{}}`, check: func(r RunObject) bool { return r.Model == "m" }},
		{in: `{"id":5,"id":"x"}`, want: `{"id":"x"}`, check: func(r RunObject) bool { return r.ID == "x" }},
		{in: `{"id":"x","id":5}`, want: `{"id":5}`},
		{in: "{\n  \"created_at\": \"soon\",\n  \"model\": \"m\"\n}"},
	} {
		var run RunObject
		if err := run.UnmarshalJSON([]byte(c.in)); err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if c.check != nil && !c.check(run) {
			t.Errorf("%s: decoded %+v", c.in, run)
		}
		want := cmp.Or(c.want, c.in)
		out, err := run.MarshalJSON()
		if ok, where := jsontest.Equal([]byte(want), out); err != nil || !ok {
			t.Errorf("%s: encodes as %s (%v), want %s (at %s)", c.in, out, err, want, where)
		}
		if key := jsontest.RepeatedKey(out); key != "" {
			t.Errorf("%s: encodes as %s, with %s twice", c.in, out, key)
		}
	}
	var run RunObject
	if err := run.UnmarshalJSON([]byte(`{"created\u005fat":"soon"}`)); err == nil {
		t.Error("a mismatch under an escaped key decoded")
	}
	// A value that fails inside the arrays and objects it opens leaves the
	// decoder's depth as it was before it.
	d := newDecoder([]byte(`{"required_action":{"type":"submit_tool_outputs","submit_tool_outputs":{"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}},[{"x":5}]]}},"id":"r"}`))
	if err := run.decodeJSON(&d); err != nil || d.depth != 0 || run.ID != "r" {
		t.Errorf("decoded %+v, %v; depth %d after", run, err, d.depth)
	}
	// Past maxMismatches in one document, the error stands.
	many := `{"id":"r"` + strings.Repeat(`,"created_at":"soon"`, maxMismatches) + `}`
	if err := run.UnmarshalJSON([]byte(many)); err != nil {
		t.Errorf("%d mismatches: %v", maxMismatches, err)
	}
	if err := run.UnmarshalJSON([]byte(strings.Replace(many, `"id":"r"`, `"id":1`, 1))); err == nil {
		t.Errorf("%d mismatches decoded", maxMismatches+1)
	}
}

// TestUndeclared: Undeclared gives the members a decoded struct carried
// that its schema does not declare, and those of another shape, as they
// came; none for a value built in Go.
func TestUndeclared(t *testing.T) {
	var run RunObject
	if err := run.UnmarshalJSON(recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")); err != nil {
		t.Fatal(err)
	}
	got := Undeclared(&run)
	if len(got) != 2 || string(got["tool_resources"]) != "{}" || string(got["reasoning_effort"]) != "null" {
		t.Errorf("recorded run: %q", got)
	}
	if err := run.UnmarshalJSON([]byte(`{"id":"r","created_at":"soon","new":{"a": [1]},"new":2}`)); err != nil {
		t.Fatal(err)
	}
	got = Undeclared(&run)
	if len(got) != 2 || string(got["created_at"]) != `"soon"` || string(got["new"]) != "2" {
		t.Errorf("decoded: %q", got)
	}
	if got := Undeclared(&RunObject{ID: "r"}); got != nil {
		t.Errorf("built in Go: %q", got)
	}
}

// TestSetUndeclared: a member the schema does not declare can be sent (a
// parameter the API takes before its spec says so), replacing one of the
// same key, a declared field's own included; copies of a decoded value are
// not changed.
func TestSetUndeclared(t *testing.T) {
	req := CreateRunRequest{AssistantID: "a"}
	if err := SetUndeclared(&req, "reasoning_effort", "high"); err != nil {
		t.Fatal(err)
	}
	if err := SetUndeclared(&req, "reasoning_effort", json.RawMessage(`"low"`)); err != nil {
		t.Fatal(err)
	}
	if err := SetUndeclared(&req, "assistant_id", "b"); err != nil {
		t.Fatal(err)
	}
	out, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"reasoning_effort":"low","assistant_id":"b"}` {
		t.Errorf("encoded %s", out)
	}
	if err := SetUndeclared(&req, "f", func() {}); err == nil {
		t.Error("a value encoding/json cannot write was set")
	}

	var run RunObject
	if err := run.UnmarshalJSON(recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")); err != nil {
		t.Fatal(err)
	}
	copied := run
	if err := SetUndeclared(&copied, "reasoning_effort", "medium"); err != nil {
		t.Fatal(err)
	}
	if got := Undeclared(&run); string(got["reasoning_effort"]) != "null" {
		t.Errorf("the original changed: %q", got)
	}
	if got := Undeclared(&copied); len(got) != 2 || string(got["reasoning_effort"]) != `"medium"` || string(got["tool_resources"]) != "{}" {
		t.Errorf("the copy: %q", got)
	}

	// CreateRunRequest's schema is closed: it writes what SetUndeclared
	// set, and not the undeclared members decoding met.
	var decoded CreateRunRequest
	if err := decoded.UnmarshalJSON([]byte(`{"assistant_id":"a","extra":1}`)); err != nil {
		t.Fatal(err)
	}
	if out, _ := decoded.MarshalJSON(); string(out) != `{"assistant_id":"a"}` {
		t.Errorf("closed, decoded: %s", out)
	}
	if err := SetUndeclared(&decoded, "reasoning_effort", "high"); err != nil {
		t.Fatal(err)
	}
	if err := SetUndeclared(&decoded, "top_k", 3); err != nil {
		t.Fatal(err)
	}
	if out, _ := decoded.MarshalJSON(); string(out) != `{"assistant_id":"a","reasoning_effort":"high","top_k":3}` {
		t.Errorf("closed, set: %s", out)
	}
}

// A free-form object is kept as the bytes that arrived (key order, spacing
// and all), copied out of the input, and written back as it came.
func TestFreeFormObjectKeptExactly(t *testing.T) {
	const schema = `{"b": [2,3],"a":{"z":1, "y":null}}`
	in := []byte(`{"type":"json_schema","json_schema":{"name":"x","schema":` + schema + `}}`)
	var rf AssistantsAPIResponseFormatOption
	if err := rf.UnmarshalJSON(in); err != nil {
		t.Fatal(err)
	}
	js, _ := rf.AsJSONSchema()
	got := js.JSONSchema.Schema.Value()
	if string(got) != schema {
		t.Fatalf("schema %s, want %s", got, schema)
	}
	// MarshalJSON itself, as the client calls it: encoding/json compacts
	// what a Marshaler returns.
	if out, err := rf.MarshalJSON(); err != nil || string(out) != string(in) {
		t.Fatalf("re-encoded %s, %v; want %s", out, err, in)
	}
	copy(in, bytes.Repeat([]byte("x"), len(in)))
	if string(got) != schema {
		t.Fatal("a decoded object must not alias the input")
	}
}

// A free-form object must be an object (or null) both ways: decoding
// anything else leaves the field unset (the value is kept as it came, see
// TestValueOfAnotherShape), and encoding anything else is an error, since
// it is often written by hand.
func TestFreeFormObjectMustBeObject(t *testing.T) {
	for _, c := range []struct {
		params, err string
		set         bool
	}{
		{`{}`, "", true},
		{` {"type": "object"} `, "", true},
		{`null`, "", false},
		{`[1]`, "", false},
		{`"object"`, "", false},
		{`{"type":}`, "parameters", false},
	} {
		in := `{"name":"f","parameters":` + c.params + `}`
		var fn FunctionObject
		err := fn.UnmarshalJSON([]byte(in))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("decode %s: error %v, want %q", c.params, err, c.err)
		}
		if _, set := fn.Parameters.Get(); err == nil && set != c.set {
			t.Errorf("decode %s: parameters %+v", c.params, fn.Parameters)
		}
	}
	for _, c := range []struct{ params, want string }{
		{`{"type": "object"}`, `{"name":"f","parameters":{"type": "object"}}`},
		{``, `{"name":"f","parameters":null}`},
		{`null`, `{"name":"f","parameters":null}`},
		{`{"type": "object"`, ""},
		{`{"a":1} {}`, ""},
		{`["a"]`, ""},
		{`'a'`, ""},
	} {
		fn := FunctionObject{Name: "f", Parameters: Some(FunctionParameters(c.params))}
		out, err := fn.MarshalJSON()
		if c.want == "" {
			if err == nil || !strings.Contains(err.Error(), "free-form object") {
				t.Errorf("encode %q: %s, error %v; want a free-form object error", c.params, out, err)
			}
			continue
		}
		if err != nil || string(out) != c.want {
			t.Errorf("encode %q: %s, %v; want %s", c.params, out, err, c.want)
		}
	}
}

// A schema-less value is checked on the way out too, alone and in a
// slice: any one JSON value (not only an object), else an error.
func TestRawValueMustBeJSON(t *testing.T) {
	for _, c := range []struct{ raw, alone, inSlice string }{
		{`{"type":"tool_calls"}`, `{"step_details":{"type":"tool_calls"}}`, `{"annotations":[{"type":"tool_calls"}]}`},
		{` [1, "a"] `, `{"step_details": [1, "a"] }`, `{"annotations":[ [1, "a"] ]}`},
		{`""`, `{"step_details":""}`, `{"annotations":[""]}`},
		{``, `{"step_details":null}`, `{"annotations":[null]}`},
		{`{"a":`, "", ""},
		{`1 2`, "", ""},
		{`nul`, "", ""},
		{` `, "", ""},
	} {
		for _, v := range []struct {
			value interface{ MarshalJSON() ([]byte, error) }
			want  string
		}{
			{RunStepDeltaObjectDelta{StepDetails: Some(json.RawMessage(c.raw))}, c.alone},
			{MessageDeltaContentTextText{Annotations: Some([]json.RawMessage{json.RawMessage(c.raw)})}, c.inSlice},
		} {
			out, err := v.value.MarshalJSON()
			if v.want == "" {
				if err == nil || !strings.Contains(err.Error(), "json.RawMessage") {
					t.Errorf("%T %q: %s, error %v; want a json.RawMessage error", v.value, c.raw, out, err)
				}
			} else if err != nil || string(out) != v.want {
				t.Errorf("%T %q: %s, %v; want %s", v.value, c.raw, out, err, v.want)
			}
		}
	}
}

// Strings share chunks (decoder.room). Many of them, of every short length
// and some around the length that takes an allocation of its own, over
// several chunks: each must come out as encoding/json reads it, and stay so
// when the input is overwritten.
func TestSharedStringChunks(t *testing.T) {
	want := Metadata{}
	for i := range 600 {
		n := i % 80
		if i%37 == 0 {
			n = maxChunk/2 - 30 + i%60
		}
		want[fmt.Sprintf("k%03d", i)] = strings.Repeat(string(rune('a'+i%26)), n)
	}
	want["escaped"] = "tab\there \"quoted\" é"
	in, err := json.Marshal(map[string]string(want))
	if err != nil {
		t.Fatal(err)
	}
	var got Metadata
	d := newDecoder(in)
	if err := d.finish(got.decodeJSON(&d)); err != nil {
		t.Fatal(err)
	}
	copy(in, bytes.Repeat([]byte("x"), len(in)))
	if !maps.Equal(got, want) {
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("%s: got %q, want %q", k, got[k], v)
			}
		}
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
}

// Raw values (here a free-form object and a list of schema-less values)
// are kept in the chunks strings are kept in (decoder.room). Each must read
// back as it came, and stay so when the input is overwritten, when a kept
// value is appended to, and when its bytes are written over.
func TestSharedChunksHoldRawValues(t *testing.T) {
	in := []byte(`{"name":"first","parameters":{"type":"object"},"description":"after the parameters"}`)
	var fn FunctionObject
	d := newDecoder(in)
	if err := d.finish(fn.decodeJSON(&d)); err != nil {
		t.Fatal(err)
	}
	var list []json.RawMessage
	listIn := []byte(`[{"a":1},"two",[3],"four"]`)
	d = newDecoder(listIn)
	if err := d.finish(readSliceRaw(&d, &list)); err != nil {
		t.Fatal(err)
	}
	copy(in, bytes.Repeat([]byte("x"), len(in)))
	copy(listIn, bytes.Repeat([]byte("x"), len(listIn)))
	params := fn.Parameters.Value()
	grown := append(params, `,"extra"`...)
	list[0] = append(list[0], `,"extra"`...)
	list[2][1] = '9'
	for i := range params { // overwrites its own bytes only
		params[i] = '#'
	}
	if fn.Name != "first" || fn.Description.Value() != "after the parameters" {
		t.Errorf("strings beside a raw value changed: %q, %q", fn.Name, fn.Description.Value())
	}
	if string(grown) != `{"type":"object"},"extra"` {
		t.Errorf("appended to: %s", grown)
	}
	if got := fmt.Sprintf("%s|%s|%s|%s", list[0], list[1], list[2], list[3]); got != `{"a":1},"extra"|"two"|[9]|"four"` {
		t.Errorf("list: %s", got)
	}
}

// Required-member dispatch counts a repeated key once: an object with "a"
// twice lacks "b".
func TestHasMembersCountsKeysOnce(t *testing.T) {
	d := newDecoder([]byte(`{"a":1,"a":2,"c":3}`))
	if d.hasMembers("a", "b") {
		t.Fatal("a repeated key satisfied two required names")
	}
	if !d.hasMembers("c", "a") || d.pos != 0 {
		t.Fatal("hasMembers must find the members and consume nothing")
	}
	if allocs := testing.AllocsPerRun(100, func() { d.hasMembers("a", "c") }); allocs != 0 {
		t.Fatalf("hasMembers allocates %v times per call", allocs)
	}
	// Past 64 names the set leaves the stack; the same rules hold.
	var names []string
	var obj strings.Builder
	obj.WriteString(`{"k0":0`)
	for i := range 70 {
		names = append(names, fmt.Sprintf("k%d", i))
		if i > 0 {
			fmt.Fprintf(&obj, `,"k%d":%d`, i, i)
		}
	}
	obj.WriteString(`,"k0":1}`)
	d = newDecoder([]byte(obj.String()))
	if !d.hasMembers(names...) {
		t.Fatal("70 names, all present: not found")
	}
	if d.hasMembers(append(names, "k70")...) {
		t.Fatal("71 names, one missing (and k0 twice): found")
	}
}
