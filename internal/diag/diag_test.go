package diag

import (
	"errors"
	"testing"
)

func TestLocString(t *testing.T) {
	cases := []struct {
		loc  Loc
		want string
	}{
		{Loc{Pointer: "#/a"}, "#/a"},
		{Loc{}, "#"},
		{Loc{Pointer: "#/a", File: "s.yaml"}, "s.yaml: #/a"},
		{Loc{Pointer: "#/a", File: "s.yaml", Line: 3, Col: 7}, "s.yaml:3:7: #/a"},
	}
	for _, c := range cases {
		if got := c.loc.String(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.loc, got, c.want)
		}
	}
}

func TestListSortsAndDedups(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must return nil")
	}
	l.Add(Loc{Pointer: "#/b", File: "f", Line: 9, Col: 1}, "second")
	l.Add(Loc{Pointer: "#/a", File: "f", Line: 2, Col: 5}, "first %d", 1)
	l.Add(Loc{Pointer: "#/b", File: "f", Line: 9, Col: 1}, "second")
	err := l.Err()
	want := "f:2:5: #/a: first 1\nf:9:1: #/b: second"
	if err.Error() != want {
		t.Fatalf("got\n%s\nwant\n%s", err, want)
	}
	var one *Error
	if !errors.As(err, &one) || one.Msg != "first 1" {
		t.Fatalf("errors.As did not find the first diagnostic: %v", one)
	}
}

func TestPointerEscapes(t *testing.T) {
	got := Pointer("#/paths", "/threads/{id}", "a~b")
	if want := "#/paths/~1threads~1{id}/a~0b"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
