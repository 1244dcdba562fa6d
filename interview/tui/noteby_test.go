package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview"
)

// noteBox opens the note box on the first question of a session in mode and returns the
// screen, and the session once a note was typed and saved.
func noteBox(t *testing.T, mode interview.Mode) (string, *interview.Session) {
	t.Helper()
	g := guidelinestest.TwoIntros(t)
	s, err := interview.NewSession(g, "MD-7K3Q-2PXA", mode, "en", "en", fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 30}, keyRunes("n"))
	box := plainView(m)
	update(m, keyRunes("We travelled at night"), tea.KeyMsg{Type: tea.KeyEnter})
	return box, s
}

// In self mode the note box speaks to the person, who writes the note themselves, and the
// note is saved as theirs; with an interviewer the box keeps the interviewer's words.
func TestSelfNoteBoxSpeaksToThePerson(t *testing.T) {
	box, s := noteBox(t, interview.ModeSelf)
	if !strings.Contains(box, "Anything you want to add?") || strings.Contains(box, "Note on this question") {
		t.Errorf("the self-mode note box does not speak to the person:\n%s", box)
	}
	if strings.Contains(box, "what you observed") {
		t.Errorf("the self-mode note box asks the person what they observed:\n%s", box)
	}
	for id, n := range s.Answers.Notes {
		if s.Answers.NoteAuthor(id) != "person" {
			t.Errorf("the person's note %q on %s is recorded as the interviewer's", n, id)
		}
	}
	if len(s.Answers.Notes) != 1 {
		t.Fatalf("notes %v: the typed note was not saved", s.Answers.Notes)
	}

	box, s = noteBox(t, interview.ModeReal)
	if !strings.Contains(box, "Note on this question") || strings.Contains(box, "Anything you want to add?") {
		t.Errorf("the interviewer's note box changed:\n%s", box)
	}
	for id := range s.Answers.Notes {
		if s.Answers.NoteAuthor(id) != "interviewer" {
			t.Errorf("the interviewer's note on %s is recorded as the person's", id)
		}
	}
}

// The result screen lists the notes on answers no indicator rests on, saying whose each
// is, as the summary's "Notes on other answers" does.
func TestResultShowsEveryNoteWithItsAuthor(t *testing.T) {
	e := session{lang: "en", uiLang: "en", answers: map[string]guidelines.Value{
		"safe_to_talk": yes(), "consent_interview": yes(), "consent_share": no(), "age": num(30),
		"age_uncertain": no(), "arrival_date": str("2026-03-01"), "job_offer": no(),
		"documents_held": no(), "free_to_leave": yes(), "debt": no(), "threats": no(), "needs_medical": no(),
	}, notes: map[string]string{
		"arrival_date": "Came by night bus from Odesa.",
		"age":          "My birthday is next week.",
	}}.engine(t)
	e.Session().Answers.NoteBy["age"] = guidelines.NoteByPerson
	m := atResult(t, e, t.TempDir())
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 200})
	view := strings.Join(strings.Fields(plainView(m)), " ")
	for _, want := range []string{
		"Notes on other answers",
		"Interviewer's note: Came by night bus from Odesa.",
		"The person's own note: My birthday is next week.",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the result screen lacks %q:\n%s", want, plainView(m))
		}
	}
}

// The interpreter question opens on the answer the setup suggests ("no interpreter": not
// needed), and Enter takes it.
func TestInterpreterQuestionOpensOnTheSetupsAnswer(t *testing.T) {
	e := session{guideline: "mixed-flows-md", lang: "en", uiLang: "en"}.engine(t)
	if err := e.Goto(interview.InterpreterQuestion); err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	view := plainView(m)
	if !strings.Contains(view, "▸ 1  Not needed") || !strings.Contains(view, "From the setup: Not needed") {
		t.Errorf("the interpreter question does not open on the setup's answer:\n%s", view)
	}
	update(m, tea.KeyMsg{Type: tea.KeyEnter})
	if v := e.Session().Answers.Values[interview.InterpreterQuestion]; v.Str != "not_needed" {
		t.Errorf("Enter answered %+v, want the setup's not_needed", v)
	}
}

// The result screen marks "someone said they will keep your passport" as announced, not
// yet happened, where it stands as an indicator's evidence.
func TestResultMarksAnnouncedRisks(t *testing.T) {
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	var answers map[string]guidelines.Value
	for _, sc := range scs {
		if sc.ID == "mixed-flows-md-telegram-about-to-leave" {
			answers = sc.Answers.Values
		}
	}
	if answers["offer_docs_keep"].Str != "yes" {
		t.Fatal("the scenario no longer has the passport announced to be kept")
	}
	e := session{guideline: "mixed-flows-md", lang: "en", uiLang: "en", answers: answers}.engine(t)
	m := atResult(t, e, t.TempDir())
	m = update(m, tea.WindowSizeMsg{Width: 200, Height: 400})
	view := strings.Join(strings.Fields(plainView(m)), " ")
	if !strings.Contains(view, "at the border or at work? — Yes (announced, not yet happened)") {
		t.Errorf("the result does not mark the announced risk:\n%s", plainView(m))
	}
}
