package summary

import (
	"regexp"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// markForSummary returns the default guideline's YAML with `summary: true` added to the
// questions ids that do not have it yet, as a guideline author marks them.
func markForSummary(t *testing.T, ids ...string) *guidelines.Guideline {
	t.Helper()
	data, err := guidelines.FS.ReadFile(guidelines.DefaultID + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for _, id := range ids {
		re := regexp.MustCompile(`(?m)^( +)- id: ` + id + `\n`)
		loc := re.FindStringSubmatchIndex(src)
		if loc == nil {
			t.Fatalf("the default guideline has no question %s", id)
		}
		indent := src[loc[2]:loc[3]] + "  "
		if strings.HasPrefix(src[loc[1]:], indent+"summary: true\n") {
			continue // the shipped guideline marks it already
		}
		src = src[:loc[1]] + indent + "summary: true\n" + src[loc[1]:]
	}
	g, ds := guidelines.LoadBytes("marked.yaml", []byte(src))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the marked guideline does not load:\n%v", ds)
	}
	return g
}

// TestPersonFactsInTheHeader: the questions a guideline marks with summary: true (age,
// citizenship, documents) appear under the header of every format with their answers, also
// when no indicator rests on them; those that do not apply are left out; a sensitive one is
// withheld without consent to share.
func TestPersonFactsInTheHeader(t *testing.T) {
	t.Parallel()
	// The shipped guideline marks what a receiving service needs to know of the person
	// before reading the indicators: age and the doubt about it, citizenship, and the
	// documents.
	def, ds := guidelines.Open(guidelines.DefaultID)
	if def == nil {
		t.Fatal(ds)
	}
	var marked []string
	for _, q := range def.Questions {
		if q.Summary {
			marked = append(marked, q.ID)
		}
	}
	if got := strings.Join(marked, " "); got != "age age_uncertain citizenship docs_holder docs_can_get_back" {
		t.Errorf("the default guideline marks %q for the summary", got)
	}
	g := markForSummary(t, "age", "age_uncertain", "citizenship", "docs_holder", "docs_can_get_back", "trusted_contact")
	_, s := scenarioSession(t, scenarioChild)
	s.Guideline.Hash = g.Hash
	sum := build(t, g, s, "en", "")
	var ids []string
	for _, a := range sum.Person {
		ids = append(ids, a.Question)
	}
	// age_uncertain is asked only of those who give an adult's age: it does not apply.
	if got := strings.Join(ids, " "); got != "age citizenship docs_holder docs_can_get_back trusted_contact" {
		t.Errorf("person facts %q", got)
	}
	// The facts read by their labels, not as the questions put to the person; a fact the
	// guideline gives no label (trusted_contact, marked here by the test) keeps its question.
	md := string(render(t, sum, FormatMarkdown))
	for _, want := range []string{
		"## About the person\n\n- Age: **15**\n- Citizenship: **Ukrainian**\n- Identity documents: **",
		"- " + sum.Person[len(sum.Person)-1].Text + " — **",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "How old are you?") {
		t.Error("the Markdown prints the question put to the person where the label belongs")
	}
	if strings.Index(md, "## About the person") > strings.Index(md, "## Urgent matters") {
		t.Error("the facts about the person do not come with the header, before the urgent matters")
	}
	for _, format := range []string{FormatHTML, FormatJSON} {
		if out := string(render(t, sum, format)); !strings.Contains(out, "Citizenship") {
			t.Errorf("%s lacks the citizenship's label", format)
		}
	}
	for lang, want := range map[string]string{
		"ro": "## Date despre persoană\n\n- Vârsta: **15**\n- Cetățenia: **",
		"uk": "## Відомості про особу\n\n- Вік: **15**\n- Громадянство: **",
		"ru": "## Сведения о лице\n\n- Возраст: **15**\n- Гражданство: **",
	} {
		if md := string(render(t, build(t, g, s, lang, ""), FormatMarkdown)); !strings.Contains(md, want) {
			t.Errorf("%s: the facts do not read by their labels (%q)", lang, want)
		}
	}
	pdf := render(t, sum, FormatPDF)

	// A sensitive question marked for the summary is withheld there without consent.
	g = markForSummary(t, "citizenship", "trusted_contact")
	_, s = scenarioSession(t, scenarioAdult)
	s.Guideline.Hash = g.Hash
	s.Answers.Values["consent_share"] = guidelines.Value{Str: "no"}
	sum = build(t, g, s, "en", "")
	for _, a := range sum.Person {
		if a.Question == "trusted_contact" && (!a.Withheld || a.Answer != nil) {
			t.Errorf("a sensitive fact is shown without consent: %+v", a)
		}
	}
	if !sum.Redacted() {
		t.Error("the withheld fact does not make the summary redacted")
	}
	needTool(t, "pdftotext") // last: it skips the test without the tool
	if text := string(flat(pdfText(t, pdf))); !strings.Contains(text, "Age: 15") {
		t.Error("the PDF does not print the facts by their labels")
	}
}
