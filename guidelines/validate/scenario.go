// Package validate holds the checks of validate that need a guideline's answers scored:
// a scenario must reach the result its expected block states, since a trainee who types
// exactly its answers is told whether they reached that result.
package validate

import (
	"errors"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// Codes lists the finding codes this package reports, sorted. Each has a message
// "diag.<code>" in every locale file.
var Codes = []string{
	"scenario_not_evaluated", "scenario_not_listed", "scenario_not_reached",
	"scenario_outcome", "scenario_unanswered",
}

// Scenario scores s's answers with g and reports every difference from s's expected block,
// each at the expected entry it contradicts: another outcome, a listed indicator, flag,
// referral or positive dimension that the answers do not give (at the id), and one they
// give that is not listed (at the list's key). Referrals and dimensions are compared only
// when the block lists them. Questions on the scenario's own path that it leaves
// unanswered are one warning: a trainee playing it would have no answer to give.
//
// s must have passed guidelines.CheckScenario against g, which types its answers.
func Scenario(s *guidelines.Scenario, g *guidelines.Guideline) guidelines.Diagnostics {
	var ds guidelines.Diagnostics
	add := func(sev guidelines.Severity, code string, p guidelines.Pos, args map[string]any) {
		ds = append(ds, guidelines.Diagnostic{File: s.File, Pos: p, Severity: sev, Code: code, Args: args})
	}
	exp := s.Expected
	a, err := indicators.Score(g, s.Answers)
	var inc *indicators.IncompleteError
	switch {
	case errors.As(err, &inc):
		for _, part := range inc.Parts {
			add(guidelines.SevError, "scenario_not_evaluated", exp.Pos, map[string]any{"Kind": part.Kind, "ID": part.ID, "Error": reason(part.Err)})
		}
	case err != nil:
		add(guidelines.SevError, "scenario_not_evaluated", exp.Pos, map[string]any{"Kind": "guideline", "ID": g.ID, "Error": reason(err)})
		return ds
	}

	if a.Outcome.ID != exp.Outcome {
		add(guidelines.SevError, "scenario_outcome", exp.OutcomePos, map[string]any{"Got": a.Outcome.ID, "Want": exp.Outcome})
	}
	var got []string
	for _, x := range a.Indicators {
		got = append(got, x.Indicator.ID)
	}
	diffSet(add, exp, "indicators", got, exp.Indicators, exp.IndicatorPos)
	got = nil
	for _, f := range a.Flags {
		got = append(got, f.Flag.ID)
	}
	diffSet(add, exp, "flags", got, exp.Flags, exp.FlagPos)
	if exp.Referrals != nil {
		got = nil
		for _, r := range a.Referrals {
			got = append(got, r.ID)
		}
		diffSet(add, exp, "referrals", got, exp.Referrals, exp.ReferralPos)
	}
	if exp.Dimensions != nil {
		got = nil
		for _, d := range a.Dimensions {
			if d.Positive {
				got = append(got, d.Dimension.ID)
			}
		}
		diffSet(add, exp, "dimensions", got, exp.Dimensions, exp.DimensionPos)
	}

	var missing []string
	for _, q := range g.Questions {
		if a.Applies[q.Index] {
			if _, ok := s.Answers.Values[q.ID]; !ok {
				missing = append(missing, q.ID+" ("+g.Number(q)+")")
			}
		}
	}
	if len(missing) > 0 {
		add(guidelines.SevWarning, "scenario_unanswered", s.AnswersAt(), map[string]any{"List": strings.Join(missing, ", ")})
	}
	return ds
}

// diffSet reports each id of want that got lacks, at the id, and each id of got that want
// lacks, at the key of the list (or of the expected block when the list is left out).
func diffSet(add func(guidelines.Severity, string, guidelines.Pos, map[string]any), exp guidelines.Expected, key string, got, want []string, at map[string]guidelines.Pos) {
	field := "expected." + key
	for _, id := range want {
		if !slices.Contains(got, id) {
			add(guidelines.SevError, "scenario_not_reached", at[id], map[string]any{"ID": id, "Field": field})
		}
	}
	listAt, ok := exp.KeyPos[key]
	if !ok {
		listAt = exp.Pos
	}
	for _, id := range got {
		if !slices.Contains(want, id) {
			add(guidelines.SevError, "scenario_not_listed", listAt, map[string]any{"ID": id, "Field": field})
		}
	}
}

// reason is why a condition failed, in the reader's language when the failure is one of
// the file's conditions.
func reason(err error) any {
	var re *guidelines.RuntimeError
	if errors.As(err, &re) {
		return re.Reason()
	}
	return guidelines.Phrase{ID: "diag.reason.detail", Args: map[string]any{"Detail": err.Error()}}
}
