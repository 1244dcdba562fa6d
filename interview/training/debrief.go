package training

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// Status says how a trainee did on one indicator or flag.
type Status string

// Statuses of a debrief item.
const (
	Found  Status = "found"  // expected and found
	Missed Status = "missed" // expected, not found
	Extra  Status = "extra"  // found, not expected
)

// QuestionState says what became of a question in the trainee's interview.
type QuestionState string

// Question states.
const (
	StateAnswered   QuestionState = "answered"    // on the trainee's path and answered
	StateNotReached QuestionState = "not_reached" // off the trainee's path: never asked
	StateUnanswered QuestionState = "unanswered"  // on the path but left open
	// StateNotYet is a question an unfinished interview has not got to yet: at or past the
	// question it stands on, and past every question answered. Whether it is on the
	// trainee's path is not known yet.
	StateNotYet QuestionState = "not_yet"
)

// EvidenceRow is one question compared: the scenario's answer and the trainee's.
type EvidenceRow struct {
	Question *guidelines.Question
	// Scenario is the scenario's answer; InScenario is false when the scenario does not
	// answer the question, or the question is off the scenario's own path.
	Scenario   guidelines.Value
	InScenario bool
	// Trainee is the trainee's answer when State is StateAnswered.
	Trainee guidelines.Value
	State   QuestionState
	// Differs is true when the two answers are not the same answer (a question one side
	// answered and the other did not differs too).
	Differs bool
}

// Item is one indicator or flag of a debrief, with the questions behind it. For a missed
// item the rows that differ are the ones that made the difference.
type Item struct {
	ID        string
	Indicator *guidelines.Indicator // set for an indicator
	Flag      *guidelines.Flag      // set for a flag
	Status    Status
	Evidence  []EvidenceRow
	// Pending marks a missed item of an unfinished interview whose questions that make the
	// difference are all not reached yet: not missed, just not got to so far.
	Pending bool
}

// SectionTime is the time a trainee spent on one section's question screens.
type SectionTime struct {
	Section   *guidelines.Section
	Seconds   float64
	Questions int // questions of the section shown at least once
}

// Debrief compares one trainee's training session with the scenario it simulated.
type Debrief struct {
	Case *Case
	Code string // the session's case code (a training case: fictional)
	// Demo says the session is a demonstration (simulate --autoplay), not a trainee's.
	Demo bool
	// Status is the session's; Unfinished is true when it is not finished: the trainee's
	// outcome, indicators and flags are then those of the answers so far, provisional.
	Status     interview.Status
	Unfinished bool
	// Expected scores the scenario's answers; Trainee scores the session's.
	Expected, Trainee *indicators.Assessment
	// ExpectedOutcome is the scenario's expected outcome (nil if it names none).
	ExpectedOutcome *guidelines.Outcome
	OutcomeMatch    bool
	// Indicators and Flags list every expected item and every extra one: missed first,
	// then extra, then found, in file order within each.
	Indicators, Flags []Item
	// MissedUrgent lists the expected immediate flags the trainee missed: shown first.
	MissedUrgent []Item
	// OffPath lists the questions the scenario answers on its path that the trainee never
	// reached (StateNotReached) or left open (StateUnanswered), in file order.
	OffPath []EvidenceRow
	// NotYet lists the questions the scenario answers that an unfinished interview has not
	// got to yet (StateNotYet), in file order: not skipped, just not reached so far.
	NotYet []EvidenceRow
	// Different lists the questions both answered, differently, in file order.
	Different []EvidenceRow
	// Times holds the sections in file order whose questions were shown; Total sums them.
	Times []SectionTime
	Total float64

	// answers and traineeAnswers are the session's answers as recorded and as scored;
	// frontier is where an unfinished interview stands (notYetFrom).
	answers        map[string]guidelines.Value
	traineeAnswers guidelines.Answers
	frontier       int
}

