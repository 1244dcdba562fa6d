package tui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// overlay is what covers (part of) the question screen.
type overlay int

const (
	overlayNone     overlay = iota
	overlayNote             // the note editor, under the question
	overlaySections         // the jump list
	overlayPanel            // the indicator panel (narrow terminals; wide ones show it aside unless it is cut there)
)

// rowKind is what an answer row does.
type rowKind int

const (
	rowYes rowKind = iota
	rowNo
	rowChoice
	rowInput
	rowUnknown
	rowDeclined
)

// row is one answer row.
type row struct {
	kind   rowKind
	choice string // rowChoice: the choice id
}

// questionModel is one question screen (safety, consent or interview question) with its
// overlays.
type questionModel struct {
	step    interview.Step
	rows    []row
	cursor  int
	checked map[string]bool // multi: the choices ticked

	input   textinput.Model // number, date, text
	editing bool            // keys go into input
	errMsg  string          // the last validation message, in place
	// replacing is 1 + the row of "Don't know" or "Prefer not to answer" chosen on a multi
	// question with options ticked: the message area asks to confirm that it replaces them,
	// Enter again does, any other key keeps the ticks. 0: nothing waits.
	replacing int

	hint    bool
	overlay overlay
	note    textinput.Model

	sections []interview.SectionStatus // applicable sections, for the jump list
	secCur   int

	// panelOpen keeps the live indicator panel open (key i); the parent passes it on to
	// the next question's screen.
	panelOpen bool
	panel     *indicators.Assessment // the live panel's assessment, computed in Update
	panelErr  error
	// panelScroll scrolls the panel overlay (↑↓, PgUp/PgDn): with many indicators it is
	// longer than a small terminal.
	panelScroll viewport.Model

	// page moves the screen by half-screens from where the cursor puts it (PgUp/PgDn),
	// until another key brings the cursor back into view.
	page int
	// fromTop: the screen shows the question from the top of its text (a consent is read
	// from its first word), PgDn and PgUp scrolling from there; until the cursor's answer
	// has been on the screen, the keys that would answer read on instead. The first key
	// after that turns it off, and the screen follows the cursor as before.
	fromTop bool
	// read: the cursor's answer has been on the screen since the question opened. PgDn may
	// then scroll it out again (past the last choices); the answers were seen all the same,
	// and the next key answers instead of reading on at an end that moves no more.
	read bool
}

// isInput reports whether q is answered by typing.
func isInput(q *guidelines.Question) bool {
	switch q.Type {
	case guidelines.TypeNumber, guidelines.TypeDate, guidelines.TypeText:
		return true
	}
	return false
}

func newTextInput(c *display, placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = interview.MaxText       // the engine's one limit for texts and notes
	ti.Cursor.SetMode(cursor.CursorStatic) // no blink timer: calm, and stable frames
	ti.Width = max(10, c.innerWidth()-8)
	return ti
}

// newQuestion is the screen of step st; panel opens the indicator panel with it (it was
// open on the question before).
func newQuestion(c *display, st interview.Step, panel bool) questionModel {
	q := st.Question
	m := questionModel{step: st, checked: map[string]bool{}, panelOpen: panel, fromTop: true}
	switch q.Type {
	case guidelines.TypeYesNo:
		m.rows = append(m.rows, row{kind: rowYes}, row{kind: rowNo})
	case guidelines.TypeChoice, guidelines.TypeMulti:
		for _, ch := range q.Choices {
			m.rows = append(m.rows, row{kind: rowChoice, choice: ch.ID})
		}
	default:
		m.rows = append(m.rows, row{kind: rowInput})
		ph := c.t("interview.input.text_placeholder")
		switch q.Type {
		case guidelines.TypeNumber:
			ph = c.t("interview.input.number_placeholder")
		case guidelines.TypeDate:
			ph = c.t("interview.input.date_format")
		}
		m.input = newTextInput(c, ph)
		m.input.Focus()
		m.editing = true
	}
	m.rows = append(m.rows, row{kind: rowUnknown})
	if !interview.ForInterviewer(q) {
		// Declining is the person's right; the interviewer answers what they observe or
		// judge, or does not know (the engine refuses it too).
		m.rows = append(m.rows, row{kind: rowDeclined})
	}
	if st.Answered || st.Prefilled {
		m.preselect(st.Value)
	}
	if m.panelOpen && !c.self {
		m.refreshPanel(c)
	}
	return m
}

