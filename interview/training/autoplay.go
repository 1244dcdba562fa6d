package training

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/bilingual"
	"github.com/earlyid/earlyid/textsafe"
)

// AutoplayOptions configures Autoplay.
type AutoplayOptions struct {
	// Delay is the pause after each question and its answer (0: none).
	Delay time.Duration
	// Sleep waits d; nil means time.Sleep. Tests pass a recorder.
	Sleep func(d time.Duration)
	// Step, when set, is called instead of the pause after each question: it returns when
	// the presenter asks for the next one (a key on the terminal).
	Step func() error
	// Width, above 0, is the width of the screen: every line is wrapped to it between
	// words, never cut inside one.
	Width int
}

// Autoplay walks the interview of e through the scenario's answers by itself, for a
// projector: each question as the interview asks it (person's language, then the
// interviewer's), the scenario's answer and note, a pause of Delay, then the result and
// whether it is the one the scenario expects. It drives the engine exactly as a front end
// would — Answer, Note, and Goto past a question the scenario leaves unanswered — so the
// session is saved like any other and the result is the engine's own.
//
// A safety question whose pause_when holds is shown with its suggestion to postpone, and
// the demonstration goes on. The output is plain text, safe for any terminal. The session
// is marked Demo.
func Autoplay(e *interview.Engine, c *Case, out io.Writer, opts AutoplayOptions) (*indicators.Assessment, error) {
	sleep := opts.Sleep
	if sleep == nil {
		sleep = time.Sleep
	}
	g, sc, s := e.Guideline(), c.Scenario, e.Session()
	langs := bilingual.New(g, s.Lang, s.UILang, s.PersonAlone())
	lang, uiContent := langs.Person, langs.InterviewerContent()
	li, lp := langs.InterviewerUI, langs.PersonUI

	var werr error
	write := func(format string, args ...any) {
		if werr == nil {
			_, werr = io.WriteString(out, wrapLines(textsafe.Text(fmt.Sprintf(format, args...)), opts.Width))
		}
	}
	// pair is the text in both languages, as the interview orders them, each on one line.
	pair := func(t guidelines.Text, interviewerFirst bool) (string, string) {
		a, b := langs.Pair(t, interviewerFirst)
		return textsafe.Line(a), textsafe.Line(b)
	}

	title := txt(sc.Title, lang)
	write("earlyid · %s · %s\n", s.Code, li.T("common.training_banner", nil))
	write("%s\n", li.T("train.autoplay.title", map[string]any{"Title": title}))
	if opts.Step != nil {
		write("%s\n", li.T("train.autoplay.step", nil))
	}

	// The session is the scenario playing itself, not a trainee: marked, group debriefs
	// and reports leave it out.
	s.Demo = true
	if err := e.Start(); err != nil {
		return nil, err
	}
	var section *guidelines.Section
	skipped := map[string]bool{}
	for steps := 0; steps < 4*len(g.Questions)+4 && werr == nil; steps++ {
		if e.PauseSuggested() {
			write("\n  !! %s\n", li.T("train.autoplay.pause", nil))
			e.ContinueAnyway()
			continue
		}
		st := e.Current()
		if st.Question == nil {
			break // the review: every question the scenario answers is done
		}
		q := st.Question
		v, ok := sc.Answers.Values[q.ID]
		if !ok {
			if !skipped[q.ID] {
				skipped[q.ID] = true
				write("\n  (%s)\n", li.T("train.autoplay.not_in_scenario", map[string]any{"Question": q.ID}))
			}
			next := nextScripted(e, sc, q, skipped)
			if next == nil {
				break
			}
			if err := e.Goto(next.ID); err != nil {
				return nil, err
			}
			continue
		}
		if q.Section != section {
			section = q.Section
			a, b := pair(section.Title, false)
			if b != "" {
				a += " / " + b
			}
			write("\n== %s ==\n", a)
		}
		// Counted over the whole questionnaire: the number only moves forward.
		p := e.Headway()
		qa, qb := pair(q.Text, interview.ForInterviewer(q))
		observation := ""
		if q.Ask == guidelines.AskInterviewer {
			observation = " (" + li.T("interview.observation", nil) + ")"
		}
		write("\n[%d/%d]%s %s\n", p.Question, p.Questions, observation, qa)
		if qb != "" {
			write("      %s\n", qb)
		}
		aa, ab := valueText(q, v, lang, lp), valueText(q, v, uiContent, li)
		if interview.ForInterviewer(q) {
			aa, ab = ab, aa
		}
		if aa != ab {
			aa += " · " + ab
		}
		write("   → %s\n", aa)
		// The note is the interviewer's: in the interviewer's language, as it is recorded.
		if n := sc.Note(q.ID, uiContent); n != "" {
			write("     %s: %s\n", li.T("interview.note.title", nil), textsafe.Line(n))
			if err := e.Note(n); err != nil {
				return nil, err
			}
		}
		switch {
		case opts.Step != nil:
			if err := opts.Step(); err != nil {
				return nil, err
			}
		case opts.Delay > 0:
			sleep(opts.Delay)
		}
		if err := e.Answer(v); err != nil {
			return nil, fmt.Errorf("the scenario's answer to %s could not be given: %w", q.ID, err)
		}
	}
	if werr != nil {
		return nil, werr
	}
	a, err := e.Finish()
	if err != nil {
		return nil, err
	}
	write("\n== %s ==\n", li.T("interview.result.title", nil))
	var buf bytes.Buffer
	if err := indicators.WriteText(a, &buf, uiContent, li); err != nil {
		return nil, err
	}
	write("%s", buf.String())
	if exp := g.Outcome(sc.Expected.Outcome); exp != nil {
		key := "train.autoplay.expected_reached"
		if a.Outcome.ID != exp.ID {
			key = "train.autoplay.expected_missed"
		}
		write("\n%s\n", li.T(key, map[string]any{"Outcome": txt(exp.Text, uiContent)}))
	}
	write("%s\n", li.T("common.training_banner", nil))
	e.Close()
	if err := e.SaveError(); err != nil {
		write("%s\n", li.T("interview.save_failed", map[string]any{"Reason": err.Error()}))
	}
	return a, errors.Join(werr)
}

// wrapLines wraps every line of s to width between words (a word longer than the line
// stays whole), continuing a line under its own indent plus two spaces; width 0 leaves s.
func wrapLines(s string, width int) string {
	if width <= 0 {
		return s
	}
	var b strings.Builder
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		body := strings.TrimLeft(line, " ")
		indent := line[:len(line)-len(body)]
		if body == "" || len([]rune(line)) <= width {
			b.WriteString(line)
			continue
		}
		b.WriteString(strings.TrimSuffix(wrap(body, width, indent, indent+"  "), "\n"))
	}
	return b.String()
}

// nextScripted returns the first question after q (in file order, then from the start)
// that applies, is not answered yet, and that the scenario answers; nil when none is left.
func nextScripted(e *interview.Engine, sc *guidelines.Scenario, q *guidelines.Question, skipped map[string]bool) *guidelines.Question {
	qs := e.Guideline().Questions
	order := slices.Concat(qs[q.Index+1:], qs[:q.Index+1])
	answered := e.Session().Answers.Values
	for _, o := range order {
		if skipped[o.ID] || !e.Applies(o.ID) {
			continue
		}
		if _, done := answered[o.ID]; done {
			continue
		}
		if _, ok := sc.Answers.Values[o.ID]; ok {
			return o
		}
	}
	return nil
}
