package tui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// pasted is text pasted into the terminal, as bubbletea delivers it (bracketed paste).
func pasted(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

// TestKeysInABurst: runes that reach the program together (typed fast, sent by tmux
// send-keys, pasted) come as one key message; each of them does what it does typed alone,
// on the screen the one before it left.
func TestKeysInABurst(t *testing.T) {
	start := func(t *testing.T, answers map[string]guidelines.Value) (*interview.Engine, tea.Model) {
		t.Helper()
		e := session{lang: "uk", uiLang: "ro", answers: answers}.engine(t)
		return e, update(New(e, Options{}), tea.WindowSizeMsg{Width: 80, Height: 24})
	}
	t.Run("digits tick choices", func(t *testing.T) {
		e, m := start(t, atMulti)
		m = update(m, keyRunes("23"))
		if got := m.(Model).question.checked; len(got) != 2 || !got["online"] || !got["agency"] {
			t.Fatalf("\"23\" in one message ticks %v, want choices 2 and 3:\n%s", got, plainView(m))
		}
		update(m, keyEnter)
		if got := e.Session().Answers.Values["recruited_via"]; !slices.Equal(got.List, []string{"online", "agency"}) {
			t.Errorf("Enter after \"23\" answers %+v, want online and agency", got)
		}
	})
	t.Run("space in a burst ticks", func(t *testing.T) {
		_, m := start(t, atMulti)
		m = update(m, keyRunes("j j "))
		if got := m.(Model).question.checked; len(got) != 2 || !got["online"] || !got["agency"] {
			t.Errorf("\"j j \" in one message ticks %v, want choices 2 and 3", got)
		}
	})
	t.Run("yes then digits", func(t *testing.T) {
		e, m := start(t, atWork)
		if id := e.Current().Question.ID; id != "job_offer" {
			t.Fatalf("the test starts at %s, want job_offer", id)
		}
		update(m, keyRunes("y14"), keyEnter)
		if got := e.Session().Answers.Values["job_offer"]; got.Str != "yes" {
			t.Errorf("job_offer is %+v after \"y14\", want yes", got)
		}
		if got := e.Session().Answers.Values["recruited_via"]; !slices.Equal(got.List, []string{"acquaintance", "other"}) {
			t.Errorf("recruited_via is %+v after \"y14\" and Enter, want acquaintance and other", got)
		}
		if id := e.Current().Question.ID; id != "job_as_promised" {
			t.Errorf("the interview stands at %s, want job_as_promised", id)
		}
	})
	t.Run("a digit starts a number, the rest is typed in it", func(t *testing.T) {
		e, m := start(t, atAbout)
		if id := e.Current().Question.ID; id != "age" {
			t.Fatalf("the test starts at %s, want age", id)
		}
		m = update(m, keyDown, keyUp) // out of the field and back: digits start typing
		update(m, keyRunes("27"), keyEnter)
		if got := e.Session().Answers.Values["age"]; got.Num != 27 {
			t.Errorf("age is %+v after \"27\" and Enter, want 27", got)
		}
	})
	t.Run("a note opened in the burst takes the rest", func(t *testing.T) {
		e, m := start(t, atMulti)
		update(m, keyRunes("nhe said 23"), keyEnter)
		if got := e.Session().Answers.Notes["recruited_via"]; got != "he said 23" {
			t.Errorf("the note is %q, want \"he said 23\"", got)
		}
		if got := m.(Model).question.checked; len(got) != 0 {
			t.Errorf("the note's digits ticked %v", got)
		}
	})
	t.Run("a paste into a note is text", func(t *testing.T) {
		e, m := start(t, atMulti)
		update(m, keyRunes("n"), pasted("Olena: y 1 2 b"), keyEnter)
		if got := e.Session().Answers.Notes["recruited_via"]; got != "Olena: y 1 2 b" {
			t.Errorf("the note is %q, want the pasted text", got)
		}
		if id := e.Current().Question.ID; id != "recruited_via" {
			t.Errorf("the paste moved the interview to %s", id)
		}
	})
	t.Run("review", func(t *testing.T) {
		e, m := start(t, complete)
		if got := m.(Model).screen; got != screenReview {
			t.Fatalf("screen %d, want the review", got)
		}
		m = update(m, keyRunes("rAjutor acceptat."), keyCtrlS)
		if got := e.Session().Remarks; got != "Ajutor acceptat." {
			t.Errorf("\"r\" and text in one message: remarks %q, want \"Ajutor acceptat.\"", got)
		}
		m = update(m, keyRunes("fr"))
		if mm := m.(Model); mm.screen != screenRemarks || !strings.Contains(plainView(m), "Ajutor acceptat.") {
			t.Errorf("\"fr\" on the review: screen %d, want the result's remarks open:\n%s", mm.screen, plainView(m))
		}
	})
}
