package tui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/bilingual"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// screen is what the parent model shows.
type screen int

const (
	screenSetup     screen = iota // the setup form
	screenQuestion                // safety, consent and interview questions
	screenPause                   // the safety check suggests postponing
	screenReview                  // every answer by section
	screenResult                  // the assessment (interviewer)
	screenEnd                     // self mode: thank you and where to get help
	screenExport                  // the export form, opened from the result
	screenCopy                    // the last save failed: write an encrypted copy elsewhere
	screenPostponed               // the safety check's postponement: saved; the contacts to give
	screenRemarks                 // the interviewer's closing remarks, from the review or the result
)

// display is what every screen draws with: the engine it shows, the two languages and
// their localizers, the theme, the keys and the terminal's size. The parent model owns it
// and is the only one to change it (on a resize, or on what a child's action asks for); the
// children read it, so that a language change or a resize is seen by all of them at once.
type display struct {
	e *interview.Engine
	g *guidelines.Guideline
	s *interview.Session

	// langs renders texts in both languages; li, lp, lang and uiLang are its parts (see
	// bilingual.Languages), named short for the many places that use them.
	langs        bilingual.Languages
	li, lp       *locales.Localizer
	lang, uiLang string
	self         bool
	// swap shows the interviewer's language large and the person's small (key L).
	swap bool

	// exportDir is the folder the export form suggests ("" or ".": the current one);
	// now is the clock of the export's date and sharing log.
	exportDir string
	now       func() time.Time

	th     theme
	keys   keyMap
	help   help.Model
	width  int
	height int
	// bodyH is the body's height between header and footer, set in Update before a key is
	// handled: children clamp their scrolling with it.
	bodyH int
}

func newDisplay(e *interview.Engine, opts Options) *display {
	s := e.Session()
	g := e.Guideline()
	c := &display{e: e, g: g, s: s, self: s.PersonAlone(), width: 80, height: 24,
		exportDir: opts.ExportDir, now: opts.Now}
	if c.now == nil {
		c.now = time.Now
	}
	c.th = newTheme(opts.Renderer, opts.Mono)
	c.setLanguages(s.Lang, s.UILang)
	return c
}

// setLanguages sets the person's and the interviewer's language and rebuilds what depends
// on them (localizers, key help).
func (c *display) setLanguages(lang, uiLang string) {
	c.langs = bilingual.New(c.g, lang, uiLang, c.self)
	c.lang, c.uiLang = c.langs.Person, c.langs.Interviewer
	c.lp, c.li = c.langs.PersonUI, c.langs.InterviewerUI
	c.keys = newKeyMap(c.li)
	c.help = help.New()
	c.help.Styles = c.th.Help
	c.help.ShortSeparator = " · "
	c.help.Width = c.width - 2
}

// t is a UI message in the interviewer's language.
func (c *display) t(id string) string { return c.li.T(id, nil) }

// contentUI is the interviewer's language for guideline texts.
func (c *display) contentUI() string { return c.langs.InterviewerContent() }

// ui returns guideline text t in the interviewer's language, sanitized, on one line.
func (c *display) ui(t guidelines.Text) string { return textsafe.Line(c.langs.ForInterviewer(t)) }

// person returns guideline text t in the person's language, sanitized, on one line.
func (c *display) person(t guidelines.Text) string { return textsafe.Line(c.langs.ForPerson(t)) }

// pair returns t large and small as bilingual.Languages.Pair orders them, swapped by L,
// sanitized, each on one line. small is "" when both are the same.
func (c *display) pair(t guidelines.Text, interviewerFirst bool) (large, small string) {
	a, b := c.langs.Pair(t, interviewerFirst != c.swap)
	if large, small = textsafe.Line(a), textsafe.Line(b); small == large {
		small = "" // the two differed only in what sanitizing removes
	}
	return large, small
}

// pairLine is pair joined on one line ("Так · Da").
func (c *display) pairLine(t guidelines.Text, interviewerFirst bool) string {
	a, b := c.pair(t, interviewerFirst)
	if b == "" {
		return a
	}
	return a + " · " + b
}

// valueText renders an answer for the interviewer.
func (c *display) valueText(q *guidelines.Question, v guidelines.Value) string {
	if !v.IsSpecial() && (q.Type == guidelines.TypeChoice || q.Type == guidelines.TypeMulti) {
		var parts []string
		ids := v.List
		if q.Type == guidelines.TypeChoice {
			ids = []string{v.Str}
		}
		for _, id := range ids {
			if ch := q.Choice(id); ch != nil {
				parts = append(parts, c.ui(ch.Text))
			} else {
				parts = append(parts, textsafe.Line(id))
			}
		}
		return strings.Join(parts, "; ")
	}
	return textsafe.Line(q.ValueText(v, c.contentUI(),
		c.t("interview.answer.yes"), c.t("interview.answer.no"),
		c.t("interview.answer.unknown"), c.t("interview.answer.declined")))
}

