package tui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// The rows of the export form, in the order it shows them.
const (
	exFormat = iota
	exLang
	exPath
	exRecipient
	exArmor // only when a recipient is typed: binary or ASCII-armoured age file
	exLegal // only when the person did not agree to share their identity
	exButton
	exCount
)

// exportState is what the export screen shows: the form, the question about a file that
// exists, or the result of the export.
type exportState int

const (
	exEditing exportState = iota
	exRunning             // the export runs in its command: a progress line, no keys
	exExists              // the file exists: choose another name, or overwrite it
	exDone                // the summary was written
)

// exportModel is the export form of the result screen: the same export as earlyid export
// (summary.Export), so the file, the encryption and the sharing log are the same too.
// It is drawn by hand, not with huh, for the reasons setup.go gives.
type exportModel struct {
	state  exportState
	focus  int
	format int // index in summary.Formats
	lang   int // index in locales.Languages
	// legal is 0 for no legal basis, else 1 + its index in summary.LegalBases. askLegal
	// says whether the form offers it: only when the person did not agree to share their
	// identity (with consent, sensitive answers are shown anyway).
	legal    int
	askLegal bool
	armor    bool // the encrypted file as ASCII armour (text that survives an e-mail body)

	path, recipient textinput.Model

	errMsg    string // the last error, as a localized sentence ("" when none)
	exists    string // exExists: the file that exists
	existsCur int    // exExists: 0 choose another name, 1 overwrite
	written   string // exDone: the file written
	// running receives the end of the export's command too (exRunning), so that a program
	// ended from outside meanwhile can wait for it and log the file before it saves.
	running chan exportDoneMsg
	// logVersion is the engine's Version once the file was logged: the save of that version
	// (or a later one) says whether the log reached the disk (logged). 0: none is awaited.
	logVersion uint64
	warnMsg    string // exDone: the sharing log could not be saved
	reminder   bool   // exDone: a real summary was written unencrypted
}

// exportAct is what the export screen asks the parent to do.
type exportAct int

const (
	exportStay  exportAct = iota
	exportClose           // back to the result screen
)

// formatNames are the names the form shows for summary.Formats: file types, the same in
// every language.
var formatNames = map[string]string{
	summary.FormatMarkdown: "Markdown (.md)",
	summary.FormatHTML:     "HTML (.html)",
	summary.FormatJSON:     "JSON (.json)",
	summary.FormatPDF:      "PDF (.pdf)",
}

// newExport opens the form: PDF (what a referral body usually wants), in the
// interviewer's language, to <folder>/<CODE>-summary.pdf.
func newExport(c *display) exportModel {
	m := exportModel{
		format:   max(0, slices.Index(summary.Formats, summary.FormatPDF)),
		lang:     max(0, slices.Index(locales.Languages, c.uiLang)),
		askLegal: !sharesIdentity(c),
	}
	m.path = newTextInput(c, "")
	m.path.SetValue(textsafe.Line(c.defaultExportPath(summary.Formats[m.format])))
	m.recipient = newTextInput(c, c.t("tui.export.recipient_placeholder"))
	m.resize(c)
	m.setFocus(exFormat)
	return m
}

// sharesIdentity reports whether the guideline's privacy.share_identity_when holds for
// the answers: the summary's own answer, so the form and the file never disagree.
func sharesIdentity(c *display) bool {
	a, err := summary.Assess(c.g, c.s)
	if err != nil {
		return false // then offer the legal basis: asking too much is safer than too little
	}
	sum, err := summary.Build(c.g, c.s, a, summary.Options{Lang: c.uiLang, Generated: c.now()})
	return err == nil && sum.Consent.ShareIdentity
}

// defaultExportName is the summary's usual file name: the case code, never a name.
func defaultExportName(code, format string) string {
	return code + "-summary" + summary.Extension(format)
}

// defaultExportPath is where the summary goes unless the interviewer types another place:
// the export folder (the current one by default, never the data folder), written as
// "./NAME" for the current folder so it reads as a path.
func (c *display) defaultExportPath(format string) string {
	name := defaultExportName(c.s.Code, format)
	if c.exportDir == "" || c.exportDir == "." {
		return "." + string(filepath.Separator) + name
	}
	return filepath.Join(c.exportDir, name)
}

