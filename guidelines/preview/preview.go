// Package preview renders a guideline as a document a reviewer or translator can read: the
// questionnaire with its conditions in words, the indicators by dimension, the scoring
// rules, outcomes, flags and referrals — in one language, or two side by side.
//
// Output is Markdown or a self-contained HTML page (inline CSS, no scripts, every text
// escaped by html/template). Headings and labels are in the UI language of the Localizer;
// the guideline's own texts are in the languages asked for.
package preview

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// Formats lists the output formats Render accepts.
var Formats = []string{"md", "html"}

// Options says how to render a preview.
type Options struct {
	// Langs are the content languages: one, or several for side-by-side review. Each must
	// be one of the guideline's languages.
	Langs []string
	// Format is "md" or "html".
	Format string
	// L renders headings and labels. Nil means English.
	L *locales.Localizer
}

// Render writes g as a document in o.Format and returns the number of texts it marks as
// not yet translated: a guideline loaded with guidelines.LoadWithGaps lacks some texts in
// some languages, and each is shown as "— not yet translated —" in the reader's language,
// so a translator sees the whole document and what is left to do.
func Render(w io.Writer, g *guidelines.Guideline, o Options) (int, error) {
	if o.L == nil {
		o.L = locales.New("en")
	}
	if len(o.Langs) == 0 {
		o.Langs = g.Languages[:min(1, len(g.Languages))]
	}
	for _, lang := range o.Langs {
		if !slices.Contains(g.Languages, lang) {
			return 0, fmt.Errorf("the guideline %s has no texts in %q; its languages are %s", g.ID, lang, strings.Join(g.Languages, ", "))
		}
	}
	d := build(g, o)
	switch o.Format {
	case "md", "":
		return d.gaps, writeMarkdown(w, d)
	case "html":
		return d.gaps, writeHTML(w, d)
	}
	return 0, fmt.Errorf("unknown preview format %q; use md or html", o.Format)
}

// doc is the language-resolved content of a preview, shared by both renderers.
type doc struct {
	Lang     string   // the UI language, for <html lang>
	Langs    []string // content languages, one column each
	Title    []string
	Desc     textRow
	Meta     []fact
	Labels   labels
	Profiles []item
	Sections []section
	Dims     []dimension
	Rules    []string
	Outcomes []item
	Flags    []item
	Refs     []item

	gaps int // texts shown as not yet translated
}

// labels are the headings, already localized.
type labels struct {
	Profiles, Questionnaire, Indicators, Scoring, Outcomes, Flags, Referrals string
	ElementPositive, Language                                                string
}

type section struct {
	Head      item
	Questions []item
}

type dimension struct {
	Head       item
	Indicators []item
}

// item is one titled entry: a section, question, indicator, outcome, flag or referral.
type item struct {
	Num   string // "2.3" for questions, "2" for sections, "" otherwise
	ID    string
	Title []string // per language; the heading text (section, dimension, referral name)
	Tags  []string // type, asker, strength, level, … already localized
	Texts []textRow
	Facts []fact
}

// textRow is one translated text with its label ("Question", "Hint", a choice id).
type textRow struct {
	Label string
	Code  bool   // Label is an id, shown as code
	Note  string // shown after Label, already localized: "(only alone)" on an exclusive choice
	Cells []string
}

// fact is a label and a value that is not translated (a condition, a range, a contact).
type fact struct {
	Label string
	Value string
	Code  bool     // Value is verbatim source (an expression)
	IDs   []string // instead of Value: a list of ids, each shown as code
}

