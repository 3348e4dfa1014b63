package openai

// payloadTypes maps corpus payloads (operationId.request, operationId.response
// or a schema name) to the type they decode into.
var payloadTypes = map[string]func() any{
	"createRun.request":              func() any { return new(CreateRunRequest) },
	"createRun.response":             func() any { return new(RunObject) },
	"getRun.response":                func() any { return new(RunObject) },
	"cancelRun.response":             func() any { return new(RunObject) },
	"modifyRun.request":              func() any { return new(ModifyRunRequest) },
	"modifyRun.response":             func() any { return new(RunObject) },
	"submitToolOuputsToRun.request":  func() any { return new(SubmitToolOutputsRunRequest) },
	"submitToolOuputsToRun.response": func() any { return new(RunObject) },
	"createThreadAndRun.response":    func() any { return new(RunObject) },
	"listRuns.response":              func() any { return new(ListRunsResponse) },
	"listRunSteps.response":          func() any { return new(ListRunStepsResponse) },
	"getRunStep.response":            func() any { return new(RunStepObject) },
	"RunObject":                      func() any { return new(RunObject) },
	"RunStepObject":                  func() any { return new(RunStepObject) },
	"MessageObject":                  func() any { return new(MessageObject) },
	"ThreadObject":                   func() any { return new(ThreadObject) },
	"MessageDeltaObject":             func() any { return new(MessageDeltaObject) },
}
