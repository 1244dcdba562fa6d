package guidelinestest

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TwoIntros returns a small guideline whose first section has an intro read aloud by the
// interviewer and an intro_self for the person alone; its second section has only an
// intro, which self mode shows as it is. The front ends' tests of intro_self share it.
func TwoIntros(t testing.TB) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.LoadBytes("two_intros.yaml", []byte(twoIntros))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	return g
}

const twoIntros = `format: earlyid/guideline/v1
id: two-intros
version: "1"
title: {en: Two intros, ro: Două introduceri}
languages: [en, ro]
sections:
  - id: start
    title: {en: Start, ro: Început}
    intro: {en: "My name is Ana and I work here.", ro: "Mă numesc Ana și lucrez aici."}
    intro_self: {en: "These questions come from **the service**.", ro: "Aceste întrebări vin de la serviciu."}
    questions:
      - {id: offer, type: yesno, text: {en: "Offer?", ro: "Ofertă?"}}
  - id: later
    title: {en: Later, ro: Mai târziu}
    intro: {en: "A few more questions.", ro: "Încă câteva întrebări."}
    questions:
      - {id: job, type: yesno, text: {en: "Job?", ro: "Muncă?"}}
dimensions:
  - {id: deception, stage: recruitment, text: {en: Deception, ro: Înșelăciune}}
indicators:
  - {id: offered, dimension: deception, strength: weak, text: {en: Offered, ro: Oferit}, when: 'offer == "yes"'}
scoring:
  element_positive:
    - {weak: 1}
  outcomes:
    - {id: low, level: low, text: {en: Low, ro: Scăzut}, when: "true"}
`
