package summary

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// SchemaID is the value of the "schema" key of every JSON summary this code writes. A
// consumer must check it: a new major version may rename or drop keys; v1 only ever adds.
const SchemaID = "earlyid/summary/v1"

// NeedsQuestion is the id of the question whose section lists the person's needs (see the
// package documentation: the format has no marker for it).
const NeedsQuestion = "needs"

// Summary is the referral summary as data. Its JSON form is the documented case-management
// format (SchemaJSON); every list is non-nil so a consumer can iterate without a check.
// Texts are in ContentLang, already sanitized; withheld answers are already removed.
type Summary struct {
	Schema string `json:"schema"`
	// Generated is when the summary was produced (RFC 3339, UTC).
	Generated time.Time `json:"generated"`
	// Lang is the summary language (the labels); ContentLang the language of the texts
	// that come from the guideline — Lang, unless the guideline lacks it
	// (ContentLangFallback is then true and the summary says so).
	Lang                string `json:"lang"`
	ContentLang         string `json:"content_lang"`
	ContentLangFallback bool   `json:"content_lang_fallback"`
	// Training is true for a fictional training case: every page says so.
	Training  bool          `json:"training"`
	Case      Case          `json:"case"`
	Guideline GuidelineInfo `json:"guideline"`
	// Person holds the facts about the person the guideline marks for the summary (its
	// questions with summary: true — age, citizenship, documents), shown under the header
	// whether or not an indicator rests on them; a sensitive one is withheld as everywhere.
	Person []Answer `json:"person"`
	// Announced holds the risks the person was told of that have not happened yet (the
	// questions with future: true answered yes: their passport to be kept, a debt to
	// come), also when an indicator rests on them, so that no reader takes them for facts.
	Announced []Answer `json:"announced"`

	// Unevaluated lists the parts of the guideline whose condition failed while it ran (an
	// error in the guideline that no check at load time could see): the result leaves them
	// out, and the summary says so above the outcome rather than refusing to be made.
	Unevaluated []indicators.ReportUnevaluated `json:"unevaluated,omitempty"`

	UrgentFlags []Flag      `json:"urgent_flags"`
	Outcome     Outcome     `json:"outcome"`
	Consent     Consent     `json:"consent"`
	Dimensions  []Dimension `json:"dimensions"`
	Indicators  []Indicator `json:"indicators"`
	RiskFactors []Flag      `json:"risk_factors"`
	Needs       []Answer    `json:"needs"`
	Referrals   []Referral  `json:"referrals"`
	// TrustedPerson holds the sensitive questions (contact details, the trusted person who
	// may accompany the person) with the yes/no questions that consent to them.
	TrustedPerson []Answer    `json:"trusted_person"`
	NotAnswered   NotAnswered `json:"not_answered"`
	// OtherNotes holds the notes on answers shown nowhere above, with their questions and
	// answers, so that no note is lost.
	OtherNotes []Answer `json:"other_notes"`
	Remarks    string   `json:"remarks"`
	// Statement is the fixed sentence that this is a screening, not a legal identification.
	Statement string `json:"statement"`

	// loc renders the labels; set by Build, rebuilt from Lang after a JSON round trip.
	loc *locales.Localizer
	// tz is the zone dates are shown in (not part of the JSON, whose times are UTC).
	tz *time.Location
}

// Case is the header of the summary: who, where and when, never the person's name.
type Case struct {
	Code string `json:"code"`
	// Mode is real, training or self (the person answered alone).
	Mode   string `json:"mode"`
	Status string `json:"status"`
	// Interviewed is when the interview began; Updated when it was last changed.
	Interviewed time.Time `json:"interviewed"`
	Updated     time.Time `json:"updated"`
	// InterviewerContinued is when a specialist reopened a self session (the person had
	// answered alone) to answer the interviewer's questions; absent otherwise.
	InterviewerContinued *time.Time `json:"interviewer_continued,omitempty"`
	Place                string     `json:"place"`
	InterviewerRole      string     `json:"interviewer_role"`
	Institution          string     `json:"institution"`
	// PersonLang is the language the questions were asked in, InterviewerLang the
	// interviewer's screen language.
	PersonLang      string `json:"person_lang"`
	InterviewerLang string `json:"interviewer_lang"`
	// Interpreter is whether an interpreter was there: the answer to the guideline's
	// interpreter question (interview.InterpreterQuestion) when it was given, else the
	// setup's. InterpreterAnswer is that answer as a reader sees it ("A professional
	// interpreter or a staff member"), "" when the question was not answered.
	Interpreter       bool   `json:"interpreter"`
	InterpreterAnswer string `json:"interpreter_answer"`
}

