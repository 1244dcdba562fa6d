package interview

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/earlyid/earlyid/guidelines"
)

// SessionVersion is the version of the session JSON this code writes and reads.
const SessionVersion = 1

// Mode says what kind of interview a session is.
type Mode string

// Interview modes. Training sessions are fictional cases and the only ones ever stored in
// plaintext; real and self sessions hold a real person's answers.
const (
	ModeReal     Mode = "real"
	ModeTraining Mode = "training"
	ModeSelf     Mode = "self" // the person answers alone: no hints, no result shown
)

// Status is where a session stands as a whole.
type Status string

// Session statuses.
const (
	StatusInProgress Status = "in_progress"
	StatusFinished   Status = "finished"
	StatusAbandoned  Status = "abandoned"
)

// Stage is the screen an interview is on. The three question stages come from the role of
// the current question's section.
type Stage string

// Interview stages, in the order an interview passes them.
const (
	StageSetup     Stage = "setup"     // before the first question: languages, code, interpreter
	StageSafety    Stage = "safety"    // a question of a section with role safety
	StageConsent   Stage = "consent"   // a question of a section with role consent
	StageQuestions Stage = "questions" // any other question
	StageReview    Stage = "review"    // every applicable question is answered
	StageResult    Stage = "result"    // finished; the assessment is shown
	StageDone      Stage = "done"      // the front end has closed the session
)

// Position is a place in the interview: a stage, and for the question stages the question.
type Position struct {
	Stage    Stage  `json:"stage"`
	Question string `json:"question,omitempty"`
}

// GuidelineRef identifies the exact guideline a session was run with.
type GuidelineRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// Timing records, per question, when it was last answered and how long its screen was shown,
// summed over every visit. Pilot evaluations use it to find slow or confusing questions.
type Timing struct {
	AnsweredAt *time.Time `json:"answered_at,omitempty"`
	Seconds    float64    `json:"seconds"`
	Visits     int        `json:"visits"`
}

// Export is one entry of the sharing log: a summary that left the tool. It is filled by the
// export command (a later issue); the engine only keeps it.
type Export struct {
	At         time.Time `json:"at"`
	Format     string    `json:"format"`
	Lang       string    `json:"lang,omitempty"`
	Recipients []string  `json:"recipients,omitempty"` // age recipients the file was encrypted to
	Redacted   bool      `json:"redacted"`             // sensitive answers were left out
	// LegalBasis names the legal exception under which sensitive answers were shared without
	// the person's consent (summary.LegalBases: risk_to_life, child_protection, …); "" when
	// none was invoked.
	LegalBasis string `json:"legal_basis,omitempty"`
}

// Session is one interview as plain data. It is what a Store saves and loads, and all an
// interview needs to be resumed exactly where it was.
type Session struct {
	Version     int          `json:"version"`
	Code        string       `json:"code"`
	Guideline   GuidelineRef `json:"guideline"`
	Mode        Mode         `json:"mode"`
	Lang        string       `json:"lang"`    // the person's (content) language
	UILang      string       `json:"ui_lang"` // the interviewer's language
	Interpreter bool         `json:"interpreter"`
	Created     time.Time    `json:"created"`
	Updated     time.Time    `json:"updated"`
	Status      Status       `json:"status"`

	// Place, InterviewerRole and Institution head the referral summary: where the interview
	// took place and who held it (a role such as "border police officer", never a name).
	// The export fills them in when the session lacks them.
	Place           string `json:"place,omitempty"`
	InterviewerRole string `json:"interviewer_role,omitempty"`
	Institution     string `json:"institution,omitempty"`

	// Answers holds every answer and note given, including answers to questions that no
	// longer apply (kept, shown as such in review, ignored by scoring).
	Answers guidelines.Answers `json:"answers"`
	Timings map[string]*Timing `json:"timings,omitempty"`

	Position Position `json:"position"`
	// History is the navigation stack: the positions left by moving forward, most recent
	// last. Back pops it.
	History []Position `json:"history,omitempty"`

	// PausePending names the safety question whose pause_when held after its answer, until
	// the interviewer decides to continue anyway or answers again.
	PausePending string `json:"pause_pending,omitempty"`
	// PauseOverrides lists the questions after which the interviewer continued although the
	// safety check suggested postponing.
	PauseOverrides []string `json:"pause_overrides,omitempty"`

	// Scenario is the id of the training scenario a simulation ran (earlyid simulate), so
	// debrief can find what the trainee should have found; "" for any other interview.
	Scenario string `json:"scenario,omitempty"`
	// Demo marks a training session that simulate --autoplay played by itself from the
	// scenario's answers: a demonstration, no trainee's work, so group debriefs and reports
	// leave it out.
	Demo bool `json:"demo,omitempty"`

	// InterviewerContinued is when the specialist reopened a self session to answer the
	// interviewer's questions it left open (earlyid resume --interviewer); nil otherwise.
	// The mode stays self, as the person's answers were given alone; from then on the
	// interview runs as a real one (see PersonAlone).
	InterviewerContinued *time.Time `json:"interviewer_continued,omitempty"`

	Remarks string   `json:"remarks,omitempty"` // closing remarks of the interviewer
	Exports []Export `json:"exports,omitempty"` // the sharing log

	// FollowUps is what the national referral system later decided about the person, as
	// recorded (earlyid sessions follow-up), oldest first: the last is the current result,
	// the others its history. A pilot measures the instrument against it.
	FollowUps []FollowUp `json:"follow_ups,omitempty"`
}

