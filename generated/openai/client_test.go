package openai

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/oagen/oagen/internal/jsontest"
)

// TestEveryOperationSendsWhatTheSpecSays calls each operation once: the
// fake API validates the request against the spec and replays a recorded
// response, which must come back decoded.
func TestEveryOperationSendsWhatTheSpecSays(t *testing.T) {
	run := recorded(t, "openai-dotnet/FunctionToolsWork/03.getRun.200.response.json")
	list := recorded(t, "openai-dotnet/BasicRunOperationsWork/06.listRuns.200.response.json")
	steps := recorded(t, "openai-dotnet/FileSearchWorks/08.listRunSteps.200.response.json")
	step := recorded(t, "openai-dotnet/FileSearchWorks/09.getRunStep.200.response.json")
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/steps"):
			writeJSON(w, 200, steps)
		case strings.Contains(r.URL.Path, "/steps/"):
			writeJSON(w, 200, step)
		case r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/runs"):
			writeJSON(w, 200, list)
		default:
			writeJSON(w, 200, run)
		}
	})
	c := api.client()
	ctx := context.Background()
	created, err := c.CreateRun(ctx, "thread_1", CreateRunRequest{
		AssistantID:  "asst_1",
		Instructions: Null[string](),
		Temperature:  Some(0.5),
		ToolChoice:   Some(AssistantsAPIToolChoiceOptionRequired()),
		Tools:        Some([]AssistantTool{AssistantToolOfFunction(AssistantToolsFunction{Function: FunctionObject{Name: "get_weather"}})}),
	}, CreateRunParams{Include: Some([]string{"step_details.tool_calls[*].file_search.results[*].content"})})
	if err != nil {
		t.Fatal(err)
	}
	if created.Status != RunStatusRequiresAction || created.RequiredAction.Value().SubmitToolOutputs.ToolCalls[0].Function.Name == "" {
		t.Fatalf("decoded run: %+v", created)
	}
	if _, err := c.GetRun(ctx, "thread_1", "run_1"); err != nil {
		t.Fatal(err)
	}
	page, err := c.ListRuns(ctx, "thread_1", ListRunsParams{Limit: Some[int64](2), Order: Some(ListRunsOrderAsc), After: Some("run_0")})
	if err != nil || len(page.Data) == 0 {
		t.Fatalf("list: %v %+v", err, page)
	}
	if _, err := c.ModifyRun(ctx, "thread_1", "run_1", ModifyRunRequest{Metadata: Some(Metadata{"k": "v"})}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CancelRun(ctx, "thread_1", "run_1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SubmitToolOutputsToRun(ctx, "thread_1", "run_1", SubmitToolOutputsRunRequest{
		ToolOutputs: []SubmitToolOutputsRunRequestToolOutputsItem{{ToolCallID: Some("call_1"), Output: Some("22C")}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListRunSteps(ctx, "thread_1", "run_1", ListRunStepsParams{}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetRunStep(ctx, "thread_1", "run_1", "step_1")
	if err != nil || got.StepDetails.Kind() != RunStepDetailsKindToolCalls {
		t.Fatalf("run step: %v %v", err, got.StepDetails.Kind())
	}
	if n := api.requests(); n != 8 {
		t.Fatalf("%d requests", n)
	}
	first := api.seen[0]
	if q := first.URL.Query()["include[]"]; len(q) != 1 || q[0] != "step_details.tool_calls[*].file_search.results[*].content" {
		t.Fatalf("include[] query: %v", first.URL.RawQuery)
	}
	if ok, where := jsontest.Equal(api.bodies[0], []byte(`{"assistant_id":"asst_1","instructions":null,"temperature":0.5,"tool_choice":"required","tools":[{"type":"function","function":{"name":"get_weather"}}]}`)); !ok {
		t.Fatalf("create run body differs at %s: %s", where, api.bodies[0])
	}
}

func TestPathParametersStayOneSegment(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []byte(`{"id":"run_1"}`))
	})
	c := api.client()
	for id, want := range map[string]string{
		"a/../b":  "/v1/threads/a%2F..%2Fb/runs/r",
		"?x=1#f":  "/v1/threads/%3Fx=1%23f/runs/r",
		"..":      "/v1/threads/%2E%2E/runs/r",
		"thread ": "/v1/threads/thread%20/runs/r",
	} {
		if _, err := c.GetRun(context.Background(), id, "r"); err != nil {
			t.Fatalf("%q: %v", id, err)
		}
		last := api.seen[len(api.seen)-1]
		if got := last.URL.EscapedPath(); got != want {
			t.Errorf("thread id %q: path %s, want %s", id, got, want)
		}
	}
}

