package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestGolden renders two shipped scenarios in Romanian and Ukrainian in every format. The
// golden files were read in full and checked against each scenario's hand-worked result
// (its comment block): outcome, indicators with their evidence, flags, referrals. The PDF is
// compared through its extracted text (pdftotext -layout).
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, sc := range []struct{ name, id string }{{"adult", scenarioAdult}, {"child", scenarioChild}} {
		for _, lang := range []string{"ro", "uk"} {
			for _, format := range Formats {
				t.Run(sc.name+"."+lang+"."+format, func(t *testing.T) {
					g, s := scenarioSession(t, sc.id)
					out := render(t, build(t, g, s, lang, ""), format)
					if format == FormatPDF {
						out = pdfText(t, out, "-layout")
					}
					golden.RequireEqual(t, out)
				})
			}
		}
	}
}

// TestContentFollowsTheScenarios checks the hand-worked facts directly, so that a wrong
// golden file cannot hide them.
func TestContentFollowsTheScenarios(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	sum := build(t, g, s, "en", "")
	if sum.Outcome.ID != "presumed_victim" || sum.Outcome.Level != "high" {
		t.Errorf("outcome = %s/%s, want presumed_victim/high", sum.Outcome.ID, sum.Outcome.Level)
	}
	wantDims := "recruitment_abuse_of_vulnerability exploitative_conditions coercion_at_destination"
	if got := strings.Join(sum.Outcome.PositiveDimensions, " "); got != wantDims {
		t.Errorf("the rule rests on %q, want %q", got, wantDims)
	}
	if len(sum.Indicators) != 15 || sum.Outcome.Strong != 2 || sum.Outcome.Medium != 13 {
		t.Errorf("%d indicators (strong %d, medium %d), want 15 (2, 13)", len(sum.Indicators), sum.Outcome.Strong, sum.Outcome.Medium)
	}
	if ids := flagIDs(sum.UrgentFlags); ids != "urgent_medical basic_needs observed_signs" {
		t.Errorf("urgent flags %q", ids)
	}
	if ids := flagIDs(sum.RiskFactors); ids != "stranger_offer third_party_paid_debt" {
		t.Errorf("risk factors %q", ids)
	}
	var refs []string
	for _, r := range sum.Referrals {
		refs = append(refs, r.ID)
		if r.ContactPending != (r.Contact == "") {
			t.Errorf("referral %s: contact %q but pending %v", r.ID, r.Contact, r.ContactPending)
		}
	}
	if got := strings.Join(refs, " "); got != "emergency_112 cctp cap social_assistance legal_aid la_strada" {
		t.Errorf("referrals %q", got)
	}
	if got := answerIDs(sum.TrustedPerson); got != "trusted_person trusted_contact_ok trusted_contact" {
		t.Errorf("trusted person %q", got)
	}
	if got := answerIDs(sum.Needs); got != "needs money_next_days protection" {
		t.Errorf("needs %q", got)
	}
	if got := answerIDs(sum.Consent.Answers); got != "consent_interview consent_share consent_share_with" {
		t.Errorf("consent %q", got)
	}

	g, s = scenarioSession(t, scenarioChild)
	sum = build(t, g, s, "en", "")
	if sum.Outcome.ID != "imminent_exploitation" || sum.Outcome.Profile != "child" {
		t.Errorf("child: outcome %s, profile %s", sum.Outcome.ID, sum.Outcome.Profile)
	}
	if sum.UrgentFlags[0].ID != "child" || sum.UrgentFlags[0].Urgency != "immediate" {
		t.Errorf("the child flag must come first: %+v", sum.UrgentFlags[0])
	}
	// The scenario's "don't know" answers: the consulate (a 15-year-old cannot say) and protection.
	if sum.NotAnswered.UnknownCount != 2 || sum.NotAnswered.Unknown[0].ID != "consulate_contact" || sum.NotAnswered.Unknown[1].ID != "protection" || sum.NotAnswered.DeclinedCount != 0 {
		t.Errorf("not answered: %+v", sum.NotAnswered)
	}
}

func flagIDs(fs []Flag) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	return strings.Join(ids, " ")
}

