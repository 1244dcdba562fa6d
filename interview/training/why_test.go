package training

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// TestWhyOneAnswer: in the Telegram construction case the recruitment element is abuse of
// vulnerability, with exactly three medium indicators (lack of information, travel
// arranged by the recruiter, economic reasons). A trainee who records that the man has
// money for the next days (money_next_days = yes) loses economic_reasons_recruitment: two
// medium indicators, the dimension is not positive, and the outcome is no longer
// presumed_victim. The debrief must name that one answer, and the dimension it turns.
func TestWhyOneAnswer(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-telegram-construction-debt")
	vals := copyValues(c)
	vals["money_next_days"] = str("yes")
	d, err := NewDebrief(c, session(t, c, "MD-TEST-00WY", vals, nil))
	if err != nil {
		t.Fatal(err)
	}
	if d.OutcomeMatch {
		t.Fatalf("outcome %s matches the expected one: the case no longer teaches this", d.Trainee.Outcome.ID)
	}
	w := d.Why()
	if w == nil {
		t.Fatal("no explanation for an outcome that differs")
	}
	if len(w.Change) != 1 || w.Change[0].Question.ID != "money_next_days" || !w.Fewest {
		t.Fatalf("change %v (fewest %v), want money_next_days alone", rowIDs(w.Change), w.Fewest)
	}
	var turned []string
	for _, p := range w.Dimensions {
		if p.Differs() {
			turned = append(turned, p.Dimension.ID)
			if p.Expected.Medium != 3 || p.Trainee.Medium != 2 || !p.Expected.Positive || p.Trainee.Positive {
				t.Errorf("%s: trainee %+v, scenario %+v", p.Dimension.ID, p.Trainee, p.Expected)
			}
		}
	}
	if len(turned) != 1 {
		t.Errorf("dimensions that differ: %v, want the recruitment vulnerability one alone", turned)
	}
	for _, p := range w.Referrals {
		if p.Referral.ID == "cctp" && (!p.Expected || p.Trainee) {
			t.Errorf("cctp: trainee %v, scenario %v; the presumed victim is referred, the other outcome not", p.Trainee, p.Expected)
		}
	}

	var b bytes.Buffer
	if err := d.Render(&b, FormatText, "en"); err != nil {
		t.Fatal(err)
	}
	out := oneLine(b.String())
	for _, want := range []string{
		"Why the outcome differs",
		"The smallest change that gives the expected outcome: 1 answer recorded as the scenario has it.",
		"trainee: Yes → scenario: No",
		"strong 0, medium 2, weak 0: not positive; with this change, strong 0, medium 3, weak 0: positive.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the debrief lacks %q:\n%s", want, b.String())
		}
	}
}

func rowIDs(rows []EvidenceRow) []string {
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.Question.ID)
	}
	return ids
}

// TestWhyMinimal: a trainee who stopped asking after the safety questions (and closed the
// interview) differs from the scenario on dozens of answers. Whatever set the debrief
// names must give the expected outcome, and no answer of it may be left out.
func TestWhyMinimal(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-telegram-construction-debt")
	vals := copyValues(c)
	for _, q := range c.Guideline.Questions {
		if q.Section.ID != c.Guideline.Questions[0].Section.ID {
			delete(vals, q.ID)
		}
	}
	d, err := NewDebrief(c, session(t, c, "MD-TEST-00WZ", vals, nil))
	if err != nil {
		t.Fatal(err)
	}
	w := d.Why()
	if w == nil || len(w.Change) == 0 {
		t.Fatalf("no change found: %+v", w)
	}
	outcome := func(change []EvidenceRow) string {
		a := guidelines.NewAnswers()
		for id, v := range d.traineeAnswers.Values {
			a.Values[id] = v
		}
		for _, r := range change {
			a.Values[r.Question.ID] = r.Scenario
		}
		as, err := indicators.Score(c.Guideline, a)
		if err != nil {
			t.Fatal(err)
		}
		return as.Outcome.ID
	}
	if got := outcome(w.Change); got != c.Scenario.Expected.Outcome {
		t.Fatalf("the change %v gives %s", rowIDs(w.Change), got)
	}
	for i := range w.Change {
		less := slices.Delete(slices.Clone(w.Change), i, i+1)
		if outcome(less) == c.Scenario.Expected.Outcome {
			t.Errorf("%s can be left out of %v", w.Change[i].Question.ID, rowIDs(w.Change))
		}
	}
	t.Logf("%d answers (fewest %v): %v", len(w.Change), w.Fewest, rowIDs(w.Change))
}
