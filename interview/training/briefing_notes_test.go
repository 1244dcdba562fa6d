package training

import (
	"bytes"
	"strings"
	"testing"
)

// TestBriefingNotesInTheBriefingsLanguage: a Ukrainian (or Romanian, Russian) role card
// shows each scenario note in its own language, never the English one — a role-player
// who reads no English must understand the note as well as the persona.
func TestBriefingNotesInTheBriefingsLanguage(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	b, err := NewBriefing(c, "uk")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.Render(&out, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	if !strings.Contains(md, "Спочатку казав «тітка»") {
		t.Errorf("the uk briefing lacks the Ukrainian note:\n%s", md)
	}
	if strings.Contains(md, "First said") {
		t.Errorf("the uk briefing shows the English note:\n%s", md)
	}

	// Every shipped scenario: no note on a non-English card is the English note.
	for _, c := range shipped(t) {
		s := c.Scenario
		for _, lang := range []string{"ro", "uk", "ru"} {
			b, err := NewBriefing(c, lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, sec := range append(b.Sections, BriefingSection{Answers: b.Observations}) {
				for _, a := range sec.Answers {
					if en := s.Note(a.QuestionID, "en"); a.Note != "" && a.Note == en {
						t.Errorf("%s (%s): the note on %s is in English: %s", s.ID, lang, a.QuestionID, a.Note)
					}
				}
			}
		}
	}
}
