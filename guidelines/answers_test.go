package guidelines

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseAnswers(t *testing.T) {
	g := mustExample(t)
	tests := []struct {
		name  string
		yaml  string
		id    string
		want  Value
		codes []string
	}{
		{"yes word", "job_offer: yes", "job_offer", Value{Str: "yes"}, nil},
		{"YAML true", "job_offer: true", "job_offer", Value{Str: "yes"}, nil},
		{"YAML false", "job_offer: false", "job_offer", Value{Str: "no"}, nil},
		{"quoted no", `job_offer: "no"`, "job_offer", Value{Str: "no"}, nil},
		{"unknown", "job_offer: unknown", "job_offer", UnknownValue, nil},
		{"declined number", "age: declined", "age", DeclinedValue, nil},
		{"declined multi as list", "recruited_via: [declined]", "recruited_via", DeclinedValue, nil},
		{"multi in choice order", "recruited_via: [other, acquaintance]", "recruited_via", Value{List: []string{"acquaintance", "other"}}, nil},
		{"multi with a repeat", "recruited_via: [other, acquaintance, other]", "", Value{}, []string{"repeated_choice"}},
		{"multi empty list", "recruited_via: []", "recruited_via", Value{List: []string{}}, nil},
		{"number", "age: 24", "age", Value{Num: 24}, nil},
		{"number quoted", `age: "24.5"`, "age", Value{Num: 24.5}, nil},
		{"number at max", "hours_per_day: 24", "hours_per_day", Value{Num: 24}, nil},
		{"number above max", "hours_per_day: 25", "", Value{}, []string{"out_of_range"}},
		{"not a number", "age: twenty", "", Value{}, []string{"not_a_number"}},
		{"infinite", "age: .inf", "", Value{}, []string{"not_a_number"}},
		{"date", "arrival_date: 2024-02-29", "arrival_date", Value{Str: "2024-02-29"}, nil},
		{"not a leap year", "arrival_date: 2023-02-29", "", Value{}, []string{"bad_date"}},
		{"date other format", "arrival_date: 29/02/2024", "", Value{}, []string{"bad_date"}},
		{"choice", "job_as_promised: partly", "job_as_promised", Value{Str: "partly"}, nil},
		{"choice typo", "job_as_promised: parly", "", Value{}, []string{"unknown_choice"}},
		{"choice as list", "job_as_promised: [partly]", "", Value{}, []string{"answer_not_list"}},
		{"multi as scalar", "recruited_via: online", "", Value{}, []string{"answer_needs_list"}},
		{"multi with unknown", "recruited_via: [online, unknown]", "", Value{}, []string{"special_in_list"}},
		{"yesno word", "job_offer: maybe", "", Value{}, []string{"bad_yesno"}},
		{"text", "contact_details: Ana, 0 000 000", "contact_details", Value{Str: "Ana, 0 000 000"}, nil},
		{"text number", "contact_details: 42", "contact_details", Value{Str: "42"}, nil},
		{"text at the limit", "contact_details: " + strings.Repeat("ș", MaxText), "contact_details", Value{Str: strings.Repeat("ș", MaxText)}, nil},
		{"text too long", "contact_details: " + strings.Repeat("ș", MaxText+1), "", Value{}, []string{"text_too_long"}},
		{"empty", "contact_details:", "", Value{}, []string{"empty_answer"}},
		{"unknown question", "job_ofer: yes", "", Value{}, []string{"unknown_question"}},
		{"mapping", "age: {years: 3}", "", Value{}, []string{"want_scalar"}},
		{"duplicate", "age: 3\n  age: 4", "age", Value{Num: 3}, []string{"duplicate_key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := "answers:\n  " + tt.yaml + "\n"
			ans, pos, ds := ParseAnswers("a.yaml", []byte(data), g)
			var codes []string
			for _, d := range ds {
				codes = append(codes, d.Code)
			}
			if strings.Join(codes, ",") != strings.Join(tt.codes, ",") {
				t.Errorf("got findings %v, want %v", ds, tt.codes)
			}
			if tt.id == "" {
				if len(ans.Values) != 0 {
					t.Errorf("got answers %v, want none", ans.Values)
				}
				return
			}
			got, ok := ans.Values[tt.id]
			if !ok || !got.Equal(tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
			if p := pos[tt.id]; p.Line != 2 {
				t.Errorf("got position %v, want line 2", p)
			}
		})
	}
}

func TestParseAnswersNotes(t *testing.T) {
	g := mustExample(t)
	data := "answers:\n  debt: yes\nnotes:\n  debt: \"Owes the recruiter 500 EUR.\"\n  threats: \"\"\n"
	ans, _, ds := ParseAnswers("a.yaml", []byte(data), g)
	if len(ds) != 0 {
		t.Fatalf("unexpected findings: %v", ds)
	}
	if ans.Notes["debt"] != "Owes the recruiter 500 EUR." || len(ans.Notes) != 1 {
		t.Errorf("got notes %v", ans.Notes)
	}
}

// scoreForTest is a small, independent reading of the scoring rules of the format page. It
// cross-checks the hand-worked `expected` of the example scenarios; the real scoring lives in
// the indicators package.
func scoreForTest(t *testing.T, g *Guideline, vals map[string]Value) (string, []string, []string) {
	t.Helper()
	e := g.NewEvaluator()
	r, err := g.Resolve(e, vals)
	if err != nil {
		t.Fatal(err)
	}
	env := maps.Clone(r.Env)
	eval := func(c *Condition) bool {
		ok, err := e.Eval(c, env)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	type key struct {
		dim string
		s   Strength
	}
	counts := map[key]int{}
	total := map[Strength]int{}
	var inds, flags []string
	for _, x := range g.Indicators {
		s, applies := x.Strength[r.Profile]
		present := applies && eval(x.When)
		if present {
			inds = append(inds, x.ID)
			counts[key{x.Dimension, s}]++
			total[s]++
		}
	}
	for _, f := range g.Flags {
		if eval(f.When) {
			flags = append(flags, f.ID)
		}
	}
	outEnv := maps.Clone(env)
	outEnv[NameProfile] = r.Profile
	for _, d := range g.Dimensions {
		pos := false
		for _, c := range g.Scoring.ElementPositive {
			pos = pos || (counts[key{d.ID, Strong}] >= c.Strong && counts[key{d.ID, Medium}] >= c.Medium && counts[key{d.ID, Weak}] >= c.Weak)
		}
		outEnv[d.ID] = pos
	}
	for _, x := range g.Indicators {
		outEnv[x.ID] = slices.Contains(inds, x.ID)
	}
	for _, f := range g.Flags {
		outEnv[f.ID] = slices.Contains(flags, f.ID)
	}
	outEnv[NameStrong], outEnv[NameMedium], outEnv[NameWeak] = total[Strong], total[Medium], total[Weak]
	env = outEnv
	for _, o := range g.Scoring.Outcomes {
		if eval(o.When) {
			return o.ID, inds, flags
		}
	}
	return "", inds, flags
}

func TestExampleScenarios(t *testing.T) {
	g := mustExample(t)
	ss, err := EmbeddedScenarios()
	if err != nil {
		t.Logf("some embedded scenarios do not check (not the example's): %v", err)
	}
	for _, s := range ss {
		if s.Guideline != "example" {
			continue
		}
		t.Run(s.ID, func(t *testing.T) {
			if ds := CheckScenario(s, g); len(ds) != 0 {
				t.Fatalf("findings: %v", ds)
			}
			out, inds, flags := scoreForTest(t, g, s.Answers.Values)
			want := func(xs []string) string { xs = slices.Clone(xs); slices.Sort(xs); return strings.Join(xs, ",") }
			if out != s.Expected.Outcome {
				t.Errorf("outcome: got %s, want %s", out, s.Expected.Outcome)
			}
			if want(inds) != want(s.Expected.Indicators) {
				t.Errorf("indicators: got %v, want %v", inds, s.Expected.Indicators)
			}
			if want(flags) != want(s.Expected.Flags) {
				t.Errorf("flags: got %v, want %v", flags, s.Expected.Flags)
			}
		})
	}
}

func TestCheckScenarioTypesAnswers(t *testing.T) {
	g := mustExample(t)
	data := []byte(`format: earlyid/scenario/v1
id: typing
guideline: example
title: {ro: T, uk: T, ru: T, en: T}
answers:
  recruited_via: [other, acquaintance]
  contact_details: 42
  job_offer: true
expected:
  outcome: no_indicators
`)
	s, ds := LoadScenarioBytes("s.yaml", data)
	if s == nil {
		t.Fatal(ds)
	}
	if ds := CheckScenario(s, g); len(ds) != 0 {
		t.Fatal(ds)
	}
	v := s.Answers.Values
	if strings.Join(v["recruited_via"].List, ",") != "acquaintance,other" || v["contact_details"].Str != "42" || v["job_offer"].Str != "yes" {
		t.Errorf("answers not typed: %v", v)
	}
	if s.AnswerPos["job_offer"] != (Pos{Line: 8, Col: 14}) || s.Expected.OutcomePos != (Pos{Line: 10, Col: 12}) {
		t.Errorf("positions: %v, %v", s.AnswerPos["job_offer"], s.Expected.OutcomePos)
	}
}

// TestTooLongNoteIsAnErrorWhereItIs: a note longer than MaxText, plain or translated, is a
// finding at its value's line and column, as a too long text answer is.
func TestTooLongNoteIsAnErrorWhereItIs(t *testing.T) {
	g, _ := Open("example")
	long := strings.Repeat("я", MaxText+1)
	for _, data := range []string{
		"answers:\n  age: 30\nnotes:\n  age: " + long + "\n",
		"answers:\n  age: 30\nnotes:\n  age:\n    en: short\n    ro: " + long + "\n",
	} {
		_, _, ds := ParseAnswers("a.yaml", []byte(data), g)
		if len(ds) != 1 || ds[0].Code != "text_too_long" || ds[0].Pos.Line != strings.Count(data[:strings.Index(data, long)], "\n")+1 {
			t.Errorf("findings %v; want one text_too_long on the line of the long note", ds)
		}
	}
}
