package openai

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// hotInlined are the template's helpers that every decoded or encoded
// member goes through, and that are written to fit the compiler's inlining
// budget (80 nodes): each costs a call per member when it does not fit.
var hotInlined = []string{
	"(*decoder).peek",
	"(*decoder).ws",
	"(*decoder).null",
	"special",
	"keyEnd",
	"(*decoder).readString",
	"(*decoder).readInt64",
	"(*decoder).readFloat64",
	"(*decoder).readBool",
	"(*record).was",
	"(*record).wasAbsent",
	"(*record).wasNull",
	"(*record).wasZero",
	"(*record).at",
	"(*record).markMissing",
	"fieldError",
	"optKey",
	"comma",
	"runeLen",
}

// TestHotHelpersInline fails when a change pushes one of hotInlined over
// the inlining budget. Nothing else would notice: the code stays correct
// and only gets slower. (An unsigned compare added to peek once made null
// cost 82, and every optional field's null check a call; the instructions
// saved elsewhere then did not show in decoding's time.)
func TestHotHelpersInline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package with -gcflags=-m; skipped in -short")
	}
	// The compiler's diagnostics are replayed from the build cache, so a
	// cached build reports them too.
	out, err := exec.Command("go", "build", "-gcflags=-m", "-o", os.DevNull, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, fn := range hotInlined {
		if !regexp.MustCompile(`(?m): can inline ` + regexp.QuoteMeta(fn) + `( |$)`).Match(out) {
			t.Errorf("%s no longer inlines (go build -gcflags=-m=2 says why and at what cost)", fn)
		}
	}
}
