package plain

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// twoIntros is a small guideline whose first section has an intro read aloud by the
// interviewer and an intro_self for the person alone; its second section has only an intro,
// which self mode shows as it is.
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

func twoIntrosGuideline(t *testing.T) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.LoadBytes("two_intros.yaml", []byte(twoIntros))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	return g
}

// In self mode the person reads the section's intro_self, not the interviewer's spoken
// intro ("My name is …"); a section without intro_self shows its intro. With an interviewer
// the spoken intro is shown.
func TestSelfModeShowsTheIntroForThePerson(t *testing.T) {
	const spoken, forPerson, onlyIntro = "My name is Ana and I work here.", "These questions come from the service.", "A few more questions."
	g := twoIntrosGuideline(t)

	_, self := run(t, newEngine(t, g, interview.ModeSelf, "en", "en", interview.NewMemoryStore(), nil), "y\nn\n")
	if !strings.Contains(self, forPerson) {
		t.Errorf("self mode does not show the intro written for the person:\n%s", self)
	}
	if strings.Contains(self, spoken) {
		t.Errorf("self mode shows the intro the interviewer reads aloud:\n%s", self)
	}
	if !strings.Contains(self, onlyIntro) {
		t.Errorf("self mode drops the intro of a section without intro_self:\n%s", self)
	}

	for _, mode := range []interview.Mode{interview.ModeReal, interview.ModeTraining} {
		_, out := run(t, newEngine(t, g, mode, "en", "en", interview.NewMemoryStore(), nil), "y\nn\n")
		if !strings.Contains(out, spoken) || !strings.Contains(out, onlyIntro) {
			t.Errorf("%s mode does not show the intros read aloud:\n%s", mode, out)
		}
		if strings.Contains(out, forPerson) {
			t.Errorf("%s mode shows the intro meant for the person alone:\n%s", mode, out)
		}
	}
}
