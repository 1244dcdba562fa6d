package plain

import (
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// The self-mode end speaks to the person: the contacts by name and number, each with what
// the service does for them (role_self), in their language, and without the role texts
// written for the interviewer (La Strada's "given to everyone, as information").
func TestSelfEndHasNoStaffNotes(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	for _, lang := range g.Languages {
		var staff, said []string
		for _, r := range g.Referrals {
			if r.Reachable() {
				staff = append(staff, r.Role.In(lang))
				said = append(said, r.RoleSelf.In(lang))
			}
		}
		if len(staff) == 0 || lang == "en" && !strings.Contains(strings.Join(staff, " "), "Given to everyone, as information.") {
			t.Fatalf("the default guideline's contacts changed: %q", staff)
		}
		e := newEngine(t, g, interview.ModeSelf, lang, lang, interview.NewMemoryStore(), nil)
		if err := e.Start(); err != nil {
			t.Fatal(err)
		}
		e.OpenReview()
		_, out := run(t, e, "\n")
		if !strings.Contains(out, "0 800 77777") {
			t.Fatalf("%s: the self-mode end lacks the contacts:\n%s", lang, out)
		}
		for _, text := range said {
			if !strings.Contains(out, "    "+text+"\n") {
				t.Errorf("%s: the self-mode end lacks what a service does for the person: %q\n%s", lang, text, out)
			}
		}
		for _, role := range staff {
			if strings.Contains(out, role) {
				t.Errorf("%s: the self-mode end shows a text written for the interviewer: %q", lang, role)
			}
		}
	}
}

// When the interviewer continues a self session, plain mode says they take over the
// person's interview, not "check before you begin", as the full screen does.
func TestPlainHandOverSaysTheInterviewerTakesOver(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	e := newEngine(t, g, interview.ModeSelf, "en", "en", interview.NewMemoryStore(), nil)
	s := e.Session()
	s.Answers.Values["consent_interview"] = guidelines.Value{Str: "yes"}
	if err := s.HandOverToInterviewer(g, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	e, err := interview.New(g, s, interview.NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	_, out := run(t, e, ":quit\n")
	if !strings.Contains(out, "The person has answered their part alone: you continue") || strings.Contains(out, "Check before you begin") {
		t.Errorf("the hand-over is not said:\n%s", out)
	}
}
