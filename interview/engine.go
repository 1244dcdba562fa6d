package interview

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// Engine runs one interview: what to ask now, answers, notes, navigation, and what the
// answers mean. It holds no UI: the TUI and the plain mode are thin front ends over it.
//
// Which questions apply is always guidelines.Resolve's answer (file order), recomputed after
// every change. Every change is saved through the Store before the method returns, so a
// front end shows the next question only after the save. A failed save loses nothing: the
// engine keeps the change in memory, SaveError reports the failure for a visible warning,
// and the next change (or Save) tries again. After DeferSaves the front end writes the
// changes itself, off its event loop (deferred.go).
//
// An Engine is not safe for concurrent use.
type Engine struct {
	g     *guidelines.Guideline
	s     *Session
	store Store
	now   func() time.Time
	ev    *guidelines.Evaluator
	res   *guidelines.Resolution
	// spare is the resolution before res, whose storage the next resolve reuses
	// (guidelines.ResolveReusing); nothing else reads it.
	spare *guidelines.Resolution

	saveErr error
	// saved: the store holds a version of the session, so a failed save leaves that one
	// intact. It is true once a save succeeded, or from the start for a session the store
	// already held.
	saved            bool
	guidelineChanged bool

	// deferred: changes are written by the front end (DeferSaves), not by save.
	// version counts the changes made, snapped is the version of the last Snapshot, and
	// written the version the last successful write held.
	deferred                  bool
	version, snapped, written uint64

	// The question screen being timed: its id and when it was shown.
	shownQ  string
	shownAt time.Time
}

// Option configures an Engine.
type Option func(*Engine)

// WithClock sets the clock the engine stamps times with (tests use a fake one).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// New returns an engine for session s of guideline g, saving through store. s must have been
// made for g (same id); when the guideline's content changed since (another hash), the
// engine still runs — answers to questions that are gone are kept but ignored — and
// GuidelineChanged reports it. New does not save; Start does.
func New(g *guidelines.Guideline, s *Session, store Store, opts ...Option) (*Engine, error) {
	if s.Guideline.ID != g.ID {
		return nil, fmt.Errorf("the session %s was made with the guideline %q, not %q", s.Code, s.Guideline.ID, g.ID)
	}
	e := &Engine{g: g, s: s, store: store, now: time.Now, ev: g.NewEvaluator()}
	for _, o := range opts {
		o(e)
	}
	s.initMaps()
	if h, ok := store.(interface{ Has(code string) bool }); ok {
		e.saved = h.Has(s.Code)
	}
	e.guidelineChanged = s.Guideline.Hash != "" && g.Hash != "" && s.Guideline.Hash != g.Hash
	if err := e.resolve(); err != nil {
		return nil, err
	}
	if isQuestionStage(s.Position.Stage) {
		// A position that no longer exists or applies (a changed guideline) moves on to the
		// first open question instead of showing something that should not be asked.
		if q := g.Question(s.Position.Question); q == nil || !e.asks(q) {
			s.Position = e.firstOpen(-1)
		}
	}
	e.enter()
	return e, nil
}

// Guideline returns the guideline the interview follows.
func (e *Engine) Guideline() *guidelines.Guideline { return e.g }

// Session returns the live session. Front ends read it (code, mode, languages); they change
// it only through the engine, or the change is not saved.
func (e *Engine) Session() *Session { return e.s }

// GuidelineChanged reports that the guideline's content differs from the one the session
// was started with; a front end should say so.
func (e *Engine) GuidelineChanged() bool { return e.guidelineChanged }

// Persistent reports whether the store keeps sessions beyond this process. When false
// (a real interview before the encrypted store exists), the front end must say on screen
// that nothing is saved to disk.
func (e *Engine) Persistent() bool {
	if p, ok := e.store.(Persister); ok {
		return p.Persistent()
	}
	return true
}

// SaveError returns the error of the last save, or nil when it succeeded. While it is not
// nil the front end shows a visible warning; the interview goes on in memory.
func (e *Engine) SaveError() error { return e.saveErr }

