package preview_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/preview"
	"github.com/earlyid/earlyid/locales"
)

func example(t *testing.T) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.Open("example")
	if g == nil {
		t.Fatalf("the example guideline does not load:\n%v", ds)
	}
	return g
}

// TestGolden renders the example guideline in each format, alone and side by side. Read a
// changed golden file before accepting it with -update: it is what reviewers see.
func TestGolden(t *testing.T) {
	t.Parallel()
	g := example(t)
	tests := []struct {
		name   string
		langs  []string
		format string
		ui     string
	}{
		{"en.md", []string{"en"}, "md", "en"},
		{"ro-uk.md", []string{"ro", "uk"}, "md", "en"},
		{"en.html", []string{"en"}, "html", "en"},
		{"ro-uk.html", []string{"ro", "uk"}, "html", "ro"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := preview.Render(&buf, g, preview.Options{Langs: tt.langs, Format: tt.format, L: locales.New(tt.ui)})
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, buf.Bytes())
		})
	}
}

func TestConditionsInWords(t *testing.T) {
	t.Parallel()
	g := example(t)
	var buf bytes.Buffer
	if _, err := preview.Render(&buf, g, preview.Options{Langs: []string{"en"}, Format: "md"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"**Asked if:** consent_interview = Yes",                          // ==
		"job_as_promised ≠ “The work has not started yet”",               // != with a choice's text
		"recruited_via includes “From someone I know”",                   // "x" in multi
		`age (or 99 if there is no number) \< 18 or age_uncertain = Yes`, // ?? and ||; < escaped as Markdown
		"(profile = child and exploitative_conditions) or",               // precedence made explicit
		"**When:** `strong + medium + weak > 0`",                         // verbatim when not simple
		"**Applies if:** always",                                         // "true"
	} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	t.Parallel()
	src := `format: earlyid/guideline/v1
id: hostile
version: "1"
title: "<script>alert(1)</script> **bold** and *em*"
languages: [en]
sections:
  - id: main
    title: "<img src=x onerror=alert(1)>"
    questions:
      - id: q
        type: yesno
        text: "Is 1 < 2 & \"quoted\"?"
dimensions:
  - {id: d, stage: recruitment, text: "<b>dim</b>"}
indicators:
  - {id: i, dimension: d, strength: weak, text: "x", when: 'q == "yes"'}
scoring:
  element_positive: [{weak: 1}]
  outcomes:
    - {id: o, level: low, text: "</section><script>", when: "true"}
`
	g, ds := guidelines.LoadBytes("hostile.yaml", []byte(src))
	if g == nil {
		t.Fatalf("does not load:\n%v", ds)
	}
	var buf bytes.Buffer
	if _, err := preview.Render(&buf, g, preview.Options{Format: "html"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<img", "<b>dim", "onerror=alert(1)>"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in the HTML", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "<strong>bold</strong>", "<em>em</em>", "1 &lt; 2 &amp; &#34;quoted&#34;"} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in the HTML", want)
		}
	}
}

func TestRenderRejectsAMissingLanguage(t *testing.T) {
	t.Parallel()
	_, err := preview.Render(&bytes.Buffer{}, example(t), preview.Options{Langs: []string{"de"}})
	if err == nil || !strings.Contains(err.Error(), `"de"`) {
		t.Errorf("err = %v, want one naming \"de\"", err)
	}
}

