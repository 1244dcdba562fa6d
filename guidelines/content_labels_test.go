package guidelines_test

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSummaryFactsHaveLabels: every question the built-in guidelines show under "About the
// person" has a short label in each of their languages, shorter than its question, so the
// summary reads "Age: 22" and not the question put to the person.
func TestSummaryFactsHaveLabels(t *testing.T) {
	for _, id := range []string{"mixed-flows-md", "mixed-flows-md-strict"} {
		g := embedded(t, id)
		n := 0
		for _, q := range g.Questions {
			if !q.Summary {
				continue
			}
			n++
			for _, lang := range g.Languages {
				label, text := strings.TrimSpace(q.Label[lang]), q.Text[lang]
				switch {
				case label == "":
					t.Errorf("%s: %s has no %s label", id, q.ID, lang)
				case utf8.RuneCountInString(label) >= utf8.RuneCountInString(text), strings.HasSuffix(label, "?"):
					t.Errorf("%s: the %s label of %s (%q) is a question, not a short label", id, lang, q.ID, label)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s shows no fact under \"About the person\"", id)
		}
	}
}