// preselect puts the cursor on (and ticks, fills in) the answer already given.
func (m *questionModel) preselect(v guidelines.Value) {
	q := m.step.Question
	for i, r := range m.rows {
		hit := false
		switch r.kind {
		case rowUnknown:
			hit = v.Special == guidelines.Unknown
		case rowDeclined:
			hit = v.Special == guidelines.Declined
		case rowYes:
			hit = v.Str == "yes"
		case rowNo:
			hit = v.Str == "no"
		case rowChoice:
			hit = v.Str == r.choice || (q.Type == guidelines.TypeMulti && slices.Contains(v.List, r.choice))
		case rowInput:
			if !v.IsSpecial() {
				if q.Type == guidelines.TypeNumber {
					m.input.SetValue(strconv.FormatFloat(v.Num, 'f', -1, 64))
				} else {
					m.input.SetValue(textsafe.Line(v.Str))
				}
				hit = true
			}
		}
		if hit {
			if q.Type == guidelines.TypeMulti && r.kind == rowChoice {
				m.checked[r.choice] = true
				if len(m.checked) > 1 {
					continue // the cursor stays on the first ticked choice
				}
			}
			m.cursor = i
		}
	}
	if isInput(q) && m.cursor != 0 {
		m.editing = false
		m.input.Blur()
	}
}

func (m *questionModel) resize(c *display) {
	w := max(10, c.innerWidth()-8)
	m.input.Width = w
	m.note.Width = w
}

// refreshPanel scores the answers for the live indicator panel. It runs in Update (on
// opening the panel and on each question), never in View.
func (m *questionModel) refreshPanel(c *display) {
	m.panel, m.panelErr = c.e.Assessment()
}

func (m questionModel) update(c *display, msg tea.KeyMsg) (questionModel, action) {
	k := c.keys
	switch m.overlay {
	case overlayNote:
		switch {
		case msg.Type == tea.KeyEnter:
			c.e.Note(textsafe.Line(m.note.Value()))
			m.step.Note = c.e.Current().Note
			m.overlay = overlayNone
			if isInput(m.step.Question) && m.cursor == 0 {
				m.editing = true
				m.input.Focus()
			}
		case msg.Type == tea.KeyEsc:
			m.overlay = overlayNone
		default:
			m.note, _ = m.note.Update(msg)
		}
		return m, actNone
	case overlaySections:
		switch {
		case key.Matches(msg, k.Up):
			m.secCur = (m.secCur - 1 + len(m.sections)) % max(1, len(m.sections))
		case key.Matches(msg, k.Down):
			m.secCur = (m.secCur + 1) % max(1, len(m.sections))
		case key.Matches(msg, k.Confirm):
			if len(m.sections) > 0 {
				if err := c.e.JumpToSection(m.sections[m.secCur].Section.ID); err == nil {
					return m, actSync
				}
			}
			m.overlay = overlayNone
		case key.Matches(msg, k.Close, k.Sections):
			m.overlay = overlayNone
		}
		return m, actNone
	case overlayPanel:
		h := c.bodyH
		m.panelScroll = rescroll(m.panelScroll, m.panelLines(c, c.innerWidth()), h)
		switch {
		case key.Matches(msg, k.Close, k.Indicators):
			m.overlay = overlayNone
			m.panelOpen = false
		case key.Matches(msg, k.Up):
			m.panelScroll.ScrollUp(1)
		case key.Matches(msg, k.Down):
			m.panelScroll.ScrollDown(1)
		case msg.Type == tea.KeyPgUp:
			m.panelScroll.ScrollUp(max(1, h/2))
		case msg.Type == tea.KeyPgDown:
			m.panelScroll.ScrollDown(max(1, h/2))
		}
		return m, actNone
	}

	if m.editing {
		if m.fromTop {
			if !m.answersRead(c) && (msg.Type == tea.KeyEnter || msg.Type == tea.KeyDown || msg.Type == tea.KeyPgDown) {
				m.turnPage(c, 1) // as on the other questions: read on before answering
				return m, actNone
			}
			// Typing is on purpose: the screen follows the field from now on.
			m.fromTop, m.page = false, 0
		}
		switch msg.Type {
		case tea.KeyEnter:
			return m.submitInput(c)
		case tea.KeyEsc:
			m.editing = false
			m.input.Blur()
			return m, actNone
		case tea.KeyDown, tea.KeyTab:
			m.editing = false
			m.input.Blur()
			m.cursor = 1
			return m, actNone
		case tea.KeyUp:
			return m, actNone
		case tea.KeyBackspace, tea.KeyLeft:
			// On an empty field there is nothing to delete or move over: the key goes back,
			// as it does on every other question.
			if m.input.Value() == "" {
				if err := c.e.Back(); err != nil {
					m.errMsg = c.t("tui.first_question")
					return m, actNone
				}
				return m, actSync
			}
		}
		m.input, _ = m.input.Update(msg)
		m.errMsg = ""
		return m, actNone
	}

	q := m.step.Question
	if m.replacing != 0 {
		i := m.replacing - 1
		m.replacing, m.errMsg = 0, ""
		if key.Matches(msg, k.Confirm) && m.cursor == i {
			return m.answer(c, specialValue(m.rows[i].kind))
		}
		return m, actNone // any other key keeps the ticks, and does nothing else
	}
	switch msg.Type {
	case tea.KeyPgUp:
		m.turnPage(c, -1)
		return m, actNone
	case tea.KeyPgDown:
		m.turnPage(c, 1)
		return m, actNone
	}
	if m.fromTop {
		if !m.answersRead(c) {
			// The text is longer than the screen and has not all been on it yet: a key that
			// would answer reads on instead (half a screen), so that nothing is agreed to
			// unread. PgDn does the same; b, n, s and the others work as ever.
			if key.Matches(msg, k.Up, k.Down, k.Confirm, k.Pick, k.Yes, k.Toggle) {
				m.turnPage(c, 1)
				return m, actNone
			}
			// Other keys (n, s, an unknown one) keep the place in the text.
		} else {
			m.fromTop, m.page = false, 0 // read: from now on the screen follows the cursor
		}
	} else {
		m.page = 0
	}
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = (m.cursor - 1 + len(m.rows)) % len(m.rows)
		m.focusInputRow()
	case key.Matches(msg, k.Down):
		m.cursor = (m.cursor + 1) % len(m.rows)
		m.focusInputRow()
	case key.Matches(msg, k.Toggle) && q.Type == guidelines.TypeMulti:
		if r := m.rows[m.cursor]; r.kind != rowChoice {
			// Space ticks options; the two special answers are given with Enter, and a
			// press that did nothing would leave the interviewer guessing.
			m.errMsg = c.li.T("tui.multi.space_special", map[string]any{"Answer": c.t(specialLabel(r.kind))})
			return m, actNone
		}
		m.toggle(m.cursor)
	case key.Matches(msg, k.Confirm):
		return m.choose(c, m.cursor)
	case key.Matches(msg, k.Pick):
		n := int(msg.Runes[0] - '1')
		if isInput(q) {
			// A digit starts typing (a number, a date).
			m.cursor, m.editing = 0, true
			m.input.Focus()
			m.input, _ = m.input.Update(msg)
			return m, actNone
		}
		if n < len(m.rows) {
			m.cursor = n
			if q.Type == guidelines.TypeMulti && m.rows[n].kind == rowChoice {
				m.toggle(n)
				return m, actNone
			}
			return m.choose(c, n)
		}
	case key.Matches(msg, k.Yes) && q.Type == guidelines.TypeYesNo:
		return m.answer(c, guidelines.Value{Str: "yes"})
	case key.Matches(msg, k.Note):
		m.overlay = overlayNote
		m.note = newTextInput(c, c.t(c.noteID("placeholder")))
		m.note.SetValue(m.step.Note)
		m.note.CursorEnd()
		m.note.Focus()
	case key.Matches(msg, k.Hint) && !c.self:
		m.hint = !m.hint
	case key.Matches(msg, k.Back):
		if err := c.e.Back(); err != nil {
			m.errMsg = c.t("tui.first_question")
			return m, actNone
		}
		return m, actSync
	case key.Matches(msg, k.Sections):
		m.sections = m.sections[:0]
		cur := 0
		for _, s := range c.e.Sections() {
			if !s.Applies {
				continue
			}
			if s.Section == m.step.Section {
				cur = len(m.sections)
			}
			m.sections = append(m.sections, s)
		}
		m.secCur = cur
		m.overlay = overlaySections
	case key.Matches(msg, k.Indicators) && !c.self:
		if c.width < wideWidth {
			// Narrow: the panel covers the question, so i always opens it, even when it
			// was left open beside a question on a wider terminal.
			m.panelOpen = true
			m.openPanel(c)
			return m, actNone
		}
		// Wide: the panel stands beside the question, unless it is longer than the screen
		// there; then i opens it over the question, where ↑↓ and PgUp/PgDn scroll it (the
		// side panel's last line says so).
		switch {
		case !m.panelOpen:
			m.panelOpen = true
			m.refreshPanel(c)
			if m.panelCut(c) {
				m.openPanel(c)
			}
		case m.panelCut(c):
			m.openPanel(c)
		default:
			m.panelOpen = false
		}
	case key.Matches(msg, k.Swap) && !c.self:
		return m, actSwap
	}
	return m, actNone
}