// FollowUpResult is what the referral system decided after an interview.
type FollowUpResult string

// Follow-up results.
const (
	FollowUpIdentified    FollowUpResult = "identified"     // formally identified as a victim
	FollowUpNotIdentified FollowUpResult = "not-identified" // assessed, not identified
	FollowUpPending       FollowUpResult = "pending"        // referred, no decision yet
	FollowUpLost          FollowUpResult = "lost-to-follow-up"
)

// FollowUpResults lists the follow-up results, in the order a user is shown them.
var FollowUpResults = []FollowUpResult{FollowUpIdentified, FollowUpNotIdentified, FollowUpPending, FollowUpLost}

// FollowUp is one record of a follow-up result: what was decided, when and by which
// institution (never a person's name), and when it was recorded here.
type FollowUp struct {
	Result   FollowUpResult `json:"result"`
	Date     string         `json:"date,omitempty"` // YYYY-MM-DD: when it was decided
	By       string         `json:"by,omitempty"`   // the institution that decided
	Note     string         `json:"note,omitempty"`
	Recorded time.Time      `json:"recorded"`
}

// NewSession returns a session for g at the setup stage. An empty code gets a generated one.
func NewSession(g *guidelines.Guideline, code string, mode Mode, lang, uiLang string, now time.Time) (*Session, error) {
	if code == "" {
		var err error
		if code, err = NewCaseCode(); err != nil {
			return nil, err
		}
	} else if err := ValidateCaseCode(code); err != nil {
		return nil, err
	}
	switch mode {
	case ModeReal, ModeTraining, ModeSelf:
	default:
		return nil, fmt.Errorf("the interview mode %q is not one of real, training, self", mode)
	}
	now = now.UTC()
	return &Session{
		Version:   SessionVersion,
		Code:      code,
		Guideline: GuidelineRef{ID: g.ID, Version: g.Version, Hash: g.Hash},
		Mode:      mode,
		Lang:      lang,
		UILang:    uiLang,
		Created:   now,
		Updated:   now,
		Status:    StatusInProgress,
		Answers:   guidelines.NewAnswers(),
		Timings:   map[string]*Timing{},
		Position:  Position{Stage: StageSetup},
	}, nil
}

// PersonAlone reports whether the person answers alone now: a self session that the
// interviewer has not continued. The engine then skips the interviewer's questions, and
// front ends show no hints and no result.
func (s *Session) PersonAlone() bool {
	return s.Mode == ModeSelf && s.InterviewerContinued == nil
}

// Meta is what a session list shows without the answers.
type Meta struct {
	Code      string       `json:"code"`
	Guideline GuidelineRef `json:"guideline"`
	Mode      Mode         `json:"mode"`
	Status    Status       `json:"status"`
	Created   time.Time    `json:"created"`
	Updated   time.Time    `json:"updated"`
	Answered  int          `json:"answered"`
}

