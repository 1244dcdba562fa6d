package indicators

import (
	"math/rand/v2"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
)

// BenchmarkScore measures Score alone (conditions are compiled at load): on the largest
// shipped guideline with a shipped scenario's answers, and on a synthetic guideline of
// 10,000 questions and 5,000 indicators with random valid answers. Target for the latter:
// under 5 ms on the 2-core reference machine.
func BenchmarkScore(b *testing.B) {
	b.Run("shipped", func(b *testing.B) {
		gs, _ := guidelines.Embedded()
		if len(gs) == 0 {
			b.Skip("no embedded guideline loads")
		}
		g := gs[0]
		for _, x := range gs[1:] {
			if len(x.Questions) > len(g.Questions) {
				g = x
			}
		}
		a := guidelinestest.RandomAnswers(rand.New(rand.NewPCG(1, 1)), g)
		ss, _ := guidelines.EmbeddedScenarios()
		for _, s := range ss {
			if s.Guideline == g.ID {
				a = s.Answers
				break
			}
		}
		b.Logf("%s: %d questions, %d indicators", g.ID, len(g.Questions), len(g.Indicators))
		benchScore(b, g, a)
	})
	b.Run("synthetic-10000q-5000i", func(b *testing.B) {
		g := loadSynthetic(b)
		benchScore(b, g, guidelinestest.RandomAnswers(rand.New(rand.NewPCG(4, 5)), g))
	})
}

func benchScore(b *testing.B, g *guidelines.Guideline, a guidelines.Answers) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Score(g, a); err != nil {
			b.Fatal(err)
		}
	}
}
