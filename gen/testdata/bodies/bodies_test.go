package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func serve(t *testing.T, h http.HandlerFunc) *Client {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0), WithBasicAuth("ann", "p:ss"))
}

// part is one part of a multipart request, as readParts read it.
type part struct{ name, contentType, data string }

// readParts reads the parts of a multipart request, in order.
func readParts(t *testing.T, r *http.Request) []part {
	mr, err := r.MultipartReader()
	if err != nil {
		t.Fatal(err)
	}
	var out []part
	for {
		p, err := mr.NextPart()
		if err != nil {
			return out
		}
		data, _ := io.ReadAll(p)
		out = append(out, part{p.FormName(), p.Header.Get("Content-Type"), string(data)})
	}
}

// checkBasic: the spec declares HTTP basic authentication, so every request
// carries the user name and password.
func checkBasic(t *testing.T, r *http.Request) {
	if user, pass, ok := r.BasicAuth(); !ok || user != "ann" || pass != "p:ss" {
		t.Errorf("basic auth %q %q %v", user, pass, ok)
	}
}

func TestMultipartUploadAndBinaryResponse(t *testing.T) {
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		checkBasic(t, r)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Fatal(err)
		}
		f, h, err := r.FormFile("file")
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(f)
		if string(data) != "RIFF...." || h.Filename != "voice.wav" || h.Header.Get("Content-Type") != "audio/wav" {
			t.Errorf("file part: %q %q %q", data, h.Filename, h.Header.Get("Content-Type"))
		}
		if r.FormValue("purpose") != "vision" || strings.Join(r.MultipartForm.Value["tags"], ",") != "a,b" || r.FormValue("meta") != `{"a":1}` || r.FormValue("seed") != "s 1" {
			t.Errorf("text parts: %v", r.MultipartForm.Value)
		}
		if ck, err := r.Cookie("session"); err != nil || ck.Value != "s1" {
			t.Errorf("cookie: %v %v", ck, err)
		}
		w.Header().Set("Content-Type", "audio/mpeg")
		io.WriteString(w, "ID3-audio-bytes")
	})
	body, err := c.Upload(context.Background(), UploadRequest{
		File:    File{Name: "voice.wav", ContentType: "audio/wav", Content: strings.NewReader("RIFF....")},
		Purpose: Some(UploadRequestPurposeVision),
		Tags:    Some([]string{"a", "b"}),
		Meta:    Some(UploadRequestMeta{A: Some[int64](1)}),
		Seed:    Some(UploadRequestSeedOfString("s 1")), // a union holding a string sends the string
	}, UploadParams{Session: Some("s1")})
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	audio, _ := io.ReadAll(body)
	if string(audio) != "ID3-audio-bytes" {
		t.Fatalf("binary response: %q", audio)
	}
}

func TestFormRawAndJSONParameter(t *testing.T) {
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		checkBasic(t, r)
		switch r.URL.Path {
		case "/form":
			r.ParseForm()
			if r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || r.PostForm.Get("to") != "+15551234" || strings.Join(r.PostForm["tags"], ",") != "x,y" || strings.Join(r.PostForm["ids"], ",") != "7,a b" {
				t.Errorf("form: %v", r.PostForm)
			}
			w.WriteHeader(201)
		case "/sdp":
			b, _ := io.ReadAll(r.Body)
			if r.Header.Get("Content-Type") != "application/sdp" || string(b) != "v=0" {
				t.Errorf("sdp: %q %q", r.Header.Get("Content-Type"), b)
			}
			io.WriteString(w, "v=0 answer")
		case "/search":
			var f SearchFilter
			if err := json.Unmarshal([]byte(r.URL.Query().Get("filter")), &f); err != nil || f.Q.Value() != "go" {
				t.Errorf("filter: %q %v", r.URL.Query().Get("filter"), err)
			}
			w.WriteHeader(204)
		}
	})
	ctx := context.Background()
	if err := c.SendForm(ctx, SendFormRequest{To: "+15551234", Tags: Some([]string{"x", "y"}),
		IDs: Some([]SendFormRequestIDsItem{SendFormRequestIDsItemOfInteger(7), SendFormRequestIDsItemOfString("a b")})}); err != nil {
		t.Fatal(err)
	}
	answer, err := c.SendSDP(ctx, strings.NewReader("v=0"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(answer)
	answer.Close()
	if string(b) != "v=0 answer" {
		t.Fatalf("sdp answer %q", b)
	}
	if err := c.Search(ctx, SearchParams{Filter: Some(SearchFilter{Q: Some("go")})}); err != nil {
		t.Fatal(err)
	}
}

// TestWildcardBodies: an object schema under */* is sent as JSON and the
// answer asked for and read as JSON; a string there is bytes the caller
// gives, sent as they are, as application/octet-stream unless the caller
// names their type.
func TestWildcardBodies(t *testing.T) {
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/deployments":
			if r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Accept") != "application/json" || string(b) != `{"name":"web"}` {
				t.Errorf("deployment: %q %q %s", r.Header.Get("Content-Type"), r.Header.Get("Accept"), b)
			}
			io.WriteString(w, `{"name":"web","uid":"u1"}`)
		case "/assets":
			if r.Header.Get("Content-Type") != r.URL.Query().Get("want") || string(b) != "\x00bytes" {
				t.Errorf("asset: %q %q", r.Header.Get("Content-Type"), b)
			}
			w.WriteHeader(204)
		}
	})
	ctx := context.Background()
	d, err := c.CreateDeployment(ctx, CreateDeploymentRequest{Name: Some("web")})
	if err != nil || d.Name.Value() != "web" {
		t.Fatalf("%+v, %v", d, err)
	}
	if err := c.UploadAsset(ctx, strings.NewReader("\x00bytes"), WithQuery("want", "application/octet-stream")); err != nil {
		t.Fatal(err)
	}
	// The caller says what the bytes are.
	if err := c.UploadAsset(ctx, strings.NewReader("\x00bytes"), WithQuery("want", "application/zip"), WithRequestHeader("Content-Type", "application/zip")); err != nil {
		t.Fatal(err)
	}
}