func TestAPIErrorIsTypedAndRedacted(t *testing.T) {
	secretBody := `{"error":{"message":"No thread found with id 'thread_x'.","type":"invalid_request_error","param":null,"code":null},"padding":"` + strings.Repeat("x", 500) + `"}`
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, []byte(secretBody))
	})
	_, err := api.client().GetRun(context.Background(), "thread_x", "run_1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *APIError, got %T %v", err, err)
	}
	if apiErr.StatusCode != 404 || apiErr.RequestID != "req_123" || apiErr.Message != "No thread found with id 'thread_x'." || string(apiErr.Body) != secretBody {
		t.Fatalf("APIError fields: %+v", apiErr)
	}
	detail, ok := apiErr.AsErrorResponse()
	if !ok || detail.Error.Type != "invalid_request_error" || !detail.Error.Code.IsNull() {
		t.Fatalf("typed error body: %+v %v", detail, ok)
	}
	msg := err.Error()
	if strings.Contains(msg, testKey) || strings.Contains(msg, "padding") || len(msg) > 300 {
		t.Fatalf("Error() must not carry the key or the whole body: %s", msg)
	}
	if api.requests() != 1 {
		t.Fatalf("a 404 must not be retried: %d requests", api.requests())
	}
}

func TestCredentialsStayOutOfLogsAndPrints(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 500, []byte(`{"error":{"message":"boom"}}`))
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := api.client(WithLogger(logger), WithMaxRetries(1))
	_, err := c.GetRun(context.Background(), "t", "r")
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Count(logs.String(), `"msg":"openai request"`) != 2 {
		t.Fatalf("want one debug line per attempt:\n%s", logs.String())
	}
	for _, s := range []string{logs.String(), err.Error(), fmt.Sprintf("%v %+v %#v %s", c, c, c, c)} {
		if strings.Contains(s, testKey) || strings.Contains(s, "sk-test") {
			t.Fatalf("the API key leaked: %s", s)
		}
	}
}

func TestAPIKeyFromEnvironment(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", testKey)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, []byte(`{}`)) })
	c := NewClient(WithBaseURL(api.srv.URL + "/v1"))
	if _, err := c.CancelRun(context.Background(), "t", "r"); err != nil {
		t.Fatal(err) // the fake API rejects a request without the bearer token
	}
}

func TestPerRequestOptions(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, []byte(`{}`)) })
	c := api.client(WithHeader("X-Team", "a"))
	_, err := c.ModifyRun(context.Background(), "t", "r", ModifyRunRequest{},
		WithRequestHeader("X-Team", "b"), WithQuery("trace", "1"),
		WithRequestBody(strings.NewReader(`{"metadata":{"raw":"yes"}}`)))
	if err != nil {
		t.Fatal(err)
	}
	r := api.seen[0]
	if r.Header.Get("X-Team") != "b" || r.URL.Query().Get("trace") != "1" || string(api.bodies[0]) != `{"metadata":{"raw":"yes"}}` {
		t.Fatalf("header %q query %q body %s", r.Header.Get("X-Team"), r.URL.RawQuery, api.bodies[0])
	}
}