// TestExclusiveChoiceMarked checks that a choice marked exclusive is shown as such, in the
// reader's language, in every format, and that the other choices are not.
func TestExclusiveChoiceMarked(t *testing.T) {
	t.Parallel()
	data, err := fs.ReadFile(guidelines.FS, "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const anchor = `en: "Another way"}` + "\n"
	if !bytes.Contains(data, []byte(anchor)) {
		t.Fatal("example.yaml no longer has recruited_via's other choice")
	}
	src := strings.Replace(string(data), anchor, anchor+"            exclusive: true\n", 1)
	g, ds := guidelines.LoadBytes("example.yaml", []byte(src))
	if g == nil {
		t.Fatalf("does not load:\n%v", ds)
	}
	tests := []struct {
		langs         []string
		format, ui    string
		marked, plain string
	}{
		{[]string{"en"}, "md", "en", "- `other` (only alone): Another way", "- `online`: On the internet"},
		{[]string{"ro", "uk"}, "md", "ro", "| `other` (doar separat) | Altfel | Інакше |", "| `online` | Pe internet"},
		{[]string{"en"}, "html", "uk", "<dt><code>other</code> (лише окремо)</dt>", "<dt><code>online</code></dt>"},
		{[]string{"ro", "uk"}, "html", "ru", `<td class="label"><code>other</code> (только отдельно)</td>`, `<td class="label"><code>online</code></td>`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if _, err := preview.Render(&buf, g, preview.Options{Langs: tt.langs, Format: tt.format, L: locales.New(tt.ui)}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, tt.marked) {
			t.Errorf("%s %v (%s): no %q", tt.format, tt.langs, tt.ui, tt.marked)
		}
		if !strings.Contains(out, tt.plain) {
			t.Errorf("%s %v (%s): no unmarked %q", tt.format, tt.langs, tt.ui, tt.plain)
		}
	}
}

// TestExtensionShown checks that the preview of a guideline that extends another says so at
// the top, with the parts it gives itself, in the reader's language; and that a guideline
// that extends nothing says nothing of the kind.
func TestExtensionShown(t *testing.T) {
	strict, ds := guidelines.Open("mixed-flows-md-strict")
	if strict == nil {
		t.Fatal(ds)
	}
	tests := []struct {
		g          *guidelines.Guideline
		format, ui string
		want       []string
	}{
		{strict, "md", "en", []string{"Extends", "`mixed-flows-md`", "id, version, title, description, source, scoring"}},
		{strict, "html", "ro", []string{"Extinde", "<code>mixed-flows-md</code>", "id, version, title, description, source, scoring"}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if _, err := preview.Render(&buf, tt.g, preview.Options{Langs: []string{"en"}, Format: tt.format, L: locales.New(tt.ui)}); err != nil {
			t.Fatal(err)
		}
		head := buf.String()
		if i := strings.Index(head, tt.want[0]); i < 0 || i > 2000 {
			t.Errorf("%s (%s): %q is not near the top", tt.format, tt.ui, tt.want[0])
		}
		for _, w := range tt.want {
			if !strings.Contains(head, w) {
				t.Errorf("%s (%s): no %q", tt.format, tt.ui, w)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := preview.Render(&buf, example(t), preview.Options{Langs: []string{"en"}, Format: "md", L: locales.New("en")}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Extends") {
		t.Error("the example, which extends nothing, is shown as extending")
	}
}

// TestMarkdownEscapesGuidelineText: a guideline text cannot become a heading, a list, a
// link, raw HTML or a table column in the Markdown preview, as in the summary export; the
// emphasis the format allows stays emphasis.
func TestMarkdownEscapesGuidelineText(t *testing.T) {
	// A copy of its own: the built-in example is shared by the tests running beside this one,
	// and this test changes a text.
	g, ds := guidelines.Load("../example.yaml")
	if g == nil {
		t.Fatalf("the example guideline does not load:\n%v", ds)
	}
	q := g.Sections[0].Questions[0]
	q.Text["en"] = "Ask **only** when *safe*: [link](http://x) <b>raw</b> a | b\n- not a list\n# not a heading"
	q.Text["ro"] = q.Text["en"]
	render := func(langs ...string) string {
		var buf bytes.Buffer
		if _, err := preview.Render(&buf, g, preview.Options{Langs: langs, Format: "md", L: locales.New("en")}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	alone := render("en")
	want := "- **Question:** Ask **only** when *safe*: \\[link\\](http://x) \\<b\\>raw\\</b\\> a \\| b\n  \\- not a list\n  \\# not a heading\n"
	if !strings.Contains(alone, want) {
		t.Errorf("one language: want\n%s\nin\n%s", want, alone)
	}
	table := render("en", "ro")
	cell := "Ask **only** when *safe*: \\[link\\](http://x) \\<b\\>raw\\</b\\> a \\| b<br>- not a list<br>\\# not a heading"
	if !strings.Contains(table, "| **Question** | "+cell+" | "+cell+" |\n") {
		t.Errorf("side by side: want the cell\n%s\nin\n%s", cell, table)
	}
}

// exampleWithGaps is the example guideline with three Ukrainian texts left out and one left
// empty, loaded as preview loads a translator's file.
func exampleWithGaps(t *testing.T) *guidelines.Guideline {
	t.Helper()
	data, err := fs.ReadFile(guidelines.FS, "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for _, line := range []string{"      uk: Дитина (до 18 років або вік не встановлено)\n", "      uk: Доросла людина\n", "      uk: Перевірка безпеки\n"} {
		if !strings.Contains(src, line) {
			t.Fatalf("the example has no line %q", line)
		}
		src = strings.Replace(src, line, "", 1)
	}
	src = strings.Replace(src, "  uk: Приклад настанови для раннього виявлення\n", "  uk: \"\"\n", 1)
	if _, ds := guidelines.LoadBytes("gaps.yaml", []byte(src)); !ds.HasErrors() {
		t.Fatal("a guideline with missing translations loads without errors")
	}
	g, ds := guidelines.LoadWithGaps("gaps.yaml", []byte(src))
	if g == nil {
		t.Fatalf("the guideline with gaps does not load:\n%v", ds)
	}
	return g
}

// TestRenderMarksEachMissingTranslation: a guideline a translator is still working on is
// rendered whole, each missing text marked in the reader's language and counted, and the
// marker is never taken for the guideline's words (it is emphasised).
func TestRenderMarksEachMissingTranslation(t *testing.T) {
	t.Parallel()
	g := exampleWithGaps(t)
	for _, tt := range []struct{ format, ui, marker string }{
		{"md", "en", "*— not yet translated —*"},
		{"html", "ru", "<em>— ещё не переведено —</em>"},
	} {
		var buf bytes.Buffer
		n, err := preview.Render(&buf, g, preview.Options{Langs: []string{"ro", "uk"}, Format: tt.format, L: locales.New(tt.ui)})
		if err != nil {
			t.Fatal(err)
		}
		if n != 4 {
			t.Errorf("%s: %d gaps counted, want 4", tt.format, n)
		}
		if got := strings.Count(buf.String(), tt.marker); got != 4 {
			t.Errorf("%s: %d markers %q, want 4", tt.format, got, tt.marker)
		}
		// The Romanian column is whole.
		if !strings.Contains(buf.String(), "Verificarea siguranței") {
			t.Errorf("%s: the Romanian title of the safety section is missing", tt.format)
		}
	}
	var buf bytes.Buffer
	if n, _ := preview.Render(&buf, g, preview.Options{Langs: []string{"ro"}, Format: "md"}); n != 0 {
		t.Errorf("a preview in Romanian alone counts %d gaps, want 0", n)
	}
}

// TestReferralShowsEveryWayItIsMade: a reader of the preview sees each way a referral is
// made — its own condition, and the flags whose refer lists it — and a referral nothing
// can make is said to be never made.
func TestReferralShowsEveryWayItIsMade(t *testing.T) {
	t.Parallel()
	data, err := fs.ReadFile(guidelines.FS, "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "    refer: [medical_help]\n", "", 1)
	g, ds := guidelines.LoadBytes("noref.yaml", []byte(src))
	if g == nil {
		t.Fatalf("does not load:\n%v", ds)
	}
	var buf bytes.Buffer
	if _, err := preview.Render(&buf, g, preview.Options{Langs: []string{"en"}, Format: "md"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	refs := out[strings.LastIndex(out, "\n## "):]
	for _, want := range []string{
		"- **When:** never: it has no condition of its own and no flag refers to it",
		"- **Or when one of these flags is raised:** `minor`",
	} {
		if !strings.Contains(refs, want) {
			t.Errorf("the referrals lack %q:\n%s", want, refs)
		}
	}
}

// TestPreviewMarksAMissingRoleSelf: a referral every person answering alone sees, with no
// text said to them, shows the reviewer an empty place marked and counted as a gap in each
// language; a referral whose contact is still to fill in (never shown to the person) does not.
func TestPreviewMarksAMissingRoleSelf(t *testing.T) {
	t.Parallel()
	data, err := fs.ReadFile(guidelines.FS, "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for _, id := range []string{"medical_help", "child_protection"} {
		i := strings.Index(src, "  - id: "+id+"\n")
		j := i + strings.Index(src[i:], "    role_self: ")
		k := j + strings.Index(src[j:], "\n") + 1
		if i < 0 || j < i {
			t.Fatalf("the example's referral %s has no role_self", id)
		}
		src = src[:j] + src[k:]
	}
	g, ds := guidelines.LoadWithGaps("norole.yaml", []byte(src))
	if g == nil {
		t.Fatalf("does not load:\n%v", ds)
	}
	var buf bytes.Buffer
	n, err := preview.Render(&buf, g, preview.Options{Langs: []string{"ro", "en"}, Format: "md", L: locales.New("en")})
	if err != nil {
		t.Fatal(err)
	}
	want := "| **What the person reads in self mode** | *— not yet translated —* | *— not yet translated —* |"
	if n != 2 || strings.Count(buf.String(), want) != 1 {
		t.Errorf("%d gaps, want 2, and one row %q:\n%s", n, want, buf.String())
	}
}
