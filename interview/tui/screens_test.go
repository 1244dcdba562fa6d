package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// Answers that place an interview of the example guideline at a given question.
var (
	atConsent = map[string]guidelines.Value{"safe_to_talk": yes()}
	atAbout   = merge(atConsent, map[string]guidelines.Value{"consent_interview": yes(), "consent_share": yes()})
	atDate    = merge(atAbout, map[string]guidelines.Value{"age": num(34), "age_uncertain": no()})
	atText    = merge(atDate, map[string]guidelines.Value{"arrival_date": str("2026-03-01")})
	atWork    = merge(atText, map[string]guidelines.Value{"contact_details": str("Olena, 0 600 00000")})
	atMulti   = merge(atWork, map[string]guidelines.Value{"job_offer": yes()})
	atChoice  = merge(atMulti, map[string]guidelines.Value{"recruited_via": list("acquaintance", "online")})
	// atDocuments: the work took place, with several indicators present.
	atDocuments = merge(atChoice, map[string]guidelines.Value{
		"job_as_promised": str("different"), "hours_per_day": num(14), "paid_as_agreed": no()})
	// complete: every applicable question answered; a child with urgent medical needs.
	complete = merge(atDocuments, map[string]guidelines.Value{
		"age": num(16), "documents_held": yes(), "free_to_leave": no(), "debt": yes(),
		"threats": guidelines.DeclinedValue, "needs_medical": yes()})
	// changed: job_offer turned to "no" after its follow-ups were answered: they are kept
	// but no longer apply.
	changed = merge(complete, map[string]guidelines.Value{"job_offer": no()})
)

// scenarioAnswers returns the answers of an embedded training scenario.
func scenarioAnswers(id string) map[string]guidelines.Value {
	ss, _ := guidelines.EmbeddedScenarios()
	for _, sc := range ss {
		if sc.ID == id {
			return sc.Answers.Values
		}
	}
	return nil // the case then shows another screen than its golden
}

