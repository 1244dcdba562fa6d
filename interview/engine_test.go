package interview

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

func num(f float64) guidelines.Value { return guidelines.Value{Num: f} }
func str(s string) guidelines.Value  { return guidelines.Value{Str: s} }
func list(ids ...string) guidelines.Value {
	return guidelines.Value{List: ids}
}

// TestRelevance walks answer sequences and checks which question comes next and which
// apply: a changed answer makes later questions stop applying, and apply again.
func TestRelevance(t *testing.T) {
	type step struct {
		answer  *guidelines.Value // nil: Back
		wantNow string            // current question (or stage) after the step
	}
	a := func(v guidelines.Value, next string) step { return step{answer: &v, wantNow: next} }
	back := func(now string) step { return step{wantNow: now} }
	tests := []struct {
		name        string
		steps       []step
		wantApplies map[string]bool
	}{
		{
			name: "all yes walks every question",
			steps: []step{
				a(yes(), "consent_interview"), a(yes(), "job_offer"), a(yes(), "offer_via"),
				a(list("telegram"), "job_as_promised"), a(str("not_at_all"), "age"),
				a(num(30), "arrived"), a(str("2026-01-31"), "remarks"), a(str("calm"), "review"),
			},
			wantApplies: map[string]bool{"offer_via": true, "job_as_promised": true, "age": true},
		},
		{
			name:        "no job offer skips its follow-ups",
			steps:       []step{a(yes(), "consent_interview"), a(yes(), "job_offer"), a(no(), "age")},
			wantApplies: map[string]bool{"offer_via": false, "job_as_promised": false, "age": true},
		},
		{
			name:        "no consent skips the whole section",
			steps:       []step{a(yes(), "consent_interview"), a(no(), "age")},
			wantApplies: map[string]bool{"job_offer": false, "offer_via": false, "age": true},
		},
		{
			name: "don't know on the gate question never counts as yes",
			steps: []step{a(yes(), "consent_interview"), a(yes(), "job_offer"),
				a(guidelines.UnknownValue, "age")},
			wantApplies: map[string]bool{"offer_via": false, "job_as_promised": false},
		},
		{
			name: "changing yes to no and back: follow-ups stop applying, then apply again with their answers",
			steps: []step{
				a(yes(), "consent_interview"), a(yes(), "job_offer"), a(yes(), "offer_via"),
				a(list("friend"), "job_as_promised"), a(str("partly"), "age"),
				back("job_as_promised"), back("offer_via"), back("job_offer"),
				a(no(), "age"), // follow-ups answered but no longer applying: skipped
				back("job_offer"),
				a(yes(), "age"), // they apply again and are still answered: not asked again
			},
			wantApplies: map[string]bool{"offer_via": true, "job_as_promised": true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadTest(t)
			e := newEngine(t, g, NewMemoryStore())
			for i, s := range tt.steps {
				var err error
				if s.answer == nil {
					err = e.Back()
				} else {
					err = e.Answer(*s.answer)
				}
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if got := currentID(e); got != s.wantNow {
					t.Fatalf("step %d: now at %s, want %s", i, got, s.wantNow)
				}
			}
			for id, want := range tt.wantApplies {
				if got := e.Applies(id); got != want {
					t.Errorf("Applies(%s) = %v, want %v", id, got, want)
				}
			}
		})
	}
}

func TestChangedAnswerKeepsOldAnswersAndReviewMarksThem(t *testing.T) {
	g := loadTest(t)
	e := newEngine(t, g, NewMemoryStore())
	mustAnswer(t, e, "private_place", yes())
	mustAnswer(t, e, "consent_interview", yes())
	mustAnswer(t, e, "job_offer", yes())
	mustAnswer(t, e, "offer_via", list("agency", "telegram"))
	mustAnswer(t, e, "job_as_promised", str("not_at_all"))
	if err := e.Goto("job_offer"); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, e, "job_offer", no())
	if got := e.Session().Answers.Values["offer_via"]; !slices.Equal(got.List, []string{"telegram", "agency"}) {
		t.Errorf("offer_via kept as %v, want [telegram agency] (question order)", got.List)
	}
	marks := map[string]bool{}
	for _, rs := range e.Review() {
		for _, it := range rs.Items {
			marks[it.Question.ID] = it.Applies
		}
	}
	if marks["offer_via"] || marks["job_as_promised"] {
		t.Errorf("review shows no-longer-applying answers as applying: %v", marks)
	}
	if _, ok := marks["offer_via"]; !ok {
		t.Errorf("review dropped a kept answer: %v", marks)
	}
	a, err := e.Assessment()
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Indicators) != 0 {
		t.Errorf("answers that no longer apply were scored: %v", a.Indicators)
	}
}

