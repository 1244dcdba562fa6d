package training

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// GroupDebrief sums up several trainees' sessions of one scenario: how many found each
// indicator and flag, where they ended, what they skipped and how long they took.
type GroupDebrief struct {
	Case *Case
	// Debriefs holds each trainee's debrief, in the order the sessions were given.
	Debriefs []*Debrief
	// Demos counts the demonstrations (simulate --autoplay) left out: the scenario playing
	// itself is no trainee.
	Demos int
	// Unfinished counts the sessions left out because they are not finished: where an
	// interview stopped part-way would end is not known, so its outcome and items would
	// count as misses that may not be.
	Unfinished int
	// Outcomes counts the outcomes reached, in the guideline's order (only those reached
	// and the expected one).
	Outcomes []OutcomeCount
	// Indicators and Flags list every expected item and every item some trainee raised
	// without it being expected, in file order (flags by urgency); Count is how many
	// trainees found it.
	Indicators, Flags []GroupItem
	// OffPath counts, per question the scenario answers on its path, how many trainees
	// did not answer it (never reached or left open); only questions with a count.
	OffPath []QuestionCount
	// Times holds the median time per section over the trainees who saw the section.
	Times       []GroupSectionTime
	MedianTotal float64
	// Trainees holds one row per trainee, unfinished ones included, those who need the
	// trainer's attention first (see attention).
	Trainees []TraineeRow
	// Different lists the questions trainees answered otherwise than the scenario, the
	// most often first (file order among equals), with the answers they gave instead.
	Different []GroupDifferent
}

// TraineeRow is one trainee at a glance.
type TraineeRow struct {
	Code string
	// Outcome is the outcome reached (provisional when Unfinished); OutcomeMatch says it
	// is the expected one.
	Outcome      *guidelines.Outcome
	OutcomeMatch bool
	// Missed and Extra count the indicators missed and raised without being expected;
	// UrgentMissed the expected immediate flags missed. An unfinished interview's counts
	// leave out what it has not got to yet.
	Missed, Extra, UrgentMissed int
	Unfinished                  bool
}

// GroupDifferent is one question some trainees answered otherwise than the scenario.
type GroupDifferent struct {
	Question *guidelines.Question
	Scenario guidelines.Value
	// Answers holds the answers given instead, the most often first.
	Answers []AnswerCount
	Count   int // trainees
}

// AnswerCount is an answer and how many trainees gave it.
type AnswerCount struct {
	Value guidelines.Value
	Count int
}

// OutcomeCount is how many trainees reached an outcome.
type OutcomeCount struct {
	Outcome  *guidelines.Outcome
	Expected bool
	Count    int
}

// GroupItem is an indicator or flag and how many trainees found it.
type GroupItem struct {
	Indicator *guidelines.Indicator
	Flag      *guidelines.Flag
	Expected  bool
	Count     int
}

// QuestionCount is a question and a number of trainees.
type QuestionCount struct {
	Question *guidelines.Question
	Count    int
}

// GroupSectionTime is the median time trainees spent on a section.
type GroupSectionTime struct {
	Section *guidelines.Section
	Median  float64
	N       int // trainees who saw the section
}