// innerWidth is the body's text width.
func (c *display) innerWidth() int { return max(10, c.width-2*margin) }

// Model is the interview's bubbletea model. Build it with New.
type Model struct {
	c      *display
	screen screen

	setup    setupModel
	question questionModel
	pause    listCursor
	// pageShift moves the pause and postponed screens by half-screens (PgUp/PgDn), so the
	// contacts below the choices are reachable on a small terminal.
	pageShift int
	review    reviewModel
	result    resultModel
	export    exportModel
	copy      copyModel
	remarks   remarksModel

	showHelp bool
	// helpScroll scrolls the full help on a small terminal (↑↓, PgUp/PgDn).
	helpScroll viewport.Model
	// disk writes the session (and the copy screen's copies) off the event loop.
	disk *writer
	// quitting: the quick exit (or an ending) was chosen; View shows the neutral screen
	// until the last write is done, and then the program ends (end).
	quitting bool
	// endCopy: when that last write fails, the copy screen opens instead of the end.
	endCopy bool
	// ended is how the interview ended the normal way (finished, or postponed at the
	// safety check): Run then prints the case code. Never set by the quick exit.
	ended ending
	// fatal is a failure the interview cannot go on after (a broken guideline condition).
	fatal error
}

// New returns the model for e. A session at setup shows the setup form when opts asks
// for anything, else starts at once; a resumed session continues where it stands.
func New(e *interview.Engine, opts Options) Model {
	c := newDisplay(e, opts)
	m := Model{c: c, disk: newWriter(e)}
	st := e.Current().Stage
	if (st == interview.StageSetup || st == "") && (opts.AskLang || opts.AskUILang || opts.AskInterpreter) && !c.self {
		m.screen = screenSetup
		m.setup = newSetup(c, opts)
		return m
	}
	if st == interview.StageSetup || st == "" {
		if err := e.Start(); err != nil {
			m.fatal = err
		}
	}
	m.sync()
	return m
}

// Init implements tea.Model: it writes the start of the interview (New).
func (m Model) Init() tea.Cmd { return m.disk.next() }

// Update implements tea.Model. After msg is handled, the write that its changes made due
// starts (writer), and an ending that waits for the last write ends once it is done.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if w, ok := msg.(writtenMsg); ok {
		m = m.written(w.job)
	} else {
		var tm tea.Model
		tm, cmd = m.handle(msg)
		m = tm.(Model)
	}
	write := m.disk.next()
	if m.quitting {
		var end tea.Cmd
		m, end = m.end()
		return m, tea.Batch(cmd, write, end)
	}
	return m, tea.Batch(cmd, write)
}

// written takes the result of a write: a copy's goes to the copy screen, a save's to the
// engine (the header's warning) and to the export form that waits for its sharing log.
func (m Model) written(job *writeJob) Model {
	m.disk.finished(job)
	if job.copyTo != "" {
		m.copy = m.copy.finish(m.c, job.written, job.err)
		return m
	}
	if v := m.export.logVersion; v != 0 && job.snap.Version() >= v {
		m.export = m.export.logged(m.c, job.err)
	}
	return m
}

func (m Model) handle(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.quitting {
		// The screen is blank; what is left is the last write, and an export the quick
		// exit waits for, so that the file it wrote is in the sharing log. A second quick
		// exit meanwhile asks to be gone whatever the write says: no copy screen after it.
		switch msg := msg.(type) {
		case exportDoneMsg:
			if m.export.state == exRunning {
				m.export.state = exDone
				if msg.err == nil {
					m.c.e.RecordExport(*msg.entry)
				}
			}
		case tea.KeyMsg:
			if key.Matches(msg, m.c.keys.Quit) {
				m.endCopy = false
			}
		}
		return m, nil
	}
	switch msg := msg.(type) {
	case exportDoneMsg:
		if m.screen != screenExport || m.export.state != exRunning {
			return m, nil
		}
		if msg.err == nil {
			// The file is written: the sharing log says so, through the engine, on the one
			// goroutine that uses it; the form warns if that save fails (logged).
			m.c.e.RecordExport(*msg.entry)
			m.export.logVersion = m.c.e.Version()
		}
		m.export = m.export.finish(m.c, msg)
		return m, nil
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.c.help.Width = msg.Width - 2
		m.question.resize(m.c)
		m.c.bodyH = m.bodyHeight() // fitPanel measures the panel against the new body
		if m.screen == screenQuestion {
			m.question.fitPanel(m.c)
		}
		m.export.resize(m.c)
		m.copy.resize(m.c)
		if m.screen == screenRemarks { // a text area never opened has nothing to resize
			m.remarks.resize(m.c)
		}
		if m.showHelp {
			m.helpScroll = rescroll(m.helpScroll, m.helpLines(), m.c.bodyH)
		}
		return m, nil
	case tea.KeyMsg:
		// The quick exit comes before anything else, on every screen and in every input.
		if key.Matches(msg, m.c.keys.Quit) {
			return m.quickExit()
		}
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !m.typing() {
			return m.burst(msg)
		}
		m.c.bodyH = m.bodyHeight()
		if m.showHelp {
			switch {
			case key.Matches(msg, m.c.keys.Help, m.c.keys.Close):
				m.showHelp = false
			case key.Matches(msg, m.c.keys.Up):
				m.helpScroll.ScrollUp(1)
			case key.Matches(msg, m.c.keys.Down):
				m.helpScroll.ScrollDown(1)
			case msg.Type == tea.KeyPgUp:
				m.helpScroll.HalfPageUp()
			case msg.Type == tea.KeyPgDown:
				m.helpScroll.HalfPageDown()
			}
			return m, nil
		}
		if key.Matches(msg, m.c.keys.Help) && !m.typing() {
			m.showHelp, m.helpScroll = true, rescroll(viewport.Model{}, m.helpLines(), m.bodyHeight())
			return m, nil
		}
		return m.updateKey(msg)
	}
	return m, nil
}

