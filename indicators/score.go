package indicators

import (
	"errors"
	"fmt"
	"slices"

	"github.com/earlyid/earlyid/guidelines"
)

// Assessment is the scored result of one set of answers against one guideline, with the
// evidence behind every indicator. It points into the guideline, so a renderer can show any
// text in any of its languages.
type Assessment struct {
	Guideline *guidelines.Guideline
	// Profile is the person's profile id ("" when the guideline declares no profiles).
	Profile string
	// Outcome is the first outcome whose condition holds; never nil for a valid guideline,
	// whose last outcome is `when: "true"`.
	Outcome *guidelines.Outcome
	// Dimensions holds every dimension, in file order.
	Dimensions []DimensionResult
	// Indicators holds the present indicators, in file order.
	Indicators []IndicatorResult
	// Flags holds the raised flags: immediate first, then priority, then context; file order
	// within each urgency.
	Flags []FlagResult
	// Referrals holds the referrals whose condition holds and those any raised flag refers
	// to, in file order, each once.
	Referrals []*guidelines.Referral
	// Strong, Medium and Weak count the present indicators by strength (for the profile).
	Strong, Medium, Weak int
	// Applies reports, by question index, whether the question applies (guidelines.Resolve).
	Applies []bool
	// Unknown and Declined list, in file order, the applying questions answered "unknown"
	// (don't know) or "declined" (prefer not to answer).
	Unknown, Declined []string
	// Ignored lists, in file order, the answered questions that do not apply: their answers
	// are kept in the answers but play no part in the result.
	Ignored []string
	// AnswersEnv is the environment the answer-scope conditions ran in: every question as
	// conditions see it (not asked, unless it applies and was answered) and profile
	// (guidelines.Resolution.Env). The privacy condition of the summary runs in it.
	AnswersEnv map[string]any
	// OutcomeEnv is the environment the outcome and referral conditions ran in: every name
	// those conditions use, with the value the format gives it (see outcomeEnv), and
	// outcome. A part of the outcome's rule, compiled with guidelines.Compiler in
	// ScopeOutcome, runs in it as the whole rule did; the summary says why the outcome
	// holds that way.
	OutcomeEnv map[string]any
	// Unevaluated lists, in the order scoring met them, the indicators, flags, outcomes
	// and referrals whose condition failed while it ran. Each counts as not holding, so
	// the result is still whole; a reader must be shown which parts it lacks and why.
	Unevaluated []Unevaluated
}

// Unevaluated is a part of the guideline whose condition could not be evaluated.
type Unevaluated struct {
	// Kind is the format's word for the part: "indicator", "flag", "outcome" or "referral".
	Kind string
	ID   string
	// Err is the failure; with a condition of the file, a *guidelines.RuntimeError.
	Err error
}

// IncompleteError is Score's error when some conditions failed while they ran: the
// assessment is returned with it, complete but for the parts it lists.
type IncompleteError struct {
	Parts []Unevaluated
}

// Error names the parts in English, for logs.
func (e *IncompleteError) Error() string {
	msg := "some conditions could not be evaluated, so the result leaves out"
	for i, p := range e.Parts {
		if i > 0 {
			msg += ","
		}
		msg += fmt.Sprintf(" %s %q (%v)", p.Kind, p.ID, p.Err)
	}
	return msg
}

// Unwrap gives each part's failure, so errors.As finds the first *guidelines.RuntimeError.
func (e *IncompleteError) Unwrap() []error {
	out := make([]error, len(e.Parts))
	for i, p := range e.Parts {
		out[i] = p.Err
	}
	return out
}

// DimensionResult is one dimension (ILO element) with the present indicators counted by
// strength and whether any element_positive combination is met.
type DimensionResult struct {
	Dimension            *guidelines.Dimension
	Positive             bool
	Strong, Medium, Weak int
}

// IndicatorResult is one present indicator, with its strength for the person's profile and
// the answers that support it.
type IndicatorResult struct {
	Indicator *guidelines.Indicator
	Strength  guidelines.Strength
	Evidence  []Evidence
}

// Evidence is one question behind an indicator: the answer as given (when the question
// applies and was answered) and the interviewer's note on it.
type Evidence struct {
	Question *guidelines.Question
	Answer   guidelines.Value
	// Answered is false when the question applies but has no answer: the indicator's
	// condition names it, but it did not contribute an answer.
	Answered bool
	Note     string
	// NoteBy is who wrote Note (guidelines.NoteByPerson or NoteByInterviewer).
	NoteBy string
}

// FlagResult is one raised flag.
type FlagResult struct {
	Flag *guidelines.Flag
}