// scoreWhole scores answers as the interview does: a condition of the guideline that fails
// while it runs leaves its part out (Assessment.Unevaluated, which the debrief shows) and
// is no error, so a trainee whose interview showed a result gets a debrief too.
func scoreWhole(g *guidelines.Guideline, answers guidelines.Answers) (*indicators.Assessment, error) {
	a, err := indicators.Score(g, answers)
	var incomplete *indicators.IncompleteError
	if errors.As(err, &incomplete) {
		return a, nil
	}
	return a, err
}

// NewDebrief compares training session s with case c. The session must be of c's
// guideline (by id).
func NewDebrief(c *Case, s *interview.Session) (*Debrief, error) {
	g, sc := c.Guideline, c.Scenario
	if s.Guideline.ID != g.ID {
		return nil, fmt.Errorf("the session %s was run with the guideline %q, but the scenario %s is written for %q", s.Code, s.Guideline.ID, sc.ID, g.ID)
	}
	exp, err := scoreWhole(g, sc.Answers)
	if err != nil {
		return nil, fmt.Errorf("the scenario %s could not be scored: %w", sc.ID, err)
	}
	answers := s.AnswersFor(g)
	got, err := scoreWhole(g, answers)
	if err != nil {
		return nil, fmt.Errorf("the session %s could not be scored: %w", s.Code, err)
	}
	d := &Debrief{Case: c, Code: s.Code, Demo: s.Demo, Expected: exp, Trainee: got, ExpectedOutcome: g.Outcome(sc.Expected.Outcome)}
	d.OutcomeMatch = d.ExpectedOutcome != nil && got.Outcome.ID == d.ExpectedOutcome.ID
	d.Status, d.Unfinished = s.Status, s.Status != interview.StatusFinished
	d.answers, d.traineeAnswers, d.frontier = s.Answers.Values, answers, notYetFrom(g, s)
	row := d.row
	rows := func(names []string) []EvidenceRow {
		var out []EvidenceRow
		for _, q := range evidenceQuestions(g, names) {
			out = append(out, row(q))
		}
		return out
	}

	gotInd := map[string]bool{}
	for _, x := range got.Indicators {
		gotInd[x.Indicator.ID] = true
	}
	expInd := setOf(sc.Expected.Indicators)
	for _, in := range g.Indicators {
		st, ok := status(expInd[in.ID], gotInd[in.ID])
		if !ok {
			continue
		}
		names := in.Evidence
		if len(names) == 0 && in.When != nil {
			names = in.When.Names
		}
		it := Item{ID: in.ID, Indicator: in, Status: st, Evidence: rows(names)}
		it.Pending = pending(it)
		d.Indicators = append(d.Indicators, it)
	}
	gotFlag := map[string]bool{}
	for _, f := range got.Flags {
		gotFlag[f.Flag.ID] = true
	}
	expFlag := setOf(sc.Expected.Flags)
	for _, u := range guidelines.Urgencies {
		for _, f := range g.Flags {
			if f.Urgency != u {
				continue
			}
			st, ok := status(expFlag[f.ID], gotFlag[f.ID])
			if !ok {
				continue
			}
			var names []string
			if f.When != nil {
				names = f.When.Names
			}
			it := Item{ID: f.ID, Flag: f, Status: st, Evidence: rows(names)}
			it.Pending = pending(it)
			d.Flags = append(d.Flags, it)
			if st == Missed && !it.Pending && f.Urgency == guidelines.Immediate {
				d.MissedUrgent = append(d.MissedUrgent, it)
			}
		}
	}
	sortItems(d.Indicators)
	sortItems(d.Flags)

	for _, q := range g.Questions {
		r := row(q)
		if !r.InScenario {
			continue
		}
		switch {
		case r.State == StateNotYet:
			d.NotYet = append(d.NotYet, r)
		case r.State != StateAnswered:
			d.OffPath = append(d.OffPath, r)
		case r.Differs:
			d.Different = append(d.Different, r)
		}
	}

	for _, sec := range g.Sections {
		st := SectionTime{Section: sec}
		for _, q := range sec.Questions {
			if t := s.Timings[q.ID]; t != nil && (t.Visits > 0 || t.Seconds > 0) {
				st.Seconds += t.Seconds
				st.Questions++
			}
		}
		if st.Questions > 0 {
			d.Times = append(d.Times, st)
			d.Total += st.Seconds
		}
	}
	return d, nil
}

