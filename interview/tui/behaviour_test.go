package tui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// TestQuickExit: Ctrl+X and Ctrl+C leave a neutral final frame with nothing of the
// interview, and the session is saved at the question that was on the screen.
func TestQuickExit(t *testing.T) {
	for _, k := range []tea.KeyMsg{keyCtrlX, keyCtrlC} {
		t.Run(k.String(), func(t *testing.T) {
			store := diskStore{interview.NewMemoryStore()}
			e := session{lang: "uk", uiLang: "ro", store: store, mode: interview.ModeTraining}.engine(t)
			tm := teatest.NewTestModel(t, New(e, Options{}), teatest.WithInitialTermSize(80, 24))
			tm.Send(keyRunes("y")) // safety: yes
			tm.Send(keyRunes("y")) // consent to the interview
			tm.Send(keyRunes("n")) // a note on the next question…
			tm.Send(keyRunes("Пропозиція від незнайомця"))
			tm.Send(k) // …interrupted while typing it
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
			view := fm.View()
			if strings.TrimSpace(view) != "$" {
				t.Errorf("final frame = %q, want the neutral prompt", view)
			}
			for _, secret := range []string{"MD-7K3Q-2PXA", "earlyid", "Якщо Ви хочете", "Пропозиція", "INSTRUIRE"} {
				if strings.Contains(view, secret) {
					t.Errorf("final frame shows %q", secret)
				}
			}
			saved, err := store.Load("MD-7K3Q-2PXA")
			if err != nil {
				t.Fatal(err)
			}
			if got := saved.Position; got.Stage != interview.StageConsent || got.Question != "consent_share" {
				t.Errorf("saved at %+v, want the consent_share question", got)
			}
			if got := saved.Answers.Values["consent_interview"]; got.Str != "yes" {
				t.Errorf("consent_interview = %+v, want yes", got)
			}
		})
	}
}

// TestFullInterviewByKeys runs a whole bilingual interview from the setup form to the
// result with the keyboard alone, in both language pairs, and checks that the result is
// the one the scoring gives for the same answers.
func TestFullInterviewByKeys(t *testing.T) {
	for _, lp := range langPairs {
		t.Run(lp.lang+"-"+lp.uiLang, func(t *testing.T) {
			store := diskStore{interview.NewMemoryStore()}
			e := session{lang: "en", uiLang: "en", store: store}.engine(t)
			opts := Options{AskLang: true, AskUILang: true, AskInterpreter: true}
			var m tea.Model = New(e, opts)
			m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
			// Setup: pick the person's language and the interviewer's with ←→.
			m = chooseLang(t, m, lp.lang, 0)
			m = update(m, keyDown)
			m = chooseLang(t, m, lp.uiLang, 1)
			m = update(m, keyDown, tea.KeyMsg{Type: tea.KeyRight}) // interpreter: yes
			// The summary's header: typed in the optional fields (j, k, h, l and ←→ are text
			// there), Enter and ↓ to the next field, then start.
			m = update(m, keyDown, keyRunes("Palanca, punctul de trecere"), tea.KeyMsg{Type: tea.KeyLeft}, keyRunes("j"),
				keyEnter, keyRunes("інспектор прикордонної служби"),
				keyDown, keyRunes("IGPF \x1b[31m"), keyDown, keyEnter)
			saved, err := store.Load(e.Session().Code)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Place != "Palanca, punctul de trecerje" || saved.InterviewerRole != "інспектор прикордонної служби" || saved.Institution != "IGPF [31m" {
				t.Errorf("saved header %q / %q / %q", saved.Place, saved.InterviewerRole, saved.Institution)
			}
			keys := []tea.Msg{
				keyRunes("y"),                // safe to talk
				keyRunes("y"), keyRunes("y"), // consent, consent to share
				keyRunes("17"), keyEnter, // age: a child
				keyRunes("2"),                    // no doubt about the age
				keyRunes("01.03.2026"), keyEnter, // arrival date, DD.MM.YYYY
				keyRunes("Олена Ștefănescu"), keyEnter, // contact details (Cyrillic and Romanian)
				keyRunes("y"),                          // job offer
				keyRunes("1"), keyRunes("2"), keyEnter, // recruited via: acquaintance, online
				keyRunes("3"),            // different from what was promised
				keyRunes("14"), keyEnter, // hours per day
				keyRunes("2"),                                                              // not paid as agreed
				keyRunes("n"), keyRunes("Pașaportul e la patron"), keyEnter, keyRunes("y"), // note, documents held
				keyRunes("2"), // not free to leave
				keyRunes("4"), // debt: prefer not to answer
				keyRunes("3"), // threats: don't know
				keyRunes("2"), // no medical need
			}
			m = update(m, keys...)
			mm := m.(Model)
			if mm.screen != screenReview {
				t.Fatalf("after the last answer the screen is %d, want the review:\n%s", mm.screen, plainView(m))
			}
			m = update(m, keyRunes("f"))
			mm = m.(Model)
			if mm.screen != screenResult {
				t.Fatalf("screen %d, want the result", mm.screen)
			}
			s := e.Session()
			if s.Lang != lp.lang || s.UILang != lp.uiLang || !s.Interpreter {
				t.Errorf("session languages %s/%s interpreter %v, want %s/%s true", s.Lang, s.UILang, s.Interpreter, lp.lang, lp.uiLang)
			}
			want, err := indicators.Score(e.Guideline(), e.Answers())
			if err != nil {
				t.Fatal(err)
			}
			if mm.result.a.Outcome != want.Outcome {
				t.Errorf("outcome %s, want %s", mm.result.a.Outcome.ID, want.Outcome.ID)
			}
			outcome := want.Outcome.Text.In(lp.lang)
			if !strings.Contains(strings.Join(strings.Fields(plainView(m)), " "), firstWords(outcome, 3)) {
				t.Errorf("the result does not show the outcome %q:\n%s", outcome, plainView(m))
			}
			checks := map[string]guidelines.Value{
				"age": num(17), "arrival_date": str("2026-03-01"), "contact_details": str("Олена Ștefănescu"),
				"recruited_via": list("acquaintance", "online"), "job_as_promised": str("different"),
				"debt": guidelines.DeclinedValue, "threats": guidelines.UnknownValue,
			}
			for id, v := range checks {
				if got := s.Answers.Values[id]; !got.Equal(v) {
					t.Errorf("%s = %+v, want %+v", id, got, v)
				}
			}
			if got := s.Answers.Notes["documents_held"]; got != "Pașaportul e la patron" {
				t.Errorf("note = %q", got)
			}
			m = update(m, keyEnter) // close
			if !m.(Model).quitting || e.Current().Stage != interview.StageDone {
				t.Errorf("Enter on the result does not close the interview")
			}
		})
	}
}

