package indicators

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// The output formats of Render.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// Formats lists the output formats Render accepts, the default first.
var Formats = []string{FormatText, FormatJSON}

// Render writes a in format (FormatText or FormatJSON). Texts from the guideline are in the
// content language lang ("" means the guideline's first language); labels and yes/no
// answers come from l. Everything that came from a file or an answer is sanitized for the
// terminal.
func Render(a *Assessment, w io.Writer, format, lang string, l *locales.Localizer) error {
	switch format {
	case FormatText, "":
		return WriteText(a, w, lang, l)
	case FormatJSON:
		return WriteJSON(a, w, lang, l)
	default:
		return fmt.Errorf("cannot render the assessment: unknown format %q (use %s)", format, strings.Join(Formats, " or "))
	}
}

// Report is the JSON form of an Assessment, documented in the package doc. Its top-level
// keys are fixed: guideline, outcome, dimensions, indicators, flags, referrals.
type Report struct {
	Guideline  ReportGuideline   `json:"guideline"`
	Outcome    ReportOutcome     `json:"outcome"`
	Dimensions []ReportDimension `json:"dimensions"`
	Indicators []ReportIndicator `json:"indicators"`
	Flags      []ReportFlag      `json:"flags"`
	Referrals  []ReportReferral  `json:"referrals"`
	// Unevaluated is present only when some condition failed while it ran (see
	// Assessment.Unevaluated): the parts the result leaves out, and why.
	Unevaluated []ReportUnevaluated `json:"unevaluated,omitempty"`
}

// ReportUnevaluated is a part of the guideline whose condition could not be evaluated.
type ReportUnevaluated struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// ReportGuideline identifies the guideline (and so the rule set) that produced the result.
type ReportGuideline struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// ReportOutcome is the outcome reached.
type ReportOutcome struct {
	ID    string `json:"id"`
	Level string `json:"level"`
	Text  string `json:"text"`
}

// ReportDimension is one dimension with its counts of present indicators.
type ReportDimension struct {
	ID       string `json:"id"`
	Stage    string `json:"stage"`
	Positive bool   `json:"positive"`
	Strong   int    `json:"strong"`
	Medium   int    `json:"medium"`
	Weak     int    `json:"weak"`
}

// ReportIndicator is one present indicator with its strength for the person's profile.
type ReportIndicator struct {
	ID        string           `json:"id"`
	Dimension string           `json:"dimension"`
	Strength  string           `json:"strength"`
	Text      string           `json:"text"`
	Evidence  []ReportEvidence `json:"evidence"`
}

// ReportEvidence is one question behind an indicator. Answer is the raw answer as an answers
// file writes it (a string, a list of choice ids, a number, "unknown" or "declined"), or
// null when the question was not answered; AnswerText is its reading in the content
// language.
type ReportEvidence struct {
	Question   string `json:"question"`
	Answer     any    `json:"answer"`
	AnswerText string `json:"answer_text"`
	Note       string `json:"note"`
}

// ReportFlag is one raised flag.
type ReportFlag struct {
	ID      string `json:"id"`
	Urgency string `json:"urgency"`
	Text    string `json:"text"`
}

// ReportReferral is one recommended referral. Contact is the contact text as the guideline
// gives it ("" or "TO BE FILLED…" when the deploying organisation has not filled it in).
type ReportReferral struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Contact string `json:"contact"`
}

// text returns t in lang (falling back to the guideline's languages), sanitized.
func text(g *guidelines.Guideline, t guidelines.Text, lang string) string {
	return textsafe.Text(t.Plain(lang, g.Languages...))
}

