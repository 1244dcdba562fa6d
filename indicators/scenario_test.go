package indicators

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// embeddedGuideline returns the embedded guideline with id.
func embeddedGuideline(t testing.TB, id string) *guidelines.Guideline {
	t.Helper()
	gs, _ := guidelines.Embedded() // load errors are reported once, by TestShippedScenarios
	for _, g := range gs {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no embedded guideline %q", id)
	return nil
}

func scenarios(t testing.TB) []*guidelines.Scenario {
	t.Helper()
	ss, _ := guidelines.EmbeddedScenarios() // errors reported once, by TestShippedScenarios
	if len(ss) == 0 {
		t.Fatal("no embedded scenarios")
	}
	return ss
}

// TestShippedScenarios scores every shipped training scenario: each must reach exactly its
// expected outcome, indicator set and flag set.
func TestShippedScenarios(t *testing.T) {
	t.Parallel()
	// A shipped file that does not load is a failure here too (its scenarios cannot be
	// scored), but the scenarios that do load are still checked.
	if _, err := guidelines.Embedded(); err != nil {
		t.Errorf("embedded guidelines do not load:\n%v", err)
	}
	if _, err := guidelines.EmbeddedScenarios(); err != nil {
		t.Errorf("embedded scenarios do not load or check, so they are not scored:\n%v", err)
	}
	for _, s := range scenarios(t) {
		t.Run(s.ID, func(t *testing.T) {
			g := embeddedGuideline(t, s.Guideline)
			a := mustScore(t, g, s.Answers)
			if a.Outcome.ID != s.Expected.Outcome {
				t.Errorf("%s: outcome %s, want %s", s.File, a.Outcome.ID, s.Expected.Outcome)
			}
			if d := diff(indicatorIDs(a), s.Expected.Indicators); d != "" {
				t.Errorf("%s: indicators %v: %s", s.File, indicatorIDs(a), d)
			}
			if d := diff(flagIDs(a), s.Expected.Flags); d != "" {
				t.Errorf("%s: flags %v: %s", s.File, flagIDs(a), d)
			}
		})
	}
}

// TestDeterministic scores every scenario twice and renders both results: same answers,
// same assessment, byte for byte. The answers are copied into fresh maps between the runs,
// so a dependence on map layout or iteration order would show.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, s := range scenarios(t) {
		t.Run(s.ID, func(t *testing.T) {
			g := embeddedGuideline(t, s.Guideline)
			first := mustScore(t, g, s.Answers)
			copied := guidelines.NewAnswers()
			for k, v := range s.Answers.Values {
				copied.Values[k] = v
			}
			for k, v := range s.Answers.Notes {
				copied.Notes[k] = v
			}
			second := mustScore(t, g, copied)
			if !reflect.DeepEqual(first, second) {
				t.Errorf("two scorings differ:\n%+v\n%+v", first, second)
			}
			for _, lang := range g.Languages {
				l := locales.New(lang)
				for _, format := range Formats {
					var b1, b2 bytes.Buffer
					if err := Render(first, &b1, format, lang, l); err != nil {
						t.Fatal(err)
					}
					if err := Render(second, &b2, format, lang, l); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
						t.Errorf("%s/%s output differs:\n%s\n---\n%s", format, lang, b1.String(), b2.String())
					}
				}
			}
		})
	}
}

// TestScoreDoesNotMutate checks that scoring leaves the answers alone: the engine keeps
// using them after a score.
func TestScoreDoesNotMutate(t *testing.T) {
	t.Parallel()
	s := scenarios(t)[0]
	g := embeddedGuideline(t, s.Guideline)
	before := guidelines.NewAnswers()
	for k, v := range s.Answers.Values {
		before.Values[k] = v
	}
	mustScore(t, g, s.Answers)
	if !reflect.DeepEqual(before.Values, s.Answers.Values) {
		t.Error("Score changed the answers")
	}
}
