package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview"
)

// noteBox opens the note box on the first question of a session in mode and returns the
// screen, and the session once a note was typed and saved.
func noteBox(t *testing.T, mode interview.Mode) (string, *interview.Session) {
	t.Helper()
	g := guidelinestest.TwoIntros(t)
	s, err := interview.NewSession(g, "MD-7K3Q-2PXA", mode, "en", "en", fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 30}, keyRunes("n"))
	box := plainView(m)
	update(m, keyRunes("We travelled at night"), tea.KeyMsg{Type: tea.KeyEnter})
	return box, s
}

// In self mode the note box speaks to the person, who writes the note themselves, and the
// note is saved as theirs; with an interviewer the box keeps the interviewer's words.
func TestSelfNoteBoxSpeaksToThePerson(t *testing.T) {
	box, s := noteBox(t, interview.ModeSelf)
	if !strings.Contains(box, "Anything you want to add?") || strings.Contains(box, "Note on this question") {
		t.Errorf("the self-mode note box does not speak to the person:\n%s", box)
	}
	if strings.Contains(box, "what you observed") {
		t.Errorf("the self-mode note box asks the person what they observed:\n%s", box)
	}
	for id, n := range s.Answers.Notes {
		if s.Answers.NoteAuthor(id) != "person" {
			t.Errorf("the person's note %q on %s is recorded as the interviewer's", n, id)
		}
	}
	if len(s.Answers.Notes) != 1 {
		t.Fatalf("notes %v: the typed note was not saved", s.Answers.Notes)
	}

	box, s = noteBox(t, interview.ModeReal)
	if !strings.Contains(box, "Note on this question") || strings.Contains(box, "Anything you want to add?") {
		t.Errorf("the interviewer's note box changed:\n%s", box)
	}
	for id := range s.Answers.Notes {
		if s.Answers.NoteAuthor(id) != "interviewer" {
			t.Errorf("the interviewer's note on %s is recorded as the person's", id)
		}
	}
}
