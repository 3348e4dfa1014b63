package naming

import "strconv"

// Namespace hands out unique Go identifiers within one scope (a package's
// top level, a struct's fields). The rule for collisions is documented and
// independent of map order: the first claim gets the name, and each later
// claim of the same name gets the lowest free numeric suffix, starting at 2.
// Callers claim in a deterministic order (components sorted by name before
// inline schemas in document order), so output is stable.
type Namespace struct {
	taken map[string]bool
}

// NewNamespace returns a scope in which reserved names are already taken.
func NewNamespace(reserved ...string) *Namespace {
	ns := &Namespace{taken: make(map[string]bool, len(reserved))}
	for _, r := range reserved {
		ns.taken[r] = true
	}
	return ns
}

// Taken reports whether name is already in use.
func (ns *Namespace) Taken(name string) bool { return ns.taken[name] }

// Claim returns name, or name with a numeric suffix when name is taken, and
// marks the result as used.
func (ns *Namespace) Claim(name string) string {
	out := name
	for i := 2; ns.taken[out]; i++ {
		out = name + strconv.Itoa(i)
	}
	ns.taken[out] = true
	return out
}
