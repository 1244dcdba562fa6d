package training

import (
	"fmt"
	"io"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/locales"
)

// AnswerKeyFormats lists the formats an answer key is written in.
var AnswerKeyFormats = []string{FormatText, FormatMarkdown, FormatHTML, FormatPDF}

// AnswerKey is the trainer's key to a scenario, in one language: what the scenario
// teaches, the outcome its answers give, each dimension, the indicators and flags with the
// answers behind them, the referrals with why, and the author's working by hand.
type AnswerKey struct {
	Case *Case
	Lang string // the key's language (texts and labels)
	// Result scores the scenario's answers: the key shows what the guideline gives, the
	// same as a debrief compares with.
	Result *indicators.Assessment
}

// NewAnswerKey scores c's answers for its key in lang (one of the guideline's languages;
// another falls back to the guideline's first).
func NewAnswerKey(c *Case, lang string) (*AnswerKey, error) {
	a, err := indicators.Score(c.Guideline, c.Scenario.Answers)
	if err != nil {
		return nil, fmt.Errorf("the answer key of the scenario %s could not be made: %w", c.Scenario.ID, err)
	}
	return &AnswerKey{Case: c, Lang: c.Guideline.ContentLang(lang), Result: a}, nil
}

// Render writes the key in format: text, md, html or pdf.
func (k *AnswerKey) Render(w io.Writer, format string) error {
	doc := k.document()
	if format == FormatPDF {
		return doc.writePDF(w)
	}
	return doc.render(w, format)
}

func (k *AnswerKey) document() *document {
	g, sc, a := k.Case.Guideline, k.Case.Scenario, k.Result
	t := debriefText{g: g, l: locales.New(k.Lang), lang: k.Lang}
	doc := &document{
		Lang:   k.Lang,
		Title:  t.T("train.key.title", map[string]any{"Title": txt(sc.Title, k.Lang)}),
		Banner: t.T("common.training_banner", nil),
	}
	doc.p(t.T("train.key.for", nil))
	doc.p(t.T("train.briefing.scenario", map[string]any{"ID": sc.ID, "Guideline": g.ID, "Version": g.Version}))
	if lesson := sc.Lesson.Plain(k.Lang); strings.TrimSpace(lesson) != "" {
		doc.h(2, t.T("train.briefing.lesson", nil))
		for _, para := range paragraphs(lesson) {
			doc.p(para)
		}
	}

	doc.h(2, t.T("train.key.outcome", nil))
	doc.p(t.outcome(a.Outcome))
	if a.Profile != "" {
		doc.p(t.T("train.key.profile", map[string]any{"Profile": t.profile(a.Profile)}))
	}

	doc.h(2, t.T("score.dimensions", nil))
	dims := &table{Head: []string{t.T("train.why.col_dimension", nil), t.T("train.key.col_counts", nil)}}
	for _, d := range a.Dimensions {
		key := "train.why.dim_negative"
		if d.Positive {
			key = "train.why.dim_positive"
		}
		dims.Rows = append(dims.Rows, []string{txt(d.Dimension.Text, k.Lang), t.T(key, map[string]any{"Strong": d.Strong, "Medium": d.Medium, "Weak": d.Weak})})
	}
	doc.table(dims)

	answer := func(q *guidelines.Question) string {
		v, ok := sc.Answers.Values[q.ID]
		if !ok || !a.Applies[q.Index] {
			return t.T("train.debrief.ev.trainee", map[string]any{"Question": t.question(q), "Trainee": t.T("train.debrief.not_in_scenario", nil)})
		}
		return t.T("train.key.answer", map[string]any{"Question": t.question(q), "Answer": t.value(q, v)})
	}

	doc.h(2, t.T("train.debrief.indicators", nil))
	var inds []item
	for _, in := range a.Indicators {
		it := item{Mark: t.T("score.strength."+string(in.Strength), nil), Text: txt(in.Indicator.Text, k.Lang)}
		for _, ev := range in.Evidence {
			if ev.Answered {
				it.Sub = append(it.Sub, answer(ev.Question))
			}
		}
		inds = append(inds, it)
	}
	doc.listOr(t.T("score.indicators.none", nil), inds)

	doc.h(2, t.T("train.debrief.flags", nil))
	var flags []item
	for _, f := range a.Flags {
		it := item{Mark: t.T("score.urgency."+string(f.Flag.Urgency), nil), Text: txt(f.Flag.Text, k.Lang)}
		if f.Flag.When != nil {
			for _, q := range evidenceQuestions(g, f.Flag.When.Names) {
				if _, ok := sc.Answers.Values[q.ID]; ok && a.Applies[q.Index] {
					it.Sub = append(it.Sub, answer(q))
				}
			}
		}
		flags = append(flags, it)
	}
	doc.listOr(t.T("train.debrief.none", nil), flags)

	doc.h(2, t.T("score.referrals", nil))
	var refs []item
	for _, r := range a.Referrals {
		var by []string
		for _, f := range a.Flags {
			for _, id := range f.Flag.Refer {
				if id == r.ID {
					by = append(by, txt(f.Flag.Text, k.Lang))
				}
			}
		}
		it := item{Text: txt(r.Name, k.Lang)}
		for _, f := range by {
			it.Sub = append(it.Sub, t.T("train.key.referred_by_flag", map[string]any{"Flag": f}))
		}
		if r.When != nil && len(by) == 0 {
			it.Sub = append(it.Sub, t.T("train.key.referred_by_rule", nil))
		}
		refs = append(refs, it)
	}
	doc.listOr(t.T("score.referrals.none", nil), refs)

	if reasoning := sc.Reasoning(k.Lang); strings.TrimSpace(reasoning) != "" {
		doc.h(2, t.T("train.key.reasoning", nil))
		doc.pre(reasoning)
	}
	return doc
}
