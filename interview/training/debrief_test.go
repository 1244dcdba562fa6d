package training

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// traineeA is a trainee's session of the Palanca scenario, worked out by hand against the
// scenario (a 15-year-old boy with a "family friend"):
//
//   - the trainee took the adult's word that the boy is 19 (age 19) and recorded
//     age_uncertain = no: profile adult, so the immediate flag child is MISSED (the rows that
//     made the difference: age 15 vs 19; age_uncertain not in the scenario vs No);
//   - with an adult, child_companion_relation and consent_letter no longer apply: both are
//     skipped by going off-path, so the immediate flag child_moved_unverified is MISSED too,
//     and the flags child_unrelated_adult and child_third_party (which need a child) are
//     missed;
//   - the trainee recorded recruit_pressure = threatened_you: the indicator
//     threats_recruitment is EXTRA, raised by that answer (scenario: none of these);
//   - the outcome is still imminent_exploitation: leaving_on_risky_offer holds for an adult
//     too (on the way, documents to be kept, a debt announced);
//   - time: safety 10 + 20 s, consent 40 + 20 s, age 15 s → 0:30, 1:00, 0:15, total 1:45.
func traineeA(t testing.TB, c *Case) *interview.Session {
	vals := copyValues(c)
	vals["age"] = num(19)
	vals["age_uncertain"] = str("no")
	vals["recruit_pressure"] = guidelines.Value{List: []string{"threatened_you"}}
	return session(t, c, "MD-TEST-000A", vals, map[string]float64{
		"s_private": 10, "s_companion": 20, "consent_interview": 40, "consent_share": 20, "age": 15,
	})
}

func findItem(items []Item, id string) *Item {
	for i := range items {
		if items[i].ID == id {
			return &items[i]
		}
	}
	return nil
}

func TestDebriefParts(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	d, err := NewDebrief(c, traineeA(t, c))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("outcome", func(t *testing.T) {
		if !d.OutcomeMatch || d.Trainee.Outcome.ID != "imminent_exploitation" || d.Trainee.Profile != "adult" || d.Expected.Profile != "child" {
			t.Errorf("outcome %s (match %v), profiles %s/%s", d.Trainee.Outcome.ID, d.OutcomeMatch, d.Trainee.Profile, d.Expected.Profile)
		}
	})

	t.Run("missed immediate flag first", func(t *testing.T) {
		if len(d.MissedUrgent) != 2 || d.MissedUrgent[0].ID != "child" || d.MissedUrgent[1].ID != "child_moved_unverified" {
			t.Fatalf("missed urgent = %+v", d.MissedUrgent)
		}
		ev := d.MissedUrgent[0].Evidence
		// age, age_uncertain, obs_minor — in the condition's order.
		if len(ev) != 3 || ev[0].Question.ID != "age" || ev[0].Scenario.Num != 15 || ev[0].Trainee.Num != 19 || !ev[0].Differs {
			t.Fatalf("evidence %+v", ev)
		}
		if ev[1].InScenario || ev[1].State != StateAnswered || !ev[1].Differs {
			t.Errorf("age_uncertain row %+v", ev[1])
		}
		if ev[2].Differs || ev[2].State != StateNotReached {
			t.Errorf("obs_minor row %+v: neither side asks it", ev[2])
		}
		f := findItem(d.Flags, "child_unrelated_adult")
		if f == nil || f.Status != Missed || f.Evidence[0].State != StateNotReached || f.Evidence[0].Scenario.Str != "family_friend" {
			t.Errorf("child_unrelated_adult = %+v", f)
		}
		if d.Flags[0].ID != "child" {
			t.Errorf("missed flags come first; got %s", d.Flags[0].ID)
		}
		var text bytes.Buffer
		if err := d.Render(&text, FormatText, "en"); err != nil {
			t.Fatal(err)
		}
		out := text.String()
		alert, outcome := strings.Index(out, "!!! MISSED URGENT FLAG !!!"), strings.Index(out, "== Outcome ==")
		if alert < 0 || outcome < 0 || alert > outcome {
			t.Errorf("the missed urgent flag must come before the outcome, as a text marker:\n%s", out)
		}
		var html bytes.Buffer
		d.Render(&html, FormatHTML, "en")
		if !strings.Contains(html.String(), `role="alert"><strong>⚠ MISSED URGENT FLAG:</strong>`) {
			t.Errorf("HTML alert missing")
		}
	})

	t.Run("off-path questions", func(t *testing.T) {
		var ids []string
		for _, r := range d.OffPath {
			ids = append(ids, r.Question.ID+"="+string(r.State))
		}
		if got := strings.Join(ids, " "); got != "child_companion_relation=not_reached consent_letter=not_reached child_crossing=not_reached" {
			t.Errorf("off path: %s", got)
		}
	})

	t.Run("extra indicator with its answer", func(t *testing.T) {
		x := findItem(d.Indicators, "threats_recruitment")
		if x == nil || x.Status != Extra || len(x.Evidence) != 1 || !slices.Equal(x.Evidence[0].Trainee.List, []string{"threatened_you"}) || !slices.Equal(x.Evidence[0].Scenario.List, []string{"none_of_these"}) {
			t.Fatalf("threats_recruitment = %+v", x)
		}
		for _, id := range c.Scenario.Expected.Indicators {
			if it := findItem(d.Indicators, id); it == nil || it.Status != Found {
				t.Errorf("%s should be found: %+v", id, it)
			}
		}
		var text bytes.Buffer
		d.Render(&text, FormatText, "en")
		want := "[EXTRA] Threats of violence by the people who made the offer or arranged the journey\n      Before you reached where you were going — when they made you the offer, or on the journey — did the people who made you the offer, or who arranged or paid for your journey, do any of these things? Choose everything that applies. — scenario: None of these; trainee: Threatened to harm me"
		if !strings.Contains(text.String(), want) {
			t.Errorf("missing %q in\n%s", want, text.String())
		}
	})

	t.Run("answers recorded differently", func(t *testing.T) {
		var ids []string
		for _, r := range d.Different {
			ids = append(ids, r.Question.ID)
		}
		if got := strings.Join(ids, " "); got != "age recruit_pressure" {
			t.Errorf("different: %s", got)
		}
	})

	t.Run("time per section", func(t *testing.T) {
		var got []string
		for _, st := range d.Times {
			got = append(got, st.Section.ID+"="+duration(st.Seconds))
		}
		if g := strings.Join(got, " "); g != "safety=0:30 consent=1:00 age_gate=0:15" || duration(d.Total) != "1:45" {
			t.Errorf("times %s, total %s", g, duration(d.Total))
		}
	})
}