func build(g *guidelines.Guideline, o Options) *doc {
	l := o.L
	b := &builder{g: g, l: l, langs: o.Langs, untranslated: "*" + l.T("preview.untranslated", nil) + "*"}
	d := &doc{Lang: l.Lang(), Langs: o.Langs, Title: b.cells(g.Title)}
	if len(g.Description) > 0 {
		d.Desc = b.row("preview.description", g.Description)
	}
	d.Labels = labels{
		Profiles:        l.T("preview.heading.profiles", nil),
		Questionnaire:   l.T("preview.heading.questionnaire", nil),
		Indicators:      l.T("preview.heading.indicators", nil),
		Scoring:         l.T("preview.heading.scoring", nil),
		Outcomes:        l.T("preview.heading.outcomes", nil),
		Flags:           l.T("preview.heading.flags", nil),
		Referrals:       l.T("preview.heading.referrals", nil),
		ElementPositive: l.T("preview.element_positive", nil),
		Language:        l.T("preview.language", nil),
	}
	d.Meta = []fact{
		{Label: l.T("preview.id", nil), Value: g.ID, Code: true},
		{Label: l.T("preview.version", nil), Value: g.Version},
	}
	if g.Extends != "" {
		// A reviewer of a variant must know which parts it changes and which it shares.
		d.Meta = append(d.Meta,
			fact{Label: l.T("preview.extends", nil), Value: g.Extends, Code: true},
			fact{Label: l.T("preview.overrides", nil), Value: strings.Join(g.Overrides, ", ")})
	}
	d.Meta = append(d.Meta,
		fact{Label: l.T("preview.languages", nil), Value: strings.Join(g.Languages, ", ")},
		fact{Label: l.T("preview.review", nil), Value: b.review()})
	if g.Source != "" {
		d.Meta = append(d.Meta, fact{Label: l.T("preview.source", nil), Value: g.Source})
	}
	if c := g.Privacy.ShareIdentityWhen; c != nil {
		d.Meta = append(d.Meta, b.cond("preview.share_identity_when", c))
	}
	for _, p := range g.Profiles {
		it := item{ID: p.ID, Texts: []textRow{b.row("preview.text", p.Text)}}
		it.Facts = b.addCond(it.Facts, "preview.applies_if", p.When)
		d.Profiles = append(d.Profiles, it)
	}
	for si, s := range g.Sections {
		sec := section{Head: item{Num: strconv.Itoa(si + 1), ID: s.ID, Title: b.cells(s.Title)}}
		h := &sec.Head
		if s.Role != guidelines.RoleQuestions {
			h.Tags = append(h.Tags, l.T("preview.role."+string(s.Role), nil))
		}
		if len(s.Intro) > 0 {
			h.Texts = append(h.Texts, b.row("preview.intro", s.Intro))
		}
		if len(s.IntroSelf) > 0 {
			h.Texts = append(h.Texts, b.row("preview.intro_self", s.IntroSelf))
		}
		h.Facts = b.addCond(h.Facts, "preview.asked_if", s.When)
		for qi, q := range s.Questions {
			sec.Questions = append(sec.Questions, b.question(fmt.Sprintf("%d.%d", si+1, qi+1), q))
		}
		d.Sections = append(d.Sections, sec)
	}
	for _, dim := range g.Dimensions {
		dm := dimension{Head: item{ID: dim.ID, Title: b.cells(dim.Text), Tags: []string{l.T("preview.stage."+string(dim.Stage), nil)}}}
		for _, in := range g.Indicators {
			if in.Dimension == dim.ID {
				dm.Indicators = append(dm.Indicators, b.indicator(in))
			}
		}
		d.Dims = append(d.Dims, dm)
	}
	for _, c := range g.Scoring.ElementPositive {
		d.Rules = append(d.Rules, b.combination(c))
	}
	for _, oc := range g.Scoring.Outcomes {
		it := item{ID: oc.ID, Tags: []string{l.T("preview.level."+string(oc.Level), nil)}, Texts: []textRow{b.row("preview.text", oc.Text)}}
		it.Facts = b.addCond(it.Facts, "preview.when", oc.When)
		d.Outcomes = append(d.Outcomes, it)
	}
	for _, f := range g.Flags {
		it := item{ID: f.ID, Tags: []string{l.T("preview.urgency."+string(f.Urgency), nil)}, Texts: []textRow{b.row("preview.text", f.Text)}}
		it.Facts = b.addCond(it.Facts, "preview.when", f.When)
		if len(f.Refer) > 0 {
			it.Facts = append(it.Facts, fact{Label: l.T("preview.refer", nil), IDs: f.Refer})
		}
		d.Flags = append(d.Flags, it)
	}
	for _, r := range g.Referrals {
		it := item{ID: r.ID, Title: b.cells(r.Name)}
		if len(r.Role) > 0 {
			it.Texts = append(it.Texts, b.row("preview.referral_role", r.Role))
		}
		switch {
		case len(r.RoleSelf) > 0:
			it.Texts = append(it.Texts, b.row("preview.referral_role_self", r.RoleSelf))
		case r.Reachable():
			// Every person answering alone sees this contact: the text they lack is one a
			// translator must still write, marked and counted like any other.
			it.Texts = append(it.Texts, b.row("preview.referral_role_self", guidelines.Text{}))
		}
		contact := r.Contact
		if r.ContactPending {
			contact = l.T("preview.contact_pending", nil)
		}
		it.Facts = append(it.Facts, fact{Label: l.T("preview.contact", nil), Value: contact})
		it.Facts = append(it.Facts, b.referralWays(r)...)
		d.Refs = append(d.Refs, it)
	}
	d.gaps = b.gaps
	return d
}