// NewReport builds the JSON form of a. Lists are never null, so consumers can iterate them
// without a check.
func NewReport(a *Assessment, lang string, l *locales.Localizer) Report {
	g := a.Guideline
	lang = g.ContentLang(lang)
	r := Report{
		Guideline:  ReportGuideline{ID: g.ID, Version: textsafe.Text(g.Version)},
		Dimensions: make([]ReportDimension, 0, len(a.Dimensions)),
		Indicators: make([]ReportIndicator, 0, len(a.Indicators)),
		Flags:      make([]ReportFlag, 0, len(a.Flags)),
		Referrals:  make([]ReportReferral, 0, len(a.Referrals)),
	}
	if o := a.Outcome; o != nil {
		r.Outcome = ReportOutcome{ID: o.ID, Level: string(o.Level), Text: text(g, o.Text, lang)}
	}
	for _, d := range a.Dimensions {
		r.Dimensions = append(r.Dimensions, ReportDimension{
			ID: d.Dimension.ID, Stage: string(d.Dimension.Stage), Positive: d.Positive,
			Strong: d.Strong, Medium: d.Medium, Weak: d.Weak,
		})
	}
	for _, in := range a.Indicators {
		ri := ReportIndicator{
			ID:        in.Indicator.ID,
			Dimension: in.Indicator.Dimension,
			Strength:  string(in.Strength),
			Text:      text(g, in.Indicator.Text, lang),
			Evidence:  make([]ReportEvidence, 0, len(in.Evidence)),
		}
		for _, e := range in.Evidence {
			re := ReportEvidence{Question: e.Question.ID, Note: textsafe.Text(e.Note)}
			if e.Answered {
				re.Answer = RawAnswer(e.Question, e.Answer)
				re.AnswerText = answerText(g, e.Question, e.Answer, lang, l)
			}
			ri.Evidence = append(ri.Evidence, re)
		}
		r.Indicators = append(r.Indicators, ri)
	}
	for _, f := range a.Flags {
		r.Flags = append(r.Flags, ReportFlag{ID: f.Flag.ID, Urgency: string(f.Flag.Urgency), Text: text(g, f.Flag.Text, lang)})
	}
	for _, ref := range a.Referrals {
		r.Referrals = append(r.Referrals, ReportReferral{ID: ref.ID, Name: text(g, ref.Name, lang), Contact: textsafe.Text(ref.Contact)})
	}
	for _, u := range a.Unevaluated {
		r.Unevaluated = append(r.Unevaluated, ReportUnevaluated{Kind: u.Kind, ID: u.ID, Reason: textsafe.Text(u.Reason(l))})
	}
	return r
}

// WriteJSON writes a as one indented JSON object (see Report), followed by a newline.
func WriteJSON(a *Assessment, w io.Writer, lang string, l *locales.Localizer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewReport(a, lang, l)); err != nil {
		return fmt.Errorf("cannot write the assessment as JSON: %w", err)
	}
	return nil
}

// RawAnswer is v as an answers file writes it — the special word, a list for multi, a number
// for number, else the string — made safe for a terminal. JSON outputs use it.
func RawAnswer(q *guidelines.Question, v guidelines.Value) any {
	switch {
	case v.IsSpecial():
		return v.Special
	case q.Type == guidelines.TypeMulti:
		list := make([]string, len(v.List))
		for i, s := range v.List {
			list[i] = textsafe.Text(s)
		}
		return list
	case q.Type == guidelines.TypeNumber:
		return v.Num
	default:
		return textsafe.Text(v.Str)
	}
}

// answerText is v as a reader sees it in lang: choice texts, localized yes/no and the two
// special answers, numbers and texts as given.
func answerText(g *guidelines.Guideline, q *guidelines.Question, v guidelines.Value, lang string, l *locales.Localizer) string {
	if q.Type == guidelines.TypeChoice || q.Type == guidelines.TypeMulti {
		// Choice texts in the content language, with the guideline's fallbacks.
		if !v.IsSpecial() {
			if q.Type == guidelines.TypeChoice {
				if c := q.Choice(v.Str); c != nil {
					return text(g, c.Text, lang)
				}
				return textsafe.Text(v.Str)
			}
			parts := make([]string, 0, len(v.List))
			for _, id := range v.List {
				if c := q.Choice(id); c != nil {
					parts = append(parts, text(g, c.Text, lang))
				} else {
					parts = append(parts, textsafe.Text(id))
				}
			}
			return strings.Join(parts, "; ")
		}
	}
	return textsafe.Text(q.ValueText(v, lang,
		l.T("score.answer.yes", nil), l.T("score.answer.no", nil),
		l.T("score.answer.unknown", nil), l.T("score.answer.declined", nil)))
}

