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

// TestExportedASCII: Exported's byte path gives what the word path does,
// for every string of up to four characters from an alphabet of the cases
// the rules tell apart (cases, a plural s, initialism letters, digits,
// separators), and for the names of TestExported; a non-ASCII name is
// left to the word path.
func TestExportedASCII(t *testing.T) {
	const alphabet = "asSIdDuRlL0_ "
	var names []string
	var grow func(prefix string)
	grow = func(prefix string) {
		names = append(names, prefix)
		if len(prefix) == 4 {
			return
		}
		for _, c := range alphabet {
			grow(prefix + string(c))
		}
	}
	grow("")
	names = append(names, "userURLs", "JSON_OBJECT", "HTTPServer", "uuids", "APIs", "IDS", "https_urls", "utf8Text", "verylongwordsIDs")
	for _, name := range names {
		got, ok := exportedASCII(name)
		if want := exportedWords(name); !ok || got != want {
			t.Fatalf("exportedASCII(%q) = %q, %v; the word path gives %q", name, got, ok, want)
		}
	}
	if _, ok := exportedASCII("élan"); ok {
		t.Error("exportedASCII took a name that is not ASCII")
	}
}

func FuzzExportedASCII(f *testing.F) {
	for _, s := range []string{"pet_id", "userURLs", "2fa", "JSON_OBJECT", "x-request-id", "IDs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got, ok := exportedASCII(name); ok && got != exportedWords(name) {
			t.Fatalf("exportedASCII(%q) = %q; the word path gives %q", name, got, exportedWords(name))
		}
	})
}
