package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/internal/gofmt"
	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/templates"
)

const (
	jsonPkg    = "encoding/json"
	runtimePkg = "github.com/oapi-codegen/runtime"
)

// emit translates the IR into files: one per emitted concern, plus the
// spec-independent runtime from templates/.
func emit(api *ir.API) ([]File, error) {
	files, err := emitTemplates(api.Package)
	if err != nil {
		return nil, err
	}
	r := newReaders(api)
	// Unions (their types and codecs) get files of their own: besides
	// saying where things are, it splits the work into pieces small enough
	// to keep every core busy until the end.
	isUnion := func(t *ir.Type) bool { return t.Kind == ir.KindUnion }
	unions, others := typesWhere(api, isUnion), typesWhere(api, func(t *ir.Type) bool { return !isUnion(t) })
	concerns := []struct {
		name string
		fill func(*jen.File)
	}{
		{"types.gen.go", func(f *jen.File) { emitTypes(f, others) }},
		{"unions.gen.go", func(f *jen.File) { emitTypes(f, unions) }},
		{"encode.gen.go", func(f *jen.File) { emitEncode(f, others) }},
		{"decode.gen.go", func(f *jen.File) { emitDecode(f, others, r) }},
		{"union_codecs.gen.go", func(f *jen.File) { emitEncode(f, unions); emitDecode(f, unions, r) }},
		{"readers.gen.go", func(f *jen.File) { emitReaders(f, api, r) }},
		{"client.gen.go", func(f *jen.File) { emitClient(f, api) }},
		{"stream.gen.go", func(f *jen.File) { emitStreams(f, api, r) }},
		{"doc.gen.go", func(f *jen.File) { emitPackageDoc(f, api.Doc) }},
	}
	// Rendering (jennifer formats what it renders) is most of the time
	// generation takes; the files are independent and the IR is only
	// read, so they render in parallel.
	rendered := make([]File, len(concerns))
	errs := make([]error, len(concerns))
	var wg sync.WaitGroup
	for i, c := range concerns {
		wg.Go(func() {
			jf := newFile(api.Package)
			c.fill(jf)
			content, err := render(jf)
			if err != nil {
				errs[i] = fmt.Errorf("internal error: rendering %s: %w", c.name, err)
				return
			}
			rendered[i] = File{Name: c.name, Content: content}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return append(files, rendered...), nil
}

// render writes f as gofmt would. jennifer's own Render runs go/format on
// what it writes, which was half of what generating a large spec took;
// internal/gofmt gives the same bytes (doc comments settled where gofmt
// would need two runs) for about 60% of the CPU. A file that does not
// parse is the generator's bug, reported with the source.
func render(f *jen.File) ([]byte, error) {
	f.NoFormat = true
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	out, err := gofmt.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w in:\n%s", err, buf.Bytes())
	}
	return out, nil
}

// emitPackageDoc writes the package comment, wrapped as doc comments are.
func emitPackageDoc(f *jen.File, doc string) {
	for _, line := range wrap(commentSafe(doc), 77) {
		f.PackageComment("// " + line) // as in commentLines
	}
}

// typesWhere is api with only the types keep accepts.
func typesWhere(api *ir.API, keep func(*ir.Type) bool) *ir.API {
	sub := *api
	sub.Types = nil
	for _, t := range api.Types {
		if keep(t) {
			sub.Types = append(sub.Types, t)
		}
	}
	return &sub
}

func newFile(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.HeaderComment(Header)
	f.ImportName(jsonPkg, "json")
	f.ImportName(runtimePkg, "runtime")
	return f
}

// templateFiles maps each template to the file it becomes.
var templateFiles = map[string]string{
	"opt.go.tmpl":    "opt.gen.go",
	"json.go.tmpl":   "jsonio.gen.go",
	"decode.go.tmpl": "jsonreader.gen.go",
	"client.go.tmpl": "transport.gen.go",
	"stream.go.tmpl": "sse.gen.go",
	"form.go.tmpl":   "form.gen.go",
}

func emitTemplates(pkg string) ([]File, error) {
	var out []File
	for _, name := range sortedKeys(templateFiles) {
		src, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			return nil, err
		}
		tmpl, err := template.New(name).Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("internal error: template %s: %w", name, err)
		}
		var buf bytes.Buffer
		buf.WriteString(Header + "\n\n")
		if err := tmpl.Execute(&buf, struct{ Package string }{pkg}); err != nil {
			return nil, fmt.Errorf("internal error: template %s: %w", name, err)
		}
		out = append(out, File{Name: templateFiles[name], Content: buf.Bytes()})
	}
	return out, nil
}

