package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestFullFieldSaysSo: a note that has reached the engine's limit for texts takes nothing
// more, and the screen says so in the interviewer's language, so that whoever types on does
// not believe their words were kept; one character short of the limit, nothing is said.
func TestFullFieldSaysSo(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want bool
	}{{interview.MaxText - 1, false}, {interview.MaxText, true}, {interview.MaxText + 50, true}} {
		e := session{lang: "uk", uiLang: "en"}.engine(t)
		m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 80, Height: 24})
		m = update(m, keyRunes("n"), pasted(strings.Repeat("a", tc.n)))
		if m.(Model).question.overlay != overlayNote {
			t.Fatalf("n did not open the note:\n%s", plainView(m))
		}
		view := strings.Join(strings.Fields(plainView(m)), " ")
		if got := strings.Contains(view, "it is full: what you type now is not added"); got != tc.want {
			t.Errorf("%d characters typed: the limit message shown %v, want %v:\n%s", tc.n, got, tc.want, plainView(m))
		}
		if got := len([]rune(m.(Model).question.note.Value())); got > interview.MaxText {
			t.Errorf("%d characters typed: the note holds %d, more than the limit", tc.n, got)
		}
	}
}

// atConsentShareWith places an interview of the default guideline at the choice of the
// services the person's details may go to: a long list of long choices.
var atConsentShareWith = map[string]guidelines.Value{
	"s_private": yes(), "s_companion": str("no_companion"), "s_danger": no(), "s_medical": no(),
	"s_basic_needs": no(), "s_able": yes(), "interpreter": str("not_needed"),
	"gender_pref": str("no_preference"), "consent_interview": yes(), "consent_share": yes(),
}

// TestReadOnPastTheAnswers: on a long question the keys that would answer read on until the
// answers have been on screen; once they have, scrolling past them (PgDn to the end of a
// long list of choices) does not make the next key read on again at an end that moves no
// more — it answers.
func TestReadOnPastTheAnswers(t *testing.T) {
	e := session{guideline: "mixed-flows-md", lang: "uk", uiLang: "ro", mode: interview.ModeTraining, answers: atConsentShareWith}.engine(t)
	m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 60, Height: 20})
	if q := e.Current().Question; q == nil || q.ID != "consent_share_with" {
		t.Fatalf("the interview is not at consent_share_with:\n%s", plainView(m))
	}
	for range 12 {
		m = update(m, keyPgDown)
	}
	m = update(m, keyRunes(" "))
	if got := m.(Model).question.checked; len(got) != 1 {
		t.Fatalf("Space after reading to the end ticks %v, want the choice under the cursor:\n%s", got, plainView(m))
	}
}
