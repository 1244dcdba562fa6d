package tui

import (
	"os"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

func TestMain(m *testing.M) {
	// Goldens are plain text: no colour profile from the CI runner may change them.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// diskStore is a MemoryStore that says it is persistent, so screens look like a real
// saved interview (no memory-only warning) while tests can read every save back.
type diskStore struct{ *interview.MemoryStore }

func (diskStore) Persistent() bool { return true }

// fixedNow is the clock of every test session.
func fixedNow() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// guideline returns an embedded guideline.
func guideline(t testing.TB, id string) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.Open(id)
	if g == nil || ds.HasErrors() {
		t.Fatalf("guideline %s: %v", id, ds)
	}
	return g
}

// session describes a test interview.
type session struct {
	guideline    string
	lang, uiLang string
	mode         interview.Mode
	code         string
	answers      map[string]guidelines.Value
	notes        map[string]string
	store        interview.Store
	// header: the place, role and institution the command's flags gave.
	header [3]string
}

// engine builds the engine of s (at setup; New starts it unless the form is asked for).
func (s session) engine(t testing.TB) *interview.Engine {
	t.Helper()
	if s.guideline == "" {
		s.guideline = "example"
	}
	if s.mode == "" {
		s.mode = interview.ModeReal
	}
	if s.code == "" {
		s.code = "MD-7K3Q-2PXA"
	}
	if s.store == nil {
		s.store = diskStore{interview.NewMemoryStore()}
	}
	g := guideline(t, s.guideline)
	sess, err := interview.NewSession(g, s.code, s.mode, s.lang, s.uiLang, fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	for id, v := range s.answers {
		sess.Answers.Values[id] = v
	}
	for id, n := range s.notes {
		sess.Answers.Notes[id] = n
	}
	sess.Place, sess.InterviewerRole, sess.Institution = s.header[0], s.header[1], s.header[2]
	e, err := interview.New(g, sess, s.store, interview.WithClock(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Values for answers.
func yes() guidelines.Value               { return guidelines.Value{Str: "yes"} }
func no() guidelines.Value                { return guidelines.Value{Str: "no"} }
func str(s string) guidelines.Value       { return guidelines.Value{Str: s} }
func num(n float64) guidelines.Value      { return guidelines.Value{Num: n} }
func list(ids ...string) guidelines.Value { return guidelines.Value{List: ids} }

// Key messages.
func keyRunes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	keyEnter  = tea.KeyMsg{Type: tea.KeyEnter}
	keyEsc    = tea.KeyMsg{Type: tea.KeyEsc}
	keyDown   = tea.KeyMsg{Type: tea.KeyDown}
	keyUp     = tea.KeyMsg{Type: tea.KeyUp}
	keyPgDown = tea.KeyMsg{Type: tea.KeyPgDown}
	keyPgUp   = tea.KeyMsg{Type: tea.KeyPgUp}
	keyCtrlX  = tea.KeyMsg{Type: tea.KeyCtrlX}
	keyCtrlC  = tea.KeyMsg{Type: tea.KeyCtrlC}
	keyCtrlS  = tea.KeyMsg{Type: tea.KeyCtrlS}
)

// update feeds msgs to m directly (model-level, synchronous) and returns the new model.
// The commands Update returns (the quick exit's save, the export) run at once, and their
// messages are fed back, as the program would; tea.Quit is left out, so the model can
// still be looked at.
func update(m tea.Model, msgs ...tea.Msg) tea.Model {
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m = runCmd(m, cmd)
	}
	return m
}

// runCmd runs cmd and feeds what it returns to m.
func runCmd(m tea.Model, cmd tea.Cmd) tea.Model {
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(m, c)
		}
	default:
		m = update(m, msg)
	}
	return m
}

// ended reports whether m has ended the program: the blank frame, nothing left to write
// and no export to wait for.
func ended(m tea.Model) bool {
	mm := m.(Model)
	return mm.quitting && mm.disk.idle() && mm.export.state != exRunning
}

// plainView is the view without escape sequences.
func plainView(m tea.Model) string { return ansi.Strip(m.View()) }

func localesLanguages() []string { return locales.Languages }

func ansiWidth(s string) int { return lipgloss.Width(s) }
