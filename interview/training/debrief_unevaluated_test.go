package training

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview"
)

// TestDebriefOfAnIncompleteResult: when a condition of the guideline fails while it runs on
// the trainee's answers (a text read as a number), the trainee still gets a debrief — the
// interview showed a result — and it says, before the outcome, which part could not be
// evaluated and why.
func TestDebriefOfAnIncompleteResult(t *testing.T) {
	g := guidelinestest.FailsAtRunTime(t)
	sc := &guidelines.Scenario{ID: "fails-demo", Guideline: g.ID, Title: guidelines.Text{"en": "Demo"}}
	sc.Answers = guidelines.Answers{Values: map[string]guidelines.Value{"nu": {Str: "5"}}}
	sc.Expected.Outcome = "rest"
	s, err := interview.NewSession(g, "TR-7K3Q-2PXA", interview.ModeTraining, "en", "en", time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s.Scenario, s.Status = sc.ID, interview.StatusFinished
	s.Answers.Values["nu"] = guidelines.Value{Str: "twelve"}
	d, err := NewDebrief(&Case{Scenario: sc, Guideline: g}, s)
	if err != nil {
		t.Fatalf("no debrief for a result with a part that could not be evaluated: %v", err)
	}
	var buf bytes.Buffer
	if err := d.Render(&buf, "text", "en"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	why, item := strings.Index(out, "Could not be evaluated"), strings.Index(out, "i_nu")
	if why < 0 || item < why {
		t.Errorf("the debrief does not say what could not be evaluated:\n%s", out)
	}
	if o := strings.LastIndex(out, "None"); o >= 0 && o < why {
		t.Errorf("the failure is said after the outcome:\n%s", out)
	}
}