type builder struct {
	g     *guidelines.Guideline
	l     *locales.Localizer
	langs []string
	// untranslated stands for a text the guideline lacks in a language, emphasised so
	// that it cannot pass for the guideline's own words; gaps counts them.
	untranslated string
	gaps         int
}

// cells returns t in each preview language; a language t lacks (a guideline loaded with
// its gaps) gets the untranslated marker.
func (b *builder) cells(t guidelines.Text) []string {
	out := make([]string, len(b.langs))
	for i, lang := range b.langs {
		out[i] = t[lang]
		if strings.TrimSpace(out[i]) == "" && t != nil {
			out[i] = b.untranslated
			b.gaps++
		}
	}
	return out
}

func (b *builder) row(labelID string, t guidelines.Text) textRow {
	return textRow{Label: b.l.T(labelID, nil), Cells: b.cells(t)}
}

// cond renders a condition as a fact: in words when simple, else verbatim.
func (b *builder) cond(labelID string, c *guidelines.Condition) fact {
	if s, ok := condWords(c, b.g, b.l, b.langs[0]); ok {
		return fact{Label: b.l.T(labelID, nil), Value: s}
	}
	return fact{Label: b.l.T(labelID, nil), Value: strings.TrimSpace(c.Src), Code: true}
}

// addCond appends c as a fact unless it is absent (always true).
func (b *builder) addCond(facts []fact, labelID string, c *guidelines.Condition) []fact {
	if c == nil {
		return facts
	}
	return append(facts, b.cond(labelID, c))
}

func (b *builder) review() string {
	parts := make([]string, 0, len(b.g.Languages))
	for _, lang := range b.g.Languages {
		st, ok := b.g.Review[lang]
		word := b.l.T("preview.review.unstated", nil)
		if ok {
			word = b.l.T("preview.review."+string(st), nil)
		}
		parts = append(parts, lang+": "+word)
	}
	return strings.Join(parts, " · ")
}

func (b *builder) question(num string, q *guidelines.Question) item {
	l := b.l
	it := item{Num: num, ID: q.ID, Tags: []string{l.T("preview.type."+string(q.Type), nil), l.T("preview.ask."+string(q.Ask), nil)}}
	if q.Sensitive {
		it.Tags = append(it.Tags, l.T("preview.sensitive", nil))
	}
	it.Texts = append(it.Texts, b.row("preview.question", q.Text))
	if len(q.Hint) > 0 {
		it.Texts = append(it.Texts, b.row("preview.hint", q.Hint))
	}
	for _, c := range q.Choices {
		r := textRow{Label: c.ID, Code: true, Cells: b.cells(c.Text)}
		if c.Exclusive {
			// Reviewers should see that the interview refuses it beside another choice.
			r.Note = l.T("preview.exclusive", nil)
		}
		it.Texts = append(it.Texts, r)
	}
	if q.Min != nil {
		it.Facts = append(it.Facts, fact{Label: l.T("preview.min", nil), Value: strconv.FormatFloat(*q.Min, 'f', -1, 64)})
	}
	if q.Max != nil {
		it.Facts = append(it.Facts, fact{Label: l.T("preview.max", nil), Value: strconv.FormatFloat(*q.Max, 'f', -1, 64)})
	}
	it.Facts = b.addCond(it.Facts, "preview.asked_if", q.When)
	it.Facts = b.addCond(it.Facts, "preview.pause_when", q.PauseWhen)
	return it
}