func merge(a, b map[string]guidelines.Value) map[string]guidelines.Value {
	out := map[string]guidelines.Value{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// screenCase is one screen to golden: the session it starts from and the keys that lead
// to it.
type screenCase struct {
	name string
	// guideline is the embedded guideline's id ("": the example).
	guideline string
	answers   map[string]guidelines.Value
	notes     map[string]string
	mode      interview.Mode
	opts      Options
	keys      []tea.Msg
	store     func() interview.Store // nil: a store that keeps every save
	// vault: the encrypted store, with its sessions folder failing every write.
	vault bool
	// chdir runs the case in an empty temp folder (exports suggest ./FILE there) holding
	// files, empty files that already exist.
	chdir bool
	files []string
	// header: the place, role and institution given by flags.
	header [3]string
}

func screenCases() []screenCase {
	return []screenCase{
		{name: "setup", opts: Options{AskLang: true, AskUILang: true, AskInterpreter: true}, mode: interview.ModeTraining},
		// The summary's header, typed in the optional fields (with the hint under them), and
		// given by flags (then the fields are not shown).
		{name: "setup-header-typed", opts: Options{AskLang: true, AskUILang: true, AskInterpreter: true},
			keys: []tea.Msg{keyDown, keyDown, keyDown, keyRunes("Palanca, punctul de trecere"), keyDown, keyRunes("інспектор прикордонної служби")}},
		{name: "setup-header-given", opts: Options{AskInterpreter: true}, header: [3]string{"Palanca", "ofițer de frontieră", "IGPF"}},
		// The organisation's recovery key, shown where the interviewer sees it before the
		// first question, and the warning when there is none.
		{name: "setup-recovery", opts: Options{AskInterpreter: true, ShowRecovery: true, Recovery: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"}},
		{name: "setup-no-recovery", opts: Options{AskInterpreter: true, ShowRecovery: true}},
		{name: "safety"},
		{name: "safety-pause", keys: []tea.Msg{keyRunes("2")}},
		// The default guideline's pause: its contacts are more than a small screen holds, so
		// PgDn must reach all of them, and "postpone and save" keeps them on the screen.
		{name: "pause-default", guideline: guidelines.DefaultID, keys: []tea.Msg{keyRunes("2")}},
		{name: "pause-default-pgdn", guideline: guidelines.DefaultID, keys: []tea.Msg{keyRunes("2"), keyPgDown, keyPgDown, keyPgDown}},
		{name: "postponed-default", guideline: guidelines.DefaultID, keys: []tea.Msg{keyRunes("2"), keyRunes("1")}},
		{name: "postponed-default-pgdn", guideline: guidelines.DefaultID, keys: []tea.Msg{keyRunes("2"), keyRunes("1"), keyPgDown, keyPgDown}},
		{name: "consent", answers: atConsent},
		{name: "question-yesno", answers: atWork},
		{name: "question-number", answers: atAbout},
		{name: "question-number-error", answers: atAbout, keys: []tea.Msg{keyRunes("200"), keyEnter}},
		{name: "question-date-error", answers: atDate, keys: []tea.Msg{keyRunes("31.02.2026"), keyEnter}},
		// Typed Cyrillic and Romanian text arrives as one KeyRunes message (as a terminal
		// delivers a paste or an input method's word), never byte by byte.
		{name: "question-text", answers: atText, keys: []tea.Msg{keyRunes("Олена, Ștefănești, 0 600 00000")}},
		{name: "question-multi", answers: atMulti, keys: []tea.Msg{keyRunes("1"), keyDown, keyDown, keyRunes(" ")}},
		// "Don't know" chosen with two options ticked: it asks before it replaces them.
		{name: "question-multi-replace", answers: atMulti, keys: []tea.Msg{keyRunes("1"), keyRunes("3"), keyDown, keyDown, keyEnter}},
		{name: "question-choice", answers: atChoice, keys: []tea.Msg{keyDown, keyDown}},
		{name: "note-overlay", answers: atWork, keys: []tea.Msg{keyRunes("n"), keyRunes("Oferta a venit de la un străin — пропозиція від незнайомця")}},
		{name: "note-saved", answers: atWork, keys: []tea.Msg{keyRunes("n"), keyRunes("Oferta a venit de la un străin"), keyEnter}},
		{name: "hint", answers: atDocuments, keys: []tea.Msg{keyRunes("h")}},
		{name: "sections", answers: atDocuments, keys: []tea.Msg{keyRunes("s")}},
		{name: "indicator-panel", answers: atDocuments, keys: []tea.Msg{keyRunes("i")}},
		// Every question answered: more indicators than the screen holds; ↓ and PgDn reach
		// the last ones.
		{name: "indicator-panel-full", answers: complete, keys: []tea.Msg{keyRunes("s"), keyUp, keyEnter, keyRunes("i")}},
		{name: "indicator-panel-scrolled", answers: complete, keys: []tea.Msg{keyRunes("s"), keyUp, keyEnter, keyRunes("i"), keyPgDown, keyDown, keyPgDown, keyPgDown}},
		{name: "help", answers: atWork, keys: []tea.Msg{keyRunes("?")}},
		{name: "review", answers: changed, notes: map[string]string{"debt": "Datoria: 2 000 €"}},
		// PgUp pages the review's list up from its finish row.
		{name: "review-pgup", answers: changed, notes: map[string]string{"debt": "Datoria: 2 000 €"}, keys: []tea.Msg{keyPgUp, keyPgUp}},
		{name: "result", answers: complete, notes: map[string]string{"debt": "Datoria: 2 000 €"}, keys: []tea.Msg{keyRunes("f")}},
		// The interviewer's closing remarks: the editor (r), and the remarks saved on the
		// review and the result.
		{name: "remarks-editor", answers: complete, keys: []tea.Msg{keyRunes("r"), keyRunes("Persoana a acceptat ajutorul."), keyEnter, keyRunes("Домовилися про дзвінок завтра.")}},
		{name: "review-remarks", answers: complete, keys: []tea.Msg{keyRunes("r"), keyRunes("Persoana a acceptat ajutorul."), keyEnter, keyRunes("Домовилися про дзвінок завтра."), keyCtrlS}},
		{name: "result-remarks", answers: complete, keys: []tea.Msg{keyRunes("r"), keyRunes("Persoana a acceptat ajutorul."), keyCtrlS, keyRunes("f"), keyPgDown, keyPgDown, keyPgDown, keyPgDown, keyPgDown, keyPgDown, keyPgDown, keyPgDown}},
		{name: "self-end", answers: complete, mode: interview.ModeSelf, keys: []tea.Msg{keyRunes("f")}},
		// Self mode: the review finishes without promising a result, and the end screen of
		// the default guideline scrolls to its last contact.
		{name: "self-review", answers: complete, mode: interview.ModeSelf},
		// The person alone reads the consent without the interviewer's "read this aloud".
		{name: "self-consent", answers: map[string]guidelines.Value{"consent_interview": yes()}, mode: interview.ModeSelf},
		{name: "self-end-default", guideline: guidelines.DefaultID, answers: scenarioAnswers("mixed-flows-md-moldova-farm-teen"), mode: interview.ModeSelf, keys: []tea.Msg{keyRunes("f"), keyPgDown, keyPgDown}},
		// An adult whose answers point to one service still leaves with the emergency and
		// helpline numbers: the person alone has no interviewer to give them.
		{name: "self-end-adult", guideline: guidelines.DefaultID, answers: scenarioAnswers("mixed-flows-md-grandmother-no-indicators"), mode: interview.ModeSelf, keys: []tea.Msg{keyRunes("f"), keyPgDown, keyPgDown}},
		{name: "training-question", answers: atWork, mode: interview.ModeTraining},
		{name: "swapped-languages", answers: atWork, keys: []tea.Msg{keyRunes("L")}},
		{name: "memory-only", answers: atWork, store: func() interview.Store { return interview.NewMemoryStore() }},
		{name: "save-failed", answers: atWork, store: func() interview.Store { return failingStore{interview.NewMemoryStore()} }, keys: []tea.Msg{keyRunes("y")}},
		// The result screen's export: the form, with the legal basis when the
		// person did not agree to share their identity, a file that exists, and the end.
		{name: "export-form", answers: complete, keys: []tea.Msg{keyRunes("f"), keyRunes("e")}},
		{name: "export-legal-basis", answers: noConsentToShare, keys: []tea.Msg{keyRunes("f"), keyRunes("e"), keyTab, keyTab, keyTab, keyTab, keyRight}},
		{name: "export-help", answers: complete, keys: []tea.Msg{keyRunes("f"), keyRunes("e"), keyRunes("?")}},
		{name: "export-exists", answers: complete, chdir: true, files: []string{"MD-7K3Q-2PXA-summary.pdf"},
			keys: []tea.Msg{keyRunes("f"), keyRunes("e"), keyTab, keyTab, keyTab, keyTab, keyEnter}},
		{name: "export-done", answers: complete, chdir: true,
			keys: []tea.Msg{keyRunes("f"), keyRunes("e"), keyRight, keyTab, keyTab, keyTab, keyTab, keyEnter}},
		// Ending the interview after a failed save: the copy screen, and a copy
		// refused because the file exists.
		{name: "copy-offer", answers: complete, vault: true, keys: []tea.Msg{keyRunes("f"), keyEnter}},
		// The quick exit when the save fails: the copy screen, with no answer on it.
		{name: "quickexit-copy", answers: atWork, vault: true, keys: []tea.Msg{keyRunes("y"), keyCtrlX}},
		{name: "copy-exists", answers: complete, vault: true, chdir: true, files: []string{"MD-7K3Q-2PXA.age"},
			keys: []tea.Msg{keyRunes("f"), keyEnter, keyRunes("MD-7K3Q-2PXA.age"), keyEnter}},
	}
}

// langPairs are the person's and the interviewer's language of the goldens.
var langPairs = []struct{ lang, uiLang string }{{"uk", "ro"}, {"ro", "uk"}}

// TestScreens goldens every screen at 80×24 and 60×20 in two language pairs, driven
// through a real bubbletea program by key messages. The golden is the final model's view
// without escape sequences (testdata/TestScreens/<lang>/<size>/<screen>.golden). Read
// them: they are what a specialist sees.
func TestScreens(t *testing.T) {
	sizes := [][2]int{{80, 24}, {60, 20}}
	for _, lp := range langPairs {
		t.Run(lp.lang+"-"+lp.uiLang, func(t *testing.T) {
			for _, size := range sizes {
				t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(t *testing.T) {
					for _, sc := range screenCases() {
						t.Run(sc.name, func(t *testing.T) {
							s := session{guideline: sc.guideline, lang: lp.lang, uiLang: lp.uiLang, mode: sc.mode, answers: sc.answers, notes: sc.notes, header: sc.header}
							if sc.store != nil {
								s.store = sc.store()
							}
							if sc.vault {
								s.store = brokenVault(t)
							}
							e := s.engine(t)
							var view string
							var fm Model
							if sc.chdir {
								view = inTempDir(t, sc.files, func() string {
									view, fm = runKeysModel(t, New(e, sc.opts), size[0], size[1], sc.keys...)
									return view
								})
							} else {
								view, fm = runKeysModel(t, New(e, sc.opts), size[0], size[1], sc.keys...)
							}
							questionShownWhole(t, fm, view)
							golden.RequireEqual(t, []byte(view))
						})
					}
				})
			}
		})
	}
}

// inTempDir runs f in an empty temp folder holding files (empty), and comes back before
// it returns: the golden files are found relative to the package folder. (t.Chdir would
// stay until the test ends, after the golden comparison.)
func inTempDir(t *testing.T, files []string, f func() string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	back, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(back); err != nil {
			t.Fatal(err)
		}
	}()
	return f()
}

// runKeys runs m in a teatest program of the given size, sends msgs, quits, and returns
// the final view without escape sequences.
func runKeys(t *testing.T, m tea.Model, w, h int, msgs ...tea.Msg) string {
	t.Helper()
	view, _ := runKeysModel(t, m, w, h, msgs...)
	return view
}

// runKeysModel is runKeys that also returns the final model. Messages are handled in the
// order sent, and the quit comes after them and after the commands they started (the
// quick exit's save, an export), so no sleep is needed.
func runKeysModel(t *testing.T, m tea.Model, w, h int, msgs ...tea.Msg) (string, Model) {
	t.Helper()
	tm := teatest.NewTestModel(t, &settling{m: m}, teatest.WithInitialTermSize(w, h))
	for _, msg := range msgs {
		tm.Send(msg)
	}
	tm.Send(quitWhenSettled{})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*settling).m.(Model)
	return ansi.Strip(fm.View()) + "\n", fm
}

// settling wraps a model to count the commands it started that have not returned yet, so
// that quitWhenSettled quits only once they have: a command's message arrives whenever
// the command returns, possibly after a quit sent right behind the keys. Like a person
// who waits for the screen to answer, it holds each key back while a command runs (an
// ending's last write, an export), so that the keys reach the screen they were meant for.
type settling struct {
	m       tea.Model
	running int
	held    []tea.Msg // keys sent while a command ran, in order
	quit    bool      // quitWhenSettled arrived while commands ran
}

// quitWhenSettled quits the program once no command of the model is running.
type quitWhenSettled struct{}

// settled is the message of a command of the wrapped model.
type settled struct{ msg tea.Msg }

func (s *settling) Init() tea.Cmd { return s.wrap(s.m.Init()) }

func (s *settling) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case quitWhenSettled:
		s.quit = true
	case settled:
		s.running--
		switch inner := msg.msg.(type) {
		case tea.QuitMsg:
			return s, tea.Quit
		case tea.BatchMsg:
			for _, c := range inner {
				cmds = append(cmds, s.wrap(c))
			}
		case nil:
		default:
			cmds = append(cmds, s.pass(inner))
		}
	default:
		s.held = append(s.held, msg)
	}
	for s.running == 0 && len(s.held) > 0 {
		next := s.held[0]
		s.held = s.held[1:]
		cmds = append(cmds, s.pass(next))
	}
	if s.quit && s.running == 0 && len(s.held) == 0 {
		return s, tea.Quit
	}
	return s, tea.Batch(cmds...)
}

