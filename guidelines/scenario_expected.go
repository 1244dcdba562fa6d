package guidelines

import (
	"fmt"
	"strings"
)

// expectedMore reads what a scenario's expected block may add to the outcome, indicators
// and flags: the referrals that must be made and the dimensions that must be positive, and
// the position of every key. An empty list is kept as an empty, not a nil, slice: it says
// "none", where an absent key says "not checked".
func (l *loader) expectedMore(em *mapping, s *Scenario) {
	s.Expected.KeyPos = make(map[string]Pos, len(em.keys))
	for k, n := range em.keys {
		s.Expected.KeyPos[k] = posOf(n)
	}
	if _, ok := em.vals["referrals"]; ok {
		ids, nodes := l.strList(em.get("referrals"), "expected.referrals")
		s.Expected.Referrals = append([]string{}, ids...)
		s.Expected.ReferralPos = posMap(ids, nodes)
		l.repeatedIDs(nodes, "expected.referrals")
	}
	if _, ok := em.vals["dimensions"]; ok {
		ids, nodes := l.strList(em.get("dimensions"), "expected.dimensions")
		s.Expected.Dimensions = append([]string{}, ids...)
		s.Expected.DimensionPos = posMap(ids, nodes)
		l.repeatedIDs(nodes, "expected.dimensions")
	}
}

// checkExpectedMore reports expected referrals and dimensions that g does not have.
func (l *loader) checkExpectedMore(s *Scenario, g *Guideline) {
	for _, id := range s.Expected.Referrals {
		if g.Referral(id) == nil {
			ids := make([]string, len(g.Referrals))
			for i, r := range g.Referrals {
				ids[i] = r.ID
			}
			l.add(SevError, "unknown_referral", s.Expected.ReferralPos[id], kv("ID", id, "Suggestion", suggest(id, ids), "Expected", strings.Join(ids, ", ")))
		}
	}
	for _, id := range s.Expected.Dimensions {
		if g.Dimension(id) == nil {
			ids := make([]string, len(g.Dimensions))
			for i, d := range g.Dimensions {
				ids[i] = d.ID
			}
			l.add(SevError, "unknown_dimension", s.Expected.DimensionPos[id], kv("ID", id, "Suggestion", suggest(id, ids), "Expected", strings.Join(ids, ", ")))
		}
	}
}

// AnswersAt is the position of the scenario's answers block (of the scenario itself when it
// was not read from a file), where a finding about its answers as a whole points.
func (s *Scenario) AnswersAt() Pos {
	if s.src != nil && s.src.answers != nil {
		return posOf(s.src.answers)
	}
	return s.Pos
}

// Number is q's number as the preview shows it: its section's place and its own place in
// the section, both from 1 ("4.3"); "" for a question not in g.
func (g *Guideline) Number(q *Question) string {
	for si, s := range g.Sections {
		for qi, x := range s.Questions {
			if x == q {
				return fmt.Sprintf("%d.%d", si+1, qi+1)
			}
		}
	}
	return ""
}
