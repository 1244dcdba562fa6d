package training

import (
	"errors"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// whyBudget bounds the scorings spent looking for the fewest answers that explain an
// outcome (a scoring of the shipped guideline takes a fraction of a millisecond): enough to
// try every single answer and every pair of a typical session, and a debrief still prints
// at once.
const whyBudget = 600

// Why explains an outcome that differs from the scenario's: the dimensions and referrals
// side by side, and the fewest of the trainee's answers that, recorded as the scenario has
// them, give the expected outcome.
type Why struct {
	// Dimensions holds every dimension of the guideline, in file order.
	Dimensions []DimensionPair
	// Referrals holds every referral either side reached, in file order.
	Referrals []ReferralPair
	// Change lists the answers to change, in file order; empty when no set of the
	// differing answers gives the expected outcome (the scenario's own answers then do
	// not either, or a stale answer off the path weighs in).
	Change []EvidenceRow
	// Fewest is true when no smaller set of answers would do (every smaller set was
	// tried); false when Change was only pared down until no answer of it could be
	// left out, there being too many differing answers to try every set.
	Fewest bool
	// Changed is the assessment of the trainee's answers with Change applied: the
	// dimensions it turns positive or not are the ones that explain the outcome.
	Changed *indicators.Assessment
}

// DimensionPair is one dimension as the trainee's answers and the scenario's give it.
type DimensionPair struct {
	Dimension         *guidelines.Dimension
	Trainee, Expected indicators.DimensionResult
}

// Differs reports whether the two sides disagree on the dimension being positive.
func (p DimensionPair) Differs() bool { return p.Trainee.Positive != p.Expected.Positive }

// ReferralPair is one referral and which side reached it.
type ReferralPair struct {
	Referral          *guidelines.Referral
	Trainee, Expected bool
}

// Why explains an outcome that differs from the expected one; nil when the outcomes match,
// the scenario expects none, or the interview is unfinished (its outcome is provisional,
// and the questions not reached yet are the reason).
func (d *Debrief) Why() *Why {
	if d.OutcomeMatch || d.ExpectedOutcome == nil || d.Unfinished {
		return nil
	}
	g := d.Case.Guideline
	w := &Why{}
	for i, dim := range d.Expected.Dimensions {
		w.Dimensions = append(w.Dimensions, DimensionPair{Dimension: dim.Dimension, Trainee: d.Trainee.Dimensions[i], Expected: dim})
	}
	exp, got := referralSet(d.Expected), referralSet(d.Trainee)
	for _, r := range g.Referrals {
		if exp[r.ID] || got[r.ID] {
			w.Referrals = append(w.Referrals, ReferralPair{Referral: r, Trainee: got[r.ID], Expected: exp[r.ID]})
		}
	}
	w.Change, w.Changed, w.Fewest = d.smallestChange()
	return w
}

func referralSet(a *indicators.Assessment) map[string]bool {
	m := make(map[string]bool, len(a.Referrals))
	for _, r := range a.Referrals {
		m[r.ID] = true
	}
	return m
}

// smallestChange looks for the fewest differing answers that, recorded as the scenario
// has them, give the expected outcome: every set of one answer, then of two, and so on
// while the budget lasts; then, if none was found, all the differing answers at once, left
// out one by one while the outcome holds. A question is "differing" as in the debrief's
// rows: answered on one side and not the other, or answered differently.
func (d *Debrief) smallestChange() ([]EvidenceRow, *indicators.Assessment, bool) {
	g, want := d.Case.Guideline, d.ExpectedOutcome.ID
	var cands []EvidenceRow
	for _, q := range g.Questions {
		if r := d.row(q); r.Differs {
			cands = append(cands, r)
		}
	}
	base := d.traineeAnswers
	tries := 0
	try := func(set []int) *indicators.Assessment {
		tries++
		a := guidelines.NewAnswers()
		for id, v := range base.Values {
			a.Values[id] = v
		}
		for _, i := range set {
			r := cands[i]
			if r.InScenario {
				a.Values[r.Question.ID] = r.Scenario
			} else {
				delete(a.Values, r.Question.ID)
			}
		}
		as, err := indicators.Score(g, a)
		var inc *indicators.IncompleteError
		if as == nil || (err != nil && !errors.As(err, &inc)) || as.Outcome == nil || as.Outcome.ID != want {
			return nil
		}
		return as
	}
	rows := func(set []int) []EvidenceRow {
		out := make([]EvidenceRow, len(set))
		for i, k := range set {
			out[i] = cands[k]
		}
		return out
	}

	n := len(cands)
	for k := 1; k <= n; k++ {
		if tries+binomial(n, k) > whyBudget {
			break
		}
		set := make([]int, k)
		for i := range set {
			set[i] = i
		}
		for {
			if as := try(set); as != nil {
				return rows(set), as, true
			}
			if !nextCombination(set, n) {
				break
			}
		}
	}

	// Too many to try every set: start from all of them and leave out, last first, every
	// answer the outcome does not need. The result is minimal (no answer of it can go), not
	// necessarily the fewest.
	set := make([]int, n)
	for i := range set {
		set[i] = i
	}
	best := try(set)
	if best == nil {
		return nil, nil, false
	}
	for i := n - 1; i >= 0; i-- {
		without := make([]int, 0, len(set)-1)
		for _, k := range set {
			if k != i {
				without = append(without, k)
			}
		}
		if as := try(without); as != nil {
			set, best = without, as
		}
	}
	return rows(set), best, false
}

// nextCombination advances set, k increasing indices below n, to the next combination in
// lexicographic order; false after the last.
func nextCombination(set []int, n int) bool {
	k := len(set)
	i := k - 1
	for i >= 0 && set[i] == n-k+i {
		i--
	}
	if i < 0 {
		return false
	}
	set[i]++
	for j := i + 1; j < k; j++ {
		set[j] = set[j-1] + 1
	}
	return true
}

// binomial returns n choose k, capped far above any budget so it never overflows.
func binomial(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > 1<<30 {
			return 1 << 30
		}
	}
	return r
}
