package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// remarksModel edits the interviewer's closing remarks, opened with r on the review or
// the result: several lines, prefilled with the remarks saved so far, saved through the
// engine (Engine.SetRemarks, which saves the session) on Ctrl+S. The summary prints them.
// Self mode never offers it: the person must not see the interviewer's fields.
type remarksModel struct {
	area textarea.Model
	// from is the screen the editor was opened from and returns to.
	from screen
}

// remarksAct is what the remarks editor asks the parent to do.
type remarksAct int

const (
	remarksStay  remarksAct = iota
	remarksClose            // back to the screen it was opened from (saved or cancelled)
)

func newRemarks(c *display, from screen) remarksModel {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.CharLimit = interview.MaxText       // the engine's one limit for remarks too
	ta.Cursor.SetMode(cursor.CursorStatic) // no blink timer: calm, and stable frames
	// No highlighted cursor line: a calm screen, and the same in 16 colours and none.
	ta.FocusedStyle.CursorLine = lipgloss.NewStyle()
	ta.SetValue(textsafe.Text(c.s.Remarks))
	ta.Focus()
	m := remarksModel{area: ta, from: from}
	m.resize(c)
	return m
}

// resize fits the text area to the terminal: the body's width, and the height left under
// the explanation, from 3 lines to 10.
func (m *remarksModel) resize(c *display) {
	m.area.SetWidth(max(10, c.innerWidth()-4))
	m.area.SetHeight(max(3, min(10, c.height-15)))
}

func (m remarksModel) update(c *display, msg tea.KeyMsg) (remarksModel, remarksAct) {
	switch {
	case key.Matches(msg, c.keys.SaveRemarks):
		c.e.SetRemarks(textsafe.Text(m.area.Value()))
		return m, remarksClose
	case msg.Type == tea.KeyEsc:
		return m, remarksClose
	}
	m.area, _ = m.area.Update(msg)
	return m, remarksStay
}

func (m remarksModel) keys(c *display) keySet {
	k := c.keys
	return keySet{
		short: []key.Binding{k.SaveRemarks, k.Cancel, k.Quit},
		full:  [][]key.Binding{{k.SaveRemarks, k.Cancel, k.Quit}},
	}
}

func (m remarksModel) view(c *display, height int) []string {
	th := c.th
	w := c.innerWidth()
	lines := []string{""}
	lines = append(lines, styled(th.Title, "✎ "+c.t("tui.remarks.title"), w, "  ", "    ")...)
	lines = append(lines, styled(th.Dim, c.t("tui.remarks.body"), w, "  ", "  ")...)
	lines = append(lines, "")
	focus := len(lines)
	for _, l := range strings.Split(m.area.View(), "\n") {
		lines = append(lines, "  "+l)
	}
	lines = append(lines, limitLines(c, m.area.Value(), w, "  ")...)
	return fit(lines, focus, height)
}

// remarksLines shows the saved closing remarks under their title, or says there are none
// and how to write them (review and result; never in self mode).
func remarksLines(c *display, w int) []string {
	if c.self {
		return nil
	}
	th := c.th
	lines := []string{"  " + th.Title.Render(c.t("summary.section.remarks"))}
	text := strings.TrimSpace(textsafe.Text(c.s.Remarks))
	if text == "" {
		return append(lines, styled(th.Dim, c.t("tui.remarks.none"), w, "    ", "    ")...)
	}
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, styled(th.Large.UnsetBold(), textsafe.Line(l), w, "    ", "    ")...)
	}
	return lines
}