func TestBackAndJump(t *testing.T) {
	g := loadTest(t)
	e := newEngine(t, g, NewMemoryStore())
	if err := e.Back(); !errors.Is(err, ErrNoBack) {
		t.Fatalf("Back at the first question = %v, want ErrNoBack", err)
	}
	mustAnswer(t, e, "private_place", yes())
	mustAnswer(t, e, "consent_interview", no())
	if got := currentID(e); got != "age" {
		t.Fatalf("now at %s, want age", got)
	}
	if err := e.JumpToSection("offer"); !errors.Is(err, ErrNotApplicable) {
		t.Errorf("jump to a section that does not apply = %v, want ErrNotApplicable", err)
	}
	if err := e.JumpToSection("nope"); !errors.Is(err, ErrUnknownID) {
		t.Errorf("jump to an unknown section = %v, want ErrUnknownID", err)
	}
	if err := e.JumpToSection("safety"); err != nil {
		t.Fatal(err)
	}
	if got := currentID(e); got != "private_place" {
		t.Errorf("jump to an answered section landed on %s, want its first question", got)
	}
	if err := e.Back(); err != nil || currentID(e) != "age" {
		t.Errorf("Back after a jump = %v, now at %s, want age", err, currentID(e))
	}
	// Jumping ahead leaves earlier questions open; answering comes back for them.
	e2 := newEngine(t, g, NewMemoryStore())
	if err := e2.JumpToSection("about"); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, e2, "age", num(40))
	mustAnswer(t, e2, "arrived", str("2025-12-01"))
	mustAnswer(t, e2, "remarks", str("ok"))
	if got := currentID(e2); got != "private_place" {
		t.Errorf("after the last section, now at %s, want the skipped private_place", got)
	}
}

func TestProgressCountsApplicableOnly(t *testing.T) {
	g := loadTest(t)
	e := newEngine(t, g, NewMemoryStore())
	// Before consent: offer's section does not apply yet (consent is "not asked").
	if p := e.Progress(); p != (Progress{Current: 1, Total: 5, Answered: 0}) {
		t.Errorf("at start: %+v, want 1 of 5", p)
	}
	mustAnswer(t, e, "private_place", yes())
	mustAnswer(t, e, "consent_interview", yes())
	if p := e.Progress(); p != (Progress{Current: 3, Total: 6, Answered: 2}) {
		t.Errorf("after consent: %+v, want 3 of 6", p)
	}
	mustAnswer(t, e, "job_offer", yes())
	if p := e.Progress(); p != (Progress{Current: 4, Total: 8, Answered: 3}) {
		t.Errorf("after a job offer: %+v, want 4 of 8", p)
	}
	e.Back()
	mustAnswer(t, e, "job_offer", no())
	if p := e.Progress(); p != (Progress{Current: 4, Total: 6, Answered: 3}) {
		t.Errorf("after no job offer: %+v, want 4 of 6", p)
	}
	var secs []string
	for _, s := range e.Sections() {
		if s.Applies {
			secs = append(secs, s.Section.ID)
		}
	}
	if !slices.Equal(secs, []string{"safety", "consent", "offer", "about"}) {
		t.Errorf("applicable sections %v", secs)
	}
}

func TestResumeExactPosition(t *testing.T) {
	g := loadTest(t)
	store := NewMemoryStore()
	e := newEngine(t, g, store)
	mustAnswer(t, e, "private_place", yes())
	mustAnswer(t, e, "consent_interview", yes())
	mustAnswer(t, e, "job_offer", yes())
	e.Note("offer came from a stranger")
	e.Back()
	e.Back() // now on consent_interview, with job_offer answered ahead
	if err := e.Quit(); err != nil {
		t.Fatal(err)
	}
	s, err := store.Load(e.Session().Code)
	if err != nil {
		t.Fatal(err)
	}
	e2, err := New(g, s, store, WithClock(newClock().Now))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := e.Current(), e2.Current(); a.Question != b.Question || a.Stage != b.Stage || b.Stage != StageConsent {
		t.Fatalf("resumed at %s (%s), want %s (%s)", qid(b.Question), b.Stage, qid(a.Question), a.Stage)
	}
	if e2.Progress() != e.Progress() {
		t.Errorf("progress differs after resume: %+v vs %+v", e2.Progress(), e.Progress())
	}
	if err := e2.Back(); err != nil || currentID(e2) != "private_place" {
		t.Errorf("Back after resume = %v at %s, want private_place", err, currentID(e2))
	}
	if got := e2.Session().Answers.Notes["offer_via"]; got != "offer came from a stranger" {
		t.Errorf("note lost: %q", got)
	}
}