// chooseLang presses → on the setup form until field shows lang.
func chooseLang(t *testing.T, m tea.Model, lang string, field int) tea.Model {
	t.Helper()
	for range 5 {
		su := m.(Model).setup
		cur := su.langs[su.lang]
		if field == 1 {
			cur = localesLanguages()[su.uiLang]
		}
		if cur == lang {
			return m
		}
		m = update(m, tea.KeyMsg{Type: tea.KeyRight})
	}
	t.Fatalf("the setup form never offered %s", lang)
	return m
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// TestBackAndReview: b goes back, Backspace edits in an input, an answer that no longer
// applies is marked in words, and Enter on a review item goes to it.
func TestBackAndReview(t *testing.T) {
	e := session{lang: "ro", uiLang: "uk", answers: atDate}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = update(m, keyRunes("2026-03-01"), keyEnter, keyRunes("abc"), tea.KeyMsg{Type: tea.KeyBackspace})
	if got := m.(Model).question.input.Value(); got != "ab" {
		t.Fatalf("Backspace while typing: input %q, want \"ab\"", got)
	}
	update(m, keyEsc, keyRunes("b"))
	if q := e.Current().Question; q == nil || q.ID != "arrival_date" {
		t.Fatalf("b went to %v, want arrival_date", q)
	}
	e2 := session{lang: "ro", uiLang: "uk", answers: changed}.engine(t)
	var r tea.Model = New(e2, Options{})
	r = update(r, tea.WindowSizeMsg{Width: 100, Height: 60})
	view := plainView(r)
	if !strings.Contains(view, "Уже не застосовується") {
		t.Errorf("the review does not say which answers no longer apply:\n%s", view)
	}
	update(r, tea.KeyMsg{Type: tea.KeyHome}, keyEnter)
	if q := e2.Current().Question; q == nil || q.ID != "safe_to_talk" {
		t.Errorf("Enter on the first review item went to %v", q)
	}
}

// TestResizeReflows: the same screen is laid out anew for every size and never has a
// line wider than the terminal.
func TestResizeReflows(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", answers: atWork}.engine(t)
	var m tea.Model = New(e, Options{})
	for _, size := range [][2]int{{80, 24}, {60, 20}, {120, 40}, {61, 21}, {200, 50}} {
		m = update(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(plainView(m), "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for _, l := range lines {
			if w := ansiWidth(l); w > size[0] {
				t.Errorf("%dx%d: line of %d cells: %q", size[0], size[1], w, l)
			}
		}
	}
}

// TestNothingFromFilesReachesTheTerminal: escape sequences in notes and typed answers are
// removed before they are drawn.
func TestNothingFromFilesReachesTheTerminal(t *testing.T) {
	evil := "ok\x1b]0;pwned\x07\x1b[2J\u202e!"
	e := session{lang: "uk", uiLang: "ro", answers: atWork, notes: map[string]string{"job_offer": evil}}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	v := m.View()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\u202e"} {
		if strings.Contains(v, bad) {
			t.Errorf("the view contains %q", bad)
		}
	}
}

// TestSelfModeHidesInterviewerParts: the person alone never sees the interviewer's hint
// or indicator panel, even when they press h and i. The same keys with an interviewer
// show both, which proves that the texts searched for are the ones a leak would draw.
func TestSelfModeHidesInterviewerParts(t *testing.T) {
	// In self mode every text is in the person's language (uk); an interviewer here reads
	// Ukrainian too, so the same messages are searched in both runs.
	l := locales.New("uk")
	parts := []string{
		l.T("interview.hint.title", nil),        // the hint's heading
		l.T("interview.indicators.title", nil),  // the panel's heading
		l.T("interview.indicators.notice", nil), // "for the interviewer only"
		l.T("tui.key.indicators.short", nil),    // the footer's key for the panel
	}
	for _, tt := range []struct {
		mode interview.Mode
		show bool
	}{{interview.ModeSelf, false}, {interview.ModeReal, true}} {
		t.Run(string(tt.mode), func(t *testing.T) {
			e := session{lang: "uk", uiLang: "uk", mode: tt.mode, answers: atDocuments}.engine(t)
			var m tea.Model = New(e, Options{})
			// 120 columns: the panel opens beside the question, with the hint under it.
			m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40}, keyRunes("h"), keyRunes("i"))
			if m.(Model).screen != screenQuestion {
				t.Fatalf("screen %d, want a question", m.(Model).screen)
			}
			v := plainView(m)
			for _, part := range parts {
				if strings.Contains(v, part) != tt.show {
					t.Errorf("%s mode: shows %q = %v, want %v:\n%s", tt.mode, part, !tt.show, tt.show, v)
				}
			}
		})
	}
}