// TestStringResponseNotJSON: a response whose schema is a JSON string is
// the body itself when the server sends something else (a file's bytes, a
// JSON document), and a decoded JSON string when it sends one.
func TestStringResponseNotJSON(t *testing.T) {
	cases := []struct{ contentType, body, want string }{
		{"application/octet-stream", "{\"a\":1}\n{\"b\":2}\n", "{\"a\":1}\n{\"b\":2}\n"},
		{"application/json", `{"runs":[]}`, `{"runs":[]}`},
		{"application/json; charset=utf-8", ` "caf\u00e9"`, "café"},
		{"", `"x\ny"`, "x\ny"},
		{"text/plain", `"quoted"`, `"quoted"`},
		{"application/x-ndjson", "\"a\"\n\"b\"\n", "\"a\"\n\"b\"\n"}, // JSON Lines are no JSON string
	}
	for _, c := range cases {
		cl := serve(t, func(w http.ResponseWriter, r *http.Request) {
			if c.contentType != "" {
				w.Header().Set("Content-Type", c.contentType)
			} else {
				w.Header()["Content-Type"] = nil // no sniffing
			}
			io.WriteString(w, c.body)
		})
		got, err := cl.DownloadFile(context.Background(), "f1")
		if err != nil || got != c.want {
			t.Errorf("%q %q: got %q, %v; want %q", c.contentType, c.body, got, err, c.want)
		}
	}
}

