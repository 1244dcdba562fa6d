package interview

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// answeredAlone returns a self session of the test guideline in which the person answered
// every question put to them and reached the review: the safety check (private_place) and
// the interviewer's observations (remarks) are left open.
func answeredAlone(t *testing.T, g *guidelines.Guideline) *Session {
	t.Helper()
	started := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	s, err := NewSession(g, "MD-SELF-0001", ModeSelf, "en", "en", started)
	if err != nil {
		t.Fatal(err)
	}
	for id, v := range map[string]guidelines.Value{
		"consent_interview": yes(), "job_offer": no(), "age": {Num: 34}, "arrived": {Str: "2026-01-12"},
	} {
		s.Answers.Values[id] = v
	}
	s.Timings["age"] = &Timing{Seconds: 12}
	s.Position = Position{Stage: StageReview}
	s.Status = StatusFinished
	return s
}

// TestHandOverToInterviewer: the first hand-over records when the interviewer took over and
// starts them at the safety check the person was never asked, without touching the
// person's answers or the time they spent on them.
func TestHandOverToInterviewer(t *testing.T) {
	g := loadTest(t)
	s := answeredAlone(t, g)
	answers, timings := s.Answers.Values["age"], *s.Timings["age"]
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	if err := s.HandOverToInterviewer(g, at); err != nil {
		t.Fatal(err)
	}
	if s.InterviewerContinued == nil || !s.InterviewerContinued.Equal(at) || !s.Updated.Equal(at) {
		t.Errorf("continued %v, updated %v; want both %v", s.InterviewerContinued, s.Updated, at)
	}
	if want := (Position{Stage: StageSafety, Question: "private_place"}); s.Position != want {
		t.Errorf("the interviewer starts at %+v, want %+v (the first question left open)", s.Position, want)
	}
	if len(s.History) == 0 || s.History[len(s.History)-1] != (Position{Stage: StageReview}) {
		t.Errorf("history %+v: Back should return to the review the person reached", s.History)
	}
	if s.Mode != ModeSelf || s.PersonAlone() {
		t.Errorf("mode %q, person alone %v: the mode stays self and the interview now runs for the interviewer", s.Mode, s.PersonAlone())
	}
	if !reflect.DeepEqual(s.Answers.Values["age"], answers) || *s.Timings["age"] != timings || len(s.Timings) != 1 {
		t.Errorf("the hand-over changed the person's answers or timings: %+v, %+v", s.Answers.Values, s.Timings)
	}

	// The engine over the handed-over session asks the safety check.
	e, err := New(g, s, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	if q := e.Current().Question; q == nil || q.ID != "private_place" {
		t.Errorf("the engine opens the handed-over session at %v, want private_place", qid(q))
	}
}

// TestHandOverAgain: a session handed over before keeps the time the interviewer first took
// over; at a question it stays there (where the interviewer left off), past the questions
// it goes back to the first one still open.
func TestHandOverAgain(t *testing.T) {
	g := loadTest(t)
	first := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	later := first.Add(24 * time.Hour)

	s := answeredAlone(t, g)
	if err := s.HandOverToInterviewer(g, first); err != nil {
		t.Fatal(err)
	}
	s.Answers.Values["private_place"] = yes()
	s.Position, s.History = Position{Stage: StageQuestions, Question: "age"}, nil
	if err := s.HandOverToInterviewer(g, later); err != nil {
		t.Fatal(err)
	}
	if !s.InterviewerContinued.Equal(first) || !s.Updated.Equal(later) {
		t.Errorf("continued %v, updated %v; want %v and %v", s.InterviewerContinued, s.Updated, first, later)
	}
	if want := (Position{Stage: StageQuestions, Question: "age"}); s.Position != want || s.History != nil {
		t.Errorf("the interviewer's own place moved: %+v, history %+v; want %+v", s.Position, s.History, want)
	}

	s.Position = Position{Stage: StageResult}
	if err := s.HandOverToInterviewer(g, later); err != nil {
		t.Fatal(err)
	}
	if want := (Position{Stage: StageQuestions, Question: "remarks"}); s.Position != want {
		t.Errorf("past the questions, the interviewer starts at %+v, want %+v", s.Position, want)
	}
}

// TestHandOverRefusesOtherModes: a real or training session has no part left for the
// interviewer; it is refused and left as it was.
func TestHandOverRefusesOtherModes(t *testing.T) {
	g := loadTest(t)
	for _, mode := range []Mode{ModeReal, ModeTraining} {
		s := answeredAlone(t, g)
		s.Mode = mode
		before, err := s.clone()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.HandOverToInterviewer(g, time.Now()); !errors.Is(err, ErrNotSelf) {
			t.Errorf("%s: err = %v, want ErrNotSelf", mode, err)
		}
		if !reflect.DeepEqual(s, before) {
			t.Errorf("%s: the refused hand-over changed the session", mode)
		}
	}
}

// TestHandOverMidway: the person stopped at one of their questions; the interviewer still
// starts at the safety check the person was never asked, not at the person's place.
func TestHandOverMidway(t *testing.T) {
	g := loadTest(t)
	s := answeredAlone(t, g)
	delete(s.Answers.Values, "arrived")
	s.Position, s.Status = Position{Stage: StageQuestions, Question: "arrived"}, StatusInProgress
	if err := s.HandOverToInterviewer(g, time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if want := (Position{Stage: StageSafety, Question: "private_place"}); s.Position != want {
		t.Errorf("the interviewer starts at %+v, want %+v", s.Position, want)
	}
}