func answerIDs(as []Answer) string {
	var ids []string
	for _, a := range as {
		ids = append(ids, a.Question)
	}
	return strings.Join(ids, " ")
}

// summarySchema compiles the embedded JSON Schema.
func summarySchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatalf("summary.schema.json is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("summary.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("summary.schema.json")
	if err != nil {
		t.Fatalf("summary.schema.json does not compile: %v", err)
	}
	return sch
}

// TestJSONValidatesAgainstSchema validates the JSON summary of every shipped scenario of
// the default guideline, in every language, with and without consent and legal basis.
func TestJSONValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	sch := summarySchema(t)
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scs {
		if !strings.HasPrefix(sc.ID, "mixed-flows-md") {
			continue
		}
		for i, lang := range []string{"en", "ro", "uk", "ru"} {
			g, s := scenarioSession(t, sc.ID)
			basis := ""
			if i%2 == 1 {
				basis = LegalBases[i%len(LegalBases)]
				s.Answers.Values["consent_share"] = guidelines.Value{Str: "no"}
			}
			if lang == "ru" {
				s.Mode, s.Place, s.Remarks = interview.ModeReal, "", "" // empty fields validate too
			}
			out := render(t, build(t, g, s, lang, basis), FormatJSON)
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("%s/%s: not JSON: %v", sc.ID, lang, err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Errorf("%s/%s: %v", sc.ID, lang, err)
			}
			n++
		}
	}
	if n < 20 {
		t.Fatalf("only %d summaries were validated", n)
	}
}

