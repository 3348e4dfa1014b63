package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestRequiredListsAreNotVariants: an anyOf whose variants only list
// required members (Firewall, and FirewallCreate's allOf part) leaves the
// schema a struct of its properties: a body with either list decodes into
// the fields and goes back out as it came.
func TestRequiredListsAreNotVariants(t *testing.T) {
	for _, body := range []string{`{"name":"web","inbound":["tcp:80"]}`, `{"name":"web","outbound":["tcp:443"]}`} {
		var fw FirewallCreate
		if err := json.Unmarshal([]byte(body), &fw); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if fw.Name != "web" || !fw.Inbound.IsSet() && !fw.Outbound.IsSet() {
			t.Errorf("%s: decoded as %+v", body, fw)
		}
		if out, err := json.Marshal(fw); err != nil || string(out) != body {
			t.Errorf("%s: encodes as %s, %v", body, out, err)
		}
	}
	in := Firewall{Name: Some("web"), Outbound: Some([]string{"tcp:443"})}
	out, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var back Firewall
	if err := json.Unmarshal(out, &back); err != nil || !slices.Equal(back.Outbound.Value(), []string{"tcp:443"}) || back.Inbound.IsSet() {
		t.Errorf("Firewall round trip: %s, %+v, %v", out, back, err)
	}
}

// TestClosedOnlyWhereSent: additionalProperties: false drops the members
// decoding kept from a struct a request sends (the server forbids them),
// and keeps them in one that only arrives (nothing received is lost).
func TestClosedOnlyWhereSent(t *testing.T) {
	const body = `{"a":"x","extra":1}`
	var sent Closed
	var reply ClosedReply
	for _, v := range []any{&sent, &reply} {
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := json.Marshal(sent); err != nil || string(out) != `{"a":"x"}` {
		t.Errorf("Closed encodes as %s, %v", out, err)
	}
	if out, err := json.Marshal(reply); err != nil || string(out) != body {
		t.Errorf("ClosedReply encodes as %s, %v", out, err)
	}
}
