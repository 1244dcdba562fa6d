package training

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// Thresholds of "screen positive", as the CSV keys them.
const (
	ThresholdHigh         = "high"           // the outcome's level is high
	ThresholdHighOrMedium = "high_or_medium" // high or medium
)

// Thresholds lists the thresholds of screen positive, strictest first.
var Thresholds = []string{ThresholdHigh, ThresholdHighOrMedium}

// positive reports whether an outcome of level lv screens positive at threshold th.
func positive(lv guidelines.Level, th string) bool {
	return lv == guidelines.High || th == ThresholdHighOrMedium && lv == guidelines.MediumLvl
}

// Accuracy is how one rule set did against the follow-up results, over the finished
// interviews whose person the referral system has decided about (identified or not), at
// one threshold of screen positive. The truth is the referral system's formal
// identification.
type Accuracy struct {
	// Threshold is ThresholdHigh, ThresholdHighOrMedium, or, for a threshold by count of
	// indicators, AtLeast in digits: the CSV's key either way.
	Threshold string
	// AtLeast is, for a threshold by count, the fewest indicators present that screen an
	// interview positive; 0 for a threshold by outcome level.
	AtLeast int
	// TP: screened positive, identified; FP: positive, not identified; FN: negative,
	// identified; TN: negative, not identified.
	TP, FP, FN, TN int
	// Suppressed says, in a group of a breakdown, that the counts are withheld (zero here):
	// fewer than MinGroup of the group's interviews screened positive, or negative, or
	// (Complement) so that such a row of another group cannot be worked out from Groups[0].
	Suppressed, Complement bool
}

// Proportion is k of n with its 95% Wilson score interval.
type Proportion struct {
	K, N      int
	Low, High float64
}

// Value is k/n (0 when n is 0).
func (p Proportion) Value() float64 { return Rate(p.K, p.N) }

// z95 is the standard normal quantile of a two-sided 95% interval.
const z95 = 1.959963984540054

// Wilson returns k of n with its 95% Wilson score interval (Wilson 1927; Newcombe 1998,
// method 3), which, unlike p ± 1.96·SE, stays within [0, 1] and does not collapse to a
// point at 0 of n or n of n, as a small pilot gives.
func Wilson(k, n int) Proportion {
	if n == 0 {
		return Proportion{K: k, N: n, Low: 0, High: 1}
	}
	p, nf, z2 := float64(k)/float64(n), float64(n), z95*z95
	d := 1 + z2/nf
	c := (p + z2/(2*nf)) / d
	h := z95 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / d
	return Proportion{K: k, N: n, Low: math.Max(0, c-h), High: math.Min(1, c+h)}
}

// Sensitivity is TP of those identified; Specificity TN of those not identified; PPV TP of
// those screened positive; NPV TN of those screened negative.
func (a Accuracy) Sensitivity() Proportion { return Wilson(a.TP, a.TP+a.FN) }

// Specificity is TN of the people not identified.
func (a Accuracy) Specificity() Proportion { return Wilson(a.TN, a.TN+a.FP) }

// PPV (positive predictive value) is TP of the interviews screened positive.
func (a Accuracy) PPV() Proportion { return Wilson(a.TP, a.TP+a.FP) }

// NPV (negative predictive value) is TN of the interviews screened negative.
func (a Accuracy) NPV() Proportion { return Wilson(a.TN, a.TN+a.FN) }

// RuleAccuracy is one rule set's accuracy at each threshold.
type RuleAccuracy struct {
	Guideline *guidelines.Guideline // the interviews' own, or a rule set of --rescore
	ByLevel   []Accuracy            // by Thresholds
	// ByCount screens an interview positive when at least AtLeast of the rule set's
	// indicators are present, whatever its outcome: the cut-off of a screening tool that
	// counts positive answers ("six positive answers"). One per count of at least 1 that a
	// followed-up interview of the whole report has (so every group has the same rows),
	// ascending: a count none has would repeat the figures of the next one. None when the
	// rule set has no indicators.
	ByCount []Accuracy

	// byIndicators counts the followed-up interviews by the number of indicators present:
	// [n][0] those not identified, [n][1] those identified.
	byIndicators [][2]int
}

// countIndicators counts into ra k followed-up interviews with n indicators present.
func (ra *RuleAccuracy) countIndicators(n, k int, identified bool) {
	for len(ra.byIndicators) <= n {
		ra.byIndicators = append(ra.byIndicators, [2]int{})
	}
	ra.byIndicators[n][boolInt(identified)] += k
}