// NewGroupDebrief debriefs every session against c and sums them up; demonstrations and
// unfinished sessions are left out and counted.
func NewGroupDebrief(c *Case, sessions []*interview.Session) (*GroupDebrief, error) {
	gd := &GroupDebrief{Case: c}
	g := c.Guideline
	for _, s := range sessions {
		if s.Demo {
			gd.Demos++
			continue
		}
		d, err := NewDebrief(c, s)
		if err != nil {
			return nil, err
		}
		gd.Trainees = append(gd.Trainees, traineeRow(d))
		if d.Unfinished {
			gd.Unfinished++
			continue
		}
		gd.Debriefs = append(gd.Debriefs, d)
	}
	slices.SortStableFunc(gd.Trainees, attention)
	gd.Different = groupDifferent(gd.Debriefs)
	reached := map[string]int{}
	found := map[string]int{}
	offPath := map[string]int{}
	secTimes := map[string][]float64{}
	var totals []float64
	for _, d := range gd.Debriefs {
		reached[d.Trainee.Outcome.ID]++
		for _, it := range append(append([]Item(nil), d.Indicators...), d.Flags...) {
			if it.Status != Missed {
				found[it.ID]++
			}
		}
		for _, r := range d.OffPath {
			offPath[r.Question.ID]++
		}
		for _, st := range d.Times {
			secTimes[st.Section.ID] = append(secTimes[st.Section.ID], st.Seconds)
		}
		totals = append(totals, d.Total)
	}
	expOutcome := c.Scenario.Expected.Outcome
	for _, o := range g.Scoring.Outcomes {
		if reached[o.ID] > 0 || o.ID == expOutcome {
			gd.Outcomes = append(gd.Outcomes, OutcomeCount{Outcome: o, Expected: o.ID == expOutcome, Count: reached[o.ID]})
		}
	}
	expInd, expFlag := setOf(c.Scenario.Expected.Indicators), setOf(c.Scenario.Expected.Flags)
	for _, in := range g.Indicators {
		if expInd[in.ID] || found[in.ID] > 0 {
			gd.Indicators = append(gd.Indicators, GroupItem{Indicator: in, Expected: expInd[in.ID], Count: found[in.ID]})
		}
	}
	for _, u := range guidelines.Urgencies {
		for _, f := range g.Flags {
			if f.Urgency == u && (expFlag[f.ID] || found[f.ID] > 0) {
				gd.Flags = append(gd.Flags, GroupItem{Flag: f, Expected: expFlag[f.ID], Count: found[f.ID]})
			}
		}
	}
	for _, q := range g.Questions {
		if n := offPath[q.ID]; n > 0 {
			gd.OffPath = append(gd.OffPath, QuestionCount{Question: q, Count: n})
		}
	}
	for _, sec := range g.Sections {
		if ts := secTimes[sec.ID]; len(ts) > 0 {
			gd.Times = append(gd.Times, GroupSectionTime{Section: sec, N: len(ts), Median: median(ts)})
		}
	}
	gd.MedianTotal = median(totals)
	return gd, nil
}

func traineeRow(d *Debrief) TraineeRow {
	r := TraineeRow{Code: d.Code, Outcome: d.Trainee.Outcome, OutcomeMatch: d.OutcomeMatch, Unfinished: d.Unfinished, UrgentMissed: len(d.MissedUrgent)}
	for _, it := range d.Indicators {
		switch {
		case it.Status == Missed && !it.Pending:
			r.Missed++
		case it.Status == Extra:
			r.Extra++
		}
	}
	return r
}

// attention orders trainees for the trainer: an urgent flag missed first (the most
// first), then an outcome other than the expected one, then the most indicators missed,
// then the most raised without cause; unfinished interviews after every finished one
// (their figures are provisional); by case code among equals.
func attention(a, b TraineeRow) int {
	if c := cmp.Compare(boolInt(a.Unfinished), boolInt(b.Unfinished)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.UrgentMissed, a.UrgentMissed); c != 0 {
		return c
	}
	if c := cmp.Compare(boolInt(a.OutcomeMatch), boolInt(b.OutcomeMatch)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Missed, a.Missed); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Extra, a.Extra); c != 0 {
		return c
	}
	return cmp.Compare(a.Code, b.Code)
}

// groupDifferent gathers the answers recorded differently across the debriefs, by
// question.
func groupDifferent(ds []*Debrief) []GroupDifferent {
	byID := map[string]*GroupDifferent{}
	var order []*GroupDifferent
	for _, d := range ds {
		for _, r := range d.Different {
			gdf := byID[r.Question.ID]
			if gdf == nil {
				gdf = &GroupDifferent{Question: r.Question, Scenario: r.Scenario}
				byID[r.Question.ID] = gdf
				order = append(order, gdf)
			}
			gdf.Count++
			i := slices.IndexFunc(gdf.Answers, func(a AnswerCount) bool { return a.Value.Equal(r.Trainee) })
			if i < 0 {
				gdf.Answers = append(gdf.Answers, AnswerCount{Value: r.Trainee})
				i = len(gdf.Answers) - 1
			}
			gdf.Answers[i].Count++
		}
	}
	slices.SortStableFunc(order, func(a, b *GroupDifferent) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Question.Index, b.Question.Index)
	})
	out := make([]GroupDifferent, len(order))
	for i, g := range order {
		slices.SortStableFunc(g.Answers, func(a, b AnswerCount) int { return cmp.Compare(b.Count, a.Count) })
		out[i] = *g
	}
	return out
}