// burst handles runes that reached the program together (typed fast, sent by tmux, or
// pasted) as if each had been typed alone: bubbletea delivers them as one message, which
// matches no single-key binding and would be lost. Each rune sees the screen the one
// before it left, so "y23" answers yes and ticks choices 2 and 3 of the next question, and
// once a rune opens a text field (a note, a number) the rest is text in it.
func (m Model) burst(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var tm tea.Model = m
	for _, r := range msg.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		if r == ' ' {
			one.Type = tea.KeySpace // as bubbletea delivers a space pressed alone
		}
		var cmd tea.Cmd
		tm, cmd = tm.Update(one)
		cmds = append(cmds, cmd)
	}
	return tm, tea.Batch(cmds...)
}

// typing reports whether keys go into a text input now (then ? and letters are text).
func (m Model) typing() bool {
	switch m.screen {
	case screenSetup:
		return m.setup.typing()
	case screenQuestion:
		return m.question.editing || m.question.overlay == overlayNote
	case screenExport:
		return m.export.typing()
	case screenCopy:
		return m.copy.typing()
	case screenRemarks:
		return true
	}
	return false
}

func (m Model) updateKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var a action
	switch m.screen {
	case screenSetup:
		m.setup, a = m.setup.update(m.c, msg)
	case screenQuestion:
		m.question, a = m.question.update(m.c, msg)
	case screenPause:
		a = m.updatePause(msg)
	case screenPostponed:
		if m.updatePostponed(msg) {
			m.ended = endPostponed
			return m.leave()
		}
	case screenReview:
		m.review, a = m.review.update(m.c, msg)
	case screenResult, screenEnd:
		m.result, a = m.result.update(m.c, msg)
	case screenExport:
		var ea exportAct
		var cmd tea.Cmd
		m.export, ea, cmd = m.export.update(m.c, msg)
		if ea == exportClose {
			if m.export.state == exDone {
				m.result.exported = m.export.written
			}
			m.screen = screenResult
		}
		if cmd != nil {
			return m, cmd
		}
	case screenRemarks:
		var ra remarksAct
		m.remarks, ra = m.remarks.update(m.c, msg)
		if ra == remarksClose {
			m.screen = m.remarks.from
			if m.screen == screenReview {
				m.review = newReview(m.c, m.review.cursor)
			}
		}
	case screenCopy:
		var ca copyAct
		m.copy, ca = m.copy.update(m.c, msg)
		switch ca {
		case copyWrite:
			m.disk.copyTo = m.copy.path
		case copyQuit:
			// One more try at the save (the disk may have been freed meanwhile), then quit
			// whatever it says: the person asked twice.
			return m.quickExit()
		}
	}
	return m.do(a)
}

// action is what a child asks the parent to do after a key: the engine has been called
// (sync), or the interview ends.
type action int

const (
	actNone      action = iota
	actSync             // the engine moved: show what it stands on now
	actFinish           // score and show the result
	actEnd              // close the session and quit (after the result, or postponed)
	actPostpone         // the safety check: save and quit
	actExport           // open the export form (result screen)
	actRemarks          // open the closing remarks (review and result screens)
	actStart            // the setup form is done: start the interview
	actSwap             // swap the large and the small language (key L)
	actLanguages        // the setup form changed a language: redraw every text in it
)