// countsFound returns the counts of indicators of at least 1 that the interviews counted
// have, ascending; none when the rule set has no indicators.
func (ra *RuleAccuracy) countsFound() []int {
	var out []int
	if len(ra.Guideline.Indicators) == 0 {
		return nil
	}
	for k := 1; k < len(ra.byIndicators); k++ {
		if ra.byIndicators[k] != [2]int{} {
			out = append(out, k)
		}
	}
	return out
}

// finishCounts works out ByCount at each count of ks from the interviews counted.
func (ra *RuleAccuracy) finishCounts(ks []int) {
	ra.ByCount = nil
	for _, k := range ks {
		a := Accuracy{Threshold: strconv.Itoa(k), AtLeast: k}
		for n, c := range ra.byIndicators {
			if n >= k {
				a.FP, a.TP = a.FP+c[0], a.TP+c[1]
			} else {
				a.TN, a.FN = a.TN+c[0], a.FN+c[1]
			}
		}
		ra.ByCount = append(ra.ByCount, a)
	}
	ra.byIndicators = nil
}

// Accuracies returns the rule set's accuracy at every threshold: by level, then by count.
func (ra RuleAccuracy) Accuracies() []Accuracy {
	return append(slices.Clip(ra.ByLevel), ra.ByCount...)
}

// at returns the threshold of index i in Accuracies' order.
func (ra *RuleAccuracy) at(i int) *Accuracy {
	if i < len(ra.ByLevel) {
		return &ra.ByLevel[i]
	}
	return &ra.ByCount[i-len(ra.ByLevel)]
}

// Pilot sums up the follow-up of the finished interviews of a group (Groups[0]: all of a
// guideline's).
type Pilot struct {
	Finished int
	// FollowedUp counts the finished interviews with a decision (identified or not);
	// Pending, Lost and NoResult those still waiting, lost to follow-up, or with no
	// follow-up recorded.
	FollowedUp, Identified, Pending, Lost, NoResult int
	Rules                                           []RuleAccuracy // the guideline's own first
	// MedianSeconds and MedianAsked are the median time on the question screens and the
	// median number of questions asked (shown) of a finished interview; FollowedUpSeconds
	// the time of all the interviews followed up, which the cost per victim found divides.
	MedianSeconds, MedianAsked float64
	FollowedUpSeconds          float64
	// Suppressed says, in a group of a breakdown, that the figures against the follow-up
	// are withheld (zero here, Rules empty): fewer than MinGroup of the group's interviews
	// were followed up, or were identified, or were not, or its results are withheld; or
	// (Complement) so that such a group's cannot be worked out from Groups[0]. The medians
	// stay unless the group's results are withheld. See GuidelineReport.protectPilot.
	Suppressed, Complement bool

	seconds, asked []float64
}

// recorded reports whether any follow-up is recorded: without one, there is no pilot.
func (p *Pilot) recorded() bool { return p.FollowedUp+p.Pending+p.Lost > 0 }

// PerIdentified returns the interviews and the interviewing time (seconds) it took, among
// those followed up, to reach one person the referral system identified; ok is false when
// none was identified.
func (p Pilot) PerIdentified() (interviews, seconds float64, ok bool) {
	if p.Identified == 0 {
		return 0, 0, false
	}
	return float64(p.FollowedUp) / float64(p.Identified), p.FollowedUpSeconds / float64(p.Identified), true
}

// PerFound returns, for a rule set at a threshold, the interviews and the interviewing time
// (seconds) per identified person it screened positive (a true positive); ok is false when it
// found none.
func (p Pilot) PerFound(a Accuracy) (interviews, seconds float64, ok bool) {
	if a.TP == 0 {
		return 0, 0, false
	}
	return float64(p.FollowedUp) / float64(a.TP), p.FollowedUpSeconds / float64(a.TP), true
}

// finish works out the medians, and the thresholds by count at ks (by rule set: those of
// Groups[0], countsFound).
func (p *Pilot) finish(ks [][]int) {
	p.MedianSeconds, p.MedianAsked = median(p.seconds), median(p.asked)
	p.seconds, p.asked = nil, nil
	for i := range p.Rules {
		if i < len(ks) {
			p.Rules[i].finishCounts(ks[i])
		}
	}
}

// countsFound returns, per rule set, the counts of indicators that the thresholds by count
// take (RuleAccuracy.countsFound).
func (p *Pilot) countsFound() [][]int {
	var out [][]int
	for i := range p.Rules {
		out = append(out, p.Rules[i].countsFound())
	}
	return out
}

