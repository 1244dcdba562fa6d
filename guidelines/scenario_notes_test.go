package guidelines

import (
	"strings"
	"testing"
)

// TestScenarioNotesPlainOrTranslated: a note may be one plain string (shown as written in
// every language) or a text per language, so a Ukrainian role card does not show an
// English note; a translated note missing one of the guideline's languages is an error at
// the note, as for the scenario's title.
func TestScenarioNotesPlainOrTranslated(t *testing.T) {
	g := mustExample(t)
	data := []byte(`format: earlyid/scenario/v1
id: notes
guideline: example
title: {ro: T, uk: T, ru: T, en: T}
answers:
  job_offer: yes
  age: 30
notes:
  job_offer: "Plain note."
  age: {ro: "Pare mai tânăr.", uk: "Виглядає молодшим.", ru: "Выглядит моложе.", en: "Looks younger."}
expected:
  outcome: no_indicators
`)
	s, ds := LoadScenarioBytes("s.yaml", data)
	if s == nil {
		t.Fatal(ds)
	}
	if ds := CheckScenario(s, g); len(ds) != 0 {
		t.Fatalf("a plain and a translated note give findings: %v", ds)
	}
	for lang, want := range map[string]string{"uk": "Виглядає молодшим.", "ru": "Выглядит моложе.", "en": "Looks younger."} {
		if got := s.Note("age", lang); got != want {
			t.Errorf("Note(age, %s) = %q, want %q", lang, got, want)
		}
		if got := s.Note("job_offer", lang); got != "Plain note." {
			t.Errorf("Note(job_offer, %s) = %q, want the plain note", lang, got)
		}
	}
	// Scoring evidence has no language: it gets the first one written.
	if s.Answers.Notes["age"] != "Pare mai tânăr." {
		t.Errorf("Answers.Notes[age] = %q", s.Answers.Notes["age"])
	}

	missing := strings.Replace(string(data), `uk: "Виглядає молодшим.", `, "", 1)
	s, ds = LoadScenarioBytes("s.yaml", []byte(missing))
	if s == nil {
		t.Fatal(ds)
	}
	ds = CheckScenario(s, g)
	if len(ds) != 1 || ds[0].Code != "missing_translation" || ds[0].Pos.Line != 10 || !strings.Contains(render(ds), "notes.age") || !strings.Contains(render(ds), "uk") {
		t.Errorf("a note without uk: got %s", render(ds))
	}
}