func (m Model) do(a action) (tea.Model, tea.Cmd) {
	switch a {
	case actSync:
		m.sync()
	case actFinish:
		as, err := m.c.e.Finish()
		if err != nil {
			m.fatal = err
			m.c.e.Quit()
			return m.exit(false)
		}
		m.result = newResult(as)
		m.screen = screenResult
		if m.c.self {
			m.screen = screenEnd
		}
	case actEnd:
		m.c.e.Close()
		m.ended = endFinished
		return m.leave()
	case actPostpone:
		// Saved now, but not gone yet: the interviewer still has to give the contacts, so
		// they stay on the screen until a key is pressed.
		m.c.e.Quit()
		m.screen = screenPostponed
		m.pageShift = 0
	case actExport:
		m.export = newExport(m.c)
		m.screen = screenExport
	case actStart:
		m.setup.start(m.c.e)
		m.sync()
	case actSwap:
		m.c.swap = !m.c.swap
	case actLanguages:
		m.c.setLanguages(m.setup.langs[m.setup.lang], locales.Languages[m.setup.uiLang])
	case actRemarks:
		if !m.c.self {
			m.remarks = newRemarks(m.c, m.screen)
			m.screen = screenRemarks
		}
	}
	return m, nil
}

// leave ends the interview the normal way, after the engine recorded it (Close or Quit).
// When the last write fails and the store can write protected copies, the changes since
// the last good save exist only in memory: the copy screen offers to write them elsewhere
// before the program ends (end).
func (m Model) leave() (tea.Model, tea.Cmd) { return m.exit(true) }

// offerCopy opens the copy screen: the changes since the last good save exist only in
// memory, and may be written, encrypted, elsewhere before the program ends.
func (m Model) offerCopy() Model {
	m.copy = newCopy(m.c)
	m.screen = screenCopy
	m.showHelp = false
	return m
}

// exit blanks the screen; the program ends once the last write is done (end), or, when
// offerCopy and that write failed, the copy screen opens.
func (m Model) exit(offerCopy bool) (Model, tea.Cmd) {
	m.quitting, m.showHelp, m.endCopy = true, false, offerCopy
	return m, nil
}

// end ends the program that exit blanked, once nothing is left to write and no export
// runs: the last write's result decides between the end and the copy screen.
func (m Model) end() (Model, tea.Cmd) {
	if !m.disk.idle() || m.export.state == exRunning {
		return m, nil
	}
	if e := m.c.e; m.endCopy && !e.AllSaved() && e.CanSaveCopy() {
		m.quitting = false
		return m.offerCopy(), nil
	}
	return m, tea.Quit
}

// quickExit blanks the screen, then saves at the current question and quits. The save
// runs in a command after the neutral frame is drawn (writer), as every save does: "cleared
// at once" must not wait for the disk (a slow USB stick takes seconds to sync). The screen
// stays blank until the save returns, and Update ignores every key meanwhile.
//
// When that save fails and the store can write protected copies, quitting would lose the
// changes since the last good save without a word: the copy screen comes instead, as on
// the normal way out (leave), showing nothing of the interview's answers. A second Ctrl+X,
// there or while the save runs, quits once the save returns, and Run then reports the
// loss (ErrNotSaved).
//
// An export still running then is waited for, so that the file it writes is in the
// sharing log the save writes.
func (m Model) quickExit() (tea.Model, tea.Cmd) {
	if m.screen == screenSetup {
		// Nothing was asked or answered yet: a saved session would only be an empty one
		// left behind under a code nobody was given.
		return m.exit(false)
	}
	m.c.e.Quit()
	return m.exit(m.screen != screenCopy)
}

// ending is how an interview ended the normal way.
type ending int

const (
	endNone      ending = iota // still running, or left by the quick exit
	endFinished                // the result (or the self-mode end) was closed
	endPostponed               // postponed at the safety check
)

// sync reads where the engine stands and shows it.
func (m *Model) sync() {
	e := m.c.e
	st := e.Current()
	if e.PauseSuggested() {
		if pq := e.PauseQuestion(); pq == nil || st.Question != pq {
			m.screen = screenPause
			m.pause = listCursor{}
			m.pageShift = 0
			return
		}
	}
	switch st.Stage {
	case interview.StageSafety, interview.StageConsent, interview.StageQuestions:
		m.screen = screenQuestion
		m.question = newQuestion(m.c, st, m.question.panelOpen) // the panel stays open across questions
	case interview.StageReview:
		m.screen = screenReview
		m.review = newReview(m.c, m.review.cursor)
	case interview.StageResult, interview.StageDone:
		as, err := e.Assessment()
		if err != nil {
			m.fatal = err
		}
		m.result = newResult(as)
		m.screen = screenResult
		if m.c.self {
			m.screen = screenEnd
		}
	default:
		m.screen = screenSetup
	}
}

// View implements tea.Model. It only renders; it never calls the engine's saving methods.
func (m Model) View() string {
	c := m.c
	if m.quitting {
		return c.t("tui.quickexit.screen")
	}
	if c.width < minWidth || c.height < minHeight {
		msg := c.li.T("tui.too_small", map[string]any{"Width": minWidth, "Height": minHeight})
		return strings.Join(clip(wrap(msg, max(1, c.width)), max(1, c.width)), "\n")
	}
	header := m.header()
	footer := m.footer()
	h := c.height - len(header) - len(footer)
	var body []string
	if m.showHelp {
		body = m.helpBody(h)
	} else {
		body = m.body(h)
	}
	for len(body) < h {
		body = append(body, "")
	}
	lines := append(append(header, body[:h]...), footer...)
	return strings.Join(clip(lines, c.width), "\n")
}

