//go:build race

package openai

// raceBuild says the tests run under the race detector, whose instrumented
// build allocates where a plain one does not: slices.Grow, for one, makes
// and appends apart instead of in one allocation.
const raceBuild = true