func (m *exportModel) resize(c *display) {
	w := max(10, c.innerWidth()-6)
	m.path.Width = w
	m.recipient.Width = w
}

// setFocus moves the focus to row f, and the text cursor with it.
func (m *exportModel) setFocus(f int) {
	m.focus = f
	m.path.Blur()
	m.recipient.Blur()
	switch f {
	case exPath:
		m.path.Focus()
		m.path.CursorEnd()
	case exRecipient:
		m.recipient.Focus()
		m.recipient.CursorEnd()
	}
}

// typing reports whether keys go into a text field now.
func (m exportModel) typing() bool {
	return m.state == exEditing && (m.focus == exPath || m.focus == exRecipient)
}

// step returns the next row from the focus in direction dir, skipping the rows the form
// does not show now; it stops at the ends.
func (m exportModel) step(dir int) int {
	f := m.focus + dir
	for f > exFormat && f < exButton && !m.shows(f) {
		f += dir
	}
	return max(0, min(f, exButton))
}

// shows reports whether the form shows row f now.
func (m exportModel) shows(f int) bool {
	switch f {
	case exArmor:
		return strings.TrimSpace(m.recipient.Value()) != ""
	case exLegal:
		return m.askLegal
	}
	return true
}

func (m exportModel) update(c *display, msg tea.KeyMsg) (exportModel, exportAct, tea.Cmd) {
	switch m.state {
	case exRunning:
		return m, exportStay, nil // the quick exit still works: the parent sees it first
	case exExists:
		return m.updateExists(c, msg)
	case exDone:
		if key.Matches(msg, c.keys.Dismiss) {
			return m, exportClose, nil
		}
		return m, exportStay, nil
	}
	k := c.keys
	text := m.typing()
	switch {
	case msg.Type == tea.KeyEsc:
		return m, exportClose, nil
	case msg.Type == tea.KeyUp || msg.Type == tea.KeyShiftTab || (!text && key.Matches(msg, k.Up)):
		m.setFocus(m.step(-1))
	case msg.Type == tea.KeyDown || msg.Type == tea.KeyTab || (!text && key.Matches(msg, k.Down)):
		m.setFocus(m.step(1))
	case msg.Type == tea.KeyEnter:
		if m.focus == exButton {
			m, cmd := m.run(c, false)
			return m, exportStay, cmd
		}
		m.setFocus(m.step(1))
	case !text && key.Matches(msg, k.Left):
		m.adjust(c, -1)
	case !text && key.Matches(msg, k.Right):
		m.adjust(c, 1)
	case m.focus == exPath:
		m.path, _ = m.path.Update(msg)
	case m.focus == exRecipient:
		m.recipient, _ = m.recipient.Update(msg)
	}
	return m, exportStay, nil
}

// adjust changes the value of the choice under the focus. A new format changes the
// extension of the file name too, when it still has the old one.
func (m *exportModel) adjust(c *display, dir int) {
	switch m.focus {
	case exFormat:
		n := len(summary.Formats)
		old := summary.Formats[m.format]
		m.format = (m.format + dir + n) % n
		if p, ok := strings.CutSuffix(m.path.Value(), summary.Extension(old)); ok {
			m.path.SetValue(p + summary.Extension(summary.Formats[m.format]))
		}
	case exLang:
		n := len(locales.Languages)
		m.lang = (m.lang + dir + n) % n
	case exArmor:
		m.armor = !m.armor
	case exLegal:
		n := len(summary.LegalBases) + 1
		m.legal = (m.legal + dir + n) % n
	}
}

