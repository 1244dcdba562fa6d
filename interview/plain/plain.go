// Package plain is the line-based (accessible) front end of the interview: numbered
// prompts on stdout, one answer per line on stdin, and never an escape sequence. It is
// usable with a screen reader, over a slow link and in scripts
// (earlyid interview --plain < answers.txt). It runs the same interview.Engine as the TUI,
// so the same answers give the same result.
//
// # Input grammar
//
// One answer per line; surrounding spaces are ignored. The engine reads the answers
// (interview.ParseInput, as for the TUI); the plain mode adds its commands.
//
//	yes/no questions   y, yes, n, no — or da, nu (ro), так, ні (uk), да, нет (ru); or 1, 2
//	every question     ?  = don't know        -  = prefer not to answer
//	one choice         its number in the list, or its id
//	several choices    numbers or ids separated by commas: 1,3 or telegram,viber
//	number             as typed: 24, 1.5 (a decimal comma, 1,5, works too)
//	date               YYYY-MM-DD, or DD.MM.YYYY
//	text               as typed (start it with "::" to type a text that starts with ":")
//
// Commands, on a line of their own:
//
//	:back         go back to the previous question
//	:goto N       go to question N (its number in "Question N" and in the review),
//	              or :goto ID; ":goto" alone lists the questions with their answers
//	:section N    go to section N, or :section ID; ":section" alone lists the sections
//	:note TEXT    attach a note to the current question (":note" alone removes it)
//	:quit         save and stop; continue later with: earlyid resume CODE
//	:x            quick exit: save, clear the screen (on a terminal) and stop; Ctrl+X
//	              anywhere in a line does the same, where the terminal passes it on
//	:help         show this grammar
//
// At the review, the interviewer writes the closing remarks the summary prints (never in
// self mode: the person answers alone):
//
//	:remarks TEXT  the remarks are TEXT (one line)
//	:remarks       the remarks are the lines typed next, up to an empty line or a line
//	               holding only "." (a screen reader reads each line back; a script ends
//	               them as it ends any other input)
//	:remarks -     delete them
//
// The quick exit is the only output that is not plain text: on a terminal it clears the
// screen (and, in most terminals, the scroll-back) with an escape sequence, so that nothing
// of the interview stays in view.
//
// A wrong answer is explained and asked again. End of input saves and stops cleanly,
// keeping the position (after the last question it shows the result). When every
// question is answered, the review lists the answers, numbered for :goto, and an empty
// line shows the result (in self mode: ends). When the input ends while the
// last save failed, nothing is left to ask where a copy should go: Run warns that the
// last answers are not saved and returns ErrNotSaved, so that scripts notice.
package plain

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/bilingual"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// Ending says how a plain-mode run ended. Every ending has saved the session (as far as
// the store allows; see interview.Engine.SaveError) and is a clean exit.
type Ending int

// The ways a run ends.
const (
	Finished   Ending = iota // the result was shown (or, in self mode, where to get help)
	Quit                     // the user typed :quit
	EndOfInput               // stdin ended before the interview did
	Postponed                // the safety check suggested postponing and the interviewer agreed
	QuickExit                // the user typed :x or Ctrl+X
)

// Options changes how Run behaves.
type Options struct {
	// Terminal is true when the output is a terminal: the quick exit clears it.
	Terminal bool
	// Prompt is true when the input is a terminal, someone typing: a new session's setup
	// asks what Setup leaves open. Otherwise (a script) the flags and defaults apply.
	Prompt bool
	Setup  Setup
}

// clearScreen moves the cursor home, erases the screen and then the scroll-back (CSI 3 J,
// understood by xterm, VTE, kitty, iTerm2 and Windows Terminal; others ignore it).
const clearScreen = "\x1b[H\x1b[2J\x1b[3J"

// ctrlX is the byte a terminal in line mode passes on for Ctrl+X (it has no meaning there).
const ctrlX = "\x18"

