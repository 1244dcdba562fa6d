package training

import (
	"fmt"
	"slices"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
)

// Rescore compares, over the finished interviews of one guideline, the outcomes it gave with
// those another rule set (a guideline that shares its questions, such as
// mixed-flows-md-strict) gives to the same answers.
type Rescore struct {
	Guideline *guidelines.Guideline // the rule set the answers were scored with again
	// Finished counts the finished interviews scored again.
	Finished int
	// Cross counts them by the outcome of the interview's guideline and the outcome of this
	// rule set ([from, to], outcome ids).
	Cross map[[2]string]int
	// ByRules counts the interviews whose outcome changes although every question this rule
	// set needs was asked: the rules differ. ByUnasked counts those whose outcome changes
	// while the rule set needs questions the interview never asked: its outcome stands on
	// what was not asked, and is not to be read as the rule set's verdict.
	ByRules, ByUnasked int
	// Unasked counts, per question id of this rule set, the interviews that never asked a
	// question it needs (applies, under its rules, to the answers given). Nothing is guessed
	// for them: the answer is missing.
	Unasked map[string]int
}

// rescoreFact is one rule set's result for a session.
type rescoreFact struct {
	outcome string
	// indicators counts the rule set's indicators present, for the pilot's accuracy at
	// each count of them.
	indicators int
	unasked    []string // ids of the questions it needs that the session never asked
}

// sharesQuestions reports whether rule set r can score the answers of guideline g: another
// guideline with every question of g, by id and type.
func sharesQuestions(g, r *guidelines.Guideline) bool {
	if r.ID == g.ID {
		return false
	}
	for _, q := range g.Questions {
		if rq := r.Question(q.ID); rq == nil || rq.Type != q.Type {
			return false
		}
	}
	return true
}

// rescore scores vals, the answers of a session of g, with each rule set of rules that
// shares g's questions. timings are the session's, by question id: a question whose screen
// was shown was asked, answered or not (the person may have left it), so it is not among
// those the interview never asked.
func rescore(g *guidelines.Guideline, vals map[string]guidelines.Value, timings map[string]reportTiming, rules []*guidelines.Guideline) ([]rescoreFact, error) {
	var out []rescoreFact
	for _, r := range rules {
		if !sharesQuestions(g, r) {
			out = append(out, rescoreFact{})
			continue
		}
		clean := make(map[string]guidelines.Value, len(vals))
		for id, v := range vals {
			if q := r.Question(id); q != nil {
				if nv, err := interview.Validate(q, v); err == nil {
					clean[id] = nv
				}
			}
		}
		a, err := indicators.Score(r, guidelines.Answers{Values: clean})
		if err != nil {
			return nil, err
		}
		rf := rescoreFact{outcome: a.Outcome.ID, indicators: len(a.Indicators)}
		for _, q := range r.Questions {
			if _, ok := clean[q.ID]; !ok && a.Applies[q.Index] && timings[q.ID].Visits == 0 {
				rf.unasked = append(rf.unasked, q.ID)
			}
		}
		out = append(out, rf)
	}
	return out, nil
}

// addRescores counts f's rescores (finished interviews only) into gr.
func (gr *GuidelineReport) addRescores(f *fact, rules []*guidelines.Guideline) {
	if f.status != interview.StatusFinished {
		return
	}
	for i, rf := range f.rescored {
		if rf.outcome == "" {
			continue // a rule set that does not share this guideline's questions
		}
		rs := gr.rescore(rules[i])
		rs.Finished++
		rs.Cross[[2]string{f.outcome, rf.outcome}]++
		for _, id := range rf.unasked {
			rs.Unasked[id]++
		}
		switch {
		case rf.outcome == f.outcome:
		case len(rf.unasked) > 0:
			rs.ByUnasked++
		default:
			rs.ByRules++
		}
	}
}

func (gr *GuidelineReport) rescore(r *guidelines.Guideline) *Rescore {
	i := slices.IndexFunc(gr.Rescores, func(rs *Rescore) bool { return rs.Guideline == r })
	if i >= 0 {
		return gr.Rescores[i]
	}
	rs := &Rescore{Guideline: r, Cross: map[[2]string]int{}, Unasked: map[string]int{}}
	gr.Rescores = append(gr.Rescores, rs)
	return rs
}

// layoutRescores writes, for each rule set, the cross-table of outcomes (the guideline's in
// rows, the rule set's in columns), how many changed and why, and the questions it needed
// that interviews never asked.
func (gr *GuidelineReport) layoutRescores(doc *document, t reportText) {
	g := gr.Guideline
	for _, rs := range gr.Rescores {
		r := rs.Guideline
		doc.h(3, t.T("train.report.rescore.title", map[string]any{"Title": txt(r.Title, t.lang), "ID": r.ID}))
		doc.p(t.l.N("train.report.rescore.basis", rs.Finished, nil))
		head := []string{t.T("train.report.rescore.corner", nil)}
		right := []bool{false}
		for _, o := range r.Scoring.Outcomes {
			head = append(head, txt(o.Text, t.lang))
			right = append(right, true)
		}
		tb := &table{Head: head, Right: right}
		for _, from := range g.Scoring.Outcomes {
			row := []string{txt(from.Text, t.lang)}
			for _, to := range r.Scoring.Outcomes {
				row = append(row, fmt.Sprint(rs.Cross[[2]string{from.ID, to.ID}]))
			}
			tb.Rows = append(tb.Rows, row)
		}
		doc.table(tb)
		doc.p(t.T("train.report.rescore.changed", map[string]any{"Changed": rs.ByRules + rs.ByUnasked, "Count": rs.Finished, "Rules": rs.ByRules, "Unasked": rs.ByUnasked}))
		if len(rs.Unasked) == 0 {
			continue
		}
		doc.p(t.l.N("train.report.rescore.unasked", len(rs.Unasked), nil))
		var items []item
		for _, q := range r.Questions {
			if n := rs.Unasked[q.ID]; n > 0 {
				items = append(items, item{Text: fmt.Sprintf("%s · %s: %s", q.ID, txt(q.Text, t.lang), t.countCell(n, rs.Finished))})
			}
		}
		doc.list(items)
	}
}
