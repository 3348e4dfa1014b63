package gofmt

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var allStdlib = flag.Bool("gofmt.stdlib", false, "compare with go/format on every file of the Go tree, not a sample")

// same fails t unless Source gives what go/format.Source gives for src, or,
// where go/format's output is not what go/format leaves alone, what a
// second run gives and leaves alone; it returns what Source wrote itself.
func same(t *testing.T, name string, src []byte) written {
	t.Helper()
	got, n, err := source(src)
	if msg := differs(src, got, err); msg != "" {
		t.Errorf("%s: %s", name, msg)
	}
	return n
}

// differs says how got (and err) is not what Source must give for src, or
// "" when it is.
func differs(src, got []byte, err error) string {
	want, wantErr := format.Source(src)
	if (err != nil) != (wantErr != nil) {
		return fmt.Sprintf("error %v, go/format's %v", err, wantErr)
	}
	if bytes.Equal(got, want) {
		return ""
	}
	if again, err := format.Source(want); err == nil && !bytes.Equal(again, want) && bytes.Equal(got, again) {
		if settled, err := format.Source(got); err == nil && bytes.Equal(settled, got) {
			return "" // settled where go/format is not idempotent
		}
	}
	return fmt.Sprintf("differs from go/format at line %d\ngot:\n%s\nwant:\n%s", firstDiffLine(got, want), got, want)
}

func firstDiffLine(a, b []byte) int {
	line := 1
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == '\n' {
			line++
		}
	}
	return line
}

// unformat writes src's tokens and comments one blank apart, on the lines
// they were on, without indentation: what jennifer hands to go/format, so
// every spacing decision is go/printer's (or ours) to make again.
func unformat(src []byte) []byte {
	fset := token.NewFileSet()
	f := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(f, src, nil, scanner.ScanComments)
	var out []byte
	line := 1
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		if l := f.Line(pos); l > line {
			out = append(out, strings.Repeat("\n", l-line)...)
			line = l
		} else if len(out) > 0 {
			out = append(out, ' ')
		}
		if lit == "" {
			lit = tok.String()
		}
		out = append(out, lit...)
		line += strings.Count(lit, "\n")
	}
	return append(out, '\n')
}

// TestMatchesGoFormat compares with go/format on gofmt's own test inputs, a
// sample of the Go tree (all of it with -gofmt.stdlib) and the checked-in
// generated package, each as written and unformatted.
func TestMatchesGoFormat(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	var paths []string
	for _, g := range []string{"src/go/printer/testdata/*", "src/cmd/gofmt/testdata/*", "src/go/format/testdata/*"} {
		m, err := filepath.Glob(filepath.Join(goroot, g))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	var tree []string
	err = filepath.WalkDir(filepath.Join(goroot, "src"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") {
			tree = append(tree, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(tree)
	for i, path := range tree {
		if *allStdlib || i%25 == 0 {
			paths = append(paths, path)
		}
	}
	generated, err := filepath.Glob("../../generated/openai/*.gen.go")
	if err != nil || len(generated) == 0 {
		t.Fatalf("no generated files (%v)", err)
	}
	paths = append(paths, generated...)
	var printed written
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []written{same(t, path, src), same(t, path+" (unformatted)", unformat(src))} {
			printed.decls += w.decls
			printed.comments += w.comments
			printed.types += w.types
		}
	}
	// Most bodies of the tree have comments or multi-line lists, which go
	// to go/printer; enough do not that the printer here is what is tested.
	// Comments are written here only where go/printer would reformat them
	// (top-level doc comments, and any comment starting a line of an
	// unformatted file), of which the tree has many more.
	if printed.decls < 1000 || printed.comments < 5000 {
		t.Errorf("only %d bodies and %d comments of %d files written here", printed.decls, printed.comments, len(paths))
	}
	t.Logf("%d files, %d declarations, %d struct types and %d comments written here", len(paths), printed.decls, printed.types, printed.comments)
}

// TestGeneratedBodiesPrintedHere holds the point of the package: the bodies
// of the generated codecs, most of a generated package, are printed here,
// all but those holding a function literal (an encoder of an optional
// slice passes one), which go/printer prints; most of them in runs that
// go/printer sees as one placeholder (joinRuns); and the struct types.
func TestGeneratedBodiesPrintedHere(t *testing.T) {
	for _, name := range []string{"decode.gen.go", "encode.gen.go", "readers.gen.go", "types.gen.go"} {
		src, err := os.ReadFile(filepath.Join("../../generated/openai", name))
		if err != nil {
			t.Fatal(err)
		}
		src = unformat(src)
		w := same(t, name, src)
		if want := multiLineBodies(t, src); w.decls != want {
			t.Errorf("%s: %d of %d declarations printed here", name, w.decls, want)
		}
		if w.joined < w.decls*3/4 {
			t.Errorf("%s: %d of %d declarations printed here joined to the one before", name, w.joined, w.decls)
		}
		if want := len(regexp.MustCompile(`(?m)^type \S+ struct \{$`).FindAll(src, -1)); w.types != want {
			t.Errorf("%s: %d of %d struct types printed here", name, w.types, want)
		}
		if w.decls+w.types == 0 {
			t.Errorf("%s: nothing printed here", name)
		}
		t.Logf("%s: %d declarations printed here, %d of them joined; %d struct types", name, w.decls, w.joined, w.types)
	}
}

// multiLineBodies counts the bodies of src that go/printer would not put on
// one line and that hold no function literal.
func multiLineBodies(t *testing.T, src []byte) int {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && len(fd.Body.List) > 0 &&
			fset.Position(fd.Body.Lbrace).Line != fset.Position(fd.Body.Rbrace).Line && !hasFuncLit(fd.Body) {
			n++
		}
	}
	return n
}

func hasFuncLit(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		_, lit := n.(*ast.FuncLit)
		found = found || lit
		return !found
	})
	return found
}

