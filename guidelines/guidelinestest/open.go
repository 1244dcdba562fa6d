package guidelinestest

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// Open returns the built-in (or file) guideline id, loaded as the commands load it, and
// fails the test when it does not load.
func Open(t testing.TB, id string) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.Open(id)
	if g == nil {
		t.Fatalf("guideline %s does not load:\n%v", id, ds)
	}
	return g
}
