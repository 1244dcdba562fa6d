package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

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

// twoIntrosView opens the two-intros guideline in mode (continued: a specialist has taken
// over a self session) and returns the screen of its first question, and of its second.
func twoIntrosView(t *testing.T, mode interview.Mode, continued bool) (first, second string) {
	t.Helper()
	g, ds := guidelines.LoadBytes("two_intros.yaml", []byte(twoIntros))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	s, err := interview.NewSession(g, "MD-7K3Q-2PXA", mode, "en", "ro", fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	if continued {
		at := fixedNow().Add(time.Hour)
		s.InterviewerContinued = &at
	}
	e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	first = plainView(m)
	m = update(m, keyRunes("y"))
	return first, plainView(m)
}

// In self mode the person reads the section's intro_self, not the interviewer's spoken
// intro ("My name is …"); a section without intro_self shows its intro. With an interviewer
// (a real or training interview, or a self session a specialist continued) the spoken intro
// is shown.
func TestSelfModeShowsTheIntroForThePerson(t *testing.T) {
	const spoken, forPerson, onlyIntro = "My name is Ana and I work here.", "These questions come from the service.", "A few more questions."
	first, second := twoIntrosView(t, interview.ModeSelf, false)
	if !strings.Contains(first, forPerson) || strings.Contains(first, spoken) {
		t.Errorf("self mode does not show the intro written for the person in place of the spoken one:\n%s", first)
	}
	if !strings.Contains(second, onlyIntro) {
		t.Errorf("self mode drops the intro of a section without intro_self:\n%s", second)
	}
	for _, c := range []struct {
		mode      interview.Mode
		continued bool
	}{{interview.ModeReal, false}, {interview.ModeTraining, false}, {interview.ModeSelf, true}} {
		first, second := twoIntrosView(t, c.mode, c.continued)
		if !strings.Contains(first, spoken) || strings.Contains(first, forPerson) {
			t.Errorf("%s (continued %v): the spoken intro is not the one shown:\n%s", c.mode, c.continued, first)
		}
		if !strings.Contains(second, onlyIntro) {
			t.Errorf("%s (continued %v): the second section's intro is missing:\n%s", c.mode, c.continued, second)
		}
	}
}
