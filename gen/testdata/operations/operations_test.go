package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func serve(t *testing.T, h http.HandlerFunc) *Client {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
}

// TestParametersReachTheServer: query and header parameters are sent when
// set and only then, beside a path key's fixed query and the options of
// one call.
func TestParametersReachTheServer(t *testing.T) {
	type seen struct {
		path, query, trace, team string
	}
	var got []seen
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, seen{r.URL.Path, r.URL.RawQuery, r.Header.Get("X-Trace"), r.Header.Get("X-Team")})
		switch r.Method {
		case "GET":
			io.WriteString(w, `{"id":"i1"}`)
		case "POST":
			w.WriteHeader(201)
			io.WriteString(w, `[{"id":"i2"}]`)
		default:
			w.WriteHeader(204)
		}
	})
	ctx := context.Background()
	if item, err := c.GetItem(ctx, "acme", 7, GetItemParams{Fields: Some([]string{"a", "b"}), XTrace: "t1"}); err != nil || item.ID != "i1" {
		t.Fatalf("GetItem: %+v, %v", item, err)
	}
	if _, err := c.GetItem(ctx, "acme", 8, GetItemParams{XTrace: "t2"}); err != nil {
		t.Fatal(err)
	}
	if items, err := c.CreateItem(ctx, CreateItemRequest{Name: Some("n")}, WithQuery("x", "1"), WithRequestHeader("X-Team", "blue")); err != nil || len(items) != 1 {
		t.Fatalf("CreateItem: %+v, %v", items, err)
	}
	if err := c.DeleteItem(ctx, "acme", 9); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{"/orgs/acme/items/7", "fields=a%2Cb", "t1", ""},
		{"/orgs/acme/items/8", "", "t2", ""},
		{"/items", "beta=true&x=1", "", "blue"},
		{"/orgs/acme/items/9", "", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d requests, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

// TestTextPlainParameters: a parameter given as text/plain content is sent
// as its text, escaped for where it goes.
func TestTextPlainParameters(t *testing.T) {
	var path, query string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		path, query = r.URL.EscapedPath(), r.URL.RawQuery
		w.WriteHeader(204)
	})
	if err := c.Echo(context.Background(), "a b/c", EchoParams{Count: Some[int64](3)}); err != nil {
		t.Fatal(err)
	}
	if path != "/echo/a%20b%2Fc" || query != "count=3" {
		t.Fatalf("path %q, query %q", path, query)
	}
}

// TestUndeclaredPathParameter: a template variable the spec does not
// declare is a string argument, sent in its place rather than as the
// literal "{times}".
func TestUndeclaredPathParameter(t *testing.T) {
	var path string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.EscapedPath()
		w.WriteHeader(204)
	})
	if err := c.EchoTimes(context.Background(), "hi", "3/4"); err != nil {
		t.Fatal(err)
	}
	if path != "/echo/hi/3%2F4" {
		t.Fatalf("path %q", path)
	}
}

// TestDefaultOnlyResponse: an operation whose one response is default
// returns its body, which was thrown away; an error status still is an
// *APIError, its body decoded as the same schema.
func TestDefaultOnlyResponse(t *testing.T) {
	status := 200
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, `{"id":"u1"}`)
	})
	user, err := c.CreateUser(context.Background(), Item{ID: "u1"})
	if err != nil || user.ID != "u1" {
		t.Fatalf("CreateUser: %+v, %v", user, err)
	}
	status = 409
	_, err = c.CreateUser(context.Background(), Item{ID: "u1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 409 {
		t.Fatalf("got %v, want an *APIError of status 409", err)
	}
	if detail, ok := apiErr.Detail.(*Item); !ok || detail.ID != "u1" {
		t.Errorf("detail %#v", apiErr.Detail)
	}
}

