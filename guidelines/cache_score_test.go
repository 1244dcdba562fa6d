package guidelines_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/indicators"
)

// TestCacheScoresLikeYAML scores every embedded scenario and random answer sets with each
// embedded guideline read from the cache and from its YAML: outcomes, indicators (with
// strength and evidence), dimensions, flags, referrals and relevance must be the same, and
// so must every answers-scope condition (profiles, sections, questions, pause_when,
// indicators, privacy) on each resolved environment.
func TestCacheScoresLikeYAML(t *testing.T) {
	scenarios, _ := guidelines.EmbeddedScenarios() // load errors are reported by their own tests
	names, _ := fs.Glob(guidelines.FS, "*.yaml")
	for _, name := range names {
		data, err := guidelines.FS.ReadFile(name)
		if err != nil || guidelines.DetectFormat(data) != guidelines.FormatGuideline {
			continue
		}
		fromYAML, _ := guidelines.LoadBytes("embedded:"+name, data)
		if fromYAML == nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			fromCache, ds := guidelines.LoadThroughCacheForTest(t, "embedded:"+name, data)
			if fromCache == nil {
				t.Fatalf("does not load through the cache: %v", ds)
			}
			var sets []guidelines.Answers
			for _, s := range scenarios {
				if s.Guideline == fromYAML.ID {
					sets = append(sets, s.Answers)
				}
			}
			r := rand.New(rand.NewPCG(7, uint64(len(fromYAML.Questions))))
			runs := 300
			if testing.Short() {
				runs = 30
			}
			for range runs {
				sets = append(sets, guidelinestest.RandomAnswers(r, fromYAML))
			}
			for n, a := range sets {
				want, werr := indicators.Score(fromYAML, a)
				got, gerr := indicators.Score(fromCache, a)
				if fmt.Sprint(werr) != fmt.Sprint(gerr) {
					t.Fatalf("answers %d: error %v, want %v", n, gerr, werr)
				}
				if werr != nil {
					continue
				}
				if g, w := summary(got), summary(want); !reflect.DeepEqual(g, w) {
					t.Fatalf("answers %d: scored differently:\ncache: %v\nyaml:     %v", n, g, w)
				}
				if g, w := answersConditions(t, fromCache, a), answersConditions(t, fromYAML, a); !reflect.DeepEqual(g, w) {
					t.Fatalf("answers %d: conditions hold differently:\ncache: %v\nyaml:     %v", n, g, w)
				}
			}
		})
	}
}

// summary renders an assessment by ids and values, without pointers.
func summary(a *indicators.Assessment) []string {
	out := []string{"profile " + a.Profile, "outcome " + a.Outcome.ID,
		fmt.Sprintf("counts %d %d %d", a.Strong, a.Medium, a.Weak),
		fmt.Sprint("applies ", a.Applies), fmt.Sprint("unknown ", a.Unknown),
		fmt.Sprint("declined ", a.Declined), fmt.Sprint("ignored ", a.Ignored)}
	for _, d := range a.Dimensions {
		out = append(out, fmt.Sprintf("dimension %s %v %d %d %d", d.Dimension.ID, d.Positive, d.Strong, d.Medium, d.Weak))
	}
	for _, in := range a.Indicators {
		s := fmt.Sprintf("indicator %s %s", in.Indicator.ID, in.Strength)
		for _, e := range in.Evidence {
			s += fmt.Sprintf(" [%s %v %v %q]", e.Question.ID, e.Answer, e.Answered, e.Note)
		}
		out = append(out, s)
	}
	for _, f := range a.Flags {
		out = append(out, "flag "+f.Flag.ID)
	}
	for _, r := range a.Referrals {
		out = append(out, "referral "+r.ID)
	}
	return out
}

// answersConditions evaluates every answers-scope condition of g on the environment a
// resolves to, in file order.
func answersConditions(t *testing.T, g *guidelines.Guideline, a guidelines.Answers) []string {
	t.Helper()
	e := g.NewEvaluator()
	res, err := g.Resolve(e, a.Values)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	eval := func(what string, c *guidelines.Condition) {
		if c == nil {
			return
		}
		ok, err := e.Eval(c, res.Env)
		out = append(out, fmt.Sprintf("%s %v %v", what, ok, err))
	}
	eval("privacy", g.Privacy.ShareIdentityWhen)
	for _, p := range g.Profiles {
		eval("profile "+p.ID, p.When)
	}
	for _, s := range g.Sections {
		eval("section "+s.ID, s.When)
	}
	for _, q := range g.Questions {
		eval("question "+q.ID, q.When)
		eval("pause "+q.ID, q.PauseWhen)
	}
	for _, x := range g.Indicators {
		eval("indicator "+x.ID, x.When)
	}
	return out
}
