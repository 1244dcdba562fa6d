package validate

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// exampleScenario is the adult-documents scenario of the example guideline with its
// expected block replaced by expected and its answers edited by edit.
func exampleScenario(t *testing.T, expected string, edit func(string) string) (string, *guidelines.Scenario, *guidelines.Guideline) {
	t.Helper()
	data, err := os.ReadFile("../scenarios/example-adult-documents.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	src = src[:strings.Index(src, "expected:")] + expected
	if edit != nil {
		src = edit(src)
	}
	g, ok := guidelines.OpenEmbedded("example")
	if !ok {
		t.Fatal("no built-in example guideline")
	}
	s, ds := guidelines.LoadScenarioBytes("case.yaml", []byte(src))
	if s == nil {
		t.Fatalf("the scenario does not load:\n%v", ds)
	}
	if ds := guidelines.CheckScenario(s, g); ds.HasErrors() {
		t.Fatalf("the scenario does not check:\n%v", ds)
	}
	return src, s, g
}

// at is the 1-based line and column of the first occurrence of sub in src.
func at(src, sub string) guidelines.Pos {
	i := strings.Index(src, sub)
	if i < 0 {
		return guidelines.Pos{}
	}
	before := src[:i]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:]) + 1
	return guidelines.Pos{Line: line, Col: col}
}

const rightExpected = `expected:
  outcome: presumed_victim
  indicators: [deceived_about_job, deceived_about_wages, excessive_hours, underpaid, documents_withheld, not_free_to_leave]
  flags: [recruited_online]
  referrals: [support_service]
  dimensions: [deceptive_recruitment, exploitative_conditions, coercion_at_destination]
`

func TestScenarioThatReachesItsExpectedResultHasNoFinding(t *testing.T) {
	_, s, g := exampleScenario(t, rightExpected, nil)
	if ds := Scenario(s, g); len(ds) > 0 {
		t.Errorf("a scenario that reaches its expected result has findings:\n%v", ds)
	}
}

// TestScenarioDifferences: every difference between what the answers give and what the
// expected block says is one finding, at the entry that is wrong, or at the list that
// lacks an id.
func TestScenarioDifferences(t *testing.T) {
	type want struct {
		code, id, at string // at: the text the finding points at
		sev          guidelines.Severity
	}
	cases := []struct {
		name, from, to string
		edit           func(string) string
		want           []want
	}{
		{name: "wrong outcome", from: "outcome: presumed_victim", to: "outcome: further_assessment",
			want: []want{{code: "scenario_outcome", at: "further_assessment"}}},
		{name: "indicator not listed", from: "underpaid, ", to: "",
			want: []want{{code: "scenario_not_listed", id: "underpaid", at: "indicators:"}}},
		{name: "indicator listed but absent", from: "not_free_to_leave]", to: "not_free_to_leave, threatened]",
			want: []want{{code: "scenario_not_reached", id: "threatened", at: "threatened]"}}},
		{name: "flag not listed", from: "flags: [recruited_online]", to: "flags: []",
			want: []want{{code: "scenario_not_listed", id: "recruited_online", at: "flags:"}}},
		{name: "flags left out", from: "  flags: [recruited_online]\n", to: "",
			want: []want{{code: "scenario_not_listed", id: "recruited_online", at: "outcome:"}}},
		{name: "referral listed but not made", from: "referrals: [support_service]", to: "referrals: [support_service, medical_help]",
			want: []want{{code: "scenario_not_reached", id: "medical_help", at: "medical_help"}}},
		{name: "referral not listed", from: "referrals: [support_service]", to: "referrals: []",
			want: []want{{code: "scenario_not_listed", id: "support_service", at: "referrals:"}}},
		{name: "referrals left out are not checked", from: "  referrals: [support_service]\n", to: ""},
		{name: "dimension not positive", from: "dimensions: [", to: "dimensions: [coercive_recruitment, ",
			want: []want{{code: "scenario_not_reached", id: "coercive_recruitment", at: "coercive_recruitment"}}},
		{name: "question on the path unanswered", from: "", to: "",
			edit: func(s string) string { return strings.Replace(s, "  debt: no\n", "", 1) },
			want: []want{{code: "scenario_unanswered", id: "debt (4.8)", at: "safe_to_talk", sev: guidelines.SevWarning}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, s, g := exampleScenario(t, strings.Replace(rightExpected, c.from, c.to, 1), c.edit)
			ds := Scenario(s, g)
			if len(ds) != len(c.want) {
				t.Fatalf("got %d findings, want %d:\n%v", len(ds), len(c.want), ds)
			}
			for i, w := range c.want {
				d := ds[i]
				sev := w.sev
				if sev == "" {
					sev = guidelines.SevError
				}
				if d.Code != w.code || d.Severity != sev {
					t.Errorf("got %s %s, want %s %s", d.Severity, d.Code, sev, w.code)
				}
				if p := at(src, w.at); d.Pos != p {
					t.Errorf("%s at %d:%d, want %d:%d (at %q)", d.Code, d.Pos.Line, d.Pos.Col, p.Line, p.Col, w.at)
				}
				msg := d.Message(locales.New("en"))
				if w.id != "" && !strings.Contains(msg, w.id) {
					t.Errorf("the message does not name %q: %s", w.id, msg)
				}
			}
		})
	}
}

// TestBuiltInScenariosReachTheirExpectedResults: every shipped scenario, scored, gives
// exactly what it states, and answers every question on its own path: a role-player is
// never asked something the card does not answer.
func TestBuiltInScenariosReachTheirExpectedResults(t *testing.T) {
	ss, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatalf("built-in scenarios do not load: %v", err)
	}
	for _, s := range ss {
		g, ok := guidelines.OpenEmbedded(s.Guideline)
		if !ok {
			t.Errorf("%s: no built-in guideline %s", s.File, s.Guideline)
			continue
		}
		for _, d := range Scenario(s, g) {
			t.Error(d.Error())
		}
	}
}

func TestCodesHaveMessages(t *testing.T) {
	for _, lang := range locales.Languages {
		l := locales.New(lang)
		for _, c := range Codes {
			if msg := l.T("diag."+c, nil); msg == "" || msg == "diag."+c {
				t.Errorf("%s: no message diag.%s", lang, c)
			}
		}
	}
}

// TestExpectedIDsTheGuidelineLacks: a referral or dimension in expected that the guideline
// does not have is an error at the id, with a "did you mean".
func TestExpectedIDsTheGuidelineLacks(t *testing.T) {
	data, err := os.ReadFile("../scenarios/example-adult-documents.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	src = src[:strings.Index(src, "expected:")] + strings.NewReplacer("[support_service]", "[suport_service]", "[deceptive_recruitment,", "[deceptive_recruitmnt,").Replace(rightExpected)
	s, ds := guidelines.LoadScenarioBytes("case.yaml", []byte(src))
	if s == nil {
		t.Fatalf("does not load:\n%v", ds)
	}
	g, _ := guidelines.OpenEmbedded("example")
	ds = guidelines.CheckScenario(s, g)
	want := map[string]string{"unknown_referral": "suport_service", "unknown_dimension": "deceptive_recruitmnt"}
	if len(ds) != len(want) {
		t.Fatalf("got %v, want %d findings", ds, len(want))
	}
	for _, d := range ds {
		id := want[d.Code]
		if p := at(src, id); id == "" || d.Pos != p || d.Args["Suggestion"] == "" {
			t.Errorf("got %s, want %s for %s at %d:%d with a suggestion", d.Error(), d.Code, id, p.Line, p.Col)
		}
	}
}