// GuidelineInfo identifies the rule set. Changed is true when the guideline's content is not
// the one the interview was run with (another hash).
type GuidelineInfo struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   string `json:"title"`
	Hash    string `json:"hash"`
	Changed bool   `json:"changed"`
}

// Flag is a raised flag: an urgent matter or a contextual risk factor.
type Flag struct {
	ID      string `json:"id"`
	Urgency string `json:"urgency"`
	Text    string `json:"text"`
}

// Outcome is the screening result and the rule that produced it.
type Outcome struct {
	ID    string `json:"id"`
	Level string `json:"level"`
	Text  string `json:"text"`
	// Rule is the outcome's condition as the guideline writes it.
	Rule string `json:"rule"`
	// Reason says in the summary language which facts of this case made Rule hold (the
	// profile, positive dimensions, indicators and flags it names, the number of
	// indicators, the answers it looks at), as the Markdown, HTML and PDF show it.
	Reason string `json:"reason"`
	// PositiveDimensions lists the positive dimensions the rule names: what made it hold.
	PositiveDimensions []string `json:"positive_dimensions"`
	// Profile is the person's profile id and text ("" without profiles).
	Profile     string `json:"profile"`
	ProfileText string `json:"profile_text"`
	// Strong, Medium and Weak count the present indicators.
	Strong int `json:"strong"`
	Medium int `json:"medium"`
	Weak   int `json:"weak"`
}

// Consent records what the person agreed to and the legal basis used without consent.
type Consent struct {
	// Answers are the questions of the guideline's consent sections, as asked.
	Answers []Answer `json:"answers"`
	// ShareIdentity is true when the guideline's privacy.share_identity_when holds.
	ShareIdentity bool `json:"share_identity"`
	// LegalBasis is the legal exception used to share identity without consent, or nil.
	LegalBasis *LegalBasisInfo `json:"legal_basis"`
	// SensitiveShown is true when sensitive answers appear in this summary
	// (ShareIdentity or a legal basis).
	SensitiveShown bool `json:"sensitive_shown"`
}

// LegalBasisInfo is a recorded legal basis: its id (LegalBases) and its text.
type LegalBasisInfo struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Answer is one question as asked with its answer. Answer is the raw value as an answers
// file writes it (a string, a list of choice ids, a number, "unknown" or "declined"), or nil
// when the question was not answered or the answer is withheld.
type Answer struct {
	Question string `json:"question"`
	Text     string `json:"text"`
	// Label is the short name of the fact ("Age") that Person prints in place of Text;
	// "" when the guideline gives none.
	Label      string `json:"label"`
	Answered   bool   `json:"answered"`
	Answer     any    `json:"answer"`
	AnswerText string `json:"answer_text"`
	Note       string `json:"note"`
	// NoteBy is who wrote Note: "interviewer", or "person" for the person's own note in
	// self mode (guidelines.NoteByPerson); "" without a note.
	NoteBy string `json:"note_by"`
	// Announced is true when the answer says the person was told something will happen
	// that has not yet (a future: true question answered yes): a risk, not a fact.
	Announced bool `json:"announced"`
	Sensitive bool `json:"sensitive"`
	// Withheld is true when a sensitive answer (and its note) was left out for lack of
	// consent; AnswerText then says so.
	Withheld bool `json:"withheld"`
}

// Dimension is one ILO element with its counts of present indicators.
type Dimension struct {
	ID       string `json:"id"`
	Stage    string `json:"stage"`
	Text     string `json:"text"`
	Positive bool   `json:"positive"`
	Strong   int    `json:"strong"`
	Medium   int    `json:"medium"`
	Weak     int    `json:"weak"`
}

// Indicator is one present indicator with its evidence.
type Indicator struct {
	ID          string   `json:"id"`
	Dimension   string   `json:"dimension"`
	Strength    string   `json:"strength"`
	Text        string   `json:"text"`
	Provisional bool     `json:"provisional"`
	Evidence    []Answer `json:"evidence"`
}