// printedCases are bodies the printer here must print (and print as
// go/format does): one for each choice it makes.
var printedCases = []string{
	// Blanks around binary operators, by precedence and depth.
	`x = a + b*c - d/e`,
	`x = a*b + c*d`,
	`x = a + b + c`,
	`x = a<<1 | b&^c`,
	`ok = a == b && c != d || !e`,
	`f(a + b)`,
	`f(a+b, c*d-e)`,
	`x, y = a+b, c+d`,
	`x = a[i+1] + b[j*2-1]`,
	`x = (a + b) * c`,
	`x = ((a + b)) * c`,
	`x = -(a + b)`,
	// Operands that would run into their operator.
	`x = a - -b`,
	`x = a + +b`,
	`x = a / *p`,
	`x = a & ^b`,
	`x = a &^ ^b`,
	`x = a < -b`,
	`x = a*b - -c`,
	`x = f(a - -b, c)`,
	`x = - -a`,
	`x = ^^a`,
	`x = !!ok`,
	`x = *&a`,
	`x = &*p`,
	// Slices: blanks around the colon only at the top with binaries.
	`x = b[i+1:]`,
	`x = b[i+1 : j]`,
	`x = b[i:j]`,
	`x = b[:j-1]`,
	`x = b[i : j : k+1]`,
	`f(b[i+1:j], c)`,
	// Primary expressions and types.
	`x = v.(T)`,
	`x = a.b.c(d...)`,
	`x = make([]byte, 0, n)`,
	`x = map[string][]*T{}`,
	`x = [...]int{1, 2}`,
	`x = [4]byte{}`,
	`x = T{A: 1, B: "b"}`,
	`x = &T{a, b}`,
	`x = []T{{A: 1}, {A: 2}}`,
	`x = struct{}{}`,
	`var v interface{}`,
	`x = F[int, string](a)`,
	`x = G[int](a)`,
	`x = *p`,
	`var ch chan int`,
	`var r <-chan []int`,
	`var w chan<- map[string]int`,
	`var f func(int, ...string) (bool, error)`,
	`var g func()`,
	`x = 'a' + 1.5 + 0x1f + 0o17 + 1e3`,
	"x = `raw` + \"s\"",
	// Keyed literals over lines, the values aligned in sections.
	`x = T{
A: 1,
Bee: 2,
}`,
	`return &T{
A: 1,
}`,
	`var t = T{
Alpha: f(a+b, c),
B: []int{1, 2},
C: T{D: 1},
}`,
	`x := map[string]int{
"a": 1,
"bbbbbb": 2,
}`,
	`x = []int{
1,
22,
333,
}`,
	`x = T{
a,
"b": 2,
c,
"dd": 3,
"e": 4,
}`,
	`x = T{
A: 1,
ThisKeyIsFarLongerThanFortyBytesSoItBreaksTheColumn: 2,
B: 3,
AnotherKeyThatIsLongerThanFortyBytesButNotByMuch: 4,
AnotherKeyThatIsLongerThanFortyBytesButNotByMuchX: 5,
C: 6,
D: 7,
}`,
	// Statements.
	`x++`,
	`p.n--`,
	`var x, y int = 1, 2`,
	`const c = 3`,
	`var err error`,
	`return`,
	`defer f()`,
	`go g(x)`,
	`x, err := f()`,
	`x += 1`,
	`if x := f(); x > 0 {
y()
} else if x < 0 {
z()
} else {
w()
}`,
	`if ok {
}`,
	`for {
break
}`,
	`for i := 0; i < n; i++ {
continue
}`,
	`for i := 0; ; i++ {
}`,
	`for ; i < n; {
}`,
	`for x < 3 {
x++
}`,
	`for k, v := range m {
_, _ = k, v
}`,
	`for range ch {
}`,
	`for i := range 10 {
_ = i
}`,
	`switch {
case a, b:
x()

case c:
default:
}`,
	`switch x := f(); x {
case 1:
}`,
	`switch y := 1; {
}`,
	`{
x()
}`,
	// Line breaks: at most one blank line kept, at least one break.
	`a()


b()`,
	`

a()

`,
	`a(); b()`,
	`L:
	for {
		break L
	}`,
}