// TestEveryKeyAtTenThousandQuestions presses random keys (every binding, text, control
// keys, resizes) on a 10,000-question guideline: nothing may panic, and every frame fits
// the terminal (a line too many scrolls the header away, a line too wide wraps and shifts
// every line under it).
func TestEveryKeyAtTenThousandQuestions(t *testing.T) {
	if testing.Short() {
		t.Skip("large guideline")
	}
	g, ds := guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(10000, 5000))
	if g == nil || ds.HasErrors() {
		t.Fatal(ds)
	}
	s, err := interview.NewSession(g, "SYN-0001", interview.ModeTraining, "ro", "en", fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	// Exports (e on the result) go to a temp folder, never into the package.
	var m tea.Model = New(e, Options{AskLang: true, AskUILang: true, AskInterpreter: true, ExportDir: t.TempDir()})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	msgs := []tea.Msg{keyEnter, keyEsc, keyDown, keyUp, keyRunes(" "), keyRunes("y"), keyRunes("n"), keyRunes("e"),
		keyRunes("h"), keyRunes("b"), keyRunes("s"), keyRunes("i"), keyRunes("L"), keyRunes("?"), keyRunes("f"),
		keyRunes("q"), keyRunes("1"), keyRunes("2"), keyRunes("3"), keyRunes("9"), keyRunes("-"),
		keyRunes("42"), keyRunes("2026-01-02"), keyRunes("Ștefan Олена"), tea.KeyMsg{Type: tea.KeyBackspace},
		tea.KeyMsg{Type: tea.KeyLeft}, tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeyTab},
		tea.KeyMsg{Type: tea.KeyHome}, tea.KeyMsg{Type: tea.KeyEnd}, tea.KeyMsg{Type: tea.KeyPgDown},
		tea.WindowSizeMsg{Width: 60, Height: 20}, tea.WindowSizeMsg{Width: 30, Height: 10}, tea.WindowSizeMsg{Width: 120, Height: 40}}
	size := tea.WindowSizeMsg{Width: 80, Height: 24}
	press := func(i int, msg tea.Msg) {
		t.Helper()
		if s, ok := msg.(tea.WindowSizeMsg); ok {
			size = s
		}
		m = update(m, msg)
		if err := fits(m.View(), size.Width, size.Height); err != nil {
			t.Fatalf("after key %d (%v) on screen %d: %v", i, msg, m.(Model).screen, err)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 600 {
		press(i, msgs[r.IntN(len(msgs))])
		if m.(Model).quitting {
			t.Logf("ended after %d keys", i)
			break
		}
	}
	for i, msg := range msgs { // and each key once more, on whatever screen it ended
		press(600+i, msg)
	}
}

// fits reports a frame taller than height lines or with a line wider than width cells.
func fits(view string, width, height int) error {
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		return fmt.Errorf("%d lines in a terminal of %d:\n%s", len(lines), height, ansi.Strip(view))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			return fmt.Errorf("line %d is %d cells wide in a terminal of %d: %q", i+1, w, width, ansi.Strip(l))
		}
	}
	return nil
}