// Meta returns the session's list entry.
func (s *Session) Meta() Meta {
	return Meta{
		Code: s.Code, Guideline: s.Guideline, Mode: s.Mode, Status: s.Status,
		Created: s.Created, Updated: s.Updated, Answered: len(s.Answers.Values),
	}
}

// Marshal encodes the session as indented JSON. Stores call it; an encrypting store
// encrypts these bytes.
func (s *Session) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("the session %s could not be encoded: %w", s.Code, err)
	}
	return append(data, '\n'), nil
}

// AppendCompact appends the session as compact JSON, one line, to b and returns the
// extended buffer. The encrypted store encrypts it at every autosave: no one reads that
// JSON but earlyid, and the indentation Marshal adds for people cost twice the time of
// the encoding itself. The bytes are those of json.Encoder without HTML escaping (see
// sessionjson.go), and UnmarshalSession reads both forms. The caller clears what it
// appended once it is encrypted: it is the person's answers in plaintext.
func (s *Session) AppendCompact(b []byte) ([]byte, error) {
	b, err := appendSession(b, s)
	if err != nil {
		return b, fmt.Errorf("the session %s could not be encoded: %w", s.Code, err)
	}
	return append(b, '\n'), nil
}

// UnmarshalSession decodes a session written by Marshal or AppendCompact and checks its version and code.
func UnmarshalSession(data []byte) (*Session, error) {
	var s Session
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, jsonDamage(err)
	}
	if s.Version != SessionVersion {
		return nil, fmt.Errorf("the session file has version %d; this earlyid reads version %d", s.Version, SessionVersion)
	}
	if err := ValidateCaseCode(s.Code); err != nil {
		return nil, fmt.Errorf("the session file is damaged: %w", err)
	}
	s.initMaps()
	s.dateNotes()
	return &s, nil
}

// dateNotes names the author of the notes a session written before notes had one holds.
// Only a self session can hold the person's notes: before the hand-over (or with none)
// the person was alone at the keyboard, so a note on a question answered then is theirs;
// a note on a question answered after it, or never answered, is the interviewer's. A
// note the interviewer added after the hand-over to a question the person had answered
// cannot be told apart and is counted as the person's, whose answer it stands beside.
func (s *Session) dateNotes() {
	for id := range s.Answers.Notes {
		if _, named := s.Answers.NoteBy[id]; named {
			continue
		}
		if s.Mode != ModeSelf {
			continue // unnamed, the interviewer's
		}
		t := s.Timings[id]
		if s.InterviewerContinued == nil || t != nil && t.AnsweredAt != nil && t.AnsweredAt.Before(*s.InterviewerContinued) {
			s.Answers.NoteBy[id] = guidelines.NoteByPerson
		}
	}
}

// jsonDamage describes a JSON decoding error by where it happened, never by what was
// found there: encoding/json quotes the character it stumbled on, and a file that is not a
// session may hold anything.
func jsonDamage(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("the session file is damaged: it is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("the session file is damaged: the field %q has a value of the wrong type", typ.Field)
	}
	return errors.New("the session file is damaged: it is not valid JSON")
}

// clone returns a deep copy of s through its JSON form, so a stored copy never shares
// maps or slices with the live session.
func (s *Session) clone() (*Session, error) {
	data, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	return UnmarshalSession(data)
}