func TestDebriefGolden(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	d, err := NewDebrief(c, traineeA(t, c))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{FormatText, FormatMarkdown} {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			if err := d.Render(&b, f, "en"); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}

// TestGroupDebrief: three trainees of the Palanca scenario — one who found everything
// (safety 60 s), traineeA (safety 30 s), and one who stopped after the safety check (90 s).
// By hand: each expected indicator 2 of 3; threats_recruitment 1 of 3 (extra); child,
// child_moved_unverified, child_third_party and child_unrelated_adult 1 of 3 (traineeA took
// the boy for an adult), the other expected flags 2 of 3; outcomes imminent_exploitation 2,
// no_indicators 1; median safety time 60 s.
func TestGroupDebrief(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	perfect := session(t, c, "MD-TEST-000P", copyValues(c), map[string]float64{"s_private": 60})
	stopped := map[string]guidelines.Value{}
	for _, id := range []string{"s_private", "s_companion", "s_danger", "s_medical", "s_basic_needs", "s_able"} {
		stopped[id] = c.Scenario.Answers.Values[id]
	}
	// Ended after the safety check (the interview was postponed there): finished.
	early := session(t, c, "MD-TEST-000E", stopped, map[string]float64{"s_private": 45, "s_able": 45})
	// Still going, and a demonstration: both left out, and counted.
	going := session(t, c, "MD-TEST-000G", stopped, nil)
	going.Status = interview.StatusInProgress
	demo := session(t, c, "MD-TEST-000D", copyValues(c), nil)
	demo.Demo = true
	gd, err := NewGroupDebrief(c, []*interview.Session{perfect, traineeA(t, c), going, early, demo})
	if err != nil {
		t.Fatal(err)
	}
	if len(gd.Debriefs) != 3 || gd.Unfinished != 1 || gd.Demos != 1 {
		t.Errorf("%d debriefs, %d unfinished, %d demonstrations; want 3, 1, 1", len(gd.Debriefs), gd.Unfinished, gd.Demos)
	}
	counts := map[string]int{}
	for _, it := range append(gd.Indicators, gd.Flags...) {
		id := ""
		if it.Indicator != nil {
			id = it.Indicator.ID
		} else {
			id = it.Flag.ID
		}
		counts[id] = it.Count
		if it.Expected != (id != "threats_recruitment") {
			t.Errorf("%s expected = %v", id, it.Expected)
		}
	}
	want := map[string]int{"threats_recruitment": 1, "child": 1, "child_unrelated_adult": 1, "child_moved_unverified": 1, "child_third_party": 1}
	for _, id := range c.Scenario.Expected.Indicators {
		want[id] = 2
	}
	for _, id := range c.Scenario.Expected.Flags {
		if _, ok := want[id]; !ok {
			want[id] = 2
		}
	}
	for id, n := range want {
		if counts[id] != n {
			t.Errorf("%s found by %d, want %d", id, counts[id], n)
		}
	}
	if len(counts) != len(want) {
		t.Errorf("items %v, want %v", counts, want)
	}
	var outs []string
	for _, o := range gd.Outcomes {
		outs = append(outs, o.Outcome.ID+"="+strconv.Itoa(o.Count))
	}
	if got := strings.Join(outs, " "); got != "imminent_exploitation=2 no_indicators=1" {
		t.Errorf("outcomes %s", got)
	}
	// Who needs attention first: traineeA missed two urgent flags (child,
	// child_moved_unverified); the one who stopped after safety missed the urgent flags
	// of the journey and child and the outcome; the perfect one last of the finished; the
	// one still going after every finished one.
	var rows []string
	for _, r := range gd.Trainees {
		rows = append(rows, fmt.Sprintf("%s u%d m%d x%d %v %v", r.Code, r.UrgentMissed, r.Missed, r.Extra, r.OutcomeMatch, r.Unfinished))
	}
	if got := strings.Join(rows, " | "); got != "MD-TEST-000E u3 m6 x0 false false | MD-TEST-000A u2 m0 x1 true false | MD-TEST-000P u0 m0 x0 true false | MD-TEST-000G u0 m0 x0 false true" {
		t.Errorf("trainee rows: %s", got)
	}
	// Only traineeA answered questions differently (age, recruit_pressure); age_uncertain
	// is not in the scenario, so it is off the scenario's path, not "different".
	var diff []string
	for _, df := range gd.Different {
		diff = append(diff, fmt.Sprintf("%s=%d", df.Question.ID, df.Count))
	}
	if got := strings.Join(diff, " "); got != "age=1 recruit_pressure=1" {
		t.Errorf("answers recorded differently: %s", got)
	}
	if gd.Times[0].Section.ID != "safety" || gd.Times[0].Median != 60 || gd.Times[0].N != 3 {
		t.Errorf("safety time %+v", gd.Times[0])
	}
	var b bytes.Buffer
	if err := gd.Render(&b, FormatText, "en"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{
		"!!! MISSED URGENT FLAG !!!\n!!! Child (under 18, or age in doubt)",
		"missed by 2 of 3 trainees",
		"(not expected) Threats of violence by the people who ma…",
		"1 of 3",
		"3 trainees ·",
		"!!! UNFINISHED INTERVIEW !!!\n!!! 1 unfinished interview is left out of these figures",
		"1 demonstration (simulate --autoplay) is left out",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("group debrief lacks %q:\n%s", s, out)
		}
	}
	golden.RequireEqual(t, b.Bytes())
}

// TestDebriefUnfinished: an interview stopped part-way says so first, loudly; its outcome is
// provisional; the questions it has not got to yet are listed apart from those the trainee
// skipped by going off the scenario's path.
func TestDebriefUnfinished(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	g := c.Guideline
	full := traineeA(t, c) // 19, not a child: the child questions are off the path
	stop := g.Question("offer_made")
	if stop == nil {
		t.Fatal("no question offer_made")
	}
	vals := map[string]guidelines.Value{}
	for id, v := range full.Answers.Values {
		if g.Question(id).Index < stop.Index {
			vals[id] = v
		}
	}
	s := session(t, c, "MD-TEST-000U", vals, nil)
	s.Status = interview.StatusInProgress
	s.Position = interview.Position{Stage: interview.StageQuestions, Question: stop.ID}
	d, err := NewDebrief(c, s)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Unfinished || len(d.NotYet) == 0 || len(d.OffPath) == 0 {
		t.Fatalf("unfinished %v, %d not yet, %d off the path", d.Unfinished, len(d.NotYet), len(d.OffPath))
	}
	for _, r := range d.NotYet {
		if r.Question.Index < stop.Index || r.State != StateNotYet {
			t.Errorf("%s (%s) is listed as not reached yet", r.Question.ID, r.State)
		}
	}
	for _, r := range d.OffPath {
		if r.Question.Index >= stop.Index {
			t.Errorf("%s, not reached yet, is listed as skipped off the path", r.Question.ID)
		}
	}
	if !slices.ContainsFunc(d.OffPath, func(r EvidenceRow) bool { return r.Question.ID == "child_companion_relation" }) {
		t.Errorf("child_companion_relation (off the path of a 19-year-old) is not among the skipped")
	}
	var b bytes.Buffer
	if err := d.Render(&b, FormatText, "en"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	alert := strings.Index(out, "!!! UNFINISHED INTERVIEW !!!\n!!! This interview is not finished (status: in progress). The outcome, indicators and flags below are provisional")
	if alert < 0 || alert > strings.Index(out, "== Outcome ==") {
		t.Errorf("no unfinished alert before the outcome:\n%s", out)
	}
	for _, want := range []string{"[PROVISIONAL] So far: ", "== Questions not reached yet (the interview is unfinished) ==", "trainee: not reached yet (the interview is unfinished)"} {
		if !strings.Contains(out, want) {
			t.Errorf("debrief lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "[AS EXPECTED]") || strings.Contains(out, "[DIFFERENT]") {
		t.Errorf("an unfinished interview's outcome is judged:\n%s", out)
	}
	b.Reset()
	d.Render(&b, FormatText, "uk")
	if !strings.Contains(b.String(), "!!! НЕЗАВЕРШЕНА СПІВБЕСІДА !!!") || !strings.Contains(b.String(), "Питання, до яких ще не дійшли") {
		t.Errorf("uk debrief lacks the unfinished alert or list:\n%s", b.String())
	}

	// Finished, the same answers are a verdict, and nothing is "not yet".
	s.Status = interview.StatusFinished
	d, _ = NewDebrief(c, s)
	if d.Unfinished || len(d.NotYet) != 0 {
		t.Errorf("finished: unfinished %v, %d not yet", d.Unfinished, len(d.NotYet))
	}
}

// TestGroupDebriefNoneFinished: a group whose every interview is unfinished says so in one
// line, instead of charts of nothing.
func TestGroupDebriefNoneFinished(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	var sessions []*interview.Session
	for _, code := range []string{"MD-TEST-00G1", "MD-TEST-00G2"} {
		s := session(t, c, code, map[string]guidelines.Value{"s_private": str("yes")}, nil)
		s.Status = interview.StatusInProgress
		sessions = append(sessions, s)
	}
	gd, err := NewGroupDebrief(c, sessions)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := gd.Render(&b, FormatText, "en"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(oneLine(out), "No trainee has finished this scenario: all 2 interviews are unfinished") {
		t.Errorf("no line says that no trainee finished:\n%s", out)
	}
	if strings.Contains(out, "== ") {
		t.Errorf("a group with no finished trainee has sections:\n%s", out)
	}
}

// TestDebriefNumbersInReadersLanguage: a trainee of the Chișinău café scenario recorded 11.5
// hours a day where the scenario has 12 (and a day off a week), so excessive_hours (12 hours
// or more, or no day off) is missed. The answer is written as a reader of the debrief's
// language writes it: "11,5" in Romanian, Ukrainian and Russian.
func TestDebriefNumbersInReadersLanguage(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-chisinau-cafe-wages")
	vals := copyValues(c)
	vals["work_hours_day"] = num(11.5)
	vals["days_off"] = str("yes")
	d, err := NewDebrief(c, session(t, c, "MD-TEST-000H", vals, nil))
	if err != nil {
		t.Fatal(err)
	}
	if it := findItem(d.Indicators, "excessive_hours"); it == nil || it.Status != Missed {
		t.Fatalf("excessive_hours = %+v", it)
	}
	for lang, want := range map[string]string{"en": "11.5", "ro": "11,5", "uk": "11,5", "ru": "11,5"} {
		for _, f := range []string{FormatText, FormatMarkdown, FormatHTML} {
			var b bytes.Buffer
			if err := d.Render(&b, f, lang); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.Contains(out, want) || lang != "en" && strings.Contains(out, "11.5") {
				t.Errorf("%s %s: the answer 11.5 is not written %q:\n%s", lang, f, want, out)
			}
		}
	}
}
