package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestPinnedEnumMember: a required member pinned to the one value of a
// named enum keeps what arrived (the value, another one, "", null or
// nothing), and a value built in Go sends the pinned value.
func TestPinnedEnumMember(t *testing.T) {
	for _, body := range []string{`{"ttl":"30m"}`, `{"ttl":"1h"}`, `{"ttl":""}`, `{"ttl":null}`, `{}`} {
		var v CacheOptions
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if out, err := json.Marshal(v); err != nil || string(out) != body {
			t.Errorf("%s: encodes as %s, %v", body, out, err)
		}
	}
	if out, err := json.Marshal(CacheOptions{}); err != nil || string(out) != `{"ttl":"30m"}` {
		t.Errorf("zero value encodes as %s, %v", out, err)
	}
}

// TestFreeFormVariant: a union variant that is a free-form object takes
// objects by their first byte and keeps their bytes; other kinds it has
// no variant for stay raw; a variant built in Go is checked on the way out.
func TestFreeFormVariant(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind SettingKind
	}{
		{`"fast"`, SettingKindString},
		{`{"b": 1, "a": [true]}`, SettingKindObject},
		{`{}`, SettingKindObject},
		{`[1, 2]`, SettingKindUnknown},
		{`12`, SettingKindUnknown},
	} {
		var s Setting
		if err := s.UnmarshalJSON([]byte(c.in)); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if s.Kind() != c.kind {
			t.Errorf("%s: kind %v, want %v", c.in, s.Kind(), c.kind)
		}
		if out, err := s.MarshalJSON(); err != nil || string(out) != c.in {
			t.Errorf("%s: re-encoded %s, %v", c.in, out, err)
		}
	}
	if out, err := SettingOfObject(json.RawMessage(`[1]`)).MarshalJSON(); err == nil {
		t.Errorf("an array as the object variant encoded as %s, want an error", out)
	}
}

// TestSeveralTypes: type: [integer, string] is a union told apart by the
// JSON token, which keeps every value it allows exactly and a value of
// another type as it came; integer and number together are a number; a
// type's variant has only its own enum values.
func TestSeveralTypes(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind IdentifierKind
	}{
		{`9007199254740993`, IdentifierKindInteger},
		{`"abc"`, IdentifierKindString},
		{`true`, IdentifierKindUnknown},
	} {
		var id Identifier
		if err := json.Unmarshal([]byte(c.in), &id); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if id.Kind() != c.kind {
			t.Errorf("%s: kind %v, want %v", c.in, id.Kind(), c.kind)
		}
		if out, err := json.Marshal(id); err != nil || string(out) != c.in {
			t.Errorf("%s: re-encoded %s, %v", c.in, out, err)
		}
	}
	if n, ok := IdentifierOfInteger(9007199254740993).AsInteger(); !ok || n != 9007199254740993 {
		t.Errorf("AsInteger: %d, %v", n, ok)
	}
	for _, in := range []string{`{"size":"unlimited","names":["a","b"]}`, `{"size":1.5,"names":"a"}`, `{"size":null}`, `{"size":"other"}`} {
		var l Limits
		if err := json.Unmarshal([]byte(in), &l); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if out, err := json.Marshal(l); err != nil || string(out) != in {
			t.Errorf("%s: re-encoded %s, %v", in, out, err)
		}
	}
	var size LimitsSize = LimitsSizeOfNumber(10)
	if out, err := json.Marshal(Limits{Size: Some(size), Names: Some(LimitsNamesOfString("a"))}); err != nil || string(out) != `{"size":10,"names":"a"}` {
		t.Errorf("encoded %s, %v", out, err)
	}
	if LimitsSizeStringUnlimited != "unlimited" || LimitsSizeNumberTen != 10 || LimitsSizeNumberOneAndAHalf != 1.5 {
		t.Errorf("the variants' enums: %q %v %v", LimitsSizeStringUnlimited, LimitsSizeNumberTen, LimitsSizeNumberOneAndAHalf)
	}
}

// TestEnumNames: x-enumNames (or x-enum-varnames) name an enum's constants.
func TestEnumNames(t *testing.T) {
	if PriorityLow != 0 || PriorityNormal != 1 || PriorityHigh != 2 {
		t.Errorf("%d %d %d", PriorityLow, PriorityNormal, PriorityHigh)
	}
}

// TestObjectVariantTitles: inline object variants are named by their
// titles, not Object and Object2.
func TestObjectVariantTitles(t *testing.T) {
	var s Shipment
	if err := json.Unmarshal([]byte(`{"parcels":["a","b"]}`), &s); err != nil {
		t.Fatal(err)
	}
	if list, ok := s.AsParcelList(); !ok || len(list.Parcels) != 2 {
		t.Errorf("decoded as %v: %+v", s.Kind(), list)
	}
	out, err := json.Marshal(ShipmentOfSingleParcel(ShipmentSingleParcel{Parcel: "p"}))
	if err != nil || string(out) != `{"parcel":"p"}` {
		t.Errorf("encoded %s, %v", out, err)
	}
}

