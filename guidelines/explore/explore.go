// Package explore walks a guideline through many random interviews to find what a reading
// of the file cannot: conditions that fail while they run (a number compared without a nil
// guard), questions no answer can reach, and indicators, outcomes, flags and referrals that
// never happen. It also measures how many questions a typical interview asks.
//
// An interview here follows the same relevance rule as a live one (guidelines.Resolve):
// questions in file order, each asked only when its section's and its own condition hold on
// the answers given so far; every finished interview is scored with indicators.Score.
package explore

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// Stats summarises the number of questions asked in a set of interviews.
type Stats struct {
	Count            int // interviews
	Min, Median, Max int // questions asked; Median is the lower median
}

// OutcomeStats is the path statistics of the interviews that reached one outcome.
type OutcomeStats struct {
	Outcome string
	Paths   Stats
}

// Report is the result of an exploration.
type Report struct {
	Guideline string
	Runs      int
	Seed      uint64
	// Failed counts the interviews in which some condition failed while it ran.
	Failed int
	// Paths counts the questions asked per interview (those that applied when reached,
	// answered or skipped).
	Paths Stats
	// ByOutcome gives the same statistics per outcome reached, in the guideline's order.
	ByOutcome []OutcomeStats
	// Diagnostics are the findings, with positions in the guideline file: errors for
	// conditions that failed while they ran, warnings for what was never reached.
	Diagnostics guidelines.Diagnostics
	// Unreached lists, in the guideline's order, the outcomes no interview reached, each
	// with why: its condition never held, or it held but earlier outcomes always won.
	Unreached []Unreached
}

// Unreached is an outcome no interview reached.
type Unreached struct {
	Outcome string
	// Held counts the interviews in which the outcome's own condition held; 0 means it
	// never did, and the condition itself is what to look at.
	Held int
	// CaughtBy lists the earlier outcomes that came first in those interviews, in the
	// guideline's order: the outcome is shadowed by them.
	CaughtBy []Catch
}

// Catch is an earlier outcome that won in Count interviews in which a later one held too.
type Catch struct {
	Outcome string
	Count   int
}

// Answer probabilities, in percent. They are biased towards real answers so that deep paths
// (those behind several "yes" answers) are reached in a few hundred interviews, while "don't
// know", "prefer not to answer" and skipped questions still occur often enough to exercise
// every condition's nil and empty cases.
const (
	pctSkip     = 3 // the interviewer moves on without an answer: the question stays "not asked"
	pctUnknown  = 5
	pctDeclined = 5
	pctBoundary = 10 // a number exactly at min or max
	pctPick     = 35 // each choice of a multi question
	// Consent questions gate most of an interview: "yes" to a yes/no question in a consent
	// section this often, so that most random interviews go past consent.
	pctConsentYes = 85
	// A safety answer that suggests postponing is drawn again this often (see interview).
	pctAvoidPause = 85
)

// Run walks g through n random interviews drawn from seed and reports what it found. The
// same g, n and seed always give the same report.
func Run(g *guidelines.Guideline, n int, seed uint64) Report {
	x := &explorer{
		g:         g,
		rng:       rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		ev:        g.NewEvaluator(),
		env:       make(map[string]any, len(g.Questions)),
		failures:  map[guidelines.Pos]*failure{},
		failedNow: map[guidelines.Pos]bool{},
		asked:     make([]bool, len(g.Questions)),
		sections:  make([]bool, len(g.Sections)),
		seen:      map[string]bool{},
		caught:    map[string]map[string]int{},
	}
	rep := Report{Guideline: g.ID, Runs: n, Seed: seed}
	var all []int
	byOutcome := map[string][]int{}
	for range n {
		asked, a, failed := x.interview()
		all = append(all, asked)
		as, err := indicators.Score(g, a)
		if err != nil {
			failed = true
			x.fail(err)
			// Score stops at the first failing condition; check the others of the answers
			// scope one by one so that one broken indicator cannot hide the next.
			x.checkAll()
		} else {
			x.noteReached(as)
			if as.Outcome != nil {
				byOutcome[as.Outcome.ID] = append(byOutcome[as.Outcome.ID], asked)
			}
		}
		if failed {
			rep.Failed++
		}
	}
	rep.Paths = stats(all)
	for _, o := range g.Scoring.Outcomes {
		if lens := byOutcome[o.ID]; len(lens) > 0 {
			rep.ByOutcome = append(rep.ByOutcome, OutcomeStats{Outcome: o.ID, Paths: stats(lens)})
		}
	}
	rep.Unreached = x.unreached()
	rep.Diagnostics = x.diagnostics(n, rep.Unreached)
	return rep
}