// TestSetupHeaderFields: the optional place, role and institution are limited to 80
// characters and sanitized; left empty they stay empty; given by the command (the session
// has them) they are not asked and are kept.
func TestSetupHeaderFields(t *testing.T) {
	store := diskStore{interview.NewMemoryStore()}
	e := session{lang: "ro", uiLang: "uk", store: store}.engine(t)
	var m tea.Model = New(e, Options{AskInterpreter: true})
	m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	m = update(m, keyDown, keyRunes(strings.Repeat("ș", 100)), keyDown, keyRunes("  \t "), keyDown, keyDown)
	if m.(Model).setup.cursor != fieldStart {
		t.Fatalf("cursor on %d after the three fields, want Start", m.(Model).setup.cursor)
	}
	update(m, keyEnter)
	s, err := store.Load(e.Session().Code)
	if err != nil {
		t.Fatal(err)
	}
	if s.Place != strings.Repeat("ș", 80) || s.InterviewerRole != "" || s.Institution != "" {
		t.Errorf("saved %q / %q / %q", s.Place, s.InterviewerRole, s.Institution)
	}

	store = diskStore{interview.NewMemoryStore()}
	e = session{lang: "ro", uiLang: "uk", store: store, header: [3]string{"Palanca", "", "IGPF"}}.engine(t)
	m = update(New(e, Options{AskInterpreter: true}), tea.WindowSizeMsg{Width: 80, Height: 24})
	view := plainView(m)
	if strings.Contains(view, "Місце співбесіди") || strings.Contains(view, "Установа") || !strings.Contains(view, "Посада інтерв'юера") {
		t.Errorf("the form asks for what the command gave, or not for the rest:\n%s", view)
	}
	// "?" typed on its own in a text field is text, not the help key.
	update(m, keyDown, keyRunes("психолог"), keyRunes("?"), keyDown, keyEnter)
	if s, _ := store.Load(e.Session().Code); s == nil || s.Place != "Palanca" || s.InterviewerRole != "психолог?" || s.Institution != "IGPF" {
		t.Errorf("saved %+v", s)
	}
}

// TestInputBackOnEmpty: on a number, date or text question every letter goes into the
// field, so Backspace (and ←) on an empty field go back to the previous question; on a
// field with text they edit it. The footer says that Esc gives the other keys back.
func TestInputBackOnEmpty(t *testing.T) {
	for _, k := range []tea.KeyMsg{{Type: tea.KeyBackspace}, {Type: tea.KeyLeft}} {
		t.Run(k.String(), func(t *testing.T) {
			e := session{lang: "uk", uiLang: "ro"}.engine(t)
			var m tea.Model = New(e, Options{})
			// Safety, then both consents: yes.
			m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24}, keyRunes("y"), keyRunes("y"), keyRunes("y"))
			if q := e.Current().Question.ID; q != "age" {
				t.Fatalf("starts at %s, want age", q)
			}
			if v := plainView(m); !strings.Contains(v, "esc alte taste") {
				t.Errorf("the footer does not say Esc gives the other keys:\n%s", v)
			}
			m = update(m, keyRunes("3"), k)
			if q := e.Current().Question.ID; q != "age" {
				t.Fatalf("%s on a field with text left the question (now %s)", k, q)
			}
			if k.Type == tea.KeyBackspace {
				if got := m.(Model).question.input.Value(); got != "" {
					t.Errorf("Backspace left %q in the field, want it empty", got)
				}
			} else {
				m = update(m, tea.KeyMsg{Type: tea.KeyDelete}) // at position 0: empties the field
			}
			m = update(m, k)
			if q := e.Current().Question.ID; q != "consent_share" {
				t.Errorf("%s on an empty field: at %s, want back at consent_share", k, q)
			}
			if m.(Model).screen != screenQuestion {
				t.Errorf("screen = %v, want the previous question", m.(Model).screen)
			}
		})
	}
}

// TestPostponeShowsContacts: "postpone and save" saves at once but does not quit: the
// contacts stay until a key is pressed, and on the smallest screen PgDn reaches every one
// of them on the pause screen and after it.
func TestPostponeShowsContacts(t *testing.T) {
	store := diskStore{interview.NewMemoryStore()}
	e := session{guideline: guidelines.DefaultID, lang: "uk", uiLang: "ro", store: store}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20}, keyRunes("2")) // not private
	contacts := []string{"112", "116 111", "0 800 77777"}
	seen := func(m tea.Model) string {
		var all strings.Builder
		for range 6 {
			all.WriteString(plainView(m))
			m = update(m, keyPgDown)
		}
		return all.String()
	}
	for _, ct := range contacts {
		if v := seen(m); !strings.Contains(v, ct) {
			t.Errorf("the pause screen never shows %s, even with PgDn:\n%s", ct, v)
		}
	}
	m = update(m, keyRunes("1")) // postpone and save
	if mm := m.(Model); mm.quitting || mm.screen != screenPostponed {
		t.Fatalf("postponing: quitting=%v screen=%v, want the contacts kept on the screen", mm.quitting, mm.screen)
	}
	if _, err := store.Load("MD-7K3Q-2PXA"); err != nil {
		t.Errorf("not saved on postponing: %v", err)
	}
	for _, ct := range contacts {
		if v := seen(m); !strings.Contains(v, ct) {
			t.Errorf("the postponed screen never shows %s, even with PgDn:\n%s", ct, v)
		}
	}
	// Many PgDn do not need as many PgUp: one brings the top back into view.
	m = update(m, keyPgDown, keyPgDown, keyPgDown, keyPgDown, keyPgDown, keyPgUp, keyPgUp)
	if v := plainView(m); !strings.Contains(v, "Interviu amânat") || !strings.Contains(v, "Enter") {
		t.Errorf("after PgUp the top of the postponed screen is not shown:\n%s", v)
	}
	m, cmd := m.Update(keyEnter)
	if !m.(Model).quitting || cmd == nil {
		t.Errorf("Enter on the postponed screen does not quit")
	}
}

