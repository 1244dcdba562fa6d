package bilingual

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// roUK is a guideline in Romanian and Ukrainian: an English-speaking interviewer gets its
// texts in the person's language, since the guideline has no English.
const roUK = `format: earlyid/guideline/v1
id: bilingual-test
version: "1"
title: {ro: Test, uk: Тест}
languages: [ro, uk]
sections:
  - id: main
    title: {ro: Principal, uk: Основне}
    questions:
      - {id: q, type: yesno, text: {ro: "Lucrați?", uk: "Ви працюєте?"}}
      - {id: same, type: yesno, text: {ro: "OK?", uk: "OK?"}}
dimensions:
  - {id: d, stage: recruitment, text: {ro: D, uk: Д}}
indicators:
  - {id: i, dimension: d, strength: strong, text: {ro: I, uk: І}, when: 'q == "yes"'}
scoring:
  element_positive:
    - {strong: 1}
  outcomes:
    - {id: nothing_found, level: low, text: {ro: Orice, uk: Будь-що}, when: "true"}
`

func load(t *testing.T) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.LoadBytes("bilingual-test.yaml", []byte(roUK))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load:\n%v", ds)
	}
	return g
}

// TestLanguagesOfAnInterview: the person's language is always one the guideline has, and
// the person answering alone (or an interview without an interviewer's language) has
// everything in their own language.
func TestLanguagesOfAnInterview(t *testing.T) {
	g := load(t)
	for _, tt := range []struct {
		name, lang, uiLang      string
		self                    bool
		person, interviewer, ui string
	}{
		{"interviewed", "uk", "ro", false, "uk", "ro", "ro"},
		{"person's language not in the guideline", "ru", "ro", false, "ro", "ro", "ro"},
		{"alone", "uk", "ro", true, "uk", "uk", "uk"},
		{"no interviewer's language", "uk", "", false, "uk", "uk", "uk"},
		{"interviewer's language not in the guideline", "uk", "en", false, "uk", "en", "uk"},
	} {
		l := New(g, tt.lang, tt.uiLang, tt.self)
		if l.Person != tt.person || l.Interviewer != tt.interviewer || l.InterviewerContent() != tt.ui {
			t.Errorf("%s: person %s, interviewer %s, their texts in %s; want %s, %s, %s", tt.name,
				l.Person, l.Interviewer, l.InterviewerContent(), tt.person, tt.interviewer, tt.ui)
		}
		if got, want := l.PersonUI.T("interview.answer.yes", nil), locales.New(tt.person).T("interview.answer.yes", nil); got != want {
			t.Errorf("%s: the person reads %q, want %q", tt.name, got, want)
		}
		if got, want := l.InterviewerUI.T("interview.answer.yes", nil), locales.New(tt.interviewer).T("interview.answer.yes", nil); got != want {
			t.Errorf("%s: the interviewer reads %q, want %q", tt.name, got, want)
		}
	}
}

// TestPairOrder: the person's language comes first, the interviewer's first on the
// interviewer's own questions, and a text or message that reads the same in both is shown
// once.
func TestPairOrder(t *testing.T) {
	g := load(t)
	l := New(g, "uk", "ro", false)
	q := g.Question("q").Text
	if a, b := l.Pair(q, false); a != "Ви працюєте?" || b != "Lucrați?" {
		t.Errorf("Pair = %q, %q; want the Ukrainian first", a, b)
	}
	if a, b := l.Pair(q, true); a != "Lucrați?" || b != "Ви працюєте?" {
		t.Errorf("Pair for the interviewer = %q, %q; want the Romanian first", a, b)
	}
	if a, b := l.Pair(g.Question("same").Text, false); a != "OK?" || b != "" {
		t.Errorf("Pair of a text the same in both = %q, %q; want it once", a, b)
	}
	if got := l.Message("interview.answer.yes", false); got != "Так · Da" {
		t.Errorf("Message = %q, want %q", got, "Так · Da")
	}
	if got := l.Message("interview.answer.yes", true); got != "Da · Так" {
		t.Errorf("Message for the interviewer = %q, want %q", got, "Da · Так")
	}
	// An English interviewer of a ro/uk guideline reads the guideline in the person's
	// language (once), and the program's own messages in English.
	en := New(g, "uk", "en", false)
	if a, b := en.Pair(q, true); a != "Ви працюєте?" || b != "" {
		t.Errorf("Pair for an English interviewer = %q, %q; want the Ukrainian once", a, b)
	}
	if got := en.Message("interview.answer.yes", false); got != "Так · Yes" {
		t.Errorf("Message for an English interviewer = %q", got)
	}
}