// answersRead reports whether the cursor's answer has been on the screen since the question
// opened (it may have been scrolled out again since), or is now.
func (m questionModel) answersRead(c *display) bool { return m.read || m.answersSeen(c) }

// answersSeen reports whether the cursor's answer row is on the screen as it is scrolled
// now, and so everything above it has been: the window opened at the top.
func (m questionModel) answersSeen(c *display) bool {
	h := c.bodyH
	l := m.questionLines(c, m.textWidth(c))
	shift := m.page * max(1, h/2)
	// As window draws it: markers scrolled out are pinned above, and take their lines.
	for _, mk := range l.marks {
		if !l.shows(h, shift, mk[0], mk[1]) {
			if n := len(l.markLines()); h-n >= minPinnedBody {
				for i := len(l.marks) - 1; i >= 0; i-- {
					l = l.without(l.marks[i][0], l.marks[i][1])
				}
				h -= n
			}
			break
		}
	}
	return l.shows(h, shift, l.focus, l.focus+1)
}

// turnPage moves the screen half a page up (dir -1) or down (1), unless it is already at
// that end: a press that moves nothing would need another press to undo.
func (m *questionModel) turnPage(c *display, dir int) {
	m.read = m.read || m.answersSeen(c)
	defer func() { m.read = m.read || m.answersSeen(c) }()
	h := c.bodyH
	l := m.questionLines(c, m.textWidth(c))
	n := len(l.lines)
	if n <= h {
		return
	}
	base, half := l.start(h), max(1, h/2)
	at := func(page int) int { return max(0, min(base+page*half, n-h)) }
	if at(m.page+dir) != at(m.page) {
		m.page += dir
	}
}