// Score turns answers into an assessment, as the guideline format defines it:
//
//  1. relevance (guidelines.Resolve, in file order): an answer to a question that does not
//     apply is ignored everywhere, conditions see that question as not asked;
//  2. indicators: present when the condition holds on the resolved answers and the
//     indicator has a strength for the person's profile;
//  3. dimensions: counts by strength, positive when any element_positive combination is met;
//  4. flags, in the answers scope plus profile;
//  5. the outcome: the first whose condition holds, with profile, dimension, indicator and
//     flag ids and the strong/medium/weak counts in scope;
//  6. referrals: those whose condition holds (with outcome in scope) plus those a raised flag
//     refers to.
//
// Score is pure and deterministic: the same guideline and answers always give the same
// assessment. A condition that fails while it runs is a bug in the guideline that validate
// should have refused; an interview must still end with a result, so an indicator, flag,
// outcome or referral whose condition fails counts as not holding, is listed in
// Assessment.Unevaluated, and Score returns the assessment together with an
// *IncompleteError. Only a failure in deciding which questions apply (or no outcome at all)
// leaves no assessment.
func Score(g *guidelines.Guideline, a guidelines.Answers) (*Assessment, error) {
	if g == nil {
		return nil, errors.New("cannot score: no guideline was given")
	}
	ev := g.NewEvaluator()
	res, err := g.Resolve(ev, a.Values)
	if err != nil {
		return nil, fmt.Errorf("cannot score the answers: deciding which questions apply failed: %w", err)
	}
	as := &Assessment{
		Guideline:  g,
		Profile:    res.Profile,
		Applies:    res.Applies,
		AnswersEnv: res.Env,
		Dimensions: make([]DimensionResult, len(g.Dimensions)),
	}
	classifyAnswers(g, res, as)

	// Dimensions by id, built per call: few entries, and it keeps Score independent of the
	// loader's lookup tables.
	dimIndex := make(map[string]int, len(g.Dimensions))
	for i, d := range g.Dimensions {
		dimIndex[d.ID] = i
		as.Dimensions[i].Dimension = d
	}

	present := make([]bool, len(g.Indicators))
	var evBuf []Evidence // backing array of every indicator's evidence (see evidence)
	for ii, in := range g.Indicators {
		// The condition runs first, for every profile: a condition that fails at run time is
		// a bug in the guideline whoever the person is, and most indicators are absent, so
		// the strength lookup is mostly skipped.
		holds, err := ev.Eval(in.When, res.Env)
		if err != nil {
			as.unevaluated("indicator", in.ID, err)
			continue
		}
		if !holds {
			continue
		}
		strength, ok := in.Strength[res.Profile]
		if !ok {
			continue // the indicator does not apply to this profile
		}
		present[ii] = true
		var ev []Evidence
		evBuf, ev = evidence(evBuf, in, a, res.Applies)
		as.Indicators = append(as.Indicators, IndicatorResult{
			Indicator: in,
			Strength:  strength,
			Evidence:  ev,
		})
		var dr *DimensionResult
		if di, ok := dimIndex[in.Dimension]; ok {
			dr = &as.Dimensions[di]
		}
		switch strength {
		case guidelines.Strong:
			as.Strong++
			if dr != nil {
				dr.Strong++
			}
		case guidelines.Medium:
			as.Medium++
			if dr != nil {
				dr.Medium++
			}
		case guidelines.Weak:
			as.Weak++
			if dr != nil {
				dr.Weak++
			}
		}
	}
	for i := range as.Dimensions {
		as.Dimensions[i].Positive = positive(g.Scoring.ElementPositive, &as.Dimensions[i])
	}

	// Flags run in the answers scope plus profile, before the outcome, which may name them.
	raised := make([]bool, len(g.Flags))
	for i, f := range g.Flags {
		holds, err := ev.Eval(f.When, res.Env)
		if err != nil {
			as.unevaluated("flag", f.ID, err)
			continue
		}
		raised[i] = holds
	}
	as.Flags = orderFlags(g.Flags, raised)

	env := outcomeEnv(g, res, as, present, raised)

	for _, o := range g.Scoring.Outcomes {
		holds, err := ev.Eval(o.When, env)
		if err != nil {
			as.unevaluated("outcome", o.ID, err)
			continue
		}
		if holds {
			as.Outcome = o
			break
		}
	}
	if as.Outcome == nil {
		// The validator requires the last outcome to be `when: "true"`; a guideline built
		// without it is a programming error, reported rather than left as a nil to trip on.
		return nil, fmt.Errorf("cannot score the answers: no outcome of guideline %q holds (the last outcome must be when: \"true\")", g.ID)
	}

	env[guidelines.NameOutcome] = as.Outcome.ID
	as.OutcomeEnv = env
	referred := make(map[string]bool)
	for _, f := range as.Flags {
		for _, id := range f.Flag.Refer {
			referred[id] = true
		}
	}
	for _, r := range g.Referrals {
		include := referred[r.ID]
		if !include && r.When != nil { // a referral without a condition comes only from flags
			holds, err := ev.Eval(r.When, env)
			if err != nil {
				as.unevaluated("referral", r.ID, err)
			}
			include = holds
		}
		if include {
			as.Referrals = append(as.Referrals, r)
		}
	}
	if len(as.Unevaluated) > 0 {
		return as, &IncompleteError{Parts: as.Unevaluated}
	}
	return as, nil
}