// TestPageNumbers: a list with a page parameter iterates page by page from
// the parameter's default (or the page asked for), and stops at a page
// that is empty or shorter than per_page asked for, or when the loop does.
func TestPageNumbers(t *testing.T) {
	var pages []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		pages = append(pages, r.URL.Path+"?"+r.URL.RawQuery)
		switch r.URL.Path + "?" + r.URL.Query().Get("page") {
		case "/orgs/go/items?1":
			io.WriteString(w, `[{"id":"a"},{"id":"b"}]`)
		case "/orgs/go/items?2":
			io.WriteString(w, `[{"id":"c"}]`)
		case "/boxes?0":
			io.WriteString(w, `{"boxes":[{"id":"x"}],"meta":{"total":2}}`)
		case "/boxes?1":
			io.WriteString(w, `{"boxes":[{"id":"y"}],"meta":{"total":2}}`)
		case "/boxes?2":
			io.WriteString(w, `{"boxes":[]}`)
		default:
			io.WriteString(w, `[]`)
		}
	})
	ctx := context.Background()
	var ids []string
	for item, err := range c.ListItemsAll(ctx, "go", ListItemsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, item.ID)
	}
	for item, err := range c.ListBoxesAll(ctx, ListBoxesParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, item.ID)
	}
	for item, err := range c.ListItemsAll(ctx, "go", ListItemsParams{PerPage: Some(int64(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, item.ID)
	}
	for item := range c.ListItemsAll(ctx, "go", ListItemsParams{Page: Some(int64(2))}) {
		ids = append(ids, item.ID)
		break
	}
	// An iterator runs from its params each time it is ranged over.
	boxes := c.ListBoxesAll(ctx, ListBoxesParams{})
	for range 2 {
		for item := range boxes {
			ids = append(ids, item.ID)
		}
	}
	want := "a b c x y a b c c x y x y"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("items %q, want %q", got, want)
	}
	wantPages := "/orgs/go/items?page=1 /orgs/go/items?page=2 /orgs/go/items?page=3 /boxes?page=0 /boxes?page=1 /boxes?page=2 " +
		"/orgs/go/items?page=1&per_page=2 /orgs/go/items?page=2&per_page=2 /orgs/go/items?page=2 " +
		"/boxes?page=0 /boxes?page=1 /boxes?page=2 /boxes?page=0 /boxes?page=1 /boxes?page=2"
	if got := strings.Join(pages, " "); got != wantPages {
		t.Errorf("requests %q, want %q", got, wantPages)
	}
	if _, ok := reflect.TypeOf(c).MethodByName("ListConversationsAll"); ok {
		t.Error("a list led on by a page token has no page-number iterator")
	}
}

