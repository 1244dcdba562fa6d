package guidelines

import (
	"encoding/json"
	"strings"
	"testing"
)

// The peer comparison is only fair when SurveyJS gets the same form and the same answers:
// every question on its section's page, in order, with a condition exactly where earlyid
// has one, every indicator as a calculated value, and answers that earlyid accepts whole.
func TestSyntheticSurveyJSIsTheSameForm(t *testing.T) {
	const n = 130
	g, ds := LoadBytes("synthetic.yaml", Synthetic(n, n/2))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the synthetic guideline does not load: %v", ds)
	}
	data, err := SyntheticSurveyJS(n, n/2)
	if err != nil {
		t.Fatal(err)
	}
	var form struct {
		Pages []struct {
			Name      string
			VisibleIf string
			Elements  []struct{ Name, Type, VisibleIf string }
		}
		CalculatedValues []struct{ Name, Expression string }
	}
	if err := json.Unmarshal(data, &form); err != nil {
		t.Fatalf("the SurveyJS form is not JSON: %v", err)
	}
	if len(form.Pages) != len(g.Sections) {
		t.Fatalf("%d pages for %d sections", len(form.Pages), len(g.Sections))
	}
	conditions := 0
	for i, s := range g.Sections {
		p := form.Pages[i]
		if p.Name != s.ID || (p.VisibleIf != "") != (s.When != nil) || len(p.Elements) != len(s.Questions) {
			t.Fatalf("page %d (%s, visibleIf %q, %d questions) is not section %s", i, p.Name, p.VisibleIf, len(p.Elements), s.ID)
		}
		for j, q := range s.Questions {
			e := p.Elements[j]
			if e.Name != q.ID || (e.VisibleIf != "") != (q.When != nil) {
				t.Errorf("element %s (visibleIf %q) is not question %s (when %v)", e.Name, e.VisibleIf, q.ID, q.When)
			}
			if q.When == nil {
				continue
			}
			conditions++
			for _, name := range q.When.Names {
				if !strings.Contains(e.VisibleIf, "{"+name+"}") {
					t.Errorf("%s: SurveyJS's condition %q does not read %s, as earlyid's %q does", q.ID, e.VisibleIf, name, q.When.Src)
				}
			}
		}
	}
	if conditions == 0 {
		t.Error("no question has a condition: the comparison would time no visibility")
	}
	if len(form.CalculatedValues) != len(g.Indicators) {
		t.Errorf("%d calculated values for %d indicators", len(form.CalculatedValues), len(g.Indicators))
	}
	for _, c := range []struct{ earlyid, surveyJS string }{
		{`q0 == "yes"`, `{q0} = 'yes'`},
		{`q7 != "c2"`, `{q7} != 'c2'`},
		{`"c1" in q2`, `{q2} contains 'c1'`},
		{`(q4 ?? 0) > 3`, `{q4} > 3`},
		{`q3 != ""`, `{q3} notempty`},
	} {
		if got := surveyJSExpr(c.earlyid); got != c.surveyJS {
			t.Errorf("%s became %s in SurveyJS, want %s", c.earlyid, got, c.surveyJS)
		}
	}

	yamlFile, jsonData := SyntheticAnswers(n)
	answers, _, ads := ParseAnswers("answers.yaml", yamlFile, g)
	if ads.HasErrors() || len(answers.Values) != n {
		t.Fatalf("earlyid takes %d of the %d answers: %v", len(answers.Values), n, ads)
	}
	var sjs map[string]any
	if err := json.Unmarshal(jsonData, &sjs); err != nil || len(sjs) != n {
		t.Fatalf("SurveyJS gets %d answers (%v), earlyid %d", len(sjs), err, n)
	}
}