// textWidth is the question's text width: beside the indicator panel on a wide terminal,
// else the body's.
func (m questionModel) textWidth(c *display) int {
	if m.panelOpen && !c.self && c.width >= wideWidth {
		return c.width - panelWidth - 2*margin - 3
	}
	return c.innerWidth()
}

// openPanel shows the indicator panel over the question, from its top.
func (m *questionModel) openPanel(c *display) {
	m.refreshPanel(c)
	m.overlay = overlayPanel
	m.panelScroll = rescroll(viewport.Model{}, m.panelLines(c, c.innerWidth()), c.bodyH)
}

// fitPanel follows a resize with the indicator panel open: over the question below
// wideWidth, beside it from there. (A panel open but hidden would need i twice.)
func (m *questionModel) fitPanel(c *display) {
	switch {
	case !m.panelOpen || c.self:
	case c.width < wideWidth && m.overlay == overlayNone:
		m.openPanel(c)
	case c.width >= wideWidth && m.overlay == overlayPanel && !m.panelCut(c):
		m.overlay = overlayNone
	}
}

// panelCut reports whether the indicator panel beside the question is longer than the
// body: then it is read over the question, scrolled.
func (m questionModel) panelCut(c *display) bool {
	return len(m.panelLines(c, panelWidth)) > c.bodyH
}

// focusInputRow starts typing when the cursor lands on the input row.
func (m *questionModel) focusInputRow() {
	if isInput(m.step.Question) && m.cursor == 0 {
		m.editing = true
		m.input.Focus()
	}
}

func (m *questionModel) toggle(i int) {
	r := m.rows[i]
	if r.kind != rowChoice {
		return
	}
	m.checked[r.choice] = !m.checked[r.choice]
	if !m.checked[r.choice] {
		delete(m.checked, r.choice)
	}
	m.errMsg = ""
}

// choose acts on row i: answers it, or for a multi question confirms the ticked choices.
func (m questionModel) choose(c *display, i int) (questionModel, action) {
	q := m.step.Question
	switch r := m.rows[i]; r.kind {
	case rowYes:
		return m.answer(c, guidelines.Value{Str: "yes"})
	case rowNo:
		return m.answer(c, guidelines.Value{Str: "no"})
	case rowUnknown, rowDeclined:
		if n := len(m.checked); q.Type == guidelines.TypeMulti && n > 0 {
			// The special answer replaces the ticked options: never without a word.
			m.replacing = i + 1
			m.errMsg = c.li.N("tui.multi.replace_ticks", n, map[string]any{"Answer": c.t(specialLabel(r.kind))})
			return m, actNone
		}
		return m.answer(c, specialValue(r.kind))
	case rowInput:
		m.editing = true
		m.input.Focus()
		return m, actNone
	default:
		if q.Type == guidelines.TypeChoice {
			return m.answer(c, guidelines.Value{Str: r.choice})
		}
		var list []string
		for _, ch := range q.Choices {
			if m.checked[ch.ID] {
				list = append(list, ch.ID)
			}
		}
		if len(list) == 0 {
			m.errMsg = c.t("interview.error.empty_multi")
			return m, actNone
		}
		return m.answer(c, guidelines.Value{List: list})
	}
}

// specialValue is the answer of the row "Don't know" (rowUnknown) or "Prefer not to
// answer" (rowDeclined).
func specialValue(k rowKind) guidelines.Value {
	if k == rowDeclined {
		return guidelines.DeclinedValue
	}
	return guidelines.UnknownValue
}

// specialLabel is the message id of the label of row kind k (rowUnknown or rowDeclined).
func specialLabel(k rowKind) string {
	if k == rowDeclined {
		return "interview.answer.declined"
	}
	return "interview.answer.unknown"
}

func (m questionModel) submitInput(c *display) (questionModel, action) {
	q := m.step.Question
	raw := m.input.Value()
	if strings.TrimSpace(raw) == "" {
		id := "interview.error.empty"
		if q.Type == guidelines.TypeText {
			id = "interview.error.empty_text"
		}
		m.errMsg = c.t(id)
		return m, actNone
	}
	// The engine reads what was typed (a decimal comma, DD.MM.YYYY dates, ? and - for the
	// two special answers), so both front ends take the same input.
	v, err := interview.ParseInput(q, textsafe.Line(raw))
	if err != nil {
		m.errMsg = answerErrorText(c, err)
		return m, actNone
	}
	return m.answer(c, v)
}