// TestPanelFollowsResize: the indicator panel opened beside a question on a wide terminal
// becomes the overlay when the terminal narrows (not a hidden panel that takes i twice),
// one i closes it, and a wide terminal shows it beside the question again.
// (40 lines: the panel of these answers fits beside the question; a shorter wide screen
// opens it over the question, see TestWidePanelLongerThanTheScreen.)
func TestPanelFollowsResize(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", answers: atDocuments}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40}, keyRunes("i"))
	if v := plainView(m); !strings.Contains(v, "│") || !strings.Contains(v, "Indicatori identificați") {
		t.Fatalf("wide: the panel is not beside the question:\n%s", v)
	}
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := m.(Model).question.overlay; got != overlayPanel {
		t.Fatalf("narrowed with the panel open: overlay = %v, want the panel overlay", got)
	}
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if v := plainView(m); m.(Model).question.overlay != overlayNone || !strings.Contains(v, "│") {
		t.Errorf("widened again: the panel is not back beside the question:\n%s", v)
	}
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24}, keyRunes("i"))
	if v := plainView(m); strings.Contains(v, "Indicatori identificați") || m.(Model).question.panelOpen {
		t.Errorf("one i after narrowing does not close the panel:\n%s", v)
	}
	m = update(m, keyRunes("i"))
	if got := m.(Model).question.overlay; got != overlayPanel {
		t.Errorf("i on a narrow terminal: overlay = %v, want the panel", got)
	}
}

// TestLongQuestionKeepsBothLanguages: a long consent question on the smallest screen opens
// at the top of its text with the question in both languages; Enter reads on to its
// answers without answering, and PgUp brings the instruction above it back.
func TestLongQuestionKeepsBothLanguages(t *testing.T) {
	for _, lp := range langPairs {
		t.Run(lp.lang+"-"+lp.uiLang, func(t *testing.T) {
			e := session{lang: lp.lang, uiLang: lp.uiLang, answers: atConsent}.engine(t)
			var m tea.Model = New(e, Options{})
			m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20})
			q := e.Current().Question
			v := plainView(m)
			for _, lang := range []string{lp.lang, lp.uiLang} {
				if first := strings.Join(strings.Fields(q.Text[lang])[:3], " "); !strings.Contains(v, first) {
					t.Errorf("the question in %s (%q…) is not on the screen:\n%s", lang, first, v)
				}
			}
			// It opens at the top of its text, the instruction first; the answers below.
			if !strings.Contains(v, "◆") || strings.Contains(v, "(PgUp)") || !strings.Contains(v, "(PgDn)") {
				t.Errorf("the consent does not open at its top, with the PgDn line:\n%s", v)
			}
			// Enter reads on until the answers have been on the screen; it answers nothing.
			read := update(m, keyEnter)
			if _, ok := e.Session().Answers.Values[q.ID]; ok || !strings.Contains(plainView(read), "▸ 1") {
				t.Errorf("Enter before the answers were on the screen answered, or did not bring them:\n%s", plainView(read))
			}
			if v := plainView(update(read, keyPgUp)); !strings.Contains(v, "◆") {
				t.Errorf("PgUp does not show the instruction above the question:\n%s", v)
			}
			// PgUp past the top is not counted: one PgDn moves down again.
			top := update(m, keyPgUp, keyPgUp, keyPgUp, keyPgUp)
			if plainView(update(top, keyPgDown)) == plainView(top) {
				t.Errorf("after PgUp past the top, PgDn does not move the screen")
			}
		})
	}
}

// TestPauseEnterWhenScrolled: scrolled down to the contacts, Enter does not act on the
// choice out of view: it brings the choices back; a second Enter then chooses.
func TestPauseEnterWhenScrolled(t *testing.T) {
	e := session{guideline: guidelines.DefaultID, lang: "uk", uiLang: "ro"}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20}, keyRunes("2"), keyDown, keyDown, keyPgDown, keyPgDown, keyEnter)
	if mm := m.(Model); mm.screen != screenPause || mm.pause.cursor != 2 {
		t.Fatalf("Enter on the scrolled pause acted (screen %v, cursor %d)", mm.screen, mm.pause.cursor)
	}
	if v := plainView(m); !strings.Contains(v, "Continuați totuși") {
		t.Errorf("Enter did not bring the choices back:\n%s", v)
	}
	m = update(m, keyEnter)
	if m.(Model).screen == screenPause {
		t.Errorf("a second Enter did not choose")
	}
}