// TestSchemaRejectsWrongDocuments makes sure the schema is not a rubber stamp.
func TestSchemaRejectsWrongDocuments(t *testing.T) {
	t.Parallel()
	sch := summarySchema(t)
	g, s := scenarioSession(t, scenarioAdult)
	base := render(t, build(t, g, s, "en", ""), FormatJSON)
	for name, edit := range map[string]func(m map[string]any){
		"wrong schema": func(m map[string]any) { m["schema"] = "earlyid/summary/v2" },
		"missing key":  func(m map[string]any) { delete(m, "statement") },
		"unknown key":  func(m map[string]any) { m["name"] = "Oksana" },
		"bad level":    func(m map[string]any) { m["outcome"].(map[string]any)["level"] = "severe" },
		"bad code":     func(m map[string]any) { m["case"].(map[string]any)["code"] = "Ivan Petrenko" },
		"bad time":     func(m map[string]any) { m["generated"] = "yesterday" },
		"bad basis": func(m map[string]any) {
			m["consent"].(map[string]any)["legal_basis"] = map[string]any{"id": "curiosity", "text": "x"}
		},
		"negative count": func(m map[string]any) { m["not_answered"].(map[string]any)["declined_count"] = -1 },
	} {
		var m map[string]any
		if err := json.Unmarshal(base, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		data, _ := json.Marshal(m)
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err := sch.Validate(doc); err == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

// hostile is text a person or a file could slip in: markup, a script, terminal escapes (a
// colour, a window title, a bell), a bidi override, and Markdown that would turn into a
// heading, a link or a list item.
const hostile = "<script>alert(1)</script>\x1b[31mRED\x1b[0m\x1b]0;owned\x07 \u202Egnp.exe\n# Heading [link](http://evil) **bold** | cell |\n- item &lt;b&gt;"

// TestHostileTextIsInert puts hostile text in a note, the remarks, the place and the
// trusted contact, and checks that no format passes any of it through as markup or control
// characters.
func TestHostileTextIsInert(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	s.Answers.Notes["knows_employer"] = hostile
	s.Answers.Values["trusted_contact"] = guidelines.Value{Str: hostile}
	s.Remarks = hostile
	s.Place = hostile
	sum := build(t, g, s, "en", "")
	controls := func(t *testing.T, out string) {
		t.Helper()
		for _, bad := range []string{"\x1b", "\x07", "\u202E", "\u009b"} {
			if strings.Contains(out, bad) {
				t.Errorf("a control character %q passed through", bad)
			}
		}
	}

	t.Run("html", func(t *testing.T) {
		out := string(render(t, sum, FormatHTML))
		controls(t, out)
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Error("a <script> element passed through")
		}
		if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Error("the script text was not shown escaped")
		}
		if strings.Contains(out, "href=") || strings.Contains(out, "src=") {
			t.Error("the HTML has a link or an external resource")
		}
		if !strings.Contains(out, "default-src 'none'") {
			t.Error("the Content-Security-Policy is missing")
		}
		if strings.Contains(out, "&lt;b&gt;") && !strings.Contains(out, "&amp;lt;b&amp;gt;") {
			t.Error("an entity in the text was decoded instead of shown")
		}
	})
	t.Run("md", func(t *testing.T) {
		out := string(render(t, sum, FormatMarkdown))
		controls(t, out)
		for _, raw := range []string{"<script>", "[link](", "**bold**", "| cell |", " &lt;b"} {
			if strings.Contains(out, raw) {
				t.Errorf("%q reached the Markdown unescaped", raw)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "# Heading") || strings.HasPrefix(line, "- item") {
				t.Errorf("hostile text started a Markdown block: %q", line)
			}
		}
		if !strings.Contains(out, `\<script\>alert(1)\</script\>`) || !strings.Contains(out, `\&lt;b`) {
			t.Error("the script text is not shown, escaped")
		}
	})
	t.Run("json", func(t *testing.T) {
		out := string(render(t, sum, FormatJSON))
		controls(t, out)
		if strings.Contains(out, `\u001b`) || strings.Contains(out, `\u0007`) {
			t.Error("an escaped control character is in the JSON")
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
	})
	t.Run("pdf", func(t *testing.T) {
		text := string(pdfText(t, render(t, sum, FormatPDF)))
		controls(t, text)
		if !strings.Contains(string(flat([]byte(text))), "<script>alert(1)</script>") {
			t.Error("the hostile text is not shown as text in the PDF")
		}
	})
}

// TestRedaction checks the one privacy rule: a sensitive answer (the trusted person's
// contact) appears only with consent to share identity or a legal basis, in every format.
func TestRedaction(t *testing.T) {
	t.Parallel()
	const secret = "+373 00 000 000"
	tests := []struct {
		name    string
		consent string
		basis   string
		shown   bool
	}{
		{"consent", "yes", "", true},
		{"no consent", "no", "", false},
		{"declined consent", "declined", "", false},
		{"no consent, risk to life", "no", BasisRiskToLife, true},
		{"no consent, child protection", "no", BasisChildProtection, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, s := scenarioSession(t, scenarioAdult)
			if tt.consent == "declined" {
				s.Answers.Values["consent_share"] = guidelines.DeclinedValue
			} else {
				s.Answers.Values["consent_share"] = guidelines.Value{Str: tt.consent}
			}
			s.Answers.Notes["trusted_contact"] = "Daughter, call after 18:00"
			sum := build(t, g, s, "en", tt.basis)
			if sum.Consent.SensitiveShown != tt.shown || sum.Redacted() == tt.shown {
				t.Errorf("shown %v, redacted %v; want shown %v", sum.Consent.SensitiveShown, sum.Redacted(), tt.shown)
			}
			var contact *Answer
			for i := range sum.TrustedPerson {
				if sum.TrustedPerson[i].Question == "trusted_contact" {
					contact = &sum.TrustedPerson[i]
				}
			}
			if contact == nil {
				t.Fatal("the trusted contact is not listed at all")
			}
			if contact.Withheld == tt.shown || (contact.Answer == nil) == tt.shown {
				t.Errorf("contact: withheld %v, answer %v", contact.Withheld, contact.Answer)
			}
			if !tt.shown && (contact.Note != "" || contact.AnswerText != "withheld (no consent to share)") {
				t.Errorf("withheld contact shows %q / note %q", contact.AnswerText, contact.Note)
			}
			if (sum.Consent.LegalBasis != nil) != (tt.basis != "") {
				t.Errorf("legal basis %+v", sum.Consent.LegalBasis)
			}
			for _, format := range Formats {
				if _, err := exec.LookPath("pdftotext"); err != nil && format == FormatPDF {
					continue // checked where pdftotext is installed (CI installs it)
				}
				out := render(t, sum, format)
				switch format {
				case FormatPDF:
					out = flat(pdfText(t, out))
				case FormatHTML:
					out = []byte(html.UnescapeString(string(out))) // html/template writes + as &#43;
				}
				for _, s := range []string{secret, "call after 18:00"} {
					if got := bytes.Contains(out, []byte(s)); got != tt.shown {
						t.Errorf("%s: %q present %v, want %v", format, s, got, tt.shown)
					}
				}
				if tt.basis != "" && format != FormatJSON && !bytes.Contains(out, []byte(sum.Consent.LegalBasis.Text)) {
					t.Errorf("%s: the legal basis is not stated", format)
				}
			}
		})
	}
}

// TestNoPrivacyRuleMeansNeverShared: a guideline without privacy.share_identity_when never
// shares a sensitive answer without a legal basis. The guideline also lacks Ukrainian, so
// a Ukrainian summary takes the guideline's texts in its first language and says so.
func TestNoPrivacyRuleMeansNeverShared(t *testing.T) {
	t.Parallel()
	g, ds := guidelines.LoadBytes("tiny.yaml", []byte(tinyGuideline))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	s, err := interview.NewSession(g, "MD-0000-TEST", interview.ModeReal, "en", "en", interviewed)
	if err != nil {
		t.Fatal(err)
	}
	s.Answers.Values["ok_contact"] = guidelines.Value{Str: "yes"}
	s.Answers.Values["contact"] = guidelines.Value{Str: "Ivan 0691234"}
	sum := build(t, g, s, "uk", "")
	if !sum.ContentLangFallback || sum.ContentLang != "en" {
		t.Errorf("content language %s (fallback %v), want en (true)", sum.ContentLang, sum.ContentLangFallback)
	}
	md := string(render(t, sum, FormatMarkdown))
	if strings.Contains(md, "0691234") {
		t.Error("a sensitive answer was shared although the guideline has no privacy rule")
	}
	if !strings.Contains(md, "(українська)") || !strings.Contains(md, "(англійська)") {
		t.Error("the summary does not say its guideline texts are in another language")
	}
	if got := answerIDs(sum.TrustedPerson); got != "ok_contact contact" {
		t.Errorf("consent chain %q, want ok_contact contact", got)
	}
	sum = build(t, g, s, "uk", BasisRiskToLife)
	if !strings.Contains(string(render(t, sum, FormatMarkdown)), "0691234") {
		t.Error("a legal basis did not make the sensitive answer visible")
	}
}

const tinyGuideline = `format: earlyid/guideline/v1
id: tiny
version: "1"
title: {en: Tiny, ro: Mic}
languages: [en, ro]
sections:
  - id: main
    title: {en: Main, ro: Principal}
    questions:
      - id: ok_contact
        type: yesno
        text: {en: "May we contact someone for you?", ro: "Putem contacta pe cineva?"}
      - id: contact
        type: text
        sensitive: true
        when: 'ok_contact == "yes"'
        text: {en: "Who, and how?", ro: "Pe cine și cum?"}
dimensions:
  - {id: d, stage: recruitment, text: {en: D, ro: D}}
indicators:
  - {id: i, dimension: d, strength: weak, text: {en: I, ro: I}, when: 'ok_contact == "no"'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: nothing, level: low, text: {en: Nothing, ro: Nimic}, when: "true"}
`

func TestBuildRefusesWhatItCannotDo(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	a := assessment(t, g, s)
	if _, err := Build(g, s, a, Options{Lang: "de"}); !errors.Is(err, ErrLang) {
		t.Errorf("German: %v, want ErrLang", err)
	}
	if _, err := Build(g, s, a, Options{Lang: "en", LegalBasis: "curiosity"}); !errors.Is(err, ErrLegalBasis) {
		t.Errorf("unknown basis: %v, want ErrLegalBasis", err)
	}
	var buf bytes.Buffer
	if err := build(t, g, s, "en", "").Render(&buf, "docx"); !errors.Is(err, ErrFormat) {
		t.Errorf("docx: %v, want ErrFormat", err)
	}
}

// TestHTMLTrainingMarkingOnEveryPrintedPage: Firefox and Safari print no @page margin box,
// so a training case also carries a print-only fixed element (printed on every page by every
// browser) with the marking, hidden on screen; a real case has neither the element nor the
// marking.
func TestHTMLTrainingMarkingOnEveryPrintedPage(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ro", "uk"} {
		t.Run(lang, func(t *testing.T) {
			g, s := scenarioSession(t, scenarioAdult)
			sum := build(t, g, s, lang, "")
			out := string(render(t, sum, FormatHTML))
			banner := sum.TrainingBanner()
			if !strings.Contains(out, `<div class="training-edge" aria-hidden="true">`+banner+`</div>`) {
				t.Errorf("no fixed training marking %q in the body", banner)
			}
			screen, print, ok := strings.Cut(out, "@media print {")
			if !ok {
				t.Fatal("the HTML has no print rules")
			}
			print, _, _ = strings.Cut(print, "</style>")
			if !strings.Contains(screen, ".training-edge { display: none; }") {
				t.Error("the fixed marking is not hidden on screen")
			}
			rule := regexp.MustCompile(`\.training-edge \{[^}]*\}`).FindString(print)
			for _, want := range []string{"display: block", "position: fixed", "top: 0", "bottom: 0"} {
				if !strings.Contains(rule, want) {
					t.Errorf("the print rule of the marking lacks %q: %q", want, rule)
				}
			}
			if !strings.Contains(print, "body.training-case { padding-left: 9mm; }") || !strings.Contains(out, `<body class="training-case">`) {
				t.Error("the body keeps no gutter for the marking, so it would cover the text")
			}
		})
	}
	t.Run("real case", func(t *testing.T) {
		g, s := scenarioSession(t, scenarioAdult)
		s.Mode = interview.ModeReal
		sum := build(t, g, s, "ro", "")
		out := string(render(t, sum, FormatHTML))
		for _, never := range []string{"training-edge", "training-case", "INSTRUIRE", "@top-center"} {
			if strings.Contains(out, never) {
				t.Errorf("a real case's HTML has %q", never)
			}
		}
	})
}

