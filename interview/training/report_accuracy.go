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
	// followed-up interview has, ascending: a count none has would repeat the figures of the
	// next one. None when the rule set has no indicators.
	ByCount []Accuracy

	// byIndicators counts the followed-up interviews by the number of indicators present:
	// [n][0] those not identified, [n][1] those identified.
	byIndicators [][2]int
}

// countIndicators counts into ra a followed-up interview with n indicators present.
func (ra *RuleAccuracy) countIndicators(n int, identified bool) {
	for len(ra.byIndicators) <= n {
		ra.byIndicators = append(ra.byIndicators, [2]int{})
	}
	ra.byIndicators[n][boolInt(identified)]++
}

// finishCounts works out ByCount from the interviews counted.
func (ra *RuleAccuracy) finishCounts() {
	ra.ByCount = nil
	if len(ra.Guideline.Indicators) == 0 {
		return
	}
	for k := 1; k < len(ra.byIndicators); k++ {
		if ra.byIndicators[k] == [2]int{} {
			continue
		}
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

// Pilot sums up the follow-up of a guideline's finished interviews.
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

	seconds, asked []float64
}

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

// finish works out the medians.
func (p *Pilot) finish() {
	p.MedianSeconds, p.MedianAsked = median(p.seconds), median(p.asked)
	p.seconds, p.asked = nil, nil
	for i := range p.Rules {
		p.Rules[i].finishCounts()
	}
}

// addPilot counts f (finished interviews only) into gr's pilot.
func (gr *GuidelineReport) addPilot(f *fact, rules []*guidelines.Guideline) {
	if f.status != interview.StatusFinished {
		return
	}
	p := &gr.Pilot
	if len(p.Rules) == 0 {
		p.Rules = append(p.Rules, newRuleAccuracy(gr.Guideline))
		for _, r := range rules {
			if sharesQuestions(gr.Guideline, r) {
				p.Rules = append(p.Rules, newRuleAccuracy(r))
			}
		}
	}
	p.Finished++
	length, asked := 0.0, 0
	for _, qf := range f.questions {
		if qf.has(qTimed) {
			length += float64(qf.seconds)
		}
		if qf.has(qApplies) && (qf.has(qAnswered) || qf.has(qShown)) {
			asked++
		}
	}
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
		ra.countIndicators(results[i].indicators, truth)
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

func newRuleAccuracy(g *guidelines.Guideline) RuleAccuracy {
	ra := RuleAccuracy{Guideline: g}
	for _, th := range Thresholds {
		ra.ByLevel = append(ra.ByLevel, Accuracy{Threshold: th})
	}
	return ra
}

// proportionCell shows a proportion as "76.9% (95% CI 61.7–87.4%) · 30/39", or a dash
// when there is nothing to divide.
func proportionCell(p Proportion) string {
	if p.N == 0 {
		return withheld
	}
	pc := func(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/10, 'f', 1, 64) }
	return fmt.Sprintf("%s%% (%s–%s%%) · %d/%d", pc(p.Value()), pc(p.Low), pc(p.High), p.K, p.N)
}

// layoutPilot writes the accuracy of each rule set against the follow-up, what it cannot
// show, and how many interviews still wait for a result.
func (gr *GuidelineReport) layoutPilot(doc *document, t reportText) {
	p := gr.Pilot
	if p.Finished == 0 || p.FollowedUp+p.Pending+p.Lost == 0 {
		return // no follow-up recorded at all: not a pilot
	}
	doc.h(3, t.T("train.report.pilot.title", nil))
	doc.p(t.T("train.report.pilot.basis", map[string]any{"Finished": p.Finished, "FollowedUp": p.FollowedUp, "Identified": p.Identified,
		"Pending": p.Pending, "Lost": p.Lost, "None": p.NoResult}))
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
			tb.Rows = append(tb.Rows, []string{t.thresholdLabel(a),
				proportionCell(a.Sensitivity()), proportionCell(a.Specificity()), proportionCell(a.PPV()), proportionCell(a.NPV()),
				fmt.Sprintf("%d / %d / %d / %d", a.TP, a.FP, a.FN, a.TN), perCell(p.PerFound(a))})
		}
		doc.table(tb)
	}
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
				ch.Rows = append(ch.Rows, bar{Label: ra.Guideline.ID + " · " + t.thresholdShort(a) + " · " + t.T(m.id, nil), Value: m.p.Value(), Display: proportionCell(m.p)})
			}
		}
	}
	doc.chart(ch)
	eff := t.T("train.report.pilot.efficiency", map[string]any{"Time": duration(p.MedianSeconds), "Questions": strconv.FormatFloat(p.MedianAsked, 'f', -1, 64)})
	if n, sec, ok := p.PerIdentified(); ok {
		eff += " " + t.T("train.report.pilot.per_identified", map[string]any{"Interviews": strconv.FormatFloat(math.Round(n*10)/10, 'f', -1, 64), "Time": duration(sec)})
	}
	doc.p(eff)
	doc.p(t.T("train.report.pilot.caveats", nil))
}

// perCell shows interviews and time per person found, or a dash when none was found.
func perCell(n, sec float64, ok bool) string {
	if !ok {
		return withheld
	}
	return strconv.FormatFloat(math.Round(n*10)/10, 'f', -1, 64) + " · " + duration(sec)
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