// body renders the current screen in height lines or fewer.
func (m Model) body(height int) []string {
	c := m.c
	switch m.screen {
	case screenSetup:
		return m.setup.view(c, height)
	case screenQuestion:
		return m.question.view(c, height)
	case screenPause:
		return m.pauseView(height)
	case screenPostponed:
		return m.postponedView(height)
	case screenReview:
		return m.review.view(c, height)
	case screenResult:
		return m.result.view(c, height)
	case screenEnd:
		return m.result.endView(c, height)
	case screenExport:
		return m.export.view(c, height)
	case screenCopy:
		return m.copy.view(c, height)
	case screenRemarks:
		return m.remarks.view(c, height)
	}
	return nil
}

// header is the top of every screen: where we are, the progress bar, and the training
// banner and warnings, which are never hidden.
func (m Model) header() []string {
	c := m.c
	w := c.width
	title := ""
	if id := screenTitles[m.screen]; id != "" {
		title = c.t(id)
	} else if sec := m.question.step.Section; m.screen == screenQuestion && sec != nil {
		title = c.pairSlash(sec.Title)
	}
	// How far the interview has come, counted by the engine so that it only moves forward
	// (the count of asked questions changes its total with the answers).
	// On a question, its number comes first: the review's number, as the plain mode's
	// "Question N · P%", which the interviewer finds again in the review.
	p := c.e.Headway()
	right := ""
	if m.screen != screenSetup && p.Questions > 0 {
		right = strconv.Itoa(p.Percent) + "% "
		if m.screen == screenQuestion {
			if n := c.e.Progress().Current; n > 0 {
				right = strconv.Itoa(n) + " · " + right
			}
		}
	}
	left := " earlyid · " + textsafe.Line(c.s.Code)
	if m.screen == screenQuestion && m.question.step.Section != nil &&
		lipgloss.Width(left+" · "+title)+1+lipgloss.Width(right) > w {
		// Too long in both languages: the interviewer's, who reads the header, on one line
		// keeps a line for the question on a small terminal.
		title = c.ui(m.question.step.Section.Title)
	}
	if title != "" {
		left += " · " + title
	}
	// A title longer than the line (a section's name in two languages at 60 columns)
	// wraps under itself rather than being cut: it says where the interview stands.
	var lines []string
	for i, l := range wrap(strings.TrimPrefix(left, " "), max(1, w-lipgloss.Width(right)-2)) {
		if i == 0 {
			lines = append(lines, c.th.Header.Render(leftRight(" "+l, right, w)))
			continue
		}
		lines = append(lines, c.th.Header.Render(padRight("   "+l, w)))
	}
	lines = append(lines, " "+bar(c.th, p.Percent, 100, w-2))
	if c.s.Mode == interview.ModeTraining {
		lines = append(lines, " "+c.th.Banner.Render(" "+c.t("common.training_banner")+" "))
	}
	if !c.e.Persistent() {
		lines = append(lines, styled(c.th.Warn, c.t("interview.memory_only"), w-1, " ! ", "   ")...)
	}
	if err := c.e.SaveError(); err != nil {
		msg := interview.SaveFailedMessage(c.li, err) // localized reason, never the system's English
		lines = append(lines, styled(c.th.Warn, msg, w-1, " ! ", "   ")...)
	}
	if c.e.GuidelineChanged() {
		lines = append(lines, styled(c.th.Warn, c.t("interview.guideline_changed"), w-1, " ! ", "   ")...)
	}
	return lines
}

// screenTitles are the messages of the screens' titles in the header; a question's is its
// section's name.
var screenTitles = map[screen]string{
	screenSetup: "interview.setup.title", screenPause: "interview.safety.postpone.title",
	screenPostponed: "tui.postponed.title", screenReview: "interview.review.title",
	screenResult: "interview.result.title", screenEnd: "interview.self.end.title",
	screenExport: "tui.export.title", screenCopy: "tui.copy.title", screenRemarks: "tui.remarks.title",
}

// pairSlash is a title in both languages: "Пропозиції / Oferte".
func (c *display) pairSlash(t guidelines.Text) string {
	a, b := c.pair(t, false)
	if b == "" {
		return a
	}
	return a + " / " + b
}

// footer is the rule and the one-line key help, in the interviewer's language.
func (m Model) footer() []string {
	c := m.c
	rule := " " + c.th.Rule.Render(strings.Repeat("─", max(0, c.width-2)))
	return []string{rule, " " + m.shortHelp()}
}