// unevaluated records a part whose condition failed.
func (as *Assessment) unevaluated(kind, id string, err error) {
	as.Unevaluated = append(as.Unevaluated, Unevaluated{Kind: kind, ID: id, Err: err})
}

// outcomeEnv builds the environment of outcome and referral conditions: a fresh map (the
// Resolution is left as Resolve made it) that gives every name those conditions use the
// value the format defines — answers as conditions see them, profile, dimension ids (bool:
// positive), indicator ids (bool: present), flag ids (bool: raised), strong/medium/weak.
//
// Only the names the conditions use are filled in (Guideline.OutcomeNames, worked out at
// load). A compiled condition reads nothing else from its environment, and copying every
// answer of a large guideline into a second map was most of the cost of Score (see
// BenchmarkScore). A condition that reads the whole environment through $env gets the full
// copy. present and raised are by index in the guideline's Indicators and Flags.
func outcomeEnv(g *guidelines.Guideline, res *guidelines.Resolution, as *Assessment, present, raised []bool) map[string]any {
	names := g.OutcomeNames()
	env := make(map[string]any, len(names)+5)
	env[guidelines.NameProfile] = res.Profile
	env[guidelines.NameStrong] = as.Strong
	env[guidelines.NameMedium] = as.Medium
	env[guidelines.NameWeak] = as.Weak
	for _, n := range names {
		switch {
		case n.Kind == guidelines.KindQuestion:
			env[n.Name] = res.Env[n.Name]
		case n.Index < 0:
			env[n.Name] = false
		case n.Kind == guidelines.KindDimension:
			env[n.Name] = as.Dimensions[n.Index].Positive
		case n.Kind == guidelines.KindIndicator:
			env[n.Name] = present[n.Index]
		case n.Kind == guidelines.KindFlag:
			env[n.Name] = raised[n.Index]
		}
	}
	return env
}

// classifyAnswers fills Unknown, Declined and Ignored, walking the questions in file order
// so the lists never depend on map order.
func classifyAnswers(g *guidelines.Guideline, res *guidelines.Resolution, as *Assessment) {
	for i, st := range res.Answered {
		if st == guidelines.NotAnswered {
			continue
		}
		id := g.Questions[i].ID
		switch {
		case !res.Applies[i]:
			as.Ignored = append(as.Ignored, id)
		case st == guidelines.AnsweredUnknown:
			as.Unknown = append(as.Unknown, id)
		case st == guidelines.AnsweredDeclined:
			as.Declined = append(as.Declined, id)
		}
	}
}

// evidence lists the questions behind a present indicator (its evidence list, or else the
// question ids its condition names, resolved at load), appending to buf so that one backing
// array serves every indicator of a Score call. Answers and notes of questions that do not
// apply are left out, as everywhere else.
func evidence(buf []Evidence, in *guidelines.Indicator, a guidelines.Answers, applies []bool) (all, these []Evidence) {
	start := len(buf)
	for _, q := range in.EvidenceQuestions() {
		e := Evidence{Question: q}
		if applies[q.Index] {
			e.Answer, e.Answered = a.Values[q.ID]
			e.Note = a.Notes[q.ID]
			if e.Note != "" {
				e.NoteBy = a.NoteAuthor(q.ID)
			}
		}
		buf = append(buf, e)
	}
	if len(buf) == start {
		return buf, nil
	}
	// A full slice expression, so a later append to buf never writes into these.
	return buf, buf[start:len(buf):len(buf)]
}

// positive reports whether any combination is met by d's counts; every minimum a
// combination names must hold (an unnamed strength has minimum 0).
func positive(combos []guidelines.Combination, d *DimensionResult) bool {
	for _, c := range combos {
		if d.Strong >= c.Strong && d.Medium >= c.Medium && d.Weak >= c.Weak {
			return true
		}
	}
	return false
}

// orderFlags returns the raised flags, most urgent first and in file order within one
// urgency. A flag with an urgency the format does not know (impossible after validation)
// comes last rather than being dropped.
func orderFlags(flags []*guidelines.Flag, raised []bool) []FlagResult {
	var out []FlagResult
	for _, u := range guidelines.Urgencies {
		for i, f := range flags {
			if raised[i] && f.Urgency == u {
				out = append(out, FlagResult{Flag: f})
			}
		}
	}
	for i, f := range flags {
		if raised[i] && !slices.Contains(guidelines.Urgencies, f.Urgency) {
			out = append(out, FlagResult{Flag: f})
		}
	}
	return out
}
