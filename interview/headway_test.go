package interview

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TestHeadwayNeverGoesBack: the counter of asked questions jumps as answers open and close
// questions (the workshop saw 9/15, then 10/37); Headway's totals stay the same and its
// share only grows, along every shipped scenario's path as an interviewer walks it.
func TestHeadwayNeverGoesBack(t *testing.T) {
	t.Parallel()
	all, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		if !strings.HasPrefix(sc.ID, "mixed-flows-md") {
			continue
		}
		t.Run(sc.ID, func(t *testing.T) {
			g, ds := guidelines.Open(sc.Guideline)
			if g == nil || ds.HasErrors() {
				t.Fatalf("guideline %s: %v", sc.Guideline, ds)
			}
			cp := *sc
			if ds := guidelines.CheckScenario(&cp, g); ds.HasErrors() {
				t.Fatal(ds)
			}
			e := newEngine(t, g, NewMemoryStore())
			if err := e.Start(); err != nil {
				t.Fatal(err)
			}
			prev := e.Headway()
			totals := map[int]bool{}
			for steps := 0; steps < 4*len(g.Questions); steps++ {
				if e.PauseSuggested() {
					e.ContinueAnyway()
					continue
				}
				q := e.Current().Question
				if q == nil {
					break
				}
				totals[e.Progress().Total] = true
				if v, ok := cp.Answers.Values[q.ID]; ok {
					if err := e.Answer(v); err != nil {
						t.Fatal(err)
					}
				} else if next := nextAnswered(e, &cp, q); next == nil {
					break
				} else if err := e.Goto(next.ID); err != nil {
					t.Fatal(err)
				}
				h := e.Headway()
				if h.Sections != prev.Sections || h.Questions != prev.Questions || h.Percent < prev.Percent || h.Question < prev.Question || h.Section < prev.Section {
					t.Fatalf("after %s: %+v, before %+v", q.ID, h, prev)
				}
				prev = h
			}
			e.OpenReview()
			if h := e.Headway(); h.Percent != 100 || h.Section != h.Sections || h.Question != h.Questions {
				t.Errorf("at the review: %+v", h)
			}
			t.Logf("asked-question totals seen: %d; headway sections %d", len(totals), prev.Sections)
		})
	}
}

// nextAnswered returns the first question after q that applies, is not answered and that
// the scenario answers.
func nextAnswered(e *Engine, sc *guidelines.Scenario, q *guidelines.Question) *guidelines.Question {
	for _, o := range e.Guideline().Questions[q.Index+1:] {
		if _, done := e.Session().Answers.Values[o.ID]; done || !e.Applies(o.ID) {
			continue
		}
		if _, ok := sc.Answers.Values[o.ID]; ok {
			return o
		}
	}
	return nil
}