func (m exportModel) updateExists(c *display, msg tea.KeyMsg) (exportModel, exportAct, tea.Cmd) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Up):
		m.existsCur = (m.existsCur + 1) % 2
	case key.Matches(msg, k.Down):
		m.existsCur = (m.existsCur + 1) % 2
	case msg.String() == "1" || msg.String() == "2":
		m.existsCur = int(msg.Runes[0] - '1')
		m, cmd := m.chooseExists(c)
		return m, exportStay, cmd
	case msg.Type == tea.KeyEnter:
		m, cmd := m.chooseExists(c)
		return m, exportStay, cmd
	case msg.Type == tea.KeyEsc:
		m.existsCur = 0
		m, cmd := m.chooseExists(c)
		return m, exportStay, cmd
	}
	return m, exportStay, nil
}

// chooseExists acts on the choice about an existing file: overwrite it (the explicit
// second confirmation, so Force), or go back to the file name to type another one.
func (m exportModel) chooseExists(c *display) (exportModel, tea.Cmd) {
	if m.existsCur == 1 {
		return m.run(c, true)
	}
	m.state = exEditing
	m.exists = ""
	m.setFocus(exPath)
	return m, nil
}

// exportDoneMsg is the end of the export's command: the file written, or why not, and
// the sharing log's entry for it (nil when nothing was written).
type exportDoneMsg struct {
	written string
	err     error
	entry   *interview.Export
	// recipients is how many recipients the summary was encrypted to.
	recipients int
}

// run starts the export with the form's values through summary.Export, the function
// earlyid export uses. Building the PDF, encrypting and writing the file take long enough
// to freeze the screen, so they run in a command on a copy of the session, and the form
// shows a progress line meanwhile. The command never touches the engine: its sharing-log
// entry comes back in the message, and the parent saves it through the engine in Update,
// like every other change.
func (m exportModel) run(c *display, force bool) (exportModel, tea.Cmd) {
	m.errMsg = ""
	format := summary.Formats[m.format]
	path := expandHome(strings.TrimSpace(m.path.Value()))
	if path == "" {
		m.state = exEditing
		m.errMsg = c.t("tui.export.path_empty")
		m.setFocus(exPath)
		return m, nil
	}
	recipients := splitRecipients(m.recipient.Value())
	basis := ""
	if m.askLegal && m.legal > 0 {
		basis = summary.LegalBases[m.legal-1]
	}
	// The copy shares the answers (read only, and nothing changes them while the form
	// takes no key); its sharing log is its own, so Export's append stays in the copy.
	// No store: the parent logs the file through the engine, so the save is the engine's
	// own (same store, same SaveError, same warning).
	s := *c.s
	s.Exports = slices.Clone(c.s.Exports)
	opts := summary.ExportOptions{
		Guideline: c.g, Session: &s,
		Format: format, Lang: locales.Languages[m.lang], LegalBasis: basis,
		Recipients: recipients, Armor: m.armor && len(recipients) > 0, Out: path, Force: force, Now: c.now,
	}
	m.state = exRunning
	m.running = make(chan exportDoneMsg, 1)
	running, code := m.running, c.s.Code
	return m, func() tea.Msg {
		if st, err := os.Stat(opts.Out); err == nil && st.IsDir() {
			opts.Out = filepath.Join(opts.Out, defaultExportName(code, format))
		}
		written, err := summary.Export(opts)
		done := exportDoneMsg{written: written, err: err, recipients: len(recipients)}
		if err == nil {
			done.entry = &s.Exports[len(s.Exports)-1]
		}
		running <- done
		return done
	}
}

// finish shows how the export ended.
func (m exportModel) finish(c *display, msg exportDoneMsg) exportModel {
	var exists *summary.ExistsError
	var recErr *summary.RecipientError
	switch err := msg.err; {
	case errors.As(err, &exists):
		m.state = exExists
		m.exists = exists.Path
		m.existsCur = 0
		return m
	case errors.As(err, &recErr):
		m.state = exEditing
		if recErr.Secret {
			// A secret key must not stay on the screen, nor be written anywhere.
			m.recipient.SetValue("")
			m.errMsg = c.t("tui.export.recipient_secret")
		} else {
			m.errMsg = c.li.T("cli.error.export_recipient", map[string]any{
				"Value": textsafe.Line(recErr.Value), "Detail": textsafe.Line(recErr.Err.Error())})
		}
		m.setFocus(exRecipient)
		return m
	case err != nil:
		m.state = exEditing
		m.errMsg = c.li.T("cli.error.export_failed", map[string]any{"Detail": reason(c, err)})
		return m
	}
	m.state = exDone
	m.written = msg.written
	m.reminder = msg.recipients == 0 && c.s.Mode != interview.ModeTraining
	return m
}

