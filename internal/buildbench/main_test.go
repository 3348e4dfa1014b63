package main

import (
	"slices"
	"strings"
	"testing"
)

func TestOperationIDsDropsQueryPaths(t *testing.T) {
	src := []byte(`openapi: 3.1.0
paths:
  /a:
    get: {operationId: getA}
    post: {operationId: create-a}
  /b?beta=true:
    get: {operationId: getBetaB}
  /c:
    parameters: []
    delete: {operationId: deleteC}
`)
	ids, trimmed, err := operationIDs(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"getA", "create-a", "deleteC"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	if strings.Contains(string(trimmed), "beta") || !strings.Contains(string(trimmed), "/c:") {
		t.Errorf("trimmed document:\n%s", trimmed)
	}
}

func TestOgenOperationsMatchOperationIDs(t *testing.T) {
	client := `// Invoker invokes operations described by OpenAPI v3 specification.
type Invoker interface {
	// AddGroupUser invokes add-group-user operation.
	//
	// Adds a user.
	AddGroupUser(ctx context.Context) error
}

// GetA invokes getA operation.
func (c *Client) GetA() {}
`
	var ops []string
	for _, m := range invokes.FindAllStringSubmatch(client, -1) {
		ops = append(ops, m[1])
	}
	if want := []string{"add-group-user", "getA"}; !slices.Equal(ops, want) {
		t.Fatalf("ops = %q, want %q", ops, want)
	}
	if got := sameOperations([]string{"getA", "deleteC", "add-group-user"}, ops); !slices.Equal(got, []string{"getA", "add-group-user"}) {
		t.Errorf("sameOperations = %q", got)
	}
}
