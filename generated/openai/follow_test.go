package openai

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestFollowStaysUnderBaseURL: a next-page link is fetched relative to the
// base URL's path, absolute or not, and refused when it leaves that path,
// host or scheme, before anything is sent.
func TestFollowStaysUnderBaseURL(t *testing.T) {
	var sent []string
	c := NewClient(WithBaseURL("https://api.example.com/v1"), WithMaxRetries(0), WithAPIKey("k"),
		WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
			sent = append(sent, r.URL.String())
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(`{}`))}, nil
		})))
	for _, c2 := range []struct {
		link, sent, refused string
	}{
		{"/v1/runs?after=r1&limit=2", "https://api.example.com/v1/runs?after=r1&limit=2", ""},
		{"https://api.example.com/v1/threads/t%2F1/runs?after=r2", "https://api.example.com/v1/threads/t%2F1/runs?after=r2", ""},
		{"runs?after=r3", "https://api.example.com/v1/runs?after=r3", ""}, // relative to the base URL
		{"/v2/runs", "", "not under the base URL"},
		{"/v1", "", "not under the base URL"},
		{"http://api.example.com/v1/runs", "", "not under the base URL"},
		{"https://evil.example/v1/runs", "", "not under the base URL"},
		{"%zz", "", "next page link"},
	} {
		sent = nil
		var out RunObject
		err := c.follow(context.Background(), request{}, c2.link, &out, nil)
		switch {
		case c2.refused == "" && (err != nil || len(sent) != 1 || sent[0] != c2.sent):
			t.Errorf("%s: sent %v, %v; want %s", c2.link, sent, err, c2.sent)
		case c2.refused != "" && (err == nil || !strings.Contains(err.Error(), c2.refused) || len(sent) != 0):
			t.Errorf("%s: sent %v, %v; want it refused", c2.link, sent, err)
		}
	}
}

// TestFollowSendsQueryOnce: what the call's options add to the query is
// not sent twice when the link holds it too (as links that repeat the
// first request's query do), and the options' values win.
func TestFollowSendsQueryOnce(t *testing.T) {
	var sent string
	c := NewClient(WithBaseURL("https://api.example.com/v1"), WithMaxRetries(0),
		WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
			sent = r.URL.RawQuery
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(`{}`))}, nil
		})))
	var out RunObject
	if err := c.follow(context.Background(), request{}, "/v1/runs?after=r1&include=a&limit=2", &out, []RequestOption{WithQuery("include", "b")}); err != nil {
		t.Fatal(err)
	}
	if sent != "after=r1&include=b&limit=2" {
		t.Errorf("query %q", sent)
	}
}

// TestFollowAsTheList: a next-page link is fetched as the list operation's
// own requests are: on its server, and without the API key when it takes
// none.
func TestFollowAsTheList(t *testing.T) {
	var url, key string
	c := NewClient(WithMaxRetries(0), WithAPIKey("k"),
		WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
			url, key = r.URL.String(), r.Header.Get("Authorization")
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(`{}`))}, nil
		})))
	var out RunObject
	if err := c.follow(context.Background(), request{baseURL: "https://files.example.com/v2", noAuth: true}, "items?page=2", &out, nil); err != nil {
		t.Fatal(err)
	}
	if url != "https://files.example.com/v2/items?page=2" || key != "" {
		t.Errorf("fetched %s with Authorization %q", url, key)
	}
}
