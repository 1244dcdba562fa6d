package indicators

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/locales"
)

var synthetic = sync.OnceValues(func() (*guidelines.Guideline, guidelines.Diagnostics) {
	return guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(10000, 5000))
})

func loadSynthetic(t testing.TB) *guidelines.Guideline {
	t.Helper()
	g, ds := synthetic()
	if g == nil || ds.HasErrors() {
		t.Fatalf("synthetic guideline does not load:\n%v", ds)
	}
	return g
}

// TestRandomAnswersNeverFail is a property: random valid answers (with unknown, declined
// and answers to questions that do not apply) never make Score fail, on the synthetic
// guideline and on every shipped one, and the result always holds together: counts match
// the indicators, ignored answers are exactly the answered questions that do not apply,
// and rendering works.
func TestRandomAnswersNeverFail(t *testing.T) {
	t.Parallel()
	gs, _ := guidelines.Embedded()
	small, ds := guidelines.LoadBytes("synthetic-small.yaml", guidelines.Synthetic(300, 200))
	if ds.HasErrors() {
		t.Fatalf("synthetic guideline does not load:\n%v", ds)
	}
	gs = append(gs, small)
	runs := 300
	if testing.Short() {
		runs = 30
	}
	for _, g := range gs {
		t.Run(g.ID, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(g.Questions))))
			for n := range runs {
				a := guidelinestest.RandomAnswers(r, g)
				as, err := Score(g, a)
				if err != nil {
					t.Fatalf("run %d: %v\nanswers: %v", n, err, a.Values)
				}
				checkConsistent(t, g, a, as)
				if n%50 == 0 {
					for _, f := range Formats {
						if err := Render(as, &bytes.Buffer{}, f, "", locales.New("en")); err != nil {
							t.Fatalf("render %s: %v", f, err)
						}
					}
				}
			}
		})
	}
	t.Run("synthetic-10000q-5000i", func(t *testing.T) {
		if testing.Short() {
			t.Skip("loading 10,000 questions takes seconds; BenchmarkScore runs it too")
		}
		g := loadSynthetic(t)
		r := rand.New(rand.NewPCG(2, 3))
		for n := range 5 {
			a := guidelinestest.RandomAnswers(r, g)
			as, err := Score(g, a)
			if err != nil {
				t.Fatalf("run %d: %v", n, err)
			}
			checkConsistent(t, g, a, as)
		}
	})
}

func checkConsistent(t *testing.T, g *guidelines.Guideline, a guidelines.Answers, as *Assessment) {
	t.Helper()
	if as.Outcome == nil {
		t.Fatal("no outcome")
	}
	var s, m, w int
	for _, in := range as.Indicators {
		switch in.Strength {
		case guidelines.Strong:
			s++
		case guidelines.Medium:
			m++
		case guidelines.Weak:
			w++
		}
		for _, e := range in.Evidence {
			if e.Answered && !as.Applies[e.Question.Index] {
				t.Fatalf("%s: evidence from %s, which does not apply", in.Indicator.ID, e.Question.ID)
			}
		}
	}
	if s != as.Strong || m != as.Medium || w != as.Weak {
		t.Fatalf("counts %d/%d/%d, indicators say %d/%d/%d", as.Strong, as.Medium, as.Weak, s, m, w)
	}
	var ignored []string
	for _, q := range g.Questions {
		if _, ok := a.Values[q.ID]; ok && !as.Applies[q.Index] {
			ignored = append(ignored, q.ID)
		}
	}
	if fmt.Sprint(ignored) != fmt.Sprint(as.Ignored) {
		t.Fatalf("ignored = %v, want %v", as.Ignored, ignored)
	}
}
