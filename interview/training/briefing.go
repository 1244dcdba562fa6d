package training

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// Briefing formats.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatPDF      = "pdf"
	FormatText     = "text"
)

// BriefingFormats lists the formats a briefing is written in.
var BriefingFormats = []string{FormatMarkdown, FormatHTML, FormatPDF, FormatText}

// Briefing is the role-player's handout for one scenario, in one language: the persona,
// the answers to give (question → answer, by section, with the scenario's notes) and what
// the interviewer may observe. Every text is already rendered and made safe for a
// terminal; the renderers escape for their format.
type Briefing struct {
	Lang             string // the briefing's language (the person's)
	ScenarioID       string
	Title            string
	Lesson           string // what the scenario teaches, for the trainer; "" when it has none
	Persona          string
	GuidelineID      string
	GuidelineVersion string
	// Sections holds the questions put to the person that the scenario answers and that
	// apply on its path, in the guideline's order.
	Sections []BriefingSection
	// Setting holds the safety check the interviewer makes before beginning, as the
	// scenario answers it: the situation the role-player sets up (who is nearby, how the
	// person is).
	Setting []BriefingAnswer
	// Checks holds what the interviewer asks or checks without it being a question of the
	// interview read to the person (the interpreter, a document, a gentle question only if
	// the story points to it), with the answer to give or show.
	Checks []BriefingAnswer
	// Observations holds what the interviewer notes by observation alone, never a question:
	// how the role-player should come across.
	Observations []BriefingAnswer

	l *locales.Localizer
}

// BriefingSection is one section of the guideline in the briefing.
type BriefingSection struct {
	Title   string
	Answers []BriefingAnswer
}

// BriefingAnswer is one question with the scenario's answer and note.
type BriefingAnswer struct {
	QuestionID string
	Question   string
	Answer     string
	Note       string
	// Later marks an answer the person gives only when asked a second time, or once alone
	// with the interviewer (the scenario's reveal_later).
	Later bool
}

// NewBriefing builds the briefing of c in lang (one of the guideline's languages; another
// falls back to the guideline's first).
func NewBriefing(c *Case, lang string) (*Briefing, error) {
	g, s := c.Guideline, c.Scenario
	lang = g.ContentLang(lang)
	l := locales.New(lang)
	res, err := g.Resolve(g.NewEvaluator(), s.Answers.Values)
	if err != nil {
		return nil, fmt.Errorf("the briefing of the scenario %s could not be made: %w", s.ID, err)
	}
	b := &Briefing{
		Lang: lang, ScenarioID: s.ID, GuidelineID: g.ID, GuidelineVersion: g.Version,
		Title:   textsafe.Line(s.Title.Plain(lang)),
		Lesson:  textsafe.Text(s.Lesson.Plain(lang)),
		Persona: textsafe.Text(s.Persona.Plain(lang)),
		l:       l,
	}
	for _, sec := range g.Sections {
		bs := BriefingSection{Title: txt(sec.Title, lang)}
		for _, q := range sec.Questions {
			v, ok := s.Answers.Values[q.ID]
			if !ok || !res.Applies[q.Index] {
				continue
			}
			a := BriefingAnswer{
				QuestionID: q.ID,
				Question:   txt(q.Text, lang),
				Answer:     valueText(q, v, lang, l),
				Note:       textsafe.Line(s.Note(q.ID, lang)),
				Later:      slices.Contains(s.RevealLater, q.ID),
			}
			// A free-text answer is said in the card's language when the scenario gives it so.
			if t := s.AnswerText(q.ID, lang); t != "" {
				a.Answer = textsafe.Line(t)
			}
			switch {
			case sec.Role == guidelines.RoleSafety:
				b.Setting = append(b.Setting, a)
			case q.Ask == guidelines.AskInterviewer && asksSomething(q):
				b.Checks = append(b.Checks, a)
			case q.Ask == guidelines.AskInterviewer:
				b.Observations = append(b.Observations, a)
			default:
				bs.Answers = append(bs.Answers, a)
			}
		}
		if len(bs.Answers) > 0 {
			b.Sections = append(b.Sections, bs)
		}
	}
	return b, nil
}