// TestRequestHeaders: every attempt carries the content type, accept, the
// bearer token and the client's default headers, a per-call header replaces
// the client's, and a middleware adding to one header (the values share one
// array) leaves the others as they were.
func TestRequestHeaders(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if len(r.Header.Values("Accept")) == 2 { // the first attempt fails, once
			writeJSON(w, 500, []byte(`{"error":{"message":"again"}}`))
			return
		}
		writeJSON(w, 200, []byte(`{"id":"run_1"}`))
	})
	attempts := 0
	c := api.client(WithHeader("X-Team", "a"), WithHeader("X-Tags", "x"),
		WithMiddleware(func(r *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
			if attempts++; attempts == 1 {
				r.Header.Add("Accept", "text/plain") // marks the first attempt for the handler
			}
			r.Header.Add("X-Tags", "y")
			return next(r)
		}))
	if _, err := c.CreateRun(context.Background(), "t", CreateRunRequest{AssistantID: "a"}, CreateRunParams{},
		WithRequestHeader("X-Team", "b")); err != nil {
		t.Fatal(err)
	}
	if len(api.seen) != 2 {
		t.Fatalf("%d attempts, want 2", len(api.seen))
	}
	for i, r := range api.seen {
		want := map[string][]string{
			"Content-Type":  {"application/json"},
			"Accept":        {"application/json"},
			"Authorization": {"Bearer " + testKey},
			"Openai-Beta":   {"assistants=v2"},
			"X-Team":        {"b"},
			"X-Tags":        {"x", "y"},
		}
		if i == 0 {
			want["Accept"] = []string{"application/json", "text/plain"}
		}
		for k, vs := range want {
			if got := r.Header.Values(k); !slices.Equal(got, vs) {
				t.Errorf("attempt %d: %s = %q, want %q", i+1, k, got, vs)
			}
		}
	}
}

func TestListRunsAllFetchesPagesLazily(t *testing.T) {
	pages := map[string]string{
		"":      `{"object":"list","data":[{"id":"run_1"},{"id":"run_2"}],"first_id":"run_1","last_id":"run_2","has_more":true}`,
		"run_2": `{"object":"list","data":[{"id":"run_3"}],"first_id":"run_3","last_id":null,"has_more":true}`,
		"run_3": `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`,
	}
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []byte(pages[r.URL.Query().Get("after")]))
	})
	c := api.client()
	var ids []string
	for run, err := range c.ListRunsAll(context.Background(), "t", ListRunsParams{Limit: Some[int64](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, run.ID)
	}
	if strings.Join(ids, ",") != "run_1,run_2,run_3" || api.requests() != 3 {
		t.Fatalf("ids %v after %d requests", ids, api.requests())
	}
	before := api.requests()
	for range c.ListRunsAll(context.Background(), "t", ListRunsParams{}) {
		break
	}
	if api.requests()-before != 1 {
		t.Fatal("stopping after the first item must fetch one page only")
	}
}

func TestMalformedResponseIsAnError(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []byte(`{"id":"run_1","created_at":"yesterday"`))
	})
	_, err := api.client().GetRun(context.Background(), "t", "r")
	if err == nil || !strings.Contains(err.Error(), "decoding response") {
		t.Fatalf("want a decoding error, got %v", err)
	}
}

// TestEmptyBodyIsErrEmptyBody: a 2xx answer without the body the spec
// gives (some servers answer so) is an error the caller can tell apart, for
// the call went through; a body of white space is as empty.
func TestEmptyBodyIsErrEmptyBody(t *testing.T) {
	for _, body := range []string{"", " \n"} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, []byte(body))
		})
		run, err := api.client().GetRun(context.Background(), "t", "r")
		if !errors.Is(err, ErrEmptyBody) || run != nil || !strings.Contains(err.Error(), "status 200") {
			t.Errorf("body %q: %v, %v", body, run, err)
		}
	}
}