// ErrNotSaved is returned by Run when the input ended while the last save had failed
// and no copy was written: the answers since the last successful save were lost. Run has
// already printed why and what to do next time; the command only has to exit non-zero.
var ErrNotSaved = errors.New("the input ended while the last answers could not be saved") // i18n:ignore: never shown, Run printed plain.eof.not_saved

// Run runs the interview of e from where it stands to its end, reading answers from in
// and writing to out. A session still at setup is started. A session whose questions are
// all answered before any is asked (a complete pre-filled answers file, or a resumed
// session at the review) goes straight to the result. The error is for failures the
// interview cannot go on after (writing to out, a broken guideline condition); a failed
// save is only warned about, except at the end of the input: then there is no way left to
// keep the answers, and Run returns ErrNotSaved (after the ending's own error, if any).
// o says how the interview starts and whether a person types at a terminal.
func Run(e *interview.Engine, in io.Reader, out io.Writer, o Options) (Ending, error) {
	r := newRunner(e, in, out)
	r.terminal = o.Terminal
	end, err := r.run(o)
	if r.eof && !r.copied && r.e.SaveError() != nil && r.e.Persistent() {
		if !r.offered {
			// :quit would have offered a copy; at the end of the input nobody can type
			// where it should go, so say loudly that the answers are lost.
			r.println("")
			r.println(r.t("plain.eof.not_saved", map[string]any{"Copy": r.e.CanSaveCopy()}))
		}
		err = errors.Join(err, ErrNotSaved)
	}
	return end, err
}

type runner struct {
	e   *interview.Engine
	g   *guidelines.Guideline
	s   *interview.Session
	in  *bufio.Reader // the ONE reader of the whole run: piped input is never lost
	out io.Writer
	err error // first write error

	langs bilingual.Languages // the person's and the interviewer's
	self  bool

	section  *guidelines.Section // section whose heading was printed last
	asked    bool                // a question was shown in this run
	saveWarn bool                // a save failure is being reported
	eof      bool                // the input has ended
	offered  bool                // a copy was offered after the last save failed (rescue.go)
	copied   bool                // and written
	terminal bool                // out is a terminal (Options.Terminal)
	quick    bool                // the quick exit was asked for: every read ends the input
	// pending is a line read but not used yet: a command typed during the setup ends it
	// and is then read where commands work.
	pending string
}

func newRunner(e *interview.Engine, in io.Reader, out io.Writer) *runner {
	s := e.Session()
	g := e.Guideline()
	br, ok := in.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(in)
	}
	self := s.PersonAlone()
	return &runner{e: e, g: g, s: s, in: br, out: out, self: self,
		langs: bilingual.New(g, s.Lang, s.UILang, self)}
}

func (r *runner) run(o Options) (Ending, error) {
	r.header()
	if st := r.e.Current().Stage; st == interview.StageSetup || st == "" {
		r.setup(o)
		if err := r.e.Start(); err != nil {
			return EndOfInput, err
		}
	}
	r.saveStatus()
	for r.err == nil {
		if r.e.PauseSuggested() {
			if end, stop := r.pause(); stop {
				return end, r.err
			}
			continue
		}
		st := r.e.Current()
		switch st.Stage {
		case interview.StageReview:
			if !r.asked {
				return r.finish()
			}
			end, stop, err := r.review()
			if err != nil || stop {
				return end, errors.Join(err, r.err)
			}
		case interview.StageResult, interview.StageDone:
			return r.finish()
		default:
			end, stop, err := r.question(st)
			if err != nil || stop {
				return end, errors.Join(err, r.err)
			}
		}
	}
	return EndOfInput, r.err
}

// print writes text made safe for the terminal. Everything goes through here, so no
// escape sequence can reach the output, whatever a file or an answer holds.
func (r *runner) print(s string) {
	if r.err != nil {
		return
	}
	_, r.err = io.WriteString(r.out, textsafe.Text(s))
}

