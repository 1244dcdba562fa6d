// Command e2ekeys turns a shipped training scenario into the keys that answer it in the
// interview TUI, for the end-to-end test (.ci/e2e) that drives the real binary in tmux.
//
// It runs the same engine over the scenario's answers, so it knows which questions apply
// and in what order, and prints one instruction per line:
//
//	WAIT <regexp>    wait until the pane's first line (the header) matches
//	SEE <text>       wait until the pane contains text
//	KEYS <k> ...     tmux send-keys key names (y, 2, Down, Space, Enter)
//	TEXT <text>      tmux send-keys -l (literal text)
//	QTEXT <text>     text of the question the interview stops at (-stop), for the checks
//	OUTCOME <text>   the expected outcome's text in the person's language
//
// Usage: go run ./interview/tui/internal/e2ekeys -scenario ID -lang uk -ui-lang ro [-stop N]
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

func main() {
	scenario := flag.String("scenario", "", "id of a shipped scenario")
	lang := flag.String("lang", "uk", "the person's language")
	uiLang := flag.String("ui-lang", "ro", "the interviewer's language")
	stop := flag.Int("stop", 0, "stop after this many answers (0: answer all and finish)")
	setup := flag.Bool("setup", true, "the setup form is shown first (confirm it with Enter)")
	flag.Parse()
	if err := run(*scenario, *lang, *uiLang, *stop, *setup); err != nil {
		fmt.Fprintln(os.Stderr, "e2ekeys:", err)
		os.Exit(1)
	}
}

func run(id, lang, uiLang string, stop int, setup bool) error {
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		return err
	}
	var sc *guidelines.Scenario
	for _, s := range scs {
		if s.ID == id {
			sc = s
		}
	}
	if sc == nil {
		return fmt.Errorf("no shipped scenario %q", id)
	}
	g, ds := guidelines.Open(sc.Guideline)
	if g == nil || ds.HasErrors() {
		return fmt.Errorf("guideline %s does not load", sc.Guideline)
	}
	li := locales.New(uiLang)
	s, err := interview.NewSession(g, "E2E-0000-KEYS", interview.ModeTraining, lang, uiLang, time.Now())
	if err != nil {
		return err
	}
	e, err := interview.New(g, s, interview.NewMemoryStore())
	if err != nil {
		return err
	}
	if setup {
		fmt.Println("SEE " + li.T("interview.setup.start", nil))
		// Interpreter (left as is), then the optional place, role and institution, typed as
		// a specialist would (Romanian diacritics included), the institution left empty;
		// then "start", and start.
		fmt.Println("KEYS Enter")
		fmt.Println("TEXT Palanca")
		fmt.Println("KEYS Enter")
		fmt.Println("TEXT ofițer de frontieră")
		fmt.Println("KEYS Enter Enter Enter")
	}
	e.Start()
	answered := 0
	for {
		if e.PauseSuggested() {
			fmt.Println("SEE " + li.T("tui.pause.continue", nil))
			fmt.Println("KEYS 3")
			e.ContinueAnyway()
			continue
		}
		st := e.Current()
		if st.Question == nil {
			break
		}
		q := st.Question
		p := e.Progress()
		marker := fmt.Sprintf("(^|[^0-9])%d · [0-9]+%%", p.Current)
		if stop > 0 && answered == stop {
			large := lang
			if interview.ForInterviewer(q) {
				large = uiLang
			}
			fmt.Println("WAIT " + marker)
			// Read on to the question itself, which may follow a long intro.
			fmt.Println("KEYS PageDown PageDown PageDown PageDown")
			fmt.Println("QTEXT " + prefix(q.Text.Plain(large, lang), 24))
			return nil
		}
		v, ok := sc.Answers.Values[q.ID]
		if !ok {
			v = guidelines.UnknownValue
		}
		fmt.Println("WAIT " + marker)
		// A question opens at the top of its text, and a key that would answer reads on
		// instead while the answers have not been on screen (a long consent text): read to the
		// end first, as an interviewer does. On a question that fits, PageDown does nothing.
		fmt.Println("KEYS PageDown PageDown PageDown PageDown")
		keys(q, v)
		if err := e.Answer(v); err != nil {
			return fmt.Errorf("answer to %s: %w", q.ID, err)
		}
		answered++
	}
	fmt.Println("SEE " + li.T("interview.review.finish", nil))
	fmt.Println("KEYS f")
	o := g.Outcome(sc.Expected.Outcome)
	if o == nil {
		return fmt.Errorf("scenario %s expects an unknown outcome %q", sc.ID, sc.Expected.Outcome)
	}
	fmt.Println("OUTCOME " + prefix(o.Text.Plain(lang), 30))
	return nil
}

// prefix returns the first words of s, at most n runes, ending at a word boundary, so
// that the text is on one line of the pane whatever the wrapping.
func prefix(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return cut
}

// keys prints the keys that give answer v to q.
func keys(q *guidelines.Question, v guidelines.Value) {
	n := len(q.Choices)
	switch q.Type {
	case guidelines.TypeYesNo:
		switch {
		case v.Special == guidelines.Unknown:
			fmt.Println("KEYS 3")
		case v.Special == guidelines.Declined:
			fmt.Println("KEYS 4")
		case v.Str == "yes":
			fmt.Println("KEYS y")
		default:
			fmt.Println("KEYS 2")
		}
	case guidelines.TypeChoice, guidelines.TypeMulti:
		switch {
		case v.Special == guidelines.Unknown:
			fmt.Println("KEYS " + downs(n) + "Enter")
		case v.Special == guidelines.Declined:
			fmt.Println("KEYS " + downs(n+1) + "Enter")
		case q.Type == guidelines.TypeChoice:
			fmt.Println("KEYS " + downs(choiceIndex(q, v.Str)) + "Enter")
		default:
			// Tick each choice with Space, moving down from the top, then confirm.
			cur := 0
			var b strings.Builder
			for _, c := range q.Choices {
				if !slices.Contains(v.List, c.ID) {
					continue
				}
				i := choiceIndex(q, c.ID)
				b.WriteString(downs(i - cur))
				b.WriteString("Space ")
				cur = i
			}
			fmt.Println("KEYS " + b.String() + "Enter")
		}
	default:
		switch v.Special {
		case guidelines.Unknown:
			fmt.Println("KEYS Down Enter")
		case guidelines.Declined:
			fmt.Println("KEYS Down Down Enter")
		default:
			text := v.Str
			if q.Type == guidelines.TypeNumber {
				text = strconv.FormatFloat(v.Num, 'f', -1, 64)
			}
			fmt.Println("TEXT " + text)
			fmt.Println("KEYS Enter")
		}
	}
}

func downs(n int) string { return strings.Repeat("Down ", n) }

func choiceIndex(q *guidelines.Question, id string) int {
	for i, c := range q.Choices {
		if c.ID == id {
			return i
		}
	}
	return 0
}