// TestPDF checks what pdftotext reads back: Romanian diacritics and Cyrillic, the page
// numbers, and the training marking on every page. It renders page 1 to
// testdata/out/*.png for a person to look at.
func TestPDF(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"ro", []string{"ș", "ț", "ă", "â", "î", "Ș", "Î", "INSTRUIRE — caz fictiv", "Дочка Оксана"}},
		{"uk", []string{"ї", "є", "і", "ґ", "НАВЧАННЯ — вигаданий випадок", "Підсумок для перенаправлення"}},
		{"ru", []string{"ё", "ы", "ОБУЧЕНИЕ — вымышленный случай"}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			g, s := scenarioSession(t, scenarioAdult)
			s.Place = "Ștefan Vodă, Țarigrad, Ălbăstrița, Âmbră, Învârtita"
			s.Remarks = "Ґанок, їжак, єнот; ёж, ыы"
			pdf := render(t, build(t, g, s, tt.lang, ""), FormatPDF)
			text := string(pdfText(t, pdf))
			flatText := string(flat([]byte(text)))
			for _, w := range tt.want {
				if !strings.Contains(flatText, w) {
					t.Errorf("%q did not come through the PDF", w)
				}
			}
			pages := strings.Count(text, "\f")
			if pages < 2 {
				t.Fatalf("%d pages; the adult case needs several", pages)
			}
			banner := build(t, g, s, tt.lang, "").TrainingBanner()
			for p := 1; p <= pages; p++ {
				page := string(pdfText(t, pdf, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p)))
				if !strings.Contains(page, banner) {
					t.Errorf("page %d lacks the training marking", p)
				}
				if !strings.Contains(page, " "+strconv.Itoa(p)+" ") || !strings.Contains(page, " "+strconv.Itoa(pages)) {
					t.Errorf("page %d lacks its number %d of %d", p, p, pages)
				}
			}
			pngOfPage1(t, pdf, "adult-"+tt.lang)
		})
	}
	t.Run("real case has no marking", func(t *testing.T) {
		g, s := scenarioSession(t, scenarioAdult)
		s.Mode = interview.ModeReal
		text := string(pdfText(t, render(t, build(t, g, s, "ro", ""), FormatPDF)))
		if strings.Contains(text, "INSTRUIRE") {
			t.Error("a real case is marked as training")
		}
	})
}

