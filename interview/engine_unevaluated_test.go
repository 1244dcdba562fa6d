package interview

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// An interview whose guideline has a condition that fails while it runs (a text answer read
// as a number: no load-time check can see it) still ends with a result, which says what it
// leaves out, and the finished session is kept.
func TestFinishWhenAConditionFails(t *testing.T) {
	g, ds := guidelines.LoadBytes("rt.yaml", []byte(`format: earlyid/guideline/v1
id: rt
version: "1"
title: RT
languages: [en]
sections:
  - id: main
    title: Main
    questions:
      - {id: nu, type: text, text: N}
dimensions:
  - {id: dim, stage: exploitation, text: D}
indicators:
  - {id: i_nu, dimension: dim, strength: weak, text: I, when: 'int(nu) > 10'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: rest, level: low, text: None, when: "true"}
`))
	if g == nil {
		t.Fatalf("does not load: %v", ds)
	}
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