// initRules makes the rule sets of p: g's own, then those of rules that share its questions,
// in their order (as fact.rescored holds their results).
func (p *Pilot) initRules(g *guidelines.Guideline, rules []*guidelines.Guideline) {
	p.Rules = append(p.Rules, newRuleAccuracy(g))
	for _, r := range rules {
		if sharesQuestions(g, r) {
			p.Rules = append(p.Rules, newRuleAccuracy(r))
		}
	}
}

// add counts f, a session of g scored again with rules, into p: finished interviews only.
// length is its time on the question screens, asked the questions it asked (showed).
func (p *Pilot) add(g *guidelines.Guideline, f *fact, rules []*guidelines.Guideline, length float64, asked int) {
	if f.status != interview.StatusFinished {
		return
	}
	if len(p.Rules) == 0 {
		p.initRules(g, rules)
	}
	p.Finished++
	p.seconds, p.asked = append(p.seconds, length), append(p.asked, float64(asked))
	var truth bool
	switch f.followUp {
	case interview.FollowUpIdentified:
		truth = true
		p.Identified++
	case interview.FollowUpNotIdentified:
	case interview.FollowUpPending:
		p.Pending++
		return
	case interview.FollowUpLost:
		p.Lost++
		return
	default:
		p.NoResult++
		return
	}
	p.FollowedUp++
	p.FollowedUpSeconds += length
	// The results of the rule sets in the order of p.Rules: the guideline's own, then those
	// of --rescore that share its questions.
	results := []rescoreFact{{outcome: f.outcome, indicators: len(f.indicators)}}
	for _, rf := range f.rescored {
		if rf.outcome != "" {
			results = append(results, rf)
		}
	}
	for i := range p.Rules {
		if i >= len(results) {
			break
		}
		ra := &p.Rules[i]
		ra.countIndicators(results[i].indicators, 1, truth)
		var lv guidelines.Level
		if o := ra.Guideline.Outcome(results[i].outcome); o != nil {
			lv = o.Level
		}
		for j, th := range Thresholds {
			a := &ra.ByLevel[j]
			switch pos := positive(lv, th); {
			case pos && truth:
				a.TP++
			case pos:
				a.FP++
			case truth:
				a.FN++
			default:
				a.TN++
			}
		}
	}
}

// merge adds the interviews of o (not yet finished) to p.
func (p *Pilot) merge(o *Pilot) {
	if len(o.Rules) == 0 {
		return // no finished interview: nothing counted
	}
	if len(p.Rules) == 0 {
		for _, ra := range o.Rules {
			p.Rules = append(p.Rules, newRuleAccuracy(ra.Guideline))
		}
	}
	p.Finished += o.Finished
	p.FollowedUp += o.FollowedUp
	p.Identified += o.Identified
	p.Pending += o.Pending
	p.Lost += o.Lost
	p.NoResult += o.NoResult
	p.FollowedUpSeconds += o.FollowedUpSeconds
	p.seconds, p.asked = append(p.seconds, o.seconds...), append(p.asked, o.asked...)
	for i := range p.Rules {
		ra, oa := &p.Rules[i], &o.Rules[i]
		for j := range ra.ByLevel {
			a, b := &ra.ByLevel[j], oa.ByLevel[j]
			a.TP, a.FP, a.FN, a.TN = a.TP+b.TP, a.FP+b.FP, a.FN+b.FN, a.TN+b.TN
		}
		for n, c := range oa.byIndicators {
			ra.countIndicators(n, c[0], false)
			ra.countIndicators(n, c[1], true)
		}
	}
}

// withhold clears p's figures against the follow-up, and its medians unless keepMedians.
func (p *Pilot) withhold(complement, keepMedians bool) {
	kept := Pilot{Suppressed: true, Complement: complement}
	if keepMedians {
		kept.Finished, kept.MedianSeconds, kept.MedianAsked = p.Finished, p.MedianSeconds, p.MedianAsked
	}
	*p = kept
}