// caseAlphabet is Crockford's base32 alphabet: digits and upper-case letters without I, L,
// O and U, so a code read aloud or copied by hand is not misread.
const caseAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewCaseCode returns a fresh pseudonymous case code such as MD-7K3Q-2PXA (40 random bits
// from crypto/rand). Codes without a digit are drawn again, so that every generated code
// passes ValidateCaseCode.
func NewCaseCode() (string, error) {
	for {
		var buf [8]byte
		if _, err := rand.Read(buf[:]); err != nil {
			return "", fmt.Errorf("no random case code could be made: %w", err)
		}
		var b strings.Builder
		b.WriteString("MD-")
		digit := false
		for i, c := range buf {
			if i == 4 {
				b.WriteByte('-')
			}
			ch := caseAlphabet[c&31] // 256 is a multiple of 32: no bias
			digit = digit || (ch >= '0' && ch <= '9')
			b.WriteByte(ch)
		}
		if digit {
			return b.String(), nil
		}
	}
}

// CaseCodeError explains why a case code given by the user was refused. Front ends show
// the localized message "interview.case.<Kind>".
type CaseCodeError struct {
	Code string
	Kind string // "length", "lowercase", "space", "chars", "no_digit", "reserved"
}

func (e *CaseCodeError) Error() string {
	switch e.Kind {
	case "length":
		return "a case code has 4 to 32 characters"
	case "lowercase":
		return "a case code is written in capital letters (A-Z), digits and dashes; lowercase letters suggest a name, which must never be used"
	case "space":
		return "a case code has no spaces; a name must never be used as a case code"
	case "no_digit":
		return "a case code contains at least one digit, so that it cannot be a name"
	case "reserved":
		return "a case code cannot be a name that Windows reserves for a device (CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9)"
	default:
		return "a case code contains only capital letters A-Z, digits and dashes"
	}
}

// ValidateCaseCode checks a user-given case code: 4–32 characters of A–Z, 0–9 and '-',
// with at least one digit. Codes are pseudonyms: the rules refuse what looks like a name
// (lowercase letters, spaces, letters only) with an error that says so.
func ValidateCaseCode(code string) error {
	n := len([]rune(code))
	if n < 4 || n > 32 {
		return &CaseCodeError{Code: code, Kind: "length"}
	}
	// Lowercase letters and spaces are checked first, in any script: they are what a name
	// typed by habit looks like, and the error says so.
	for _, r := range code {
		switch {
		case unicode.IsSpace(r):
			return &CaseCodeError{Code: code, Kind: "space"}
		case unicode.IsLower(r):
			return &CaseCodeError{Code: code, Kind: "lowercase"}
		}
	}
	digit := false
	for _, r := range code {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= 'A' && r <= 'Z', r == '-':
		default:
			return &CaseCodeError{Code: code, Kind: "chars"}
		}
	}
	if !digit {
		return &CaseCodeError{Code: code, Kind: "no_digit"}
	}
	if windowsDeviceName(code) {
		return &CaseCodeError{Code: code, Kind: "reserved"}
	}
	return nil
}

// windowsDeviceName reports whether name, in any case and with any extension, is one that
// Windows reserves for a device: a file named so cannot be created there (the name opens
// the device instead), so a session saved under it on Linux could never be opened on a
// Windows computer, and on Windows it could not be saved at all. The list is the one of
// Microsoft's "Naming Files, Paths, and Namespaces".
func windowsDeviceName(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// AnswersFor returns the answers of s that g's questions can take, as scoring sees them:
// answers kept from another version of the guideline that no longer fit are left out. The
// engine, the summary and the debrief all score a session through it.
func (s *Session) AnswersFor(g *guidelines.Guideline) guidelines.Answers {
	a := guidelines.NewAnswers()
	for id, v := range s.Answers.Values {
		q := g.Question(id)
		if q == nil {
			continue
		}
		if nv, err := Validate(q, v); err == nil {
			a.Values[id] = nv
		}
	}
	for id, n := range s.Answers.Notes {
		if g.Question(id) != nil {
			a.Notes[id] = n
			a.NoteBy[id] = s.Answers.NoteAuthor(id)
		}
	}
	return a
}

// initMaps gives a session decoded from a file, or built by hand, the maps the engine
// writes to (JSON leaves an empty map out, and decodes it as nil).
func (s *Session) initMaps() {
	if s.Answers.Values == nil {
		s.Answers.Values = map[string]guidelines.Value{}
	}
	if s.Answers.Notes == nil {
		s.Answers.Notes = map[string]string{}
	}
	if s.Answers.NoteBy == nil {
		s.Answers.NoteBy = map[string]string{}
	}
	if s.Timings == nil {
		s.Timings = map[string]*Timing{}
	}
}
