package preview

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// FuzzCondWords feeds arbitrary expressions to the words renderer: it walks any syntax tree
// expr can parse, so it must never panic, and it must either refuse or say something.
func FuzzCondWords(f *testing.F) {
	for _, s := range []string{
		`job_offer == "yes"`, `"acquaintance" in recruited_via`, `(age ?? 99) < 18 || age_uncertain == "yes"`,
		`age != nil && age < 18`, `!(a && b) or c`, `x not in ["a", "b"]`, `true`, `len(x) > 0`, `((((`,
		`profile == "child" && exploitative_conditions`, `strong + medium + weak > 0`, `a ?? (b ?? 3) >= 1.5`,
	} {
		f.Add(s)
	}
	g, ds := guidelines.Open("example")
	if g == nil {
		f.Fatalf("example guideline: %v", ds)
	}
	l := locales.New("en")
	f.Fuzz(func(t *testing.T, src string) {
		s, ok := condWords(&guidelines.Condition{Src: src}, g, l, "en")
		if ok && s == "" {
			t.Errorf("%q: accepted but rendered as nothing", src)
		}
	})
}
