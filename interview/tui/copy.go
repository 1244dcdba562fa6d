package tui

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/textsafe"
)

// copyState is what the copy screen shows.
type copyState int

const (
	copyEditing     copyState = iota // type where the copy goes
	copyWriting                      // the copy is written in a command: a progress line, no keys
	copyConfirmSkip                  // quit without a copy? (asked once more: changes are lost)
	copyDone                         // the copy was written
)

// copyModel is the screen shown when the interviewer ends the interview normally while the
// last save failed (a full disk, a removed drive) and the store can write protected copies:
// the changes since the last good save exist only in memory, so it offers to write an
// encrypted copy of the session elsewhere (interview.Snapshot.WriteCopy), as often as needed,
// or to quit anyway. The quick exit comes here too when its own save fails; otherwise it
// stays instant and neutral. It is drawn by hand, not with huh, for the reasons setup.go
// gives.
type copyModel struct {
	state   copyState
	input   textinput.Model
	errMsg  string // the last failure, as a localized sentence
	path    string // copyWriting: where the copy goes
	written string // copyDone: the file written
}

// copyAct is what the copy screen asks the parent to do.
type copyAct int

const (
	copyStay  copyAct = iota
	copyWrite         // write the copy to path, off the event loop (writer)
	copyQuit          // end the program
)

func newCopy(c *display) copyModel {
	m := copyModel{input: newTextInput(c, c.t("tui.copy.placeholder"))}
	m.resize(c)
	m.input.Focus()
	return m
}

func (m *copyModel) resize(c *display) { m.input.Width = max(10, c.innerWidth()-6) }

// typing reports whether keys go into the path field now.
func (m copyModel) typing() bool { return m.state == copyEditing }

func (m copyModel) update(c *display, msg tea.KeyMsg) (copyModel, copyAct) {
	switch m.state {
	case copyConfirmSkip:
		switch msg.Type {
		case tea.KeyEnter:
			return m, copyQuit
		case tea.KeyEsc:
			m.state = copyEditing
			m.input.Focus()
		}
		return m, copyStay
	case copyDone:
		if key.Matches(msg, c.keys.Dismiss) {
			return m, copyQuit
		}
		return m, copyStay
	case copyWriting:
		return m, copyStay
	}
	switch msg.Type {
	case tea.KeyEnter:
		return m.write(c)
	case tea.KeyEsc:
		m.state = copyConfirmSkip
		m.input.Blur()
		return m, copyStay
	}
	m.input, _ = m.input.Update(msg)
	return m, copyStay
}

// write asks for the copy where the field says; the parent writes it (writer) and hands
// the result to finish.
func (m copyModel) write(c *display) (copyModel, copyAct) {
	m.errMsg = ""
	m.path = expandHome(strings.TrimSpace(m.input.Value()))
	if m.path == "" {
		m.errMsg = c.t("tui.copy.empty")
		return m, copyStay
	}
	m.state = copyWriting
	m.input.Blur()
	return m, copyWrite
}

// finish shows how the copy ended: a failure is shown and the field stays for another
// place.
func (m copyModel) finish(c *display, written string, err error) copyModel {
	switch {
	case err == nil:
		m.state = copyDone
		m.written = written
		return m
	case errors.Is(err, fs.ErrExist):
		m.errMsg = c.li.T("tui.copy.exists", map[string]any{"Path": textsafe.Line(m.path)})
	default:
		m.errMsg = c.li.T("tui.copy.failed", map[string]any{"Reason": reason(c, err)})
	}
	m.state = copyEditing
	m.input.Focus()
	return m
}

func (m copyModel) keys(c *display) keySet {
	k := c.keys
	switch m.state {
	case copyConfirmSkip:
		return keySet{
			short: []key.Binding{k.QuitAnyway, k.Return, k.Help, k.Quit},
			full:  [][]key.Binding{{k.QuitAnyway, k.Return}, {k.Help, k.Quit}},
		}
	case copyDone:
		return keySet{short: []key.Binding{k.Dismiss, k.Quit}}
	case copyWriting:
		return keySet{short: []key.Binding{k.Quit}}
	}
	return keySet{
		short: []key.Binding{k.WriteCopy, k.SkipCopy, k.Quit},
		full:  [][]key.Binding{{k.WriteCopy, k.SkipCopy}, {k.Quit}},
	}
}

func (m copyModel) view(c *display, height int) []string {
	th := c.th
	w := c.innerWidth()
	lines := []string{""} // the header says that the last save failed, and why
	switch m.state {
	case copyDone:
		lines = append(lines, styled(th.Large, "✓ "+c.li.T("vault.copy.done", map[string]any{
			"Path": textsafe.Line(m.written), "Code": textsafe.Line(c.s.Code)}), w, "  ", "    ")...)
		return fit(lines, 0, height)
	case copyConfirmSkip:
		lines = append(lines, styled(th.Large, c.t("tui.copy.confirm_skip"), w, "  ", "  ")...)
		return fit(lines, len(lines)-1, height)
	case copyWriting:
		lines = append(lines, styled(th.Large, "… "+c.t("tui.copy.running"), w, "  ", "    ")...)
		return fit(lines, 0, height)
	}
	lines = append(lines, styled(th.Large.UnsetBold(), c.t("tui.copy.body"), w, "  ", "  ")...)
	lines = append(lines, "")
	lines = append(lines, styled(th.Cursor, c.t("tui.copy.path")+":", w, "  ▸ ", "    ")...)
	focus := len(lines)
	lines = append(lines, "    › "+m.input.View())
	if m.errMsg != "" {
		lines = append(lines, "")
		lines = append(lines, styled(th.Error, "! "+m.errMsg, w, "  ", "    ")...)
		focus = len(lines) - 1
	}
	return fit(lines, focus, height)
}