// protectPilot withholds, in the groups of a breakdown, the figures against the follow-up
// that could point at a person, by the rule of protect (withholdSmall): the whole pilot of
// a group where the results are withheld, or where fewer than minGroup of its interviews
// were followed up, identified or not identified (the bases of sensitivity and
// specificity); then, per rule set and threshold, the row of a group where fewer than
// minGroup screened positive or negative (the bases of the predictive values). A share of
// one person (1 of 1: 100%) never shows. Groups[0] keeps every figure, as its counts.
func (gr *GuidelineReport) protectPilot(minGroup int) {
	groups := gr.Groups[1:]
	for _, grp := range groups {
		if grp.ResultsSuppressed && !grp.Suppressed {
			grp.Pilot.Suppressed, grp.Pilot.Complement = true, grp.ResultsComplement
		}
	}
	suppressed := func(grp *Group) bool { return grp.Pilot.Suppressed }
	suppress := func(grp *Group, complement bool) { grp.Pilot.Suppressed, grp.Pilot.Complement = true, complement }
	for _, count := range []func(*Group) int{
		func(grp *Group) int { return grp.Pilot.FollowedUp },
		func(grp *Group) int { return grp.Pilot.Identified },
		func(grp *Group) int { return grp.Pilot.FollowedUp - grp.Pilot.Identified },
	} {
		gr.withholdSmall(minGroup, count, suppressed, suppress)
	}
	for i, ra := range gr.Groups[0].Pilot.Rules {
		for j := range ra.Accuracies() {
			row := func(grp *Group) *Accuracy {
				if i >= len(grp.Pilot.Rules) {
					return nil // no finished interview in the group
				}
				return grp.Pilot.Rules[i].at(j)
			}
			withheld := func(grp *Group) bool { a := row(grp); return grp.Pilot.Suppressed || a != nil && a.Suppressed }
			withhold := func(grp *Group, complement bool) { a := row(grp); a.Suppressed, a.Complement = true, complement }
			for _, count := range []func(*Accuracy) int{
				func(a *Accuracy) int { return a.TP + a.FP },
				func(a *Accuracy) int { return a.FN + a.TN },
			} {
				gr.withholdSmall(minGroup, func(grp *Group) int {
					if a := row(grp); a != nil {
						return count(a)
					}
					return 0
				}, withheld, withhold)
			}
		}
	}
	for _, grp := range groups {
		p := &grp.Pilot
		if p.Suppressed {
			p.withhold(p.Complement, !grp.ResultsSuppressed)
			continue
		}
		for i := range p.Rules {
			for j := range p.Rules[i].Accuracies() {
				if a := p.Rules[i].at(j); a.Suppressed {
					a.TP, a.FP, a.FN, a.TN = 0, 0, 0, 0
				}
			}
		}
	}
}

func newRuleAccuracy(g *guidelines.Guideline) RuleAccuracy {
	ra := RuleAccuracy{Guideline: g}
	for _, th := range Thresholds {
		ra.ByLevel = append(ra.ByLevel, Accuracy{Threshold: th})
	}
	return ra
}

// proportionCell shows a proportion with its 95% interval and counts in the reader's
// language, "76.9% (61.7–87.4%) · 30/39" ("76,9% (61,7–87,4%) · 30/39"), or a dash when
// there is nothing to divide.
func (t reportText) proportionCell(p Proportion) string {
	if p.N == 0 {
		return withheld
	}
	return fmt.Sprintf("%s (%s–%s) · %d/%d", t.l.FixedPercent(p.Value(), 1), t.l.Fixed(p.Low*100, 1), t.l.FixedPercent(p.High, 1), p.K, p.N)
}

// layoutPilot writes the accuracy of each rule set against the follow-up, what it cannot
// show, and how many interviews still wait for a result: of all the interviews, then of
// each group of the breakdown.
func (gr *GuidelineReport) layoutPilot(doc *document, t reportText) {
	p := &gr.Groups[0].Pilot
	if p.Finished == 0 || !p.recorded() {
		return // no follow-up recorded at all: not a pilot
	}
	doc.h(3, t.T("train.report.pilot.title", nil))
	layoutPilotFigures(doc, t, p)
	if slices.ContainsFunc(p.Rules, func(ra RuleAccuracy) bool { return len(ra.ByCount) > 0 }) {
		doc.p(t.T("train.report.pilot.count_note", nil))
	}
	// Sensitivity beside specificity, per rule set and threshold: which trades which. In
	// HTML only (inline SVG, nothing fetched): the tables say it all in text.
	ch := &bars{Max: 1, HTMLOnly: true, Caption: t.T("train.report.pilot.chart", nil)}
	for _, ra := range p.Rules {
		for _, a := range ra.Accuracies() {
			for _, m := range []struct {
				id string
				p  Proportion
			}{{"train.report.pilot.sensitivity", a.Sensitivity()}, {"train.report.pilot.specificity", a.Specificity()}} {
				if m.p.N == 0 {
					continue
				}
				ch.Rows = append(ch.Rows, bar{Label: ra.Guideline.ID + " · " + t.thresholdShort(a) + " · " + t.T(m.id, nil), Value: m.p.Value(), Display: t.proportionCell(m.p)})
			}
		}
	}
	doc.chart(ch)
	layoutEfficiency(doc, t, p)
	doc.p(t.T("train.report.pilot.caveats", nil))
	for _, grp := range gr.shown()[1:] {
		gp := &grp.Pilot
		if grp.Suppressed || gp.Finished == 0 && !gp.Suppressed {
			// Withheld (the notes of the breakdown say why), or no interview of the group
			// finished: nothing to measure, and its outcome table says so.
			continue
		}
		doc.h(3, t.T("train.report.pilot.title_of", map[string]any{"Group": t.groupLabel(gr, grp.Key)}))
		if gp.Suppressed {
			if gp.Complement {
				doc.p(t.T("train.report.pilot.withheld_complement", nil))
			} else {
				doc.p(t.T("train.report.pilot.withheld", map[string]any{"Count": t.minGroup}))
			}
			if gp.Finished > 0 {
				layoutEfficiency(doc, t, gp)
			}
			continue
		}
		layoutPilotFigures(doc, t, gp)
		layoutEfficiency(doc, t, gp)
	}
}