// TestRemarksReachTheSession: closing remarks typed on the review (r, several lines,
// Ctrl+S) are saved in the stored session, which the summary prints; on the result r
// opens them again prefilled, and Esc leaves them as they were. Self mode never opens
// them.
func TestRemarksReachTheSession(t *testing.T) {
	store := diskStore{interview.NewMemoryStore()}
	e := session{lang: "uk", uiLang: "ro", store: store, answers: complete}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := m.(Model).screen; got != screenReview {
		t.Fatalf("screen %d, want the review", got)
	}
	m = update(m, keyRunes("r"))
	if got := m.(Model).screen; got != screenRemarks {
		t.Fatalf("r on the review: screen %d, want the remarks", got)
	}
	// Letters that are keys elsewhere (f, b, q, ?) are text here.
	m = update(m, keyRunes("Persoana a acceptat ajutorul (f, b, q?)."), keyEnter, keyRunes("Домовилися про дзвінок."), keyCtrlS)
	want := "Persoana a acceptat ajutorul (f, b, q?).\nДомовилися про дзвінок."
	saved, err := store.Load("MD-7K3Q-2PXA")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Remarks != want {
		t.Errorf("saved remarks %q, want %q", saved.Remarks, want)
	}
	if mm := m.(Model); mm.screen != screenReview || !strings.Contains(plainView(m), "Домовилися про дзвінок.") {
		t.Errorf("after Ctrl+S: screen %d, want the review showing the remarks:\n%s", mm.screen, plainView(m))
	}
	m = update(m, keyRunes("f"), keyRunes("r"))
	mm := m.(Model)
	if mm.screen != screenRemarks || mm.remarks.area.Value() != want {
		t.Fatalf("r on the result: screen %d, text %q; want the remarks prefilled", mm.screen, mm.remarks.area.Value())
	}
	m = update(m, keyRunes(" şi"), keyEsc)
	if mm := m.(Model); mm.screen != screenResult || e.Session().Remarks != want {
		t.Errorf("Esc: screen %d, remarks %q; want the result and the remarks unchanged", mm.screen, e.Session().Remarks)
	}

	self := session{lang: "uk", uiLang: "ro", mode: interview.ModeSelf, answers: complete}.engine(t)
	m = update(New(self, Options{}), tea.WindowSizeMsg{Width: 80, Height: 24}, keyRunes("r"))
	if mm := m.(Model); mm.screen != screenReview || strings.Contains(plainView(m), "Observații") || strings.Contains(plainView(m), "зауваж") {
		t.Errorf("self mode: screen %d after r, or the remarks are shown:\n%s", mm.screen, plainView(m))
	}
}

// TestWidePanelLongerThanTheScreen: on a wide terminal the indicator panel beside the
// question says on its last line when it is cut, i then opens it over the question, and
// PgDn there reaches its last indicator; i closes it. Goldens at 120×24.
func TestWidePanelLongerThanTheScreen(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	var m tea.Model = New(e, Options{})
	// Back on a question (every question is answered), the panel opened where it fits.
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 50}, keyRunes("s"), keyUp, keyEnter, keyRunes("i"))
	if mm := m.(Model); mm.screen != screenQuestion || !mm.question.panelOpen || mm.question.overlay != overlayNone {
		t.Fatalf("screen %d panel %v overlay %v: want the panel beside a question", mm.screen, mm.question.panelOpen, mm.question.overlay)
	}
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 24})
	beside := plainView(m)
	if !strings.Contains(beside, "│") || !strings.Contains(beside, "Mai multe mai jos: apăsați i") {
		t.Errorf("the cut side panel does not say how to see the rest:\n%s", beside)
	}
	golden.RequireEqual(t, []byte(beside+"\n"))

	m = update(m, keyRunes("i"))
	if got := m.(Model).question.overlay; got != overlayPanel {
		t.Fatalf("i beside a cut panel: overlay %v, want the scrollable panel", got)
	}
	for range 6 {
		m = update(m, keyPgDown)
	}
	a, err := e.Assessment()
	if err != nil {
		t.Fatal(err)
	}
	last := a.Indicators[len(a.Indicators)-1].Indicator.Text.In("ro")
	if v := strings.Join(strings.Fields(plainView(m)), " "); !strings.Contains(v, firstWords(last, 3)) {
		t.Errorf("PgDn does not reach the last indicator %q:\n%s", last, plainView(m))
	}
	m = update(m, keyRunes("i"))
	if mm := m.(Model); mm.question.overlay != overlayNone || mm.question.panelOpen {
		t.Errorf("i on the panel: overlay %v panel %v, want it closed", mm.question.overlay, mm.question.panelOpen)
	}
	// Opened on a screen too short for it beside the question: over it at once.
	m = update(m, keyRunes("i"))
	if got := m.(Model).question.overlay; got != overlayPanel {
		t.Errorf("i with the panel too long to stand beside: overlay %v, want it over the question", got)
	}
}