func (r *runner) println(s string) { r.print(s + "\n") }

// t is an interviewer-language UI string.
func (r *runner) t(id string, data map[string]any) string { return r.langs.InterviewerUI.T(id, data) }

func (r *runner) header() {
	title := r.langs.ForInterviewer(r.g.Title)
	r.println(fmt.Sprintf("earlyid · %s · %s", r.s.Code, title))
	if r.s.Mode == interview.ModeTraining {
		r.println(r.t("common.training_banner", nil))
	}
	if !r.e.Persistent() {
		r.println(r.t("interview.memory_only", nil))
	}
	if r.e.GuidelineChanged() {
		r.println(r.t("interview.guideline_changed", nil))
	}
	if r.self {
		r.println(r.t("interview.self.intro", nil))
	}
	r.help()
	r.println("")
}

// help prints the input grammar in short.
func (r *runner) help() {
	r.println(r.t("plain.prompt.special", nil))
	r.println(r.t("plain.commands", nil))
	r.println(r.t("plain.commands.navigate", nil))
	r.println(r.t("plain.commands.quick_exit", nil))
	if !r.self {
		r.println(r.t("plain.commands.remarks", nil))
	}
}

// saveStatus warns once when saving starts failing and says so when it works again.
func (r *runner) saveStatus() {
	err := r.e.SaveError()
	switch {
	case err != nil && !r.saveWarn:
		r.saveWarn = true
		r.println(interview.SaveFailedMessage(r.langs.InterviewerUI, err))
	case err == nil && r.saveWarn:
		r.saveWarn = false
		r.println(r.t("plain.saved", nil))
	}
}

// readLine reads one line; eof is true when the input has ended and line is empty.
func (r *runner) readLine() (line string, eof bool) {
	if r.quick {
		return "", true
	}
	if s := r.pending; s != "" {
		r.pending = ""
		return s, false
	}
	s, err := r.in.ReadString('\n')
	s = strings.TrimRight(s, "\r\n")
	if err != nil && s == "" {
		r.eof = true
		return "", true
	}
	// The quick exit is read here, under every prompt (a question, the review, the
	// postpone question, the remarks), and the line that asked for it is not an answer.
	if strings.Contains(s, ctrlX) || strings.EqualFold(strings.TrimSpace(s), ":x") {
		r.quick = true
		return "", true
	}
	return s, false
}

// refused prints why the engine refused a note or the remarks (too long) and reports
// whether it did.
func (r *runner) refused(err error) bool {
	var ae *interview.AnswerError
	if errors.As(err, &ae) {
		r.println(r.t("interview.error."+ae.Kind, ae.Data()))
		return true
	}
	return err != nil
}

// quickExit saves and leaves the screen with nothing of the interview on it. Only when
// the save failed does it stop as :quit does instead, offering an encrypted copy, as the
// TUI's quick exit does: clearing the screen must not cost the answers.
func (r *runner) quickExit() (Ending, bool, error) {
	r.e.Quit()
	if r.e.Persistent() && r.e.SaveError() != nil {
		r.quick = false // the copy's path is read next
		return r.stop(Quit)
	}
	if r.terminal && r.err == nil {
		_, r.err = io.WriteString(r.out, clearScreen) // the one escape sequence plain mode writes
	}
	r.println(r.t("plain.quick_exit.done", map[string]any{"Cleared": r.terminal}))
	return QuickExit, true, r.err
}

func (r *runner) prompt() { r.print("> ") }

