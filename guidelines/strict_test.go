package guidelines_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// TestStrictVariantExtendsTheDefault: the strict variant must be the default guideline with
// another id, version, title, description, source and outcome rule, and nothing else, so a
// pilot that compares the two compares the rules alone. It is written with `extends`; this
// checks that extending gives exactly that.
func TestStrictVariantExtendsTheDefault(t *testing.T) {
	def, ds := guidelines.Open(guidelines.DefaultID)
	if def == nil {
		t.Fatalf("the default guideline does not load: %v", ds)
	}
	strict, ds := guidelines.Open("mixed-flows-md-strict")
	if strict == nil {
		t.Fatalf("the strict variant does not load: %v", ds)
	}
	if strict.Extends != def.ID {
		t.Errorf("the strict variant extends %q, want %q", strict.Extends, def.ID)
	}
	if want := []string{"id", "version", "title", "description", "source", "scoring"}; !slices.Equal(strict.Overrides, want) {
		t.Errorf("the strict variant gives %v itself, want %v", strict.Overrides, want)
	}
	for _, part := range []struct {
		name          string
		strict, deflt any
	}{
		{"languages", strict.Languages, def.Languages},
		{"review", strict.Review, def.Review},
		{"privacy", strict.Privacy, def.Privacy},
		{"profiles", strict.Profiles, def.Profiles},
		{"sections", strict.Sections, def.Sections},
		{"questions", strict.Questions, def.Questions},
		{"dimensions", strict.Dimensions, def.Dimensions},
		{"indicators", strict.Indicators, def.Indicators},
		{"flags", strict.Flags, def.Flags},
		{"referrals", strict.Referrals, def.Referrals},
	} {
		if !reflect.DeepEqual(part.strict, part.deflt) {
			t.Errorf("the strict variant's %s differ from the default guideline's", part.name)
		}
	}
	for _, q := range def.Questions {
		if strict.Question(q.ID) != q {
			t.Errorf("question %s of the default guideline is not found in the strict variant", q.ID)
		}
	}
	// The element rule is the same; the outcomes have the same ids and levels, and the
	// presumed-victim rule alone is stricter.
	counts := func(g *guidelines.Guideline) [][3]int {
		var out [][3]int
		for _, c := range g.Scoring.ElementPositive {
			out = append(out, [3]int{c.Strong, c.Medium, c.Weak})
		}
		return out
	}
	if !reflect.DeepEqual(counts(strict), counts(def)) {
		t.Errorf("element rule %v, want the default's %v", counts(strict), counts(def))
	}
	if len(strict.Scoring.Outcomes) != len(def.Scoring.Outcomes) {
		t.Fatalf("%d outcomes, want the default's %d", len(strict.Scoring.Outcomes), len(def.Scoring.Outcomes))
	}
	for i, o := range strict.Scoring.Outcomes {
		d := def.Scoring.Outcomes[i]
		if o.ID != d.ID || o.Level != d.Level {
			t.Errorf("outcome %d is %s (%s), want %s (%s)", i, o.ID, o.Level, d.ID, d.Level)
		}
		if changed := o.When.Src != d.When.Src; changed != (o.ID == "presumed_victim") {
			t.Errorf("outcome %s: rule changed %v", o.ID, changed)
		}
	}
	if strict.ID == def.ID || strict.Title.In("en") == def.Title.In("en") || strict.Description.In("en") == def.Description.In("en") || strict.Source == def.Source {
		t.Error("the strict variant does not name and describe itself")
	}
	if strict.Hash == def.Hash {
		t.Error("the strict variant has the default's hash: sessions could not tell them apart")
	}
}

// TestStrictScenariosScoreAsExpected scores every built-in scenario of the strict variant,
// and also its answers with the default guideline, where the weaker rule must reach another
// outcome: the variant is only worth shipping where the rules differ.
func TestStrictScenariosScoreAsExpected(t *testing.T) {
	def, _ := guidelines.Open(guidelines.DefaultID)
	strict, ds := guidelines.Open("mixed-flows-md-strict")
	if strict == nil || def == nil {
		t.Fatalf("the guidelines do not load: %v", ds)
	}
	ss, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range ss {
		if s.Guideline != strict.ID {
			continue
		}
		n++
		a, err := indicators.Score(strict, s.Answers)
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		if a.Outcome.ID != s.Expected.Outcome {
			t.Errorf("%s: outcome %s, want %s", s.ID, a.Outcome.ID, s.Expected.Outcome)
		}
		if b, err := indicators.Score(def, s.Answers); err != nil || b.Outcome.ID == a.Outcome.ID {
			t.Errorf("%s: the default guideline reaches the same outcome %s (%v)", s.ID, a.Outcome.ID, err)
		}
	}
	if n == 0 {
		t.Fatal("no built-in scenario uses the strict variant")
	}
}