// Step is what the interview shows now.
type Step struct {
	Stage Stage
	// Question is the current question, Section its section and Role its section's role
	// (safety and consent are rendered specially); all nil/empty outside question stages.
	Question *guidelines.Question
	Section  *guidelines.Section
	Role     guidelines.SectionRole
	// Value is the answer already given to Question (when Answered), to show preselected.
	Value    guidelines.Value
	Answered bool
	// Prefilled is true when Question is not answered yet and Value holds the answer the
	// setup suggests for it (the interpreter question, see InterpreterPrefill): front ends
	// preselect it, and the interviewer confirms or changes it.
	Prefilled bool
	Note      string
	// FirstInSection is true on the section's first applicable question: show its title and
	// intro before it.
	FirstInSection bool
}

// Current returns what the interview shows now.
func (e *Engine) Current() Step {
	st := Step{Stage: e.s.Position.Stage}
	q := e.currentQuestion()
	if q == nil {
		return st
	}
	st.Question, st.Section, st.Role = q, q.Section, q.Section.Role
	st.Value, st.Answered = e.s.Answers.Values[q.ID]
	if !st.Answered && q.ID == InterpreterQuestion {
		st.Value, st.Prefilled = InterpreterPrefill(q, e.s.Interpreter)
	}
	st.Note = e.s.Answers.Notes[q.ID]
	st.FirstInSection = true
	for _, o := range q.Section.Questions {
		if o == q {
			break
		}
		if e.asks(o) {
			st.FirstInSection = false
			break
		}
	}
	return st
}

func (e *Engine) currentQuestion() *guidelines.Question {
	if !isQuestionStage(e.s.Position.Stage) {
		return nil
	}
	return e.g.Question(e.s.Position.Question)
}

// Start leaves the setup stage for the first applicable unanswered question (or the
// review, when a pre-filled session has nothing left to ask) and saves. On a session past
// setup (a resumed one) it only saves.
func (e *Engine) Start() error {
	if e.s.Position.Stage == StageSetup || e.s.Position.Stage == "" {
		e.leave()
		e.s.Position = e.firstOpen(-1)
		e.enter()
	}
	e.save()
	return nil
}

// SetLanguages sets the person's and the interviewer's language.
func (e *Engine) SetLanguages(lang, uiLang string) {
	e.s.Lang, e.s.UILang = lang, uiLang
	e.save()
}

// SetInterpreter records whether an interpreter is present.
func (e *Engine) SetInterpreter(present bool) {
	e.s.Interpreter = present
	e.save()
}

// SetRemarks records the interviewer's closing remarks. Remarks longer than MaxText
// characters are refused with an *AnswerError (ErrKindTooLong) and change nothing.
func (e *Engine) SetRemarks(text string) error {
	if err := tooLong("", text); err != nil {
		return err
	}
	e.s.Remarks = strings.TrimSpace(text)
	e.save()
	return nil
}

// Answer answers the current question with v and moves on: to the next applicable
// unanswered question after it in file order, else any applicable unanswered one, else the
// review. Answering again changes the answer; later answers that stop applying are kept
// (Review marks them) and apply again if the change is undone. An invalid v returns an
// *AnswerError and changes nothing.
func (e *Engine) Answer(v guidelines.Value) error {
	q := e.currentQuestion()
	if q == nil {
		return ErrNoQuestion
	}
	nv, err := Validate(q, v)
	if err != nil {
		return err
	}
	if nv.Special == guidelines.Declined && ForInterviewer(q) {
		return &AnswerError{Question: q.ID, Kind: ErrKindNotDeclinable, Value: nv.Special}
	}
	// A date about the past cannot be after today. The check needs the clock, so it is the
	// engine's, not Validate's: an answers file is read the same on any day.
	if q.Past && nv.Special == "" && nv.Str > e.now().Format(time.DateOnly) {
		return &AnswerError{Question: q.ID, Kind: ErrKindFutureDate, Value: nv.Str}
	}
	old, had := e.s.Answers.Values[q.ID]
	e.s.Answers.Values[q.ID] = nv
	if err := e.resolve(); err != nil {
		if had {
			e.s.Answers.Values[q.ID] = old
		} else {
			delete(e.s.Answers.Values, q.ID)
		}
		e.resolve()
		return err
	}
	if q.ID == InterpreterQuestion {
		// The answer is the one record of the interpreter; the setup only suggested it.
		if present, known := InterpreterPresent(q, nv); known {
			e.s.Interpreter = present
		}
	}
	now := e.now().UTC()
	e.leave()
	e.timing(q.ID).AnsweredAt = &now
	if e.s.Status == StatusFinished {
		e.s.Status = StatusInProgress // a changed answer reopens a finished interview
	}
	e.s.PausePending = ""
	if q.PauseWhen != nil {
		if hold, err := e.ev.Eval(q.PauseWhen, e.res.Env); err == nil && hold {
			e.s.PausePending = q.ID
		}
	}
	e.push()
	e.s.Position = e.firstOpen(q.Index)
	e.enter()
	e.save()
	return nil
}