// logged shows how the save of the sharing log's entry for the file written ended.
func (m exportModel) logged(c *display, err error) exportModel {
	m.logVersion = 0
	if err != nil {
		// The file left the tool but the log does not say so: say it, loudly.
		m.warnMsg = c.li.T("cli.export.log_failed", map[string]any{
			"Code": textsafe.Line(c.s.Code), "Detail": reason(c, err)})
	}
	return m
}

// reason is why a file could not be written, as a localized phrase for the usual causes
// (a folder that does not exist, no permission, a full disk), else the error's own text.
// Errors about files name paths and causes, never an answer.
func reason(c *display, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c.t("tui.error.not_found")
	case errors.Is(err, fs.ErrPermission):
		return c.t("tui.error.permission")
	case errors.Is(err, syscall.ENOSPC):
		return c.t("tui.error.disk_full")
	}
	return textsafe.Line(err.Error())
}

// splitRecipients splits the recipient field: several age recipients may be given,
// separated by commas or spaces.
func splitRecipients(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
}

// expandHome turns a leading "~/" into the home folder, as a shell would.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

func (m exportModel) keys(c *display) keySet {
	k := c.keys
	switch m.state {
	case exExists:
		return keySet{
			short: []key.Binding{k.Up, k.Confirm, k.Return, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Pick, k.Confirm}, {k.Return, k.Help, k.Quit}},
		}
	case exDone:
		return keySet{short: []key.Binding{k.Dismiss, k.Quit}}
	case exRunning:
		return keySet{short: []key.Binding{k.Quit}}
	}
	if m.typing() {
		return keySet{
			short: []key.Binding{k.Next, k.CloseForm, k.Field, k.Quit},
			full:  [][]key.Binding{{k.Field, k.Next}, {k.CloseForm, k.Quit}},
		}
	}
	// Enter and Esc first: the arrows are what anyone tries, and are cut first.
	var short []key.Binding
	if m.focus != exButton {
		short = append(short, k.Adjust)
	}
	short = append(short, k.Next, k.CloseForm, k.Field, k.Help, k.Quit)
	return keySet{
		short: short,
		full:  [][]key.Binding{{k.Field, k.Adjust, k.Next}, {k.CloseForm, k.Help, k.Quit}},
	}
}