// layoutPilotFigures writes how many interviews were followed up and a table per rule set
// of its accuracy at each threshold.
func layoutPilotFigures(doc *document, t reportText, p *Pilot) {
	doc.p(t.T("train.report.pilot.basis", map[string]any{"Finished": p.Finished, "FollowedUp": p.FollowedUp, "Identified": p.Identified,
		"Pending": p.Pending, "Lost": p.Lost, "None": p.NoResult}))
	rowsWithheld := false
	for _, ra := range p.Rules {
		// The rule sets' titles differ at their end ("… — strict variant"), which a table's
		// first column cuts off: each table is named in a line of its own.
		doc.p(t.T("train.report.pilot.rule_set", map[string]any{"Title": txt(ra.Guideline.Title, t.lang), "ID": ra.Guideline.ID}))
		tb := &table{
			Head: []string{t.T("train.report.pilot.threshold_col", nil), t.T("train.report.pilot.sensitivity", nil), t.T("train.report.pilot.specificity", nil),
				t.T("train.report.pilot.ppv", nil), t.T("train.report.pilot.npv", nil), t.T("train.report.pilot.counts", nil),
				t.T("train.report.pilot.per_found", nil)},
			Right: []bool{false, true, true, true, true, true, true},
		}
		for _, a := range ra.Accuracies() {
			if a.Suppressed {
				rowsWithheld = true
				tb.Rows = append(tb.Rows, []string{t.thresholdLabel(a), withheld, withheld, withheld, withheld, withheld, withheld})
				continue
			}
			tb.Rows = append(tb.Rows, []string{t.thresholdLabel(a),
				t.proportionCell(a.Sensitivity()), t.proportionCell(a.Specificity()), t.proportionCell(a.PPV()), t.proportionCell(a.NPV()),
				fmt.Sprintf("%d / %d / %d / %d", a.TP, a.FP, a.FN, a.TN), t.perCell(p.PerFound(a))})
		}
		doc.table(tb)
	}
	if rowsWithheld {
		doc.p(t.T("train.report.pilot.rows_withheld", map[string]any{"Count": t.minGroup}))
	}
}

// layoutEfficiency writes the cost of an interview and of finding a victim.
func layoutEfficiency(doc *document, t reportText, p *Pilot) {
	eff := t.T("train.report.pilot.efficiency", map[string]any{"Time": duration(p.MedianSeconds), "Questions": t.l.Number(p.MedianAsked, 1)})
	if n, sec, ok := p.PerIdentified(); ok {
		eff += " " + t.T("train.report.pilot.per_identified", map[string]any{"Interviews": t.l.Number(n, 1), "Time": duration(sec)})
	}
	doc.p(eff)
}

// perCell shows interviews and time per person found, or a dash when none was found.
func (t reportText) perCell(n, sec float64, ok bool) string {
	if !ok {
		return withheld
	}
	return t.l.Number(n, 1) + " · " + duration(sec)
}

// thresholdLabel names a threshold of screen positive for a table's row.
func (t reportText) thresholdLabel(a Accuracy) string {
	if a.AtLeast > 0 {
		return t.l.N("train.report.pilot.threshold.count", a.AtLeast, nil)
	}
	return t.T("train.report.pilot.threshold."+a.Threshold, nil)
}

// thresholdShort names a threshold of screen positive in a chart's label, beside the rule
// set's id.
func (t reportText) thresholdShort(a Accuracy) string {
	if a.AtLeast > 0 {
		return t.l.N("train.report.pilot.threshold_short.count", a.AtLeast, nil)
	}
	return t.T("train.report.pilot.threshold_short."+a.Threshold, nil)
}
