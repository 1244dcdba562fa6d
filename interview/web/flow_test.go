package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

func newServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Guideline == nil {
		cfg.Guideline = openGuideline(t, guidelines.DefaultID)
	}
	if cfg.Keys == nil {
		cfg.Keys = testKeys(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The first page speaks the browser's language and has it chosen; a person can pick
// another before starting, and the check then runs in it.
func TestFirstPageTakesTheBrowsersLanguage(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	b.get("/", "Accept-Language", "uk-UA,uk;q=0.9,en;q=0.5")
	checkPage(t, b)
	if !strings.Contains(b.page, `<html lang="uk">`) || !strings.Contains(b.page, `value="uk" checked`) {
		t.Fatalf("the first page is not in Ukrainian with Ukrainian chosen:\n%s", b.page)
	}
	b.get("/", "Accept-Language", "de-DE,ru;q=0.8")
	if !strings.Contains(b.page, `value="ru" checked`) {
		t.Errorf("a browser that asks for German, then Russian, does not get Russian chosen")
	}
	b.post("/start", url.Values{"lang": {"ro"}})
	checkPage(t, b)
	if !strings.Contains(b.page, `<html lang="ro">`) || !strings.Contains(b.page, "Prefer să nu răspund") {
		t.Errorf("the check chosen in Romanian does not run in Romanian:\n%s", b.page)
	}
}

// The language can be changed on every page, and the answers stay.
func TestLanguageChangesMidway(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	b := newBrowser(t, newServer(t, Config{Guideline: g}))
	b.post("/start", url.Values{"lang": {"en"}})
	first := b.hidden("q")
	b.submit("/answer", url.Values{"q": {first}, "v": {"yes"}})
	second := b.hidden("q")
	b.submit("/lang", url.Values{"lang": {"uk"}})
	checkPage(t, b)
	if !strings.Contains(b.page, `<html lang="uk">`) || b.hidden("q") != second {
		t.Fatalf("after switching to Ukrainian the page is not the same question in Ukrainian:\n%s", b.page)
	}
	if want := g.Question(second).Text.Plain("uk"); !strings.Contains(b.page, htmlEscape(want)) {
		t.Errorf("the question is not shown in Ukrainian: want %q", want)
	}
	b.submit("/back", nil)
	if b.hidden("q") != first || !strings.Contains(b.page, `<html lang="uk">`) {
		t.Errorf("Back after the language change does not return to %s in Ukrainian", first)
	}
}

// Back returns to the previous question with its answer chosen; changing it there moves
// on again; a refused answer is explained and changes nothing.
func TestBackShowsTheAnswerAndRefusalsAreExplained(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	b.post("/start", url.Values{"lang": {"en"}})
	q1 := b.hidden("q")
	b.submit("/back", nil)
	if !strings.Contains(b.page, "This is the first question.") || b.hidden("q") != q1 {
		t.Errorf("Back at the first question does not say so")
	}
	b.submit("/answer", url.Values{"q": {q1}})
	if !strings.Contains(b.page, `role="alert">Please give an answer.`) || b.hidden("q") != q1 {
		t.Errorf("an empty answer is not explained on the same question:\n%s", b.page)
	}
	b.submit("/answer", url.Values{"q": {q1}, "v": {"yes"}})
	q2 := b.hidden("q")
	if q2 == q1 || q2 == "" {
		t.Fatalf("answering does not move on")
	}
	b.submit("/back", nil)
	if b.hidden("q") != q1 || !strings.Contains(b.page, `value="yes" checked`) {
		t.Errorf("Back does not show the first question with its answer chosen:\n%s", b.page)
	}
}

// A form the browser kept (its back button, a reload) is not acted on: the page says
// the check has moved on and shows where it stands.
func TestAnOldFormIsNotReplayed(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	b.post("/start", url.Values{"lang": {"en"}})
	q1, sid, step := b.hidden("q"), b.hidden("sid"), b.hidden("step")
	b.submit("/answer", url.Values{"q": {q1}, "v": {"yes"}})
	q2 := b.hidden("q")
	b.post("/answer", url.Values{"sid": {sid}, "step": {step}, "q": {q1}, "v": {"no"}})
	if b.hidden("q") != q2 || !strings.Contains(b.page, "This page had changed in the meantime.") {
		t.Errorf("a replayed form is acted on, or not explained:\n%s", b.page)
	}
	b.submit("/back", nil)
	if !strings.Contains(b.page, `value="yes" checked`) {
		t.Errorf("the replayed answer changed the first answer")
	}
	b.post("/answer", url.Values{"sid": {"0123"}, "step": {b.hidden("step")}, "q": {q1}, "v": {"no"}})
	if b.resp.StatusCode != 400 || !strings.Contains(b.page, "belongs to another self-check") {
		t.Errorf("a form of another check is not refused: %d\n%s", b.resp.StatusCode, b.page)
	}
}