// Referral is one recommended service. Contact is "" and ContactPending true when the
// deploying organisation has not filled the contact in yet.
type Referral struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	Contact        string `json:"contact"`
	ContactPending bool   `json:"contact_pending"`
}

// NotAnswered lists the questions that applied but were declined or answered "don't know".
type NotAnswered struct {
	DeclinedCount int        `json:"declined_count"`
	UnknownCount  int        `json:"unknown_count"`
	Declined      []Question `json:"declined"`
	Unknown       []Question `json:"unknown"`
}

// Question names a question and gives its text as asked.
type Question struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Options control how a summary is built.
type Options struct {
	// Lang is the summary language, one of locales.Languages ("" means the guideline's
	// first language when the program speaks it, else English).
	Lang string
	// LegalBasis is one of LegalBases, or "" when none is invoked.
	LegalBasis string
	// Generated is the time the summary is produced; the zero time means now.
	Generated time.Time
	// Location is the time zone dates are shown in; nil means time.Local.
	Location *time.Location
}

// Assess scores the session's answers against g, as a finished interview is scored. A
// condition of the guideline that fails while it runs leaves its part out
// (Assessment.Unevaluated, which the summary shows) but is no error here, as in the
// interview: a case always has its summary.
func Assess(g *guidelines.Guideline, s *interview.Session) (*indicators.Assessment, error) {
	a, err := indicators.Score(g, s.AnswersFor(g))
	var incomplete *indicators.IncompleteError
	if errors.As(err, &incomplete) {
		return a, nil
	}
	return a, err
}

// ErrLang is wrapped by Build's error for a summary language the program does not speak.
var ErrLang = errors.New("the summary language is not one of the program's languages") // i18n:ignore: Go error, localized by callers

// Build makes the summary of session s, scored as a (see Assess), against guideline g.
func Build(g *guidelines.Guideline, s *interview.Session, a *indicators.Assessment, opts Options) (*Summary, error) {
	if g == nil || s == nil || a == nil {
		return nil, errors.New("cannot build the summary: the guideline, the session and the assessment are all needed") // i18n:ignore: Go error, localized by callers
	}
	if s.Guideline.ID != g.ID {
		return nil, fmt.Errorf("cannot build the summary: the session %s was made with the guideline %q, not %q", s.Code, s.Guideline.ID, g.ID) // i18n:ignore: Go error, localized by callers
	}
	lang := opts.Lang
	if lang == "" {
		lang = "en"
		if len(g.Languages) > 0 && locales.Supported(g.Languages[0]) {
			lang = g.Languages[0]
		}
	}
	if !locales.Supported(lang) {
		return nil, fmt.Errorf("cannot build the summary in %q: %w", lang, ErrLang) // i18n:ignore: Go error, localized by callers
	}
	if opts.LegalBasis != "" && !slices.Contains(LegalBases, opts.LegalBasis) {
		return nil, fmt.Errorf("cannot build the summary: %q is not a legal basis (%s): %w", opts.LegalBasis, strings.Join(LegalBases, ", "), ErrLegalBasis) // i18n:ignore: Go error, localized by callers
	}
	generated := opts.Generated
	if generated.IsZero() {
		generated = time.Now()
	}
	tz := opts.Location
	if tz == nil {
		tz = time.Local
	}
	l := locales.New(lang)
	content := g.ContentLang(lang)
	fallback := content != lang

	// The privacy condition runs where the score ran the other answer conditions; the
	// answers are not resolved a second time.
	share := false
	if c := g.Privacy.ShareIdentityWhen; c != nil { // no condition: identity is never shared
		var err error
		if share, err = g.NewEvaluator().Eval(c, a.AnswersEnv); err != nil {
			return nil, fmt.Errorf("cannot build the summary: the privacy condition failed: %w", err) // i18n:ignore: Go error, localized by callers
		}
	}

	b := &builder{g: g, a: a, answers: s.AnswersFor(g), applies: a.Applies, lang: content, l: l,
		show: share || opts.LegalBasis != ""}
	sum := &Summary{
		Schema:              SchemaID,
		Generated:           generated.UTC().Truncate(time.Second),
		Lang:                lang,
		ContentLang:         content,
		ContentLangFallback: fallback,
		Training:            s.Mode == interview.ModeTraining,
		Case: Case{
			Code:                 textsafe.Line(s.Code),
			Mode:                 string(s.Mode),
			Status:               string(s.Status),
			Interviewed:          s.Created.UTC(),
			Updated:              s.Updated.UTC(),
			InterviewerContinued: utcOrNil(s.InterviewerContinued),
			Place:                textsafe.Line(s.Place),
			InterviewerRole:      textsafe.Line(s.InterviewerRole),
			Institution:          textsafe.Line(s.Institution),
			PersonLang:           textsafe.Line(s.Lang),
			InterviewerLang:      textsafe.Line(s.UILang),
			Interpreter:          s.Interpreter,
		},
		Guideline: GuidelineInfo{
			ID: g.ID, Version: textsafe.Line(g.Version), Title: b.text(g.Title), Hash: g.Hash,
			Changed: s.Guideline.Hash != "" && g.Hash != "" && s.Guideline.Hash != g.Hash,
		},
		Consent: Consent{
			ShareIdentity:  share,
			SensitiveShown: b.show,
			Answers:        []Answer{},
		},
		Remarks:   strings.TrimSpace(textsafe.Text(s.Remarks)),
		Statement: l.T("summary.statement", nil),
		loc:       l,
		tz:        tz,
	}
	if opts.LegalBasis != "" {
		sum.Consent.LegalBasis = &LegalBasisInfo{ID: opts.LegalBasis, Text: l.T("summary.legal_basis."+opts.LegalBasis, nil)}
	}
	b.interpreter(&sum.Case)
	b.flags(sum)
	b.outcome(sum, a.Profile)
	for _, sec := range g.Sections {
		if sec.Role != guidelines.RoleConsent {
			continue
		}
		for _, q := range sec.Questions {
			if b.applies[q.Index] {
				sum.Consent.Answers = append(sum.Consent.Answers, b.answer(q))
			}
		}
	}
	sum.Person = b.person()
	for _, u := range a.Unevaluated {
		sum.Unevaluated = append(sum.Unevaluated, indicators.ReportUnevaluated{Kind: u.Kind, ID: u.ID, Reason: textsafe.Text(u.Reason(b.l))})
	}
	sum.Announced = b.announced()
	b.dimensions(sum)
	b.indicators(sum)
	sum.TrustedPerson, sum.Needs = b.trustedAndNeeds()
	b.referrals(sum)
	sum.NotAnswered = NotAnswered{
		DeclinedCount: len(a.Declined), UnknownCount: len(a.Unknown),
		Declined: b.questions(a.Declined), Unknown: b.questions(a.Unknown),
	}
	sum.OtherNotes = b.otherNotes(sum)
	return sum, nil
}

