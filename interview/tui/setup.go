package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// setup fields, in the order the form shows them.
const (
	fieldGuideline = iota
	fieldLang
	fieldUILang
	fieldCode
	fieldInterpreter
	fieldPlace // place, role and institution: optional free text for the summary's header
	fieldRole
	fieldInstitution
	fieldMode
	fieldStart
	fieldCount
)

// The setup, export and copy forms are drawn here rather than with huh (v1.0.0, which
// resolves with this module's bubbletea, bubbles and lipgloss), for two reasons measured
// against it:
//
//   - huh moves between fields through messages returned as commands (NextField), so a key
//     that arrives before that message lands in the field just left: "one", Enter, "two"
//     sent together (a paste, a fast typist, keys read in one burst) gave A="onetwo" and
//     B="", three runs out of three. These forms move on the key itself, as every screen of
//     this package acts on a key before the next one is read.
//   - huh's text inputs blink (their cursor mode is not reachable), so the frames change on
//     a timer; ours have a static cursor: a calm screen, and goldens that do not depend on
//     when the test quits.
//
// Nor would its accessible mode serve: its prompts are in English only, and with piped
// input it keeps only the first answer; the plain mode is the accessible front end.

// setupModel is the small setup form: ↑↓ between fields, ←→ to change a value, Enter to
// the next field and, on the last row, to start. Fields the command's flags gave are shown
// but cannot be changed (the cursor skips them). Place, role and institution are optional
// text fields, shown only when the session does not have them yet (the command's --place,
// --role and --institution fill it before the form opens).
type setupModel struct {
	ask         [fieldCount]bool
	cursor      int
	langs       []string // the guideline's languages (the person's language)
	lang        int
	uiLang      int // index in locales.Languages
	interpreter bool
	// text holds the inputs of the text fields, by field - fieldPlace.
	text [3]textinput.Model
	// recovery is the line about the organisation's recovery key, "" when not shown.
	recovery string
}

func newSetup(c *display, opts Options) setupModel {
	m := setupModel{langs: c.g.Languages, interpreter: c.s.Interpreter}
	m.ask[fieldLang] = opts.AskLang
	m.ask[fieldUILang] = opts.AskUILang
	m.ask[fieldInterpreter] = opts.AskInterpreter
	for i, have := range m.headerValues(c) {
		m.ask[fieldPlace+i] = have == ""
		ti := newTextInput(c, c.t("interview.setup.optional"))
		ti.CharLimit = interview.MaxHeaderField
		m.text[i] = ti
	}
	m.ask[fieldStart] = true
	if opts.ShowRecovery && c.s.Mode != interview.ModeTraining {
		m.recovery = c.t("interview.setup.no_recovery")
		if opts.Recovery != "" {
			m.recovery = c.li.T("interview.setup.recovery", map[string]any{"Key": shortRecipient(opts.Recovery)})
		}
	}
	m.lang = max(0, slices.Index(m.langs, c.lang))
	m.uiLang = max(0, slices.Index(locales.Languages, c.uiLang))
	m = m.setCursor(c, m.next(-1, 1))
	return m
}

// headerValues are the session's place, role and institution, in the order of the fields.
func (m setupModel) headerValues(c *display) [3]string {
	return [3]string{c.s.Place, c.s.InterviewerRole, c.s.Institution}
}

// isText reports whether field i is a text field.
func isText(i int) bool { return i >= fieldPlace && i <= fieldInstitution }

// typing reports whether keys go into a text field now: then every key but the arrows,
// Tab and Enter is text, ? too (a place may be "?"), so the footer does not offer the help
// there; it opens from any other field.
func (m setupModel) typing() bool { return isText(m.cursor) }

