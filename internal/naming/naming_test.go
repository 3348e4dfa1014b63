package naming

import (
	"go/token"
	"slices"
	"strings"
	"testing"
	"unicode"
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

// The reference: the first way of cutting and casing words, over a slice of
// runes, which eachWord and appendCased now do in place. TestAsReference
// holds them to it.
func referenceWords(s string) []string {
	if !strings.ContainsFunc(s, unicode.IsLower) {
		s = strings.ToLower(s)
	}
	rs := []rune(s)
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(rs[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush(i)
			start = i
		case unicode.IsLower(r) && unicode.IsUpper(prev) && i-1 > start:
			if r == 's' && (i+1 == len(rs) || !unicode.IsLower(rs[i+1])) &&
				initialisms[strings.ToLower(string(rs[start:i]))] {
				continue
			}
			flush(i - 1)
			start = i - 1
		}
	}
	flush(len(rs))
	return words
}

func referenceCased(w string) string {
	lw := strings.ToLower(w)
	if initialisms[lw] {
		return strings.ToUpper(w)
	}
	if strings.HasSuffix(lw, "s") && initialisms[lw[:len(lw)-1]] && len(lw) > 2 {
		return strings.ToUpper(w[:len(w)-1]) + "s"
	}
	rs := []rune(w)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

func referenceExported(name string) string {
	var b strings.Builder
	for _, w := range referenceWords(name) {
		b.WriteString(referenceCased(w))
	}
	if out := b.String(); out == "" || token.IsExported(out) {
		return out
	}
	return "X" + b.String()
}

func referenceUnexported(name string) string {
	words := referenceWords(name)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	if unicode.IsDigit([]rune(words[0])[0]) {
		b.WriteString("x" + referenceCased(words[0]))
	} else {
		b.WriteString(strings.ToLower(words[0]))
	}
	for _, w := range words[1:] {
		b.WriteString(referenceCased(w))
	}
	if out := b.String(); !token.IsKeyword(out) {
		return out
	}
	return b.String() + "_"
}

// TestAsReference: Words, Exported and Unexported cut and case as the rune
// slice reference does, for every string of up to four characters from an
// alphabet of the cases the rules tell apart (cases, a plural s,
// initialism letters, digits, separators, letters outside ASCII, one whose
// lower case is ASCII, a letter without case, a byte that is no UTF-8),
// and for names of the other tests.
func TestAsReference(t *testing.T) {
	alphabet := []string{"a", "s", "S", "I", "d", "D", "u", "R", "L", "0", "_", "é", "É", "\u212a", "名", "\xff"}
	var names []string
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		names = append(names, prefix)
		if n == 4 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n+1)
		}
	}
	grow("", 0)
	names = append(names, "userURLs", "JSON_OBJECT", "HTTPServer", "uuids", "APIs", "IDS", "https_urls", "utf8Text", "verylongwordsIDs", "ÉLAN_ÉTÉ", "名前", "type", "func_", "2fa")
	for _, name := range names {
		asReference(t, name)
	}
	if len(names) < 50000 {
		t.Fatalf("only %d names", len(names))
	}
}

func FuzzAsReference(f *testing.F) {
	for _, s := range []string{"pet_id", "userURLs", "2fa", "JSON_OBJECT", "x-request-id", "IDs", "élan", "名前"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) { asReference(t, name) })
}

// asReference fails t unless Words, Exported and Unexported give for name
// what the reference does.
func asReference(t *testing.T, name string) {
	t.Helper()
	if got, want := Words(name), referenceWords(name); !slices.Equal(got, want) {
		t.Fatalf("Words(%q) = %q, the reference %q", name, got, want)
	}
	if got, want := Exported(name), referenceExported(name); got != want {
		t.Fatalf("Exported(%q) = %q, the reference %q", name, got, want)
	}
	if got, want := Unexported(name), referenceUnexported(name); got != want {
		t.Fatalf("Unexported(%q) = %q, the reference %q", name, got, want)
	}
}
