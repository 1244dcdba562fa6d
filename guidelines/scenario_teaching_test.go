package guidelines

import (
	"strings"
	"testing"
)

// TestScenarioLessonAndReasoning: a scenario's lesson for trainers is a text in every
// language, like its title, and its hand-worked reasoning is one plain text or a text in
// every language; a missing translation is an error at the text's line, and an empty
// reasoning is an error, so a trainer never gets a role card or an answer key that silently
// lacks its teaching point in their language.
func TestScenarioLessonAndReasoning(t *testing.T) {
	g := mustExample(t)
	data := `format: earlyid/scenario/v1
id: teaching
guideline: example
title: {ro: T, uk: T, ru: T, en: T}
lesson: {ro: "O ofertă nu e un indicator.", uk: "Пропозиція — ще не індикатор.", ru: "Предложение — ещё не индикатор.", en: "An offer is not an indicator."}
answers:
  job_offer: yes
  age: 30
expected:
  outcome: no_indicators
  reasoning: "No dimension is positive."
`
	s, ds := LoadScenarioBytes("s.yaml", []byte(data))
	if s == nil {
		t.Fatal(ds)
	}
	if ds := CheckScenario(s, g); len(ds) != 0 {
		t.Fatalf("a translated lesson and a plain reasoning give findings: %s", render(ds))
	}
	if got := s.Lesson.In("uk"); got != "Пропозиція — ще не індикатор." {
		t.Errorf("Lesson in uk = %q", got)
	}
	for _, lang := range []string{"ro", "uk", "en"} {
		if got := s.Reasoning(lang); got != "No dimension is positive." {
			t.Errorf("Reasoning(%s) = %q, want the plain text in every language", lang, got)
		}
	}

	translated := strings.Replace(data, `reasoning: "No dimension is positive."`,
		`reasoning: {ro: "Nicio dimensiune.", uk: "Жодного виміру.", ru: "Ни одного измерения.", en: "No dimension."}`, 1)
	s, ds = LoadScenarioBytes("s.yaml", []byte(translated))
	if s == nil {
		t.Fatal(ds)
	}
	if ds := CheckScenario(s, g); len(ds) != 0 {
		t.Fatalf("a translated reasoning gives findings: %s", render(ds))
	}
	if got := s.Reasoning("ru"); got != "Ни одного измерения." {
		t.Errorf("Reasoning(ru) = %q", got)
	}

	for _, tt := range []struct {
		name, old, new, code, field string
		line                        int
	}{
		{"lesson without uk", `uk: "Пропозиція — ще не індикатор.", `, "", "missing_translation", "lesson", 5},
		{"plain lesson", data[strings.Index(data, "lesson: "):strings.Index(data, "\nanswers:")], "lesson: An offer is not an indicator.", "plain_text", "lesson", 5},
		{"reasoning without ru", `reasoning: "No dimension is positive."`, `reasoning: {ro: "N.", uk: "Ж.", en: "N."}`, "missing_translation", "expected.reasoning", 11},
		{"empty reasoning", `reasoning: "No dimension is positive."`, `reasoning: ""`, "empty_value", "expected.reasoning", 11},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, ds := LoadScenarioBytes("s.yaml", []byte(strings.Replace(data, tt.old, tt.new, 1)))
			if s != nil {
				ds = append(ds, CheckScenario(s, g)...)
			}
			if len(ds) != 1 || ds[0].Code != tt.code || ds[0].Pos.Line != tt.line || !strings.Contains(render(ds), tt.field) {
				t.Errorf("got %s, want one %s at line %d naming %s", render(ds), tt.code, tt.line, tt.field)
			}
		})
	}
}

// TestShippedScenariosTeach: every shipped scenario gives its lesson in each of its
// guideline's languages and the hand-worked reasoning of its expected result, so the
// catalogue, the role card and the answer key never show a scenario without its teaching
// point, and a reviewer can check the expected result against the rules.
func TestShippedScenariosTeach(t *testing.T) {
	ss, err := EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	gs, _ := Embedded()
	langs := map[string][]string{}
	for _, g := range gs {
		langs[g.ID] = g.Languages
	}
	for _, s := range ss {
		for _, lang := range langs[s.Guideline] {
			if strings.TrimSpace(s.Lesson[lang]) == "" {
				t.Errorf("%s: no lesson in %s", s.ID, lang)
			}
		}
		if strings.TrimSpace(s.Reasoning("en")) == "" {
			t.Errorf("%s: no hand-worked reasoning under expected", s.ID)
		}
	}
}