// answer gives v to the engine (which saves before it returns). An invalid answer stays
// on the screen with its message in place.
func (m questionModel) answer(c *display, v guidelines.Value) (questionModel, action) {
	if err := c.e.Answer(v); err != nil {
		m.errMsg = answerErrorText(c, err)
		return m, actNone
	}
	return m, actSync
}

// answerErrorText is the localized message of an answer error.
func answerErrorText(c *display, err error) string {
	var ae *interview.AnswerError
	if errors.As(err, &ae) {
		return c.li.T("interview.error."+ae.Kind, ae.Data())
	}
	return textsafe.Line(err.Error())
}

func (m questionModel) keys(c *display) keySet {
	k := c.keys
	switch {
	case m.overlay == overlayNote:
		return keySet{short: []key.Binding{k.Save, k.Cancel, k.Quit}}
	case m.overlay == overlaySections:
		return keySet{short: []key.Binding{k.Up, k.Confirm, k.Close, k.Quit}}
	case m.overlay == overlayPanel:
		return keySet{short: []key.Binding{k.Scroll, k.Close, k.Quit}, full: [][]key.Binding{{k.Scroll, k.Page, k.Close, k.Quit}}}
	case m.editing:
		// Every letter goes into the field: the footer says how to get the other keys.
		return keySet{short: []key.Binding{k.Confirm, k.OtherKeys, k.Quit}, full: [][]key.Binding{{k.Confirm, k.OtherKeys, k.Quit}}}
	}
	q := m.step.Question
	if m.fromTop && !m.answersRead(c) {
		// Enter reads on here: the footer must not say that it confirms.
		return keySet{
			short: []key.Binding{k.ReadOn, k.Note, k.Back, k.Help, k.Quit},
			full:  [][]key.Binding{{k.ReadOn, k.PageUp, k.Note, k.Back}, {k.Sections, k.Help, k.Quit}},
		}
	}
	short := []key.Binding{k.Up, k.Confirm}
	if q.Type == guidelines.TypeMulti {
		short = append(short, k.Toggle)
	}
	short = append(short, k.Note)
	if !c.self {
		short = append(short, k.Hint)
	}
	short = append(short, k.Back, k.Help, k.Quit)
	nav := []key.Binding{k.Up, k.Confirm, k.Pick}
	if q.Type == guidelines.TypeYesNo {
		nav = append(nav, k.Yes)
	}
	if q.Type == guidelines.TypeMulti {
		nav = append(nav, k.Toggle)
	}
	more := []key.Binding{k.Note}
	if !c.self {
		more = append(more, k.Hint, k.Indicators)
	}
	more = append(more, k.Back, k.Sections)
	if !c.self { // the person alone reads one language: there is nothing to swap
		more = append(more, k.Swap)
	}
	more = append(more, k.Page, k.Help, k.Cancel, k.Quit)
	return keySet{short: short, full: [][]key.Binding{nav, more}}
}

// wideWidth is the width from which the indicator panel is shown beside the question
// instead of over it.
const wideWidth = 110

// panelWidth is the indicator panel's width when shown beside the question.
const panelWidth = 40

func (m questionModel) view(c *display, height int) []string {
	switch m.overlay {
	case overlaySections:
		return m.sectionsView(c, height)
	case overlayPanel:
		return c.pagedFrom(m.panelLines(c, c.innerWidth()), 0, height, m.panelScroll.YOffset)
	}
	if m.panelOpen && !c.self && c.width >= wideWidth {
		return m.besidePanel(c, height)
	}
	return m.window(c, m.textWidth(c), height)
}

// questionLayout is the question screen laid out at one width: its lines, the line the
// cursor is on, and the span to keep in view together: from the blank line above the
// question (top) to its last answer row (end).
type questionLayout struct {
	lines           []string
	focus, top, end int
	// msgFrom and msgTo are the lines of the message about the answer ("choose at least
	// one"), msgFrom == msgTo when there is none.
	msgFrom, msgTo int
	// marks are the lines of the markers that say how to treat the question ("◆ Observation
	// — do not ask", "◆ Read this to the person"), each [from, to).
	marks [][2]int
	// fromTop starts the window at the first line (questionModel.fromTop).
	fromTop bool
}

// window renders the question screen at width w in height lines. Nothing is left out:
// when it is too long, what stands above the question (the section intro, the consent's
// instruction) scrolls out first, under a line that says PgUp shows it, so that both
// languages of the question and its answers stay on the screen.
//
// The message about the answer (a validation error) is never out of view: when the
// window would leave it below (a multi question whose choices fill the screen), it is
// pinned under the window, right above the footer.
//
// Nor is a marker ("◆ For the interviewer — do not read aloud"): when the intro above the question
// scrolls it out, it is pinned at the top of the window.
func (m questionModel) window(c *display, w, height int) []string {
	l := m.questionLines(c, w)
	shift := m.page * max(1, height/2)
	// A marker scrolled out with the intro would let a question the interviewer must not
	// read aloud look like any other: it is pinned at the top, as the header is.
	var pinned []string
	for _, mk := range l.marks {
		if !l.shows(height, shift, mk[0], mk[1]) {
			pinned = l.markLines()
			break
		}
	}
	if n := len(pinned); n > 0 && height-n >= minPinnedBody {
		for i := len(l.marks) - 1; i >= 0; i-- {
			l = l.without(l.marks[i][0], l.marks[i][1])
		}
		return append(pinned, l.pinMessage(c, height-n, shift)...)
	}
	return l.pinMessage(c, height, shift)
}