// TestObjectVariantsByOwnMember: untitled object variants that require
// the same members are named for, and told apart by, a member only one of
// them declares (present, even as null or empty); the one with none of its
// own takes the rest. Each encodes back as it came.
func TestObjectVariantsByOwnMember(t *testing.T) {
	for _, c := range []struct {
		body string
		kind ProtectionRuleKind
	}{
		{`{"id":1,"type":"wait_timer","wait_timer":30}`, ProtectionRuleKindWaitTimerObject},
		{`{"id":2,"type":"required_reviewers","reviewers":["octocat"]}`, ProtectionRuleKindReviewersObject},
		{`{"id":3,"type":"required_reviewers","reviewers":[]}`, ProtectionRuleKindReviewersObject},
		{`{"id":5,"type":"wait_timer","wait_timer":null}`, ProtectionRuleKindWaitTimerObject},
		{`{"id":4,"type":"branch_policy"}`, ProtectionRuleKindObject},
	} {
		var r ProtectionRule
		if err := json.Unmarshal([]byte(c.body), &r); err != nil {
			t.Fatalf("%s: %v", c.body, err)
		}
		if r.Kind() != c.kind {
			t.Errorf("%s decoded as %v, want %v", c.body, r.Kind(), c.kind)
		}
		if out, err := json.Marshal(r); err != nil || string(out) != c.body {
			t.Errorf("%s encoded as %s, %v", c.body, out, err)
		}
	}
	if rule, ok := ProtectionRuleOfWaitTimerObject(ProtectionRuleWaitTimerObject{ID: 1, Type: "wait_timer", WaitTimer: Some(int64(5))}).AsWaitTimerObject(); !ok || rule.WaitTimer.Value() != 5 {
		t.Errorf("AsWaitTimerObject: %+v, %v", rule, ok)
	}
}

// TestArrayVariantsByElement: of several array variants, named for their
// elements, the one whose elements fit the first element's kind takes the
// array (an empty array the first), and every one encodes back as it came.
func TestArrayVariantsByElement(t *testing.T) {
	for _, c := range []struct {
		body string
		kind ModerationInputKind
	}{
		{`"one text"`, ModerationInputKindString},
		{`["a","b"]`, ModerationInputKindArrayOfString},
		{` [ {"type":"text","text":"hi"},{"type":"image_url","image_url":"https://x"}]`, ModerationInputKindArrayOfObject},
		{`[[1,2.5],[3]]`, ModerationInputKindArrayOfArrayOfNumber},
		{`[]`, ModerationInputKindArrayOfString},
		{`[true]`, ModerationInputKindArrayOfString},
	} {
		var in ModerationInput
		err := json.Unmarshal([]byte(c.body), &in)
		if c.body == `[true]` {
			// No variant takes booleans: the first array variant's error.
			if err == nil {
				t.Errorf("%s: decoded as %v", c.body, in.Kind())
			}
			continue
		}
		if err != nil || in.Kind() != c.kind {
			t.Errorf("%s: %v %v, want %v", c.body, in.Kind(), err, c.kind)
			continue
		}
		out, err := json.Marshal(in)
		var want, got any
		_ = json.Unmarshal([]byte(c.body), &want)
		_ = json.Unmarshal(out, &got)
		if err != nil || !reflect.DeepEqual(want, got) {
			t.Errorf("%s: encodes as %s, %v", c.body, out, err)
		}
	}
}

// TestConstructorsSetTheTag: a variant built in Go is sent with the value
// the discriminator's mapping gives it, whatever the tag field's type,
// unless it says another itself.
func TestConstructorsSetTheTag(t *testing.T) {
	for _, c := range []struct {
		v    interface{ MarshalJSON() ([]byte, error) }
		want string
	}{
		{ShapeOfCircle(Circle{Radius: 1}), `{"kind":"circle","radius":1}`},
		{ActionOfResize(ResizeAction{Size: Some("s-2")}), `{"type":"resize","size":"s-2"}`},
		{ActionOfRename(RenameAction{Name: Some("web")}), `{"type":"rename","name":"web"}`},
		{ActionOfResize(ResizeAction{Type: ActionTypeSnapshot}), `{"type":"snapshot"}`},
	} {
		if out, err := c.v.MarshalJSON(); err != nil || string(out) != c.want {
			t.Errorf("got %s, %v; want %s", out, err, c.want)
		}
	}
}