// givenUpCases are bodies left to go/printer, which must still come out
// as go/format gives them.
var givenUpCases = []string{
	`x = T{

A: 1,
}`,
	`x = T{A: 1,
B: 2,
}`,
	`x = T{
A: 1,
B: 2}`,
	`x = T{
}`,
	`x = T{
A: 1, B: 2,
}`,
	`x = T{
A: []int{
1,
},
}`,
	`x = map[string]int{
"é": 1,
"b": 2,
}`,
	`f(T{
A: 1,
})`,
	`x, y = T{
A: 1,
}, 2`,
	`f(a,
b)`,
	`x = func() int { return 1 }()`,
	`switch v := x.(type) {
case int:
}`,
	`select {}`,
	`ch <- 1`,
	`x = 0X1F`,
	`x = 1E3`,
	`x = 2i`,
	`x = struct{ a int }{1}`,
	`x = a // comment`,
	`if (ok) {
}`,
	`var (
a = 1
b = 2
)`,
	`type t int`,
	"x = `a\nb`",
	`;`,
}

// printedDecls are declarations whose signatures the printer here must
// print; givenUpDecls are left to go/printer.
var (
	printedDecls = []string{
		"func (v *T) M(a, b int, c string) (n int, err error) {\nreturn\n}",
		"func (T) M(int, string) {\nx()\n}",
		"func F(a ...int) (int) {\nreturn 0\n}",
		"func F(f func(int) bool, ch <-chan struct{}) func() {\nreturn nil\n}",
		"// F has a doc comment.\nfunc F() {\nx()\n}\n// G has one too.\nfunc G() {\nx()\n}",
		"func F() {\nx()\n}\nfunc G() {\nx()\n}\n\n\nfunc H() {\nx()\n}",
	}
	givenUpDecls = []string{
		"func F[T any](x T) {\nx()\n}",
		"func F(a int, // a\nb int) {\nx()\n}",
		"func F(\na int) {\nx()\n}",
		"func F(a (int)) {\nx()\n}",
		"func F() { x() }",
		"func F() {}",
		"func F() {\n}",
		"func F()",
	}
)

func TestCases(t *testing.T) {
	for _, tc := range []struct {
		srcs    []string
		printed bool
	}{
		{wrapBodies(printedCases), true}, {wrapBodies(givenUpCases), false},
		{printedDecls, true}, {givenUpDecls, false},
	} {
		for _, decls := range tc.srcs {
			src := []byte("package p\n\n" + decls + "\n")
			n := same(t, decls, src).decls
			n += same(t, decls+" (unformatted)", unformat(src)).decls
			// The labeled loop above is printed by go/printer for its
			// label; it tests that a body holding one goes there.
			want := 0
			if tc.printed && !strings.Contains(decls, "L:") {
				want = 2 * strings.Count(decls, "func ")
			}
			if n != want {
				t.Errorf("%q: printed here %d times, want %d", decls, n, want)
			}
		}
	}
}

