// Package diag holds located diagnostics: errors that say where in a spec
// they come from, as file:line:col and a JSON pointer, and a list of them
// that sorts itself so reports are stable from run to run.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Loc is a place in an OpenAPI document. Pointer is always set; File, Line
// and Col are set when the loader recorded where the element came from.
type Loc struct {
	Pointer string // JSON pointer, e.g. #/components/schemas/Run/properties/x
	File    string
	Line    int
	Col     int
}

// String renders the location as file:line:col: #/pointer, leaving out what
// is unknown.
func (l Loc) String() string {
	var b strings.Builder
	if l.File != "" {
		b.WriteString(l.File)
		if l.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", l.Line, l.Col)
		}
		b.WriteString(": ")
	}
	if l.Pointer == "" {
		b.WriteString("#")
	} else {
		b.WriteString(l.Pointer)
	}
	return b.String()
}

// Error is one located diagnostic.
type Error struct {
	Loc Loc
	Msg string
}

func (e *Error) Error() string { return e.Loc.String() + ": " + e.Msg }

// List collects diagnostics. The zero value is ready to use.
type List struct {
	errs []*Error
}

// Add records a diagnostic at loc.
func (l *List) Add(loc Loc, format string, args ...any) {
	l.errs = append(l.errs, &Error{Loc: loc, Msg: fmt.Sprintf(format, args...)})
}

// Len reports how many diagnostics were recorded.
func (l *List) Len() int { return len(l.errs) }

// Err returns nil when nothing was recorded, or an error that lists every
// diagnostic, sorted by file, line, column, pointer and message, with exact
// duplicates removed (a schema reached twice reports once).
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	errs := slices.Clone(l.errs)
	slices.SortFunc(errs, compare)
	errs = slices.CompactFunc(errs, func(a, b *Error) bool { return compare(a, b) == 0 })
	return Errors(errs)
}

func compare(a, b *Error) int {
	return cmp.Or(
		cmp.Compare(a.Loc.File, b.Loc.File),
		cmp.Compare(a.Loc.Line, b.Loc.Line),
		cmp.Compare(a.Loc.Col, b.Loc.Col),
		cmp.Compare(a.Loc.Pointer, b.Loc.Pointer),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// Errors is a sorted list of diagnostics returned as one error.
type Errors []*Error

// Error prints one diagnostic per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap exposes the diagnostics to errors.As and errors.Is.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Pointer joins JSON pointer tokens onto base, escaping ~ and / as RFC 6901
// requires.
func Pointer(base string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString(strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}
