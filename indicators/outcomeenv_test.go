package indicators

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
)

// fullOutcomeEnv is the environment of outcome and referral conditions as the format
// defines it, every name in it, built from the assessment's own results and independently
// of the names Score works out: every question as the answer conditions saw it, profile,
// every dimension (positive), indicator (present) and flag (raised), strong, medium, weak.
func fullOutcomeEnv(g *guidelines.Guideline, as *Assessment) map[string]any {
	env := maps.Clone(as.AnswersEnv)
	for _, d := range as.Dimensions {
		env[d.Dimension.ID] = d.Positive
	}
	for _, in := range g.Indicators {
		env[in.ID] = slices.ContainsFunc(as.Indicators, func(r IndicatorResult) bool { return r.Indicator == in })
	}
	for _, f := range g.Flags {
		env[f.ID] = slices.ContainsFunc(as.Flags, func(r FlagResult) bool { return r.Flag == f })
	}
	env[guidelines.NameProfile] = as.Profile
	env[guidelines.NameStrong], env[guidelines.NameMedium], env[guidelines.NameWeak] = as.Strong, as.Medium, as.Weak
	return env
}

// TestOutcomeEnvIsTheFullOne scores every built-in scenario and 300 random sets of answers
// on every built-in guideline (with unknown, declined and answers to questions that do not
// apply), and checks the outcome and referrals against the environment the format defines,
// filled with every name: Score gives those conditions only the names they read, worked
// out once at load, and a name missed or given the wrong value would change a result only
// for the answers that reach it. Every outcome and referral condition must give the same
// result in both, and the outcome and referrals must be the ones the full environment gives.
func TestOutcomeEnvIsTheFullOne(t *testing.T) {
	t.Parallel()
	gs, err := guidelines.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	gs = append(gs, guidelinestest.FailsAtRunTime(t))
	ss, _ := guidelines.EmbeddedScenarios()
	for _, g := range gs {
		t.Run(g.ID, func(t *testing.T) {
			var inputs []guidelines.Answers
			for _, s := range ss {
				if s.Guideline == g.ID {
					inputs = append(inputs, s.Answers)
				}
			}
			r := rand.New(rand.NewPCG(11, uint64(len(g.Questions))))
			for range 300 {
				inputs = append(inputs, guidelinestest.RandomAnswers(r, g))
			}
			outcomes := map[string]bool{}
			for i, a := range inputs {
				as, err := Score(g, a)
				if as == nil {
					t.Fatalf("answers %d: %v", i, err)
				}
				outcomes[as.Outcome.ID] = true
				checkOutcomeEnv(t, g, as)
			}
			t.Logf("%d sets of answers, %d outcomes reached", len(inputs), len(outcomes))
		})
	}
}

func checkOutcomeEnv(t *testing.T, g *guidelines.Guideline, as *Assessment) {
	t.Helper()
	full := fullOutcomeEnv(g, as)
	ev := g.NewEvaluator()
	var outcome *guidelines.Outcome
	for _, o := range g.Scoring.Outcomes {
		want, werr := ev.Eval(o.When, full)
		got, gerr := ev.Eval(o.When, as.OutcomeEnv)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Fatalf("outcome %s: %v (%v) in Score's environment, %v (%v) in the full one", o.ID, got, gerr, want, werr)
		}
		if want && outcome == nil {
			outcome = o
		}
	}
	if outcome != as.Outcome {
		t.Fatalf("outcome %s, the full environment gives %s", as.Outcome.ID, outcome.ID)
	}
	full[guidelines.NameOutcome] = outcome.ID
	var referrals []*guidelines.Referral
	for _, r := range g.Referrals {
		var want bool
		var werr error
		if r.When != nil {
			want, werr = ev.Eval(r.When, full)
			got, gerr := ev.Eval(r.When, as.OutcomeEnv)
			if got != want || (gerr == nil) != (werr == nil) {
				t.Fatalf("referral %s: %v (%v) in Score's environment, %v (%v) in the full one", r.ID, got, gerr, want, werr)
			}
		}
		raised := slices.ContainsFunc(as.Flags, func(f FlagResult) bool { return slices.Contains(f.Flag.Refer, r.ID) })
		if raised || want {
			referrals = append(referrals, r)
		}
		if werr != nil && !raised && !slices.ContainsFunc(as.Unevaluated, func(u Unevaluated) bool { return u.ID == r.ID }) {
			t.Fatalf("referral %s failed (%v) but is not listed as unevaluated", r.ID, werr)
		}
	}
	if !slices.Equal(referrals, as.Referrals) {
		t.Fatalf("referrals %v, the full environment gives %v", referralIDs(as), referrals)
	}
}
