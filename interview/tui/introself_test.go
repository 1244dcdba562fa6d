package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// twoIntrosView opens the two-intros guideline in mode (continued: a specialist has taken
// over a self session) and returns the screen of its first question, and of its second.
func twoIntrosView(t *testing.T, mode interview.Mode, continued bool) (first, second string) {
	t.Helper()
	g := guidelinestest.TwoIntros(t)
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

// The person alone sees no instruction for the interviewer: no "◆" marker (read this to
// the person, for the interviewer only, observation) on any question they are asked, in
// any language pair and at the small screen too.
func TestSelfModeShowsNoInterviewerMarker(t *testing.T) {
	g := guideline(t, guidelines.DefaultID)
	var markers []string
	for _, lang := range localesLanguages() {
		l := locales.New(lang)
		for _, id := range []string{"interview.consent.read_aloud", "interview.safety.intro", "interview.observation"} {
			markers = append(markers, l.T(id, nil))
		}
	}
	for _, lp := range langPairs {
		for _, q := range g.Questions {
			if interview.ForInterviewer(q) {
				continue // the engine skips it in self mode
			}
			s, err := interview.NewSession(g, "MD-7K3Q-2PXA", interview.ModeSelf, lp.lang, lp.uiLang, fixedNow())
			if err != nil {
				t.Fatal(err)
			}
			s.Position = interview.Position{Stage: stageOf(q), Question: q.ID}
			e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
			if err != nil {
				t.Fatal(err)
			}
			if e.Session().Position.Question != q.ID {
				continue // does not apply without earlier answers
			}
			var m tea.Model = New(e, Options{})
			for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 60, Height: 20}} {
				m = update(m, size)
				for page := 0; page < 3; page++ { // what scrolled out above too
					v := plainView(m)
					if strings.Contains(v, "◆") {
						t.Errorf("%s-%s %s at %dx%d: self mode shows a marker:\n%s", lp.lang, lp.uiLang, q.ID, size.Width, size.Height, v)
					}
					for _, bad := range markers {
						if strings.Contains(v, bad) {
							t.Errorf("%s-%s %s: self mode shows %q:\n%s", lp.lang, lp.uiLang, q.ID, bad, v)
						}
					}
					m = update(m, keyPgUp)
				}
			}
		}
	}
}

// stageOf is the stage of the question stage q belongs to.
func stageOf(q *guidelines.Question) interview.Stage {
	switch q.Section.Role {
	case guidelines.RoleSafety:
		return interview.StageSafety
	case guidelines.RoleConsent:
		return interview.StageConsent
	}
	return interview.StageQuestions
}