// On a multi question with options ticked, "Don't know" (or "Prefer not to answer") does
// not silently drop the ticks: Enter asks to confirm, naming how many it replaces, a
// second Enter answers, any other key keeps the ticks. Space on it says how to give it.
func TestMultiSpecialAnswerConfirmsReplacingTicks(t *testing.T) {
	start := func(t *testing.T) (*interview.Engine, tea.Model) {
		e := session{lang: "uk", uiLang: "ro", answers: atMulti}.engine(t)
		var m tea.Model = New(e, Options{})
		// Tick options 1 and 3 (the cursor follows), then go down to "Nu știu" (row 5).
		return e, update(m, tea.WindowSizeMsg{Width: 80, Height: 24}, keyRunes("1"), keyRunes("3"), keyDown, keyDown)
	}
	const asks = "„Nu știu” înlocuiește cele 2 opțiuni bifate. Apăsați din nou Enter"
	_, unanswered := atMulti["recruited_via"]
	if unanswered {
		t.Fatal("the test starts at recruited_via answered")
	}

	t.Run("confirmed", func(t *testing.T) {
		e, m := start(t)
		m = update(m, keyEnter)
		v := plainView(m)
		if !strings.Contains(v, asks) || strings.Count(v, "[x]") != 2 {
			t.Errorf("Enter on Nu știu with 2 ticks does not ask to confirm, with the ticks kept:\n%s", v)
		}
		if _, ok := e.Session().Answers.Values["recruited_via"]; ok {
			t.Fatalf("answered before the confirmation: %+v", e.Session().Answers.Values["recruited_via"])
		}
		update(m, keyEnter)
		if got := e.Session().Answers.Values["recruited_via"]; got.Special != guidelines.Unknown {
			t.Errorf("after the second Enter the answer is %+v, want Don't know", got)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		e, m := start(t)
		m = update(m, keyEnter, keyRunes("b"))
		v := plainView(m)
		if strings.Contains(v, asks) || strings.Count(v, "[x]") != 2 {
			t.Errorf("another key does not cancel, keeping the ticks:\n%s", v)
		}
		if _, ok := e.Session().Answers.Values["recruited_via"]; ok || e.Current().Question.ID != "recruited_via" {
			t.Errorf("the cancelling key answered or moved: %+v at %s", e.Session().Answers.Values["recruited_via"], e.Current().Question.ID)
		}
		// The ticks are still the answer Enter gives on an option.
		update(m, keyRunes("1"), keyRunes("1"), keyEnter)
		if got := e.Session().Answers.Values["recruited_via"]; len(got.List) != 2 {
			t.Errorf("the ticks kept after cancelling give %+v, want both options", got)
		}
	})
	t.Run("space", func(t *testing.T) {
		e, m := start(t)
		m = update(m, keyRunes(" "))
		if v := plainView(m); !strings.Contains(v, "! Tasta Spațiu bifează doar opțiunile de mai sus.") || strings.Count(v, "[x]") != 2 {
			t.Errorf("Space on Nu știu says nothing:\n%s", v)
		}
		if _, ok := e.Session().Answers.Values["recruited_via"]; ok {
			t.Error("Space on Nu știu answered")
		}
	})
}

// TestSetupFormAtSmallSize: in a text field the footer does not offer ? (it is text there),
// a field left shows how its text begins, and on the start button the footer offers no
// value to change; at 60×20, in every language of the form, the start button is on the
// screen when the cursor is on it.
func TestSetupFormAtSmallSize(t *testing.T) {
	for _, ui := range localesLanguages() {
		t.Run(ui, func(t *testing.T) {
			l := locales.New(ui)
			help := "? " + l.T("tui.key.help.short", nil)
			adjust := l.T("tui.key.adjust.short", nil)
			start := "[ " + l.T("interview.setup.start", nil) + " ]"
			e := session{guideline: guidelines.DefaultID, lang: "uk", uiLang: ui, mode: interview.ModeTraining}.engine(t)
			var m tea.Model = New(e, Options{AskLang: true, AskUILang: true, AskInterpreter: true})
			m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20})
			if v := plainView(m); !strings.Contains(v, help) || !strings.Contains(v, adjust) {
				t.Errorf("on a value field the footer does not offer help and ←→:\n%s", v)
			}
			// The interpreter field, then the role (the second text field).
			m = update(m, keyDown, keyDown, keyDown, keyDown, keyRunes("ofițer poliție de frontieră?"))
			v := plainView(m)
			if strings.Contains(v, help) {
				t.Errorf("in a text field, where ? is text, the footer offers %q:\n%s", help, v)
			}
			if !strings.Contains(v, "frontieră?") {
				t.Errorf("the typed ? is not in the field:\n%s", v)
			}
			m = update(m, keyDown)
			if v := plainView(m); !strings.Contains(v, "› ofițer poliție") {
				t.Errorf("the field left does not show the start of its text:\n%s", v)
			}
			m = update(m, keyDown)
			if m.(Model).setup.cursor != fieldStart {
				t.Fatalf("cursor on field %d, want the start button", m.(Model).setup.cursor)
			}
			v = plainView(m)
			if !strings.Contains(v, "▸ "+start) {
				t.Errorf("the start button under the cursor is not on the screen:\n%s", v)
			}
			if strings.Contains(v, adjust) || !strings.Contains(v, help) {
				t.Errorf("on the start button the footer offers %q, or no help:\n%s", adjust, v)
			}
		})
	}
}