// TestAlternateBodies: an operation that takes its body in several
// encodings has a method for each, sending its own Content-Type and
// encoding, with the same path and query parameters.
func TestAlternateBodies(t *testing.T) {
	type seen struct{ contentType, query, body string }
	var got []seen
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		ct := r.Header.Get("Content-Type")
		var body string
		if strings.HasPrefix(ct, "multipart/form-data") {
			if err := r.ParseMultipartForm(1 << 20); err != nil {
				t.Fatal(err)
			}
			f, h, err := r.FormFile("photo")
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(f)
			body = r.FormValue("name") + "|" + h.Filename + "|" + string(data)
			ct = "multipart/form-data"
		} else {
			data, _ := io.ReadAll(r.Body)
			body = string(data)
		}
		if r.URL.Path != "/pets/p1" {
			t.Errorf("path %s", r.URL.Path)
		}
		got = append(got, seen{ct, r.URL.RawQuery, body})
		io.WriteString(w, `{"id":"p1"}`)
	})
	ctx := context.Background()
	dry := UpdatePetParams{DryRun: Some(true)}
	if pet, err := c.UpdatePet(ctx, "p1", UpdatePetRequest{Name: Some("Rex")}, dry); err != nil || pet.ID.Value() != "p1" {
		t.Fatalf("UpdatePet: %+v %v", pet, err)
	}
	if _, err := c.UpdatePetForm(ctx, "p1", UpdatePetFormRequest{Name: Some("Rex")}, UpdatePetParams{}); err != nil {
		t.Fatal(err)
	}
	photo := File{Name: "rex.png", Content: strings.NewReader("PNG")}
	if _, err := c.UpdatePetMultipart(ctx, "p1", UpdatePetMultipartRequest{Name: Some("Rex"), Photo: Some(photo)}, dry); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdatePetXML(ctx, "p1", strings.NewReader("<pet><name>Rex</name></pet>"), UpdatePetParams{}); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{"application/json", "dry_run=true", `{"name":"Rex"}`},
		{"application/x-www-form-urlencoded", "", "name=Rex"},
		{"multipart/form-data", "dry_run=true", "Rex|rex.png|PNG"},
		{"application/xml", "", "<pet><name>Rex</name></pet>"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d requests: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

// TestJSONBodyMediaType: a JSON body is sent with the media type the spec
// gives it (a merge patch, not a JSON Patch, for an object), also when
// WithRequestBody supplies it.
func TestJSONBodyMediaType(t *testing.T) {
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Header.Get("Content-Type")+" "+string(b))
		w.WriteHeader(204)
	})
	ctx := context.Background()
	if err := c.PatchDeployment(ctx, "web", Patch(`{"spec":{"replicas":3}}`)); err != nil {
		t.Fatal(err)
	}
	if err := c.PatchDeployment(ctx, "web", nil, WithRequestBody(strings.NewReader(`{"spec":{}}`))); err != nil {
		t.Fatal(err)
	}
	want := []string{`application/merge-patch+json {"spec":{"replicas":3}}`, `application/merge-patch+json {"spec":{}}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAcceptsTheResultsMediaType: a method asks for its result's media
// type, which a JSON:API server requires.
func TestAcceptsTheResultsMediaType(t *testing.T) {
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "application/vnd.api+json" {
			w.WriteHeader(http.StatusNotAcceptable)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		io.WriteString(w, `{"data":{"id":"a1"}}`)
	})
	got, err := c.GetArticle(context.Background(), "a1")
	if err != nil || got.Data.Value().ID.Value() != "a1" {
		t.Fatalf("%+v, %v", got, err)
	}
}

// TestFileUnionParts: a union of one file or several sends the files it
// holds as file parts, not as text.
func TestFileUnionParts(t *testing.T) {
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range r.MultipartForm.File["images"] {
			f, _ := h.Open()
			data, _ := io.ReadAll(f)
			names = append(names, h.Filename+"="+string(data))
		}
		got = append(got, strings.Join(names, ","))
		if v := r.MultipartForm.Value["images"]; len(v) > 0 {
			t.Errorf("images sent as text: %q", v)
		}
		io.WriteString(w, "ok")
	})
	file := func(name string) File { return File{Name: name, Content: strings.NewReader(name[:1])} }
	for _, images := range []UploadRequestImages{
		UploadRequestImagesOfFile(file("a.png")),
		UploadRequestImagesOfArray([]File{file("b.png"), file("c.png")}),
	} {
		body, err := c.Upload(context.Background(), UploadRequest{File: file("x.wav"), Images: Some(images)}, UploadParams{})
		if err != nil {
			t.Fatal(err)
		}
		body.Close()
	}
	if strings.Join(got, " ") != "a.png=a b.png=b,c.png=c" {
		t.Errorf("file parts: %q", got)
	}
}

// TestMultipartPartTypes: a multipart field the spec's encoding gives a
// Content-Type is sent as a part of that type; a file of no type of its
// own takes it.
func TestMultipartPartTypes(t *testing.T) {
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for _, p := range readParts(t, r) {
			got = append(got, p.name+" "+p.contentType+" "+p.data)
		}
		w.WriteHeader(201)
	})
	err := c.CreateCall(context.Background(), CreateCallRequest{
		Sdp:      "v=0",
		Session:  Some(CreateCallRequestSession{Model: Some("m")}),
		Greeting: Some(File{Name: "hi.wav", Content: strings.NewReader("RIFF")}),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "sdp application/sdp v=0|session application/json {\"model\":\"m\"}|greeting audio/wav RIFF"
	if strings.Join(got, "|") != want {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

// TestFormFieldStyles: fields whose encoding says deepObject are spread
// over name[key] fields as Stripe reads them, the others as the encoding
// says (lists joined for explode false), and a union holding its string
// variant is that string: Stripe's metadata="" unsets every key.
func TestFormFieldStyles(t *testing.T) {
	var got string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = string(body)
	})
	ctx := context.Background()
	err := c.CreateCustomer(ctx, CreateCustomerRequest{
		Name:     Some("Ann & Bo"),
		Metadata: Some(CreateCustomerRequestMetadataOfObject(map[string]string{"order": "8812", "a b": "x=y"})),
		Address:  Some(CreateCustomerRequestAddress{City: Some("Paris"), Lines: Some([]string{"1 rue", "2e"})}),
		Items:    Some([]CreateCustomerRequestItemsItem{{Price: Some("price_1"), Quantity: Some[int64](2)}, {Price: Some("price_2")}}),
		Expand:   Some([]string{"customer", "invoice"}),
		Labels:   Some([]string{"vip", "eu"}),
		Codes:    Some([]int64{1, 2}),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "address%5Bcity%5D=Paris&address%5Blines%5D%5B0%5D=1+rue&address%5Blines%5D%5B1%5D=2e&codes=1%7C2" +
		"&expand%5B0%5D=customer&expand%5B1%5D=invoice&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2" +
		"&items%5B1%5D%5Bprice%5D=price_2&labels=vip%2Ceu&metadata%5Ba+b%5D=x%3Dy&metadata%5Border%5D=8812&name=Ann+%26+Bo"
	if got != want {
		t.Errorf("form body:\n%s\nwant:\n%s", got, want)
	}
	if err := c.CreateCustomer(ctx, CreateCustomerRequest{Metadata: Some(CreateCustomerRequestMetadataOfString(""))}); err != nil {
		t.Fatal(err)
	}
	if got != "metadata=" {
		t.Errorf("unsetting metadata sent %q", got)
	}
}

// TestMultipartFieldStyles: a multipart body's deepObject fields are parts
// named as a URL-encoded form's fields would be.
func TestMultipartFieldStyles(t *testing.T) {
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for _, p := range readParts(t, r) {
			got = append(got, p.name+"="+p.data)
		}
	})
	err := c.CreateFile(context.Background(), CreateFileRequest{
		File:         File{Name: "a.pdf", Content: strings.NewReader("%PDF")},
		Purpose:      "dispute_evidence",
		FileLinkData: Some(CreateFileRequestFileLinkData{Create: Some(true), ExpiresAt: Some[int64](1761861679)}),
		Expand:       Some([]string{"links"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "file=%PDF|purpose=dispute_evidence|file_link_data[create]=true|file_link_data[expires_at]=1761861679|expand[0]=links"
	if strings.Join(got, "|") != want {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

// TestDeepObjectQuery: deepObject query parameters are written as form
// bodies' deepObject fields are; a union holding a number is the number.
func TestDeepObjectQuery(t *testing.T) {
	var got []string
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.RawQuery)
		w.WriteHeader(204)
	})
	ctx := context.Background()
	calls := []ListCustomersParams{
		{Created: Some(ListCustomersCreatedOfObject(ListCustomersCreatedObject{Gt: Some[int64](5), Lte: Some[int64](9)})), Expand: Some([]string{"data.customer"})},
		{Created: Some(ListCustomersCreatedOfInteger(7)), Filter: Some(map[string]json.RawMessage{"tier": json.RawMessage(`{"in":["gold"]}`), "ok": json.RawMessage(`true`)})},
	}
	for _, p := range calls {
		if err := c.ListCustomers(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"created%5Bgt%5D=5&created%5Blte%5D=9&expand%5B0%5D=data.customer",
		"created=7&filter%5Bok%5D=true&filter%5Btier%5D%5Bin%5D%5B0%5D=gold",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("queries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRelativeServer: a spec without servers (or with a relative one) gives
// no host; a call says to set one, where net/http says "unsupported
// protocol scheme".
func TestRelativeServer(t *testing.T) {
	_, err := NewClient().GetArticle(context.Background(), "a1")
	if err == nil || !strings.Contains(err.Error(), "WithBaseURL") {
		t.Fatalf("got %v, want an error that names WithBaseURL", err)
	}
}

// TestByteOrderMark: a JSON body after a UTF-8 byte order mark (.NET and
// Azure servers send one) decodes, as a result and as an error's message.
func TestByteOrderMark(t *testing.T) {
	status := 200
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		if status == 200 {
			io.WriteString(w, "\ufeff"+`{"data":{"id":"a1"}}`)
		} else {
			io.WriteString(w, "\ufeff"+`{"error":{"message":"no such article"}}`)
		}
	})
	got, err := c.GetArticle(context.Background(), "a1")
	if err != nil || got.Data.Value().ID.Value() != "a1" {
		t.Fatalf("got %+v, %v", got, err)
	}
	status = 404
	_, err = c.GetArticle(context.Background(), "a2")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Message != "no such article" {
		t.Fatalf("got %v, want an *APIError saying no such article", err)
	}
}
