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
	in := `{"at":"2026-11-25T15:04:05Z","source":"10.0.0.1","tz":"UTC","seen_at":"2026-11-26T10:00:00.5+01:00","day":"2026-11-26","labels":{"a":"b"}}`
	var ev Event
	if err := json.Unmarshal([]byte(in), &ev); err != nil {
		t.Fatal(err)
	}
	var seen time.Time = ev.SeenAt.Value() // formats: date-time
	var day string = ev.Day.Value()
	if !seen.Equal(time.Date(2026, 11, 26, 9, 0, 0, 5e8, time.UTC)) || day != "2026-11-26" {
		t.Fatalf("seen_at %v, day %q", seen, day)
	}
	if ev.At.Value() != time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC) || ev.Source.Value() != netip.MustParseAddr("10.0.0.1") || ev.TimeZone.Value() != "UTC" || ev.Labels.Value()["a"] != "b" {
		t.Fatalf("%+v", ev)
	}
	out, _ := json.Marshal(ev)
	if string(out) != in {
		t.Fatalf("got %s", out)
	}
}

// TestFormatTypeNull: a nullable date-time mapped to time.Time keeps null
// apart from absent, and a value that is no time is kept as it came.
func TestFormatTypeNull(t *testing.T) {
	for _, in := range []string{`{"seen_at":null}`, `{}`, `{"seen_at":"yesterday"}`} {
		var ev Event
		if err := json.Unmarshal([]byte(in), &ev); err != nil {
			t.Fatal(err)
		}
		if out, _ := json.Marshal(ev); string(out) != in {
			t.Errorf("%s: got %s", in, out)
		}
	}
}