// shortHelp is the one-line key help. Help (?) and the quick exit are always on it: the
// other keys are left out before they are, and "…" then stands where the separator before
// "?" would, saying that more keys are under it without taking a key's room.
func (m Model) shortHelp() string {
	c := m.c
	var rest, pinned []key.Binding
	for _, b := range m.keySet().short {
		switch b.Help().Key {
		case c.keys.Quit.Help().Key, c.keys.Help.Help().Key:
			pinned = append(pinned, b)
		default:
			rest = append(rest, b)
		}
	}
	st := c.th.Help
	right, _ := c.helpItems(pinned, 0)
	sep := st.ShortSeparator.Render(c.help.ShortSeparator)
	room := c.width - 2
	if right != "" {
		room -= lipgloss.Width(right) + lipgloss.Width(sep)
	}
	left, cut := c.helpItems(rest, room)
	if cut && right == "" {
		left, _ = c.helpItems(rest, room-2) // room for the " …" at the end
		left += st.Ellipsis.Render(" …")
	}
	switch {
	case left == "":
		return right
	case right == "":
		return left
	case cut:
		return left + st.Ellipsis.Render(" … ") + right
	}
	return left + sep + right
}

// helpItems renders bindings as "key desc · key desc" in at most width cells (0: no
// limit), in their order, and reports whether some were left out. When not all fit, the
// ones that do are chosen by how much a specialist needs them on the line (helpRank), not
// by their place in it: at 60 columns back and the closing remarks must not give way to
// the arrows. (bubbles/help adds an item that does not fit; this never overflows.)
func (c *display) helpItems(bindings []key.Binding, width int) (string, bool) {
	st := c.th.Help
	sep := st.ShortSeparator.Render(c.help.ShortSeparator)
	var shown []key.Binding
	for _, kb := range bindings {
		if kb.Enabled() {
			shown = append(shown, kb)
		}
	}
	render := func(keep []bool) (string, int) {
		var b strings.Builder
		n := 0
		for i, kb := range shown {
			if !keep[i] {
				continue
			}
			if n > 0 {
				b.WriteString(sep)
			}
			b.WriteString(st.ShortKey.Render(kb.Help().Key) + " " + st.ShortDesc.Render(kb.Help().Desc))
			n++
		}
		return b.String(), lipgloss.Width(b.String())
	}
	keep := make([]bool, len(shown))
	for i := range keep {
		keep[i] = true
	}
	if out, w := render(keep); width <= 0 || w <= width {
		return out, false
	}
	// Add the bindings one by one, most needed first, each only if the line still fits.
	order := make([]int, len(shown))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return c.keys.helpRank(shown[a]) - c.keys.helpRank(shown[b]) })
	keep = make([]bool, len(shown))
	for _, i := range order {
		keep[i] = true
		if _, w := render(keep); w > width {
			keep[i] = false
		}
	}
	out, _ := render(keep)
	return out, true
}

// keySet is the keys the current screen offers.
func (m Model) keySet() keySet {
	k := m.c.keys
	if m.showHelp {
		return keySet{short: []key.Binding{k.Scroll, k.Close, k.Quit}}
	}
	switch m.screen {
	case screenSetup:
		return m.setup.keys(m.c)
	case screenQuestion:
		return m.question.keys(m.c)
	case screenPause:
		return keySet{
			short: []key.Binding{k.Up, k.Confirm, k.Page, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Confirm, k.Pick}, {k.Page, k.Help, k.Quit}},
		}
	case screenPostponed:
		return keySet{
			short: []key.Binding{k.Scroll, k.Leave, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Scroll, k.Page, k.Leave}, {k.Help, k.Quit}},
		}
	case screenReview:
		return m.review.keys(m.c)
	case screenExport:
		return m.export.keys(m.c)
	case screenCopy:
		return m.copy.keys(m.c)
	case screenRemarks:
		return m.remarks.keys(m.c)
	default:
		return m.result.keys(m.c, m.screen == screenEnd)
	}
}

// helpBody is the full key help of the current screen, scrolled.
func (m Model) helpBody(height int) []string {
	return scrollView(m.helpScroll, m.helpLines(), height)
}

// bodyHeight is how many lines the body has between the header and the footer.
func (m Model) bodyHeight() int { return max(1, m.c.height-len(m.header())-len(m.footer())) }

