package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// rowStart matches the first line of an answer row ("  ▸ 1  text" or "    2  text").
var rowStart = regexp.MustCompile(`^(    |  ▸ )\d+  `)

// A long answer wraps under its own first word, on the selected row as on the others: the
// pointer must not push the selected row's continuation lines out of line.
func TestWrappedAnswersHangUnderTheirText(t *testing.T) {
	s := session{guideline: "mixed-flows-md", lang: "uk", uiLang: "ro", mode: interview.ModeTraining,
		answers: map[string]guidelines.Value{"s_private": {Str: "yes"}}}
	view := runKeys(t, New(s.engine(t), Options{}), 60, 20)
	lines := strings.Split(ansi.Strip(view), "\n")
	checked := 0
	for i := 0; i < len(lines); i++ {
		m := rowStart.FindString(lines[i])
		if m == "" {
			continue
		}
		want := ansi.StringWidth(m)
		for j := i + 1; j < len(lines) && continues(lines[j]); j++ {
			if got := len(lines[j]) - len(strings.TrimLeft(lines[j], " ")); got != want {
				t.Errorf("line %d hangs at column %d, its row's text starts at %d:\n%s", j+1, got, want, view)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatalf("no answer wrapped at 60 columns; the test no longer tests anything:\n%s", view)
	}
}

// continues says whether line can be a continuation of an answer row: not empty, not a new
// row, not the "…" or "↓ more below" of a cut list nor the footer's rule.
func continues(line string) bool {
	s := strings.TrimSpace(line)
	return s != "" && !rowStart.MatchString(line) && !strings.HasPrefix(s, "…") && !strings.HasPrefix(s, "↓ ") && !strings.HasPrefix(s, "─")
}

// On a small terminal the consent text does not fit with its answers: it opens at its
// first word (it is read aloud from the top), the keys that would answer read on until the
// answers have been on the screen, PgUp brings the beginning back, and once read through
// Enter answers. The text is kept whole in both languages, so it takes a few presses.
func TestLongConsentIsReadFromItsFirstWord(t *testing.T) {
	g := guideline(t, "mixed-flows-md")
	answers := map[string]guidelines.Value{}
	var consent *guidelines.Section
	for _, sec := range g.Sections {
		if sec.Role == guidelines.RoleConsent {
			consent = sec
			break
		}
		for _, q := range sec.Questions {
			answers[q.ID] = guidelines.Value{Special: guidelines.Unknown}
		}
	}
	answers["s_private"], answers["s_able"] = guidelines.Value{Str: "yes"}, guidelines.Value{Str: "yes"}
	if consent == nil || len(consent.Intro) == 0 {
		t.Fatal("the default guideline has no consent section with an intro")
	}
	s := session{guideline: "mixed-flows-md", lang: "uk", uiLang: "ro", mode: interview.ModeTraining, answers: answers}
	opening := strings.Fields(consent.Intro["uk"])[0] + " " + strings.Fields(consent.Intro["uk"])[1]

	// It opens at its first word, with the answers out of view and the footer saying that
	// Enter reads on.
	view := ansi.Strip(runKeys(t, New(s.engine(t), Options{}), 60, 20))
	if !strings.Contains(view, opening) || strings.Contains(view, "▸ 1") {
		t.Fatalf("the consent does not open at its first words (%q), before its answers:\n%s", opening, view)
	}
	readOn := locales.New("ro").T("tui.key.read_on.short", nil)
	if !strings.Contains(view, "enter "+readOn) {
		t.Errorf("the footer does not say that Enter reads on (%q):\n%s", readOn, view)
	}
	// y, 1 and Enter read on until the answers come: nothing is answered unread.
	e := s.engine(t)
	var m tea.Model = update(New(e, Options{}), tea.WindowSizeMsg{Width: 60, Height: 20})
	q := e.Current().Question
	presses := 0
	for ; presses < 20 && !strings.Contains(plainView(m), "▸ 1"); presses++ {
		m = update(m, keyRunes([]string{"y", "1", "\r"}[presses%3]))
		if presses%3 == 2 {
			m = update(m, keyEnter)
		}
		if _, ok := e.Session().Answers.Values[q.ID]; ok {
			t.Fatalf("answered after %d presses, before the answers were on the screen:\n%s", presses+1, plainView(m))
		}
	}
	if presses < 2 || presses == 20 {
		t.Fatalf("the answers came after %d presses; the text is longer than one half-screen and ends:\n%s", presses, plainView(m))
	}
	var ups []tea.Msg
	for range 10 { // more than it takes: a PgUp at the top does nothing
		ups = append(ups, tea.KeyMsg{Type: tea.KeyPgUp})
	}
	if v := plainView(update(m, ups...)); !strings.Contains(v, opening) {
		t.Errorf("after PgUp the beginning of the consent text (%q) is not shown:\n%s", opening, v)
	}
	// Read through: Enter answers the answer under the cursor.
	update(m, keyEnter)
	if _, ok := e.Session().Answers.Values[q.ID]; !ok {
		t.Errorf("Enter with the answers on the screen did not answer %s", q.ID)
	}
}

// The full help must be readable whole on the smallest terminal: ↓ scrolls it until the
// last key (the quick exit) is in view.
func TestHelpScrollsOnASmallTerminal(t *testing.T) {
	s := session{lang: "uk", uiLang: "ro", answers: map[string]guidelines.Value{"safe_to_talk": {Str: "yes"}}}
	keys := []tea.Msg{keyRunes("?")}
	for range 30 {
		keys = append(keys, tea.KeyMsg{Type: tea.KeyDown})
	}
	view := ansi.Strip(runKeys(t, New(s.engine(t), Options{}), 60, 20, keys...))
	last := ""
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(l, "  ^X") {
			last = l
		}
	}
	if last == "" {
		t.Errorf("after scrolling, the help does not show the quick exit key:\n%s", view)
	}
	// Up again brings the title back.
	for range 30 {
		keys = append(keys, tea.KeyMsg{Type: tea.KeyUp})
	}
	if view := ansi.Strip(runKeys(t, New(s.engine(t), Options{}), 60, 20, keys...)); !strings.Contains(view, "Taste") {
		t.Errorf("after scrolling back up, the help's title is not shown:\n%s", view)
	}
}

// TestMultiMessageAlwaysShown: on the default guideline's longest multi question, whose
// choices fill a small screen, Enter with nothing ticked says "choose at least one" where
// it can be read, from the first choice and from the last, at both sizes. The golden is
// the 60×20 screen.
func TestMultiMessageAlwaysShown(t *testing.T) {
	const id = "consent_share_with"
	for _, lp := range langPairs {
		t.Run(lp.lang+"-"+lp.uiLang, func(t *testing.T) {
			answers := merge(scenarioAnswers("mixed-flows-md-border-stranger-offer"), nil)
			delete(answers, id)
			want := locales.New(lp.uiLang).T("interview.error.empty_multi", nil)
			for _, size := range [][2]int{{60, 20}, {80, 24}} {
				for _, downs := range []int{0, 7} {
					e := session{guideline: guidelines.DefaultID, lang: lp.lang, uiLang: lp.uiLang, answers: answers}.engine(t)
					if err := e.Start(); err != nil {
						t.Fatal(err)
					}
					if err := e.Goto(id); err != nil {
						t.Fatal(err)
					}
					keys := []tea.Msg{}
					for range downs {
						keys = append(keys, keyDown)
					}
					view := runKeys(t, New(e, Options{}), size[0], size[1], append(keys, keyEnter)...)
					if !strings.Contains(strings.Join(strings.Fields(view), " "), firstWords(want, 3)) {
						t.Errorf("%dx%d, cursor on row %d: the message %q is not in view:\n%s", size[0], size[1], downs+1, want, view)
					}
					if size[0] == 60 && downs == 0 {
						golden.RequireEqual(t, []byte(view))
					}
				}
			}
		})
	}
}

// The marker that says how to treat a question ("◆ For the interviewer — do not read aloud", "◆ For the
// interviewer only", "◆ Read this to the person") stays on the screen when a long intro
// above the question scrolls: at 60×20 too, and after PgDn and PgUp.
func TestMarkerPinnedAboveLongIntro(t *testing.T) {
	g := guideline(t, guidelines.DefaultID)
	answers := scenarioAnswers("mixed-flows-md-border-stranger-offer")
	checked := 0
	for _, lp := range langPairs {
		for _, q := range g.Questions {
			if !interview.ForInterviewer(q) && q.Section.Role != guidelines.RoleConsent {
				continue
			}
			s, err := interview.NewSession(g, "MD-7K3Q-2PXA", interview.ModeReal, lp.lang, lp.uiLang, fixedNow())
			if err != nil {
				t.Fatal(err)
			}
			for id, v := range answers {
				s.Answers.Values[id] = v
			}
			s.Position = interview.Position{Stage: stageOf(q), Question: q.ID}
			e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
			if err != nil {
				t.Fatal(err)
			}
			if e.Session().Position.Question != q.ID {
				continue // does not apply with these answers
			}
			checked++
			var m tea.Model = New(e, Options{})
			for _, size := range []tea.WindowSizeMsg{{Width: 60, Height: 20}, {Width: 80, Height: 24}} {
				m = update(m, size)
				for _, k := range []tea.Msg{nil, keyPgDown, keyPgDown, keyPgUp} {
					if k != nil {
						m = update(m, k)
					}
					if v := plainView(m); !strings.Contains(v, "◆") {
						t.Errorf("%s-%s %s at %dx%d: the marker scrolled out:\n%s", lp.lang, lp.uiLang, q.ID, size.Width, size.Height, v)
					}
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d questions with a marker checked", checked)
	}
}