// setCursor moves the cursor to field i, and the text cursor with it.
func (m setupModel) setCursor(c *display, i int) setupModel {
	m.cursor = i
	m.sizeInputs(c)
	for j := range m.text {
		m.text[j].Blur()
	}
	if isText(i) {
		m.text[i-fieldPlace].Focus()
		m.text[i-fieldPlace].CursorEnd()
	}
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

func (m setupModel) update(c *display, msg tea.KeyMsg) (setupModel, action) {
	k := c.keys
	text := m.typing()
	switch {
	// In a text field only the arrows and Tab move: j, k, h and l are letters there.
	case msg.Type == tea.KeyUp || msg.Type == tea.KeyShiftTab || (!text && key.Matches(msg, k.Up)):
		m = m.setCursor(c, m.next(m.cursor, -1))
	case msg.Type == tea.KeyDown || msg.Type == tea.KeyTab || (!text && key.Matches(msg, k.Down)):
		m = m.setCursor(c, m.next(m.cursor, 1))
	case text && msg.Type != tea.KeyEnter:
		m.sizeInputs(c)
		i := m.cursor - fieldPlace
		m.text[i], _ = m.text[i].Update(msg)
	case key.Matches(msg, k.Left):
		return m.adjust(-1)
	case key.Matches(msg, k.Right):
		return m.adjust(1)
	case key.Matches(msg, k.Confirm):
		if m.cursor != fieldStart {
			m = m.setCursor(c, m.next(m.cursor, 1))
			return m, actNone
		}
		return m, actStart
	}
	return m, actNone
}

// start stores what the form was given on the session and starts the interview.
// Place, role and institution are set before the engine's calls, which save them; they
// describe the interviewer, never the person.
func (m setupModel) start(e *interview.Engine) {
	s := e.Session()
	for i, p := range []*string{&s.Place, &s.InterviewerRole, &s.Institution} {
		if m.ask[fieldPlace+i] {
			// The input stops at the limit, and cleaning only shortens.
			*p, _ = interview.HeaderField(m.text[i].Value())
		}
	}
	// The engine saves each change before it returns.
	e.SetLanguages(m.langs[m.lang], locales.Languages[m.uiLang])
	e.SetInterpreter(m.interpreter)
	e.Start()
}

// adjust changes the value of the field under the cursor. A new language takes effect at
// once (actLanguages: the parent sets it), so the form itself switches language.
func (m setupModel) adjust(dir int) (setupModel, action) {
	switch m.cursor {
	case fieldLang:
		m.lang = (m.lang + dir + len(m.langs)) % len(m.langs)
		return m, actLanguages
	case fieldUILang:
		n := len(locales.Languages)
		m.uiLang = (m.uiLang + dir + n) % n
		return m, actLanguages
	case fieldInterpreter:
		m.interpreter = !m.interpreter
	}
	return m, actNone
}

func (m setupModel) keys(c *display) keySet {
	k := c.keys
	switch {
	case m.typing():
		return keySet{
			short: []key.Binding{k.Field, k.Next, k.Quit},
			full:  [][]key.Binding{{k.Field, k.Next}, {k.Quit}},
		}
	case m.cursor == fieldStart:
		// Nothing to change here: Enter starts the interview.
		return keySet{
			short: []key.Binding{k.Up, k.Confirm, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Confirm}, {k.Help, k.Quit}},
		}
	}
	return keySet{
		short: []key.Binding{k.Up, k.Adjust, k.Confirm, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Adjust, k.Confirm}, {k.Help, k.Quit}},
	}
}

func (m setupModel) view(c *display, height int) []string {
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
		fieldPlace:       c.t(headerLabels[0]),
		fieldRole:        c.t(headerLabels[1]),
		fieldInstitution: c.t(headerLabels[2]),
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
		if isText(i) {
			if m.ask[i] {
				lines, focus = m.textRow(c, i, labels[i], w, lines, focus)
			}
			// The hint while typing in one of them: that keeps the form within 60×20.
			if i == fieldInstitution && m.typing() {
				lines = append(lines, styled(c.th.Dim, c.t("interview.setup.header_help"), w, "    ", "    ")...)
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
			if m.recovery != "" {
				lines = append(lines, styled(c.th.Dim, m.recovery, w, "    ", "    ")...)
			}
		}
	}
	return fit(lines, focus, height)
}

// textRow appends text field i: "Label: › text" on one line, or the input on a line of its
// own under the label when the line would leave it too little room.
func (m setupModel) textRow(c *display, i int, label string, w int, lines []string, focus int) ([]string, int) {
	st, first := c.th.Large.UnsetBold(), "    "
	if m.cursor == i {
		st, first = c.th.Cursor, "  ▸ "
		focus = len(lines)
	}
	ti := m.text[i-fieldPlace]
	ti.Placeholder = c.t("interview.setup.optional") // the form's language may have changed
	// The width may have changed since the last key (a resize, another language): scroll
	// the copy drawn here so that the cursor stays in view.
	width, inline := inputWidth(c, label)
	ti.Width = width
	if m.cursor == i {
		ti.SetCursor(ti.Position())
	} else {
		// A field left shows how its text begins ("ofițer poliție de …"), not where the
		// typing stopped.
		ti.SetCursor(0)
	}
	if inline {
		return append(lines, first+st.Render(label+":")+" › "+ti.View()), focus
	}
	lines = append(lines, styled(st, label+":", w, first, "    ")...)
	return append(lines, "    › "+ti.View()), focus
}

// inputWidth is the width of the text of a field labelled label, and whether it fits on
// the label's line ("  ▸ Label: › text", a cell left for the cursor at the end).
func inputWidth(c *display, label string) (int, bool) {
	w := c.innerWidth()
	if room := w - lipgloss.Width("  ▸ "+label+": › ") - 1; room >= 16 {
		return room, true
	}
	return max(10, w-7), false
}

// sizeInputs gives the text inputs the widths the view draws them with, so that they
// scroll as they are drawn.
func (m *setupModel) sizeInputs(c *display) {
	for j := range m.text {
		m.text[j].Width, _ = inputWidth(c, c.t(headerLabels[j]))
	}
}

// headerLabels are the message ids of the text fields' labels.
var headerLabels = [3]string{"interview.setup.place", "interview.setup.role", "interview.setup.institution"}

// shortRecipient shortens an age recipient to its first and last characters, enough to
// compare it with the organisation's at a glance ("age1ql3z7h…mcac8p"); the whole key
// would take two lines of a small screen.
func shortRecipient(r string) string {
	if len(r) <= 20 {
		return r
	}
	return r[:10] + "…" + r[len(r)-6:]
}