// WriteText writes a as a compact report for a terminal: urgent flags first, then the
// outcome, the dimensions with their counts, the indicators with their evidence, the
// contextual risk factors, the referrals, and which questions were answered "don't know",
// declined, or ignored because they do not apply.
func WriteText(a *Assessment, w io.Writer, lang string, l *locales.Localizer) error {
	g := a.Guideline
	lang = g.ContentLang(lang)
	var b strings.Builder
	line := func(indent int, s string) {
		b.WriteString(strings.Repeat("  ", indent))
		b.WriteString(s)
		b.WriteByte('\n')
	}
	t := func(x guidelines.Text) string { return textsafe.Line(x.Plain(lang, g.Languages...)) }

	line(0, l.T("score.title", map[string]any{"Title": t(g.Title), "ID": g.ID, "Version": textsafe.Line(g.Version)}))
	line(0, l.T("score.disclaimer", nil))

	// Urgent matters come before anything else: an interviewer may act on them at once.
	urgent := false
	for _, f := range a.Flags {
		if f.Flag.Urgency == guidelines.Context {
			continue
		}
		if !urgent {
			b.WriteByte('\n')
			urgent = true
		}
		line(0, l.T("score.urgency."+string(f.Flag.Urgency), nil)+": "+t(f.Flag.Text))
	}

	// A part that could not be evaluated may hide an urgent matter: it is said as early.
	if len(a.Unevaluated) > 0 {
		b.WriteByte('\n')
		line(0, l.T("score.unevaluated", nil))
		for _, u := range a.Unevaluated {
			line(1, "- "+u.Kind+" “"+u.ID+"”: "+textsafe.Line(u.Reason(l)))
		}
	}

	b.WriteByte('\n')
	if o := a.Outcome; o != nil {
		line(0, l.T("score.outcome", map[string]any{"Text": t(o.Text), "Level": l.T("score.level."+string(o.Level), nil)}))
	}
	if p := profile(g, a.Profile); p != nil {
		line(0, l.T("score.profile", map[string]any{"Profile": t(p.Text)}))
	}
	line(0, l.T("score.totals", counts(a.Strong, a.Medium, a.Weak)))

	if len(a.Dimensions) > 0 {
		b.WriteByte('\n')
		line(0, l.T("score.dimensions", nil))
		for _, d := range a.Dimensions {
			mark, state := "-", l.T("score.dimension.negative", nil)
			if d.Positive {
				mark, state = "+", l.T("score.dimension.positive", nil)
			}
			line(1, fmt.Sprintf("%s %s (%s): %s; %s", mark, t(d.Dimension.Text),
				l.T("score.stage."+string(d.Dimension.Stage), nil), state,
				l.T("score.counts", counts(d.Strong, d.Medium, d.Weak))))
		}
	}

	b.WriteByte('\n')
	if len(a.Indicators) == 0 {
		line(0, l.T("score.indicators.none", nil))
	} else {
		line(0, l.T("score.indicators", nil))
		for _, in := range a.Indicators {
			dim := in.Indicator.Dimension
			if d := g.Dimension(dim); d != nil {
				dim = t(d.Text)
			}
			line(1, fmt.Sprintf("* %s [%s; %s]", t(in.Indicator.Text), l.T("score.strength."+string(in.Strength), nil), dim))
			for _, e := range in.Evidence {
				ans := l.T("score.evidence.not_answered", nil)
				if e.Answered {
					ans = textsafe.Line(answerText(g, e.Question, e.Answer, lang, l))
				}
				line(3, t(e.Question.Text)+" — "+ans)
				if e.Note != "" {
					id := "score.evidence.note"
					if e.NoteBy == guidelines.NoteByPerson {
						id = "score.evidence.note_person"
					}
					line(4, l.T(id, map[string]any{"Note": textsafe.Line(e.Note)}))
				}
			}
		}
	}

	context := false
	for _, f := range a.Flags {
		if f.Flag.Urgency != guidelines.Context {
			continue
		}
		if !context {
			b.WriteByte('\n')
			line(0, l.T("score.context", nil))
			context = true
		}
		line(1, "* "+t(f.Flag.Text))
	}

	b.WriteByte('\n')
	if len(a.Referrals) == 0 {
		line(0, l.T("score.referrals.none", nil))
	} else {
		line(0, l.T("score.referrals", nil))
		for _, r := range a.Referrals {
			contact := textsafe.Line(r.Contact)
			if r.ContactPending {
				contact = l.T("score.contact.pending", nil)
			}
			line(1, "* "+t(r.Name)+" — "+contact)
		}
	}

	// The questions answered "don't know" or declined, and the answers not counted: each as
	// "id · question", so that a reader sees what was asked and an author finds it.
	for _, part := range []struct {
		id  string
		ids []string
	}{{"score.unknown", a.Unknown}, {"score.declined", a.Declined}, {"score.ignored", a.Ignored}} {
		if len(part.ids) == 0 {
			continue
		}
		b.WriteByte('\n')
		line(0, l.T(part.id, nil))
		for _, id := range part.ids {
			if q := g.Question(id); q != nil {
				line(1, "- "+id+" · "+t(q.Text))
			} else {
				line(1, "- "+id)
			}
		}
	}

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("cannot write the assessment: %w", err)
	}
	return nil
}

// Reason says why u could not be evaluated, in l's language when the failure is a
// condition of the file (with its file:line:col).
func (u Unevaluated) Reason(l *locales.Localizer) string {
	var re *guidelines.RuntimeError
	if errors.As(u.Err, &re) {
		return re.Message(l)
	}
	return u.Err.Error()
}

func counts(strong, medium, weak int) map[string]any {
	return map[string]any{"Strong": strong, "Medium": medium, "Weak": weak}
}

// profile returns the profile with id, or nil (no profiles, or none matched).
func profile(g *guidelines.Guideline, id string) *guidelines.Profile {
	i := slices.IndexFunc(g.Profiles, func(p *guidelines.Profile) bool { return p.ID == id })
	if i < 0 {
		return nil
	}
	return g.Profiles[i]
}
