package summary

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestOutcomeReasonIsReadable: the Markdown, HTML and PDF give the outcome's reason in the
// summary language — the facts that made its rule hold — and never the rule's id or its
// expression; the JSON keeps the rule as the guideline writes it, beside the reason.
func TestOutcomeReasonIsReadable(t *testing.T) {
	g, s := scenarioSession(t, scenarioAdult)
	for _, tt := range []struct{ lang, label, reason string }{
		{"ro", "**Motivul:** ", "Dimensiuni pozitive: Recrutare prin abuz de poziție de vulnerabilitate; Condiții de muncă și de trai abuzive sau altă formă de exploatare; Constrângere la destinație."},
		{"uk", "**Підстава:** ", "Позитивні виміри: Вербування з використанням уразливого становища;"},
		{"ru", "**Основание:** ", "Положительные измерения: "},
		{"en", "**Why:** ", "Positive dimensions: "},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			sum := build(t, g, s, tt.lang, "")
			md := string(render(t, sum, FormatMarkdown))
			if !strings.Contains(md, tt.label+tt.reason) {
				t.Errorf("the Markdown lacks %q", tt.label+tt.reason)
			}
			for _, format := range []string{FormatMarkdown, FormatHTML} {
				out := string(render(t, sum, format))
				for _, raw := range []string{"presumed_victim", "exploitative_conditions", "&&", "&amp;&amp;"} {
					if strings.Contains(out, raw) {
						t.Errorf("%s shows the rule's %q", format, raw)
					}
				}
			}
			var doc map[string]any
			if err := json.Unmarshal(render(t, sum, FormatJSON), &doc); err != nil {
				t.Fatal(err)
			}
			o := doc["outcome"].(map[string]any)
			if !strings.Contains(o["rule"].(string), "exploitative_conditions") || !strings.Contains(o["reason"].(string), tt.reason) {
				t.Errorf("JSON outcome: rule %q, reason %q", o["rule"], o["reason"])
			}
		})
	}
	t.Run("pdf", func(t *testing.T) {
		needTool(t, "pdftotext")
		text := string(flat(pdfText(t, render(t, build(t, g, s, "ro", ""), FormatPDF))))
		if !strings.Contains(text, "Motivul:") || strings.Contains(text, "presumed_victim") {
			t.Error("the PDF does not give the reason in words, or shows the rule's id")
		}
	})
}

// reasonGuideline exercises each kind of fact: the profile, dimensions, the indicator count,
// a flag, an indicator named directly, a negation, an answer (sensitive: withheld without
// consent) and the final "true".
const reasonGuideline = `format: earlyid/guideline/v1
id: reasons
version: "1"
title: {en: Reasons}
languages: [en]
privacy:
  share_identity_when: 'share == "yes"'
profiles:
  - {id: child, when: '(age ?? 99) < 18', text: {en: "Child (under 18)"}}
  - {id: adult, when: "true", text: {en: Adult}}
sections:
  - id: main
    title: {en: Main}
    questions:
      - {id: age, type: number, text: {en: "How old are you?"}}
      - {id: share, type: yesno, text: {en: "May we share your details?"}}
      - {id: a, type: yesno, text: {en: "A?"}}
      - {id: b, type: yesno, text: {en: "B?"}}
      - {id: place, type: text, sensitive: true, text: {en: "Where do you live?"}}
dimensions:
  - {id: recruit, stage: recruitment, text: {en: Recruitment}}
  - {id: exploit, stage: exploitation, text: {en: Exploitation}}
indicators:
  - {id: ia, dimension: recruit, strength: strong, text: {en: "Indicator A"}, when: 'a == "yes"'}
  - {id: ib, dimension: exploit, strength: strong, text: {en: "Indicator B"}, when: 'b == "yes"'}
flags:
  - {id: fb, urgency: priority, text: {en: "B was said by the person. Act on it at once."}, when: 'b == "yes"'}
scoring:
  element_positive:
    - {strong: 1}
  outcomes:
    - {id: child_rule, level: high, text: {en: Child}, when: 'profile == "child" && exploit'}
    - {id: both, level: high, text: {en: Both}, when: 'recruit && exploit'}
    - {id: not_b, level: medium, text: {en: NotB}, when: 'recruit && !exploit'}
    - {id: flagged, level: medium, text: {en: Flagged}, when: 'fb || ia'}
    - {id: lives, level: low, text: {en: Lives}, when: 'place != ""'}
    - {id: nothing_found, level: low, text: {en: Nothing}, when: "true"}
`

