package api

// Runs in gen's TestGoldenCompiles, against the package generated from
// spec.yaml beside it.

import (
	"encoding/json"
	"testing"
)

// TestInlinedOperationsDecode: the operations given as $ref, their schemas'
// properties given as $ref and their discriminator mapping (relative to the
// operation's file) make the same types a bundled spec would.
func TestInlinedOperationsDecode(t *testing.T) {
	var created CreatePetResponse
	if err := json.Unmarshal([]byte(`{"kind":"dog","good":true}`), &created); err != nil {
		t.Fatal(err)
	}
	if dog, ok := created.AsDog(); !ok || !dog.Good.Value() {
		t.Errorf("decoded as %v %+v", created.Kind(), created)
	}
	pet := Pet{Name: "Rex", Age: Some(int64(3))}
	if out, err := json.Marshal(pet); err != nil || string(out) != `{"age":3,"name":"Rex"}` {
		t.Errorf("Pet encodes as %s, %v", out, err)
	}
}
