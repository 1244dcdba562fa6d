package training

import (
	"fmt"
	"io"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
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
		if s.Status != interview.StatusFinished {
			gd.Unfinished++
			continue
		}
		d, err := NewDebrief(c, s)
		if err != nil {
			return nil, err
		}
		gd.Debriefs = append(gd.Debriefs, d)
	}
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

// Render writes the group debrief in format (text, md or html) with labels in uiLang.
func (gd *GroupDebrief) Render(w io.Writer, format, uiLang string) error {
	return gd.document(uiLang).render(w, format)
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
	if len(gd.OffPath) == 0 {
		doc.p(t.T("train.debrief.none", nil))
	}
	tb := &table{Head: []string{t.T("train.col.question", nil), t.T("train.col.section", nil), t.T("train.col.trainees", nil)}, Right: []bool{false, false, true}}
	for _, q := range gd.OffPath {
		tb.Rows = append(tb.Rows, []string{t.question(q.Question), txt(q.Question.Section.Title, t.lang), nOf(q.Count)})
	}
	doc.table(tb)

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
