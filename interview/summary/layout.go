package summary

import (
	"strconv"
	"strings"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// The summary is laid out once, as a list of blocks, and the Markdown, HTML and PDF writers
// only render blocks: the three documents cannot drift apart in content or order.

type blockKind int

const (
	blockTitle   blockKind = iota // the document title
	blockBanner                   // the training marking (also repeated on every page)
	blockFields                   // label: value pairs (the header)
	blockHeading                  // a section heading
	blockPara                     // a paragraph
	blockNotice                   // a paragraph set apart: a caveat the reader must not miss
	blockList                     // a bulleted list (ordered: numbered)
	blockQuote                    // the interviewer's own words, kept line by line
)

// span is a run of text, bold or not. Text is already sanitized; writers escape it for their
// format.
type span struct {
	Text string
	Bold bool
}

// item is one list entry with optional sub-entries.
type item struct {
	Spans []span
	Sub   []item
}

// field is one label: value pair of the header.
type field struct {
	Label, Value string
}

type block struct {
	Kind    blockKind
	Spans   []span
	Fields  []field
	Items   []item
	Ordered bool
	Lines   []string // blockQuote
}

func plain(s string) span { return span{Text: s} }
func bold(s string) span  { return span{Text: s, Bold: true} }

// localizer returns the summary's localizer (after a JSON round trip, made from Lang).
func (s *Summary) localizer() *locales.Localizer {
	if s.loc == nil {
		s.loc = locales.New(s.Lang)
	}
	return s.loc
}

func (s *Summary) zone() *time.Location {
	if s.tz == nil {
		return time.Local
	}
	return s.tz
}

// date renders t as readers of each language write it: 27.11.2026 in ro/uk/ru, and
// 27 Nov 2026 in English, where 11/27 and 27/11 would each be misread by someone.
func (s *Summary) date(t time.Time, withTime bool) string {
	t = t.In(s.zone())
	layout := "02.01.2006"
	if s.Lang == "en" {
		layout = "2 Jan 2006"
	}
	if withTime {
		layout += " 15:04"
	}
	return t.Format(layout)
}

// langName names a language in the summary language ("ucraineană"), or gives its code.
func (s *Summary) langName(code string) string {
	l := s.localizer()
	if id := "common.lang." + code; code != "" && l.Has(id) {
		return l.T(id, nil)
	}
	return code
}

// TrainingBanner returns the training marking in the summary language, or "" for a real
// case; the PDF and HTML writers repeat it on every page.
func (s *Summary) TrainingBanner() string {
	if !s.Training {
		return ""
	}
	return s.localizer().T("common.training_banner", nil)
}

// Title returns the document title, with the case code.
func (s *Summary) Title() string {
	return s.localizer().T("summary.title", map[string]any{"Code": s.Case.Code})
}

func (s *Summary) layout() []block {
	l := s.localizer()
	t := func(id string) string { return l.T(id, nil) }
	orNot := func(v string) string {
		if v == "" {
			return t("summary.value.not_recorded")
		}
		return v
	}
	var out []block
	add := func(b block) { out = append(out, b) }
	heading := func(id string) { add(block{Kind: blockHeading, Spans: []span{plain(t(id))}}) }
	para := func(text string) { add(block{Kind: blockPara, Spans: []span{plain(text)}}) }

	add(block{Kind: blockTitle, Spans: []span{plain(s.Title())}})
	if s.Training {
		add(block{Kind: blockBanner, Spans: []span{bold(s.TrainingBanner())}})
	}

	// Header.
	interpreter := t("summary.interpreter.no")
	switch {
	case s.Case.InterpreterAnswer != "":
		interpreter = s.Case.InterpreterAnswer
	case s.Case.Interpreter:
		interpreter = t("summary.interpreter.yes")
	}
	mode := s.Case.Mode
	if id := "summary.mode." + mode; l.Has(id) {
		mode = t(id)
	}
	if c := s.Case.InterviewerContinued; c != nil {
		mode = l.T("summary.mode.interviewer_continued", map[string]any{"Mode": mode, "Date": s.date(*c, false)})
	}
	status := s.Case.Status
	if id := "summary.status." + status; l.Has(id) {
		status = t(id)
	}
	guideline := l.T("summary.field.guideline_value", map[string]any{"Title": s.Guideline.Title, "ID": s.Guideline.ID, "Version": s.Guideline.Version})
	add(block{Kind: blockFields, Fields: []field{
		{t("summary.field.case"), s.Case.Code},
		{t("summary.field.interviewed"), s.date(s.Case.Interviewed, false)},
		{t("summary.field.place"), orNot(s.Case.Place)},
		{t("summary.field.role"), orNot(s.Case.InterviewerRole)},
		{t("summary.field.institution"), orNot(s.Case.Institution)},
		{t("summary.field.guideline"), guideline},
		{t("summary.field.languages"), l.T("summary.field.languages_value", map[string]any{
			"Person": s.langName(s.Case.PersonLang), "Interviewer": s.langName(s.Case.InterviewerLang)})},
		{t("summary.field.interpreter"), interpreter},
		{t("summary.field.mode"), mode},
		{t("summary.field.status"), status},
		{t("summary.field.generated"), s.date(s.Generated, true)},
	}})
	if s.Guideline.Changed {
		add(block{Kind: blockNotice, Spans: []span{plain(t("summary.guideline_changed"))}})
	}
	if s.ContentLangFallback {
		add(block{Kind: blockNotice, Spans: []span{plain(l.T("summary.content_lang_fallback", map[string]any{
			"Lang": s.langName(s.Lang), "Fallback": s.langName(s.ContentLang)}))}})
	}

	// The facts about the person the guideline marks for the summary (age, citizenship,
	// documents): who the referral is for, before what was found.
	if len(s.Person) > 0 {
		heading("summary.section.person")
		add(block{Kind: blockList, Items: s.factItems(s.Person)})
	}

	// Urgent matters come first: the reader may have to act on them at once.
	heading("summary.section.urgent")
	if len(s.UrgentFlags) == 0 {
		para(t("summary.urgent.none"))
	} else {
		items := make([]item, 0, len(s.UrgentFlags))
		for _, f := range s.UrgentFlags {
			items = append(items, item{Spans: []span{bold(l.T("score.urgency."+f.Urgency, nil) + ":"), plain(" " + f.Text)}})
		}
		add(block{Kind: blockList, Items: items})
	}

	// A part that could not be evaluated may hide an urgent matter: said before the outcome
	// it leaves out, as the interview's result screen does.
	if len(s.Unevaluated) > 0 {
		add(block{Kind: blockPara, Spans: []span{bold(t("score.unevaluated"))}})
		items := make([]item, 0, len(s.Unevaluated))
		for _, u := range s.Unevaluated {
			items = append(items, item{Spans: []span{bold(u.Kind + " “" + u.ID + "”:"), plain(" " + u.Reason)}})
		}
		add(block{Kind: blockList, Items: items})
	}

	// Outcome.
	heading("summary.section.outcome")
	o := s.Outcome
	add(block{Kind: blockPara, Spans: []span{bold(o.Text)}})
	// The reason is the facts that made the rule hold, in words; the rule itself (an
	// expression over ids) is in the JSON.
	oi := []item{
		{Spans: []span{bold(t("summary.outcome.level") + ":"), plain(" " + l.T("score.level."+o.Level, nil))}},
		{Spans: []span{bold(t("summary.outcome.why") + ":"), plain(" " + o.Reason)}},
	}
	if o.ProfileText != "" {
		oi = append(oi, item{Spans: []span{bold(t("summary.outcome.profile") + ":"), plain(" " + o.ProfileText)}})
	}
	oi = append(oi, item{Spans: []span{plain(l.T("score.totals", map[string]any{"Strong": o.Strong, "Medium": o.Medium, "Weak": o.Weak}))}})
	add(block{Kind: blockList, Items: oi})

	// Consent.
	heading("summary.section.consent")
	if len(s.Consent.Answers) > 0 {
		add(block{Kind: blockList, Items: s.answerItems(s.Consent.Answers)})
	}
	c := s.Consent
	switch {
	case c.ShareIdentity && c.LegalBasis != nil:
		para(t("summary.consent.share_yes") + " " + l.T("summary.consent.legal_with_consent", map[string]any{"Basis": c.LegalBasis.Text}))
	case c.ShareIdentity:
		para(t("summary.consent.share_yes"))
	case c.LegalBasis != nil:
		add(block{Kind: blockNotice, Spans: []span{plain(l.T("summary.consent.legal", map[string]any{"Basis": c.LegalBasis.Text}))}})
	default:
		para(t("summary.consent.share_no"))
	}

	// Dimensions.
	heading("summary.section.dimensions")
	if len(s.Dimensions) > 0 {
		items := make([]item, 0, len(s.Dimensions))
		for _, d := range s.Dimensions {
			state := t("score.dimension.negative")
			name := plain(d.Text)
			if d.Positive {
				state = t("score.dimension.positive")
				name = bold(d.Text)
			}
			// The stage is in the JSON; here it would only add a second pair of brackets to
			// texts that often have one.
			items = append(items, item{Spans: []span{
				name,
				plain(": "),
				span{Text: state, Bold: d.Positive},
				plain(" (" + l.T("score.counts", map[string]any{"Strong": d.Strong, "Medium": d.Medium, "Weak": d.Weak}) + ")"),
			}})
		}
		add(block{Kind: blockList, Items: items})
	}

	// Indicators with their evidence.
	heading("summary.section.indicators")
	if len(s.Indicators) == 0 {
		para(t("score.indicators.none"))
	} else {
		items := make([]item, 0, len(s.Indicators))
		for _, in := range s.Indicators {
			meta := l.T("score.strength."+in.Strength, nil)
			if in.Provisional {
				meta += ", " + t("summary.indicator.provisional")
			}
			meta += "; " + s.dimensionText(in.Dimension)
			items = append(items, item{
				Spans: []span{bold(in.Text), plain(" — " + meta)},
				Sub:   s.answerItems(in.Evidence),
			})
		}
		add(block{Kind: blockList, Items: items, Ordered: true})
	}

	// Contextual risk factors.
	heading("summary.section.risk")
	if len(s.RiskFactors) == 0 {
		para(t("summary.risk.none"))
	} else {
		items := make([]item, 0, len(s.RiskFactors))
		for _, f := range s.RiskFactors {
			items = append(items, item{Spans: []span{plain(f.Text)}})
		}
		add(block{Kind: blockList, Items: items})
	}

	// What the person was told will happen: risks to prevent, not facts to prove.
	if len(s.Announced) > 0 {
		heading("summary.section.announced")
		para(t("summary.announced.intro"))
		add(block{Kind: blockList, Items: s.answerItems(s.Announced)})
	}

	// Needs and referrals.
	heading("summary.section.needs")
	if len(s.Needs) > 0 {
		add(block{Kind: blockPara, Spans: []span{bold(t("summary.needs.stated"))}})
		add(block{Kind: blockList, Items: s.answerItems(s.Needs)})
	}
	add(block{Kind: blockPara, Spans: []span{bold(t("summary.needs.referrals"))}})
	if len(s.Referrals) == 0 {
		para(t("score.referrals.none"))
	} else {
		items := make([]item, 0, len(s.Referrals))
		for _, r := range s.Referrals {
			contact := r.Contact
			if r.ContactPending {
				contact = t("summary.contact.pending")
			}
			it := item{Spans: []span{bold(r.Name)}, Sub: []item{
				{Spans: []span{plain(l.T("summary.referral.contact", map[string]any{"Contact": contact}))}},
			}}
			if r.Role != "" {
				it.Sub = append(it.Sub, item{Spans: []span{plain(r.Role)}})
			}
			items = append(items, it)
		}
		add(block{Kind: blockList, Items: items})
	}

	// Trusted person and contact details.
	heading("summary.section.trusted")
	if len(s.TrustedPerson) == 0 {
		para(t("summary.trusted.none"))
	} else {
		para(t("summary.trusted.intro"))
		add(block{Kind: blockList, Items: s.answerItems(s.TrustedPerson)})
	}

	// Declined and "don't know".
	heading("summary.section.not_answered")
	na := s.NotAnswered
	if na.DeclinedCount+na.UnknownCount == 0 {
		para(t("summary.not_answered.none"))
	} else {
		var items []item
		for _, g := range []struct {
			id string
			n  int
			qs []Question
		}{{"summary.not_answered.declined", na.DeclinedCount, na.Declined}, {"summary.not_answered.unknown", na.UnknownCount, na.Unknown}} {
			it := item{Spans: []span{bold(l.N(g.id, g.n, nil))}}
			for _, q := range g.qs {
				it.Sub = append(it.Sub, item{Spans: []span{plain(q.Text)}})
			}
			items = append(items, it)
		}
		add(block{Kind: blockList, Items: items})
	}

	// Notes on answers shown nowhere above.
	if len(s.OtherNotes) > 0 {
		heading("summary.section.other_notes")
		add(block{Kind: blockList, Items: s.answerItems(s.OtherNotes)})
	}

	// Closing remarks, in the interviewer's own words and lines.
	heading("summary.section.remarks")
	if s.Remarks == "" {
		para(t("summary.remarks.none"))
	} else {
		add(block{Kind: blockQuote, Lines: strings.Split(s.Remarks, "\n")})
	}

	add(block{Kind: blockNotice, Spans: []span{bold(s.Statement)}})
	return out
}

// answerItems lays out questions as asked, each with its answer and, beneath, the note.
func (s *Summary) answerItems(as []Answer) []item {
	l := s.localizer()
	items := make([]item, 0, len(as))
	for _, a := range as {
		it := item{Spans: []span{plain(a.Text + " — "), bold(a.AnswerText)}}
		if a.Announced {
			it.Spans = append(it.Spans, plain(" ("+l.T("summary.announced.mark", nil)+")"))
		}
		if a.Note != "" {
			it.Sub = []item{{Spans: []span{plain(l.T(NoteLabel(a.NoteBy), map[string]any{"Note": a.Note}))}}}
		}
		items = append(items, it)
	}
	return items
}

// factItems lays out facts about the person as "Label: answer" where the guideline gives
// the fact a label, so the summary reads "Age: 22" and not "How old are you? — 22"; a
// fact without one is printed as its question.
func (s *Summary) factItems(as []Answer) []item {
	items := s.answerItems(as)
	for i, a := range as {
		if a.Label != "" {
			items[i].Spans = []span{plain(a.Label + ": "), bold(a.AnswerText)}
		}
	}
	return items
}

// NoteLabel is the id of the message that prints a note written by by
// (guidelines.NoteByPerson or NoteByInterviewer) with its author, {{.Note}} for the note:
// the summary and the result screen both say whose words a note is.
func NoteLabel(by string) string {
	if by == guidelines.NoteByPerson {
		return "summary.evidence.note_person"
	}
	return "summary.evidence.note"
}

// dimensionText returns a dimension's text by id, or the id.
func (s *Summary) dimensionText(id string) string {
	for _, d := range s.Dimensions {
		if d.ID == id {
			return d.Text
		}
	}
	return id
}

// itoa is strconv.Itoa, named for the writers' numbered lists.
func itoa(n int) string { return strconv.Itoa(n) }