// sectionHeading prints a section's heading, once each time the interview enters the
// section: its title (the guideline's own title names the safety check and consent too),
// then what the interviewer is to do in it, then its intro (in self mode, the one written
// for the person reading alone).
func (r *runner) sectionHeading(sec *guidelines.Section) {
	r.section = sec
	r.println("")
	a, b := r.langs.Pair(sec.Title, sec.Role == guidelines.RoleSafety)
	if b != "" {
		a += " / " + b
	}
	r.println("== " + r.t("plain.section", map[string]any{"Title": a}) + " ==")
	switch {
	case r.self: // the person reads alone: no instructions meant for the interviewer
	case sec.Role == guidelines.RoleSafety && r.s.InterviewerContinued != nil:
		// resume --interviewer: the person has answered alone, so "before you begin" would
		// be untrue; the interviewer is told that they take over, as on the full screen.
		r.println(r.t("tui.handover.intro", nil))
	case sec.Role == guidelines.RoleSafety:
		r.println(r.t("interview.safety.intro", nil))
	case sec.Role == guidelines.RoleConsent:
		r.println(r.t("interview.consent.read_aloud", nil))
	}
	if intro := sec.IntroFor(r.self); len(intro) > 0 {
		a, b := r.langs.Pair(intro, sec.Role == guidelines.RoleSafety)
		r.println(a)
		if b != "" {
			r.println(b)
		}
	}
}

func (r *runner) showQuestion(st interview.Step) {
	q := st.Question
	if st.Section != r.section {
		r.sectionHeading(st.Section)
	}
	// The question's number is the review's (for :goto); how far the interview has come
	// is the engine's headway, which only moves forward.
	p, h := r.e.Progress(), r.e.Headway()
	r.println("")
	// The safety check says once, above it, that it is for the interviewer only.
	if q.Ask == guidelines.AskInterviewer && st.Role != guidelines.RoleSafety {
		r.println(r.t("interview.observation", nil))
	}
	forInterviewer := interview.ForInterviewer(q)
	secTitle := r.langs.ForInterviewer(st.Section.Title)
	r.println(r.t("plain.question_header", map[string]any{"Index": p.Current, "Percent": h.Percent, "Section": secTitle}))
	a, b := r.langs.Pair(q.Text, forInterviewer)
	r.println(a)
	if b != "" {
		r.println(b)
	}
	if !r.self && len(q.Hint) > 0 {
		h := r.langs.ForInterviewer(q.Hint)
		r.println("  " + r.t("interview.hint.title", nil) + ": " + h)
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		r.println("  1) y  " + r.langs.Message("interview.answer.yes", forInterviewer))
		r.println("  2) n  " + r.langs.Message("interview.answer.no", forInterviewer))
	case guidelines.TypeChoice, guidelines.TypeMulti:
		for i, c := range q.Choices {
			a, b := r.langs.Pair(c.Text, forInterviewer)
			if b != "" {
				a += " · " + b
			}
			r.println(fmt.Sprintf("  %d) %s", i+1, a))
		}
	}
	r.println("  ?) " + r.langs.Message("interview.answer.unknown", forInterviewer))
	if !forInterviewer { // declining is the person's right; the engine refuses it here
		r.println("  -) " + r.langs.Message("interview.answer.declined", forInterviewer))
	}
	r.println("  " + r.typeHelp(q))
	switch {
	case st.Answered:
		r.println("  " + r.t("interview.current_answer", map[string]any{"Answer": r.valueText(q, st.Value)}) + " " + r.t("plain.enter_keeps", nil))
	case st.Prefilled:
		r.println("  " + r.t("interview.prefilled_answer", map[string]any{"Answer": r.valueText(q, st.Value)}) + " " + r.t("plain.enter_keeps", nil))
	}
	if st.Note != "" {
		r.println("  " + r.t("interview.note.title", nil) + ": " + st.Note)
	}
}