// helpLines is the full key help of the current screen, one binding per line.
func (m Model) helpLines() []string {
	c := m.c
	lines := []string{"", "  " + c.th.Title.Render(c.t("tui.help.title")), ""}
	under := m
	under.showHelp = false // the keys of the screen under the help
	ks := under.keySet()
	full := ks.full
	if len(full) == 0 {
		full = [][]key.Binding{ks.short}
	}
	// One binding per line with its long description: clearer than columns, and it fits
	// 60 columns in every language.
	seen := map[string]bool{}
	var shown []key.Binding
	col := 7 // the key column: as wide as its widest key, from 7 cells ("pgup/dn")
	for _, group := range full {
		for _, b := range group {
			// "?" is how this screen was opened; the footer says how to close it.
			if !b.Enabled() || seen[b.Help().Key] || b.Help().Key == c.keys.Help.Help().Key {
				continue
			}
			seen[b.Help().Key] = true
			shown = append(shown, b)
			col = max(col, lipgloss.Width(c.keys.allKeysOf(b)))
		}
	}
	for _, b := range shown {
		// Every key of the binding (j and k, Backspace and ←, Ctrl+C): the one-line help has
		// room for the main one only.
		keys := padRight(c.th.Help.FullKey.Render(c.keys.allKeysOf(b)), col)
		lines = append(lines, styled(c.th.Help.FullDesc, c.keys.longHelp(b), c.width-2, "  "+keys+" ", strings.Repeat(" ", col+3))...)
	}
	return lines
}