// pdfText extracts the text of a PDF with pdftotext (extra arguments before the file).
func pdfText(t *testing.T, pdf []byte, args ...string) []byte {
	t.Helper()
	tool := needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "summary.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return out
}

// pngOfPage1 renders page 1 of pdf to testdata/out/<name>-page1.png (the folder is ignored
// by git) so a person can look at the layout.
func pngOfPage1(t *testing.T, pdf []byte, name string) {
	t.Helper()
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Log("pdftoppm is not installed; no PNG of page 1")
		return
	}
	dir := filepath.Join("testdata", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(src, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", src, filepath.Join(dir, name+"-page1")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

// TestDeterministic: the same session and clock give the same bytes in every format, so
// golden files and re-exports compare.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioChild)
	for _, format := range Formats {
		a := render(t, build(t, g, s, "ru", ""), format)
		b := render(t, build(t, g, s, "ru", ""), format)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", format)
		}
	}
}

// TestDates: a date reads 27.11.2026 in ro/uk/ru and 27 Nov 2026 in English, never in a
// numeric order that one of its readers would take the wrong way round.
func TestDates(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioChild)
	for lang, want := range map[string]string{"en": "27 Nov 2026", "ro": "27.11.2026", "uk": "27.11.2026", "ru": "27.11.2026"} {
		md := string(render(t, build(t, g, s, lang, ""), FormatMarkdown))
		if !strings.Contains(md, want) {
			t.Errorf("%s: no %q in the header", lang, want)
		}
	}
	_ = time.UTC
}