func (r *runner) typeHelp(q *guidelines.Question) string {
	switch q.Type {
	case guidelines.TypeYesNo:
		return r.t("plain.prompt.yesno", nil)
	case guidelines.TypeChoice:
		return r.t("plain.prompt.choice", nil)
	case guidelines.TypeMulti:
		return r.t("plain.prompt.multi", nil)
	case guidelines.TypeNumber:
		d := map[string]any{}
		if q.Min != nil {
			d["Min"] = strconv.FormatFloat(*q.Min, 'f', -1, 64)
		}
		if q.Max != nil {
			d["Max"] = strconv.FormatFloat(*q.Max, 'f', -1, 64)
		}
		switch {
		case q.Min != nil && q.Max != nil:
			return r.t("plain.prompt.number_range", d)
		case q.Min != nil:
			return r.t("plain.prompt.number_min", d)
		case q.Max != nil:
			return r.t("plain.prompt.number_max", d)
		}
		return r.t("plain.prompt.number", nil)
	case guidelines.TypeDate:
		return r.t("plain.prompt.date", nil)
	default:
		return r.t("plain.prompt.text", nil)
	}
}

// valueText renders an answer for the interviewer, its choices in the language they read
// the guideline in.
func (r *runner) valueText(q *guidelines.Question, v guidelines.Value) string {
	return q.ValueText(v, r.langs.InterviewerContent(),
		r.t("interview.answer.yes", nil), r.t("interview.answer.no", nil),
		r.t("interview.answer.unknown", nil), r.t("interview.answer.declined", nil))
}

// command splits a typed command into its name, in lower case, and the rest of the line.
func command(line string) (cmd, arg string) {
	cmd, arg, _ = strings.Cut(strings.TrimSpace(line), " ")
	return strings.ToLower(cmd), arg
}

// move runs a command that moves through the interview (:back, :goto, :section), which the
// question and the review both take, and reports whether the interview moved (then the
// caller shows where it stands).
func (r *runner) move(cmd, arg string) bool {
	if cmd != ":back" && cmd != ":b" {
		return r.navigate(cmd, arg)
	}
	if err := r.e.Back(); err != nil {
		r.println(r.t("plain.first_question", nil))
		return false
	}
	r.saveStatus()
	return true
}

// question shows the current question and reads lines until one changes the interview.
func (r *runner) question(st interview.Step) (Ending, bool, error) {
	r.asked = true
	r.showQuestion(st)
	for {
		r.prompt()
		line, eof := r.readLine()
		if eof && r.quick {
			return r.quickExit()
		}
		if eof {
			return r.stop(EndOfInput)
		}
		if IsCommand(line) {
			cmd, arg := command(line)
			switch cmd {
			case ":back", ":b", ":goto", ":g", ":section", ":s":
				if r.move(cmd, arg) {
					return 0, false, nil
				}
				continue
			case ":note", ":n":
				if strings.TrimSpace(arg) == "" {
					r.println(r.t("plain.note_empty", nil))
					continue
				}
				if r.refused(r.e.Note(textsafe.Line(arg))) {
					continue
				}
				r.println(r.t("interview.note.saved", nil))
				r.saveStatus()
				continue
			case ":quit", ":q":
				return r.stop(Quit)
			case ":help", ":h", ":?":
				r.help()
				continue
			case ":remarks", ":r":
				if !r.self {
					r.println(r.t("plain.remarks.review_only", nil))
					continue
				}
				fallthrough // the person answering alone has no remarks to write
			default:
				r.println(r.t("plain.unknown_command", map[string]any{"Command": cmd}))
				continue
			}
		}
		v, err := parseLine(st.Question, line)
		if (st.Answered || st.Prefilled) && strings.TrimSpace(line) == "" {
			// Back at an answered question, an empty line keeps the answer and goes on, as
			// Enter does in the full-screen interface; so it takes an answer the setup
			// suggested.
			v, err = st.Value, nil
		}
		if err == nil {
			err = r.e.Answer(v)
		}
		var ae *interview.AnswerError
		if errors.As(err, &ae) {
			r.println(r.t("interview.error."+ae.Kind, ae.Data()))
			continue
		}
		if err != nil {
			return EndOfInput, true, err // a guideline condition failed: a bug in the file
		}
		r.saveStatus()
		return 0, false, nil
	}
}