// minPinnedBody is the fewest lines left for the question under pinned markers: on a
// smaller screen they scroll with the rest.
const minPinnedBody = 6

// markLines are the lines of l's markers, in order.
func (l questionLayout) markLines() []string {
	var out []string
	for _, mk := range l.marks {
		out = append(out, l.lines[mk[0]:mk[1]]...)
	}
	return out
}

// pinMessage renders l in height lines moved by shift, with the message about the answer
// pinned under the window when it would be out of view.
func (l questionLayout) pinMessage(c *display, height, shift int) []string {
	out := c.pagedFrom(l.lines, l.start(height), height, shift)
	if l.msgTo == l.msgFrom || l.shows(height, shift, l.msgFrom, l.msgTo) {
		return out
	}
	msg := l.lines[l.msgFrom:l.msgTo]
	rest := l.without(l.msgFrom, l.msgTo)
	h := max(1, height-len(msg))
	return append(c.pagedFrom(rest.lines, rest.start(h), h, shift), msg...)
}

// shows reports whether lines [from, to) of l are all in the window of height lines moved
// by shift, and not under its "more" lines.
func (l questionLayout) shows(height, shift, from, to int) bool {
	n := len(l.lines)
	if n <= height {
		return true
	}
	first, last := shownSpan(l.lines, max(0, min(l.start(height)+shift, n-height)), height)
	return from >= first && to-1 <= last
}

// without is l with lines [from, to) taken out, its marks moved to match.
func (l questionLayout) without(from, to int) questionLayout {
	n := to - from
	lines := append(append([]string(nil), l.lines[:from]...), l.lines[to:]...)
	move := func(i int) int {
		switch {
		case i >= to:
			return i - n
		case i >= from:
			return max(0, from-1)
		}
		return i
	}
	var marks [][2]int
	for _, mk := range l.marks {
		if mk[0] >= to || mk[1] <= from {
			marks = append(marks, [2]int{move(mk[0]), move(mk[1])})
		}
	}
	out := questionLayout{lines: lines, focus: move(l.focus), top: move(l.top), end: move(l.end), marks: marks, fromTop: l.fromTop}
	if l.msgFrom >= to {
		out.msgFrom, out.msgTo = l.msgFrom-n, l.msgTo-n
	} else if l.msgTo <= from {
		out.msgFrom, out.msgTo = l.msgFrom, l.msgTo
	}
	return out
}

// start is the first line of l to show in height lines before PgUp/PgDn.
func (l questionLayout) start(height int) int {
	n := len(l.lines)
	if n <= height || l.fromTop {
		return 0 // from the first word, until the text has been read (questionModel.fromTop)
	}
	end := l.end
	if end < n-1 {
		end++ // the line that says more follows
	}
	switch {
	case end-l.top < height:
		// The question and its answers fit: hide as little above them as that takes.
		return max(0, end-height+1)
	case l.focus-l.top < height-1:
		// They do not all fit: the question first, and the cursor still in view.
		return l.top
	}
	return fitStart(n, l.focus, height, 0)
}

// besidePanel draws the question on the left and the indicator panel on the right.
func (m questionModel) besidePanel(c *display, height int) []string {
	leftW := m.textWidth(c)
	left := m.window(c, leftW, height)
	right := m.panelLines(c, panelWidth)
	if len(right) > height {
		// Cut: the last line says that i shows all of it (over the question, scrolled).
		more := styled(c.th.Dim, "↓ "+c.t("tui.indicators.more"), panelWidth, "  ", "  ")[0]
		right = append(right[:max(0, height-1)], more)
	}
	out := make([]string, height)
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = padRight(l, leftW+margin) + " " + c.th.Rule.Render("│") + " " + r
	}
	return out
}