func wrapBodies(bodies []string) []string {
	var decls []string
	for _, b := range bodies {
		decls = append(decls, "func f() {\n"+b+"\n}")
	}
	return decls
}

func FuzzSource(f *testing.F) {
	for _, decls := range slices.Concat(wrapBodies(printedCases), wrapBodies(givenUpCases), printedDecls, givenUpDecls) {
		f.Add("package p\n\n" + decls + "\n")
	}
	f.Add("package p\n\nimport (\n\"b\"\n\"a\"\n)\n\n// F is f.\nfunc F(x int) (int, error) {\nreturn x, nil\n}\ntype T struct{ A int }\n")
	for _, c := range slices.Concat(commentCases, structCases, runCases) {
		src := "package p\n\n" + c.src + "\n"
		f.Add(src)
		f.Add(string(unformat([]byte(src))))
	}
	f.Fuzz(func(t *testing.T, src string) {
		got, err := Source([]byte(src))
		if msg := differs([]byte(src), got, err); msg != "" {
			t.Fatal(msg)
		}
	})
}

// BenchmarkSource formats the generated package's files as jennifer hands
// them over, here and with go/format, for comparison.
func BenchmarkSource(b *testing.B) {
	paths, err := filepath.Glob("../../generated/openai/*.gen.go")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no generated files (%v)", err)
	}
	var srcs [][]byte
	size := 0
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, unformat(src))
		size += len(src)
	}
	for _, f := range []struct {
		name   string
		format func([]byte) ([]byte, error)
	}{{"gofmt", Source}, {"go-format", format.Source}} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, src := range srcs {
					if _, err := f.format(src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// commentCases are comment groups in the places a generated file has them
// and more, each with how many groups are written here (see markDocs) as
// the source is and unformatted: in unformatted source every comment
// starts a line, and go/printer reformats any that touches the next token.
var commentCases = []countCase{
	{"// T is.\ntype T struct {\n\t// A is.\n\tA int\n\t// B is\n\t// two lines.\n\tB int\n\t// C is\n\t// three\n\t// lines.\n\tC int\n}", 1, 4},
	{"type T struct {\n\tA   int // a\n\t// B is.\n\tBcd string `json:\"b\"`\n\tE   int\n\n\t// F is.\n\tF []int\n}", 0, 2},
	{"// F does.\n//\n// More, with [T] and https://example.com.\n//\n//\tcode()\n//\n// Last.\nfunc F() {\n\tx()\n}", 1, 1},
	{"// Package p is.\n//\n// It is.\npackage p\n\nfunc F() {\n\tx()\n}", 1, 1},
	{"// free, a blank line after\n\nfunc F() {\n\tx()\n}", 1, 1},
	{"func F() {\n\t// c\n\tx()\n\t// done\n}", 0, 2},
	{"func F() {\n\tswitch x {\n\t// one\n\tcase 1:\n\t\t// in\n\t\ty()\n\t}\n}", 0, 2},
	{"func F() {\n\tx() // trailing\n\ty()\n}", 0, 0},
	{"const (\n\t// A is.\n\tA = 1\n\n\t// B is\n\t// two.\n\tB = 2 // trailing\n)", 0, 2},
	{"var x = T{\n\t// A is.\n\tA: 1,\n\t// B is.\n\tBb: 2,\n}", 0, 2},
	{"type I interface {\n\t// M does.\n\tM()\n}", 0, 1},
	{"// #include <stdio.h>\nimport \"C\"", 1, 1},
	{"func F() {\n\tx()\n}\n\n// the end", 1, 1},
	{"// T is «ein Typ».\ntype T int", 1, 1},
	// A generator's empty comment line, "// ", is written "//" as
	// go/printer writes it, reformatted or trimmed.
	{"// F does.\n// \n// More.\nfunc F() {\n\tx()\n}", 1, 1},
	{"func F() {\n\t// a\n\t//  \n\t// b\n\tx()\n}", 0, 1},
	// Not as go/printer writes them, or not for it to write as they are:
	// left to it.
	{"//F does.\nfunc F() {\n\tx()\n}", 0, 0},
	{"// F does.  \nfunc F() {\n\tx()\n}", 0, 0},
	{"// F does.\u00a0\nfunc F() {\n\tx()\n}", 0, 0}, // go/doc/comment keeps it, go/printer trims it
	{"// F:\n//  - a\n//  - b\nfunc F() {\n\tx()\n}", 0, 0},
	{"// F does.\n//\nfunc F() {\n\tx()\n}", 0, 0},
	{"/* T is. */\ntype T int", 0, 0},
	{"// F does.\n//go:noinline\nfunc F() {\n\tx()\n}", 0, 0},
	{"func f()\n\n// +build y", 0, 0},
	{"//line x.go:1\nfunc F() {\n\tx()\n}", 0, 0},
	{"// #include <stdio.h>\n//   int x;\nimport \"C\"", 0, 0},
	// go/printer never reformats an import's doc comment, so it needs no
	// settling (see TestSettledDocs) either.
	{"// On creation, a floating IP must be assigned or reserved.\n" +
		"// * To create one assigned to a Droplet, send a POST\n//   request with the `droplet_id` attribute.\n// \n" +
		"// * To create one reserved to a region, send a POST request\n//   with the `region` attribute.\nimport \"C\"", 0, 0},
}

// TestComments: comment groups are written here where they can be, and
// come out as go/format writes them, as written and unformatted.
func TestComments(t *testing.T) {
	for _, c := range commentCases {
		sameCounting(t, c, "comment groups written here", func(w written) int { return w.comments })
	}
}

// TestSettledDocs: doc comments go/format would change again on its own
// output come out as it finally leaves them, so the output is what gofmt
// leaves alone.
func TestSettledDocs(t *testing.T) {
	unsettled := []string{
		// DigitalOcean's floatingIPs_create description, as oagen writes
		// it: a list right after a paragraph, its items apart.
		"// F creates a floating IP.\n// \n// On creation, a floating IP must be assigned or reserved.\n" +
			"// * To create one assigned to a Droplet, send a POST\n//   request with the `droplet_id` attribute.\n// \n" +
			"// * To create one reserved to a region, send a POST request\n//   with the `region` attribute.\n// \n// POST /v2/floating_ips\nfunc F() {\n\tx()\n}\n",
		// The same as the package's doc comment.
		"// Package p creates a floating IP.\n// \n// On creation, a floating IP must be assigned or reserved.\n" +
			"// * To create one assigned to a Droplet, send a POST\n//   request with the `droplet_id` attribute.\n// \n" +
			"// * To create one reserved to a region, send a POST request\n//   with the `region` attribute.\npackage p\n",
		// One go/printer does not reformat on the first run, the comment
		// not starting its line, and does on the second.
		"  // F creates a floating IP.\n  //\n  // On creation, a floating IP must be assigned or reserved.\n" +
			"  // * To create one assigned to a Droplet, send a POST\n  //   request with the `droplet_id` attribute.\n  //\n" +
			"  // * To create one reserved to a region.\nfunc F() {\n\tx()\n}\n",
	}
	for _, src := range unsettled {
		if !strings.HasPrefix(src, "// Package") {
			src = "package p\n\n" + src
		}
		once, err := format.Source([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if twice, _ := format.Source(once); bytes.Equal(twice, once) {
			t.Errorf("go/format settles this in one run now; the case tests nothing:\n%s", src)
		}
		got, err := Source([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := format.Source(got); !bytes.Equal(again, got) {
			t.Errorf("gofmt changes the output again:\n%s\nto:\n%s", got, again)
		}
		same(t, src, []byte(src))
	}
}

// TestIsDirective: the text after // that go/printer keeps apart from a doc
// comment's words (so settledDocs leaves its group to go/printer).
func TestIsDirective(t *testing.T) {
	for c, want := range map[string]bool{
		"go:generate stringer -type T": true,
		"lint:ignore U1000 unused":     true,
		"line x.go:10":                 true,
		"export F":                     true,
		"extern f":                     true,
		" go:generate x":               false,
		"Deprecated: use G.":           false,
		"Go:generate x":                false,
		"go:":                          false,
	} {
		if got := isDirective(c); got != want {
			t.Errorf("isDirective(%q) = %v, want %v", c, got, want)
		}
	}
	// Its quick refusal by the first byte holds to what ParseDirective says
	// for every first byte.
	for b := range 256 {
		for _, rest := range []string{"o:generate x", ":x", "ab:c", ""} {
			c := string([]byte{byte(b)}) + rest
			_, want := ast.ParseDirective(token.NoPos, "//"+c)
			if got := isDirective(c); got != want {
				t.Errorf("isDirective(%q) = %v; ParseDirective says %v", c, got, want)
			}
		}
	}
}

// structCases are struct types in the shapes a generated file has them and
// more, each with how many are written here (see typeSpec) as the source
// is and unformatted. Field comments are taken only where they start a
// line, so only unformatted where they are indented.
var structCases = []countCase{
	{"type T struct {\n\tA int\n}", 1, 1},
	{"type T struct {\n\tA int `json:\"a\"`\n}", 1, 1},
	{"type T struct {\n\tA   int    `json:\"a\"`\n\tBcd string `json:\"bcd\"`\n\tE   []byte\n\tFg  map[string]any `json:\"fg\"`\n}", 1, 1},
	{"type T struct {\n\tA int\n\n\tLonger string `json:\"l\"`\n\tX      Opt[float64]\n}", 1, 1},
	{"type T struct {\n\t// A is.\n\tA int `json:\"a\"`\n\t// Bcd is\n\t// two lines.\n\tBcd Opt[string] `json:\"bcd\"`\n\tE   int\n\n\n\t// rec is.\n\trec *record\n}", 0, 1},
	{"type T struct {\n\t// A is.\n\t// \n\t// Default: 1.\n\tA int\n\tÉlan, _ int\n}", 0, 0},
	{"type T struct {\n\t// A is.\n\t// \n\t// Default: 1.\n\tA     int\n\tÉlan  int `json:\"é\"`\n\tB     func(x int) (string, error)\n\tCh    <-chan struct{}\n\tIface interface{}\n}", 0, 1},
	{"// T is.\ntype T struct {\n\tA int\n}\n\nfunc (T) F() {\n\tx()\n}\n\ntype U struct {\n\tB int\n}", 2, 2},
	// Left to go/printer.
	{"type T struct {\n\tA int // a\n}", 0, 0},
	{"type T struct {\n\tio.Reader\n\tA int\n}", 0, 0},
	{"type T struct {\n\tA, B int\n}", 0, 0},
	{"type T struct {\n\tA struct {\n\t\tB int\n\t}\n}", 0, 0},
	{"type T struct {\n\n\tA int\n}", 0, 0},
	{"type T struct {\n\tA int\n\n}", 0, 0},
	{"type T struct{ A int }", 0, 0},
	{"type T[P any] struct {\n\tA P\n}", 0, 0},
	{"type (\n\tT struct {\n\t\tA int\n\t}\n)", 0, 0},
	{"type T struct {\n\tA int\n\t// after\n}", 0, 0},
	{"type T struct {\n\t// A is.\n\n\tA int\n}", 0, 0},
	{"type T struct {\n\t// A:\n\t//  - x\n\tA int\n}", 0, 0},
	{"type T struct {\n\tA int `json:\"a\n\"`\n}", 0, 0},
	{"type T struct { // c\n\tA int\n}", 0, 0},
	{"type /* c */ T struct {\n\tA int\n}", 0, 0},
}

// TestStructTypes: struct types are written here where they can be, and
// come out as go/format writes them, as written and unformatted.
func TestStructTypes(t *testing.T) {
	for _, c := range structCases {
		sameCounting(t, c, "struct types written here", func(w written) int { return w.types })
	}
}

// countCase is source (declarations, or a whole file from its package
// comment on) with how many of something Source writes itself (see
// written) it holds as it is and unformatted.
type countCase struct {
	src                  string
	written, unformatted int
}

// sameCounting fails t unless Source gives what go/format gives for c's
// source, as it is and unformatted, and count of what it wrote itself is
// c's.
func sameCounting(t *testing.T, c countCase, what string, count func(written) int) {
	t.Helper()
	src := c.src + "\n"
	if !strings.HasPrefix(src, "// Package") {
		src = "package p\n\n" + src
	}
	if got := count(same(t, c.src, []byte(src))); got != c.written {
		t.Errorf("%q: %d %s, want %d", c.src, got, what, c.written)
	}
	if got := count(same(t, c.src+" (unformatted)", unformat([]byte(src)))); got != c.unformatted {
		t.Errorf("%q unformatted: %d %s, want %d", c.src, got, what, c.unformatted)
	}
}

// runCases are function declarations one after another, each with how
// many are joined to the one before (see joinRuns) as the source is and
// unformatted.
var runCases = []countCase{
	{"func a() {\n\tx()\n}\nfunc b() {\n\ty()\n}", 1, 1},
	{"func a() {\n\tx()\n}\n\n\n\nfunc b() {\n\ty()\n}\n\n// C does.\nfunc (t T) c() {\n\tz()\n}", 2, 2},
	{"func a() {\n\tx()\n}\n// B does\n// it.\nfunc b() {\n\ty()\n}\n\n\n// C does.\n//\n// More.\nfunc c() {\n\tz()\n}", 2, 2},
	{"// A does.\nfunc a() {\n\tx()\n}\n// B does.\n// \n// More.\nfunc b() {\n\ty()\n}", 1, 1},
	// The run ends: the next declaration's place is from the last one's
	// closing brace.
	{"func a() {\n\tx()\n}\nfunc b() {\n\ty()\n}\nfunc c() {\n\t// in c\n\tz()\n}\nfunc d() {\n\tx()\n}", 1, 1},
	{"func a() {\n\tx()\n}\n\n// free\n\nfunc b() {\n\ty()\n}", 0, 0},
	{"func a() {\n\tx()\n}\n\n// B does.\n\nfunc b() {\n\ty()\n}", 0, 0},
	{"func a() {\n\tx()\n}\n\n// B:\n//  - x\nfunc b() {\n\ty()\n}", 0, 0},
	{"func a() {\n\tx()\n}\n\ntype T int\n\nfunc b() {\n\ty()\n}", 0, 0},
	{"func a() {\n\tx()\n}\n\n//go:noinline\nfunc b() {\n\ty()\n}", 0, 0},
}

// TestJoinedRuns: function declarations printed here one after another are
// joined where they can be, and come out as go/format writes them, as
// written and unformatted.
func TestJoinedRuns(t *testing.T) {
	for _, c := range runCases {
		sameCounting(t, c, "declarations joined", func(w written) int { return w.joined })
	}
}

// TestPlainDocs: every comment text of a sample of the Go tree (all of it
// with -gofmt.stdlib) and of the generated package that plain takes is one
// go/doc/comment gives back as it is; and plain takes most of them.
func TestPlainDocs(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	var paths []string
	err = filepath.WalkDir(filepath.Join(strings.TrimSpace(string(out)), "src"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	var sample []string
	for i, path := range paths {
		if *allStdlib || i%10 == 0 {
			sample = append(sample, path)
		}
	}
	generated, _ := filepath.Glob("../../generated/openai/*.gen.go")
	texts, taken := 0, 0
	for _, path := range append(sample, generated...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue // the tree's testdata holds files that do not parse
		}
		for _, g := range f.Comments {
			text, ok := docText(g.List)
			if !ok {
				continue
			}
			texts++
			if !plain(text) {
				continue
			}
			taken++
			if got := reformat(text); got != text {
				t.Errorf("%s: plain, and go/doc/comment gives\n%q\nfor\n%q", path, got, text)
			}
		}
	}
	if taken < texts/2 {
		t.Errorf("plain took %d of %d comment texts", taken, texts)
	}
	t.Logf("plain took %d of %d comment texts", taken, texts)
}

func FuzzPlain(f *testing.F) {
	for _, s := range []string{"A.\n", "A\nb.\n\nC.\n", "A.\n\nB\n\nC.\n", "- a\n- b\n", "A:\n\n\tcode\n", "# H\n", "[x]: http://x\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if plain(text) {
			if got := reformat(text); got != text {
				t.Fatalf("plain, and go/doc/comment gives %q for %q", got, text)
			}
		}
	})
}
