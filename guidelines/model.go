package guidelines

import (
	"slices"
	"strings"

	"github.com/expr-lang/expr/vm"
)

// Format strings that tell a guideline file from a scenario file.
const (
	FormatGuideline = "earlyid/guideline/v1"
	FormatScenario  = "earlyid/scenario/v1"
)

// Pos is a 1-based line and column in a source file. The zero Pos means "no position".
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"column"`
}

// Text is a translated string: language code → text. Every language the guideline declares
// must be present and non-empty.
type Text map[string]string

// In returns the text in lang, falling back to the first of the given fallbacks that exists.
// It never returns "" for a validated Text in a declared language.
func (t Text) In(lang string, fallbacks ...string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	for _, f := range fallbacks {
		if s, ok := t[f]; ok && s != "" {
			return s
		}
	}
	if s, ok := t["en"]; ok {
		return s
	}
	for _, s := range t { // deterministic enough: a validated Text is never reached here
		return s
	}
	return ""
}

// Plain returns the text in lang like In, without the Markdown emphasis markers the format
// allows (*x*, **x**): for terminals, plain text, PDF and data, where "*" would show as is.
func (t Text) Plain(lang string, fallbacks ...string) string {
	return PlainText(t.In(lang, fallbacks...))
}

// Emphasis hands each emphasised part of s to strong (**x**) or em (*x*) and keeps what they
// return in its place; the rest of s is unchanged. Like CommonMark, a marker must touch its
// word: "5 * 3 * 2" is not emphasis. Callers that add markup escape s first.
func Emphasis(s string, strong, em func(string) string) string {
	if !strings.Contains(s, "*") {
		return s
	}
	s = strongRe().ReplaceAllStringFunc(s, func(m string) string { return strong(m[2 : len(m)-2]) })
	return emRe().ReplaceAllStringFunc(s, func(m string) string { return em(m[1 : len(m)-1]) })
}

// PlainText returns s without emphasis markers (see Emphasis).
func PlainText(s string) string {
	keep := func(x string) string { return x }
	return Emphasis(s, keep, keep)
}

var (
	strongRe = lazyRegexp(`\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*`)
	emRe     = lazyRegexp(`\*[^*\s](?:[^*\n]*[^*\s])?\*`)
)

// QuestionType is the kind of answer a question takes.
type QuestionType string

// The question types of the format.
const (
	TypeYesNo  QuestionType = "yesno"
	TypeChoice QuestionType = "choice"
	TypeMulti  QuestionType = "multi"
	TypeText   QuestionType = "text"
	TypeNumber QuestionType = "number"
	TypeDate   QuestionType = "date"
)

// QuestionTypes lists every valid QuestionType, in documentation order.
var QuestionTypes = []QuestionType{TypeYesNo, TypeChoice, TypeMulti, TypeText, TypeNumber, TypeDate}

// Asker says who answers a question: the person (read aloud or shown) or the interviewer
// (an observation).
type Asker string

// The two askers.
const (
	AskPerson      Asker = "person"
	AskInterviewer Asker = "interviewer"
)

// Strength grades an indicator, as in the ILO/EC operational indicators.
type Strength string

// The three strengths, strongest first.
const (
	Strong Strength = "strong"
	Medium Strength = "medium"
	Weak   Strength = "weak"
)

// Strengths lists every strength, strongest first.
var Strengths = []Strength{Strong, Medium, Weak}

// Urgency says how a flag is treated.
type Urgency string

// Flag urgencies, most urgent first.
const (
	Immediate Urgency = "immediate"
	Priority  Urgency = "priority"
	Context   Urgency = "context" // a risk factor: reported, not urgent, not scored
)

// Urgencies lists every urgency, most urgent first.
var Urgencies = []Urgency{Immediate, Priority, Context}

// Level grades an outcome.
type Level string

// Outcome levels.
const (
	High      Level = "high"
	MediumLvl Level = "medium"
	Low       Level = "low"
)

// Levels lists every level, highest first.
var Levels = []Level{High, MediumLvl, Low}

// Stage places a dimension in the ILO model: the recruitment or the exploitation stage.
type Stage string

// Dimension stages.
const (
	Recruitment  Stage = "recruitment"
	Exploitation Stage = "exploitation"
)

// Stages lists every stage.
var Stages = []Stage{Recruitment, Exploitation}

// SectionRole marks the sections the interview treats specially.
type SectionRole string

// Section roles. A safety section's questions are the interviewer's safety check: when a
// question's pause_when holds, the interview suggests postponing. A consent section is read
// to the person before any other question.
const (
	RoleQuestions SectionRole = ""
	RoleSafety    SectionRole = "safety"
	RoleConsent   SectionRole = "consent"
)

// ReviewStatus says whether a language version of a guideline was reviewed by a
// native-speaking expert.
type ReviewStatus string

// Review statuses.
const (
	ReviewDraft    ReviewStatus = "draft"    // machine-assisted or written by a non-native speaker
	ReviewPending  ReviewStatus = "pending"  // written carefully, awaiting a native-speaking expert
	ReviewReviewed ReviewStatus = "reviewed" // checked by a native-speaking expert
)

// Guideline is a loaded, validated questionnaire with every condition compiled.
type Guideline struct {
	File        string // the name it was loaded under (path or "embedded:NAME")
	Format      string
	ID          string
	Version     string
	Title       Text
	Description Text
	Languages   []string
	Source      string
	// Extends is the id of the guideline this one extends, "" for none: everything but the
	// keys in Overrides was taken from it.
	Extends string
	// Overrides lists the top-level keys a guideline that extends another gives itself, in
	// the format's order (id and version are always among them); nil for none.
	Overrides []string
	// Review records, per language, whether the texts were reviewed by a native speaker.
	Review   map[string]ReviewStatus
	Privacy  Privacy
	Profiles []*Profile

	Sections   []*Section
	Questions  []*Question // every question in file order; Question.Index is its place here
	Dimensions []*Dimension
	Indicators []*Indicator
	Scoring    Scoring
	Flags      []*Flag
	Referrals  []*Referral

	// Hash is the SHA-256 (hex) of the file's bytes, recorded in sessions so that a session
	// can tell when its guideline changed.
	Hash string
	Pos  Pos

	byID map[string]any // every id in the file's one namespace → its node
	// src is the file's bytes, read again only to place a condition's run-time failure at
	// the operator that failed (see Evaluator.Eval).
	src []byte
	// baseEnv is the condition environment with every question not asked (see notAskedEnv);
	// it is never changed after loading.
	baseEnv map[string]any
	// outcomeNames is OutcomeNames, worked out once at load (nil for a Guideline made by
	// hand, which works them out on every call).
	outcomeNames []OutcomeName
}

// ContentLang returns lang when the guideline has texts in it, else its first language:
// guideline texts exist only in the guideline's own languages, so every reader of a text
// in a language the guideline lacks (an interface language, say) reads the first one.
func (g *Guideline) ContentLang(lang string) string {
	if slices.Contains(g.Languages, lang) || len(g.Languages) == 0 {
		return lang
	}
	return g.Languages[0]
}

// Privacy holds the rules for what leaves the tool.
type Privacy struct {
	// ShareIdentityWhen decides whether sensitive answers appear in exports; nil means never.
	ShareIdentityWhen *Condition
}

// Profile is one kind of person the indicator strengths depend on (e.g. adult, child).
type Profile struct {
	ID   string
	Text Text
	When *Condition
	Pos  Pos
}

// Section is a group of questions with an optional condition. IntroSelf, when set, is shown
// instead of Intro while the person answers alone (self mode): an intro written for the
// interviewer to read aloud ("My name is …") speaks in the wrong voice on the person's
// screen. Without IntroSelf self mode shows Intro.
type Section struct {
	ID        string
	Title     Text
	Intro     Text // optional: read before the section's first question
	IntroSelf Text // optional: Intro as shown to a person answering alone
	Role      SectionRole
	When      *Condition // nil: always
	Questions []*Question
	Pos       Pos
}

// IntroFor returns the intro to show before the section: IntroSelf when the person answers
// alone and the section has one, else Intro (nil when the section has none).
func (s *Section) IntroFor(personAlone bool) Text {
	if personAlone && len(s.IntroSelf) > 0 {
		return s.IntroSelf
	}
	return s.Intro
}

// Question is one question of the interview.
type Question struct {
	ID        string
	Type      QuestionType
	Ask       Asker
	Text      Text
	Hint      Text // optional
	Choices   []*Choice
	Min, Max  *float64   // number only
	When      *Condition // nil: always (within its section)
	PauseWhen *Condition // optional: when it holds after this answer, suggest postponing
	Sensitive bool
	Section   *Section
	Index     int // position in Guideline.Questions
	Pos       Pos

	// Summary marks a fact about the person that the referral summary shows at its top
	// (age, citizenship, documents), whether or not an indicator rests on it.
	Summary bool
	// Label is the fact's short name as the summary prints it before the answer ("Age"),
	// where the question put to the person ("How old are you?") would read oddly; nil
	// when the file gives none (the summary then prints the question).
	Label Text

	// Future marks a yes/no question about something the person was told will happen
	// ("someone said they will keep your passport"): a yes is a risk announced, not yet a
	// fact, and the summary and the result say so.
	Future bool

	// Past marks a date question about something that has happened (an arrival, a
	// departure): the interview refuses a date after today, a typing slip it would
	// otherwise keep.
	Past bool

	// boxed holds, for yesno and choice questions, every value conditions can see, already
	// converted to any: Resolve runs on every answer, and boxing a string allocates.
	boxed map[string]any
}

// Choice is one option of a choice or multi question.
type Choice struct {
	ID   string
	Text Text
	Pos  Pos

	// Exclusive marks a choice of a multi question that cannot be combined with any other
	// ("Nothing was different"): an answer naming it together with another choice would
	// contradict itself and still be scored.
	Exclusive bool
}

// Dimension is an element of trafficking (ILO operational indicators, 2009).
type Dimension struct {
	ID    string
	Stage Stage
	Text  Text
	Pos   Pos
}

// Indicator is a sign of trafficking revealed by answers.
type Indicator struct {
	ID        string
	Dimension string
	// Strength by profile id. Without profiles, the single implicit profile is "" .
	// A profile missing from the map means the indicator does not apply to it.
	Strength map[string]Strength
	Text     Text
	When     *Condition
	// Evidence lists the question ids shown as evidence; by default the ids When names.
	Evidence []string
	Source   string
	// Provisional marks a grading that was not checked against its primary source.
	Provisional bool
	Pos         Pos

	evidenceQs []*Question // the questions of Evidence, resolved once at load
}

// EvidenceQuestions returns the questions shown as the indicator's evidence, in order: its
// evidence list, or else the questions its condition names.
func (x *Indicator) EvidenceQuestions() []*Question { return x.evidenceQs }

// Combination is one way a dimension becomes positive: minimum counts of present indicators
// by strength. All named minimums must be met.
type Combination struct {
	Strong, Medium, Weak int
	Pos                  Pos
}

// Scoring holds the rules that turn indicators into a result.
type Scoring struct {
	ElementPositive []Combination
	Outcomes        []*Outcome
	Pos             Pos
}

// Outcome is one possible result of the screening; the first whose condition holds wins.
type Outcome struct {
	ID    string
	Level Level
	Text  Text
	When  *Condition
	Pos   Pos
}

// Flag is an urgent matter or a contextual risk factor.
type Flag struct {
	ID      string
	Urgency Urgency
	Text    Text
	When    *Condition
	Refer   []string // referral ids
	Pos     Pos
}

// Referral is a service a person may be referred to.
type Referral struct {
	ID   string
	Name Text
	// Role is what the service does and when to call on it, written for the interviewer
	// and the staff who read results and summaries (consent, "given to everyone").
	Role Text
	// RoleSelf is what the service does for the person, said to them in plain words: what
	// a person answering alone reads beside the contact. It never falls back to Role, which
	// speaks about the person to staff; nil when the file gives none.
	RoleSelf Text
	// Contact is free text; ContactPending is true when the file leaves it for the deploying
	// organisation to fill in (an empty contact or one starting with "TO BE FILLED").
	Contact        string
	ContactPending bool
	// When is the referral's own condition: it is made when When holds or when a raised
	// flag lists it in refer, either being enough; nil means only through flags.
	When *Condition
	Pos  Pos
}

// Reachable reports whether the referral's contact is known: such a referral is shown to
// every person at the end of a self-check, whatever their answers, so it needs RoleSelf.
func (r *Referral) Reachable() bool {
	return !r.ContactPending && strings.TrimSpace(r.Contact) != ""
}

// Scope says which names a condition may use.
type Scope int

// Condition scopes, from narrowest to widest.
const (
	// ScopeAnswers: section, question, profile, indicator and privacy conditions — the
	// answers by question id.
	ScopeAnswers Scope = iota
	// ScopeFlag: flag conditions — the answers plus profile (the format's Profiles section
	// puts profile in scope for flags, so a "child" flag can follow the presumption of age).
	ScopeFlag
	// ScopeOutcome: answers plus profile, dimensions, indicators, flags, strong/medium/weak.
	ScopeOutcome
	// ScopeReferral: all of the above plus outcome.
	ScopeReferral
)

// Condition is a compiled expr-lang expression returning bool.
type Condition struct {
	Src    string
	Pos    Pos  // position of the YAML scalar (the quote, for a quoted scalar)
	Quoted bool // the scalar was quoted: expression column 1 is Pos.Col+1
	Block  bool // a block scalar (| or >): the expression starts on the next line
	Scope  Scope
	// Names lists the identifiers the expression uses, in order of first use, without
	// duplicates.
	Names []string
	prog  *vm.Program
}

// Scenario is a fictional training case (format earlyid/scenario/v1). It doubles as a test
// fixture: scoring its answers must give its Expected result.
type Scenario struct {
	File      string
	Format    string
	ID        string
	Guideline string // the guideline id it is written for
	Title     Text
	// Lesson is what the scenario teaches, for the trainer who chooses it and plays it (per
	// language, like Title; nil when the file has none).
	Lesson  Text
	Persona Text // briefing for the person role-playing the interviewee
	Answers Answers
	// AnswerPos holds the position of each answer's value (and NotePos each note's), so a
	// later finding can point at the file.
	AnswerPos map[string]Pos
	NotePos   map[string]Pos
	// NoteTexts holds the notes written per language, by question id, so a briefing can show
	// each in its own language (Note). A note written as one plain string is only in
	// Answers.Notes; a translated one is there too, in the first language the file gives.
	NoteTexts map[string]Text
	// RevealLater lists the questions whose answer the person gives only when asked a
	// second time, or once alone with the interviewer (a companion out of hearing): the
	// role card says so next to each. Each must be a question the scenario answers.
	RevealLater    []string
	RevealLaterPos map[string]Pos
	// AnswerTexts holds, by question id, a free-text answer as the person says it in each
	// language (a name, a relation): the role card shows it in its own language, while
	// Answers keeps the one value scoring and the interview see.
	AnswerTexts    map[string]Text
	AnswerTextsPos map[string]Pos
	Expected       Expected
	Pos            Pos

	src *scenarioSrc // the parsed nodes, so CheckScenario can point at the file
}

// Expected is the result a scenario must reach.
type Expected struct {
	Outcome    string
	Indicators []string // exactly the set that must be present
	Flags      []string // exactly the set that must be raised
	// Reasoning is how the expected result was worked out by hand from the guideline's rules,
	// so a reviewer can check the rules and the tool against each other. It is one plain
	// text (English, as the shipped scenarios write it: the working is in ids and rule names)
	// or, when ReasoningText is set, the text in the first language the file gives.
	Reasoning     string
	ReasoningText Text
	Pos           Pos
	// OutcomePos, IndicatorPos and FlagPos point at each expected id.
	OutcomePos   Pos
	IndicatorPos map[string]Pos
	FlagPos      map[string]Pos

	// Referrals and Dimensions, when the file lists them, are exactly the referrals that
	// must be made and the dimensions that must be positive; nil when the file leaves them
	// out, and then they are not checked. ReferralPos and DimensionPos point at each id.
	Referrals, Dimensions     []string
	ReferralPos, DimensionPos map[string]Pos
	// KeyPos points at each key of the expected block the file gives, by key, so that a
	// result the block fails to list is reported at the list that should name it.
	KeyPos map[string]Pos
}
