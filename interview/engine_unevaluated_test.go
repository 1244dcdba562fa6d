package interview

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
)

// An interview whose guideline has a condition that fails while it runs (a text answer read
// as a number: no load-time check can see it) still ends with a result, which says what it
// leaves out, and the finished session is kept.
func TestFinishWhenAConditionFails(t *testing.T) {
	g := guidelinestest.FailsAtRunTime(t)
	store := newRecordingStore()
	e := newEngine(t, g, store)
	mustAnswer(t, e, "nu", guidelines.UnknownValue)
	a, err := e.Finish()
	if err != nil {
		t.Fatalf("Finish = %v, want the result", err)
	}
	if a.Outcome == nil || a.Outcome.ID != "rest" || len(a.Unevaluated) != 1 || a.Unevaluated[0].ID != "i_nu" {
		t.Errorf("result %+v, want outcome rest without i_nu, said", a)
	}
	if s := store.last(); s == nil || s.Status != StatusFinished {
		t.Errorf("last save %+v, want the finished session", s)
	}
}