// Render writes the group debrief in format (text, md or html) with labels in uiLang.
func (gd *GroupDebrief) Render(w io.Writer, format, uiLang string) error {
	return gd.document(uiLang).render(w, format)
}

// RenderGroups writes the group debriefs of several scenarios as one document, a section
// each, in format (text, md or html) with labels in uiLang; a single one as Render does.
func RenderGroups(w io.Writer, format, uiLang string, gds []*GroupDebrief) error {
	if len(gds) == 1 {
		return gds[0].Render(w, format, uiLang)
	}
	l := locales.New(uiLang)
	doc := &document{Lang: uiLang, Title: l.N("train.groups.title", len(gds), nil), Banner: l.T("common.training_banner", nil)}
	doc.p(l.T("train.groups.about", nil))
	for _, gd := range gds {
		sub := gd.document(uiLang)
		doc.h(2, sub.Title)
		for _, b := range sub.Blocks {
			if b.Kind == kHeading {
				b.Level = 3
			}
			doc.Blocks = append(doc.Blocks, b)
		}
	}
	return doc.render(w, format)
}

func (gd *GroupDebrief) document(uiLang string) *document {
	g, sc := gd.Case.Guideline, gd.Case.Scenario
	t := newDebriefText(g, uiLang)
	n := len(gd.Debriefs)
	doc := &document{
		Lang:   uiLang,
		Title:  t.T("train.group.title", map[string]any{"Title": txt(sc.Title, t.lang)}),
		Banner: t.T("common.training_banner", nil),
	}
	doc.p(t.l.N("train.group.about", n, map[string]any{"Scenario": sc.ID, "Guideline": g.ID, "Version": g.Version}))
	// With no finished interview every figure below would be an empty chart: one line
	// says why, and what to do.
	if n == 0 {
		if gd.Unfinished > 0 {
			doc.p(t.l.N("train.group.none_finished", gd.Unfinished, nil))
		} else {
			doc.p(t.l.N("train.group.only_demos", gd.Demos, nil))
		}
		return doc
	}
	if gd.Demos > 0 {
		doc.p(t.l.N("train.group.demos_left_out", gd.Demos, nil))
	}
	if gd.Unfinished > 0 {
		doc.alert(t.T("train.debrief.unfinished_label", nil), t.l.N("train.group.unfinished_left_out", gd.Unfinished, nil))
	}
	nOf := func(k int) string { return t.T("train.group.n_of", map[string]any{"N": k, "Total": n}) }
	pct := func(k int) float64 {
		if n == 0 {
			return 0
		}
		return float64(k) / float64(n)
	}

	// Urgent flags some trainees missed come first, loudly.
	for _, it := range gd.Flags {
		if it.Expected && it.Flag.Urgency == guidelines.Immediate && it.Count < n {
			doc.alert(t.T("train.debrief.missed_urgent", nil), t.T("train.group.missed_by", map[string]any{"Text": txt(it.Flag.Text, t.lang), "Missed": n - it.Count, "Total": n}))
		}
	}

	doc.h(2, t.T("train.group.trainees", nil))
	doc.p(t.T("train.group.trainees_order", nil))
	tr := &table{Head: []string{t.T("train.col.case", nil), t.T("train.col.outcome", nil), t.T("train.col.missed", nil), t.T("train.col.extra", nil), t.T("train.col.urgent_missed", nil)}, Right: []bool{false, false, true, true, true}}
	for _, r := range gd.Trainees {
		mark := t.T("train.debrief.mark.match", nil)
		switch {
		case r.Unfinished:
			mark = t.T("train.group.mark.unfinished", nil)
		case !r.OutcomeMatch:
			mark = t.T("train.debrief.mark.differs", nil)
		}
		tr.Rows = append(tr.Rows, []string{r.Code, mark, fmt.Sprint(r.Missed), fmt.Sprint(r.Extra), fmt.Sprint(r.UrgentMissed)})
	}
	doc.table(tr)

	doc.h(2, t.T("train.debrief.outcome", nil))
	ob := &bars{Caption: t.T("train.group.outcomes", nil), Max: 1}
	for _, o := range gd.Outcomes {
		label := txt(o.Outcome.Text, t.lang)
		if o.Expected {
			label = t.T("train.group.expected_mark", map[string]any{"Text": label})
		}
		ob.Rows = append(ob.Rows, bar{Label: label, Value: pct(o.Count), Display: nOf(o.Count)})
	}
	doc.chart(ob)

	itemChart := func(caption string, items []GroupItem) {
		b := &bars{Caption: caption, Max: 1}
		for _, it := range items {
			var label string
			if it.Indicator != nil {
				label = txt(it.Indicator.Text, t.lang)
			} else {
				label = txt(it.Flag.Text, t.lang)
			}
			key := "train.group.expected_mark"
			if !it.Expected {
				key = "train.group.extra_mark"
			}
			b.Rows = append(b.Rows, bar{Label: t.T(key, map[string]any{"Text": label}), Value: pct(it.Count), Display: nOf(it.Count)})
		}
		doc.chart(b)
	}
	doc.h(2, t.T("train.debrief.indicators", nil))
	doc.p(t.T("train.group.legend", nil))
	itemChart(t.T("train.group.found_by", nil), gd.Indicators)
	doc.h(2, t.T("train.debrief.flags", nil))
	itemChart(t.T("train.group.found_by", nil), gd.Flags)

	doc.h(2, t.T("train.debrief.off_path", nil))
	tb := &table{Head: []string{t.T("train.col.question", nil), t.T("train.col.section", nil), t.T("train.col.trainees", nil)}, Right: []bool{false, false, true}}
	for _, q := range gd.OffPath {
		tb.Rows = append(tb.Rows, []string{t.question(q.Question), txt(q.Question.Section.Title, t.lang), nOf(q.Count)})
	}
	doc.tableOr(t.T("train.debrief.none", nil), tb)

	doc.h(2, t.T("train.debrief.different", nil))
	dt := &table{Head: []string{t.T("train.col.question", nil), t.T("train.col.scenario", nil), t.T("train.col.recorded", nil), t.T("train.col.trainees", nil)}, Right: []bool{false, false, false, true}}
	for _, df := range gd.Different {
		var given []string
		for _, a := range df.Answers {
			given = append(given, t.T("train.group.answer_count", map[string]any{"Answer": t.value(df.Question, a.Value), "N": a.Count}))
		}
		dt.Rows = append(dt.Rows, []string{t.question(df.Question), t.value(df.Question, df.Scenario), strings.Join(given, "; "), nOf(df.Count)})
	}
	doc.tableOr(t.T("train.debrief.none", nil), dt)

	doc.h(2, t.T("train.group.time", nil))
	tt := &table{Head: []string{t.T("train.col.section", nil), t.T("train.col.median", nil), t.T("train.col.trainees", nil)}, Right: []bool{false, true, true}}
	for _, st := range gd.Times {
		tt.Rows = append(tt.Rows, []string{txt(st.Section.Title, t.lang), duration(st.Median), fmt.Sprint(st.N)})
	}
	if len(tt.Rows) == 0 {
		doc.p(t.T("train.debrief.no_times", nil))
	} else {
		tt.Rows = append(tt.Rows, []string{t.T("train.col.total", nil), duration(gd.MedianTotal), fmt.Sprint(n)})
	}
	doc.table(tt)
	return doc
}
