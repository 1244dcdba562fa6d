package guidelines

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// expectedMore reads what a scenario's expected block may add to the outcome, indicators
// and flags: the referrals that must be made and the dimensions that must be positive, and
// the position of every key. An empty list is kept as an empty, not a nil, slice: it says
// "none", where an absent key says "not checked". It reads the block's node itself (and
// m.get), not the mapping's index, so that it stands apart from how mappings are stored.
func (l *loader) expectedMore(em *mapping, s *Scenario) {
	s.Expected.KeyPos = map[string]Pos{}
	for i := 0; i+1 < len(em.n.Content); i += 2 {
		k := em.n.Content[i]
		if _, seen := s.Expected.KeyPos[k.Value]; k.Kind == yaml.ScalarNode && !seen {
			s.Expected.KeyPos[k.Value] = posOf(k)
		}
	}
	if _, ok := s.Expected.KeyPos["referrals"]; ok {
		ids, nodes := l.strList(em.get("referrals"), "expected.referrals")
		s.Expected.Referrals = append([]string{}, ids...)
		s.Expected.ReferralPos = posMap(ids, nodes)
		l.repeatedIDs(nodes, "expected.referrals")
	}
	if _, ok := s.Expected.KeyPos["dimensions"]; ok {
		ids, nodes := l.strList(em.get("dimensions"), "expected.dimensions")
		s.Expected.Dimensions = append([]string{}, ids...)
		s.Expected.DimensionPos = posMap(ids, nodes)
		l.repeatedIDs(nodes, "expected.dimensions")
	}
}

// checkExpectedMore reports expected referrals and dimensions that g does not have.
func (l *loader) checkExpectedMore(s *Scenario, g *Guideline) {
	refs := make([]string, len(g.Referrals))
	for i, r := range g.Referrals {
		refs[i] = r.ID
	}
	dims := make([]string, len(g.Dimensions))
	for i, d := range g.Dimensions {
		dims[i] = d.ID
	}
	l.unknownExpected(s.Expected.Referrals, s.Expected.ReferralPos, "unknown_referral", refs)
	l.unknownExpected(s.Expected.Dimensions, s.Expected.DimensionPos, "unknown_dimension", dims)
}

// unknownExpected reports, at its position, each of ids that is not among known.
func (l *loader) unknownExpected(ids []string, pos map[string]Pos, code string, known []string) {
	for _, id := range ids {
		if !slices.Contains(known, id) {
			l.add(SevError, code, pos[id], kv("ID", id, "Suggestion", suggest(id, known), "Expected", strings.Join(known, ", ")))
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
