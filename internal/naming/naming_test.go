package naming

import (
	"slices"
	"testing"
)

func TestExported(t *testing.T) {
	cases := map[string]string{
		"pet_id":                        "PetID",
		"userURLs":                      "UserURLs",
		"2fa":                           "X2fa",
		"thread_id":                     "ThreadID",
		"file_ids":                      "FileIDs",
		"AssistantsApiToolChoiceOption": "AssistantsAPIToolChoiceOption",
		"HTTPServer":                    "HTTPServer",
		"json_schema":                   "JSONSchema",
		"JSON_OBJECT":                   "JSONObject",
		"thread.run.step.delta":         "ThreadRunStepDelta",
		"gpt-4o-2024-11-20":             "Gpt4o20241120",
		"[DONE]":                        "Done",
		"include[]":                     "Include",
		"x-request-id":                  "XRequestID",
		"RunObject":                     "RunObject",
		"ids":                           "IDs",
		"URL":                           "URL",
		"":                              "",
		"---":                           "",
		"élan":                          "Élan",
		"名前":                            "X名前",
		"type":                          "Type",
	}
	for in, want := range cases {
		if got := Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnexported(t *testing.T) {
	cases := map[string]string{
		"pet_id":    "petID",
		"ID":        "id",
		"URLs":      "urls",
		"type":      "type_",
		"func":      "func_",
		"ThreadID":  "threadID",
		"2fa":       "x2fa",
		"HTTPProxy": "httpProxy",
	}
	for in, want := range cases {
		if got := Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("getHTTPResponseCode_v2")
	want := []string{"get", "HTTP", "Response", "Code", "v2"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestNamespace(t *testing.T) {
	ns := NewNamespace("Client")
	got := []string{ns.Claim("Client"), ns.Claim("Run"), ns.Claim("Run"), ns.Claim("Run")}
	want := []string{"Client2", "Run", "Run2", "Run3"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !ns.Taken("Run2") || ns.Taken("Run4") {
		t.Fatal("Taken disagrees with claims")
	}
}