// row compares the scenario's answer to q with the trainee's.
func (d *Debrief) row(q *guidelines.Question) EvidenceRow {
	r := EvidenceRow{Question: q}
	if d.Expected.Applies[q.Index] {
		r.Scenario, r.InScenario = d.Case.Scenario.Answers.Values[q.ID]
	}
	v, answered := d.answers[q.ID]
	switch {
	case answered && d.Trainee.Applies[q.Index]:
		r.State, r.Trainee = StateAnswered, v
	case q.Index >= d.frontier:
		r.State = StateNotYet
	case !d.Trainee.Applies[q.Index]:
		r.State = StateNotReached
	default:
		r.State = StateUnanswered
	}
	r.Differs = r.InScenario != (r.State == StateAnswered) || (r.InScenario && !r.Scenario.Equal(r.Trainee))
	return r
}

// notYetFrom returns the index of the first question an unfinished interview has not got
// to yet: the question it stands on, or past the last question answered if that is further
// (after going back). For a finished interview, or one past its questions, no question is
// "not yet": len(g.Questions).
func notYetFrom(g *guidelines.Guideline, s *interview.Session) int {
	n := len(g.Questions)
	if s.Status == interview.StatusFinished {
		return n
	}
	switch s.Position.Stage {
	case interview.StageReview, interview.StageResult, interview.StageDone:
		return n
	}
	from := 0
	if q := g.Question(s.Position.Question); q != nil {
		from = q.Index
	}
	for id := range s.Answers.Values {
		if q := g.Question(id); q != nil && q.Index+1 > from {
			from = q.Index + 1
		}
	}
	return from
}

// pending reports whether missed item it is only not reached yet: every question that
// makes the difference is one an unfinished interview has not got to.
func pending(it Item) bool {
	if it.Status != Missed {
		return false
	}
	n := 0
	for _, r := range it.Evidence {
		if !r.Differs {
			continue
		}
		if r.State != StateNotYet {
			return false
		}
		n++
	}
	return n > 0
}

// status maps expected/found to a Status; ok is false for an item neither expected nor
// found.
func status(expected, found bool) (Status, bool) {
	switch {
	case expected && found:
		return Found, true
	case expected:
		return Missed, true
	case found:
		return Extra, true
	}
	return "", false
}