// asksSomething reports whether an interviewer's item is a question or an instruction to
// ask, not a thing to observe: its text has a question mark in some language, or tells the
// interviewer, in English, to ask.
func asksSomething(q *guidelines.Question) bool {
	for _, t := range q.Text {
		if strings.ContainsAny(t, "?？") {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(q.Text["en"]), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "ask" {
			return true
		}
	}
	return false
}

// interviewerParts returns the parts of the card about what the interviewer does, each with
// its heading and introduction, in the order of the interview.
func (b *Briefing) interviewerParts(lb briefingLabels) []briefingPart {
	var parts []briefingPart
	for _, p := range []briefingPart{
		{lb.Setting, lb.SettingIntro, b.Setting},
		{lb.Checks, lb.ChecksIntro, b.Checks},
		{lb.Observations, lb.ObservationsIntro, b.Observations},
	} {
		if len(p.Items) > 0 {
			parts = append(parts, p)
		}
	}
	return parts
}

// briefingPart is a heading of the card with its introduction and answers.
type briefingPart struct {
	Title, Intro string
	Items        []BriefingAnswer
}

// Render writes the briefing in format (md, html, pdf or text).
func (b *Briefing) Render(w io.Writer, format string) error {
	switch format {
	case FormatMarkdown:
		return b.WriteMarkdown(w)
	case FormatHTML:
		return b.WriteHTML(w)
	case FormatPDF:
		return b.WritePDF(w)
	case FormatText:
		return b.WriteText(w)
	}
	return fmt.Errorf("the briefing format %q is not one of %s", format, strings.Join(BriefingFormats, ", "))
}

// labels are the briefing's headings in its language.
type briefingLabels struct {
	Banner, Heading, ForRolePlayer, Scenario, Lesson, Persona, Answers, AnswersIntro string
	OffCard, Later                                                                   string
	Setting, SettingIntro, Checks, ChecksIntro                                       string
	Observations, ObservationsIntro, Note                                            string
}

func (b *Briefing) labels() briefingLabels {
	l := b.l
	return briefingLabels{
		Banner:            l.T("common.training_banner", nil),
		Heading:           l.T("train.briefing.title", map[string]any{"Title": b.Title}),
		ForRolePlayer:     l.T("train.briefing.for", nil),
		Scenario:          l.T("train.briefing.scenario", map[string]any{"ID": b.ScenarioID, "Guideline": b.GuidelineID, "Version": b.GuidelineVersion}),
		Lesson:            l.T("train.briefing.lesson", nil),
		Persona:           l.T("train.briefing.persona", nil),
		Answers:           l.T("train.briefing.answers", nil),
		AnswersIntro:      l.T("train.briefing.answers_intro", nil),
		OffCard:           l.T("train.briefing.off_card", nil),
		Later:             l.T("train.briefing.later", nil),
		Setting:           l.T("train.briefing.setting", nil),
		SettingIntro:      l.T("train.briefing.setting_intro", nil),
		Checks:            l.T("train.briefing.checks", nil),
		ChecksIntro:       l.T("train.briefing.checks_intro", nil),
		Observations:      l.T("train.briefing.observations", nil),
		ObservationsIntro: l.T("train.briefing.observations_intro", nil),
		Note:              l.T("train.briefing.note", nil),
	}
}

// WriteText writes the briefing for a terminal.
func (b *Briefing) WriteText(w io.Writer) error {
	lb := b.labels()
	var o bytes.Buffer
	fmt.Fprintf(&o, "*** %s ***\n\n%s\n%s\n%s\n\n", lb.Banner, lb.Heading, lb.ForRolePlayer, lb.Scenario)
	if b.Lesson != "" {
		fmt.Fprintf(&o, "== %s ==\n%s\n\n", lb.Lesson, b.Lesson)
	}
	fmt.Fprintf(&o, "== %s ==\n%s\n\n", lb.Persona, b.Persona)
	fmt.Fprintf(&o, "== %s ==\n%s\n%s\n", lb.Answers, lb.AnswersIntro, lb.OffCard)
	for _, s := range b.Sections {
		fmt.Fprintf(&o, "\n-- %s --\n", s.Title)
		for _, a := range s.Answers {
			writeTextAnswer(&o, a, lb)
		}
	}
	for _, p := range b.interviewerParts(lb) {
		fmt.Fprintf(&o, "\n== %s ==\n%s\n", p.Title, p.Intro)
		for _, a := range p.Items {
			writeTextAnswer(&o, a, lb)
		}
	}
	fmt.Fprintf(&o, "\n*** %s ***\n", lb.Banner)
	_, err := w.Write([]byte(textsafe.Text(o.String())))
	return err
}

func writeTextAnswer(o *bytes.Buffer, a BriefingAnswer, lb briefingLabels) {
	fmt.Fprintf(o, "  - %s\n    → %s\n", a.Question, a.Answer)
	if a.Later {
		fmt.Fprintf(o, "    [%s]\n", lb.Later)
	}
	if a.Note != "" {
		fmt.Fprintf(o, "    (%s: %s)\n", lb.Note, a.Note)
	}
}

// WriteMarkdown writes the briefing as Markdown; every text from a file is escaped.
func (b *Briefing) WriteMarkdown(w io.Writer) error {
	lb := b.labels()
	var o strings.Builder
	fmt.Fprintf(&o, "**%s**\n\n# %s\n\n*%s*\n\n%s\n\n", mdEscape(lb.Banner), mdEscape(lb.Heading), mdEscape(lb.ForRolePlayer), mdEscape(lb.Scenario))
	mdText := func(heading, text string) {
		fmt.Fprintf(&o, "## %s\n\n", mdEscape(heading))
		for _, para := range paragraphs(text) {
			fmt.Fprintf(&o, "%s\n\n", mdEscape(para))
		}
	}
	if b.Lesson != "" {
		mdText(lb.Lesson, b.Lesson)
	}
	mdText(lb.Persona, b.Persona)
	fmt.Fprintf(&o, "## %s\n\n%s\n\n%s\n", mdEscape(lb.Answers), mdEscape(lb.AnswersIntro), mdEscape(lb.OffCard))
	for _, s := range b.Sections {
		fmt.Fprintf(&o, "\n### %s\n\n", mdEscape(s.Title))
		for _, a := range s.Answers {
			mdAnswer(&o, a, lb)
		}
	}
	for _, p := range b.interviewerParts(lb) {
		fmt.Fprintf(&o, "\n## %s\n\n%s\n\n", mdEscape(p.Title), mdEscape(p.Intro))
		for _, a := range p.Items {
			mdAnswer(&o, a, lb)
		}
	}
	fmt.Fprintf(&o, "\n**%s**\n", mdEscape(lb.Banner))
	_, err := io.WriteString(w, o.String())
	return err
}

func mdAnswer(o *strings.Builder, a BriefingAnswer, lb briefingLabels) {
	fmt.Fprintf(o, "- %s  \n  → **%s**\n", mdEscape(a.Question), mdEscape(a.Answer))
	if a.Later {
		fmt.Fprintf(o, "  \\[%s\\]\n", mdEscape(lb.Later))
	}
	if a.Note != "" {
		fmt.Fprintf(o, "  *%s: %s*\n", mdEscape(lb.Note), mdEscape(a.Note))
	}
}

// briefingHTML is the role card: the document's frame, narrower, as it is mostly prose.
var briefingHTML = sync.OnceValue(func() *template.Template {
	return htmlTemplate("briefing", template.FuncMap{
		"answer": func(l briefingLabels, a BriefingAnswer) map[string]any { return map[string]any{"L": l, "A": a} },
	}, `{{define "answer"}}<li>{{.A.Question}}<br>→ <span class="answer">{{.A.Answer}}</span>{{if .A.Later}}<br><span class="later">[{{.L.Later}}]</span>{{end}}{{if .A.Note}}<br><span class="note">{{.L.Note}}: {{.A.Note}}</span>{{end}}</li>
{{end}}{{define "style"}}body{max-width:46rem}
.meta{color:#444;font-size:.9rem}
.answer{font-weight:bold}
.note{font-style:italic;color:#333}
.later{font-weight:bold;color:#7a3b00}
{{end}}{{define "content"}}<p><em>{{.L.ForRolePlayer}}</em></p>
<p class="meta">{{.L.Scenario}}</p>
{{if .Lesson}}<h2>{{.L.Lesson}}</h2>
{{range .Lesson}}<p>{{.}}</p>
{{end}}{{end}}<h2>{{.L.Persona}}</h2>
{{range .Persona}}<p>{{.}}</p>
{{end}}<h2>{{.L.Answers}}</h2>
<p>{{.L.AnswersIntro}}</p>
<p>{{.L.OffCard}}</p>
{{range .B.Sections}}<h3>{{.Title}}</h3>
<ul>
{{range .Answers}}{{template "answer" (answer $.L .)}}{{end}}</ul>
{{end}}{{range .Parts}}<h2>{{.Title}}</h2>
<p>{{.Intro}}</p>
<ul>
{{range .Items}}{{template "answer" (answer $.L .)}}{{end}}</ul>
{{end}}{{end}}`)
})

// WriteHTML writes the briefing as one self-contained HTML page (inline CSS, no script).
func (b *Briefing) WriteHTML(w io.Writer) error {
	lb := b.labels()
	return briefingHTML().Execute(w, map[string]any{"Lang": b.Lang, "Title": lb.Heading, "Banner": lb.Banner, "B": b, "L": lb, "Parts": b.interviewerParts(lb), "Lesson": paragraphs(b.Lesson), "Persona": paragraphs(b.Persona)})
}

// paragraphs splits a text into its non-blank lines, each a paragraph of a handout.
func paragraphs(s string) []string {
	var paras []string
	for _, p := range strings.Split(s, "\n") {
		if strings.TrimSpace(p) != "" {
			paras = append(paras, p)
		}
	}
	return paras
}
