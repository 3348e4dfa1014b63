package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml and config.yaml beside it.

import (
	"encoding/json"
	"net/netip"
	"testing"
	"time"
)

func TestUserTypesRoundTrip(t *testing.T) {
	in := `{"at":"2026-11-25T15:04:05Z","source":"10.0.0.1","tz":"UTC","labels":{"a":"b"}}`
	var ev Event
	if err := json.Unmarshal([]byte(in), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.At.Value() != time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC) || ev.Source.Value() != netip.MustParseAddr("10.0.0.1") || ev.TimeZone.Value() != "UTC" || ev.Labels.Value()["a"] != "b" {
		t.Fatalf("%+v", ev)
	}
	out, _ := json.Marshal(ev)
	if string(out) != in {
		t.Fatalf("got %s", out)
	}
}