func (m exportModel) view(c *display, height int) []string {
	switch m.state {
	case exExists:
		return m.existsView(c, height)
	case exDone:
		return m.doneView(c, height)
	case exRunning:
		return append([]string{""}, styled(c.th.Large, "… "+c.t("tui.export.running"), c.innerWidth(), "  ", "    ")...)
	}
	th := c.th
	w := c.innerWidth()
	plainSt := th.Large.UnsetBold()
	lines := []string{""} // the header says "Export the summary"
	focus := 0
	// choice is one "Label: ‹ value ›" row.
	choice := func(f int, label, value string) {
		text := label + ": ‹ " + value + " ›"
		if m.focus == f {
			focus = len(lines)
			lines = append(lines, styled(th.Cursor, text, w, "  ▸ ", "    ")...)
		} else {
			lines = append(lines, styled(plainSt, text, w, "    ", "    ")...)
		}
	}
	// input is a label row and a text field row under it.
	input := func(f int, label string, ti textinput.Model) {
		if m.focus == f {
			focus = len(lines)
			lines = append(lines, styled(th.Cursor, label+":", w, "  ▸ ", "    ")...)
		} else {
			lines = append(lines, styled(plainSt, label+":", w, "    ", "    ")...)
		}
		lines = append(lines, "    › "+ti.View())
	}
	format := summary.Formats[m.format]
	choice(exFormat, c.t("tui.export.format"), formatNames[format])
	choice(exLang, c.t("tui.export.lang"), locales.Autonym(locales.Languages[m.lang]))
	input(exPath, c.t("tui.export.path"), m.path)
	input(exRecipient, c.t("tui.export.recipient"), m.recipient)
	if m.shows(exArmor) {
		kind := c.t("tui.export.armor.binary")
		if m.armor {
			kind = c.t("tui.export.armor.text")
		}
		choice(exArmor, c.t("tui.export.armor"), kind)
	}
	if m.askLegal {
		basis := c.t("tui.export.legal_basis.none")
		if m.legal > 0 {
			basis = c.t("summary.legal_basis." + summary.LegalBases[m.legal-1])
		}
		choice(exLegal, c.t("tui.export.legal_basis"), basis)
	}
	lines = append(lines, "")
	button := "[ " + c.t("tui.export.button") + " ]"
	if m.focus == exButton {
		focus = len(lines)
		lines = append(lines, styled(th.Cursor, button, w, "  ▸ ", "    ")...)
	} else {
		lines = append(lines, "    "+button)
	}
	if m.errMsg != "" {
		lines = append(lines, "")
		lines = append(lines, styled(th.Error, "! "+m.errMsg, w, "  ", "    ")...)
	}
	// The help of the row under the focus: one at a time, so the form fits 60×20.
	if help := m.fieldHelp(c); help != "" {
		lines = append(lines, "")
		lines = append(lines, styled(th.Dim, help, w, "  ", "  ")...)
	}
	return fit(lines, focus, height)
}

// fieldHelp explains the row under the focus.
func (m exportModel) fieldHelp(c *display) string {
	switch m.focus {
	case exFormat:
		return c.t("tui.export.format_help")
	case exLang:
		return c.t("tui.export.lang_help")
	case exPath:
		return c.t("tui.export.path_help")
	case exRecipient:
		return c.t("tui.export.recipient_help")
	case exArmor:
		return c.t("tui.export.armor_help")
	case exLegal:
		return c.t("tui.export.legal_basis_help")
	}
	if m.recipient.Value() == "" && c.s.Mode != interview.ModeTraining {
		return c.t("tui.export.unencrypted_note")
	}
	return ""
}

// existsView asks what to do about a file that exists: choose another name (first, and
// what Esc does), or overwrite it.
func (m exportModel) existsView(c *display, height int) []string {
	th := c.th
	w := c.innerWidth()
	lines := []string{""}
	lines = append(lines, styled(th.Error, "! "+c.li.T("tui.export.exists", map[string]any{"Path": textsafe.Line(m.exists)}), w, "  ", "    ")...)
	lines = append(lines, "")
	focus := len(lines)
	for i, id := range []string{"tui.export.exists.change", "tui.export.exists.overwrite"} {
		text := strconv.Itoa(i+1) + "  " + c.t(id)
		if i == m.existsCur {
			focus = len(lines)
			lines = append(lines, styled(th.Cursor, text, w, "  ▸ ", "       ")...)
		} else {
			lines = append(lines, styled(th.Large.UnsetBold(), text, w, "    ", "       ")...)
		}
	}
	return fit(lines, focus, height)
}

// doneView says where the summary went, reminds that an unencrypted real summary must be
// kept safe (as earlyid export does), and warns when the sharing log was not saved.
func (m exportModel) doneView(c *display, height int) []string {
	th := c.th
	w := c.innerWidth()
	lines := []string{""}
	lines = append(lines, styled(th.Large, "✓ "+c.li.T("cli.export.written", map[string]any{"File": textsafe.Line(m.written)}), w, "  ", "    ")...)
	if m.reminder {
		lines = append(lines, "")
		lines = append(lines, styled(th.Warn, "! "+c.li.T("cli.export.unencrypted", map[string]any{"File": textsafe.Line(m.written)}), w, "  ", "    ")...)
	}
	if m.warnMsg != "" {
		lines = append(lines, "")
		lines = append(lines, styled(th.Error, "! "+m.warnMsg, w, "  ", "    ")...)
	}
	return fit(lines, 0, height)
}