func TestSaveBeforeReturn(t *testing.T) {
	g := loadTest(t)
	store := newRecordingStore()
	e := newEngine(t, g, store)
	changes := []struct {
		name  string
		do    func() error
		check func(s *Session) bool
	}{
		{"answer", func() error { return e.Answer(yes()) },
			func(s *Session) bool {
				return s.Answers.Values["private_place"].Str == "yes" && s.Position.Question == "consent_interview"
			}},
		{"note", func() error { return e.Note("quiet room") },
			func(s *Session) bool { return s.Answers.Notes["consent_interview"] == "quiet room" }},
		{"back", e.Back,
			func(s *Session) bool { return s.Position.Question == "private_place" }},
		{"jump", func() error { return e.JumpToSection("about") },
			func(s *Session) bool { return s.Position.Question == "age" }},
		{"goto", func() error { return e.Goto("private_place") },
			func(s *Session) bool { return s.Position.Question == "private_place" }},
		{"finish", func() error { _, err := e.Finish(); return err },
			func(s *Session) bool { return s.Status == StatusFinished && s.Position.Stage == StageResult }},
	}
	for _, c := range changes {
		before := len(store.saves)
		if err := c.do(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(store.saves) != before+1 {
			t.Errorf("%s saved %d times, want once", c.name, len(store.saves)-before)
			continue
		}
		if !c.check(store.last()) {
			t.Errorf("%s returned before its change was saved: %+v", c.name, store.last().Position)
		}
	}
	// An invalid answer changes nothing and saves nothing.
	e.Goto("age")
	before := len(store.saves)
	if err := e.Answer(num(500)); err == nil {
		t.Fatal("age 500 accepted")
	}
	if len(store.saves) != before {
		t.Errorf("a refused answer was saved")
	}
}

func TestSaveFailureKeepsGoingAndRetries(t *testing.T) {
	g := loadTest(t)
	store := newRecordingStore()
	e := newEngine(t, g, store)
	mustAnswer(t, e, "private_place", yes())
	store.fail = true
	mustAnswer(t, e, "consent_interview", yes()) // the disk is full: goes on in memory
	if !errors.Is(e.SaveError(), errDiskFull) {
		t.Fatalf("SaveError = %v, want the store's error", e.SaveError())
	}
	if got := currentID(e); got != "job_offer" {
		t.Fatalf("after a failed save now at %s, want job_offer", got)
	}
	mustAnswer(t, e, "job_offer", no()) // still failing
	saved, _ := store.Load(e.Session().Code)
	if _, ok := saved.Answers.Values["consent_interview"]; ok {
		t.Fatalf("the store has an answer it refused")
	}
	store.fail = false
	mustAnswer(t, e, "age", num(17)) // the next change retries and writes everything
	if e.SaveError() != nil {
		t.Fatalf("SaveError after a good save = %v", e.SaveError())
	}
	saved, _ = store.Load(e.Session().Code)
	for _, id := range []string{"private_place", "consent_interview", "job_offer", "age"} {
		if _, ok := saved.Answers.Values[id]; !ok {
			t.Errorf("answer %s lost after the retry", id)
		}
	}
}

func TestPauseSuggested(t *testing.T) {
	g := loadTest(t)
	store := NewMemoryStore()
	e := newEngine(t, g, store)
	mustAnswer(t, e, "private_place", no())
	if !e.PauseSuggested() || e.PauseQuestion().ID != "private_place" {
		t.Fatalf("a no to 'is the place private' did not suggest a pause")
	}
	var contacts []string
	for _, r := range e.Contacts() {
		contacts = append(contacts, r.ID)
	}
	if !slices.Equal(contacts, []string{"child_protection", "hotline"}) {
		t.Errorf("contacts %v, want the two with a known contact", contacts)
	}
	// The pending pause survives a resume.
	e.Quit()
	s, _ := store.Load(e.Session().Code)
	e2, _ := New(g, s, store)
	if !e2.PauseSuggested() {
		t.Fatalf("pause lost on resume")
	}
	e2.ContinueAnyway()
	if e2.PauseSuggested() || !slices.Equal(e2.Session().PauseOverrides, []string{"private_place"}) {
		t.Errorf("ContinueAnyway not recorded: %v", e2.Session().PauseOverrides)
	}
	e2.Back()
	mustAnswer(t, e2, "private_place", yes())
	if e2.PauseSuggested() {
		t.Errorf("a yes suggests a pause")
	}
}

func TestAnswerValidation(t *testing.T) {
	g := loadTest(t)
	tests := []struct {
		question string
		v        guidelines.Value
		kind     string
	}{
		{"private_place", str("maybe"), ErrKindNotYesNo},
		{"private_place", str(""), ErrKindEmpty},
		{"private_place", list("yes"), ErrKindNotAList},
		{"private_place", guidelines.Value{Special: "perhaps"}, ErrKindBadSpecial},
		{"job_as_promised", str("sort_of"), ErrKindUnknownChoice},
		{"offer_via", list("telegram", "pigeon"), ErrKindUnknownChoice},
		{"offer_via", list("friend", "friend"), ErrKindDuplicate},
		{"offer_via", list(), ErrKindEmpty},
		{"age", num(-1), ErrKindBelowMin},
		{"age", num(121), ErrKindAboveMax},
		{"age", str("twenty"), ErrKindNotANumber},
		{"arrived", str("2026-02-30"), ErrKindNoSuchDate}, // written right, but no such day
		{"arrived", str("2026-02-31"), ErrKindNoSuchDate},
		{"arrived", str("2025-02-29"), ErrKindNoSuchDate}, // not a leap year
		{"arrived", str("2026-13-01"), ErrKindNoSuchDate},
		{"arrived", str("31.01.2026"), ErrKindNotADate}, // front ends turn DD.MM.YYYY around first
		{"arrived", str("2026-1-5"), ErrKindNotADate},
		{"arrived", str("2026/02/01"), ErrKindNotADate},
		{"arrived", str("yesterday!"), ErrKindNotADate},
		{"remarks", str(""), ErrKindEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.question+"/"+tt.kind, func(t *testing.T) {
			_, err := Validate(g.Question(tt.question), tt.v)
			var ae *AnswerError
			if !errors.As(err, &ae) || ae.Kind != tt.kind {
				t.Fatalf("Validate(%s, %v) = %v, want kind %s", tt.question, tt.v, err, tt.kind)
			}
			if ae.Error() == "" || strings.Contains(ae.Error(), "%!") {
				t.Errorf("bad message %q", ae.Error())
			}
		})
	}
	for _, ok := range []struct {
		q string
		v guidelines.Value
	}{
		{"age", num(0)}, {"age", num(120)}, {"arrived", str("2024-02-29")},
		{"job_as_promised", guidelines.DeclinedValue}, {"remarks", guidelines.UnknownValue},
	} {
		if _, err := Validate(g.Question(ok.q), ok.v); err != nil {
			t.Errorf("Validate(%s, %v) = %v, want ok", ok.q, ok.v, err)
		}
	}
}

func TestTimings(t *testing.T) {
	g := loadTest(t)
	e := newEngine(t, g, NewMemoryStore()) // the fake clock ticks one second per reading
	mustAnswer(t, e, "private_place", yes())
	e.Back()
	mustAnswer(t, e, "private_place", yes())
	tm := e.Session().Timings["private_place"]
	if tm == nil || tm.AnsweredAt == nil || tm.Visits != 2 || tm.Seconds <= 0 {
		t.Fatalf("timing %+v, want two visits, an answer time and seconds", tm)
	}
	first := tm.Seconds
	e.Back()
	e.Quit()
	if e.Session().Timings["private_place"].Seconds <= first {
		t.Errorf("time on a third visit not added")
	}
}

func TestFinishAndReopen(t *testing.T) {
	g := loadTest(t)
	e := newEngine(t, g, NewMemoryStore())
	for _, v := range []guidelines.Value{yes(), yes(), yes(), list("telegram"), str("not_at_all"), num(16), str("2026-01-02"), str("tired")} {
		if err := e.Answer(v); err != nil {
			t.Fatal(err)
		}
	}
	if e.Current().Stage != StageReview {
		t.Fatalf("stage %s, want review", e.Current().Stage)
	}
	a, err := e.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if a.Outcome.ID != "high" || len(a.Flags) != 1 {
		t.Errorf("outcome %s flags %d, want high with the minor flag", a.Outcome.ID, len(a.Flags))
	}
	if err := e.Answer(yes()); !errors.Is(err, ErrNoQuestion) {
		t.Errorf("answer at the result = %v, want ErrNoQuestion", err)
	}
	if err := e.Back(); err != nil || e.Current().Stage != StageReview {
		t.Errorf("Back from the result = %v, stage %s", err, e.Current().Stage)
	}
	e.Goto("age")
	mustAnswer(t, e, "age", num(30))
	if e.Session().Status != StatusInProgress {
		t.Errorf("a changed answer did not reopen the finished interview")
	}
}

func TestPrefilledStartsAtFirstOpenQuestion(t *testing.T) {
	g := loadTest(t)
	s, _ := NewSession(g, "", ModeReal, "en", "en", newClock().Now())
	s.Answers.Values["private_place"] = yes()
	s.Answers.Values["consent_interview"] = yes()
	s.Answers.Values["job_offer"] = no()
	s.Answers.Values["offer_via"] = list("friend") // does not apply: not asked
	e, err := New(g, s, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	if e.Persistent() {
		t.Errorf("a MemoryStore engine says it is persistent")
	}
	e.Start()
	if got := currentID(e); got != "age" {
		t.Errorf("pre-filled start at %s, want age", got)
	}
}

func TestNewRejectsOtherGuideline(t *testing.T) {
	g := loadTest(t)
	s, _ := NewSession(g, "", ModeReal, "en", "en", newClock().Now())
	s.Guideline.ID = "other"
	if _, err := New(g, s, NewMemoryStore()); err == nil {
		t.Errorf("a session of another guideline was accepted")
	}
}

// TestSelfModeSkipsTheInterviewersQuestions: when the person answers alone, the safety
// check and the observations (ask: interviewer) are not put to them; they stay unanswered
// for a specialist, progress counts only what the person is asked, and navigation cannot
// reach them. The same session in another mode asks them again.
func TestSelfModeSkipsTheInterviewersQuestions(t *testing.T) {
	g := loadTest(t)
	store := NewMemoryStore()
	clock := newClock()
	s, err := NewSession(g, "MD-SELF-0001", ModeSelf, "ro", "ro", clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(g, s, store, WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	// consent_interview, job_offer, age, arrived: not private_place (safety), not remarks
	// (an observation).
	if p := e.Progress(); p != (Progress{Current: 1, Total: 3, Answered: 0}) {
		t.Errorf("at start: %+v, want 1 of 3 (safety and observations not counted)", p)
	}
	if st := e.Current(); st.Question == nil || st.Question.ID != "consent_interview" || !st.FirstInSection {
		t.Fatalf("self mode starts at %s, want the consent question", currentID(e))
	}
	if e.Asks("private_place") || e.Asks("remarks") || !e.Asks("consent_interview") {
		t.Errorf("Asks: private_place %v, remarks %v, consent_interview %v", e.Asks("private_place"), e.Asks("remarks"), e.Asks("consent_interview"))
	}
	for _, sec := range e.Sections() {
		if sec.Section.ID == "safety" && sec.Applies {
			t.Errorf("the safety section is offered to the person: %+v", sec)
		}
	}
	if err := e.JumpToSection("safety"); !errors.Is(err, ErrNotApplicable) {
		t.Errorf("JumpToSection(safety) = %v, want ErrNotApplicable", err)
	}
	if err := e.Goto("remarks"); !errors.Is(err, ErrNotApplicable) {
		t.Errorf("Goto(remarks) = %v, want ErrNotApplicable", err)
	}
	mustAnswer(t, e, "consent_interview", yes())
	mustAnswer(t, e, "job_offer", no())
	mustAnswer(t, e, "age", num(30))
	if err := e.Back(); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, e, "age", num(30))
	mustAnswer(t, e, "arrived", str("2026-01-15"))
	if st := e.Current().Stage; st != StageReview {
		t.Fatalf("after the person's last question: %s, want the review (remarks is the interviewer's)", currentID(e))
	}
	if p := e.Progress(); p != (Progress{Current: 4, Total: 4, Answered: 4}) {
		t.Errorf("at the review: %+v, want 4 of 4", p)
	}
	for _, rs := range e.Review() {
		for _, it := range rs.Items {
			if it.Question.ID == "private_place" || it.Question.ID == "remarks" {
				t.Errorf("the review shows the person the interviewer's question %s", it.Question.ID)
			}
		}
	}
	saved, err := store.Load("MD-SELF-0001")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"private_place", "remarks"} {
		if _, ok := saved.Answers.Values[id]; ok {
			t.Errorf("%s was answered in self mode", id)
		}
	}

	// A specialist completes the same answers in a normal mode: the skipped questions are
	// asked, and nothing the person answered is asked again.
	saved.Mode = ModeReal
	e2, err := New(g, saved, NewMemoryStore(), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	e2.Start()
	e2.Goto("private_place")
	mustAnswer(t, e2, "private_place", yes())
	mustAnswer(t, e2, "remarks", str("calm"))
	if st := e2.Current().Stage; st != StageReview {
		t.Errorf("after the interviewer's questions: %s, want the review", currentID(e2))
	}
}

// TestSelfModeResumeOnAnInterviewerQuestion: a self session saved on an interviewer's
// question (by an older earlyid) resumes on the person's first open question instead.
func TestSelfModeResumeOnAnInterviewerQuestion(t *testing.T) {
	g := loadTest(t)
	s, err := NewSession(g, "MD-SELF-0002", ModeSelf, "ro", "ro", newClock().Now())
	if err != nil {
		t.Fatal(err)
	}
	s.Position = Position{Stage: StageSafety, Question: "private_place"}
	e, err := New(g, s, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	if got := currentID(e); got != "consent_interview" {
		t.Errorf("resumed at %s, want consent_interview", got)
	}
}

// TestForInterviewer: the questions put to the interviewer are the observations and the
// whole safety check, whoever a safety question names; nothing else. Every front end orders
// its languages by it and self mode skips by it, so a wrong answer here shows the person the
// interviewer's checks or hides their own questions from them.
func TestForInterviewer(t *testing.T) {
	safety := &guidelines.Section{Role: guidelines.RoleSafety}
	consent := &guidelines.Section{Role: guidelines.RoleConsent}
	plain := &guidelines.Section{}
	for _, tt := range []struct {
		name string
		q    *guidelines.Question
		want bool
	}{
		{"observation", &guidelines.Question{Ask: guidelines.AskInterviewer, Section: plain}, true},
		{"safety question asked of the person", &guidelines.Question{Ask: guidelines.AskPerson, Section: safety}, true},
		{"safety observation", &guidelines.Question{Ask: guidelines.AskInterviewer, Section: safety}, true},
		{"consent question", &guidelines.Question{Ask: guidelines.AskPerson, Section: consent}, false},
		{"ordinary question", &guidelines.Question{Ask: guidelines.AskPerson, Section: plain}, false},
		{"question outside any section", &guidelines.Question{Ask: guidelines.AskPerson}, false},
	} {
		if got := ForInterviewer(tt.q); got != tt.want {
			t.Errorf("%s: ForInterviewer = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestInterviewerCannotDecline: "Prefer not to answer" is the person's right; a question
// for the interviewer (the safety check, an observation) refuses it and records nothing,
// while "Don't know" stays possible and the person's own questions still take it.
func TestInterviewerCannotDecline(t *testing.T) {
	g := loadTest(t)
	e := newEngine(t, g, NewMemoryStore())
	refuses := func(id string) {
		t.Helper()
		if got := e.Current().Question.ID; got != id {
			t.Fatalf("at %s, want %s", got, id)
		}
		var ae *AnswerError
		if err := e.Answer(guidelines.DeclinedValue); !errors.As(err, &ae) || ae.Kind != ErrKindNotDeclinable {
			t.Errorf("declining %s: %v, want the not_declinable answer error", id, err)
		}
		if v, ok := e.Session().Answers.Values[id]; ok || e.Current().Question.ID != id {
			t.Errorf("the refused answer to %s was kept (%+v) or moved on", id, v)
		}
	}
	refuses("private_place")
	if err := e.Answer(guidelines.UnknownValue); err != nil {
		t.Fatalf("Don't know on the safety check: %v", err)
	}
	for e.Current().Question != nil && e.Current().Question.ID != "remarks" {
		q := e.Current().Question
		v := guidelines.DeclinedValue // the person may decline every one of their questions
		if q.Section.Role == guidelines.RoleConsent {
			v = yes()
		}
		if err := e.Answer(v); err != nil {
			t.Fatalf("declining the person's question %s: %v", q.ID, err)
		}
	}
	if e.Current().Question == nil {
		t.Fatal("the interview never reached the observation remarks")
	}
	refuses("remarks")
}