// goType is the Go type of an expression.
func goType(e *ir.Expr) jen.Code {
	switch e.Kind {
	case ir.ExprNamed:
		return jen.Id(e.Named.Name)
	case ir.ExprSlice:
		return jen.Index().Add(goType(e.Elem))
	case ir.ExprMap:
		return jen.Map(jen.String()).Add(goType(e.Elem))
	case ir.ExprOpt:
		return jen.Id("Opt").Types(goType(e.Elem))
	case ir.ExprPointer:
		return jen.Op("*").Add(goType(e.Elem))
	case ir.ExprExternal:
		if e.Path == "" {
			return jen.Id(e.Name)
		}
		return jen.Qual(e.Path, e.Name)
	}
	switch e.Builtin {
	case ir.String:
		return jen.String()
	case ir.Int64:
		return jen.Int64()
	case ir.Int32:
		return jen.Int32()
	case ir.Float64:
		return jen.Float64()
	case ir.Bool:
		return jen.Bool()
	case ir.File:
		return jen.Id("File")
	}
	return jen.Qual(jsonPkg, "RawMessage")
}

// literal is the Go literal of a spec value.
func literal(v ir.Value) jen.Code {
	switch v.Base {
	case ir.Int64:
		return jen.Op(strconv.FormatInt(v.Int, 10)) // untyped, so it converts to the enum type
	case ir.Float64:
		return jen.Lit(v.Float)
	case ir.Bool:
		return jen.Lit(v.Bool)
	}
	return jen.Lit(v.String)
}

// commenter is a *jen.File or *jen.Group: something that takes comments.
type commenter interface {
	Comment(string) *jen.Statement
}

// docComment writes spec text as the doc comment of name: one // line per
// line, long lines wrapped, and the first sentence phrased to start with
// the name as Go doc comments do.
func docComment(c commenter, name, text string) {
	writeDoc(c, name, strings.TrimSpace(commentSafe(htmlToText(text))))
}

// methodComment is docComment for an operation's method, whose summary
// is phrased as a sentence about it (see asMethodDoc).
func methodComment(c commenter, name, text string) {
	text = strings.TrimSpace(commentSafe(htmlToText(text)))
	writeDoc(c, name, asMethodDoc(name, text))
}

func writeDoc(c commenter, name, text string) {
	if text == "" {
		return
	}
	commentLines(c, wrap(leadWithName(name, text), 90))
}

// fieldComment writes spec text above a field or constant, as is.
func fieldComment(c commenter, text string) {
	if text = strings.TrimSpace(commentSafe(htmlToText(text))); text != "" {
		commentLines(c, wrap(text, 86))
	}
}

// commentLines writes lines of spec text as // comment lines, each with its
// own "// ": jennifer copies a comment that starts with // or /* as it
// stands, so a spec line "//go:generate ..." would have become a directive
// of the generated package, and one starting "/*" a block comment that
// never closes.
func commentLines(c commenter, lines []string) {
	for _, line := range lines {
		c.Comment("// " + line)
	}
}

// commentText writes a line the emitter composes around spec names (a
// schema's pointer, a property's JSON name) through commentLines, cleaned
// and split where the names hold line breaks.
func commentText(c commenter, text string) {
	commentLines(c, strings.Split(commentSafe(text), "\n"))
}

// leadWithName makes "Represents a run." read "RunObject represents a run."
// and "The ID of ..." read "Name is the ID of ...".
func leadWithName(name, text string) string {
	first, rest, _ := strings.Cut(text, " ")
	switch {
	case first == name:
		return text
	case first == "is":
		return name + " " + text
	case first == "The" || first == "A" || first == "An":
		return name + " is " + strings.ToLower(first) + " " + rest
	case docVerbs[first]:
		return name + " " + strings.ToLower(first[:1]) + first[1:] + " " + rest
	}
	return name + ": " + text
}