type failure struct {
	pos    guidelines.Pos
	src    string
	reason guidelines.Phrase // why, rendered in the reader's language
	count  int
}

type explorer struct {
	g         *guidelines.Guideline
	rng       *rand.Rand
	ev        *guidelines.Evaluator
	env       map[string]any
	failures  map[guidelines.Pos]*failure
	failed    bool                    // a condition failed in the current interview
	failedNow map[guidelines.Pos]bool // the conditions that failed in the current interview

	asked    []bool          // by question index: reached in some interview
	sections []bool          // by section index: applied in some interview
	seen     map[string]bool // ids of indicators, outcomes, flags, referrals that happened
	// caught counts, by outcome id and then by the earlier outcome that won, the
	// interviews in which the outcome's condition held but it was not the first to hold.
	caught map[string]map[string]int
}

// eval runs c, recording a failure and treating the condition as false, so the interview
// goes on and later conditions are still explored.
func (x *explorer) eval(c *guidelines.Condition) bool {
	ok, err := x.ev.Eval(c, x.env)
	if err != nil {
		x.fail(err)
		return false
	}
	return ok
}

// fail records a condition that failed while it ran, once per interview and position.
func (x *explorer) fail(err error) {
	var re *guidelines.RuntimeError
	if !errors.As(err, &re) {
		// Not a condition: report it at the top of the file rather than lose it.
		re = &guidelines.RuntimeError{Err: err}
	}
	f := x.failures[re.Pos]
	if f == nil {
		f = &failure{pos: re.Pos, src: re.Src, reason: re.Reason()}
		x.failures[re.Pos] = f
	}
	if !x.failedNow[re.Pos] {
		x.failedNow[re.Pos] = true
		f.count++
	}
	x.failed = true
}

// interview walks the questions in file order, answering those that apply, and returns the
// number asked, the answers, and whether a condition failed.
func (x *explorer) interview() (int, guidelines.Answers, bool) {
	g := x.g
	x.failed = false
	clear(x.failedNow)
	clear(x.env)
	for _, q := range g.Questions {
		x.env[q.ID] = notAsked(q)
	}
	a := guidelines.NewAnswers()
	asked := 0
	for si, s := range g.Sections {
		if !x.eval(s.When) {
			continue
		}
		x.sections[si] = true
		for _, q := range s.Questions {
			if !x.eval(q.When) {
				continue
			}
			x.asked[q.Index] = true
			asked++
			if x.chance(pctSkip) {
				continue
			}
			v := x.answer(q)
			x.env[q.ID] = envValue(q, v)
			// A safety answer that suggests postponing usually ends a real interview; explore
			// mostly carries on with another answer so that the questions behind it are
			// reached, but keeps some paused paths to exercise what follows them too.
			if q.PauseWhen != nil && x.eval(q.PauseWhen) && x.chance(pctAvoidPause) {
				v = x.answer(q)
				x.env[q.ID] = envValue(q, v)
				x.eval(q.PauseWhen)
			}
			a.Values[q.ID] = v
		}
	}
	if c := g.Privacy.ShareIdentityWhen; c != nil {
		x.eval(c)
	}
	for _, p := range g.Profiles {
		if x.eval(p.When) {
			break
		}
	}
	return asked, a, x.failed
}

// checkAll evaluates every indicator and flag condition on the current interview's answers.
func (x *explorer) checkAll() {
	for _, in := range x.g.Indicators {
		x.eval(in.When)
	}
	for _, f := range x.g.Flags {
		x.eval(f.When)
	}
}

// noteReached notes the indicators, flags, outcome and referrals one scored interview
// reached.
func (x *explorer) noteReached(as *indicators.Assessment) {
	for _, ir := range as.Indicators {
		x.seen["indicator:"+ir.Indicator.ID] = true
	}
	for _, fr := range as.Flags {
		x.seen["flag:"+fr.Flag.ID] = true
	}
	for _, r := range as.Referrals {
		x.seen["referral:"+r.ID] = true
	}
	if as.Outcome != nil {
		x.seen["outcome:"+as.Outcome.ID] = true
		x.noteCaught(as)
	}
}