// TestNextLinks: a list whose pages hold the link to the next one follows
// it, absolute or relative, until a page has none; a link that leaves the
// base URL is refused rather than sent the API key.
func TestNextLinks(t *testing.T) {
	var srvURL string
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Path+"?"+r.URL.RawQuery+" "+r.Header.Get("Authorization"))
		switch r.URL.Path + "?" + r.URL.Query().Get("PageToken") + r.URL.Query().Get("skip") {
		case "/calls?":
			io.WriteString(w, `{"calls":[{"id":"c1"}],"meta":{"next_page_url":"`+srvURL+`/calls?PageSize=1&PageToken=PT2"}}`)
		case "/calls?PT2":
			io.WriteString(w, `{"calls":[{"id":"c2"}],"meta":{"next_page_url":null}}`)
		case "/vaults?":
			io.WriteString(w, `{"value":[{"id":"v1"}],"nextLink":"/vaults?skip=1"}`)
		case "/vaults?1":
			io.WriteString(w, `{"value":[{"id":"v2"}],"nextLink":"https://elsewhere.example/vaults?skip=2"}`)
		default:
			t.Errorf("unexpected %s", r.URL)
		}
	})
	srvURL = c.baseURL
	c = NewClient(WithBaseURL(srvURL), WithMaxRetries(0), WithAPIKey("k"))
	ctx := context.Background()
	var ids []string
	for item, err := range c.ListCallsAll(ctx, ListCallsParams{PageSize: Some(int64(1))}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, item.ID)
	}
	var last error
	for item, err := range c.ListVaultsAll(ctx) {
		if err != nil {
			last = err
			break
		}
		ids = append(ids, item.ID)
	}
	if strings.Join(ids, " ") != "c1 c2 v1 v2" {
		t.Errorf("items %v", ids)
	}
	if last == nil || !strings.Contains(last.Error(), "not under the base URL") {
		t.Errorf("a link to another host: %v", last)
	}
	want := "/calls?PageSize=1 Bearer k|/calls?PageSize=1&PageToken=PT2 Bearer k|/vaults? Bearer k|/vaults?skip=1 Bearer k"
	if strings.Join(got, "|") != want {
		t.Errorf("requests %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestTokensAndOffsets: a list led on by a token its pages hold follows
// it; one led on by offset moves past each page's items until a page is
// empty, reaches the total or says it is the last; one that takes both
// follows the token while pages hold one; one led on by starting_after
// (Stripe) goes on after the last item's id while a page has more.
func TestTokensAndOffsets(t *testing.T) {
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		got = append(got, r.URL.Path+"?"+r.URL.RawQuery)
		switch r.URL.Path + "?" + q.Get("marker") + q.Get("offset") + q.Get("startAt") + q.Get("cursor") + q.Get("starting_after") {
		case "/customers?": // after the last item's id
			io.WriteString(w, `{"object":"list","url":"/customers","has_more":true,"data":[{"id":"cus_1"},{"id":"cus_2"}]}`)
		case "/customers?cus_2":
			io.WriteString(w, `{"object":"list","url":"/customers","has_more":false,"data":[{"id":"cus_3"}]}`)
		case "/folders/f/items?": // by offset: two of three
			io.WriteString(w, `{"total_count":3,"entries":[{"id":"o1"},{"id":"o2"}]}`)
		case "/folders/f/items?2":
			io.WriteString(w, `{"total_count":3,"entries":[{"id":"o3"}]}`)
		case "/folders/f/items?m1": // by marker, as usemarker asks
			io.WriteString(w, `{"next_marker":"m2","entries":[{"id":"k2"}]}`)
		case "/folders/f/items?m2":
			io.WriteString(w, `{"entries":[{"id":"k3"}]}`)
		case "/boards?":
			io.WriteString(w, `{"isLast":false,"values":[{"id":"b1"}]}`)
		case "/boards?1":
			io.WriteString(w, `{"isLast":true,"values":[{"id":"b2"}]}`)
		case "/channels?":
			io.WriteString(w, `{"channels":[{"id":"s1"}],"response_metadata":{"next_cursor":"c2"}}`)
		case "/channels?c2":
			io.WriteString(w, `{"channels":[{"id":"s2"}],"response_metadata":{"next_cursor":"c2"}}`)
		default:
			t.Errorf("unexpected %s", r.URL)
		}
	})
	ctx := context.Background()
	var ids []string
	add := func(item Item, err error) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, item.ID)
	}
	for item, err := range c.ListFolderItemsAll(ctx, "f", ListFolderItemsParams{}) {
		add(item, err)
	}
	for item, err := range c.ListFolderItemsAll(ctx, "f", ListFolderItemsParams{Usemarker: Some(true), Marker: Some("m1")}) {
		add(item, err)
	}
	for item, err := range c.ListBoardsAll(ctx, ListBoardsParams{}) {
		add(item, err)
	}
	for item, err := range c.ListChannelsAll(ctx, ListChannelsParams{}) {
		add(item, err)
	}
	for item, err := range c.ListCustomersAll(ctx, ListCustomersParams{}) {
		add(item, err)
	}
	if want := "o1 o2 o3 k2 k3 b1 b2 s1 s2 cus_1 cus_2 cus_3"; strings.Join(ids, " ") != want {
		t.Errorf("items %q, want %q", strings.Join(ids, " "), want)
	}
	want := "/folders/f/items? /folders/f/items?offset=2 /folders/f/items?marker=m1&usemarker=true /folders/f/items?marker=m2&usemarker=true " +
		"/boards? /boards?startAt=1 /channels? /channels?cursor=c2 /customers? /customers?starting_after=cus_2"
	if strings.Join(got, " ") != want {
		t.Errorf("requests %q, want %q", strings.Join(got, " "), want)
	}
}

