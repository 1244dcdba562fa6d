package plain

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// roUK is a guideline in Romanian and Ukrainian only.
const roUK = `format: earlyid/guideline/v1
id: ro-uk
version: "1"
title: {ro: Test, uk: Тест}
languages: [ro, uk]
sections:
  - id: main
    title: {ro: Principal, uk: Основне}
    questions:
      - id: work
        type: choice
        text: {ro: "Unde lucrați?", uk: "Де ви працюєте?"}
        choices:
          - {id: farm, text: {ro: La fermă, uk: На фермі}}
          - {id: shop, text: {ro: Într-un magazin, uk: У магазині}}
dimensions:
  - {id: d, stage: recruitment, text: {ro: D, uk: Д}}
indicators:
  - {id: i, dimension: d, strength: strong, text: {ro: I, uk: І}, when: 'work == "farm"'}
scoring:
  element_positive:
    - {strong: 1}
  outcomes:
    - {id: nothing_found, level: low, text: {ro: Nimic, uk: Нічого}, when: "true"}
`

// TestAnswerTextForAnInterviewerOutsideTheGuideline: an English-speaking interviewer of a
// Romanian and Ukrainian guideline reads the answers, as every other guideline text, in the
// person's language — every time, as the full-screen interface shows them — and not in
// whichever language a map happens to give first.
func TestAnswerTextForAnInterviewerOutsideTheGuideline(t *testing.T) {
	g, ds := guidelines.LoadBytes("ro-uk.yaml", []byte(roUK))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load:\n%v", ds)
	}
	e := newEngine(t, g, interview.ModeTraining, "uk", "en", interview.NewMemoryStore(), nil)
	r := newRunner(e, nil, nil)
	q := g.Question("work")
	for range 32 {
		if got := r.valueText(q, guidelines.Value{Str: "farm"}); got != "На фермі" {
			t.Fatalf("the answer reads %q, want the person's language, %q", got, "На фермі")
		}
	}
}
