package plain

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// TestSelfModeAsksThePersonOnly: the person answering alone is never shown the safety
// check, the interviewer's observations nor instructions meant for the interviewer; the
// skipped questions stay unanswered for the specialist, and the review ends without
// promising a result.
func TestSelfModeAsksThePersonOnly(t *testing.T) {
	g := openGuideline(t, "mixed-flows-md")
	uk := locales.New("uk")
	var sc *guidelines.Scenario
	scenarios, _ := guidelines.EmbeddedScenarios()
	for _, s := range scenarios {
		if s.Guideline == g.ID {
			sc = s
			break
		}
	}
	if sc == nil {
		t.Fatal("no scenario for mixed-flows-md")
	}
	lines := answerLinesIn(t, g, sc.Answers, interview.ModeSelf)
	store := interview.NewMemoryStore()
	e := newEngine(t, g, interview.ModeSelf, "uk", "ro", store, nil)
	end, out := run(t, e, strings.Join(lines, "\n")+"\n\n")
	if end != Finished {
		t.Fatalf("ending %v\n%s", end, out)
	}
	for _, id := range []string{"interview.safety.intro", "interview.observation", "interview.consent.read_aloud", "plain.review.prompt"} {
		if m := uk.T(id, nil); strings.Contains(out, m) {
			t.Errorf("self mode showed the person %s (%q)", id, m)
		}
	}
	if !strings.Contains(out, uk.T("plain.review.prompt_self", nil)) {
		t.Errorf("self mode's review does not say how it ends:\n%s", out)
	}
	s, err := store.Load("MD-PLAN-0001")
	if err != nil {
		t.Fatal(err)
	}
	skipped := 0
	for _, q := range g.Questions {
		if !interview.ForInterviewer(q) {
			continue
		}
		skipped++
		if text := q.Text.In("uk"); strings.Contains(out, text) {
			t.Errorf("self mode put the interviewer's question %s to the person", q.ID)
		}
		if _, ok := s.Answers.Values[q.ID]; ok {
			t.Errorf("the interviewer's question %s was answered in self mode", q.ID)
		}
	}
	for _, id := range []string{"interpreter", "gender_pref", "age_uncertain"} {
		if q := g.Question(id); q == nil || !interview.ForInterviewer(q) {
			t.Errorf("%s is not an interviewer's question in %s", id, g.ID)
		}
	}
	if skipped == 0 {
		t.Fatal("the guideline has no interviewer's questions: the test proves nothing")
	}
	// Progress counts only what the person is asked.
	asked, applicable := 0, 0
	for _, q := range g.Questions {
		if e.Applies(q.ID) {
			applicable++
			if !interview.ForInterviewer(q) {
				asked++
			}
		}
	}
	if p := e.Progress(); p.Total != asked || asked == applicable {
		t.Errorf("progress total %d, want %d (the person's of %d applicable questions)", p.Total, asked, applicable)
	}
}