// commentSafe is text without the characters Go source may not hold, even
// in a comment: a byte order mark past the file's start (Microsoft's Bot
// Connector spec has one inside its description), NUL, and other control
// characters, which become spaces. Invalid UTF-8 becomes U+FFFD.
func commentSafe(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\ufeff':
			return -1
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, strings.ToValidUTF8(text, "\ufffd"))
}

// asMethodDoc turns an operation's summary from the imperative it is
// usually written in ("Create a run.", GitHub's "Get a repository") into
// a sentence about the method, as Go's doc comments read: "CreateRun
// creates a run." Text opening any other way is left to docComment.
func asMethodDoc(name, text string) string {
	first, rest, _ := strings.Cut(text, " ")
	if rest == "" || !isImperative(first) || strings.HasPrefix(rest, "of ") { // "List of ...", a noun
		return text
	}
	// "Create or update a secret": both verbs.
	if and, after, _ := strings.Cut(rest, " "); and == "or" || and == "and" {
		if second, tail, _ := strings.Cut(after, " "); second != "" && tail != "" && isImperative(second) {
			rest = and + " " + thirdPerson(strings.ToLower(second)) + " " + tail
		}
	}
	return name + " " + thirdPerson(strings.ToLower(first)) + " " + rest
}

// isImperative reports whether word is one of imperatives, capitalized or
// not (Kubernetes writes its summaries in lower case: "read the specified
// Deployment").
func isImperative(word string) bool {
	return word != "" && strings.Contains(" "+imperatives+" ", " "+strings.ToUpper(word[:1])+word[1:]+" ")
}

// imperatives are the verbs API summaries open with, in the imperative.
const imperatives = "Accept Activate Add Analyze Apply Approve Archive Assign Attach Block Cancel " +
	"Change Check Classify Clear Close Compare Complete Compute Configure Confirm Connect " +
	"Convert Copy Count Create Deactivate Decline Delete Deploy Detach Disable Disconnect " +
	"Dismiss Download Edit Enable Estimate Evaluate Execute Export Fetch Find Follow Fork " +
	"Generate Get Grant Import Install Invite Link List Load Lock Mark Merge Modify Move " +
	"Open Patch Pause Pin Ping Post Preview Publish Put Query Read Reboot Redeliver Refresh " +
	"Register Reject Release Reload Remove Rename Render Reopen Replace Request Rerun Reset " +
	"Resize Restart Restore Resume Retrieve Return Revoke Rotate Run Save Schedule Search " +
	"Send Set Show Sign Star Start Stop Submit Subscribe Suspend Sync Test Transfer Trigger " +
	"Unarchive Unassign Unblock Unfollow Uninstall Unlink Unlock Unpin Unpublish Unstar " +
	"Unsubscribe Update Upload Upsert Validate Verify View Watch Write"

// thirdPerson is verb v (lower case) as "it" does it: get gets, search
// searches, modify modifies.
func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") ||
		strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z"):
		return v + "es"
	case len(v) > 1 && strings.HasSuffix(v, "y") && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// docVerbs are the verbs spec descriptions commonly open with; a
// description that starts with one reads as a sentence about the name.
var docVerbs = map[string]bool{
	"Adds": true, "Appends": true, "Cancels": true, "Constrains": true, "Contains": true,
	"Controls": true, "Creates": true, "Defines": true, "Deletes": true, "Describes": true,
	"Gets": true, "Holds": true, "Indicates": true, "Lists": true, "Modifies": true,
	"Occurs": true, "Overrides": true, "Represents": true, "Retrieves": true, "Returns": true,
	"Sends": true, "Sets": true, "Specifies": true, "Updates": true,
}

// wrap splits text into comment lines of at most width bytes, keeping the
// text's own line breaks and never breaking a word. Callers pass text
// commentSafe has cleaned.
func wrap(text string, width int) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t")
		// "*/" would end a block comment; jennifer writes // comments, but
		// keep the text inert either way.
		line = strings.ReplaceAll(line, "*/", "* /")
		for len(line) > width {
			cut := strings.LastIndexByte(line[:width], ' ')
			if cut <= 0 {
				cut = strings.IndexByte(line, ' ')
				if cut <= 0 {
					break
				}
			}
			out = append(out, line[:cut])
			line = strings.TrimLeft(line[cut:], " ")
		}
		out = append(out, line)
	}
	return out
}