// stop saves (keeping the position) and says how to continue.
func (r *runner) stop(end Ending) (Ending, bool, error) {
	r.e.Quit()
	r.println("")
	r.saveStatus()
	switch {
	case !r.e.Persistent():
		r.println(r.t("plain.quit.memory", nil))
	case r.e.SaveError() == nil:
		if end == EndOfInput {
			r.println(r.t("plain.end_of_input", nil))
		} else {
			r.println(r.t("plain.saved", nil))
		}
		r.println(r.t("interview.resume_hint", map[string]any{"Code": r.s.Code}))
	case !r.eof && r.e.CanSaveCopy():
		r.offerCopy() // the save failed: the answers live only in memory, so offer a copy elsewhere
	}
	// At the end of the input with the save failed, Run warns that the answers are lost.
	return end, true, nil
}

// pause is the safety check's stop: suggest postponing, show the contacts, and ask whether
// to go on anyway. stop is true when the interview ends here.
func (r *runner) pause() (Ending, bool) {
	r.println("")
	r.println("== " + r.t("interview.safety.postpone.title", nil) + " ==")
	r.println(r.t("interview.safety.postpone.body", nil))
	// The person is to be given these contacts: their names in the person's language too.
	r.contacts(r.e.Contacts(), r.langs.Interviewer, r.langs.Person, r.langs.InterviewerUI)
	for {
		r.print(r.t("plain.pause.continue", nil) + " ")
		line, eof := r.readLine()
		if eof && r.quick {
			end, _, _ := r.quickExit()
			return end, true
		}
		if eof {
			end, _, _ := r.stop(Postponed)
			return end, true
		}
		w := strings.ToLower(strings.TrimSpace(line))
		yes, ok := interview.YesNo(w)
		switch {
		case ok && yes:
			r.e.ContinueAnyway()
			r.saveStatus()
			return 0, false
		case ok, w == ":quit", w == ":q":
			end, _, _ := r.stop(Postponed)
			return end, true
		default:
			r.println(r.t("interview.error.not_yes_no", nil))
		}
	}
}

// contacts lists referral contacts in lang; with alsoLang, each name is followed by its name
// in that language when it differs.
func (r *runner) contacts(refs []*guidelines.Referral, lang, alsoLang string, l *locales.Localizer) {
	if len(refs) == 0 {
		return
	}
	r.println(l.T("common.where_to_get_help", nil) + ":")
	for _, ref := range refs {
		name := ref.Name.Plain(lang, r.langs.Person)
		if also := ref.Name.Plain(alsoLang, r.langs.Person); alsoLang != "" && also != name {
			name += " · " + also
		}
		line := "  - " + name
		if c := strings.TrimSpace(ref.Contact); c != "" && !ref.ContactPending {
			line += ": " + c
		}
		r.println(line)
		// A referral's role is written for the interviewer (when to call it, with what
		// consent, "given to everyone, as information"); the person alone reads role_self,
		// said to them, and never the staff's text in its place.
		about := ref.Role
		if r.self {
			about = ref.RoleSelf
		}
		if text := about.Plain(lang, r.langs.Person); text != "" {
			r.println("    " + text)
		}
	}
}

