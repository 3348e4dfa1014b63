package openai_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/oagen/oagen/generated/openai"
)

// Create a run. Optional fields are one expression each; the zero value
// of a request sends only what was set.
func Example() {
	client := openai.NewClient() // reads OPENAI_API_KEY; sends OpenAI-Beta: assistants=v2
	ctx := context.Background()

	run, err := client.CreateRun(ctx, "thread_abc123", openai.CreateRunRequest{
		AssistantID:  "asst_abc123",
		Model:        openai.Some(openai.AssistantSupportedModelsGpt4o),
		Temperature:  openai.Some(0.2),
		Instructions: openai.Null[string](), // an explicit JSON null
		ToolChoice:   openai.Some(openai.AssistantsAPIToolChoiceOptionAuto()),
		Tools: openai.Some([]openai.AssistantTool{
			openai.AssistantToolOfFunction(openai.AssistantToolsFunction{
				Function: openai.FunctionObject{
					Name: "get_weather",
					// A free-form object, here a JSON Schema, is its JSON.
					Parameters: openai.Some(openai.FunctionParameters(
						`{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}`)),
				},
			}),
		}),
	}, openai.CreateRunParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(run.ID, run.Status)
}

// Stream a run's events as they happen.
func ExampleClient_CreateRunStream() {
	client := openai.NewClient()
	stream := client.CreateRunStream(context.Background(), "thread_abc123",
		openai.CreateRunRequest{AssistantID: "asst_abc123"}, openai.CreateRunParams{})
	for ev, err := range stream.All() {
		if err != nil {
			log.Fatal(err)
		}
		switch ev.Kind() {
		case openai.AssistantStreamEventKindThreadMessageDelta:
			delta, _ := ev.AsThreadMessageDelta()
			for _, part := range delta.Data.Delta.Content.Value() {
				if text, ok := part.AsText(); ok {
					fmt.Print(text.Text.Value().Value.Value())
				}
			}
		case openai.AssistantStreamEventKindThreadRunCompleted:
			fmt.Println()
		}
	}
}

// Handle an error response: status, request id and the typed error body.
func ExampleAPIError() {
	client := openai.NewClient()
	_, err := client.GetRun(context.Background(), "thread_abc123", "run_missing")
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.RequestID)
		if body, ok := apiErr.AsErrorResponse(); ok {
			fmt.Println(body.Error.Type, body.Error.Message)
		}
	}
}

// tool_choice is "none", "auto", "required" or a named tool; Kind says
// which arrived.
func ExampleAssistantsAPIToolChoiceOption() {
	for _, body := range []string{
		`"auto"`,
		`{"type":"function","function":{"name":"get_weather"}}`,
	} {
		var tc openai.AssistantsAPIToolChoiceOption
		if err := json.Unmarshal([]byte(body), &tc); err != nil {
			log.Fatal(err)
		}
		switch tc.Kind() {
		case openai.AssistantsAPIToolChoiceOptionKindString:
			s, _ := tc.AsString()
			fmt.Println("mode:", s)
		case openai.AssistantsAPIToolChoiceOptionKindNamedToolChoice:
			named, _ := tc.AsNamedToolChoice()
			fmt.Println("tool:", named.Type, named.Function.Value().Name)
		}
	}
	named := openai.AssistantsAPIToolChoiceOptionOfNamedToolChoice(openai.AssistantsNamedToolChoice{
		Type:     openai.AssistantsNamedToolChoiceTypeFunction,
		Function: openai.Some(openai.AssistantsNamedToolChoiceFunction{Name: "get_weather"}),
	})
	out, _ := json.Marshal(named)
	fmt.Println(string(out))
	// Output:
	// mode: auto
	// tool: function get_weather
	// {"type":"function","function":{"name":"get_weather"}}
}

// response_format is "auto" or a text, json_object or json_schema object;
// the type member picks the variant and is filled in when left empty.
func ExampleAssistantsAPIResponseFormatOption() {
	format := openai.AssistantsAPIResponseFormatOptionOfJSONSchema(openai.ResponseFormatJSONSchema{
		JSONSchema: openai.ResponseFormatJSONSchemaJSONSchema{
			Name:   "weather",
			Strict: openai.Some(true),
			// A free-form object (here a JSON Schema) is its JSON.
			Schema: openai.Some(openai.ResponseFormatJSONSchemaSchema(`{"type": "object"}`)),
		},
	})
	out, _ := json.Marshal(format)
	fmt.Println(string(out))

	var back openai.AssistantsAPIResponseFormatOption
	_ = json.Unmarshal(out, &back)
	js, ok := back.AsJSONSchema()
	fmt.Println(back.Kind(), ok, js.JSONSchema.Name)

	auto, _ := json.Marshal(openai.AssistantsAPIResponseFormatOptionAuto())
	fmt.Println(string(auto))
	// Output:
	// {"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object"},"strict":true}}
	// JSONSchema true weather
	// "auto"
}

// JSON has three states for a field: absent, null and a value. Opt keeps
// all three, and a decoded value encodes back the way it arrived.
func ExampleOpt() {
	var req openai.CreateRunRequest
	_ = json.Unmarshal([]byte(`{"assistant_id":"a","instructions":null,"temperature":0.7}`), &req)

	fmt.Println(req.Instructions.IsSet(), req.Instructions.IsNull()) // present, null
	fmt.Println(req.TopP.IsSet())                                    // absent
	t, ok := req.Temperature.Get()
	fmt.Println(t, ok)

	out, _ := json.Marshal(req)
	fmt.Println(string(out))
	// Output:
	// true true
	// false
	// 0.7 true
	// {"assistant_id":"a","instructions":null,"temperature":0.7}
}

// A member the spec does not declare (one the API sends before its spec
// says so), and one whose value is of another shape than the schema's,
// decode without error; Undeclared gives them as they came, and encoding
// writes them back.
func ExampleUndeclared() {
	var run openai.RunObject
	err := json.Unmarshal([]byte(`{"id":"run_1","object":"thread.run","created_at":"soon","reasoning_effort":"low"}`), &run)
	if err != nil {
		log.Fatal(err)
	}
	extra := openai.Undeclared(&run)
	fmt.Println(run.ID, run.CreatedAt, string(extra["reasoning_effort"]), string(extra["created_at"]))
	out, _ := json.Marshal(run)
	fmt.Println(string(out))
	// Output:
	// run_1 0 "low" "soon"
	// {"id":"run_1","object":"thread.run","created_at":"soon","reasoning_effort":"low"}
}

// SetUndeclared sends a parameter the spec does not list yet, here the
// run's reasoning effort, which the API takes and this spec lacks.
func ExampleSetUndeclared() {
	req := openai.CreateRunRequest{AssistantID: "asst_abc123"}
	if err := openai.SetUndeclared(&req, "reasoning_effort", "high"); err != nil {
		log.Fatal(err)
	}
	out, _ := json.Marshal(req)
	fmt.Println(string(out))
	// Output:
	// {"assistant_id":"asst_abc123","reasoning_effort":"high"}
}