// Note sets the note on the current question; an empty text removes it. The note is the
// person's while they answer alone (PersonAlone), else the interviewer's, and the session
// records which. A note longer than MaxText characters is refused with an *AnswerError
// (ErrKindTooLong).
func (e *Engine) Note(text string) error {
	q := e.currentQuestion()
	if q == nil {
		return ErrNoQuestion
	}
	if err := tooLong(q.ID, text); err != nil {
		return err
	}
	if text = strings.TrimSpace(text); text == "" {
		delete(e.s.Answers.Notes, q.ID)
		delete(e.s.Answers.NoteBy, q.ID)
	} else {
		e.s.Answers.Notes[q.ID] = text
		e.s.Answers.NoteBy[q.ID] = guidelines.NoteByInterviewer
		if e.s.PersonAlone() {
			e.s.Answers.NoteBy[q.ID] = guidelines.NoteByPerson
		}
	}
	e.save()
	return nil
}

// Back returns to the previous position, skipping positions that no longer apply. It
// returns ErrNoBack at the first question.
func (e *Engine) Back() error {
	h := e.s.History
	for len(h) > 0 {
		p := h[len(h)-1]
		h = h[:len(h)-1]
		if e.valid(p) {
			e.leave()
			e.s.History = h
			e.s.Position = p
			e.enter()
			e.save()
			return nil
		}
	}
	return ErrNoBack
}

// JumpToSection moves to the first unanswered applicable question of section id (its first
// applicable question when all are answered). Sections that do not apply, or have no
// applicable question (in self mode: none for the person), return ErrNotApplicable.
func (e *Engine) JumpToSection(id string) error {
	s := e.g.Section(id)
	if s == nil {
		return fmt.Errorf("%q: %w", id, ErrUnknownID)
	}
	var first, open *guidelines.Question
	for _, q := range s.Questions {
		if !e.asks(q) {
			continue
		}
		if first == nil {
			first = q
		}
		if _, ok := e.s.Answers.Values[q.ID]; !ok {
			open = q
			break
		}
	}
	if first == nil {
		return fmt.Errorf("%q: %w", id, ErrNotApplicable)
	}
	if open == nil {
		open = first
	}
	e.moveTo(e.questionPos(open))
	return nil
}

// Goto moves to question id (from the review, to change an answer). Questions that do not
// apply, and in self mode the interviewer's, return ErrNotApplicable.
func (e *Engine) Goto(id string) error {
	q := e.g.Question(id)
	if q == nil {
		return fmt.Errorf("%q: %w", id, ErrUnknownID)
	}
	if !e.asks(q) {
		return fmt.Errorf("%q: %w", id, ErrNotApplicable)
	}
	e.moveTo(e.questionPos(q))
	return nil
}

// OpenReview moves to the review, from wherever the interview is.
func (e *Engine) OpenReview() {
	e.moveTo(Position{Stage: StageReview})
}

func (e *Engine) moveTo(p Position) {
	if p == e.s.Position {
		return
	}
	e.leave()
	e.push()
	e.s.Position = p
	e.enter()
	e.save()
}

// PauseSuggested reports whether the last answer was to a question whose pause_when holds
// (the safety check): the front end suggests postponing, shows Contacts, and either stops
// (Quit) or records the interviewer's choice to go on (ContinueAnyway).
func (e *Engine) PauseSuggested() bool { return e.s.PausePending != "" }

// PauseQuestion returns the question that suggested the pause, or nil.
func (e *Engine) PauseQuestion() *guidelines.Question {
	if e.s.PausePending == "" {
		return nil
	}
	return e.g.Question(e.s.PausePending)
}

// ContinueAnyway records that the interviewer goes on although a pause was suggested.
func (e *Engine) ContinueAnyway() {
	if e.s.PausePending == "" {
		return
	}
	e.s.PauseOverrides = append(e.s.PauseOverrides, e.s.PausePending)
	e.s.PausePending = ""
	e.save()
}