// review lists the answers, numbered for :goto, and waits for an empty line (the result;
// in self mode the end), :back, :goto, :section or :quit.
func (r *runner) review() (Ending, bool, error) {
	r.section = nil // a question shown after the review enters its section again
	r.println("")
	r.println("== " + r.t("interview.review.title", nil) + " ==")
	r.listAnswers()
	prompt := "plain.review.prompt"
	if r.self {
		prompt = "plain.review.prompt_self" // no result is shown to the person
	} else {
		r.showRemarks()
	}
	r.println(r.t(prompt, nil))
	for {
		r.prompt()
		line, eof := r.readLine()
		if eof && r.quick {
			return r.quickExit()
		}
		if eof { // nothing left to ask: end of input after the last answer means "done"
			end, err := r.finish()
			return end, true, err
		}
		cmd, arg := command(line)
		switch cmd {
		case "":
			end, err := r.finish()
			return end, true, err
		case ":back", ":b", ":goto", ":g", ":section", ":s":
			if r.move(cmd, arg) {
				return 0, false, nil
			}
		case ":quit", ":q":
			return r.stop(Quit)
		case ":help", ":h", ":?":
			r.help()
		case ":remarks", ":r":
			if !r.self { // the person answering alone is never asked for them
				r.remarks(arg)
			}
			r.println(r.t(prompt, nil))
		default:
			r.println(r.t(prompt, nil))
		}
	}
}

// showRemarks prints the interviewer's closing remarks as the summary will hold them, or
// how to write them.
func (r *runner) showRemarks() {
	r.println("")
	if r.s.Remarks == "" {
		r.println(r.t("plain.remarks.none", nil))
		return
	}
	r.println(r.t("plain.remarks.title", nil))
	for _, line := range strings.Split(r.s.Remarks, "\n") {
		r.println("  " + line)
	}
}