// builder holds what the parts of Build share.
type builder struct {
	g       *guidelines.Guideline
	a       *indicators.Assessment
	answers guidelines.Answers
	applies []bool
	lang    string // content language
	l       *locales.Localizer
	show    bool // sensitive answers may be shown
}

// text returns a guideline text in the content language, sanitized, as one paragraph.
func (b *builder) text(t guidelines.Text) string {
	return textsafe.Line(t.Plain(b.lang, b.g.Languages...))
}

// interpreter makes the header's interpreter line agree with the answers: the answer to the
// interpreter question, when it applies and says, wins over the setup's yes or no.
func (b *builder) interpreter(c *Case) {
	q := b.g.Question(interview.InterpreterQuestion)
	if q == nil || !b.applies[q.Index] {
		return
	}
	v, ok := b.answers.Values[q.ID]
	if !ok {
		return
	}
	c.InterpreterAnswer = b.answerText(q, v)
	if present, known := interview.InterpreterPresent(q, v); known {
		c.Interpreter = present
	}
}

func (b *builder) flags(sum *Summary) {
	sum.UrgentFlags, sum.RiskFactors = []Flag{}, []Flag{}
	for _, f := range b.a.Flags {
		fl := Flag{ID: f.Flag.ID, Urgency: string(f.Flag.Urgency), Text: b.text(f.Flag.Text)}
		if f.Flag.Urgency == guidelines.Context {
			sum.RiskFactors = append(sum.RiskFactors, fl)
		} else {
			sum.UrgentFlags = append(sum.UrgentFlags, fl)
		}
	}
}