// Contacts returns the referrals whose contact is known (not left for the deploying
// organisation to fill in), in file order: what to show when an interview is postponed.
func (e *Engine) Contacts() []*guidelines.Referral {
	var out []*guidelines.Referral
	for _, r := range e.g.Referrals {
		if r.Reachable() {
			out = append(out, r)
		}
	}
	return out
}

// SectionStatus is one section as a jump menu or a progress view shows it.
type SectionStatus struct {
	Section *guidelines.Section
	Applies bool // its condition holds and at least one of its questions is asked
	// Answered and Total count the questions of it that are asked (see Asks).
	Answered, Total int
}

// Sections returns every section in file order with whether it applies and its counts.
func (e *Engine) Sections() []SectionStatus {
	out := make([]SectionStatus, len(e.g.Sections))
	for i, s := range e.g.Sections {
		st := SectionStatus{Section: s}
		for _, q := range s.Questions {
			if !e.asks(q) {
				continue
			}
			st.Total++
			if _, ok := e.s.Answers.Values[q.ID]; ok {
				st.Answered++
			}
		}
		st.Applies = e.res.SectionApplies[i] && st.Total > 0
		out[i] = st
	}
	return out
}

// Progress counts the questions asked only (applicable ones, and in self mode only the
// person's), so the bar grows honestly.
type Progress struct {
	// Current is the 1-based place of the current question among the asked ones (Total at
	// the review and after; 0 at setup).
	Current int
	// Total is the number of asked questions; Answered how many of them are answered.
	Total, Answered int
}

// Progress returns the progress now; it changes with every answer.
func (e *Engine) Progress() Progress {
	var p Progress
	cur := e.currentQuestion()
	for _, q := range e.g.Questions {
		if !e.asks(q) {
			continue
		}
		p.Total++
		if _, ok := e.s.Answers.Values[q.ID]; ok {
			p.Answered++
		}
		if q == cur {
			p.Current = p.Total
		}
	}
	switch e.s.Position.Stage {
	case StageReview, StageResult, StageDone:
		p.Current = p.Total
	}
	return p
}

// Headway says how far the interview has come, in a way that only moves forward: the
// counter of asked questions (Progress) changes its total with every answer that opens or
// closes questions (9/15, then 10/37), and the interview may come back to an earlier
// question that a later answer made apply. Headway counts over every question this
// interview may ask (in self mode, the person's), applying or not, in file order: a total
// that never changes. The furthest point reached is the current question or the one after
// the last answer, whichever is further; Question is its place, Percent the share of the
// questions before it. Passing over questions that do not apply jumps them forward; coming
// back to an earlier question, by the engine or the interviewer, keeps them where they
// were. Section is the place, among Sections (those holding such questions), of the
// section of that furthest point.
type Headway struct {
	Question, Questions int
	Section, Sections   int
	Percent             int
}

// Headway returns how far the interview has come: at setup, question 0 and 0%; at the
// review and after, the last question and section and 100%.
func (e *Engine) Headway() Headway {
	var h Headway
	frontier := 0
	if cur := e.currentQuestion(); cur != nil {
		frontier = cur.Index
	}
	for id := range e.s.Answers.Values {
		if q := e.g.Question(id); q != nil && q.Index+1 > frontier {
			frontier = q.Index + 1
		}
	}
	before := 0
	var last *guidelines.Section
	for _, q := range e.g.Questions {
		if e.interviewerOnly(q) {
			continue
		}
		if q.Section != last {
			last = q.Section
			h.Sections++
		}
		if q.Index < frontier {
			before++
		}
		if q.Index <= frontier {
			h.Section = h.Sections
		}
		h.Questions++
	}
	switch e.s.Position.Stage {
	case StageSetup, "":
		return Headway{Questions: h.Questions, Sections: h.Sections}
	case StageReview, StageResult, StageDone:
		return Headway{Question: h.Questions, Questions: h.Questions, Section: h.Sections, Sections: h.Sections, Percent: 100}
	}
	h.Question = min(before+1, h.Questions)
	if h.Questions > 0 {
		h.Percent = before * 100 / h.Questions
	}
	return h
}

// ReviewItem is one question in the review.
type ReviewItem struct {
	Question *guidelines.Question
	Value    guidelines.Value
	Answered bool
	// Applies is false for an answer kept from before a change made its question not apply:
	// shown as such, ignored by scoring.
	Applies bool
	Note    string
}

