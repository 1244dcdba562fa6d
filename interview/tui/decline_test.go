package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestOnlyThePersonDeclines: "Prefer not to answer" is the person's right. The safety
// check (the interviewer's own judgement) does not offer it, and 4 there answers nothing;
// the person's questions still offer it.
func TestOnlyThePersonDeclines(t *testing.T) {
	const declined = "Prefer să nu răspund"
	e := session{lang: "uk", uiLang: "ro"}.engine(t)
	m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := plainView(m); !strings.Contains(v, "Nu știu") || strings.Contains(v, declined) {
		t.Errorf("the safety check offers %q, or not \"Nu știu\":\n%s", declined, v)
	}
	m = update(m, keyRunes("4"))
	if len(e.Session().Answers.Values) != 0 || e.Current().Question.ID != "safe_to_talk" {
		t.Errorf("4 on the safety check answered %+v", e.Session().Answers.Values)
	}
	m = update(m, keyRunes("y"), keyRunes("y")) // safe; consent to the interview
	if v := plainView(m); !strings.Contains(v, declined) {
		t.Errorf("the person's consent question does not offer %q:\n%s", declined, v)
	}
}
