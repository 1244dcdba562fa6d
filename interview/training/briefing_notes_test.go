package training

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/earlyid/earlyid/locales"
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

// TestBriefingShowsTheLesson: the role card tells the trainer what the scenario teaches, in
// the card's language and in every format, so the one who plays the person knows which
// answers carry the point; a scenario without a lesson gets no empty heading.
func TestBriefingShowsTheLesson(t *testing.T) {
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	for _, lang := range []string{"ro", "uk", "ru", "en"} {
		b, err := NewBriefing(c, lang)
		if err != nil {
			t.Fatal(err)
		}
		want := c.Scenario.Lesson.Plain(lang)
		if want == "" {
			t.Fatalf("the scenario has no %s lesson", lang)
		}
		for _, f := range []string{FormatText, FormatMarkdown, FormatHTML} {
			var out bytes.Buffer
			if err := b.Render(&out, f); err != nil {
				t.Fatal(err)
			}
			s := out.String()
			if f == FormatHTML {
				s = html.UnescapeString(s)
			}
			if f == FormatMarkdown {
				s = strings.ReplaceAll(s, `\`, "")
			}
			if !strings.Contains(s, b.labels().Lesson) || !strings.Contains(s, want) {
				t.Errorf("%s %s: the role card lacks the lesson %q", lang, f, want)
			}
		}
	}

	bare := *c
	sc := *c.Scenario
	sc.Lesson = nil
	bare.Scenario = &sc
	b, err := NewBriefing(&bare, "en")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.Render(&out, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), b.labels().Lesson) {
		t.Errorf("a scenario without a lesson gets a lesson heading:\n%s", out.String())
	}
}

// TestRoleCardsARolePlayerCanUse: on every shipped scenario's card, in every language,
// nothing under "observe without asking" is a question; the card says what to do with a
// question it does not cover; and an answer the scenario keeps for later is marked so.
func TestRoleCardsARolePlayerCanUse(t *testing.T) {
	t.Parallel()
	for _, c := range shipped(t) {
		for _, lang := range c.Guideline.Languages {
			b, err := NewBriefing(c, lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range b.Observations {
				if strings.ContainsAny(o.Question, "?？") {
					t.Errorf("%s %s: %q is a question, on the list to observe without asking", c.Scenario.ID, lang, o.Question)
				}
			}
			var later []string
			for _, a := range slices.Concat(b.Setting, b.Checks, b.Observations) {
				if a.Later {
					later = append(later, a.QuestionID)
				}
			}
			for _, s := range b.Sections {
				for _, a := range s.Answers {
					if a.Later {
						later = append(later, a.QuestionID)
					}
				}
			}
			if !slices.Equal(later, c.Scenario.RevealLater) {
				t.Errorf("%s %s: marked for later %v, the scenario says %v", c.Scenario.ID, lang, later, c.Scenario.RevealLater)
			}
			var out bytes.Buffer
			if err := b.Render(&out, FormatText); err != nil {
				t.Fatal(err)
			}
			// A Romanian or English card has no Cyrillic text: every answer, note and name
			// is in the card's language.
			if lang == "ro" || lang == "en" {
				if i := strings.IndexFunc(out.String(), func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }); i >= 0 {
					t.Errorf("%s %s: Cyrillic text on the card: %q", c.Scenario.ID, lang, out.String()[i:min(len(out.String()), i+60)])
				}
			}
			if !strings.Contains(out.String(), locales.New(lang).T("train.briefing.off_card", nil)) {
				t.Errorf("%s %s: the card does not say what to do with a question it does not cover", c.Scenario.ID, lang)
			}
		}
	}
	if c := mustCase(t, "mixed-flows-md-palanca-aunt"); !slices.Equal(c.Scenario.RevealLater, []string{"child_companion_relation"}) {
		t.Errorf("palanca-aunt reveal_later %v", c.Scenario.RevealLater)
	}
}