// ReviewSection is one section of the review.
type ReviewSection struct {
	Section *guidelines.Section
	Applies bool
	Items   []ReviewItem
}

// Review returns, by section in file order, every applicable question and every answered
// one (answered questions that no longer apply are marked). Sections with neither are left
// out. In self mode the interviewer's questions are left out: the person was not asked them.
func (e *Engine) Review() []ReviewSection {
	var out []ReviewSection
	for i, s := range e.g.Sections {
		rs := ReviewSection{Section: s, Applies: e.res.SectionApplies[i]}
		for _, q := range s.Questions {
			if e.interviewerOnly(q) {
				continue
			}
			v, answered := e.s.Answers.Values[q.ID]
			applies := e.applies(q)
			if !applies && !answered {
				continue
			}
			rs.Items = append(rs.Items, ReviewItem{
				Question: q, Value: v, Answered: answered, Applies: applies,
				Note: e.s.Answers.Notes[q.ID],
			})
		}
		if len(rs.Items) > 0 {
			out = append(out, rs)
		}
	}
	return out
}

// Applies reports whether question id applies to the answers given so far.
func (e *Engine) Applies(id string) bool {
	q := e.g.Question(id)
	return q != nil && e.applies(q)
}

// Answers returns the answers scoring sees: every answer to a question of the guideline
// that the question can take (answers kept from an older version of a changed guideline
// that no longer fit are left out). Answers to questions that do not apply are included;
// the scoring ignores them, as it ignores them in an answers file.
func (e *Engine) Answers() guidelines.Answers { return e.s.AnswersFor(e.g) }

// Assessment scores the answers given so far (the live indicator panel). A condition of the
// guideline that fails while it runs leaves its part out (a.Unevaluated says which, and
// every front end shows it) but is no error here: an interview always ends with a result,
// and is kept.
func (e *Engine) Assessment() (*indicators.Assessment, error) {
	a, err := indicators.Score(e.g, e.Answers())
	var incomplete *indicators.IncompleteError
	if errors.As(err, &incomplete) {
		return a, nil
	}
	return a, err
}

// Finish scores the interview, marks it finished, moves to the result and saves. It may be
// called before every question is answered (an interview cut short).
func (e *Engine) Finish() (*indicators.Assessment, error) {
	a, err := e.Assessment()
	if err != nil {
		return nil, err
	}
	e.leave()
	if e.s.Position.Stage != StageResult {
		e.push()
	}
	e.s.Position = Position{Stage: StageResult}
	e.s.Status = StatusFinished
	e.s.PausePending = ""
	e.save()
	return a, nil
}

// Close marks the interview done after its result was shown.
func (e *Engine) Close() {
	e.leave()
	e.s.Position = Position{Stage: StageDone}
	e.save()
}

// Abandon marks the interview abandoned (it will not be completed); the answers are kept.
func (e *Engine) Abandon() {
	e.leave()
	e.s.Status = StatusAbandoned
	e.save()
}

// Quit stops the clock on the current screen and saves, keeping the position for a later
// resume. It returns the save's error (also kept in SaveError; after DeferSaves, the
// last write's, since the front end writes this save). The engine stays usable.
func (e *Engine) Quit() error {
	e.leave()
	e.save()
	e.enter()
	return e.saveErr
}

// Save saves the session again (to retry after a failed save) and returns the result. It
// writes at once even after DeferSaves: a front end calls it only once its event loop
// has ended.
func (e *Engine) Save() error {
	e.stamp()
	e.record(e.version, e.store.Save(e.s))
	return e.saveErr
}

// save stamps and saves the session (after DeferSaves, only stamps it: the front end
// writes it). A failure is kept for SaveError; the session in memory keeps every change,
// and the next save writes all of it.
func (e *Engine) save() {
	e.stamp()
	if !e.deferred {
		e.record(e.version, e.store.Save(e.s))
	}
}

// stamp counts a change and dates the session.
func (e *Engine) stamp() {
	e.version++
	e.s.Updated = e.now().UTC()
}

// record keeps the result of writing the session as it stood at version.
func (e *Engine) record(version uint64, err error) {
	switch {
	case err == nil:
		e.saved = true
		e.written = max(e.written, version)
	case !e.saved:
		err = &unsavedError{err}
	}
	e.saveErr = err
}