// flat joins a text's lines and runs of white space, so a phrase that a PDF wrapped is
// still found.
func flat(b []byte) []byte { return []byte(strings.Join(strings.Fields(string(b)), " ")) }

// TestSelfSessionCompletedByTheInterviewer: a session the person answered alone and a
// specialist then continued (resume --interviewer) says both in the header, with the date,
// in every format; the JSON carries the time and still validates.
func TestSelfSessionCompletedByTheInterviewer(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	s.Mode = interview.ModeSelf
	continued := interviewed.Add(26 * time.Hour)
	s.InterviewerContinued = &continued
	for lang, want := range map[string]string{
		"en": "answered by the person alone; continued by the interviewer on 28 Nov 2026",
		"ro": "completat de persoana însăși; continuat de intervievator la 28.11.2026",
		"uk": "особа відповідала самостійно; продовжено інтерв'юером 28.11.2026",
		"ru": "; продолжено интервьюером 28.11.2026",
	} {
		sum := build(t, g, s, lang, "")
		for _, format := range []string{FormatMarkdown, FormatHTML} {
			w := want
			if format == FormatHTML {
				w = html.EscapeString(want)
			}
			if out := string(render(t, sum, format)); !strings.Contains(out, w) {
				t.Errorf("%s %s: the header lacks %q", lang, format, w)
			}
		}
	}
	sum := build(t, g, s, "en", "")
	out := render(t, sum, FormatJSON)
	if !strings.Contains(string(out), `"interviewer_continued": "2026-11-28T11:30:00Z"`) {
		t.Errorf("the JSON lacks the completion time:\n%.600s", out)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := summarySchema(t).Validate(doc); err != nil {
		t.Errorf("the JSON does not validate: %v", err)
	}
	// A self session nobody completed says nothing of the kind.
	s.InterviewerContinued = nil
	if out := string(render(t, build(t, g, s, "en", ""), FormatMarkdown)); strings.Contains(out, "continued by the interviewer") {
		t.Error("a session the person answered alone claims an interviewer completed it")
	}
}