// questionLines renders the question screen's body at text width w: every part of it, in
// both languages (the window scrolls what does not fit).
func (m questionModel) questionLines(c *display, w int) questionLayout {
	st := m.step
	q := st.Question
	th := c.th
	var lines []string
	add := func(ls ...string) { lines = append(lines, ls...) }
	var marks [][2]int
	mark := func(ls []string) {
		marks = append(marks, [2]int{len(lines), len(lines) + len(ls)})
		add(ls...)
	}
	ind := strings.Repeat(" ", margin)

	interviewerFirst := interview.ForInterviewer(q)
	// The markers below tell the interviewer what to do; the person alone sees none of them.
	switch {
	case c.self:
	case st.Role == guidelines.RoleSafety && c.s.InterviewerContinued != nil:
		// resume --interviewer: the person has answered alone, so "before you begin" would
		// be untrue; the interviewer is told what they are continuing.
		mark(styled(th.Title, "◆ "+c.t("tui.handover.intro"), w, ind, ind+"  "))
	case st.Role == guidelines.RoleSafety:
		mark(styled(th.Title, "◆ "+c.t("interview.safety.intro"), w, ind, ind+"  "))
	case st.Role == guidelines.RoleConsent:
		mark(styled(th.Title, "◆ "+c.t("interview.consent.read_aloud"), w, ind, ind+"  "))
	}
	if introText := st.Section.IntroFor(c.self); st.FirstInSection && len(introText) > 0 {
		intro, other := c.pair(introText, interviewerFirst)
		if st.Role == guidelines.RoleSafety || c.self {
			other = ""
		}
		add(styled(th.Large.UnsetBold(), intro, w, ind, ind)...)
		if other != "" {
			add("") // set apart as the question's two languages are, not by colour alone
			add(styled(th.Small, other, w, ind, ind)...)
		}
	}
	if c.self {
		if st.FirstInSection && q.Index == firstQuestionIndex(c) {
			add(styled(th.Dim, c.t("interview.self.intro"), w, ind, ind)...)
		}
	} else if q.Ask == guidelines.AskInterviewer && st.Role != guidelines.RoleSafety {
		mark(styled(th.Title, "◆ "+c.t("interview.observation"), w, ind, ind+"  "))
	}
	top := len(lines)
	add("")
	large, small := c.pair(q.Text, interviewerFirst)
	if c.self {
		small = ""
	}
	add(styled(th.Large, large, w, ind, ind)...)
	if small != "" {
		add("")
		add(styled(th.Small, small, w, ind, ind)...)
	}
	add("")

	if m.overlay == overlayNote {
		add(styled(th.Title, "✎ "+c.t(c.noteID("title")), w, ind, ind)...)
		add(styled(th.Dim, c.t(c.noteID("privacy")), w, ind, ind)...)
		focus := len(lines)
		add(ind + "› " + m.note.View())
		add(limitLines(c, m.note.Value(), w, ind)...)
		return questionLayout{lines: lines, focus: focus, top: top, end: focus, marks: marks, fromTop: m.fromTop}
	}

	focus := len(lines)
	for i, r := range m.rows {
		if i == m.cursor {
			focus = len(lines)
		}
		add(m.rowLines(c, i, r, w)...)
	}
	msgFrom := len(lines)
	if m.errMsg != "" {
		add(styled(th.Error, "! "+m.errMsg, w, ind, ind+"  ")...)
	}
	msgTo := len(lines)
	end := len(lines) - 1 // the answers, and the message about them
	if q.Type == guidelines.TypeNumber && q.Min != nil && q.Max != nil && m.errMsg == "" {
		add(styled(th.Dim, c.li.T("interview.input.range", map[string]any{
			"Min": strconv.FormatFloat(*q.Min, 'f', -1, 64), "Max": strconv.FormatFloat(*q.Max, 'f', -1, 64)}), w, ind+"     ", ind+"     ")...)
	}
	if st.Answered && !c.self {
		add(styled(th.Dim, c.li.T("interview.current_answer", map[string]any{"Answer": c.valueText(q, st.Value)}), w, ind, ind)...)
	}
	if st.Prefilled && !c.self {
		add(styled(th.Dim, c.li.T("interview.prefilled_answer", map[string]any{"Answer": c.valueText(q, st.Value)}), w, ind, ind)...)
	}
	if st.Note != "" {
		add("")
		add(styled(th.Large.UnsetBold(), "✎ "+c.t(c.noteID("label"))+": "+textsafe.Line(st.Note), w, ind, ind+"  ")...)
	}
	if m.hint && !c.self {
		add("")
		add(styled(th.Title, c.t("interview.hint.title"), w, ind, ind)...)
		if len(q.Hint) > 0 {
			add(styled(th.Large.UnsetBold(), c.ui(q.Hint), w, ind, ind)...)
		} else {
			add(styled(th.Dim, c.t("interview.hint.none"), w, ind, ind)...)
		}
	}
	return questionLayout{lines: lines, focus: focus, top: top, end: end, msgFrom: msgFrom, msgTo: msgTo, marks: marks, fromTop: m.fromTop}
}

// firstQuestionIndex is the index of the first question of the guideline that applies.
func firstQuestionIndex(c *display) int {
	for _, q := range c.g.Questions {
		if c.e.Applies(q.ID) {
			return q.Index
		}
	}
	return 0
}

