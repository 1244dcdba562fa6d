package interview

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// TestNoteAuthorIsRecorded: a note the person types while answering alone is recorded as
// theirs; once the interviewer has taken over, a note is the interviewer's; a removed note
// leaves no author behind. The author survives saving and reading the session back.
func TestNoteAuthorIsRecorded(t *testing.T) {
	g := loadTest(t)
	s, err := NewSession(g, "MD-SELF-0002", ModeSelf, "en", "en", time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	store := NewMemoryStore()
	e, err := New(g, s, store)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	first := e.Current().Question.ID
	if err := e.Note("I was told to say I am a tourist."); err != nil {
		t.Fatal(err)
	}
	if got := s.Answers.NoteAuthor(first); got != guidelines.NoteByPerson {
		t.Errorf("the person's own note is recorded as written by %q", got)
	}

	if err := s.HandOverToInterviewer(g, time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	e, err = New(g, s, store)
	if err != nil {
		t.Fatal(err)
	}
	q := e.Current().Question.ID
	if err := e.Note("Spoke quietly, looked at the door."); err != nil {
		t.Fatal(err)
	}
	if got := s.Answers.NoteAuthor(q); got != guidelines.NoteByInterviewer {
		t.Errorf("the interviewer's note after the hand-over is recorded as written by %q", got)
	}

	back, err := s.clone()
	if err != nil {
		t.Fatal(err)
	}
	if back.Answers.NoteBy[first] != guidelines.NoteByPerson || back.Answers.NoteBy[q] != guidelines.NoteByInterviewer {
		t.Errorf("after saving, the authors are %v", back.Answers.NoteBy)
	}
	if err := e.Note(" "); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Answers.NoteBy[q]; ok {
		t.Errorf("a removed note keeps an author: %v", s.Answers.NoteBy)
	}
}

// TestNoteAuthorOfOldSessions: a session saved before notes had an author reads as the
// interviewer's, except in a self session: all of its notes when nobody took over, and
// those on questions answered before the hand-over when someone did.
func TestNoteAuthorOfOldSessions(t *testing.T) {
	handOver := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	before, after := handOver.Add(-time.Hour), handOver.Add(time.Hour)
	for _, tt := range []struct {
		name      string
		mode      Mode
		continued *time.Time
		want      map[string]string
	}{
		{"real", ModeReal, nil, map[string]string{"age": "interviewer", "job_offer": "interviewer", "remarks": "interviewer"}},
		{"self, alone", ModeSelf, nil, map[string]string{"age": "person", "job_offer": "person", "remarks": "person"}},
		{"self, handed over", ModeSelf, &handOver, map[string]string{"age": "person", "job_offer": "interviewer", "remarks": "interviewer"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]any{
				"version": SessionVersion, "code": "MD-OLD1-0001", "mode": tt.mode, "status": "in_progress",
				"guideline": map[string]string{"id": "engine-test"},
				"answers": map[string]any{
					"values": map[string]any{"age": map[string]any{"num": 34}, "job_offer": map[string]any{"str": "no"}},
					"notes":  map[string]string{"age": "a", "job_offer": "b", "remarks": "c"},
				},
				"timings": map[string]any{
					"age":       map[string]any{"answered_at": before, "seconds": 3, "visits": 1},
					"job_offer": map[string]any{"answered_at": after, "seconds": 3, "visits": 1},
				},
				"position": map[string]string{"stage": "review"},
			}
			if tt.continued != nil {
				old["interviewer_continued"] = tt.continued
			}
			data, err := json.Marshal(old)
			if err != nil {
				t.Fatal(err)
			}
			s, err := UnmarshalSession(data)
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range tt.want {
				if got := s.Answers.NoteAuthor(id); got != want {
					t.Errorf("the note on %s reads as written by %q, want %q", id, got, want)
				}
			}
		})
	}
}
