package interview

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// loadExclusive is the test guideline with a "none of these" choice marked exclusive in the
// multi question offer_via.
func loadExclusive(t testing.TB) *guidelines.Guideline {
	t.Helper()
	const anchor = "          - {id: agency, text: {en: An agency, ro: O agenție}}\n"
	if !strings.Contains(testGuideline, anchor) {
		t.Fatal("the test guideline no longer has the agency choice")
	}
	src := strings.Replace(testGuideline, anchor, anchor+
		"          - {id: none, exclusive: true, text: {en: \"*No one* offered it\", ro: \"*Nimeni* nu a oferit-o\"}}\n", 1)
	g, ds := guidelines.LoadBytes("engine-test.yaml", []byte(src))
	if g == nil {
		t.Fatalf("test guideline does not load:\n%v", ds)
	}
	return g
}

// TestExclusiveChoiceAlone checks that the interview refuses an exclusive choice combined
// with another (the contradiction would otherwise be scored), names the choice by its text
// in the reader's language, and still takes it alone or the others without it.
func TestExclusiveChoiceAlone(t *testing.T) {
	g := loadExclusive(t)
	e := newEngine(t, g, NewMemoryStore())
	mustAnswer(t, e, "private_place", yes())
	mustAnswer(t, e, "consent_interview", yes())
	mustAnswer(t, e, "job_offer", yes())

	err := e.Answer(list("telegram", "none"))
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.Kind != ErrKindExclusive || ae.Choice != "none" {
		t.Fatalf("telegram with none: got %v, want an %s error naming none", err, ErrKindExclusive)
	}
	if got := currentID(e); got != "offer_via" {
		t.Fatalf("after a refused answer the interview moved on to %s", got)
	}
	if _, ok := e.Session().Answers.Values["offer_via"]; ok {
		t.Errorf("the refused answer was recorded: %v", e.Session().Answers.Values["offer_via"])
	}
	want := map[string]string{
		"en": "“No one offered it” cannot be chosen together with other answers.",
		"ro": "Opțiunea „Nimeni nu a oferit-o” nu poate fi aleasă împreună cu alte răspunsuri.",
		// The guideline has no Ukrainian or Russian: the choice falls back to English.
		"uk": "Варіант «No one offered it» не можна обрати разом з іншими відповідями.",
		"ru": "Вариант «No one offered it» нельзя выбрать вместе с другими ответами.",
	}
	for _, lang := range locales.Languages {
		msg := locales.New(lang).T("interview.error."+ae.Kind, ae.Data())
		if !strings.HasPrefix(msg, want[lang]) {
			t.Errorf("%s: message %q, want it to start with %q", lang, msg, want[lang])
		}
	}
	if s := ae.Error(); !strings.Contains(s, `"none"`) {
		t.Errorf("Error() = %q, want it to name the choice", s)
	}

	mustAnswer(t, e, "offer_via", list("none"))
	e.Back()
	mustAnswer(t, e, "offer_via", list("telegram", "friend"))
	if got := e.Session().Answers.Values["offer_via"].List; !slices.Equal(got, []string{"telegram", "friend"}) {
		t.Errorf("answer without the exclusive choice recorded as %v", got)
	}
}