func (b *builder) indicator(in *guidelines.Indicator) item {
	l := b.l
	it := item{ID: in.ID, Tags: []string{b.strength(in)}}
	if in.Provisional {
		it.Tags = append(it.Tags, l.T("preview.provisional", nil))
	}
	it.Texts = []textRow{b.row("preview.text", in.Text)}
	it.Facts = b.addCond(it.Facts, "preview.present_when", in.When)
	if len(in.Evidence) > 0 {
		it.Facts = append(it.Facts, fact{Label: l.T("preview.evidence", nil), IDs: in.Evidence})
	}
	if in.Source != "" {
		it.Facts = append(it.Facts, fact{Label: l.T("preview.source", nil), Value: in.Source})
	}
	return it
}

// strength renders an indicator's strength: one word when every profile has the same, else
// one per profile in profile order.
func (b *builder) strength(in *guidelines.Indicator) string {
	if len(b.g.Profiles) == 0 {
		return b.l.T("preview.strength."+string(in.Strength[""]), nil)
	}
	same := len(in.Strength) == len(b.g.Profiles)
	for _, p := range b.g.Profiles {
		if in.Strength[p.ID] != in.Strength[b.g.Profiles[0].ID] {
			same = false
		}
	}
	if same {
		return b.l.T("preview.strength."+string(in.Strength[b.g.Profiles[0].ID]), nil)
	}
	parts := make([]string, 0, len(b.g.Profiles))
	for _, p := range b.g.Profiles {
		s, ok := in.Strength[p.ID]
		word := b.l.T("preview.strength.none", nil)
		if ok {
			word = b.l.T("preview.strength."+string(s), nil)
		}
		parts = append(parts, p.ID+": "+word)
	}
	return strings.Join(parts, ", ")
}

func (b *builder) combination(c guidelines.Combination) string {
	var parts []string
	for _, x := range []struct {
		s guidelines.Strength
		n int
	}{{guidelines.Strong, c.Strong}, {guidelines.Medium, c.Medium}, {guidelines.Weak, c.Weak}} {
		if x.n > 0 {
			parts = append(parts, b.l.T("preview.strength."+string(x.s), nil)+" ≥ "+strconv.Itoa(x.n))
		}
	}
	return strings.Join(parts, " + ")
}

// referralWays shows every way r can be made, as scoring makes it: its own condition, or
// any raised flag whose refer lists it — either is enough, and a flag that refers to it
// makes it whatever its own condition says. Without a condition only the flags make it.
func (b *builder) referralWays(r *guidelines.Referral) []fact {
	l := b.l
	var flags []string
	for _, f := range b.g.Flags {
		if slices.Contains(f.Refer, r.ID) {
			flags = append(flags, f.ID)
		}
	}
	var out []fact
	switch {
	case r.When != nil:
		out = append(out, b.cond("preview.when", r.When))
		if len(flags) > 0 {
			out = append(out, fact{Label: l.T("preview.referral_flags", nil), IDs: flags})
		}
	case len(flags) > 0:
		out = append(out, fact{Label: l.T("preview.referral_flags_only", nil), IDs: flags})
	default:
		out = append(out, fact{Label: l.T("preview.when", nil), Value: l.T("preview.referral_never", nil)})
	}
	return out
}