// noteCaught runs the conditions of the outcomes after the one reached, in the environment
// the outcome was decided in, and counts those that held too: they were caught by the
// outcome reached, which is why an outcome is never reached when its condition does hold.
func (x *explorer) noteCaught(as *indicators.Assessment) {
	after := false
	for _, o := range x.g.Scoring.Outcomes {
		if o == as.Outcome {
			after = true
			continue
		}
		if !after || x.seen["outcome:"+o.ID] {
			continue
		}
		if ok, err := x.ev.Eval(o.When, as.OutcomeEnv); err == nil && ok {
			if x.caught[o.ID] == nil {
				x.caught[o.ID] = map[string]int{}
			}
			x.caught[o.ID][as.Outcome.ID]++
		}
	}
}

// unreached lists the outcomes never reached, each with the earlier outcomes that caught it.
func (x *explorer) unreached() []Unreached {
	var out []Unreached
	for _, o := range x.g.Scoring.Outcomes {
		if x.seen["outcome:"+o.ID] {
			continue
		}
		u := Unreached{Outcome: o.ID}
		for _, by := range x.g.Scoring.Outcomes {
			if n := x.caught[o.ID][by.ID]; n > 0 {
				u.Held += n
				u.CaughtBy = append(u.CaughtBy, Catch{Outcome: by.ID, Count: n})
			}
		}
		out = append(out, u)
	}
	return out
}

func (x *explorer) diagnostics(runs int, unreached []Unreached) guidelines.Diagnostics {
	g := x.g
	var ds guidelines.Diagnostics
	add := func(sev guidelines.Severity, code string, p guidelines.Pos, args map[string]any) {
		args["Runs"] = runs
		ds = append(ds, guidelines.Diagnostic{File: g.File, Pos: p, Severity: sev, Code: code, Args: args})
	}
	fails := make([]*failure, 0, len(x.failures))
	for _, f := range x.failures {
		fails = append(fails, f)
	}
	slices.SortFunc(fails, func(a, b *failure) int {
		if a.pos.Line != b.pos.Line {
			return a.pos.Line - b.pos.Line
		}
		return a.pos.Col - b.pos.Col
	})
	for _, f := range fails {
		add(guidelines.SevError, "explore_condition_failed", f.pos, map[string]any{"Condition": f.src, "Error": f.reason, "Count": f.count})
	}
	for si, s := range g.Sections {
		if !x.sections[si] {
			add(guidelines.SevWarning, "explore_section_unreached", s.Pos, map[string]any{"ID": s.ID})
			continue
		}
		for _, q := range s.Questions {
			if !x.asked[q.Index] {
				add(guidelines.SevWarning, "explore_question_unreached", q.Pos, map[string]any{"ID": q.ID})
			}
		}
	}
	for _, in := range g.Indicators {
		if !x.seen["indicator:"+in.ID] {
			add(guidelines.SevWarning, "explore_indicator_never", in.Pos, map[string]any{"ID": in.ID})
		}
	}
	for _, u := range unreached {
		o := g.Outcome(u.Outcome)
		if u.Held == 0 {
			add(guidelines.SevWarning, "explore_outcome_never", o.Pos, map[string]any{"ID": o.ID})
			continue
		}
		by := make([]string, len(u.CaughtBy))
		for i, c := range u.CaughtBy {
			by[i] = fmt.Sprintf("%s (%d)", c.Outcome, c.Count)
		}
		add(guidelines.SevWarning, "explore_outcome_caught", o.Pos, map[string]any{"ID": o.ID, "Held": u.Held, "By": strings.Join(by, ", ")})
	}
	for _, f := range g.Flags {
		if !x.seen["flag:"+f.ID] {
			add(guidelines.SevWarning, "explore_flag_never", f.Pos, map[string]any{"ID": f.ID})
		}
	}
	for _, r := range g.Referrals {
		if !x.seen["referral:"+r.ID] {
			add(guidelines.SevWarning, "explore_referral_never", r.Pos, map[string]any{"ID": r.ID})
		}
	}
	return ds
}

// chance reports true p times in 100, at random.
func (x *explorer) chance(p int) bool { return x.rng.IntN(100) < p }

