package interview

import (
	"errors"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// ErrNotSelf is returned by HandOverToInterviewer for a session the person did not answer
// alone: only a self session has an interviewer's part left open to hand over.
var ErrNotSelf = errors.New("only a self session can be handed over to the interviewer")

// HandOverToInterviewer records that the interviewer continues the self session s of
// guideline g at now, so that the next engine over s runs it as a real interview (see
// PersonAlone). The first time, and whenever the session is past its questions, it also
// moves s to the first question now left open in file order: the person's part is over, so
// the interviewer starts with the safety check and the observations left for them. A later
// hand-over that finds s at a question keeps it there: that is where the interviewer left
// off. Nothing is saved; the caller saves s.
func (s *Session) HandOverToInterviewer(g *guidelines.Guideline, now time.Time) error {
	if s.Mode != ModeSelf {
		return ErrNotSelf
	}
	now = now.UTC()
	first := s.InterviewerContinued == nil
	if first {
		s.InterviewerContinued = &now
	}
	if first || !isQuestionStage(s.Position.Stage) {
		if err := s.moveToFirstOpen(g, now); err != nil {
			return err
		}
	}
	s.Updated = now
	return nil
}

// moveToFirstOpen sets s's position (and the history that leads back from it) to the first
// question the interview asks now that is not answered yet; with none, s stays where it is.
// Which questions are asked is the engine's to say, so an engine runs on a copy of s: only
// the position it finds is taken, not the visit and the timings its screens would record.
func (s *Session) moveToFirstOpen(g *guidelines.Guideline, now time.Time) error {
	probe, err := s.clone()
	if err != nil {
		return err
	}
	e, err := New(g, probe, NewMemoryStore(), WithClock(func() time.Time { return now }))
	if err != nil {
		return err
	}
	for _, q := range g.Questions {
		if _, answered := probe.Answers.Values[q.ID]; answered || !e.Asks(q.ID) {
			continue
		}
		if err := e.Goto(q.ID); err != nil {
			return err
		}
		s.Position, s.History = probe.Position, probe.History
		return nil
	}
	return nil
}