// TestOperationServers: an operation whose spec (or path item) names a
// server of its own goes there, unless the client's base URL was set; a
// call can name its own; a server the spec cannot name is the client's.
// An operation with security: [] goes without the API key.
func TestOperationServers(t *testing.T) {
	var got []string
	doer := doerFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.Method+" "+r.URL.String())
		if key := r.Header.Get("Authorization"); (key != "") == strings.HasSuffix(r.URL.Path, "/batches/x") {
			t.Errorf("%s %s: Authorization %q", r.Method, r.URL, key)
		}
		return &http.Response{StatusCode: 204, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}, nil
	})
	ctx := context.Background()
	c := NewClient(WithHTTPClient(doer), WithMaxRetries(0), WithAPIKey("k"))
	_, _ = c.DownloadFile(ctx, "f1")
	_ = c.Upload(ctx)
	_ = c.UploadBatch(ctx, "x")
	_ = c.Upload(ctx, WithRequestBaseURL("https://elsewhere.example/"))
	_ = NewClient(WithHTTPClient(doer), WithMaxRetries(0), WithAPIKey("k"), WithBaseURL("http://127.0.0.1:1")).Upload(ctx)
	want := "GET https://dl.example.com/v2/files/f1/content|POST https://upload.example.com/uploads|PUT https://eu.example.com/v1/batches/x|" +
		"POST https://elsewhere.example/uploads|POST http://127.0.0.1:1/uploads"
	if strings.Join(got, "|") != want {
		t.Errorf("requests %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestSchemeKeys: an operation whose security asks for another scheme
// sent as the main key is (an admin key) sends that scheme's key, set by
// its own Option or read from its variable, and the main key while it has
// none; every other operation sends the main key.
func TestSchemeKeys(t *testing.T) {
	var got []string
	doer := doerFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.Path+" "+r.Header.Get("Authorization"))
		return &http.Response{StatusCode: 204, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}, nil
	})
	ctx := context.Background()
	calls := func(c *Client) {
		_ = c.ListAuditLogs(ctx)
		_ = c.Upload(ctx, WithRequestBaseURL("https://eu.example.com/v1"))
		// Both ways of sending the body ask for the admin key.
		_ = c.ExportAuditLogs(ctx, ExportAuditLogsRequest{})
		_ = c.ExportAuditLogsForm(ctx, ExportAuditLogsFormRequest{})
	}
	t.Setenv("OPERATIONS_ADMIN_KEY", "")
	calls(NewClient(WithHTTPClient(doer), WithAPIKey("k")))
	calls(NewClient(WithHTTPClient(doer), WithAPIKey("k"), WithAdminKey("a")))
	t.Setenv("OPERATIONS_ADMIN_KEY", "env")
	calls(NewClient(WithHTTPClient(doer), WithAPIKey("k")))
	calls(NewClient(WithHTTPClient(doer), WithAPIKey("k"), WithAdminKey("a")))
	var want []string
	for _, admin := range []string{"k", "a", "env", "a"} {
		want = append(want, "/v1/audit_logs Bearer "+admin, "/v1/uploads Bearer k",
			"/v1/audit_logs/exports Bearer "+admin, "/v1/audit_logs/exports Bearer "+admin)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("requests %q, want %q", strings.Join(got, "|"), strings.Join(want, "|"))
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestPathParametersNamedAsLocals: path parameters named as the method's
// own variables (out, err, p0, ...) are arguments like any other, each in
// its place.
func TestPathParametersNamedAsLocals(t *testing.T) {
	var got string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path
		io.WriteString(w, `{"id":"i1"}`)
	})
	item, err := c.GetSlot(context.Background(), "a", "b", "c", "d", "e")
	if err != nil || item.ID != "i1" || got != "/slots/a/b/c/d/e" {
		t.Errorf("GetSlot: %+v, %v, path %s", item, err, got)
	}
}
