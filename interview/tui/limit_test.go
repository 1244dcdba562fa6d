package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

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
