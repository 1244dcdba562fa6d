package training

import (
	"encoding/csv"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// Report formats (besides FormatText and FormatHTML).
const FormatCSV = "csv"

// ReportFormats lists the formats a report is written in.
var ReportFormats = []string{FormatText, FormatHTML, FormatCSV}

// Render writes the report in format (text, html or csv) with labels in uiLang.
func (r *Report) Render(w io.Writer, format, uiLang string) error {
	if format == FormatCSV {
		return r.WriteCSV(w, uiLang)
	}
	return r.document(uiLang).render(w, format)
}

// reportText renders a report's labels and the guideline's texts.
type reportText struct {
	l        *locales.Localizer
	lang     string
	g        *guidelines.Guideline
	minGroup int
	by       string
}

func (t reportText) T(id string, data map[string]any) string { return t.l.T(id, data) }

// groupLabel names a group for a reader.
func (t reportText) groupLabel(gr *GuidelineReport, key string) string {
	switch key {
	case KeyAll:
		return t.T("train.report.all", nil)
	case guidelines.Unknown:
		return t.T("interview.answer.unknown", nil)
	case guidelines.Declined:
		return t.T("interview.answer.declined", nil)
	case KeyNotAsked:
		return t.T("train.report.not_asked", nil)
	case KeyOther:
		return t.l.N("train.report.other_group", t.minGroup, nil)
	case KeyUnlisted:
		return t.T("train.report.unlisted", nil)
	}
	switch t.by {
	case ByScenario:
		if key == KeyNoScenario {
			return t.T("train.report.no_scenario", nil)
		}
		if sc := builtinScenarios()[key]; sc != nil && sc.Guideline == t.g.ID {
			return txt(sc.Title, t.lang)
		}
		return textsafe.Line(key) // a scenario id from a session file: anyone's text
	case ByLanguage:
		return textsafe.Line(langName(t.l, key))
	}
	if gr.By == nil { // by profile
		for _, p := range t.g.Profiles {
			if p.ID == key {
				return txt(p.Text, t.lang)
			}
		}
		if key == "" {
			return "—"
		}
		return key
	}
	switch gr.By.Type {
	case guidelines.TypeYesNo:
		return t.T("interview.answer."+key, nil)
	}
	if c := gr.By.Choice(key); c != nil {
		return txt(c.Text, t.lang)
	}
	return key
}

// builtinScenarios returns the built-in scenarios by id, read once.
var builtinScenarios = sync.OnceValue(func() map[string]*guidelines.Scenario {
	out := map[string]*guidelines.Scenario{}
	// A scenario that does not load is only a label less: the id stands in.
	all, _ := guidelines.EmbeddedScenarios()
	for _, sc := range all {
		if sc != nil {
			out[sc.ID] = sc
		}
	}
	return out
})

// shown returns the groups a report shows: every group with at least one session, and
// every withheld or merged one (the group of all sessions always).
func (gr *GuidelineReport) shown() []*Group {
	var out []*Group
	for i, g := range gr.Groups {
		if i == 0 || g.Sessions > 0 || g.Suppressed || g.Key == KeyOther {
			out = append(out, g)
		}
	}
	return out
}

// withheld is what a report shows for a figure withheld by the minimum group size.
const withheld = "—"

// countCell writes k of n as the count and its whole percentage, "12 (40%)", in the
// reader's language. A count that is not 0 never reads "0%", nor one short of all "100%":
// 1 indicator in 300 interviews is "<1%", so that a reader does not take it for none.
func (t reportText) countCell(k, n int) string {
	r := Rate(k, n)
	var pc string
	switch whole := math.Round(r * 100); {
	case k > 0 && whole == 0:
		pc = "<" + t.l.Percent(0.01, 0)
	case k < n && whole == 100:
		pc = ">" + t.l.Percent(0.99, 0)
	default:
		pc = t.l.Percent(r, 0)
	}
	return strconv.Itoa(k) + " (" + pc + ")"
}

func (r *Report) document(uiLang string) *document {
	l := locales.New(uiLang)
	doc := &document{Lang: uiLang, Title: l.T("train.report.title", nil), Width: textWidth}
	total := 0
	for _, gr := range r.Guidelines {
		total += gr.Groups[0].Sessions
	}
	doc.p(l.N("train.report.read", total, nil))
	doc.p(l.T("train.report.aggregates_only", nil))
	if r.Skipped.Encrypted > 0 {
		doc.alert(l.T("train.report.skipped", nil), l.N("train.report.skipped_encrypted", r.Skipped.Encrypted, nil))
	}
	if n := len(r.Skipped.Damaged); n > 0 {
		doc.alert(l.T("train.report.skipped", nil), l.N("train.report.skipped_damaged", n, nil))
	}
	for _, id := range slices.Sorted(maps.Keys(r.Skipped.NoGuideline)) {
		doc.alert(l.T("train.report.skipped", nil), l.N("train.report.skipped_guideline", r.Skipped.NoGuideline[id], map[string]any{"ID": id}))
	}
	if n := r.Skipped.Demos; n > 0 {
		doc.p(l.N("train.report.skipped_demos", n, nil))
	}
	if n := r.Duplicates; n > 0 {
		doc.p(l.N("train.report.duplicates", n, nil))
	}
	if n := r.Differing; n > 0 {
		doc.p(l.N("train.report.conflicts", n, nil))
	}
	if r.ByScenarioAuto {
		doc.p(l.T("train.report.by_scenario_auto", nil))
	}
	for _, gr := range r.Guidelines {
		gr.layout(doc, reportText{l: l, lang: gr.Guideline.ContentLang(uiLang), g: gr.Guideline, minGroup: r.MinGroup, by: r.By}, r.By)
	}
	return doc
}

func (gr *GuidelineReport) layout(doc *document, t reportText, by string) {
	g := gr.Guideline
	groups := gr.shown()
	all := groups[0]
	doc.h(2, t.T("train.report.guideline", map[string]any{"Title": txt(g.Title, t.lang), "ID": g.ID}))
	doc.p(t.l.N("train.report.interviews", all.Sessions, nil))
	if gr.OtherVersion > 0 {
		doc.p(t.l.N("train.report.other_version", gr.OtherVersion, nil))
	}
	if by != "" {
		if gr.By != nil {
			doc.p(t.T("train.report.by", map[string]any{"Question": txt(gr.By.Text, t.lang)}))
		} else {
			// A profile, a scenario or a language is no question with answers.
			doc.p(t.T("train.report.by_group", map[string]any{"By": t.T("train.report.by_"+by, nil)}))
		}
		if gr.By != nil && gr.By.Type == guidelines.TypeMulti {
			doc.p(t.T("train.report.by_multi", nil))
		}
		gr.protectionNotes(doc, t)
	}

	head := func(first string) []string {
		h := []string{first}
		for _, grp := range groups {
			h = append(h, t.groupLabel(gr, grp.Key))
		}
		return h
	}
	right := func() []bool {
		r := []bool{false}
		for range groups {
			r = append(r, true)
		}
		return r
	}
	countRow := func(label string, get func(*Group) int) []string {
		row := []string{label}
		for _, grp := range groups {
			if grp.Suppressed {
				row = append(row, withheld)
				continue
			}
			row = append(row, t.countCell(get(grp), grp.Sessions))
		}
		return row
	}
	// The results (outcomes, indicators, flags) count finished interviews only.
	resultRow := func(label string, get func(*Group) int) []string {
		row := []string{label}
		for _, grp := range groups {
			if grp.Suppressed || grp.ResultsSuppressed {
				row = append(row, withheld)
				continue
			}
			row = append(row, t.countCell(get(grp), grp.Finished))
		}
		return row
	}

	// Interviews by version, language, mode and status.
	doc.h(3, t.T("train.report.section.interviews", nil))
	tb := &table{Head: head(""), Right: right()}
	tb.Rows = append(tb.Rows, countRow(t.T("train.report.sessions", nil), func(grp *Group) int { return grp.Sessions }))
	dims := []struct {
		label string
		get   func(*Group) map[string]int
		name  func(string) string
	}{
		{"train.report.version", func(x *Group) map[string]int { return x.Versions }, func(k string) string { return k }},
		{"train.report.lang", func(x *Group) map[string]int { return x.Langs }, func(k string) string { return langName(t.l, k) }},
		{"train.report.mode", func(x *Group) map[string]int { return x.Modes }, func(k string) string { return msgOr(t.l, "train.mode."+k, k) }},
		{"train.report.status", func(x *Group) map[string]int { return x.Statuses }, func(k string) string { return msgOr(t.l, "train.status."+k, k) }},
	}
	for _, d := range dims {
		for _, k := range slices.Sorted(maps.Keys(d.get(all))) {
			tb.Rows = append(tb.Rows, countRow(t.T(d.label, map[string]any{"Value": d.name(k)}), func(grp *Group) int { return d.get(grp)[k] }))
		}
	}
	doc.table(tb)

	// Outcomes.
	doc.h(3, t.T("train.report.section.outcomes", nil))
	basis := t.l.N("train.report.finished_basis", all.Finished, nil)
	if n := all.Sessions - all.Finished; n > 0 {
		basis += " " + t.l.N("train.report.unfinished_not_counted", n, nil)
	}
	doc.p(basis)
	tb = &table{Head: head(t.T("train.col.outcome", nil)), Right: right()}
	tb.Rows = append(tb.Rows, countRow(t.T("train.report.finished", nil), func(grp *Group) int { return grp.Finished }))
	for _, o := range g.Scoring.Outcomes {
		tb.Rows = append(tb.Rows, resultRow(txt(o.Text, t.lang), func(grp *Group) int { return grp.Outcomes[o.ID] }))
	}
	doc.table(tb)
	for _, grp := range groups {
		if grp.Suppressed || grp.ResultsSuppressed {
			continue
		}
		b := &bars{Max: 1, HTMLOnly: true, Caption: t.T("train.report.chart.outcomes", map[string]any{"Group": t.groupLabel(gr, grp.Key)})}
		for _, o := range g.Scoring.Outcomes {
			k := grp.Outcomes[o.ID]
			b.Rows = append(b.Rows, bar{Label: txt(o.Text, t.lang), Value: Rate(k, grp.Finished), Display: t.countCell(k, grp.Finished)})
		}
		doc.chart(b)
	}

	// Indicators and flags: how often each fired.
	doc.h(3, t.T("train.report.section.indicators", nil))
	doc.p(basis)
	tb = &table{Head: head(t.T("train.col.indicator", nil)), Right: right()}
	ib := &bars{Max: 1, HTMLOnly: true, Caption: t.T("train.report.chart.indicators", nil)}
	for _, in := range g.Indicators {
		tb.Rows = append(tb.Rows, resultRow(txt(in.Text, t.lang), func(grp *Group) int { return grp.Indicators[in.ID] }))
		if k := all.Indicators[in.ID]; k > 0 {
			ib.Rows = append(ib.Rows, bar{Label: txt(in.Text, t.lang), Value: Rate(k, all.Finished), Display: t.countCell(k, all.Finished)})
		}
	}
	doc.table(tb)
	doc.chart(ib)

	doc.h(3, t.T("train.report.section.flags", nil))
	doc.p(basis)
	tb = &table{Head: head(t.T("train.col.flag", nil)), Right: right()}
	fb := &bars{Max: 1, HTMLOnly: true, Caption: t.T("train.report.chart.flags", nil)}
	for _, u := range guidelines.Urgencies {
		for _, f := range g.Flags {
			if f.Urgency != u {
				continue
			}
			label := t.T("train.report.flag_label", map[string]any{"Urgency": msgOr(t.l, "train.urgency."+string(u), string(u)), "Text": txt(f.Text, t.lang)})
			tb.Rows = append(tb.Rows, resultRow(label, func(grp *Group) int { return grp.Flags[f.ID] }))
			if k := all.Flags[f.ID]; k > 0 {
				fb.Rows = append(fb.Rows, bar{Label: label, Value: Rate(k, all.Finished), Display: t.countCell(k, all.Finished)})
			}
		}
	}
	doc.table(tb)
	doc.chart(fb)

	// Interview length.
	doc.h(3, t.T("train.report.section.length", nil))
	tb = &table{Head: head(""), Right: right()}
	row := []string{t.T("train.report.median_length", nil)}
	for _, grp := range groups {
		if grp.Suppressed {
			row = append(row, withheld)
			continue
		}
		row = append(row, duration(grp.MedianLength))
	}
	tb.Rows = append(tb.Rows, row)
	doc.table(tb)

	// Questions, per group (none for a withheld group: the notes above say why).
	for _, grp := range groups {
		if grp.Suppressed {
			continue
		}
		title := t.T("train.report.section.questions", nil)
		if len(groups) > 1 {
			title = t.T("train.report.section.questions_of", map[string]any{"Group": t.groupLabel(gr, grp.Key)})
		}
		doc.h(3, title)
		qt := &table{
			Head:  []string{t.T("train.col.question", nil), t.T("train.col.asked", nil), t.T("train.col.declined", nil), t.T("train.col.unknown", nil), t.T("train.col.median", nil)},
			Right: []bool{false, true, true, true, true},
		}
		type hard struct {
			q    *guidelines.Question
			rate float64
			k    int
		}
		var hards []hard
		unranked := false // a question declined or not known, asked too rarely to rank
		for _, q := range g.Questions {
			qs := grp.Questions[q.Index]
			if qs.Asked == 0 {
				continue
			}
			if qs.Suppressed {
				qt.Rows = append(qt.Rows, []string{q.ID + " · " + txt(q.Text, t.lang), t.countCell(qs.Asked, grp.Sessions), withheld, withheld, withheld})
				continue
			}
			qt.Rows = append(qt.Rows, []string{
				q.ID + " · " + txt(q.Text, t.lang),
				t.countCell(qs.Asked, grp.Sessions),
				t.countCell(qs.Declined, qs.Asked),
				t.countCell(qs.Unknown, qs.Asked),
				duration(qs.MedianSeconds),
			})
			switch k := qs.Declined + qs.Unknown; {
			case k > 0 && qs.Asked >= MinRanked:
				hards = append(hards, hard{q, Rate(k, qs.Asked), k})
			case k > 0:
				unranked = true
			}
		}
		doc.table(qt)
		if grp == all && slices.ContainsFunc(grp.Questions, func(qs QuestionStats) bool { return qs.Suppressed }) {
			doc.p(t.l.N("train.report.suppressed_all", t.minGroup, nil))
		}
		slices.SortStableFunc(hards, func(a, b hard) int {
			switch {
			case a.rate > b.rate:
				return -1
			case a.rate < b.rate:
				return 1
			}
			return a.q.Index - b.q.Index
		})
		if len(hards) > 10 {
			hards = hards[:10]
		}
		// Unlike the charts above, this one says what the table cannot: which questions to reword
		// first. So it is in every format.
		hb := &bars{Max: 1, Caption: t.T("train.report.chart.hard", nil)}
		for _, h := range hards {
			hb.Rows = append(hb.Rows, bar{Label: txt(h.q.Text, t.lang), Value: h.rate, Display: t.countCell(h.k, grp.Questions[h.q.Index].Asked)})
		}
		doc.chart(hb)
		if unranked {
			doc.p(t.l.N("train.report.rank_min", MinRanked, nil))
		}
		var never []item
		for _, q := range grp.NeverReached(g) {
			never = append(never, item{Text: q.ID + " · " + txt(q.Text, t.lang)})
		}
		if len(never) > 0 {
			doc.p(t.l.N("train.report.never_reached", len(never), nil))
			doc.list(never)
		}
	}
	gr.layoutPilot(doc, t)
	gr.layoutRescores(doc, t)
}

// protectionNotes states the minimum group size of a breakdown and what it merged and
// withheld.
func (gr *GuidelineReport) protectionNotes(doc *document, t reportText) {
	n := t.minGroup
	if gr.Fictional {
		doc.p(t.T("train.report.fictional", nil))
		return
	}
	if n <= 1 {
		doc.alert(t.T("train.report.small_groups_label", nil), t.T("train.report.min_group_off", nil))
		return
	}
	doc.p(t.l.N("train.report.min_group", n, nil))
	var complement, results []string
	cells := false
	for _, grp := range gr.Groups[1:] {
		if grp.Key == KeyOther {
			var names []string
			for _, k := range grp.Merged {
				names = append(names, t.groupLabel(gr, k))
			}
			doc.p(t.l.N("train.report.merged", n, map[string]any{"Groups": strings.Join(names, ", ")}))
			if grp.Suppressed && !grp.Complement {
				doc.p(t.l.N("train.report.suppressed_other", n, nil))
			}
		}
		if grp.Complement {
			complement = append(complement, t.groupLabel(gr, grp.Key))
		}
		if grp.ResultsSuppressed {
			results = append(results, t.groupLabel(gr, grp.Key))
		}
		cells = cells || slices.ContainsFunc(grp.Questions, func(qs QuestionStats) bool { return qs.Suppressed })
	}
	if len(complement) > 0 {
		doc.p(t.T("train.report.suppressed_complement", map[string]any{"Groups": strings.Join(complement, ", ")}))
	}
	if len(results) > 0 {
		doc.p(t.l.N("train.report.suppressed_results", n, map[string]any{"Groups": strings.Join(results, ", ")}))
	}
	if cells {
		doc.p(t.l.N("train.report.suppressed_questions", n, nil))
	}
}

// langName names a language code in the UI language, or returns the code.
func langName(l *locales.Localizer, code string) string {
	return msgOr(l, "common.lang."+code, code)
}

// msgOr renders message id, or returns fallback when there is no such message.
func msgOr(l *locales.Localizer, id, fallback string) string {
	if l.Has(id) {
		return l.T(id, nil)
	}
	return fallback
}

// WriteCSV writes the report as one tidy table, UTF-8 with a byte order mark (so that
// Excel reads Romanian and Cyrillic labels right): guideline, metric, group, key, value,
// then group_label, key_label, percent and marker. The first five are ids and numbers, so a
// spreadsheet or R can join and pivot them; the labels name the group and the key in
// uiLang; percent is the value as a share of its base (the group's interviews, its finished
// ones for outcomes, indicators and flags, the interviews that asked the question for its
// answers), empty where there is none. The group is "all", or "<by>=<key>" with --by.
//
// value is always a count or a figure, never a marker. A row that marks something has an
// empty value and says what in marker:
//
//   - merged: the answer (key) was merged into the group "<by>=*other";
//   - withheld or withheld_complement: with the metric suppressed, the group is withheld
//     as too small, or so that a small one cannot be worked out from "all" (key
//     "min_group" or "complement" as well); no figures follow;
//   - with the metric results_suppressed, the group's outcome, indicator and flag rows are
//     withheld the same way; with question_suppressed, a question's unanswered, declined,
//     unknown and median rows (its question_asked row stays);
//   - never_reached: no interview of the group was shown the question.
//
// With --by, the minimum group size is a row min_group. The outcome, indicator and flag
// rows count finished sessions only: every group has the rows finished and
// unfinished_not_counted. A question counts as asked when it was shown: question_unanswered
// counts those of its interviews that left it without an answer.
func (r *Report) WriteCSV(w io.Writer, uiLang string) error {
	l := locales.New(uiLang)
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	// Versions, languages and guideline ids come from session files, which anyone may
	// have written: every cell goes through the sanitizer, like every other output.
	write := func(rec ...string) {
		for i, c := range rec {
			rec[i] = csvCell(c)
		}
		cw.Write(rec)
	}
	num, pct := csvNum, csvPercent
	top := func(metric, key string, v int) { write("", metric, "", key, strconv.Itoa(v), "", "", "", "") }
	write("guideline", "metric", "group", "key", "value", "group_label", "key_label", "percent", "marker")
	top("skipped_encrypted", "", r.Skipped.Encrypted)
	top("skipped_damaged", "", len(r.Skipped.Damaged))
	top("skipped_demo", "", r.Skipped.Demos)
	top("skipped_duplicate", "", r.Duplicates)
	top("duplicate_differs", "", r.Differing)
	for _, id := range slices.Sorted(maps.Keys(r.Skipped.NoGuideline)) {
		top("skipped_no_guideline", id, r.Skipped.NoGuideline[id])
	}
	if r.By != "" {
		top("min_group", "", r.MinGroup)
	}
	for _, gr := range r.Guidelines {
		g := gr.Guideline
		gid := g.ID
		t := reportText{l: l, lang: g.ContentLang(uiLang), g: g, minGroup: r.MinGroup, by: r.By}
		qlabel := func(q *guidelines.Question) string { return txt(q.Text, t.lang) }
		write(gid, "other_version", "all", "", strconv.Itoa(gr.OtherVersion), t.groupLabel(gr, KeyAll), "", "", "")
		for _, grp := range gr.shown() {
			group := "all"
			if grp != gr.Groups[0] {
				group = r.By + "=" + grp.Key
			}
			glabel := t.groupLabel(gr, grp.Key)
			// row writes a figure; base is what percent is of (0: none).
			row := func(metric, key, keyLabel, v string, k, base int) {
				p := ""
				if base > 0 {
					p = pct(k, base)
				}
				write(gid, metric, group, key, v, glabel, keyLabel, p, "")
			}
			count := func(metric, key, keyLabel string, k, base int) { row(metric, key, keyLabel, strconv.Itoa(k), k, base) }
			mark := func(metric, key, keyLabel, marker string) {
				write(gid, metric, group, key, "", glabel, keyLabel, "", marker)
			}
			for _, k := range grp.Merged {
				mark("merged", k, t.groupLabel(gr, k), "merged")
			}
			if grp.Suppressed {
				reason, marker := "min_group", "withheld"
				if grp.Complement {
					reason, marker = "complement", "withheld_complement"
				}
				mark("suppressed", reason, "", marker)
				continue
			}
			count("sessions", "", "", grp.Sessions, 0)
			// The outcomes, indicators and flags count the finished sessions only.
			count("finished", "", "", grp.Finished, grp.Sessions)
			count("unfinished_not_counted", "", "", grp.Sessions-grp.Finished, grp.Sessions)
			for _, d := range []struct {
				metric string
				m      map[string]int
				name   func(string) string
			}{
				{"version", grp.Versions, func(k string) string { return k }},
				{"lang", grp.Langs, func(k string) string { return langName(l, k) }},
				{"mode", grp.Modes, func(k string) string { return msgOr(l, "train.mode."+k, k) }},
				{"status", grp.Statuses, func(k string) string { return msgOr(l, "train.status."+k, k) }},
			} {
				for _, k := range slices.Sorted(maps.Keys(d.m)) {
					count(d.metric, k, d.name(k), d.m[k], grp.Sessions)
				}
			}
			if grp.ResultsSuppressed {
				reason, marker := "min_group", "withheld"
				if grp.ResultsComplement {
					reason, marker = "complement", "withheld_complement"
				}
				mark("results_suppressed", reason, "", marker)
			} else {
				for _, o := range g.Scoring.Outcomes {
					count("outcome", o.ID, txt(o.Text, t.lang), grp.Outcomes[o.ID], grp.Finished)
				}
				for _, in := range g.Indicators {
					count("indicator", in.ID, txt(in.Text, t.lang), grp.Indicators[in.ID], grp.Finished)
				}
				for _, f := range g.Flags {
					count("flag", f.ID, txt(f.Text, t.lang), grp.Flags[f.ID], grp.Finished)
				}
			}
			row("median_length_seconds", "", "", num(grp.MedianLength), 0, 0)
			for _, q := range g.Questions {
				qs := grp.Questions[q.Index]
				count("question_asked", q.ID, qlabel(q), qs.Asked, grp.Sessions)
				if qs.Suppressed {
					mark("question_suppressed", q.ID, qlabel(q), "withheld")
					continue
				}
				count("question_unanswered", q.ID, qlabel(q), qs.Unanswered, qs.Asked)
				count("question_declined", q.ID, qlabel(q), qs.Declined, qs.Asked)
				count("question_unknown", q.ID, qlabel(q), qs.Unknown, qs.Asked)
				row("question_median_seconds", q.ID, qlabel(q), num(qs.MedianSeconds), 0, 0)
			}
			for _, q := range grp.NeverReached(g) {
				mark("never_reached", q.ID, qlabel(q), "never_reached")
			}
		}
		// Accuracy against the follow-up, of all the interviews, then of each group of the
		// breakdown (a group withheld has its suppressed row above).
		if gr.Groups[0].Pilot.recorded() {
			for _, grp := range gr.shown() {
				if grp.Suppressed || grp != gr.Groups[0] && grp.Pilot.Finished == 0 && !grp.Pilot.Suppressed {
					continue // withheld, or no finished interview to measure
				}
				group := "all"
				if grp != gr.Groups[0] {
					group = r.By + "=" + grp.Key
				}
				writePilotCSV(write, t, g, group, t.groupLabel(gr, grp.Key), &grp.Pilot)
			}
		}
		// Rule sets scored again: group "rescore=<rule set id>", keys "<from>><to>" (outcome
		// ids), "changed_rules", "changed_unasked" and, per question never asked that it
		// needed, "unasked:<question id>".
		for _, rs := range gr.Rescores {
			group := "rescore=" + rs.Guideline.ID
			glabel := txt(rs.Guideline.Title, t.lang)
			w := func(metric, key, keyLabel string, k int) {
				write(gid, metric, group, key, strconv.Itoa(k), glabel, keyLabel, pct(k, rs.Finished), "")
			}
			w("rescore_finished", "", "", rs.Finished)
			for _, from := range g.Scoring.Outcomes {
				for _, to := range rs.Guideline.Scoring.Outcomes {
					w("rescore_outcome", from.ID+">"+to.ID, "", rs.Cross[[2]string{from.ID, to.ID}])
				}
			}
			w("rescore_changed", "rules", "", rs.ByRules)
			w("rescore_changed", "unasked", "", rs.ByUnasked)
			for _, q := range rs.Guideline.Questions {
				if n := rs.Unasked[q.ID]; n > 0 {
					w("rescore_unasked", q.ID, txt(q.Text, t.lang), n)
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvNum writes a figure of the CSV, to three decimals.
func csvNum(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64) }

// csvPercent writes k of n as a percentage to one decimal, or nothing when n is 0.
func csvPercent(k, n int) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatFloat(math.Round(Rate(k, n)*1000)/10, 'f', -1, 64)
}

// writePilotCSV writes the figures of p, a pilot of the sessions of g, for one group of the
// report (group and glabel as the other rows of that group have them). A rule set scored
// again has its id in the guideline column and, in group, "sessions_of=<g's id>", followed
// by "&<group>" in a group of the breakdown; the threshold is the key: high,
// high_or_medium, or the count of indicators. A pilot withheld in a group has one row
// pilot_suppressed (key min_group or complement), and its medians when the group's results
// are shown; a threshold withheld has one row accuracy_suppressed instead of its figures.
func writePilotCSV(write func(...string), t reportText, g *guidelines.Guideline, group, glabel string, p *Pilot) {
	gid := g.ID
	marker := func(complement bool) (reason, marker string) {
		if complement {
			return "complement", "withheld_complement"
		}
		return "min_group", "withheld"
	}
	row := func(metric string, v float64) { write(gid, metric, group, "", csvNum(v), glabel, "", "", "") }
	medians := func() {
		row("median_interview_seconds", p.MedianSeconds)
		row("median_questions_asked", p.MedianAsked)
	}
	if p.Suppressed {
		reason, m := marker(p.Complement)
		write(gid, "pilot_suppressed", group, reason, "", glabel, "", "", m)
		if p.Finished > 0 {
			medians()
		}
		return
	}
	for _, m := range []struct {
		metric string
		n      int
	}{{"followed_up", p.FollowedUp}, {"identified", p.Identified}, {"follow_up_pending", p.Pending},
		{"follow_up_lost", p.Lost}, {"follow_up_none", p.NoResult}} {
		write(gid, m.metric, group, "", strconv.Itoa(m.n), glabel, "", csvPercent(m.n, p.Finished), "")
	}
	medians()
	if n, sec, ok := p.PerIdentified(); ok {
		row("interviews_per_identified", n)
		row("seconds_per_identified", sec)
	}
	for _, ra := range p.Rules {
		rgroup := group
		if ra.Guideline != g {
			rgroup = "sessions_of=" + gid
			if group != "all" {
				rgroup += "&" + group
			}
		}
		rid := ra.Guideline.ID
		for _, a := range ra.Accuracies() {
			label := t.thresholdLabel(a)
			if a.Suppressed {
				_, m := marker(a.Complement)
				write(rid, "accuracy_suppressed", rgroup, a.Threshold, "", glabel, label, "", m)
				continue
			}
			for _, m := range []struct {
				metric string
				p      Proportion
			}{{"sensitivity", a.Sensitivity()}, {"specificity", a.Specificity()}, {"ppv", a.PPV()}, {"npv", a.NPV()}} {
				if m.p.N == 0 {
					continue // nothing to divide: no row rather than a made-up 0
				}
				write(rid, m.metric, rgroup, a.Threshold, csvNum(m.p.Value()), glabel, label, csvPercent(m.p.K, m.p.N), "")
				write(rid, m.metric+"_ci_low", rgroup, a.Threshold, csvNum(m.p.Low), glabel, label, "", "")
				write(rid, m.metric+"_ci_high", rgroup, a.Threshold, csvNum(m.p.High), glabel, label, "", "")
			}
			if n, sec, ok := p.PerFound(a); ok {
				write(rid, "interviews_per_true_positive", rgroup, a.Threshold, csvNum(n), glabel, label, "", "")
				write(rid, "seconds_per_true_positive", rgroup, a.Threshold, csvNum(sec), glabel, label, "", "")
			}
			for _, c := range []struct {
				metric string
				n      int
			}{{"true_positive", a.TP}, {"false_positive", a.FP}, {"false_negative", a.FN}, {"true_negative", a.TN}} {
				write(rid, c.metric, rgroup, a.Threshold, strconv.Itoa(c.n), glabel, label, "", "")
			}
		}
	}
}

// csvCell makes a value safe for a CSV that a spreadsheet will open: sanitized like every
// output (which turns tabs and line breaks into spaces), and, when it would start a formula
// (=, +, - or @), quoted with a leading apostrophe, so that a guideline id from a crafted session file
// cannot run as a formula (=HYPERLINK(…), =cmd|…) in Excel or LibreOffice. Numbers, which
// this report never writes negative, are left as they are.
func csvCell(s string) string {
	s = textsafe.Line(s)
	if s == "" || !strings.ContainsRune("=+-@", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
