package indicators

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// randomAnswers answers a random subset of g's questions, applying or not (the score must
// ignore the others), with valid values of each type and "unknown"/"declined" mixed in, and
// a note now and then.
func randomAnswers(g *guidelines.Guideline, r *rand.Rand) guidelines.Answers {
	a := guidelines.NewAnswers()
	for _, q := range g.Questions {
		if r.IntN(5) == 0 {
			continue
		}
		a.Values[q.ID] = randomValue(q, r)
		if r.IntN(10) == 0 {
			a.Notes[q.ID] = fmt.Sprintf("note %d", r.IntN(100))
		}
	}
	return a
}

func randomValue(q *guidelines.Question, r *rand.Rand) guidelines.Value {
	switch r.IntN(10) {
	case 0:
		return guidelines.UnknownValue
	case 1:
		return guidelines.DeclinedValue
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		return guidelines.Value{Str: []string{"yes", "no"}[r.IntN(2)]}
	case guidelines.TypeChoice:
		return guidelines.Value{Str: q.Choices[r.IntN(len(q.Choices))].ID}
	case guidelines.TypeMulti:
		var list []string
		for _, c := range q.Choices { // in the question's order, as ParseAnswers stores them
			if r.IntN(2) == 0 {
				list = append(list, c.ID)
			}
		}
		return guidelines.Value{List: list}
	case guidelines.TypeNumber:
		lo, hi := 0.0, 120.0
		if q.Min != nil {
			lo = *q.Min
		}
		if q.Max != nil {
			hi = *q.Max
		}
		return guidelines.Value{Num: lo + float64(r.IntN(int(hi-lo)+1))}
	case guidelines.TypeDate:
		return guidelines.Value{Str: fmt.Sprintf("20%02d-%02d-%02d", r.IntN(30), 1+r.IntN(12), 1+r.IntN(28))}
	default:
		return guidelines.Value{Str: []string{"", "yes", "some text", "ș ț ă"}[r.IntN(4)]}
	}
}

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
				a := randomAnswers(g, r)
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
			a := randomAnswers(g, r)
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