func (b *builder) outcome(sum *Summary, profile string) {
	o := b.a.Outcome
	out := Outcome{
		PositiveDimensions: []string{},
		Profile:            profile,
		Strong:             b.a.Strong, Medium: b.a.Medium, Weak: b.a.Weak,
	}
	if o != nil {
		out.ID, out.Level, out.Text = o.ID, string(o.Level), b.text(o.Text)
		out.Reason = b.reason(o)
		if o.When != nil {
			out.Rule = strings.Join(strings.Fields(textsafe.Line(o.When.Src)), " ")
			positive := map[string]bool{}
			for _, d := range b.a.Dimensions {
				positive[d.Dimension.ID] = d.Positive
			}
			// The dimensions in the order the guideline declares them, not the order the
			// condition happens to name them.
			for _, d := range b.g.Dimensions {
				if positive[d.ID] && slices.Contains(o.When.Names, d.ID) {
					out.PositiveDimensions = append(out.PositiveDimensions, d.ID)
				}
			}
		}
	}
	for _, p := range b.g.Profiles {
		if p.ID == profile {
			out.ProfileText = b.text(p.Text)
		}
	}
	sum.Outcome = out
}

func (b *builder) dimensions(sum *Summary) {
	sum.Dimensions = make([]Dimension, 0, len(b.a.Dimensions))
	for _, d := range b.a.Dimensions {
		sum.Dimensions = append(sum.Dimensions, Dimension{
			ID: d.Dimension.ID, Stage: string(d.Dimension.Stage), Text: b.text(d.Dimension.Text),
			Positive: d.Positive, Strong: d.Strong, Medium: d.Medium, Weak: d.Weak,
		})
	}
}

func (b *builder) indicators(sum *Summary) {
	sum.Indicators = make([]Indicator, 0, len(b.a.Indicators))
	for _, in := range b.a.Indicators {
		ind := Indicator{
			ID: in.Indicator.ID, Dimension: in.Indicator.Dimension, Strength: string(in.Strength),
			Text: b.text(in.Indicator.Text), Provisional: in.Indicator.Provisional,
			Evidence: make([]Answer, 0, len(in.Evidence)),
		}
		for _, e := range in.Evidence {
			ind.Evidence = append(ind.Evidence, b.answer(e.Question))
		}
		sum.Indicators = append(sum.Indicators, ind)
	}
}

// answer renders question q with its answer and note, withholding a sensitive one when
// sharing is not allowed. A question that does not apply shows no answer.
func (b *builder) answer(q *guidelines.Question) Answer {
	out := Answer{Question: q.ID, Text: b.text(q.Text), Sensitive: q.Sensitive}
	if len(q.Label) > 0 {
		out.Label = b.text(q.Label)
	}
	v, ok := b.answers.Values[q.ID]
	if !b.applies[q.Index] {
		ok = false
	}
	note := ""
	if b.applies[q.Index] {
		note = strings.TrimSpace(textsafe.Text(b.answers.Notes[q.ID]))
	}
	if q.Sensitive && !b.show && (ok || note != "") {
		out.Withheld, out.Answered = true, ok
		out.AnswerText = b.l.T("summary.withheld", nil)
		return out
	}
	out.Note = note
	if note != "" {
		out.NoteBy = b.answers.NoteAuthor(q.ID)
	}
	if !ok {
		out.AnswerText = b.l.T("score.evidence.not_answered", nil)
		return out
	}
	out.Answered = true
	out.Announced = q.Future && v.Str == "yes"
	out.Answer = indicators.RawAnswer(q, v)
	out.AnswerText = b.answerText(q, v)
	return out
}

// answerText is v as a reader sees it: choice texts in the content language, yes/no and the
// special answers and the decimal separator of numbers in the summary language, dates and
// texts as given.
func (b *builder) answerText(q *guidelines.Question, v guidelines.Value) string {
	if !v.IsSpecial() {
		switch q.Type {
		case guidelines.TypeChoice:
			if c := q.Choice(v.Str); c != nil {
				return b.text(c.Text)
			}
		case guidelines.TypeNumber:
			return b.l.Number(v.Num, -1) // "10,5" hours in a Romanian summary
		case guidelines.TypeMulti:
			parts := make([]string, 0, len(v.List))
			for _, id := range v.List {
				if c := q.Choice(id); c != nil {
					parts = append(parts, b.text(c.Text))
				} else {
					parts = append(parts, textsafe.Line(id))
				}
			}
			return strings.Join(parts, "; ")
		}
	}
	return strings.TrimSpace(textsafe.Text(q.ValueText(v, b.lang,
		b.l.T("score.answer.yes", nil), b.l.T("score.answer.no", nil),
		b.l.T("score.answer.unknown", nil), b.l.T("score.answer.declined", nil))))
}

