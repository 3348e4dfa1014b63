package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// failWith is a client whose server answers every request with status and
// body.
func failWith(t *testing.T, status int, body string) *Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
}

func apiError(t *testing.T, err error) *APIError {
	t.Helper()
	var e *APIError
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *APIError", err)
	}
	return e
}

// TestErrorDetailByStatus: each status's body is decoded as the schema the
// operation declares for it, not as the first error schema it lists.
func TestErrorDetailByStatus(t *testing.T) {
	ctx := context.Background()
	e := apiError(t, failWith(t, 404, `{"resource":"item"}`).PutItem(ctx, "x"))
	if nf, ok := e.AsNotFound(); !ok || nf.Resource != "item" {
		t.Errorf("404: %T %+v", e.Detail, e.Detail)
	}
	e = apiError(t, func() error {
		_, err := failWith(t, 422, `{"message":"bad","errors":["name"]}`).GetItem(ctx, "x")
		return err
	}())
	if v, ok := e.AsValidationError(); !ok || len(v.Errors) != 1 || v.Errors[0] != "name" {
		t.Errorf("422: %T %+v", e.Detail, e.Detail)
	}
	if _, ok := e.AsNotFound(); ok {
		t.Error("422 decoded as NotFound too")
	}
	if e.Message != "bad" {
		t.Errorf("422 message %q", e.Message)
	}
	// A status the operation does not list takes default's schema.
	e = apiError(t, failWith(t, 503, `{"message":"down"}`).PutItem(ctx, "x"))
	if v, ok := e.AsError(); !ok || v.Message != "down" {
		t.Errorf("503: %T %+v", e.Detail, e.Detail)
	}
}

// TestErrorDetailRanges: a code listed with a free-form body keeps it raw
// even inside a range with a schema; the ranges take the rest.
func TestErrorDetailRanges(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		status int
		body   string
		want   any
	}{
		{409, `{"holder":"someone"}`, nil},
		{418, `{"message":"teapot","errors":[]}`, &ValidationError{}},
		{502, `{"message":"gateway"}`, &Error{}},
	}
	for _, c := range cases {
		e := apiError(t, failWith(t, c.status, c.body).Ranges(ctx))
		if (e.Detail == nil) != (c.want == nil) || c.want != nil && typeName(e.Detail) != typeName(c.want) {
			t.Errorf("%d: detail %T, want %T", c.status, e.Detail, c.want)
		}
		if string(e.Body) != c.body {
			t.Errorf("%d: body %q", c.status, e.Body)
		}
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *ValidationError:
		return "ValidationError"
	case *Error:
		return "Error"
	}
	return "other"
}

// TestErrorDetailList: an error body that is a list of messages (one
// inline schema, written out under several statuses) is one type, and the
// error's message is its first.
func TestErrorDetailList(t *testing.T) {
	for _, status := range []int{400, 413, 401, 500} {
		e := apiError(t, failWith(t, status, `[{"message":"too big"},{"message":"second"}]`).SubmitBuilds(context.Background()))
		list, ok := e.AsSubmitBuildsError()
		if !ok || len(*list) != 2 || (*list)[1].Message != "second" {
			t.Errorf("%d: %T %+v", status, e.Detail, e.Detail)
		}
		if e.Message != "too big" {
			t.Errorf("%d: message %q", status, e.Message)
		}
	}
}

// TestErrorDetailOneSchema: the only error schema an operation declares
// stands for every error status; two different ones leave the statuses
// they do not name raw.
func TestErrorDetailOneSchema(t *testing.T) {
	ctx := context.Background()
	if v, ok := apiError(t, failWith(t, 500, `{"message":"m"}`).OnlyBad(ctx)).AsError(); !ok || v.Message != "m" {
		t.Errorf("OnlyBad 500: %+v", v)
	}
	if v, ok := apiError(t, failWith(t, 409, `{"holder":"h"}`).InlineErrors(ctx)).AsInlineErrorsConflictError(); !ok || v.Holder.Value() != "h" {
		t.Errorf("InlineErrors 409: %+v", v)
	}
	if v, ok := apiError(t, failWith(t, 400, `{"reason":"r"}`).InlineErrors(ctx)).AsInlineErrorsError(); !ok || v.Reason.Value() != "r" {
		t.Errorf("InlineErrors 400: %+v", v)
	}
	if e := apiError(t, failWith(t, 500, `{"reason":"r"}`).InlineErrors(ctx)); e.Detail != nil {
		t.Errorf("InlineErrors 500: detail %T", e.Detail)
	}
}

// TestOtherSuccessStatuses: a 2xx whose body is of another schema than the
// result's is an *APIError carrying that body decoded; one the spec gives
// no body, and 204, make the zero result; one with the result's schema
// decodes as usual.
func TestOtherSuccessStatuses(t *testing.T) {
	ctx := context.Background()
	e := apiError(t, func() error { _, err := failWith(t, 202, `{"retry_after":3}`).GetStats(ctx); return err }())
	if v, ok := e.AsGetStatsAcceptedError(); !ok || e.StatusCode != 202 || v.RetryAfter.Value() != 3 {
		t.Errorf("202: %d %T %+v", e.StatusCode, e.Detail, e.Detail)
	}
	if stats, err := failWith(t, 204, "").GetStats(ctx); err != nil || stats != nil {
		t.Errorf("204: %v %v", stats, err)
	}
	if stats, err := failWith(t, 200, `[[1,2],[3]]`).GetStats(ctx); err != nil || len(stats) != 2 || stats[1][0] != 3 {
		t.Errorf("200: %v %v", stats, err)
	}
	if item, err := failWith(t, 202, "").PutSecret(ctx, "s"); err != nil || item.ID.IsSet() {
		t.Errorf("202 without a body: %+v %v", item, err)
	}
	if item, err := failWith(t, 201, `{"id":"s"}`).PutSecret(ctx, "s"); err != nil || item.ID.Value() != "s" {
		t.Errorf("201: %+v %v", item, err)
	}
}
