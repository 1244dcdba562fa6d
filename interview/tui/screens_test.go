package tui

import (
	"errors"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
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
	name    string
	answers map[string]guidelines.Value
	notes   map[string]string
	mode    interview.Mode
	opts    Options
	keys    []tea.Msg
	store   func() interview.Store // nil: a store that keeps every save
}

func screenCases() []screenCase {
	return []screenCase{
		{name: "setup", opts: Options{AskLang: true, AskUILang: true, AskInterpreter: true}, mode: interview.ModeTraining},
		{name: "safety"},
		{name: "safety-pause", keys: []tea.Msg{keyRunes("2")}},
		{name: "consent", answers: atConsent},
		{name: "question-yesno", answers: atWork},
		{name: "question-number", answers: atAbout},
		{name: "question-number-error", answers: atAbout, keys: []tea.Msg{keyRunes("200"), keyEnter}},
		{name: "question-date-error", answers: atDate, keys: []tea.Msg{keyRunes("31.02.2026"), keyEnter}},
		// Typed Cyrillic and Romanian text arrives as one KeyRunes message (as a terminal
		// delivers a paste or an input method's word), never byte by byte.
		{name: "question-text", answers: atText, keys: []tea.Msg{keyRunes("Олена, Ștefănești, 0 600 00000")}},
		{name: "question-multi", answers: atMulti, keys: []tea.Msg{keyRunes("1"), keyDown, keyDown, keyRunes(" ")}},
		{name: "question-choice", answers: atChoice, keys: []tea.Msg{keyDown, keyDown}},
		{name: "note-overlay", answers: atWork, keys: []tea.Msg{keyRunes("n"), keyRunes("Oferta a venit de la un străin — пропозиція від незнайомця")}},
		{name: "note-saved", answers: atWork, keys: []tea.Msg{keyRunes("n"), keyRunes("Oferta a venit de la un străin"), keyEnter}},
		{name: "hint", answers: atDocuments, keys: []tea.Msg{keyRunes("h")}},
		{name: "sections", answers: atDocuments, keys: []tea.Msg{keyRunes("s")}},
		{name: "indicator-panel", answers: atDocuments, keys: []tea.Msg{keyRunes("i")}},
		{name: "help", answers: atWork, keys: []tea.Msg{keyRunes("?")}},
		{name: "review", answers: changed, notes: map[string]string{"debt": "Datoria: 2 000 €"}},
		{name: "result", answers: complete, notes: map[string]string{"debt": "Datoria: 2 000 €"}, keys: []tea.Msg{keyRunes("f")}},
		{name: "self-end", answers: complete, mode: interview.ModeSelf, keys: []tea.Msg{keyRunes("f")}},
		{name: "training-question", answers: atWork, mode: interview.ModeTraining},
		{name: "swapped-languages", answers: atWork, keys: []tea.Msg{keyRunes("L")}},
		{name: "memory-only", answers: atWork, store: func() interview.Store { return interview.NewMemoryStore() }},
		{name: "save-failed", answers: atWork, store: func() interview.Store { return failingStore{interview.NewMemoryStore()} }, keys: []tea.Msg{keyRunes("y")}},
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
							s := session{lang: lp.lang, uiLang: lp.uiLang, mode: sc.mode, answers: sc.answers, notes: sc.notes}
							if sc.store != nil {
								s.store = sc.store()
							}
							e := s.engine(t)
							view := runKeys(t, New(e, sc.opts), size[0], size[1], sc.keys...)
							golden.RequireEqual(t, []byte(view))
						})
					}
				})
			}
		})
	}
}

// runKeys runs m in a teatest program of the given size, sends msgs, quits, and returns
// the final view without escape sequences. Messages are handled in the order sent, and the
// quit comes after them, so no sleep is needed.
func runKeys(t *testing.T, m tea.Model, w, h int, msgs ...tea.Msg) string {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, msg := range msgs {
		tm.Send(msg)
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	return ansi.Strip(fm.View()) + "\n"
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

func (failingStore) Save(*interview.Session) error { return errors.New("no space left on device") }
