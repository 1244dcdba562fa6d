package indicators

import "testing"

// TestShippedScenariosCoverTheDefaultGuideline: the training scenarios of the default
// guideline are also its regression tests, so together they must reach every outcome,
// raise every flag, use both profiles (adult and child) and bring up every referral — a
// change to the guideline that makes one unreachable then fails here. At least one must
// end at the lowest outcome although its answers raise a risk flag (the "looks bad but is
// not" case), so trainees practise not over-reading a single sign.
func TestShippedScenariosCoverTheDefaultGuideline(t *testing.T) {
	t.Parallel()
	g := embeddedGuideline(t, "mixed-flows-md")
	lowest := g.Scoring.Outcomes[len(g.Scoring.Outcomes)-1].ID
	outcomes, flags, profiles, referrals := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	looksBad := ""
	n := 0
	for _, s := range scenarios(t) {
		if s.Guideline != g.ID {
			continue
		}
		n++
		a := mustScore(t, g, s.Answers)
		outcomes[a.Outcome.ID] = true
		profiles[a.Profile] = true
		for _, f := range a.Flags {
			flags[f.Flag.ID] = true
		}
		for _, r := range a.Referrals {
			referrals[r.ID] = true
		}
		if a.Outcome.ID == lowest && len(a.Flags) > 0 {
			looksBad = s.ID
		}
	}
	if n == 0 {
		t.Fatal("no shipped scenario for the default guideline")
	}
	for _, o := range g.Scoring.Outcomes {
		if !outcomes[o.ID] {
			t.Errorf("no shipped scenario reaches the outcome %s", o.ID)
		}
	}
	for _, f := range g.Flags {
		if !flags[f.ID] {
			t.Errorf("no shipped scenario raises the flag %s", f.ID)
		}
	}
	for _, p := range g.Profiles {
		if !profiles[p.ID] {
			t.Errorf("no shipped scenario has the profile %s", p.ID)
		}
	}
	for _, r := range g.Referrals {
		if !referrals[r.ID] {
			t.Errorf("no shipped scenario brings up the referral %s", r.ID)
		}
	}
	if looksBad == "" {
		t.Errorf("no shipped scenario reaches %s while raising a risk flag (the “looks bad but is not” case)", lowest)
	}
	if len(g.Profiles) < 2 {
		t.Errorf("the default guideline has %d profiles, want adult and child", len(g.Profiles))
	}
}