// pass hands msg to the wrapped model and wraps the command it returns.
func (s *settling) pass(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	return s.wrap(cmd)
}

func (s *settling) View() string { return s.m.View() }

// wrap counts cmd as running until its message comes back as settled.
func (s *settling) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	s.running++
	return func() tea.Msg { return settled{cmd()} }
}

// questionShownWhole fails t unless the question on fm's screen is in view whole, in
// both languages (only the person's in self mode), as question.go's window promises: an
// intro may scroll out, the question never does, not even in part.
func questionShownWhole(t *testing.T, fm Model, view string) {
	t.Helper()
	if fm.screen != screenQuestion || fm.question.overlay != overlayNone || fm.showHelp {
		return
	}
	flat := strings.Join(strings.Fields(view), " ")
	q := fm.question.step.Question
	langs := []string{fm.c.lang, fm.c.contentUI()}
	if fm.c.self {
		langs = langs[:1]
	}
	for _, lang := range langs {
		text := strings.Join(strings.Fields(textsafe.Line(q.Text.Plain(lang, fm.c.g.Languages...))), " ")
		if !strings.Contains(flat, text) {
			t.Errorf("the question %s is not in view whole in %s (%q):\n%s", q.ID, lang, text, view)
		}
	}
}

func TestTooSmall(t *testing.T) {
	for _, lp := range langPairs {
		t.Run(lp.uiLang, func(t *testing.T) {
			e := session{lang: lp.lang, uiLang: lp.uiLang}.engine(t)
			view := runKeys(t, New(e, Options{}), 50, 15)
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// failingStore fails every save, as a full disk does.
type failingStore struct{ *interview.MemoryStore }

func (failingStore) Persistent() bool { return true }

func (failingStore) Save(*interview.Session) error { return syscall.ENOSPC } // a full disk

// Has reports that the store holds the session: the disk filled up mid-interview, after
// earlier saves, so the warning may say that the last save is intact.
func (failingStore) Has(string) bool { return true }