// padRight pads s with spaces to n cells.
func padRight(s string, n int) string {
	if w := lipgloss.Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// listCursor is a cursor over a fixed list of rows.
type listCursor struct{ cursor int }

func (l listCursor) move(delta, n int) listCursor {
	if n == 0 {
		return l
	}
	l.cursor = (l.cursor + delta + n) % n
	return l
}

// pause rows: postpone and save, check again, continue anyway.
const pauseRows = 3

func (m *Model) updatePause(msg tea.KeyMsg) action {
	k := m.c.keys
	if m.page(msg, m.pauseLines) {
		return actNone
	}
	switch {
	case key.Matches(msg, k.Up):
		m.pause = m.pause.move(-1, pauseRows)
		m.pageShift = 0 // back to the choice
	case key.Matches(msg, k.Down):
		m.pause = m.pause.move(1, pauseRows)
		m.pageShift = 0
	case key.Matches(msg, k.Pick):
		if n := int(msg.Runes[0] - '0'); n >= 1 && n <= pauseRows {
			m.pause.cursor = n - 1
			return m.pauseChoose()
		}
	case key.Matches(msg, k.Confirm):
		if !m.pauseCursorShown() {
			// Scrolled to the contacts: Enter brings the choices back rather than act on
			// one the interviewer cannot see.
			m.pageShift = 0
			return actNone
		}
		return m.pauseChoose()
	}
	return actNone
}

// pauseCursorShown reports whether the pause screen's cursor row is in view (not under
// a "more" line) as it is scrolled now.
func (m Model) pauseCursorShown() bool {
	lines, focus := m.pauseLines()
	h := m.bodyHeight()
	if len(lines) <= h {
		return true
	}
	first, last := shownSpan(lines, max(0, min(fitStart(len(lines), focus, h, 0)+m.pageShift, len(lines)-h)), h)
	return focus >= first && focus <= last
}

func (m *Model) pauseChoose() action {
	switch m.pause.cursor {
	case 0:
		return actPostpone
	case 1:
		m.c.e.Back() // to the safety question, to answer it again
		return actSync
	default:
		m.c.e.ContinueAnyway()
		return actSync
	}
}

// page scrolls the pause or postponed screen by half a screen on PgUp/PgDn and reports
// whether msg was one of them. lines is the screen's content and its focus line.
func (m *Model) page(msg tea.KeyMsg, lines func() ([]string, int)) bool {
	var dir int
	switch msg.Type {
	case tea.KeyPgUp:
		dir = -1
	case tea.KeyPgDown:
		dir = 1
	default:
		return false
	}
	h := m.bodyHeight()
	ls, focus := lines()
	m.pageShift = clampShift(len(ls), focus, h, m.pageShift+dir*max(1, h/2))
	return true
}

// updatePostponed scrolls the postponed screen and reports whether it is to close.
func (m *Model) updatePostponed(msg tea.KeyMsg) bool {
	k := m.c.keys
	if m.page(msg, m.postponedLines) {
		return false
	}
	ls, _ := m.postponedLines()
	n := len(ls)
	switch {
	case key.Matches(msg, k.Up):
		m.pageShift = clampShift(n, 0, m.bodyHeight(), m.pageShift-1)
	case key.Matches(msg, k.Down):
		m.pageShift = clampShift(n, 0, m.bodyHeight(), m.pageShift+1)
	case key.Matches(msg, k.Leave):
		return true
	}
	return false
}

func (m Model) pauseView(height int) []string {
	lines, focus := m.pauseLines()
	return m.c.paged(lines, focus, height, m.pageShift)
}

// pauseLines is the pause screen and the line of its cursor: why to postpone, the three
// choices, and the contacts to give the person.
func (m Model) pauseLines() ([]string, int) {
	c := m.c
	w := c.innerWidth()
	var lines []string
	lines = append(lines, "")
	lines = append(lines, styled(c.th.Urgent, "! "+c.t("interview.safety.postpone.title"), w, "  ", "    ")...)
	lines = append(lines, "")
	lines = append(lines, styled(c.th.Large, c.t("interview.safety.postpone.body"), w, "  ", "  ")...)
	if pq := c.e.PauseQuestion(); pq != nil {
		if v, ok := c.s.Answers.Values[pq.ID]; ok {
			lines = append(lines, "")
			lines = append(lines, styled(c.th.Dim, c.ui(pq.Text)+" — "+c.valueText(pq, v), w, "  ", "  ")...)
		}
	}
	rows := []string{c.t("interview.safety.postpone"), c.t("interview.safety.recheck"), c.t("tui.pause.continue")}
	lines = append(lines, "")
	focus := len(lines)
	for i, r := range rows {
		if i == m.pause.cursor {
			focus = len(lines)
			lines = append(lines, styled(c.th.Cursor, strconv.Itoa(i+1)+"  "+r, w, "  ▸ ", "       ")...)
		} else {
			lines = append(lines, styled(c.th.Large.UnsetBold(), strconv.Itoa(i+1)+"  "+r, w, "    ", "       ")...)
		}
	}
	lines = append(lines, "")
	// The person is to be given these contacts: their names in the person's language too.
	lines = append(lines, contactLines(c, c.e.Contacts(), c.contentUI(), c.lang, c.li, w)...)
	return lines, focus
}

// postponedView is the screen after "postpone and save": the session is saved and the
// contacts stay until the interviewer closes it, so they can still be given.
func (m Model) postponedView(height int) []string {
	lines, _ := m.postponedLines()
	return m.c.paged(lines, 0, height, m.pageShift)
}

// postponedLines is the postponed screen (its focus is the top).
func (m Model) postponedLines() ([]string, int) {
	c := m.c
	w := c.innerWidth()
	lines := []string{""}
	lines = append(lines, styled(c.th.Title, "◆ "+c.t("tui.postponed.title"), w, "  ", "    ")...)
	lines = append(lines, "")
	lines = append(lines, styled(c.th.Large, c.t("tui.postponed.body"), w, "  ", "  ")...)
	if c.e.Persistent() && c.e.AllSaved() {
		// The code is to be typed again: wrapped as one word, never split at its hyphens.
		code := textsafe.Line(c.s.Code)
		stand := strings.Repeat("x", lipgloss.Width(code))
		hint := styled(c.th.Dim, c.li.T("interview.resume_hint", map[string]any{"Code": stand}), w, "  ", "  ")
		for i, l := range hint {
			if strings.Contains(l, stand) {
				hint[i] = strings.Replace(l, stand, code, 1)
				break
			}
		}
		lines = append(lines, hint...)
	}
	lines = append(lines, "")
	lines = append(lines, contactLines(c, c.e.Contacts(), c.contentUI(), c.lang, c.li, w)...)
	return lines, 0
}

// contactLines lists referral contacts: name, contact, and what the service does, in lang;
// with alsoLang, each name is followed by its name in that language when it differs.
func contactLines(c *display, refs []*guidelines.Referral, lang, alsoLang string, l *locales.Localizer, w int) []string {
	if len(refs) == 0 {
		return nil
	}
	lines := []string{"  " + c.th.Title.Render(l.T("common.where_to_get_help", nil))}
	for _, r := range refs {
		name := textsafe.Line(r.Name.Plain(lang, c.g.Languages...))
		if also := textsafe.Line(r.Name.Plain(alsoLang, c.g.Languages...)); alsoLang != "" && also != name {
			name += " · " + also
		}
		if r.Reachable() {
			name += ": " + textsafe.Line(strings.TrimSpace(r.Contact))
		}
		lines = append(lines, styled(c.th.Large.UnsetBold(), name, w, "  • ", "    ")...)
		// A referral's role is written for the interviewer (when to call it, with what
		// consent, "given to everyone, as information"); the person alone reads role_self,
		// said to them, and never the staff's text in its place. Theirs is not dimmed: it is
		// what they came to read.
		if c.self {
			if self := textsafe.Line(r.RoleSelf.Plain(lang, c.g.Languages...)); self != "" {
				lines = append(lines, styled(c.th.Large.UnsetBold(), self, w, "    ", "    ")...)
			}
		} else if role := textsafe.Line(r.Role.Plain(lang, c.g.Languages...)); role != "" {
			lines = append(lines, styled(c.th.Dim, role, w, "    ", "    ")...)
		}
	}
	return lines
}

// resultModel is the result screen (and the self-mode end): the assessment, scrolled.
type resultModel struct {
	a *indicators.Assessment
	// scroll is the screen's offset (↑↓, PgUp/PgDn, Home), clamped to its lines.
	scroll viewport.Model
	// exported is the file the last export from this screen wrote ("" when none).
	exported string
}

func newResult(a *indicators.Assessment) resultModel { return resultModel{a: a} }