// sortItems puts missed items first, then extra, then found, keeping the file order (or
// urgency order) within each: what the group should discuss comes first.
func sortItems(items []Item) {
	rank := map[Status]int{Missed: 0, Extra: 1, Found: 2}
	slices.SortStableFunc(items, func(a, b Item) int { return rank[a.Status] - rank[b.Status] })
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// evidenceQuestions returns the questions names refers to, in order, each once. The name
// "profile" stands for the questions the profile conditions read (age, for instance):
// a flag or an outcome that depends on the profile depends on them.
func evidenceQuestions(g *guidelines.Guideline, names []string) []*guidelines.Question {
	var out []*guidelines.Question
	seen := map[string]bool{}
	var add func(names []string)
	add = func(names []string) {
		for _, n := range names {
			if seen[n] {
				continue
			}
			seen[n] = true
			if n == guidelines.NameProfile {
				for _, p := range g.Profiles {
					if p.When != nil {
						add(p.When.Names)
					}
				}
				continue
			}
			if q := g.Question(n); q != nil {
				out = append(out, q)
			}
		}
	}
	add(names)
	return out
}

// Render writes the debrief in format (text, md or html) with labels in uiLang; the
// guideline's texts are in uiLang when the guideline has it.
func (d *Debrief) Render(w io.Writer, format, uiLang string) error {
	return d.document(uiLang).render(w, format)
}

// debriefText holds what every debrief layout needs to render texts.
type debriefText struct {
	g    *guidelines.Guideline
	l    *locales.Localizer
	lang string // content language
}

func newDebriefText(g *guidelines.Guideline, uiLang string) debriefText {
	return debriefText{g: g, l: locales.New(uiLang), lang: g.ContentLang(uiLang)}
}

func (t debriefText) T(id string, data map[string]any) string { return t.l.T(id, data) }

func (t debriefText) question(q *guidelines.Question) string { return txt(q.Text, t.lang) }

func (t debriefText) value(q *guidelines.Question, v guidelines.Value) string {
	return valueText(q, v, t.lang, t.l)
}

// scenarioSide renders the scenario's side of a row.
func (t debriefText) scenarioSide(r EvidenceRow) string {
	if !r.InScenario {
		return t.T("train.debrief.not_in_scenario", nil)
	}
	return t.value(r.Question, r.Scenario)
}

// traineeSide renders the trainee's side of a row.
func (t debriefText) traineeSide(r EvidenceRow) string {
	switch r.State {
	case StateNotReached:
		return t.T("train.debrief.not_asked", nil)
	case StateUnanswered:
		return t.T("train.debrief.not_answered", nil)
	case StateNotYet:
		return t.T("train.debrief.not_yet_answer", nil)
	}
	return t.value(r.Question, r.Trainee)
}

func (t debriefText) outcome(o *guidelines.Outcome) string {
	if o == nil {
		return "—"
	}
	return txt(o.Text, t.lang)
}

func (t debriefText) profile(id string) string {
	for _, p := range t.g.Profiles {
		if p.ID == id {
			return txt(p.Text, t.lang)
		}
	}
	return id
}

func (t debriefText) itemText(it Item) string {
	if it.Indicator != nil {
		return txt(it.Indicator.Text, t.lang)
	}
	return txt(it.Flag.Text, t.lang)
}

func (t debriefText) mark(st Status) string { return t.T("train.debrief.mark."+string(st), nil) }

func (d *Debrief) document(uiLang string) *document {
	g, sc := d.Case.Guideline, d.Case.Scenario
	t := newDebriefText(g, uiLang)
	doc := &document{
		Lang:   uiLang,
		Title:  t.T("train.debrief.title", map[string]any{"Title": txt(sc.Title, t.lang)}),
		Banner: t.T("common.training_banner", nil),
	}
	doc.p(t.T("train.debrief.about", map[string]any{"Code": d.Code, "Scenario": sc.ID, "Guideline": g.ID, "Version": g.Version}))
	if d.Demo {
		doc.alert(t.T("train.debrief.demo_label", nil), t.T("train.debrief.demo", nil))
	}
	// Before anything else is read as a verdict: an unfinished interview's is provisional.
	if d.Unfinished {
		doc.alert(t.T("train.debrief.unfinished_label", nil), t.T("train.debrief.unfinished", map[string]any{"Status": msgOr(t.l, "train.status."+string(d.Status), string(d.Status))}))
	}

	// A part of the guideline that could not be evaluated leaves the comparison incomplete:
	// said before the outcome, with why, for the guideline's authors.
	for _, a := range []*indicators.Assessment{d.Trainee, d.Expected} {
		for _, u := range a.Unevaluated {
			doc.alert(t.T("score.unevaluated", nil), u.Kind+" “"+u.ID+"”: "+textsafe.Line(u.Reason(t.l)))
		}
		if len(a.Unevaluated) > 0 {
			break // the trainee's, else the scenario's: one list, not the same failures twice
		}
	}

	// An urgent flag the trainee missed comes before anything else, loudly.
	for _, it := range d.MissedUrgent {
		doc.alert(t.T("train.debrief.missed_urgent", nil), t.itemText(it))
	}

	doc.h(2, t.T("train.debrief.outcome", nil))
	mark := t.T("train.debrief.mark.match", nil)
	if !d.OutcomeMatch {
		mark = t.T("train.debrief.mark.differs", nil)
	}
	line := "train.debrief.outcome_line"
	if d.OutcomeMatch {
		line = "train.debrief.outcome_same"
	}
	if d.Unfinished {
		mark, line = t.T("train.debrief.mark.provisional", nil), "train.debrief.outcome_so_far"
	}
	doc.list([]item{{Mark: mark, Text: t.T(line, map[string]any{"Reached": t.outcome(d.Trainee.Outcome), "Expected": t.outcome(d.ExpectedOutcome)})}})
	if d.Expected.Profile != d.Trainee.Profile {
		doc.p(t.T("train.debrief.profile_differs", map[string]any{"Reached": t.profile(d.Trainee.Profile), "Expected": t.profile(d.Expected.Profile)}))
	}
	if w := d.Why(); w != nil {
		d.whyBlocks(doc, t, w)
	}

	items := func(list []Item) []item {
		var out []item
		for _, it := range list {
			x := item{Mark: t.mark(it.Status), Text: t.itemText(it)}
			switch {
			case it.Pending:
				x.Mark = t.T("train.debrief.mark.not_yet", nil)
			case it.Flag != nil && it.Flag.Urgency == guidelines.Immediate && it.Status == Missed:
				x.Mark = t.T("train.debrief.missed_urgent", nil)
			}
			for _, r := range it.Evidence {
				// A found item shows the trainee's answers; a missed or extra one the rows
				// that made the difference (all rows when none differs: the profile did).
				if it.Status != Found && !r.Differs && anyDiffers(it.Evidence) {
					continue
				}
				data := map[string]any{"Question": t.question(r.Question), "Scenario": t.scenarioSide(r), "Trainee": t.traineeSide(r)}
				key := "train.debrief.ev.both"
				if it.Status == Found {
					key = "train.debrief.ev.trainee"
				}
				x.Sub = append(x.Sub, t.T(key, data))
			}
			out = append(out, x)
		}
		return out
	}
	count := func(list []Item, st Status) int {
		n := 0
		for _, it := range list {
			if it.Status == st {
				n++
			}
		}
		return n
	}
	summary := func(list []Item) string {
		data := map[string]any{"Found": count(list, Found), "Expected": count(list, Found) + count(list, Missed), "Missed": count(list, Missed), "Extra": count(list, Extra)}
		if !d.Unfinished {
			return t.T("train.debrief.counts", data)
		}
		notYet := 0
		for _, it := range list {
			if it.Pending {
				notYet++
			}
		}
		data["Missed"], data["NotYet"] = count(list, Missed)-notYet, notYet
		return t.T("train.debrief.counts_so_far", data)
	}

	doc.h(2, t.T("train.debrief.indicators", nil))
	doc.p(summary(d.Indicators))
	doc.list(items(d.Indicators))

	doc.h(2, t.T("train.debrief.flags", nil))
	doc.p(summary(d.Flags))
	doc.list(items(d.Flags))

	// questions lists rows by question, each with its section and both answers.
	questions := func(heading string, rows []EvidenceRow) {
		doc.h(2, t.T(heading, nil))
		var its []item
		for _, r := range rows {
			its = append(its, item{Text: t.question(r.Question), Sub: []string{t.T("train.debrief.ev.section", map[string]any{"Section": txt(r.Question.Section.Title, t.lang), "Scenario": t.scenarioSide(r), "Trainee": t.traineeSide(r)})}})
		}
		doc.listOr(t.T("train.debrief.none", nil), its)
	}
	questions("train.debrief.off_path", d.OffPath)
	if d.Unfinished {
		questions("train.debrief.not_yet", d.NotYet)
	}

	doc.h(2, t.T("train.debrief.different", nil))
	var diff []item
	for _, r := range d.Different {
		diff = append(diff, item{Text: t.question(r.Question), Sub: []string{t.T("train.debrief.ev.answers", map[string]any{"Scenario": t.scenarioSide(r), "Trainee": t.traineeSide(r)})}})
	}
	doc.listOr(t.T("train.debrief.none", nil), diff)

	doc.h(2, t.T("train.debrief.time", nil))
	tb := &table{Head: []string{t.T("train.col.section", nil), t.T("train.col.time", nil), t.T("train.col.questions", nil)}, Right: []bool{false, true, true}}
	for _, st := range d.Times {
		tb.Rows = append(tb.Rows, []string{txt(st.Section.Title, t.lang), duration(st.Seconds), fmt.Sprint(st.Questions)})
	}
	if len(tb.Rows) == 0 {
		doc.p(t.T("train.debrief.no_times", nil))
	} else {
		tb.Rows = append(tb.Rows, []string{t.T("train.col.total", nil), duration(d.Total), ""})
	}
	doc.table(tb)
	return doc
}

func anyDiffers(rows []EvidenceRow) bool {
	for _, r := range rows {
		if r.Differs {
			return true
		}
	}
	return false
}

// whyBlocks lays out why the outcome differs: the answers that explain it first (the
// teaching point), then the dimensions and referrals side by side.
func (d *Debrief) whyBlocks(doc *document, t debriefText, w *Why) {
	doc.h(3, t.T("train.why.title", nil))
	counts := func(r indicators.DimensionResult) string {
		key := "train.why.dim_negative"
		if r.Positive {
			key = "train.why.dim_positive"
		}
		return t.T(key, map[string]any{"Strong": r.Strong, "Medium": r.Medium, "Weak": r.Weak})
	}
	if len(w.Change) == 0 {
		doc.p(t.T("train.why.no_change", nil))
	} else {
		key := "train.why.change_fewest"
		if !w.Fewest {
			key = "train.why.change_minimal"
		}
		doc.p(t.l.N(key, len(w.Change), nil))
		var its []item
		for _, r := range w.Change {
			its = append(its, item{Text: t.question(r.Question), Sub: []string{t.T("train.why.change_row", map[string]any{"Trainee": t.traineeSide(r), "Scenario": t.scenarioSide(r)})}})
		}
		doc.list(its)
		// The dimensions the change turns are the reason in the guideline's terms.
		var dims []string
		for i, p := range w.Dimensions {
			if w.Changed == nil || w.Changed.Dimensions[i].Positive == p.Trainee.Positive {
				continue
			}
			dims = append(dims, t.T("train.why.dimension_turns", map[string]any{"Dimension": txt(p.Dimension.Text, t.lang), "Trainee": counts(p.Trainee), "Changed": counts(w.Changed.Dimensions[i])}))
		}
		for _, s := range dims {
			doc.p(s)
		}
	}

	tb := &table{Head: []string{t.T("train.why.col_dimension", nil), t.T("train.why.col_trainee", nil), t.T("train.why.col_scenario", nil), ""}}
	for _, p := range w.Dimensions {
		mark := ""
		if p.Differs() {
			mark = t.T("train.debrief.mark.differs", nil)
		}
		tb.Rows = append(tb.Rows, []string{txt(p.Dimension.Text, t.lang), counts(p.Trainee), counts(p.Expected), mark})
	}
	doc.table(tb)

	if len(w.Referrals) > 0 {
		rt := &table{Head: []string{t.T("train.why.col_referral", nil), t.T("train.why.col_trainee", nil), t.T("train.why.col_scenario", nil)}}
		side := func(b bool) string {
			if b {
				return t.T("train.why.referred", nil)
			}
			return "—"
		}
		for _, p := range w.Referrals {
			rt.Rows = append(rt.Rows, []string{txt(p.Referral.Name, t.lang), side(p.Trainee), side(p.Expected)})
		}
		doc.table(rt)
	}
}