func TestOutcomeReasonFacts(t *testing.T) {
	g, ds := guidelines.LoadBytes("reasons.yaml", []byte(reasonGuideline))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	tests := []struct {
		name    string
		answers map[string]guidelines.Value
		outcome string
		reason  string
	}{
		{"child", map[string]guidelines.Value{"age": {Num: 15}, "b": {Str: "yes"}}, "child_rule",
			"Profile: Child (under 18). Positive dimension: Exploitation."},
		{"both", map[string]guidelines.Value{"age": {Num: 30}, "a": {Str: "yes"}, "b": {Str: "yes"}}, "both",
			"Positive dimensions: Recruitment; Exploitation."},
		{"negation", map[string]guidelines.Value{"a": {Str: "yes"}}, "not_b",
			"Positive dimension: Recruitment. Further conditions of the rule are met."},
		{"answer withheld", map[string]guidelines.Value{"place": {Str: "Str. Secret 5"}}, "lives",
			"Answer: Where do you live? — withheld"},
		{"answer shared", map[string]guidelines.Value{"share": {Str: "yes"}, "place": {Str: "Str. Secret 5"}}, "lives",
			"Answer: Where do you live? — Str. Secret 5."},
		{"nothing", nil, "nothing_found", "None of the guideline's earlier outcomes applied."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := interview.NewSession(g, "MD-0000-TEST", interview.ModeReal, "en", "en", interviewed)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.answers {
				s.Answers.Values[k] = v
			}
			sum := build(t, g, s, "en", "")
			if sum.Outcome.ID != tt.outcome || !strings.HasPrefix(sum.Outcome.Reason, tt.reason) {
				t.Errorf("outcome %s, reason %q; want %s, %q", sum.Outcome.ID, sum.Outcome.Reason, tt.outcome, tt.reason)
			}
			if strings.Contains(sum.Outcome.Reason, "Secret") != strings.Contains(tt.reason, "Secret") {
				t.Errorf("the reason leaks or loses the sensitive answer: %q", sum.Outcome.Reason)
			}
		})
	}
}

// TestOutcomeReasonFlagsAndCount: a rule of alternatives gives every alternative that holds —
// the warning sign by its first sentence only, and the indicator named — and the child case
// of the default guideline gives its count of indicators and its warning signs.
func TestOutcomeReasonFlagsAndCount(t *testing.T) {
	g, ds := guidelines.LoadBytes("reasons.yaml", []byte(reasonGuideline))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	s, err := interview.NewSession(g, "MD-0000-TEST", interview.ModeReal, "en", "en", interviewed)
	if err != nil {
		t.Fatal(err)
	}
	// b alone: ib is present and exploit positive, but the adult rule needs recruit too.
	s.Answers.Values["b"] = guidelines.Value{Str: "yes"}
	sum := build(t, g, s, "en", "")
	if sum.Outcome.ID != "flagged" || sum.Outcome.Reason != "Warning sign: B was said by the person." {
		t.Errorf("outcome %s, reason %q", sum.Outcome.ID, sum.Outcome.Reason)
	}

	g, s = scenarioSession(t, scenarioChild)
	sum = build(t, g, s, "en", "")
	// The child is on the way with a family friend on a risky offer: imminent_exploitation,
	// whose rule is the two flags, each given by its first sentence.
	if !strings.HasPrefix(sum.Outcome.Reason, "Warning signs: The person is about to leave (or is on the way) on an offer with signs of control") ||
		!strings.Contains(sum.Outcome.Reason, "A child is being taken by an adult who is not a parent or guardian") {
		t.Errorf("child: reason %q", sum.Outcome.Reason)
	}
	if strings.Contains(sum.Outcome.Reason, "Give the prevention advice") || strings.Contains(sum.Outcome.Reason, "Alert the territorial guardianship authority") {
		t.Errorf("child: the reason carries a flag's advice: %q", sum.Outcome.Reason)
	}
}

// TestOutcomeReasonEveryShippedScenario: every shipped scenario's outcome gets a reason in
// every language, with no id of the guideline in it.
func TestOutcomeReasonEveryShippedScenario(t *testing.T) {
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scs {
		g, s := scenarioSession(t, sc.ID)
		for _, lang := range []string{"en", "ro", "uk", "ru"} {
			r := build(t, g, s, lang, "").Outcome.Reason
			if r == "" || strings.Contains(r, "_") || strings.Contains(r, "summary.outcome") {
				t.Errorf("%s, %s: reason %q", sc.ID, lang, r)
			}
		}
	}
}

// FuzzOutcomeReason gives the reason any expression expr can parse as an outcome's
// condition: the walk must never panic, and it must always say something.
func FuzzOutcomeReason(f *testing.F) {
	for _, s := range []string{
		`profile == "child" && exploit`, `recruit && !exploit`, `fb || ia`, `strong + medium + weak > 0`,
		`place != ""`, `true`, `false || (a == "yes" and b in ["yes"])`, `len(place) > 2 ? recruit : exploit`,
		`(age ?? 99) < 18`, `((((`, `$env.a == "yes"`, `not not recruit`, `1 / 0 > 0`,
	} {
		f.Add(s)
	}
	g, ds := guidelines.LoadBytes("reasons.yaml", []byte(reasonGuideline))
	if g == nil || ds.HasErrors() {
		f.Fatalf("the test guideline does not load: %v", ds)
	}
	s, err := interview.NewSession(g, "MD-0000-TEST", interview.ModeReal, "en", "en", interviewed)
	if err != nil {
		f.Fatal(err)
	}
	s.Answers.Values["a"] = guidelines.Value{Str: "yes"}
	s.Answers.Values["place"] = guidelines.Value{Str: "somewhere"}
	sum := build(f, g, s, "en", "")
	a := assessment(f, g, s)
	res, err := g.Resolve(g.NewEvaluator(), s.AnswersFor(g).Values)
	if err != nil {
		f.Fatal(err)
	}
	b := &builder{g: g, a: a, answers: s.AnswersFor(g), applies: res.Applies, lang: "en", l: sum.localizer()}
	f.Fuzz(func(t *testing.T, src string) {
		r := b.reason(&guidelines.Outcome{When: &guidelines.Condition{Src: src}}, res.Env)
		if r == "" {
			t.Errorf("%q: no reason", src)
		}
	})
}