// TestReviewPages: PgUp and PgDn page the review's list: the cursor moves by about a
// screen, the list scrolls with it, and the ends stop it.
func TestReviewPages(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	rows := len(m.(Model).review.items)
	if m.(Model).screen != screenReview || m.(Model).review.cursor != rows-1 {
		t.Fatalf("the review does not open on its finish row")
	}
	first := m.(Model).review.secs[0].Section.Title.Plain("ro")
	if strings.Contains(plainView(m), first) {
		t.Fatalf("the test needs a review longer than the screen:\n%s", plainView(m))
	}
	m = update(m, keyPgUp)
	if c := m.(Model).review.cursor; c >= rows-2 || c == 0 {
		t.Errorf("PgUp moved the cursor from %d to %d, want about a screen up", rows-1, c)
	}
	pages := 1
	for ; m.(Model).review.cursor > 0 && pages < rows; pages++ {
		m = update(m, keyPgUp)
	}
	if v := plainView(m); !strings.Contains(v, first) || pages > rows/2 {
		t.Errorf("%d PgUp for %d rows, and the top of the list is not shown:\n%s", pages, rows, v)
	}
	m = update(m, keyPgUp)
	if c := m.(Model).review.cursor; c != 0 {
		t.Errorf("PgUp on the first row moved to %d", c)
	}
	m = update(m, keyPgDown)
	if c := m.(Model).review.cursor; c <= 1 {
		t.Errorf("PgDn moved the cursor from 0 to %d, want about a screen down", c)
	}
	for range rows {
		m = update(m, keyPgDown)
	}
	if c := m.(Model).review.cursor; c != rows-1 {
		t.Errorf("PgDn does not stop on the finish row: %d of %d", c, rows)
	}
}

// slowStore is a store whose saves wait for release once armed: a USB stick that takes
// its time to sync. started is signalled when an armed save begins.
type slowStore struct {
	diskStore
	armed            *atomic.Bool
	started, release chan struct{}
}

func (s slowStore) Save(sess *interview.Session) error {
	if s.armed.Load() {
		s.started <- struct{}{}
		<-s.release
	}
	return s.diskStore.Save(sess)
}

// TestQuickExitBlanksBeforeTheSave: the frame after Ctrl+X is the neutral prompt while the
// save is still running (the disk is slow); keys pressed meanwhile change nothing; once
// the save returns the program quits with the session saved at the question.
func TestQuickExitBlanksBeforeTheSave(t *testing.T) {
	store := slowStore{diskStore{interview.NewMemoryStore()}, new(atomic.Bool), make(chan struct{}), make(chan struct{})}
	e := session{lang: "uk", uiLang: "ro", store: store, answers: atWork}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	store.armed.Store(true)

	// Update runs beside the test: a save inside it would block it on the slow disk.
	type result struct {
		m   tea.Model
		cmd tea.Cmd
	}
	updated := make(chan result, 1)
	go func() {
		m, cmd := m.Update(keyCtrlX)
		updated <- result{m, cmd}
	}()
	var cmd tea.Cmd
	select {
	case r := <-updated:
		m, cmd = r.m, r.cmd
	case <-store.started:
		close(store.release)
		t.Fatal("Ctrl+X saved before it returned the blank frame")
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl+X did not return")
	}
	if v := m.View(); strings.TrimSpace(v) != "$" {
		t.Fatalf("the frame after Ctrl+X is %q, want the neutral prompt before anything is saved", v)
	}
	if cmd == nil {
		t.Fatal("Ctrl+X returned no command: the save ran in Update")
	}
	msgs := make(chan tea.Msg, 1)
	go func() { msgs <- cmd() }()
	select {
	case <-store.started:
	case <-time.After(10 * time.Second):
		t.Fatal("the quick exit never saved")
	}
	// The save is under way and blocked: the screen stays blank whatever is pressed.
	m, _ = m.Update(keyRunes("y"))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	if v := m.View(); strings.TrimSpace(v) != "$" {
		t.Errorf("the frame during the save is %q, want the neutral prompt", v)
	}
	close(store.release)
	var done tea.Msg
	select {
	case done = <-msgs:
	case <-time.After(10 * time.Second):
		t.Fatal("the save never returned")
	}
	m, cmd = m.Update(done)
	if cmd == nil || cmd() != tea.Quit() {
		t.Errorf("after the save: want the program to quit")
	}
	if !ended(m) || strings.TrimSpace(m.View()) != "$" {
		t.Errorf("ended %v, frame %q: want the end, and still the neutral prompt", ended(m), m.View())
	}
	saved, err := store.Load("MD-7K3Q-2PXA")
	if err != nil {
		t.Fatal(err)
	}
	if got := saved.Position.Question; got != e.Current().Question.ID {
		t.Errorf("saved at %q, want %q", got, e.Current().Question.ID)
	}
}

// TestHelpScrolls: the full help is longer than a 60×20 screen; PgDn reaches its last
// line (the quick exit) and PgUp goes back to the top, with "…" where it is cut.
func TestHelpScrolls(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", answers: atWork}.engine(t)
	m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 60, Height: 20}, keyRunes("?"))
	mm := m.(Model)
	title := mm.c.t("tui.help.title")
	last := mm.c.keys.allKeysOf(mm.c.keys.Quit) // the last line of the help
	top := func(v string) bool {
		return strings.Contains(v, title) && !strings.Contains(v, " "+last+" ") && strings.Contains(v, "  …")
	}
	if v := plainView(m); !top(v) {
		t.Fatalf("the help opens at its top, cut with …:\n%s", v)
	}
	m = update(m, keyPgDown)
	if v := plainView(m); !strings.Contains(v, " "+last+" ") || strings.Contains(v, "  …") {
		t.Errorf("PgDn does not reach the end of the help:\n%s", v)
	}
	m = update(m, keyPgUp)
	if v := plainView(m); !top(v) {
		t.Errorf("PgUp does not go back to the help's top:\n%s", v)
	}
}