// unsavedError is a failed save of a session of which no version is stored: the warning
// must not promise that the last save is intact (SaveFailedMessage).
type unsavedError struct{ err error }

func (e *unsavedError) Error() string { return e.err.Error() }
func (e *unsavedError) Unwrap() error { return e.err }

func (e *Engine) resolve() error {
	// Into the spare, so that res stays whole when resolving fails.
	res, err := e.g.ResolveReusing(e.ev, e.s.Answers.Values, e.spare)
	if err != nil {
		return err
	}
	e.spare, e.res = e.res, res
	return nil
}

func (e *Engine) applies(q *guidelines.Question) bool { return e.res.Applies[q.Index] }

// Asks reports whether the interview puts question id to whoever answers: it applies and,
// in self mode, it is not the interviewer's (ForInterviewer). Progress, navigation and the
// next question all follow it.
func (e *Engine) Asks(id string) bool {
	q := e.g.Question(id)
	return q != nil && e.asks(q)
}

func (e *Engine) asks(q *guidelines.Question) bool {
	return e.applies(q) && !e.interviewerOnly(q)
}

// interviewerOnly reports whether q is skipped because the person answers alone.
func (e *Engine) interviewerOnly(q *guidelines.Question) bool {
	return e.s.PersonAlone() && ForInterviewer(q)
}

// ForInterviewer reports whether q is for the interviewer, not the person: an observation
// (ask: interviewer) or a question of the safety check (a section with role safety). In
// self mode the engine skips them and leaves them unanswered, for a specialist to complete.
func ForInterviewer(q *guidelines.Question) bool {
	return q.Ask == guidelines.AskInterviewer || (q.Section != nil && q.Section.Role == guidelines.RoleSafety)
}

// firstOpen returns the position of the first applicable unanswered question after index
// after in file order, else the first one before it, else the review.
func (e *Engine) firstOpen(after int) Position {
	qs := e.g.Questions
	for _, q := range qs[after+1:] {
		if e.open(q) {
			return e.questionPos(q)
		}
	}
	for _, q := range qs[:after+1] {
		if e.open(q) {
			return e.questionPos(q)
		}
	}
	return Position{Stage: StageReview}
}

func (e *Engine) open(q *guidelines.Question) bool {
	if !e.asks(q) {
		return false
	}
	_, answered := e.s.Answers.Values[q.ID]
	return !answered
}

func (e *Engine) questionPos(q *guidelines.Question) Position {
	return Position{Stage: stageOf(q), Question: q.ID}
}

// valid reports whether p can be shown now (Back skips positions that cannot).
func (e *Engine) valid(p Position) bool {
	switch {
	case isQuestionStage(p.Stage):
		q := e.g.Question(p.Question)
		return q != nil && e.asks(q)
	case p.Stage == StageReview:
		return true
	default:
		return false // never back into setup, a result or a closed interview
	}
}

// push records the current position on the history, for Back.
func (e *Engine) push() {
	if p := e.s.Position; p.Stage != "" && p.Stage != StageSetup {
		e.s.History = append(e.s.History, p)
	}
}

// enter starts timing the current question's screen.
func (e *Engine) enter() {
	q := e.currentQuestion()
	if q == nil {
		e.shownQ = ""
		return
	}
	e.shownQ, e.shownAt = q.ID, e.now()
	e.timing(q.ID).Visits++
}

// leave adds the time the current question's screen was shown to its timing.
func (e *Engine) leave() {
	if e.shownQ == "" {
		return
	}
	d := e.now().Sub(e.shownAt).Seconds()
	if d > 0 {
		t := e.timing(e.shownQ)
		t.Seconds = math.Round((t.Seconds+d)*1000) / 1000
	}
	e.shownQ = ""
}

func (e *Engine) timing(id string) *Timing {
	t := e.s.Timings[id]
	if t == nil {
		t = &Timing{}
		e.s.Timings[id] = t
	}
	return t
}

func stageOf(q *guidelines.Question) Stage {
	switch q.Section.Role {
	case guidelines.RoleSafety:
		return StageSafety
	case guidelines.RoleConsent:
		return StageConsent
	default:
		return StageQuestions
	}
}

func isQuestionStage(s Stage) bool {
	return s == StageSafety || s == StageConsent || s == StageQuestions
}