// answer draws a random valid answer to q.
func (x *explorer) answer(q *guidelines.Question) guidelines.Value {
	switch r := x.rng.IntN(100); {
	case r < pctUnknown:
		return guidelines.UnknownValue
	case r < pctUnknown+pctDeclined:
		return guidelines.DeclinedValue
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		if q.Section != nil && q.Section.Role == guidelines.RoleConsent {
			if x.rng.IntN(100-pctUnknown-pctDeclined) < pctConsentYes {
				return guidelines.Value{Str: "yes"}
			}
			return guidelines.Value{Str: "no"}
		}
		if x.rng.IntN(2) == 0 {
			return guidelines.Value{Str: "yes"}
		}
		return guidelines.Value{Str: "no"}
	case guidelines.TypeChoice:
		if len(q.Choices) == 0 {
			return guidelines.UnknownValue
		}
		return guidelines.Value{Str: q.Choices[x.rng.IntN(len(q.Choices))].ID}
	case guidelines.TypeMulti:
		if len(q.Choices) == 0 {
			return guidelines.UnknownValue
		}
		var list []string
		for _, c := range q.Choices {
			if x.chance(pctPick) {
				list = append(list, c.ID)
			}
		}
		if len(list) == 0 {
			list = []string{q.Choices[x.rng.IntN(len(q.Choices))].ID}
		}
		return guidelines.Value{List: list}
	case guidelines.TypeNumber:
		return guidelines.Value{Num: x.number(q.Min, q.Max)}
	case guidelines.TypeDate:
		// Any day from 1960 to 2030: dates of birth, of departure, of arrival.
		day := x.rng.IntN(71 * 365)
		return guidelines.Value{Str: dateString(1960, day)}
	default:
		words := []string{"Ana", "Odesa", "a friend", "не знаю", "—"}
		return guidelines.Value{Str: words[x.rng.IntN(len(words))]}
	}
}

// number draws a number within [min, max]: mostly whole numbers, sometimes exactly a bound.
// Without bounds it stays within 0..100, where ages, counts and durations live.
func (x *explorer) number(minP, maxP *float64) float64 {
	lo, hi := 0.0, 100.0
	switch {
	case minP != nil && maxP != nil:
		lo, hi = *minP, *maxP
	case minP != nil:
		lo, hi = *minP, *minP+100
	case maxP != nil:
		lo, hi = min(0, *maxP-100), *maxP
	}
	if hi < lo {
		return lo
	}
	if x.chance(pctBoundary) {
		if x.rng.IntN(2) == 0 {
			return lo
		}
		return hi
	}
	a, b := math.Ceil(lo), math.Floor(hi)
	if b < a || b-a > 1e9 {
		return lo + x.rng.Float64()*(hi-lo)
	}
	return a + float64(x.rng.IntN(int(b-a)+1))
}

// dateString returns the date day days after 1 January of year, as YYYY-MM-DD, without the
// time package's clock (exploration must not depend on it).
func dateString(year, day int) string {
	month := 1
	for {
		n := daysIn(year, month)
		if day < n {
			break
		}
		day -= n
		month++
		if month > 12 {
			month = 1
			year++
		}
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day+1)
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// notAsked and envValue give the value a condition sees for q, exactly as
// guidelines.Resolve builds its environment: a question not asked is "" ([] for a multi,
// nil for a number); "don't know" and "prefer not to answer" are "unknown" and "declined"
// (a list of that one id for a multi; nil for a number, which has no such value).
func notAsked(q *guidelines.Question) any {
	switch q.Type {
	case guidelines.TypeMulti:
		return []string{}
	case guidelines.TypeNumber:
		return nil
	}
	return ""
}

func envValue(q *guidelines.Question, v guidelines.Value) any {
	switch q.Type {
	case guidelines.TypeMulti:
		if v.IsSpecial() {
			return []string{v.Special}
		}
		return append([]string(nil), v.List...)
	case guidelines.TypeNumber:
		if v.IsSpecial() {
			return nil
		}
		return v.Num
	}
	if v.IsSpecial() {
		return v.Special
	}
	return v.Str
}

func stats(lens []int) Stats {
	if len(lens) == 0 {
		return Stats{}
	}
	s := slices.Clone(lens)
	slices.Sort(s)
	return Stats{Count: len(s), Min: s[0], Median: s[(len(s)-1)/2], Max: s[len(s)-1]}
}