// rowLines renders answer row i: "▸ 1  Так · Da", a multi row "  2 [x] …", the input.
func (m questionModel) rowLines(c *display, i int, r row, w int) []string {
	q := m.step.Question
	th := c.th
	sel := i == m.cursor
	pointer := "    "
	if sel {
		pointer = "  ▸ "
	}
	num := strconv.Itoa(i+1) + "  "
	if i >= 9 {
		num = "   "
	}
	if isInput(q) {
		switch r.kind {
		case rowInput:
			num = "›  "
		case rowUnknown:
			num = "?  "
		case rowDeclined:
			num = "-  "
		}
	}
	label := ""
	forInterviewer := interview.ForInterviewer(q)
	switch r.kind {
	case rowYes:
		label = c.bothSelf("interview.answer.yes", forInterviewer)
	case rowNo:
		label = c.bothSelf("interview.answer.no", forInterviewer)
	case rowUnknown:
		label = c.bothSelf("interview.answer.unknown", forInterviewer)
	case rowDeclined:
		label = c.bothSelf("interview.answer.declined", forInterviewer)
	case rowChoice:
		if ch := q.Choice(r.choice); ch != nil {
			if c.self {
				label = c.person(ch.Text)
			} else {
				label = c.pairLine(ch.Text, forInterviewer)
			}
		}
		if q.Type == guidelines.TypeMulti {
			box := "[ ] "
			if m.checked[r.choice] {
				box = "[x] "
			}
			label = box + label
		}
	case rowInput:
		return append([]string{pointer + num + m.input.View()}, limitLines(c, m.input.Value(), c.innerWidth(), "    ")...)
	}
	st := th.Large.UnsetBold()
	if sel {
		st = th.Cursor
	}
	hang := strings.Repeat(" ", 4+len(num)) // the pointer is 4 columns wide, selected or not ("▸" is 3 bytes)
	if q.Type == guidelines.TypeMulti && r.kind == rowChoice {
		hang += "    "
	}
	return styled(st, label, w+margin, pointer+num, hang)
}

// noteID is the message id of a part of the note box (title, label, placeholder,
// privacy): in self mode the box speaks to the person, who writes the note themselves.
func (c *display) noteID(part string) string {
	if c.self {
		return "interview.note.self." + part
	}
	return "interview.note." + part
}

// bothSelf is both, or in self mode the person's language only.
func (c *display) bothSelf(id string, interviewerFirst bool) string {
	if c.self {
		return c.lp.T(id, nil)
	}
	return c.langs.Message(id, interviewerFirst != c.swap)
}

func (m questionModel) sectionsView(c *display, height int) []string {
	w := c.innerWidth()
	th := c.th
	lines := []string{"", styled(th.Title, c.t("interview.sections.title"), w, "  ", "  ")[0], ""}
	focus := len(lines)
	for i, s := range m.sections {
		pointer := "    "
		st := th.Large.UnsetBold()
		if i == m.secCur {
			pointer, st = "  ▸ ", th.Cursor
			focus = len(lines)
		}
		status := strconv.Itoa(s.Answered) + "/" + strconv.Itoa(s.Total)
		if s.Answered == s.Total {
			status += " ✓ " + c.t("interview.sections.done")
		}
		if s.Section == m.step.Section {
			status += " · " + c.t("interview.sections.current")
		}
		lines = append(lines, styled(st, c.pairSlash(s.Section.Title)+"  ("+status+")", w, pointer, "      ")...)
	}
	return fit(lines, focus, height)
}

// panelLines renders the live indicator panel: dimensions with their counts and the
// indicators present so far, in the interviewer's language.
func (m questionModel) panelLines(c *display, w int) []string {
	th := c.th
	lines := []string{"", "  " + th.Title.Render(c.t("interview.indicators.title"))}
	lines = append(lines, styled(th.Dim, c.t("interview.indicators.notice"), w, "  ", "  ")...)
	a := m.panel
	if m.panelErr != nil || a == nil {
		if m.panelErr != nil {
			lines = append(lines, styled(th.Error, "! "+textsafe.Line(m.panelErr.Error()), w, "  ", "    ")...)
		}
		return lines
	}
	lines = append(lines, "")
	lines = append(lines, styled(th.Large.UnsetBold(), c.li.T("score.totals", map[string]any{"Strong": a.Strong, "Medium": a.Medium, "Weak": a.Weak}), w, "  ", "  ")...)
	lines = append(lines, "  "+th.Title.Render(c.li.T("score.dimensions", nil)))
	lines = append(lines, styled(th.Dim, c.t("tui.indicators.legend"), w, "  ", "  ")...)
	for _, d := range a.Dimensions {
		mark := "-"
		if d.Positive {
			mark = "+"
		}
		lines = append(lines, styled(th.Large.UnsetBold(), mark+" "+c.ui(d.Dimension.Text)+": "+
			strconv.Itoa(d.Strong)+"/"+strconv.Itoa(d.Medium)+"/"+strconv.Itoa(d.Weak), w, "  ", "    ")...)
	}
	lines = append(lines, "")
	if len(a.Indicators) == 0 {
		lines = append(lines, styled(th.Dim, c.t("interview.indicators.none"), w, "  ", "  ")...)
	}
	for _, in := range a.Indicators {
		lines = append(lines, styled(th.Large.UnsetBold(), "• "+c.ui(in.Indicator.Text)+" ["+c.li.T("score.strength."+string(in.Strength), nil)+"]", w, "  ", "    ")...)
	}
	return lines
}