// The fake API's validation is what makes the tests above mean something:
// a request the spec forbids must be rejected.
func TestFakeAPIRejectsWhatTheSpecForbids(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, []byte(`{}`)) })
	api.expectBad = true
	c := api.client(WithMaxRetries(0))
	_, err := c.CreateRun(context.Background(), "t", CreateRunRequest{AssistantID: "a", Temperature: Some(5.0)}, CreateRunParams{})
	if err == nil || len(api.rejected) != 1 {
		t.Fatalf("temperature 5 (maximum 2) was accepted: %v", err)
	}
	_, err = NewClient(WithBaseURL(api.srv.URL+"/v1")).GetRun(context.Background(), "t", "r")
	if err == nil || len(api.rejected) != 2 {
		t.Fatalf("a request without credentials was accepted: %v", err)
	}
}

// TestWithResponseInto: the caller gets the last attempt's response, for
// its status and headers, on success and on an API error alike.
func TestWithResponseInto(t *testing.T) {
	status := 200
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Ratelimit-Remaining-Requests", "41")
		writeJSON(w, status, []byte(`{"error":{"message":"no","type":"invalid_request_error","param":null,"code":null}}`))
	})
	var resp *http.Response
	_, err := api.client().GetRun(context.Background(), "t", "r", WithResponseInto(&resp))
	if err != nil || resp == nil || resp.StatusCode != 200 || resp.Header.Get("X-Ratelimit-Remaining-Requests") != "41" || resp.Header.Get("X-Request-Id") != "req_123" {
		t.Fatalf("success: %v %+v", err, resp)
	}
	status, resp = 404, nil
	if _, err := api.client().GetRun(context.Background(), "t", "r", WithResponseInto(&resp)); err == nil || resp == nil || resp.StatusCode != 404 {
		t.Fatalf("API error: %v %+v", err, resp)
	}
}

// TestTextWhereJSONWasPromised: a body that is not the JSON the spec
// promises (OpenAI's transcriptions answer text when response_format asks
// for it) fails with an error that names its media type, and the response
// WithResponseInto keeps holds it, to be read.
func TestTextWhereJSONWasPromised(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(200)
		io.WriteString(w, "Hello there.")
	})
	var resp *http.Response
	_, err := api.client().GetRun(context.Background(), "t", "r", WithResponseInto(&resp))
	if err == nil || !strings.Contains(err.Error(), "decoding text/plain; charset=utf-8 response") {
		t.Fatalf("want a decoding error naming the media type, got %v", err)
	}
	if resp == nil {
		t.Fatal("no response kept")
	}
	if body, err := io.ReadAll(resp.Body); err != nil || string(body) != "Hello there." {
		t.Fatalf("kept body %q, %v", body, err)
	}
}

// TestErrorMessage: the message of an error body, as the APIs of the
// corpus's specs write it.
func TestErrorMessage(t *testing.T) {
	cases := []struct{ body, want string }{
		{`{"error":{"message":"No such run","type":"invalid_request_error"}}`, "No such run"}, // OpenAI
		{`{"message":"Validation Failed","errors":[{"field":"name"}]}`, "Validation Failed"},  // GitHub
		{`{"error":"invalid_grant","error_description":"The code has expired"}`, "The code has expired"},
		{`{"error":"Unauthorized"}`, "Unauthorized"},
		{`{"type":"about:blank","title":"Not Found","detail":"No pet 7"}`, "No pet 7"},     // RFC 9457
		{`{"errorMessages":["Issue does not exist"],"errors":{}}`, "Issue does not exist"}, // Jira
		{`[{"message":"too big"},{"message":"second"}]`, "too big"},
		{`"plain"`, "plain"},
		{`{"code":7}`, ""},
		{`<html>502</html>`, ""},
		{`[]`, ""},
		{`[[[[[["deep"]]]]]]`, ""},
	}
	for _, c := range cases {
		if got := errorMessage([]byte(c.body)); got != c.want {
			t.Errorf("%s: %q, want %q", c.body, got, c.want)
		}
	}
}
