package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestInheritance: a base schema with a discriminator that its subtypes
// extend with allOf is a union of them and of itself; every value goes
// back as it came, an unknown kind included.
func TestInheritance(t *testing.T) {
	in := `[{"name":"rex","petType":"dog","packSize":3,"friends":[{"name":"tom","petType":"Cat","huntingSkill":"lazy"}]},` +
		`{"name":"tom","petType":"Cat","huntingSkill":"lazy"},{"name":"p","petType":"Pet"},{"name":"b","petType":"Bird","wings":2},` +
		`{"name":"bo","petType":"puppy","ageWeeks":8}]`
	var pets []Pet
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, in)
	}))
	defer srv.Close()
	pets, err := NewClient(WithBaseURL(srv.URL)).ListPets(context.Background())
	if err != nil || len(pets) != 5 {
		t.Fatalf("%d pets, %v", len(pets), err)
	}
	dog, ok := pets[0].AsDog()
	if !ok || dog.PackSize.Value() != 3 || len(dog.Friends.Value()) != 1 {
		t.Fatalf("pets[0] is %v: %+v", pets[0].Kind(), dog)
	}
	if cat, ok := dog.Friends.Value()[0].AsCat(); !ok || cat.HuntingSkill.Value() != "lazy" {
		t.Errorf("a dog's friend is %v", dog.Friends.Value()[0].Kind())
	}
	if cat, ok := pets[1].AsCat(); !ok || cat.Name != "tom" {
		t.Errorf("pets[1] is %v", pets[1].Kind())
	}
	if base, ok := pets[2].AsPet(); !ok || base.Name != "p" {
		t.Errorf("pets[2] is %v", pets[2].Kind())
	}
	if pets[3].Kind() != PetKindUnknown {
		t.Errorf("pets[3] is %v", pets[3].Kind())
	}
	// A subtype's subtype (Puppy extends Dog, itself a base).
	if puppy, ok := pets[4].AsPuppy(); !ok || puppy.AgeWeeks.Value() != 8 {
		t.Errorf("pets[4] is %v", pets[4].Kind())
	}
	for i, p := range pets {
		out, err := p.MarshalJSON()
		var again Pet
		if err != nil || again.UnmarshalJSON(out) != nil || again.Kind() != p.Kind() {
			t.Errorf("pets[%d] re-encoded as %s, %v", i, out, err)
		}
	}
}

// TestInheritanceBuilt: a subtype built in Go says which it is, unless it
// says so itself.
func TestInheritanceBuilt(t *testing.T) {
	for _, c := range []struct {
		p    Pet
		want string
	}{
		{PetOfDog(DogBase{Name: "rex"}), `{"name":"rex","petType":"dog"}`},
		{PetOfCat(Cat{Name: "tom"}), `{"name":"tom","petType":"Cat"}`},
		{PetOfPuppy(Puppy{Name: "bo"}), `{"name":"bo","petType":"puppy"}`},
		{PetOfDog(DogBase{Name: "rex", PetType: "wolf"}), `{"name":"rex","petType":"wolf"}`},
	} {
		if out, err := c.p.MarshalJSON(); err != nil || string(out) != c.want {
			t.Errorf("got %s, %v; want %s", out, err, c.want)
		}
	}
}