// remarks runs :remarks with arg: one line of remarks, "-" to delete them, or, without
// arg, the lines typed next up to an empty line or ".". Ending the lines at once (or the
// input ending) before any was typed keeps the remarks as they are, so a stray :remarks
// loses nothing.
func (r *runner) remarks(arg string) {
	switch arg = strings.TrimSpace(textsafe.Line(arg)); arg {
	case "":
	case "-":
		r.e.SetRemarks("")
		r.println(r.t("plain.remarks.deleted", nil))
		r.saveStatus()
		return
	default:
		if r.refused(r.e.SetRemarks(arg)) {
			return
		}
		r.println(r.t("plain.remarks.saved", nil))
		r.saveStatus()
		return
	}
	if r.s.Remarks != "" { // the ones the new lines replace, to read before typing
		r.showRemarks()
	}
	r.println(r.t("plain.remarks.enter", nil))
	var lines []string
	for {
		r.prompt()
		line, eof := r.readLine()
		line = strings.TrimRightFunc(textsafe.Line(line), unicode.IsSpace)
		if eof || strings.TrimSpace(line) == "" || strings.TrimSpace(line) == "." {
			break
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		r.println(r.t("plain.remarks.unchanged", nil))
		return
	}
	if r.refused(r.e.SetRemarks(strings.Join(lines, "\n"))) {
		r.println(r.t("plain.remarks.unchanged", nil))
		return
	}
	r.println(r.t("plain.remarks.saved", nil))
	r.saveStatus()
}

// listAnswers prints every question of the review by section, the ones asked numbered as
// "Question N" numbers them, with their answers and notes.
func (r *runner) listAnswers() {
	n := 0
	for _, rs := range r.e.Review() {
		title := r.langs.ForInterviewer(rs.Section.Title)
		r.println(title)
		for _, it := range rs.Items {
			qt := r.langs.ForInterviewer(it.Question.Text)
			ans := r.t("common.not_answered", nil)
			if it.Answered {
				ans = r.valueText(it.Question, it.Value)
			}
			num := "   "
			if it.Applies {
				n++
				num = fmt.Sprintf("%2d.", n)
			} else {
				ans += " (" + r.t("interview.no_longer_applies", nil) + ")"
			}
			r.println("  " + num + " " + qt + " — " + ans)
			if it.Note != "" {
				r.println("       " + r.t("interview.note.title", nil) + ": " + it.Note)
			}
		}
	}
}

// navigate runs :goto or :section with arg (a number from the lists, or an id). Without
// arg it prints the list to choose from. It reports whether the interview moved.
func (r *runner) navigate(cmd, arg string) bool {
	arg = strings.TrimSpace(arg)
	section := cmd == ":section" || cmd == ":s"
	if arg == "" {
		if section {
			r.listSections()
		} else {
			r.listAnswers()
			r.println(r.t("plain.goto.usage", nil))
		}
		return false
	}
	var err error
	if section {
		err = r.jumpToSection(arg)
	} else {
		err = r.gotoQuestion(arg)
	}
	if err != nil {
		kind := "plain.goto.unknown"
		switch {
		case section && errors.Is(err, interview.ErrNotApplicable):
			kind = "plain.section.not_applicable"
		case section:
			kind = "plain.section.unknown"
		case errors.Is(err, interview.ErrNotApplicable):
			kind = "plain.goto.not_applicable"
		}
		r.println(r.t(kind, map[string]any{"Arg": arg}))
		return false
	}
	r.saveStatus()
	return true
}

// gotoQuestion moves to question arg: its number among the questions asked, or its id.
func (r *runner) gotoQuestion(arg string) error {
	if n, err := strconv.Atoi(arg); err == nil {
		i := 0
		for _, q := range r.g.Questions {
			if r.e.Asks(q.ID) {
				if i++; i == n {
					return r.e.Goto(q.ID)
				}
			}
		}
		return interview.ErrUnknownID
	}
	return r.e.Goto(strings.ToLower(arg))
}

// jumpToSection moves to section arg: its number in the :section list, or its id.
func (r *runner) jumpToSection(arg string) error {
	if n, err := strconv.Atoi(arg); err == nil {
		i := 0
		for _, st := range r.e.Sections() {
			if st.Applies {
				if i++; i == n {
					return r.e.JumpToSection(st.Section.ID)
				}
			}
		}
		return interview.ErrUnknownID
	}
	return r.e.JumpToSection(strings.ToLower(arg))
}

// listSections prints the sections that apply, numbered for :section, with how many of
// their questions are answered.
func (r *runner) listSections() {
	i := 0
	for _, st := range r.e.Sections() {
		if !st.Applies {
			continue
		}
		i++
		title := r.langs.ForInterviewer(st.Section.Title)
		r.println(r.t("plain.section.list_item", map[string]any{"Index": i, "Title": title, "Answered": st.Answered, "Total": st.Total}))
	}
	r.println(r.t("plain.section.usage", nil))
}

// finish scores the interview and shows the result, or in self mode where to get help.
func (r *runner) finish() (Ending, error) {
	a, err := r.e.Finish()
	if err != nil {
		return Finished, err
	}
	r.saveStatus()
	r.println("")
	if r.self {
		r.println("== " + r.t("interview.self.end.title", nil) + " ==")
		if r.e.Persistent() {
			r.println(r.t("interview.self.end.saved", nil))
		}
		// Every known contact, emergency first: the person alone has no interviewer to
		// give them the ones their answers do not point to.
		r.contacts(r.e.Contacts(), r.langs.Person, "", r.langs.PersonUI)
	} else {
		r.println("== " + r.t("interview.result.title", nil) + " ==")
		var buf bytes.Buffer
		if err := indicators.WriteText(a, &buf, r.langs.InterviewerContent(), r.langs.InterviewerUI); err != nil {
			return Finished, err
		}
		r.print(buf.String())
	}
	r.e.Close()
	r.saveStatus()
	switch {
	case !r.e.Persistent():
		r.println("")
		r.println(r.t("plain.quit.memory", nil))
	case r.e.SaveError() == nil:
		r.println("")
		r.println(r.t("plain.finished.saved", map[string]any{"Code": r.s.Code}))
	case !r.eof && r.e.CanSaveCopy():
		// As after :quit (and as the TUI does when it closes): the last changes exist only
		// in memory, so offer to write them elsewhere before earlyid ends.
		r.println("")
		r.offerCopy()
	}
	return Finished, r.err
}