// person returns the questions the guideline marks with summary: true that apply, in file
// order, with their answers ("not answered" when the interview has not reached them).
func (b *builder) person() []Answer {
	out := []Answer{}
	for _, q := range b.g.Questions {
		if q.Summary && b.applies[q.Index] {
			out = append(out, b.answer(q))
		}
	}
	return out
}

// announced returns the future: true questions that apply and were answered yes, in file
// order.
func (b *builder) announced() []Answer {
	out := []Answer{}
	for _, q := range b.g.Questions {
		if q.Future && b.applies[q.Index] && b.answers.Values[q.ID].Str == "yes" {
			if a := b.answer(q); a.Announced {
				out = append(out, a)
			}
		}
	}
	return out
}

// trustedAndNeeds finds the sensitive questions with their consent chains, and the needs
// (see the package documentation). Only questions that apply are listed; a chain question
// of a consent section is already shown under consent and is not repeated.
func (b *builder) trustedAndNeeds() (trusted, needs []Answer) {
	trusted, needs = []Answer{}, []Answer{}
	inChain := map[string]bool{}
	var chain func(c *guidelines.Condition, out *[]*guidelines.Question)
	chain = func(c *guidelines.Condition, out *[]*guidelines.Question) {
		if c == nil {
			return
		}
		for _, name := range c.Names {
			q := b.g.Question(name)
			if q == nil || q.Type != guidelines.TypeYesNo || inChain[q.ID] || q.Section.Role == guidelines.RoleConsent {
				continue
			}
			inChain[q.ID] = true
			chain(q.When, out) // what consents to this consent comes first
			*out = append(*out, q)
		}
	}
	for _, q := range b.g.Questions {
		if !q.Sensitive || inChain[q.ID] {
			continue
		}
		var qs []*guidelines.Question
		chain(q.When, &qs)
		inChain[q.ID] = true
		qs = append(qs, q)
		for _, cq := range qs {
			if b.applies[cq.Index] {
				if _, ok := b.answers.Values[cq.ID]; ok {
					trusted = append(trusted, b.answer(cq))
				}
			}
		}
	}
	nq := b.g.Question(NeedsQuestion)
	if nq == nil {
		return trusted, needs
	}
	for _, q := range nq.Section.Questions {
		if q.Sensitive || inChain[q.ID] || !b.applies[q.Index] {
			continue
		}
		if _, ok := b.answers.Values[q.ID]; ok {
			needs = append(needs, b.answer(q))
		}
	}
	return trusted, needs
}

func (b *builder) referrals(sum *Summary) {
	sum.Referrals = make([]Referral, 0, len(b.a.Referrals))
	for _, r := range b.a.Referrals {
		ref := Referral{ID: r.ID, Name: b.text(r.Name), Role: b.text(r.Role), ContactPending: r.ContactPending}
		if !r.ContactPending {
			ref.Contact = textsafe.Line(r.Contact)
		}
		sum.Referrals = append(sum.Referrals, ref)
	}
}

func (b *builder) questions(ids []string) []Question {
	out := make([]Question, 0, len(ids))
	for _, id := range ids {
		if q := b.g.Question(id); q != nil {
			out = append(out, Question{ID: id, Text: b.text(q.Text)})
		}
	}
	return out
}

// otherNotes returns, in file order, the questions with a note that no part of the summary
// shows yet.
func (b *builder) otherNotes(sum *Summary) []Answer {
	shown := map[string]bool{}
	mark := func(as []Answer) {
		for _, a := range as {
			shown[a.Question] = true
		}
	}
	mark(sum.Consent.Answers)
	mark(sum.Person)
	mark(sum.Announced)
	mark(sum.Needs)
	mark(sum.TrustedPerson)
	for _, in := range sum.Indicators {
		mark(in.Evidence)
	}
	out := []Answer{}
	for _, q := range b.g.Questions {
		if shown[q.ID] || !b.applies[q.Index] || strings.TrimSpace(b.answers.Notes[q.ID]) == "" {
			continue
		}
		out = append(out, b.answer(q))
	}
	return out
}

// utcOrNil returns t in UTC, truncated to the second like every time in the summary.
func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}