// TestGotoAndSectionFromTheReview: at the review, :goto N changes the N-th answer (the
// number the review shows), :section N jumps to a section, and wrong numbers are explained.
func TestGotoAndSectionFromTheReview(t *testing.T) {
	en := locales.New("en")
	g := openGuideline(t, "example")
	a := guidelines.NewAnswers()
	a.Values["safe_to_talk"] = guidelines.Value{Str: "yes"}
	a.Values["consent_interview"] = guidelines.Value{Str: "yes"}
	a.Values["consent_share"] = guidelines.Value{Str: "no"}
	a.Values["age"] = guidelines.Value{Num: 30}
	a.Values["job_offer"] = guidelines.Value{Str: "no"}
	store := interview.NewMemoryStore()
	e := newEngine(t, g, interview.ModeTraining, "en", "en", store, nil)
	lines := answerLines(t, g, a)
	// Review → :goto 99 (no such question) → :goto (the list) → :goto 4 (age) → 41 →
	// back at the review → :section (the list) → :section 2 (consent) → :quit.
	input := strings.Join(lines, "\n") + "\n:goto 99\n:goto\n:goto 4\n41\n:section\n:section 2\n:quit\n"
	end, out := run(t, e, input)
	if end != Quit {
		t.Fatalf("ending %v\n%s", end, out)
	}
	if got := e.Session().Answers.Values["age"]; got.Num != 41 {
		t.Errorf("age after :goto 4 = %v, want 41\n%s", got, out)
	}
	if pos := e.Session().Position; pos.Question != "consent_interview" {
		t.Errorf("after :section 2 the interview is at %+v, want consent_interview", pos)
	}
	for _, want := range []string{
		en.T("plain.goto.unknown", map[string]any{"Arg": "99"}),
		en.T("plain.goto.usage", nil),
		" 4. " + g.Question("age").Text.In("en") + " — 30",
		en.T("plain.section.list_item", map[string]any{"Index": 2, "Title": g.Section("consent").Title.In("en"), "Answered": 2, "Total": 2}),
		en.T("plain.section.usage", nil),
		en.T("plain.commands.navigate", nil),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The review shows the question numbers the question screens show.
	if !strings.Contains(out, en.T("plain.question_header", map[string]any{"Index": 4, "Percent": percentAt(t, e, "age"), "Section": g.Section("about").Title.In("en")})) {
		t.Errorf(":goto 4 did not show question 4 of the header's numbering:\n%s", out)
	}
}

// TestGotoDuringQuestions: :goto and :section work on a question screen too, by id.
func TestGotoDuringQuestions(t *testing.T) {
	en := locales.New("en")
	g := openGuideline(t, "example")
	e := newEngine(t, g, interview.ModeTraining, "en", "en", interview.NewMemoryStore(), nil)
	end, out := run(t, e, "y\ny\n:section nosuch\n:goto contact_details\n:goto 1\n:quit\n")
	if end != Quit {
		t.Fatalf("ending %v", end)
	}
	for _, want := range []string{
		en.T("plain.section.unknown", map[string]any{"Arg": "nosuch"}),
		en.T("plain.goto.not_applicable", map[string]any{"Arg": "contact_details"}),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if pos := e.Session().Position; pos.Question != "safe_to_talk" {
		t.Errorf(":goto 1 went to %+v, want safe_to_talk", pos)
	}
}

// TestSectionHeadingOncePerEntry: a section's heading is printed once when the interview
// enters it — not as a role heading plus a title line, and not again on :back within it.
func TestSectionHeadingOncePerEntry(t *testing.T) {
	ro := locales.New("ro")
	g := openGuideline(t, "example")
	e := newEngine(t, g, interview.ModeTraining, "ro", "ro", interview.NewMemoryStore(), nil)
	// safety: y → consent 1: y → consent 2: :back (same section) → consent 1: y → :back → :back
	// (to the safety check: entered again) → :quit.
	_, out := run(t, e, "y\ny\n:back\ny\n:back\n:back\n:quit\n")
	count := func(title guidelines.Text) int {
		h := "== " + ro.T("plain.section", map[string]any{"Title": title.In("ro")}) + " =="
		return strings.Count(out, h+"\n")
	}
	if n := count(g.Section("consent").Title); n != 1 {
		t.Errorf("the consent heading was printed %d times, want once (one entry):\n%s", n, out)
	}
	if n := count(g.Section("safety").Title); n != 2 {
		t.Errorf("the safety heading was printed %d times, want twice (entered twice):\n%s", n, out)
	}
	if n := strings.Count(out, g.Section("safety").Title.In("ro")+"\n"); n != 2 {
		t.Errorf("the safety title stands alone on %d lines, want 2 (one heading per entry):\n%s", n, out)
	}
	if strings.Contains(out, "== "+ro.T("interview.safety.title", nil)+" ==") {
		t.Errorf("a role heading is printed besides the section heading:\n%s", out)
	}
}

// TestDateThatDoesNotExist: a date written right for a day the calendar lacks is told as
// such (in both accepted forms), apart from a date written wrongly.
func TestDateThatDoesNotExist(t *testing.T) {
	ro := locales.New("ro")
	g := openGuideline(t, "example")
	a := guidelines.NewAnswers()
	for id, v := range map[string]guidelines.Value{
		"safe_to_talk": {Str: "yes"}, "consent_interview": {Str: "yes"}, "consent_share": {Str: "no"}, "age": {Num: 30}, "age_uncertain": {Str: "no"},
	} {
		a.Values[id] = v
	}
	e := newEngine(t, g, interview.ModeTraining, "ro", "ro", interview.NewMemoryStore(), &a)
	if q := g.Question("arrival_date"); q == nil || q.Type != guidelines.TypeDate {
		t.Fatal("the example guideline has no arrival_date question")
	}
	_, out := run(t, e, "31.02.2026\n2026-02-30\n2026/02/01\n2026-02-28\n:quit\n")
	for _, want := range []string{
		ro.T("interview.error.no_such_date", map[string]any{"Value": "2026-02-31"}),
		ro.T("interview.error.no_such_date", map[string]any{"Value": "2026-02-30"}),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, ro.T("interview.error.not_a_date", nil)); n != 1 {
		t.Errorf("“write it as YYYY-MM-DD” shown %d times, want once (for 2026/02/01):\n%s", n, out)
	}
	if got := e.Session().Answers.Values["arrival_date"]; got.Str != "2026-02-28" {
		t.Errorf("arrival_date = %v", got)
	}
}

// TestEmptyLineKeepsTheCurrentAnswer: back at an answered question, the prompt shows the
// answer and says Enter keeps it; an empty line then goes on with that answer, where a
// new question still needs one.
func TestEmptyLineKeepsTheCurrentAnswer(t *testing.T) {
	en := locales.New("en")
	g := openGuideline(t, "example")
	e := newEngine(t, g, interview.ModeTraining, "en", "en", interview.NewMemoryStore(), nil)
	// safety: y → consent 1: y → :back (to consent 1) → Enter keeps yes and goes on.
	_, out := run(t, e, "y\ny\n:back\n\n:quit\n")
	if !strings.Contains(out, en.T("plain.enter_keeps", nil)) {
		t.Errorf("the prompt does not say Enter keeps the answer:\n%s", out)
	}
	if strings.Contains(out, en.T("interview.error."+interview.ErrKindEmpty, nil)) {
		t.Errorf("an empty line at an answered question was refused:\n%s", out)
	}
	s := e.Session()
	first := g.Sections[1].Questions[0].ID // the first consent question, answered y
	if v := s.Answers.Values[first]; v.Str != "yes" {
		t.Errorf("the kept answer to %s is %+v", first, v)
	}
	if s.Position.Question == first {
		t.Errorf("Enter did not go on from %s", first)
	}
	// A question never answered still needs an answer.
	e2 := newEngine(t, g, interview.ModeTraining, "en", "en", interview.NewMemoryStore(), nil)
	_, out2 := run(t, e2, "\n:quit\n")
	if !strings.Contains(out2, en.T("interview.error."+interview.ErrKindEmpty, nil)) {
		t.Errorf("an empty line at a new question was accepted:\n%s", out2)
	}
}

// TestSelfEndListsEveryContact: a person answering alone whose answers point to one service
// still leaves with the emergency and helpline numbers.
func TestSelfEndListsEveryContact(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	var answers *guidelines.Answers
	for _, sc := range scs {
		if sc.ID == "mixed-flows-md-grandmother-no-indicators" {
			answers = &sc.Answers
		}
	}
	if answers == nil {
		t.Fatal("no grandmother scenario")
	}
	e := newEngine(t, g, interview.ModeSelf, "uk", "uk", interview.NewMemoryStore(), answers)
	_, out := run(t, e, "\n\n")
	for _, want := range []string{"112", "116 111", "0 800 77777"} {
		if !strings.Contains(out, want) {
			t.Errorf("the end lacks the contact %s:\n%s", want, out)
		}
	}
}

// percentAt returns the headway the interview shows on question id when it stands there
// with the answers it has now.
func percentAt(t *testing.T, e *interview.Engine, id string) int {
	t.Helper()
	pos := e.Session().Position
	defer func() { e.Session().Position = pos }()
	if err := e.Goto(id); err != nil {
		t.Fatal(err)
	}
	return e.Headway().Percent
}
