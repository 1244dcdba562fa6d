package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestSelfEndSaysWhatEachServiceDoes: at the end of a self-check, in each language of the
// default guideline, the person reads beside every contact what the service does for them
// (role_self), and never the text written for staff (role: "given to everyone, as
// information").
func TestSelfEndSaysWhatEachServiceDoes(t *testing.T) {
	g := guideline(t, guidelines.DefaultID)
	answers := scenarioAnswers("mixed-flows-md-grandmother-no-indicators")
	// Words only: the screen wraps its lines at its own places.
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, lang := range g.Languages {
		e := session{guideline: guidelines.DefaultID, lang: lang, uiLang: lang, mode: interview.ModeSelf, answers: answers}.engine(t)
		var m tea.Model = New(e, Options{})
		m = update(m, tea.WindowSizeMsg{Width: 100, Height: 80}, keyRunes("f"))
		view := words(plainView(m))
		shown := 0
		for _, r := range e.Contacts() {
			shown++
			if self := words(r.RoleSelf.Plain(lang)); !strings.Contains(view, self) {
				t.Errorf("%s: the self-mode end lacks what %s does for the person, %q:\n%s", lang, r.ID, self, view)
			}
			if role := words(r.Role.Plain(lang)); strings.Contains(view, role) {
				t.Errorf("%s: the self-mode end shows the staff's text of %s, %q", lang, r.ID, role)
			}
		}
		if shown == 0 {
			t.Fatalf("%s: the default guideline has no contact to show", lang)
		}
	}
}
