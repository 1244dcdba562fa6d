package plain

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// openGuideline is guidelinestest.Open, under the name this package's tests use.
var openGuideline = guidelinestest.Open

func fixedClock() func() time.Time {
	t := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Second); return t }
}

func newEngine(t testing.TB, g *guidelines.Guideline, mode interview.Mode, lang, ui string, store interview.Store, prefill *guidelines.Answers) *interview.Engine {
	t.Helper()
	s, err := interview.NewSession(g, "MD-PLAN-0001", mode, lang, ui, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if prefill != nil {
		for k, v := range prefill.Values {
			s.Answers.Values[k] = v
		}
		for k, v := range prefill.Notes {
			s.Answers.Notes[k] = v
		}
	}
	e, err := interview.New(g, s, store, interview.WithClock(fixedClock()))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// answerLines turns a set of answers into the plain-mode input that gives them: it walks
// the interview as the engine will, writing each applicable question's answer as a line
// ("?" for a question the answers leave out) and "y" where the safety check suggests a
// pause, and writes the notes as ":note" lines.
func answerLines(t testing.TB, g *guidelines.Guideline, a guidelines.Answers) []string {
	t.Helper()
	return answerLinesIn(t, g, a, interview.ModeTraining)
}

// answerLinesIn is answerLines for an interview in mode (self mode asks fewer questions).
func answerLinesIn(t testing.TB, g *guidelines.Guideline, a guidelines.Answers, mode interview.Mode) []string {
	t.Helper()
	e := newEngine(t, g, mode, g.Languages[0], "en", interview.NewMemoryStore(), nil)
	e.Start()
	var lines []string
	for e.Current().Question != nil {
		q := e.Current().Question
		if n, ok := a.Notes[q.ID]; ok {
			lines = append(lines, ":note "+n)
		}
		line := "?"
		if v, ok := a.Values[q.ID]; ok {
			line = formatValue(q, v)
		}
		v, err := parseLine(q, line)
		if err != nil {
			t.Fatalf("%s: the line %q for %v does not parse: %v", q.ID, line, a.Values[q.ID], err)
		}
		if err := e.Answer(v); err != nil {
			t.Fatalf("%s: %v", q.ID, err)
		}
		lines = append(lines, line)
		if e.PauseSuggested() {
			e.ContinueAnyway()
			lines = append(lines, "y")
		}
	}
	return lines
}

func run(t testing.TB, e *interview.Engine, input string) (Ending, string) {
	t.Helper()
	var out bytes.Buffer
	end, err := Run(e, strings.NewReader(input), &out, Options{})
	if err != nil {
		t.Fatalf("Run: %v\noutput:\n%s", err, out.String())
	}
	if bytes.ContainsRune(out.Bytes(), 0x1b) {
		t.Fatalf("output contains an escape sequence:\n%q", out.String())
	}
	return end, out.String()
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	slices.Sort(out)
	return out
}

func TestScenariosGiveTheirExpectedResult(t *testing.T) {
	scenarios, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatalf("embedded scenarios: %v", err)
	}
	if len(scenarios) == 0 {
		t.Fatal("no embedded scenarios")
	}
	for _, sc := range scenarios {
		for _, ending := range []string{"\n", ""} { // an empty line at the review, or end of input
			t.Run(fmt.Sprintf("%s/final=%q", sc.ID, ending), func(t *testing.T) {
				g := openGuideline(t, sc.Guideline)
				lines := answerLines(t, g, sc.Answers)
				store := interview.NewMemoryStore()
				e := newEngine(t, g, interview.ModeTraining, g.Languages[1%len(g.Languages)], "en", store, nil)
				end, out := run(t, e, strings.Join(lines, "\n")+"\n"+ending)
				if end != Finished {
					t.Fatalf("ended with %v, want Finished\n%s", end, out)
				}
				s, err := store.Load("MD-PLAN-0001")
				if err != nil {
					t.Fatal(err)
				}
				if s.Status != interview.StatusFinished {
					t.Errorf("stored status %s", s.Status)
				}
				a, err := indicators.Score(g, s.Answers)
				if err != nil {
					t.Fatal(err)
				}
				if a.Outcome.ID != sc.Expected.Outcome {
					t.Errorf("outcome %s, want %s", a.Outcome.ID, sc.Expected.Outcome)
				}
				gotInd := ids(a.Indicators, func(r indicators.IndicatorResult) string { return r.Indicator.ID })
				if want := slices.Sorted(slices.Values(sc.Expected.Indicators)); !slices.Equal(gotInd, want) {
					t.Errorf("indicators %v, want %v", gotInd, want)
				}
				gotFlags := ids(a.Flags, func(r indicators.FlagResult) string { return r.Flag.ID })
				if want := slices.Sorted(slices.Values(sc.Expected.Flags)); !slices.Equal(gotFlags, want) {
					t.Errorf("flags %v, want %v", gotFlags, want)
				}
				if text := g.Outcome(sc.Expected.Outcome).Text.In("en"); !strings.Contains(out, text) {
					t.Errorf("the printed result does not show the outcome %q:\n%s", text, out)
				}
				for id, note := range sc.Answers.Notes {
					if g.Question(id) != nil && s.Answers.Notes[id] != note && a.Applies[g.Question(id).Index] {
						t.Errorf("note on %s = %q, want %q", id, s.Answers.Notes[id], note)
					}
				}
			})
		}
	}
}

func TestCompletePrefillGoesStraightToResult(t *testing.T) {
	scenarios, _ := guidelines.EmbeddedScenarios()
	sc := scenarios[0]
	g := openGuideline(t, sc.Guideline)
	// Fill every applicable question the scenario leaves out with "unknown".
	a := guidelines.NewAnswers()
	e0 := newEngine(t, g, interview.ModeTraining, "en", "en", interview.NewMemoryStore(), &sc.Answers)
	e0.Start()
	for q := e0.Current().Question; q != nil; q = e0.Current().Question {
		e0.Answer(guidelines.UnknownValue)
	}
	a = e0.Answers()
	e := newEngine(t, g, interview.ModeTraining, "en", "en", interview.NewMemoryStore(), &a)
	end, out := run(t, e, "") // nothing to read: it must not ask
	if end != Finished || strings.Contains(out, "[1/") {
		t.Fatalf("a complete pre-fill asked questions or did not finish (%v):\n%s", end, out)
	}
	if !strings.Contains(out, g.Outcome(sc.Expected.Outcome).Text.In("en")) {
		t.Errorf("no result printed:\n%s", out)
	}
}

func exampleEngine(t *testing.T, mode interview.Mode, store interview.Store) *interview.Engine {
	return newEngine(t, openGuideline(t, "example"), mode, "ro", "en", store, nil)
}

func TestWrongAnswerIsExplainedAndAskedAgain(t *testing.T) {
	en := locales.New("en")
	store := interview.NewMemoryStore()
	e := exampleEngine(t, interview.ModeTraining, store)
	first := "" // the first question's id, whatever the file calls it
	e.Start()
	first = e.Current().Question.ID
	end, out := run(t, e, "maybe\n\n:frobnicate\ny\n:quit\n")
	if end != Quit {
		t.Fatalf("ending %v, want Quit", end)
	}
	for _, want := range []string{
		en.T("interview.error.not_yes_no", map[string]any{"Value": "maybe"}),
		en.T("interview.error.empty", nil),
		en.T("plain.unknown_command", map[string]any{"Command": ":frobnicate"}),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	s, _ := store.Load("MD-PLAN-0001")
	if s.Answers.Values[first].Str != "yes" {
		t.Errorf("the valid answer after the garbage was not kept: %v", s.Answers.Values)
	}
}

func TestBackNoteQuitAndEOF(t *testing.T) {
	en := locales.New("en")
	dir := t.TempDir()
	store, err := interview.NewTrainingStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	e := exampleEngine(t, interview.ModeTraining, store)
	e.Start()
	q1 := e.Current().Question.ID
	end, out := run(t, e, ":back\ny\n:note quiet room \x1b[31mred\n:back\n:note first\nn\ny\n:quit\nnever read\n")
	if end != Quit {
		t.Fatalf("ending %v, want Quit", end)
	}
	if !strings.Contains(out, en.T("plain.first_question", nil)) {
		t.Errorf("no message for :back at the first question:\n%s", out)
	}
	if !strings.Contains(out, en.T("interview.resume_hint", map[string]any{"Code": "MD-PLAN-0001"})) || !strings.Contains(out, "earlyid resume MD-PLAN-0001") {
		t.Errorf("no resume hint after :quit:\n%s", out)
	}
	s, err := store.Load("MD-PLAN-0001")
	if err != nil {
		t.Fatal(err)
	}
	if s.Answers.Notes[q1] != "first" {
		t.Errorf("note on %s = %q, want first", q1, s.Answers.Notes[q1])
	}
	var q2 string
	for id, n := range s.Answers.Notes {
		if id != q1 {
			q2 = id
			if strings.ContainsRune(n, 0x1b) {
				t.Errorf("a note kept an escape: %q", n)
			}
		}
	}
	if q2 == "" {
		t.Fatalf("second note lost: %v", s.Answers.Notes)
	}
	// :quit keeps the position: a new engine resumes where it stopped, and EOF does the same.
	pos := s.Position
	e2, err := interview.New(openGuideline(t, "example"), s, store)
	if err != nil {
		t.Fatal(err)
	}
	if e2.Session().Position != pos || pos.Question == "" {
		t.Fatalf("resumed at %+v, want %+v", e2.Session().Position, pos)
	}
	end, out = run(t, e2, "")
	if end != EndOfInput || !strings.Contains(out, "earlyid resume MD-PLAN-0001") {
		t.Errorf("EOF: ending %v, output:\n%s", end, out)
	}
	s2, _ := store.Load("MD-PLAN-0001")
	if s2.Position != pos || s2.Status != interview.StatusInProgress {
		t.Errorf("EOF moved the position to %+v (%s)", s2.Position, s2.Status)
	}
}

func TestSafetyPause(t *testing.T) {
	en := locales.New("en")
	for _, tt := range []struct {
		input string
		end   Ending
	}{
		{"n\nn\n", Postponed},
		{"n\nmaybe\ny\n:quit\n", Quit},
		{"n\n", Postponed}, // end of input at the pause question
	} {
		store := interview.NewMemoryStore()
		e := exampleEngine(t, interview.ModeTraining, store)
		end, out := run(t, e, tt.input)
		if end != tt.end {
			t.Errorf("%q: ending %v, want %v\n%s", tt.input, end, tt.end, out)
		}
		if !strings.Contains(out, en.T("interview.safety.postpone.body", nil)) {
			t.Errorf("%q: no pause suggestion:\n%s", tt.input, out)
		}
		// The person is given the contacts: their names also in the person's language.
		person := e.Session().Lang
		for _, r := range e.Contacts() {
			if !strings.Contains(out, r.Contact) || !strings.Contains(out, r.Name.In("en")+" · "+r.Name.In(person)) {
				t.Errorf("%q: contact %s not shown in both languages:\n%s", tt.input, r.ID, out)
			}
		}
		if tt.end == Quit && len(e.Session().PauseOverrides) != 1 {
			t.Errorf("continuing anyway was not recorded")
		}
	}
}

func TestSelfModeHidesResultAndShowsHelp(t *testing.T) {
	sc := findScenario(t, "example-minor-kitchen")
	g := openGuideline(t, sc.Guideline)
	lines := answerLinesIn(t, g, sc.Answers, interview.ModeSelf)
	e := newEngine(t, g, interview.ModeSelf, "uk", "en", interview.NewMemoryStore(), nil)
	end, out := run(t, e, strings.Join(lines, "\n")+"\n\n")
	if end != Finished {
		t.Fatalf("ending %v", end)
	}
	uk := locales.New("uk")
	if strings.Contains(out, g.Outcome(sc.Expected.Outcome).Text.In("uk")) {
		t.Errorf("self mode showed the result:\n%s", out)
	}
	if !strings.Contains(out, uk.T("common.where_to_get_help", nil)) || !strings.Contains(out, uk.T("interview.memory_only", nil)) {
		t.Errorf("self mode did not end with where to get help, in the person's language:\n%s", out)
	}
	for _, q := range g.Questions {
		if h := q.Hint.In("uk"); h != "" && strings.Contains(out, h) {
			t.Errorf("self mode showed the hint of %s", q.ID)
		}
	}
}

func findScenario(t *testing.T, id string) *guidelines.Scenario {
	scenarios, _ := guidelines.EmbeddedScenarios()
	for _, s := range scenarios {
		if s.ID == id {
			return s
		}
	}
	t.Skipf("scenario %s is not shipped", id)
	return nil
}

func TestSaveFailureIsWarnedAndInterviewGoesOn(t *testing.T) {
	en := locales.New("en")
	store := &failingStore{MemoryStore: interview.NewMemoryStore(), failFrom: 2, failTo: 3}
	e := exampleEngine(t, interview.ModeTraining, store)
	end, out := run(t, e, "y\ny\ny\n:quit\n")
	if end != Quit {
		t.Fatalf("ending %v", end)
	}
	warn := en.T("interview.save_failed", map[string]any{"Reason": en.T("interview.save_failed.no_space", nil)})
	if !strings.Contains(out, warn) || !strings.Contains(out, en.T("plain.saved", nil)) {
		t.Errorf("no warning and recovery message:\n%s", out)
	}
	ro := locales.New("ro")
	e = newEngine(t, openGuideline(t, "example"), interview.ModeTraining, "ro", "ro", &failingStore{MemoryStore: interview.NewMemoryStore(), failFrom: 2, failTo: 3}, nil)
	_, out = run(t, e, "y\n:quit\n")
	if !strings.Contains(out, ro.T("interview.save_failed", map[string]any{"Reason": ro.T("interview.save_failed.no_space", nil)})) || strings.Contains(out, "no space left") || strings.Contains(out, "could not be saved") {
		t.Errorf("the save failure is not told in Romanian only:\n%s", out)
	}
	s, _ := store.Load("MD-PLAN-0001")
	if len(s.Answers.Values) != 3 {
		t.Errorf("stored %d answers after recovery, want 3", len(s.Answers.Values))
	}
}

// errFull is what a full disk returns, as WriteFileAtomic wraps it.
var errFull = fmt.Errorf("the file /data/training/MD-PLAN-0001.json could not be saved: %w",
	&fs.PathError{Op: "write", Path: "/data/training/.MD-PLAN-0001.json.tmp-1", Err: syscall.ENOSPC})

type failingStore struct {
	*interview.MemoryStore
	n, failFrom, failTo int
}

func (f *failingStore) Save(s *interview.Session) error {
	f.n++
	if f.n >= f.failFrom && f.n <= f.failTo {
		return errFull
	}
	return f.MemoryStore.Save(s)
}

func TestRealInterviewSaysItIsNotSaved(t *testing.T) {
	en := locales.New("en")
	e := exampleEngine(t, interview.ModeReal, interview.NewMemoryStore())
	_, out := run(t, e, ":quit\n")
	if !strings.Contains(out, en.T("interview.memory_only", nil)) || !strings.Contains(out, en.T("plain.quit.memory", nil)) {
		t.Errorf("a real interview in memory did not say so:\n%s", out)
	}
	if strings.Contains(out, "earlyid resume") {
		t.Errorf("offered a resume that cannot work:\n%s", out)
	}
}

// TestAnswerLinesReadBack: formatValue writes every kind of answer as a line the plain mode
// reads back as the same answer (answers files become plain-mode input through it), and a
// text starting with ":" is escaped as "::" so that it is an answer, not a command.
func TestAnswerLinesReadBack(t *testing.T) {
	g := openGuideline(t, "example")
	byType := map[guidelines.QuestionType]*guidelines.Question{}
	for _, q := range g.Questions {
		if byType[q.Type] == nil {
			byType[q.Type] = q
		}
	}
	mu, tx := byType[guidelines.TypeMulti], byType[guidelines.TypeText]
	if mu == nil || tx == nil {
		t.Fatal("the example guideline lacks a multi or a text question")
	}
	tests := []struct {
		q *guidelines.Question
		v guidelines.Value
	}{
		{byType[guidelines.TypeYesNo], guidelines.Value{Str: "yes"}},
		{byType[guidelines.TypeYesNo], guidelines.Value{Str: "no"}},
		{byType[guidelines.TypeChoice], guidelines.Value{Str: byType[guidelines.TypeChoice].Choices[1].ID}},
		{mu, guidelines.Value{List: []string{mu.Choices[0].ID, mu.Choices[len(mu.Choices)-1].ID}}},
		{byType[guidelines.TypeNumber], guidelines.Value{Num: 1.5}},
		{byType[guidelines.TypeDate], guidelines.Value{Str: "2026-02-03"}},
		{tx, guidelines.Value{Str: ":colon first"}},
		{tx, guidelines.Value{Str: "Ana, no phone"}},
		{tx, guidelines.UnknownValue},
		{tx, guidelines.DeclinedValue},
	}
	for _, tt := range tests {
		line := formatValue(tt.q, tt.v)
		if IsCommand(line) {
			t.Errorf("%s: formatValue(%v) = %q reads as a command", tt.q.Type, tt.v, line)
			continue
		}
		if back, err := parseLine(tt.q, line); err != nil || !back.Equal(tt.v) {
			t.Errorf("%s: formatValue(%v) = %q reads back as %v, %v", tt.q.Type, tt.v, line, back, err)
		}
	}
	if v, err := parseLine(tx, "  ::colon first "); err != nil || v.Str != ":colon first" {
		t.Errorf(`"::colon first" = %v, %v; want the text ":colon first"`, v, err)
	}
}

// A guideline text may use Markdown emphasis; the plain mode shows the words, not the
// asterisks, in the question and in the answer it echoes in the result.
func TestEmphasisMarkersAreNotShown(t *testing.T) {
	g := openGuideline(t, "example")
	q := g.Question("documents_held")
	if q == nil || q.Type != guidelines.TypeYesNo {
		t.Fatal("the example guideline has no yes/no question documents_held")
	}
	for _, l := range g.Languages {
		q.Text[l] = "Who **really** holds *your* documents?"
	}
	e := newEngine(t, g, interview.ModeTraining, "en", "en", interview.NewMemoryStore(), nil)
	// Safe to talk, consent to both, age 30 and certain; then "don't know" to the rest.
	_, out := run(t, e, "y\ny\ny\n30\nn\n"+strings.Repeat("?\n", 40))
	if !strings.Contains(out, "Who really holds your documents?") {
		t.Errorf("the question is not shown without its markers:\n%s", out)
	}
	if strings.Contains(out, "**") || strings.Contains(out, "*your*") {
		t.Errorf("emphasis markers reach the screen:\n%s", out)
	}
}

// On the interviewer's own questions (the safety check, observations) the interviewer's
// language comes first in the answers too, as in the question; the safety check says once,
// in its heading, that it is for the interviewer, not before every item. "Prefer not to
// answer" is the person's right: it is not offered there, and "-" is refused with a reason.
func TestInterviewerQuestionsPutTheInterviewersLanguageFirst(t *testing.T) {
	g := openGuideline(t, "mixed-flows-md")
	e := newEngine(t, g, interview.ModeTraining, "ro", "en", interview.NewMemoryStore(), nil)
	_, out := run(t, e, "-\n:quit\n")
	first, rest, _ := strings.Cut(out, "> ")
	for _, want := range []string{"1) y  Yes · Da", "2) n  No · Nu", "?) Don't know · Nu știu"} {
		if !strings.Contains(first, want) {
			t.Errorf("the safety question lacks %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "-) ") {
		t.Errorf("the safety question offers to decline:\n%s", first)
	}
	if refused := locales.New("en").T("interview.error.not_declinable", nil); !strings.Contains(rest, refused) {
		t.Errorf("\"-\" on the safety question is not refused with %q:\n%s", refused, rest)
	}
	if _, ok := e.Session().Answers.Values[e.Current().Question.ID]; ok {
		t.Errorf("\"-\" answered the safety question: %+v", e.Session().Answers.Values)
	}
	if strings.Contains(first, locales.New("en").T("interview.observation", nil)) {
		t.Errorf("a safety item is labelled as an observation:\n%s", first)
	}
}

// formatValue writes v as a line the plain mode reads back as the same answer to q: the
// inverse of its input grammar, used to turn an answers file into plain-mode input.
func formatValue(q *guidelines.Question, v guidelines.Value) string {
	switch {
	case v.Special == guidelines.Unknown:
		return "?"
	case v.Special == guidelines.Declined:
		return "-"
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		if v.Str == "yes" {
			return "y"
		}
		return "n"
	case guidelines.TypeMulti:
		return strings.Join(v.List, ",")
	case guidelines.TypeNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case guidelines.TypeText:
		if strings.HasPrefix(v.Str, ":") {
			return ":" + v.Str
		}
		return v.Str
	default:
		return v.Str
	}
}
