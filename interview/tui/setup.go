package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/textsafe"
	"github.com/earlyid/earlyid/locales"
)

// setup fields, in the order the form shows them.
const (
	fieldGuideline = iota
	fieldLang
	fieldUILang
	fieldCode
	fieldInterpreter
	fieldMode
	fieldStart
	fieldCount
)

// setupModel is the small setup form: ↑↓ between fields, ←→ to change a value, Enter to
// the next field and, on the last row, to start. Fields the command's flags gave are shown
// but cannot be changed (the cursor skips them).
type setupModel struct {
	ask         [fieldCount]bool
	cursor      int
	langs       []string // the guideline's languages (the person's language)
	lang        int
	uiLang      int // index in locales.Languages
	interpreter bool
}

func newSetup(c *ctx, opts Options) setupModel {
	m := setupModel{langs: c.g.Languages, interpreter: c.s.Interpreter}
	m.ask[fieldLang] = opts.AskLang
	m.ask[fieldUILang] = opts.AskUILang
	m.ask[fieldInterpreter] = opts.AskInterpreter
	m.ask[fieldStart] = true
	m.lang = max(0, slices.Index(m.langs, c.lang))
	m.uiLang = max(0, slices.Index(locales.Languages, c.uiLang))
	m.cursor = m.next(-1, 1)
	return m
}

// next returns the next editable field from i in direction dir (wrapping).
func (m setupModel) next(i, dir int) int {
	for range fieldCount {
		i = (i + dir + fieldCount) % fieldCount
		if m.ask[i] {
			return i
		}
	}
	return fieldStart
}

func (m setupModel) update(c *ctx, msg tea.KeyMsg) (setupModel, action) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = m.next(m.cursor, -1)
	case key.Matches(msg, k.Down), msg.Type == tea.KeyTab:
		m.cursor = m.next(m.cursor, 1)
	case key.Matches(msg, k.Left):
		m = m.adjust(c, -1)
	case key.Matches(msg, k.Right):
		m = m.adjust(c, 1)
	case key.Matches(msg, k.Confirm):
		if m.cursor != fieldStart {
			m.cursor = m.next(m.cursor, 1)
			return m, actNone
		}
		// The engine saves each change before it returns.
		c.e.SetLanguages(m.langs[m.lang], locales.Languages[m.uiLang])
		c.e.SetInterpreter(m.interpreter)
		c.e.Start()
		return m, actSync
	}
	return m, actNone
}

// adjust changes the value of the field under the cursor. A new interviewer's language
// takes effect at once, so the form itself switches language.
func (m setupModel) adjust(c *ctx, dir int) setupModel {
	switch m.cursor {
	case fieldLang:
		m.lang = (m.lang + dir + len(m.langs)) % len(m.langs)
		c.setLanguages(m.langs[m.lang], c.uiLang)
	case fieldUILang:
		n := len(locales.Languages)
		m.uiLang = (m.uiLang + dir + n) % n
		c.setLanguages(c.lang, locales.Languages[m.uiLang])
	case fieldInterpreter:
		m.interpreter = !m.interpreter
	}
	return m
}

func (m setupModel) keys(c *ctx) keySet {
	k := c.keys
	return keySet{
		short: []key.Binding{k.Up, k.Adjust, k.Confirm, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Adjust, k.Confirm}, {k.Help, k.Quit}},
	}
}

func (m setupModel) view(c *ctx, height int) []string {
	w := c.innerWidth()
	mode := c.t("interview.setup.mode.real")
	switch c.s.Mode {
	case interview.ModeTraining:
		mode = c.t("interview.setup.mode.training")
	case interview.ModeSelf:
		mode = c.t("interview.setup.mode.self")
	}
	yesNo := c.t("common.no")
	if m.interpreter {
		yesNo = c.t("common.yes")
	}
	values := [fieldCount]string{
		fieldGuideline:   c.ui(c.g.Title),
		fieldLang:        locales.Autonym(m.langs[m.lang]),
		fieldUILang:      locales.Autonym(locales.Languages[m.uiLang]),
		fieldCode:        textsafe.Line(c.s.Code),
		fieldInterpreter: yesNo,
		fieldMode:        mode,
	}
	labels := [fieldCount]string{
		fieldGuideline:   c.t("interview.setup.guideline"),
		fieldLang:        c.t("interview.setup.person_lang"),
		fieldUILang:      c.t("interview.setup.ui_lang"),
		fieldCode:        c.t("interview.setup.case_code"),
		fieldInterpreter: c.t("interview.setup.interpreter"),
		fieldMode:        c.t("interview.setup.mode"),
	}
	lines := []string{""}
	focus := 0
	for i := range fieldCount {
		if i == fieldStart {
			lines = append(lines, "")
			if m.cursor == i {
				focus = len(lines)
				lines = append(lines, styled(c.th.Cursor, "[ "+c.t("interview.setup.start")+" ]", w, "  ▸ ", "    ")...)
			} else {
				lines = append(lines, "    [ "+c.t("interview.setup.start")+" ]")
			}
			continue
		}
		v := values[i]
		if m.ask[i] {
			v = "‹ " + v + " ›"
		}
		text := labels[i] + ": " + v
		switch {
		case m.ask[i] && m.cursor == i:
			focus = len(lines)
			lines = append(lines, styled(c.th.Cursor, text, w, "  ▸ ", "    ")...)
		default:
			lines = append(lines, styled(c.th.Large.UnsetBold(), text, w, "    ", "    ")...)
		}
		switch i {
		case fieldCode:
			lines = append(lines, styled(c.th.Dim, c.t("interview.setup.case_code_help"), w, "    ", "    ")...)
		case fieldMode:
			if c.s.Mode == interview.ModeTraining {
				lines = append(lines, styled(c.th.Dim, c.t("interview.setup.training_notice"), w, "    ", "    ")...)
			}
		}
	}
	return fit(lines, focus, height)
}
