package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestFooterKeepsBackAndRemarksAt60: on a 60-column terminal, in every language of the
// interface, the one-line help keeps the keys nobody guesses (b back, r the closing
// remarks) and leaves out the obvious ones first; ? and ^X are always there.
func TestFooterKeepsBackAndRemarksAt60(t *testing.T) {
	for _, ui := range localesLanguages() {
		e := session{lang: "uk", uiLang: ui, answers: complete}.engine(t)
		m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 60, Height: 20})
		for _, screen := range []string{"review", "result"} {
			lines := strings.Split(plainView(m), "\n")
			footer := lines[len(lines)-1]
			for _, k := range []string{" b ", " r ", " ? ", " ^X "} {
				if !strings.Contains(footer+" ", k) {
					t.Errorf("%s, %s at 60 columns: the footer lacks %q: %q", ui, screen, strings.TrimSpace(k), footer)
				}
			}
			m = update(m, keyRunes("f"))
		}
	}
}
