package interview

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// TestPastDateRefusesTheFuture: a date question marked past (an arrival) refuses a date
// after the engine's today, with a message in every language; today and earlier are taken,
// and a date question without the mark takes a future date (a planned journey).
func TestPastDateRefusesTheFuture(t *testing.T) {
	data, err := os.ReadFile("../guidelines/testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "    questions:\n", `    questions:
      - id: arrived
        type: date
        past: true
        text: {en: "Arrived?", ro: "Sosit?"}
      - id: leaving
        type: date
        text: {en: "Leaving?", ro: "Plecare?"}
`, 1)
	g, ds := guidelines.LoadBytes("past.yaml", []byte(src))
	if g == nil || ds.HasErrors() {
		t.Fatalf("test guideline: %v", ds)
	}
	e := newEngine(t, g, NewMemoryStore()) // the clock reads 2026-03-01
	err = e.Answer(guidelines.Value{Str: "2026-03-02"})
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.Kind != ErrKindFutureDate {
		t.Fatalf("a date after today was not refused as such: %v", err)
	}
	if _, ok := e.Session().Answers.Values["arrived"]; ok {
		t.Fatal("the refused date was recorded")
	}
	for _, lang := range locales.Languages {
		msg := locales.New(lang).T("interview.error."+ae.Kind, ae.Data())
		if !strings.Contains(msg, "2026-03-02") {
			t.Errorf("%s: %q does not name the date", lang, msg)
		}
	}
	if err := e.Answer(guidelines.Value{Str: "2026-03-01"}); err != nil {
		t.Fatalf("today was refused: %v", err)
	}
	if err := e.Answer(guidelines.Value{Str: "2027-06-30"}); err != nil {
		t.Fatalf("a future date was refused for a question that does not ask about the past: %v", err)
	}
}
