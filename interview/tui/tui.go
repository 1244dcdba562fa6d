// Package tui is the terminal front end of the interview (bubbletea v1, bubbles, lipgloss):
// setup, safety check, consent, one question per screen, review and result, over the same
// interview.Engine as the plain mode, so the same answers give the same result.
//
// # Structure
//
// Model is the parent: a screen enum, one display (engine, localizers for the
// interviewer's and the person's language, theme, size, key map) and small child models
// (setup, question, review, result) with unexported update/view methods. The children read
// the display and never change it: what they want changed (a language, the swap, the end
// of the setup) comes back to the parent as an action, which applies it. Every change goes
// through an engine call made in Update. After such a call the parent re-reads where the
// engine stands (sync) and picks the screen; doing this synchronously, not through a
// tea.Cmd, means a key that arrives right after an answer can never act on a stale screen.
// Nothing in Update waits for the disk: the engine only records its changes (DeferSaves),
// and the parent's writer (disk.go) saves a snapshot of the session in a command, one
// write at a time and the newest state each time, and hands each result back to the
// engine, so the header's warning is the last write's. The export's file (PDF, encryption,
// writing) is written in a command too, with a progress line. Every ending waits for the
// last write behind the blank frame, and its result decides between the end and the copy
// screen. View is pure: it only renders the state.
//
// # Safety
//
// Ctrl+X and Ctrl+C are the quick exit: the next frame is a neutral shell prompt with
// nothing of the interview, then the session is saved at the current question (by the
// writer, so the blank frame never waits for the disk), and the program quits (on the setup
// form nothing was asked yet, and nothing is saved); Run uses the alternate screen, so nothing stays in the terminal's scroll-back.
// Only when that save fails (and a copy can be written) does the quick exit stop at the
// copy screen instead, which shows no answer; a second Ctrl+X, there or while the save
// runs, ends the program without it.
// Every text from a guideline file or typed by a person goes through textsafe
// before it is drawn. Meaning is never carried by colour alone ("▸", "!", "✎", "[x]",
// strike-through plus a text marker).
//
// # Export and unsaved changes
//
// On the result screen, e opens the export form (export.go): the same summary.Export as
// earlyid export, so the file, its encryption, the refusal to overwrite without a second
// confirmation and the sharing log are the same; the log is saved through the engine.
// Ending the interview while the last save failed, normally or by the quick exit, shows
// the copy screen (copy.go), which writes an encrypted copy elsewhere (by the writer).
// When the program ends with changes that are neither saved nor copied, Run returns
// ErrNotSaved, so that the command exits non-zero.
package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// Options says which setup fields to ask and how to draw.
type Options struct {
	// AskLang, AskUILang and AskInterpreter put the person's language, the interviewer's
	// language and "interpreter present" on the setup form; the command sets them for what
	// its flags did not give. A session past setup (resumed) never shows the form, and a
	// session at setup with nothing to ask starts at once.
	AskLang, AskUILang, AskInterpreter bool
	// Mono draws without colour: the command sets it when NO_COLOR is set, from the
	// environment it was given (so that tests need not change the process's own).
	Mono bool
	// Renderer draws the styles; nil means lipgloss's default renderer (tests).
	Renderer *lipgloss.Renderer
	// ExportDir is the folder the result screen's export form suggests for the summary:
	// "" is the current folder (Run picks the home folder instead when the current one is
	// inside DataDir, where exports must never land).
	ExportDir string
	// DataDir is earlyid's data folder, as the command resolved it; "" when unknown, and then
	// the current folder is never taken for it.
	DataDir string
	// Now is the clock of exports (the summary's date and the sharing log); nil: time.Now.
	Now func() time.Time
	// ShowRecovery puts the organisation's recovery key on the setup form, where the
	// interviewer sees it before the first question: the command sets it for sessions it
	// stores encrypted. Recovery is that key (age1…), "" when none is set, and then the
	// form says that a lost key loses these interviews.
	ShowRecovery bool
	Recovery     string
}

// Run runs the interview of e in the terminal on in/out until it ends: finished, postponed
// at the safety check, or left by the quick exit. The session is saved in every case (as
// far as the store allows; a failed save was shown on screen, and then Run returns
// ErrNotSaved unless a copy was written). Run draws on the alternate screen, so the
// interview stays out of the scroll-back.
func Run(e *interview.Engine, in io.Reader, out io.Writer, opts Options) error {
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(out)
	}
	if opts.ExportDir == "" {
		opts.ExportDir = defaultExportDir(opts.DataDir)
	}
	m := New(e, opts)
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithAltScreen())
	fm, err := p.Run()
	final, ok := fm.(Model)
	if ok {
		final.settle()
	} else {
		e.Quit() // ended from outside: save the position anyway
		e.Save()
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return err
	}
	if ok && final.fatal != nil {
		return final.fatal
	}
	if !e.AllSaved() && e.Persistent() && !(ok && final.copy.state == copyDone) {
		return ErrNotSaved
	}
	if ok {
		final.sayCode(out)
	}
	return nil
}

// sayCode prints, once the full screen is gone, the case code under which an interview
// that ended the normal way is saved, as the plain mode does: it is what resume and export
// need, and the screens that showed it are gone with the alternate screen. After the quick
// exit nothing is printed (someone may be looking), nor when nothing reached the disk.
func (m Model) sayCode(out io.Writer) {
	e := m.c.e
	if m.ended == endNone || !e.Persistent() || !e.AllSaved() {
		return
	}
	code := textsafe.Line(e.Session().Code)
	switch m.ended {
	case endFinished:
		fmt.Fprintln(out, m.c.li.T("tui.finished.saved", map[string]any{"Code": code}))
	case endPostponed:
		fmt.Fprintln(out, m.c.li.T("interview.resume_hint", map[string]any{"Code": code}))
	}
}

// settle ends what the program left behind when it ended from outside (a signal) rather
// than by a key: a command still running may not be cut off as the process exits, and
// the position is saved. A write under way is waited for, not run again beside it; an
// export still writing its file is waited for (cut off, it would leave its temporary file
// behind) and logged by the save. After an ending by a key nothing is left to write.
func (m Model) settle() {
	e := m.c.e
	if m.export.state == exRunning {
		if msg := <-m.export.running; msg.err == nil {
			e.RecordExport(*msg.entry)
		}
	}
	if !m.quitting && m.screen != screenSetup { // at setup nothing is there to keep
		e.Quit()
	}
	m.disk.flush()
}

// ErrNotSaved is returned by Run when the program ended while the last save had failed and
// no copy was written: the changes since the last good save are lost. The screen said so
// (the warning in the header, the copy screen's question) before the program ended, and
// after a quick exit nothing may be printed, so the command only exits non-zero.
var ErrNotSaved = errors.New("the interview ended while the last changes could not be saved") // i18n:ignore: never shown, the screen said it

// defaultExportDir is the folder the export form suggests: the current one ("."), unless
// it is inside the data folder data (where sessions live and a summary must not end up by
// default), then the home folder.
func defaultExportDir(data string) string {
	cwd, err := os.Getwd()
	if err != nil || data == "" || !within(cwd, data) {
		return "."
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
